"""Opening the input: sources (ZIPs expanded) -> tables read -> each table's system and layout (vendor.py) -> the
matter tables and the contact lookups. What the user stated instead of detection comes in as `Given`."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Mapping as MappingT, Sequence

from ..errors import InputError
from ..mappings import known_headers
from ..read import open_members, read_table
from ..read.options import NO_OPTIONS, Fix, ReadOptions, for_file
from ..report import Report
from ..table import Table
from ..vendor import THRESHOLD, Plan, choose, detect


@dataclass
class Loaded:
    """One table read from a source (or a ZIP member) with its detected plan."""
    table: Table
    plan: Plan
    in_zip: bool
    rows: int = -1          # rows the table held (its rows are released once processed, to cap peak memory)
    data: bytes = b""       # the source bytes: read again only when IDs must be reserved (reserved.py)
    options: ReadOptions = NO_OPTIONS   # how it was read (given, else detected): a second read reads it the same



@dataclass(frozen=True)
class Given:
    """What the user stated instead of detection, per file (or ZIP member) name, "*" for every file: reading
    options (ReadOptions keys), column choices (source column -> field or "ignore") and cell fixes."""
    read: MappingT[str, MappingT] = field(default_factory=dict)
    columns: MappingT[str, MappingT[str, str]] = field(default_factory=dict)
    fixes: tuple[Fix, ...] = ()
    saved: MappingT[str, str] = field(default_factory=dict)   # a loaded mapping file: used where its columns are

    def read_options(self, *names: str) -> ReadOptions:
        return for_file(self.read, self.fixes, *names)

    def chosen(self, header, *names: str) -> dict[str, str]:
        from ..user_mapping import present
        mine = next((self.columns[n] for n in names if n in self.columns), None)
        if mine is None:        # choices for every file apply where the file has the column
            mine = present(self.columns.get("*", {}), header)
        return {**present(self.saved, header), **mine}



def load_tables(sources, mappings, system, report: Report, given: "Given | None" = None) -> list[Loaded]:
    """Every table in the (name, bytes) sources, read and matched to a layout as the job would (for a preview)."""
    return _load_all(sources, mappings, system, report, given)


def _load_all(sources, mappings, system, report: Report, given: "Given | None" = None,
              archives: list[tuple[str, list[str]]] | None = None) -> list[Loaded]:
    """Every table in the sources; `archives` (when given) receives each ZIP's name and the files it holds, for the
    message when none of them is a matter list."""
    given = given or Given()
    vocabulary = known_headers(mappings)
    out: list[Loaded] = []
    for name, data in sources:
        members = open_members(data, name=name)
        in_zip = not (len(members) == 1 and members[0].name == name)
        if in_zip and archives is not None:
            archives.append((name, [m.name[len(name) + 1:] if m.name.startswith(name + "/") else m.name
                                    for m in members]))
        for member in members:
            names = (member.name, member.name.rsplit("/", 1)[-1], name)
            options = given.read_options(*names)
            try:
                table = read_table(member.data, name=member.name, known_headers=vocabulary, options=options)
            except InputError as exc:
                if not in_zip or exc.code == "options-invalid":
                    raise
                report.add("info", "member-ignored", f"not read: {exc.message}", file=member.name)
                continue
            if in_zip:
                table.detection.member = member.name
            plan = detect(table, mappings, name=member.name, system=system)
            chosen = given.chosen(plan.header, *names)
            if chosen:
                if not plan.header:
                    plan = dataclasses.replace(plan, header=("",) * table.width)
                plan = choose(plan, chosen, file=member.name)
            out.append(Loaded(table, plan, in_zip, data=member.data, options=options))
    _check_every_file_choices(given, out)
    return out


def _check_every_file_choices(given: "Given", loaded: list[Loaded]) -> None:
    """Choices for every file ("*", the CLI's --map) apply where a file has the column; one that no file has is a
    typing mistake and must not be dropped silently."""
    from ..user_mapping import present
    wanted = dict(given.columns.get("*", {}))
    for x in loaded:
        for column in present(wanted, x.plan.header):
            wanted.pop(column, None)
    if wanted and loaded:
        headers = sorted({h for x in loaded for h in x.plan.header if h})
        raise InputError(f"the mapping names column(s) {', '.join(map(repr, wanted))}, which no input file has "
                         f"(columns: {', '.join(headers) or 'none'})", code="options-invalid",
                         file=", ".join(dict.fromkeys(x.table.source for x in loaded)))


def _choose(loaded: list[Loaded], report: Report, archives: Sequence[tuple[str, list[str]]] = ()
            ) -> tuple[list[Loaded], list[Loaded]]:
    """Matter tables and contact lookups; everything else is reported and left out."""
    confident = any(x.in_zip and x.plan.kind in ("matters", "combined") and x.plan.mapping.role != "synonyms"
                    and x.plan.confidence >= THRESHOLD for x in loaded)
    matters, contacts = [], []
    for x in loaded:
        plan, name = x.plan, x.table.source
        if plan.kind == "other":
            what = f"{plan.mapping.name} {plan.export.label}"
            report.add("info" if x.in_zip else "warning", "not-a-matter-list",
                       f"left out: it looks like {what}", file=name)
        elif x.in_zip and (plan.confidence < THRESHOLD or (confident and plan.mapping.role == "synonyms")):
            report.add("info", "member-ignored", "left out: not recognised as a client or matter list", file=name)
        elif plan.kind == "contacts":
            contacts.append(x)
        else:
            matters.append(x)
    if any(not x.plan.missing() for x in matters):
        # A clients file beside a matters file (a table with client columns and no matter column) is a lookup.
        lookups = [x for x in matters if x.plan.missing() == ["matter reference or name"]]
        for x in lookups:
            report.add("info", "contacts-joined", "no matter column: used as the client list, joined to the "
                       "matters on the client reference", file=x.table.source)
        matters = [x for x in matters if x not in lookups]
        contacts += lookups
    elif matters and all(x.plan.missing() == ["matter reference or name"] for x in matters):
        contacts, matters = contacts + matters, []
    if not matters:
        file = loaded[0].table.source if loaded else ", ".join(n for n, _ in archives) or None
        raise InputError(_nothing_message(loaded, contacts, archives), file=file, code="no-matter-list")
    for x in matters:
        missing = x.plan.missing()
        if not any(x.plan.columns.values()) or missing:
            raise InputError(_unmapped_message(x, missing), file=x.table.source, code="unmapped")
    return matters, contacts


def _nothing_message(loaded: list[Loaded], contacts: list[Loaded],
                     archives: Sequence[tuple[str, list[str]]] = ()) -> str:
    if contacts:
        return ("this is a contacts/clients export only; add the matters export too (both files in one command)")
    kinds = {x.plan.export.label for x in loaded if x.plan.kind == "other"}
    if kinds:
        return f"no client/matter list found: this looks like {', '.join(sorted(kinds))}"
    if archives:      # ZIPs whose files were all left out (or that hold none): say what each holds
        return "no client/matter list found: " + "; ".join(_archive_contents(n, files) for n, files in archives)
    return "no client/matter list found in the input"


def _archive_contents(name: str, files: list[str]) -> str:
    """`x.zip holds 1 file (a.pdf), none a client/matter list` / `x.zip holds no files`."""
    if not files:
        return f"{name} holds no files"
    shown = ", ".join(files[:5]) + (", …" if len(files) > 5 else "")
    count = f"{len(files)} file" + ("s" if len(files) != 1 else "")
    return f"{name} holds {count} ({shown}), none a client/matter list"


def _unmapped_message(x: Loaded, missing: list[str]) -> str:
    table = x.table
    if table.header is None and x.plan.confidence == 0:
        return (f"the file has no header row and its {table.width} columns match no known layout; add a header row "
                f"(e.g. Client ID,Client Name,Matter ID,Matter Name) or name the system with --from{_other_sheets(x)}")
    headers = ", ".join(h for h in (table.header or ()) if h) or "none"
    return (f"no column found for the {' and the '.join(missing)} (columns: {headers}); rename the column or "
            f"name the system with --from{_other_sheets(x)}")


def _other_sheets(x: Loaded) -> str:
    """For a workbook: which sheet was read, and the others to choose from with --sheet."""
    if x.table.detection.format != "xlsx":
        return ""
    from ..read.xlsx import sheet_names
    others = [n for n in sheet_names(x.data) if n != x.table.detection.sheet]
    if not others:
        return ""
    return (f"; sheet {x.table.detection.sheet!r} was read, the workbook also has {', '.join(map(repr, others))}: "
            "choose one with --sheet NAME")
