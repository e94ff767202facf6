"""The matter-list job: a system's client/matter export(s) -> CaseClock's import CSV + a report of every row.

Flow: open sources (ZIPs expanded) -> read tables -> detect each table's system and layout (vendor.py) -> pick the
matter tables and contact lookups -> per row: extract fields, split combined values, status, client, matter ->
closed filter, duplicate merge/reject -> CsvWriter (each row written once accepted). Rules: docs/RULES.md.
Invariant kept and asserted: rows_read == rows_written + rows_merged + rows_filtered + rows_rejected.
"""
from __future__ import annotations

import dataclasses
import gc
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Mapping as MappingT, Sequence

from . import progress
from .check import target_layout
from .clean import (FIELD_LIMIT, MoneyError, clean_text, cut, excel_damage, id_rule, id_shape, mentions_any,
                    name_id, parse_bool, parse_money, person_name)
from .errors import InputError
from .mappings import Mapping, header_key, known_headers, load_mappings
from .read import open_members, read_table
from .read.options import NO_OPTIONS, Fix, ReadOptions, for_file
from .report import Report, shorten
from .table import Row, Table
from .columns import label
from .vendor import THRESHOLD, Plan, choose, detect
from .write import CsvWriter

HEADER = tuple(target_layout().columns)      # CaseClock's import columns, from mappings/caseclock.toml
COUNTS = ("rows_read", "rows_written", "rows_merged", "rows_filtered", "rows_rejected")
MATTER_SLUG_LIMIT = 40
OUTPUT_NAME = "caseclock-matters.csv"
SAMPLE_IDS = 200           # rows whose IDs show what the column's IDs look like (id_shape)
REMEMBERED = 4096         # distinct status words / rate cells whose reading is remembered


@dataclass
class Loaded:
    """One table read from a source (or a ZIP member) with its detected plan."""
    table: Table
    plan: Plan
    in_zip: bool
    rows: int = -1          # rows the table held (its rows are released once processed, to cap peak memory)
    data: bytes = b""       # the source bytes: read again only when IDs must be reserved (_Builder.reserved)
    options: ReadOptions = NO_OPTIONS   # how it was read (given, else detected): a second read reads it the same


@dataclass
class MattersOutput:
    data: bytes
    report: Report
    filename: str = OUTPUT_NAME


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
        from .user_mapping import present
        mine = next((self.columns[n] for n in names if n in self.columns), None)
        if mine is None:        # choices for every file apply where the file has the column
            mine = present(self.columns.get("*", {}), header)
        return {**present(self.saved, header), **mine}


def normalize(sources: Sequence[tuple[str, bytes]], *, system: str = "auto", include_closed: bool = False,
              jurisdiction: str | None = None, excel: bool = False, sheet: str | None = None,
              mappings: MappingT[str, Mapping] | None = None, given: Given | None = None) -> MattersOutput:
    """Convert (name, bytes) sources. `sheet` names the XLSX sheet to read; `given` what the user stated instead of
    detection. Raises InputError when nothing usable can be produced."""
    mappings = mappings if mappings is not None else load_mappings()
    if system != "auto" and system not in mappings:
        raise ValueError(f"unknown system {system!r}; known: {', '.join(sorted(mappings))}")
    given = given or Given()
    if sheet:
        given = dataclasses.replace(given, read={**given.read, "*": {"sheet": sheet, **given.read.get("*", {})}})
    with _gc_paused():
        try:
            return _normalize(sources, system, include_closed, jurisdiction, excel, given, mappings)
        except _Restart:
            pass    # outside the except block, so the first attempt's state is freed before the second starts
        return _normalize(sources, system, include_closed, jurisdiction, excel, given, mappings, eager=True)


@contextmanager
def _gc_paused():
    """The job allocates millions of small acyclic objects (cells, rows, dicts); CPython's cyclic collector would
    re-scan the whole growing table again and again (superlinear on 100,000-row exports). Nothing here makes
    cycles that need it, so it is paused for the job and restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _normalize(sources, system, include_closed, jurisdiction, excel, given, mappings, eager=False) -> MattersOutput:
    """One attempt at the job. eager=False collects valid IDs as the rows go (_RefsSoFar) instead of reading every
    source a second time, and raises _Restart in the rare case that this could give another result than eager=True
    (the second pass, _scan_ids)."""
    report = Report(counts={k: 0 for k in COUNTS})
    archives: list[tuple[str, list[str]]] = []
    loaded = _load_all(sources, mappings, system, report, given, archives)
    matters, contacts = _choose(loaded, report, archives)
    output = CsvWriter(HEADER, excel_bom=excel)
    generic = next((m for m in mappings.values() if m.role == "synonyms"), None)
    builder = _Builder(report, include_closed, clean_text(jurisdiction or ""), _Lookup.build(contacts), output,
                       generic, lambda kind: (_scan_client_refs if kind == 2 else _scan_ids)(
                           matters, known_headers(mappings), kind), eager)
    for item in matters:
        builder.run(item)
    builder.finish(matters)
    _describe(report, matters, contacts, loaded, generic)
    report.meta["left_out"] = [{"file": f, "line": n, "outcome": o} for f, n, o in builder.left_out]
    counts = report.counts
    assert counts["rows_read"] == sum(counts[k] for k in COUNTS[1:]), counts
    return MattersOutput(output.data(), report)


# ------------------------------------------------------------------------------------------------ opening input

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
    from .user_mapping import present
    wanted = dict(given.columns.get("*", {}))
    for x in loaded:
        for column in present(wanted, x.plan.header):
            wanted.pop(column, None)
    if wanted and loaded:
        headers = sorted({h for x in loaded for h in x.plan.header if h})
        raise InputError(f"the mapping names column(s) {', '.join(map(repr, wanted))}, which no input file has "
                         f"(columns: {', '.join(headers) or 'none'})", code="options-invalid")


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
    from .read.xlsx import sheet_names
    others = [n for n in sheet_names(x.data) if n != x.table.detection.sheet]
    if not others:
        return ""
    return (f"; sheet {x.table.detection.sheet!r} was read, the workbook also has {', '.join(map(repr, others))}: "
            "choose one with --sheet NAME")


# ------------------------------------------------------------------------------------------------ contacts join

@dataclass
class _Lookup:
    """Client names by reference, and references by name, from a separate contacts/clients export."""
    by_ref: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, tables: list[Loaded]) -> "_Lookup":
        out = cls()
        for x in tables:
            for row in x.table.iter_rows():
                vals = extract(row.cells, x.plan)
                name = _client_name(vals, x.plan)
                ref = vals.get("client_ref", "")
                if ref and name:
                    out.by_ref.setdefault(ref, name)
                    out.by_name.setdefault(name.casefold(), ref)
                elif name:
                    out.by_name.setdefault(name.casefold(), "")
        return out


# ------------------------------------------------------------------------------------------------ per-row work

def extract(cells: Sequence[str], plan: Plan, columns: Sequence[tuple[str, tuple[int, ...]]] | None = None
            ) -> dict[str, str]:
    """Field -> cleaned value (RULES text cleaning) for one row: the first non-empty of the field's columns, then the layout's splits
    (`2658 - Name` -> client_ref + client_name; `00012-Smith: Divorce` -> matter_ref + matter_name)."""
    vals: dict[str, str] = {}
    width = len(cells)
    for name, indexes in columns if columns is not None else plan.columns.items():
        for i in indexes:
            value = cells[i] if i < width else ""
            if value:
                # clean_text inlined: this loop runs for every cell the job uses (see benchmarks/matters.py)
                if not value.isascii():
                    value = unicodedata.normalize("NFC", value)
                value = " ".join(value.split())
                if value:
                    vals[name] = value
                    break
    for split in plan.export.splits:
        value = vals.get(split.field)
        if not value:
            continue
        match = split.pattern.match(value)
        if match is None:
            continue
        for group, part in match.groupdict().items():
            if part is None:
                continue
            if group == split.field or not vals.get(group):
                vals[group] = clean_text(part)
    return vals


def _client_name(vals: dict[str, str], plan: Plan) -> str:
    """clean.client_display_name for values extract() has already cleaned: the first non-empty of the layout's
    name sources. Cleaning is idempotent, so skipping the second clean_text changes nothing (this runs per row)."""
    for source in plan.export.name_order:
        if source == "display":
            name = vals.get("client_name")
        elif source == "company":
            name = vals.get("client_company")
        elif source == "person":
            name = person_name(vals.get("client_last", ""), vals.get("client_first", ""))
        else:
            continue
        if name:
            return name
    return ""


@dataclass(slots=True)
class _Seen:
    row: tuple[str, ...]
    line: int
    file: str
    owner: object = None        # what the Matter ID stands for: the raw reference, or (Client ID, name) if derived


NAME_FIELDS = ("client_name", "client_company", "client_first", "client_middle", "client_last", "matter_name")


def _name_columns(plan: Plan) -> tuple[int, ...]:
    """Indexes of the columns a client or matter name comes from: the name fields' own and any a split takes a name
    from (Clio's `Matter` = `00012-Smith: Divorce`), each once."""
    fields = set(NAME_FIELDS) | {sp.field for sp in plan.export.splits if set(NAME_FIELDS) & set(sp.pattern.groupindex)}
    return tuple(sorted({i for f in fields for i in plan.columns.get(f, ())}))


REF_FIELDS = ("client_ref", "matter_ref")      # kind 0: Client IDs, kind 1: Matter IDs


def _id_columns(plan: Plan, field: str) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], bool]:
    """The columns that yield `field` (its own, and those a split takes it from), and whether extract() over only
    these gives the same `field` as over every column: true unless a split from some other column can write into
    one of them (then the single pass extracts the ID on its own, the way _scan_ids does)."""
    sources = {field} | {sp.field for sp in plan.export.splits if field in sp.pattern.groupindex}
    columns = tuple((f, idx) for f, idx in plan.columns.items() if f in sources)
    same = not any(sources & set(sp.pattern.groupindex) for sp in plan.export.splits if sp.field not in sources)
    return columns, same


def _scan_ids(matters: list[Loaded], vocabulary, kind: int) -> dict[str, tuple[int, str]]:
    """Every reference of one kind that is already a valid CaseClock ID -> its first (line, file). A second,
    read-only pass over the sources that have such a column: a rewritten or derived ID must never take a real one.
    Only run when the single pass's _RefsSoFar restarts the job (see _normalize)."""
    field = REF_FIELDS[kind]
    found: dict[str, tuple[int, str]] = {}
    for x in matters:
        if field not in x.plan.fields():
            continue
        table = read_table(x.data, name=x.table.source, sheet=x.table.detection.sheet, known_headers=vocabulary,
                           options=x.options)
        columns, _ = _id_columns(x.plan, field)       # only what yields the ID
        for row in table.iter_rows():
            ref = extract(row.cells, x.plan, columns).get(field)
            if ref and ref not in found and id_rule(ref) == ref:
                found[ref] = (row.line, table.source)
    return found


class _Restart(Exception):
    """A valid reference turned up after an ID was chosen assuming no source held it: redo the job eagerly."""


class _RefsSoFar:
    """Stands in for _scan_ids' result during the single pass: the valid IDs of one kind seen so far -> first
    (line, file), filled by note() on every row before the row is worked on. So a lookup that finds an ID gives the
    scan's answer (its first occurrence is behind us). A lookup that misses is remembered: should that ID turn up
    later as a valid reference, the choice made without it might differ from the scan's and the job restarts with
    the scan (_Restart). The result is always the scan's; most exports skip reading every source twice."""

    __slots__ = ("found", "assumed_free")

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, str]] = {}
        self.assumed_free: set[str] = set()

    def note(self, ref: str, line: int, file: str) -> None:
        if ref not in self.found and id_rule(ref) == ref:
            if ref in self.assumed_free:
                raise _Restart
            self.found[ref] = (line, file)

    def __contains__(self, key: str) -> bool:
        if key in self.found:
            return True
        self.assumed_free.add(key)
        return False

    def get(self, key: str, default=None):
        if key in self:
            return self.found[key]
        return default

    def __getitem__(self, key: str) -> tuple[int, str]:
        return self.found[key]


CLIENT_NAME_FIELDS = ("client_name", "client_company", "client_first", "client_last")


def _scan_client_refs(matters: list[Loaded], vocabulary, kind: int = 2) -> dict[str, tuple[str, int, str]]:
    """Client Name -> its first client reference and (line, file), from the rows that hold both. Read only when a
    row names a client without a reference in a table that has a client reference column (RULES: one client name,
    one ID; the reference wins when the same client has one on another line)."""
    found: dict[str, tuple[str, int, str]] = {}
    wanted = ("client_ref",) + CLIENT_NAME_FIELDS
    for x in matters:
        if "client_ref" not in x.plan.fields():
            continue
        table = read_table(x.data, name=x.table.source, sheet=x.table.detection.sheet, known_headers=vocabulary,
                           options=x.options)
        sources = set(wanted) | {sp.field for sp in x.plan.export.splits
                                 if any(f in sp.pattern.groupindex for f in wanted)}
        columns = tuple((f, idx) for f, idx in x.plan.columns.items() if f in sources)
        shape = _id_shapes(table, x.plan).get("client_ref", (1.0, 0))
        for row in table.iter_rows():
            vals = extract(row.cells, x.plan, columns)
            ref = vals.get("client_ref")
            if ref and excel_damage(ref, shape) is None:     # a reference Excel damaged is never taken
                name = _client_name(vals, x.plan)
                if name and name not in found:
                    found[name] = (ref, row.line, table.source)
    return found


class _Builder:
    """Holds the state that spans rows: client IDs, matter IDs, duplicates, counts."""

    def __init__(self, report: Report, include_closed: bool, jurisdiction: str, lookup: _Lookup,
                 output: CsvWriter, generic: Mapping | None = None, scan=None, eager: bool = True) -> None:
        self.report = report
        self.generic = generic          # the synonyms mapping: reads borrowed columns, adds generic no-rate words
        self.scan = scan                # kind -> valid Client IDs (0), Matter IDs (1) of every source, or client
        self.real_ids: list = [None, None, None]                # name -> first reference (2), on demand
        if not eager:       # Client / Matter IDs collected during the one pass (see _RefsSoFar)
            self.real_ids[:2] = _RefsSoFar(), _RefsSoFar()
        self.include_closed = include_closed
        self.jurisdiction = jurisdiction
        self.lookup = lookup
        self.output = output
        self.written = 0
        self.same: dict[str, str] = {}                          # one str object per repeated value (memory)
        self.statuses: dict[tuple[int, str], tuple[str, bool]] = {}
        self.rates: dict[tuple[int, str, str], tuple[str, str | None]] = {}
        self.id_owner: dict[str, tuple[str, str]] = {}          # Client ID -> ("ref"|"name", key)
        self.client_by_ref: dict[str, tuple[str, str]] = {}     # ref -> (Client ID, Client Name)
        self.client_by_name: dict[str, str] = {}                # name -> Client ID
        self.name_ref_line: dict[str, tuple[str, int, str]] = {}  # name -> (ref, line, file) it first came with
        self.name_bare_line: dict[str, tuple[int, str]] = {}    # name -> (line, file) first seen with no reference
        self.varies_warned: set[str] = set()
        self.by_mid: dict[str, _Seen] = {}
        self.by_name: dict[tuple[str, str], _Seen] = {}
        self.source_refs: dict[str, tuple[str, int, str]] = {}  # rewritten Matter ID -> (export's ref, line, file)
        self.unknown_status: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.no_jurisdiction: dict[str, int] = {}               # file -> rows written without a jurisdiction
        self.left_out: list[tuple[str, int, str]] = []          # (file, line, merged|filtered|rejected)
        self.jurisdiction_column: dict[str, str] = {}           # file -> the column read for it ("" when none)
        self.shapes: dict[str, tuple[float, int]] = {}          # ID field -> id_shape() of this table's sample
        self.name_column = True                                 # does this table have a matter name column?
        self.script_warned: set[str] = set()

    # ----------------------------------------------------------------------------------------------- one table
    def run(self, item: Loaded) -> None:
        plan, table = item.plan, item.table
        jur = plan.columns.get("jurisdiction")
        self.jurisdiction_column[table.source] = (plan.header[jur[0]] or f"column {jur[0] + 1}") if jur else ""
        self.shapes = _id_shapes(table, plan)
        self.name_column = "matter_name" in plan.fields()
        rows = table.iter_rows()         # a stream: each source row is freed once it is accounted for
        counts = dict.fromkeys(COUNTS[1:], 0)
        columns = tuple(plan.columns.items())
        notes = self._notes(plan)
        names = _name_columns(plan)
        left_out = self.left_out
        lines = (item.data.count(b"\n") + 1) if progress.active() and item.data else 0
        for row in rows:
            outcome = self.row(row, plan, table.source, columns, notes, names)
            counts[outcome] += 1
            if outcome != "rows_written":
                left_out.append((table.source, row.line, outcome[5:]))
            if lines and not row.line % progress.EVERY:
                progress.tick("converting", table.source, row.line / lines)
        item.rows = sum(counts.values())
        self.report.count("rows_read", item.rows)
        for key, n in counts.items():
            self.report.count(key, n)

    def _notes(self, plan: Plan) -> tuple:
        """(field, _RefsSoFar, columns or None) for each ID kind this table's rows must note (columns: extract the
        ID on its own, as _scan_ids would, when the row's full extract could give another value)."""
        out = []
        for kind, field in enumerate(REF_FIELDS):
            refs = self.real_ids[kind]
            if isinstance(refs, _RefsSoFar) and field in plan.fields():
                columns, same = _id_columns(plan, field)
                out.append((field, refs, None if same else columns))
        return tuple(out)

    def row(self, row: Row, plan: Plan, file: str, columns=None, notes=(), names=()) -> str:
        """Process one source row; returns the count it lands in. `names`: the columns holding a client or matter
        name, whose line breaks (collapsed by the text cleaning, RULES) are reported."""
        line = row.line
        vals = extract(row.cells, plan, columns)
        for field, refs, own in notes:      # every row, even one filtered or rejected below, as _scan_ids reads
            ref = vals.get(field) if own is None else extract(row.cells, plan, own).get(field)
            if ref:
                refs.note(ref, line, file)
        if self._closed(vals, plan, line, file) and not self.include_closed:
            return "rows_filtered"
        if names:
            cells = row.cells
            for i in names:
                cell = cells[i] if i < len(cells) else ""
                if "\n" in cell or "\r" in cell:
                    column = plan.header[i] if i < len(plan.header) else f"column {i + 1}"
                    self.report.add("info", "line-breaks-joined", f"{column} {shorten(clean_text(cell))!r} had line "
                                    "breaks inside it; joined into one line with spaces", row=line, column=column,
                                    file=file)
        client = self._client(vals, plan, line, file)
        if client is None:
            return "rows_rejected"
        cid, cname = client
        matter = self._matter(vals, cid, line, file, plan)
        if matter is None:
            return "rows_rejected"
        mid, mname, derived, owner = matter
        same = self.same
        jur = vals.get("jurisdiction", "") or self.jurisdiction
        area = vals.get("practice_area", "")
        rate = self._rate(vals, plan, line, file)
        out = (cid, cname, mid, mname, jur, area, rate)
        if any(len(v) > FIELD_LIMIT for v in out):
            out = self._limit(out, line, file)
            if out is None:
                return "rows_rejected"
        if not jur:
            self.no_jurisdiction[file] = self.no_jurisdiction.get(file, 0) + 1
        cid, cname, mid, mname, jur, area, rate = out
        out = (cid, cname, mid, mname, same.setdefault(jur, jur), same.setdefault(area, area), rate)
        return self._accept(out, derived, owner, line, file)

    def _limit(self, out: tuple[str, ...], line: int, file: str) -> tuple[str, ...] | None:
        """A value longer than one cell may hold (FIELD_LIMIT, the limit `check` applies too): a name or text is
        cut with a warning; an ID that long cannot be a reference, so the row is left out."""
        for i in (0, 2):
            if len(out[i]) > FIELD_LIMIT:
                self.report.add("error", "cell-too-long", f"{HEADER[i]} is {len(out[i]):,} characters long, more than "
                                f"the {FIELD_LIMIT:,} a cell may hold; this row is left out", row=line,
                                column=HEADER[i], file=file)
                return None
        fixed = list(out)
        for i, value in enumerate(out):
            if len(value) > FIELD_LIMIT:
                fixed[i] = cut(value)
                self.report.add("warning", "cell-cut", f"{HEADER[i]} {shorten(value)!r} is {len(value):,} characters "
                                f"long; cut to the {FIELD_LIMIT:,} a cell may hold", row=line, column=HEADER[i],
                                file=file)
        return tuple(fixed)

    def _vocabulary(self, plan: Plan, field: str) -> Mapping:
        """The mapping whose vocabulary reads this field: the synonyms' for a column the layout borrowed."""
        return self.generic if field in plan.borrowed and self.generic is not None else plan.mapping

    def reserved(self, kind: int) -> dict[str, tuple[int, str]]:
        """Valid IDs the sources hold (0: Client IDs, 1: Matter IDs), read on the first ID that is not a row's own
        valid reference: most exports never need the second pass. Kind 2: client name -> first reference, read on
        the first row that names a client without a reference."""
        if self.real_ids[kind] is None:
            self.real_ids[kind] = self.scan(kind) if self.scan is not None else {}
        return self.real_ids[kind]

    # ----------------------------------------------------------------------------------------------- status
    def _closed(self, vals: dict[str, str], plan: Plan, line: int, file: str) -> bool:
        vocab = self._vocabulary(plan, "status").status
        status, reason = "open", None           # reason: (field, value) that decided, worded only when reported
        word = vals.get("status", "")
        if word:
            status, known = self._classify(vocab, word)
            reason = ("status", word)
            if not known and vocab.warn_unknown:
                self.unknown_status.setdefault((plan.mapping.name, word), []).append((line, file))
        flag = vals.get("closed_flag", "")
        if flag and parse_bool(flag) is not False:
            status, reason = "closed", ("closed_flag", flag)
        active = vals.get("open_flag", "")
        if active:
            value = parse_bool(active)
            vocab = self._vocabulary(plan, "open_flag").status
            if value is False or (value is None and self._classify(vocab, active)[0] == "closed"):
                status, reason = "closed", ("open_flag", active)
        if status != "closed":
            return False
        if self.include_closed:
            return True
        field, value = reason
        column = plan.header[plan.columns[field][0]]
        self.report.add("info", "matter-closed", f"closed matter left out ({column} = {value!r}); use "
                        "--include-closed to keep it", row=line, column=column, file=file)
        return True

    def _classify(self, vocab, word: str) -> tuple[str, bool]:
        """vocab.classify(word), remembered: a status column holds a handful of distinct words."""
        key = (id(vocab), word)
        known = self.statuses.get(key)
        if known is None:
            known = vocab.classify(word)
            if len(self.statuses) < REMEMBERED:
                self.statuses[key] = known
        return known

    # ----------------------------------------------------------------------------------------------- client
    def _client(self, vals: dict[str, str], plan: Plan, line: int, file: str) -> tuple[str, str] | None:
        name = _client_name(vals, plan)
        ref = vals.get("client_ref", "")
        if ref and "client_ref" in self.shapes:
            damage = excel_damage(ref, self.shapes["client_ref"])
            if damage is not None:
                column = _column_of(plan, "client_ref")
                self.report.add("warning", "id-damaged-by-excel", f"Client ID {damage}; it is not used: the Client "
                                "ID is made from the client's name instead. Correct the ID in the file (or export it "
                                "again without opening it in Excel) to keep it", row=line, column=column, file=file)
                ref = ""
        if ref and not name:
            name = self.lookup.by_ref.get(ref, "")
        if name and not ref and self.lookup.by_name:
            ref = self.lookup.by_name.get(name.casefold(), "")
        if ref:
            known = self.client_by_ref.get(ref)
            if known is not None:
                cid, first_name = known
                if name and name != first_name:
                    self.report.add("warning", "client-name-varies",
                                    f"client {ref!r} is named {name!r} here but {first_name!r} earlier; the first "
                                    "name is used so one Client ID has one name", row=line, column="Client Name",
                                    file=file)
                return cid, first_name
            cid = id_rule(ref)
            if cid:
                if cid != ref:
                    self.report.add("warning", "client-id-rewritten",
                                    f"Client ID {ref!r} -> {cid!r} (CaseClock IDs allow only letters, digits, "
                                    ". _ -)", row=line, column="Client ID", file=file)
                cid = self._claim(cid, ("ref", ref), line, file)
                if not name:
                    name = ref
                    self.report.add("warning", "client-name-missing",
                                    f"client {ref!r} has no name in the export; its reference is used as the name",
                                    row=line, column="Client Name", file=file)
                self.client_by_ref[ref] = (cid, name)
                self.client_by_name.setdefault(name, cid)
                self.name_ref_line.setdefault(name, (ref, line, file))
                if name in self.name_bare_line and self.client_by_name[name] != cid:
                    # Only when the reference could not be seen up front (its name came from the contacts list).
                    self._id_varies(name, cid, line, file, other=self.client_by_name[name])
                return cid, name
        if not name:
            self.report.add("error", "client-missing", "no client on this row (no client name or reference); "
                            "row left out", row=line, column="Client Name", file=file)
            return None
        cid = self.client_by_name.get(name)
        if cid is None:
            # RULES: one client name, one ID. When the same client has a reference on another line (even a later
            # one), that reference gives its Client ID here too (read once, only when a row has no reference).
            known = self.reserved(2).get(name)
            if known is not None and excel_damage(known[0], self.shapes.get("client_ref", (1.0, 0))) is not None:
                known = None
            if known is not None:
                self.name_ref_line.setdefault(name, known)
                self.name_bare_line.setdefault(name, (line, file))
                client = self._client({**vals, "client_ref": known[0]}, plan, line, file)
                if client is not None:
                    self._id_varies(name, client[0], line, file)
                return client
            made, how = name_id(name, None, "client")
            cid = self._claim(made or "client", ("name", name), line, file)
            if how:
                self._script_note(name, cid, how, line, file)
            self.client_by_name[name] = cid
        elif name in self.name_ref_line:
            self._id_varies(name, cid, line, file)
        self.name_bare_line.setdefault(name, (line, file))
        return cid, name

    def _script_note(self, name: str, cid: str, how: str, line: int, file: str) -> None:
        """Say how a Client ID was made from a name in another script (once per name)."""
        if name in self.script_warned:
            return
        self.script_warned.add(name)
        if how == "transliterated":
            self.report.add("warning", "client-id-transliterated",
                            f"Client ID {cid!r} was spelled from the Greek or Cyrillic letters of {name!r} (ELOT 743 "
                            "for Greek, the passport spelling ICAO 9303 for Cyrillic); the Client Name keeps the "
                            "original. Give the client a reference in the system to choose the ID yourself",
                            row=line, column="Client ID", file=file)
        else:
            self.report.add("warning", "client-id-hashed",
                            f"Client ID {cid!r} is a short code made from the name {name!r} (no standard Latin "
                            "spelling for its script is built in): the same name always gets the same ID, whatever "
                            "the row order; the Client Name keeps the original. Give the client a reference in the "
                            "system to choose the ID yourself", row=line, column="Client ID", file=file)

    def _id_varies(self, name: str, cid: str, line: int, file: str, other: str = "") -> None:
        """Warn once per client name that has a reference on one line and none on another (both lines named)."""
        if name in self.varies_warned:
            return
        self.varies_warned.add(name)
        ref, ref_line, ref_file = self.name_ref_line[name]
        bare_line, bare_file = self.name_bare_line.get(name, (line, file))
        if other:
            outcome = (f"it already has Client ID {other!r} from its name, so this client gets two IDs ({other!r} and "
                       f"{cid!r}); give every row the reference")
        else:
            outcome = f"Client ID {cid!r} is used for both so one client has one ID"
        self.report.add("warning", "client-id-varies",
                        f"client {name!r} has no client reference on line {bare_line}{_of(bare_file, file)} but "
                        f"reference {ref!r} on line {ref_line}{_of(ref_file, file)}; {outcome}",
                        row=line, column="Client ID", file=file)

    def _claim(self, base: str, owner: tuple[str, str], line: int, file: str) -> str:
        """A Client ID no other client holds: `base`, else `base-2`, `base-3`... (RULES: slug collisions). A valid
        reference keeps itself; a rewritten or derived ID never takes a valid reference found anywhere in the
        sources, even on a later line."""
        if owner == ("ref", base):
            self.id_owner[base] = owner
            return base
        real = self.reserved(0)
        cid, n, taken = base, 1, None       # taken: the first valid reference passed over
        while self.id_owner.get(cid, owner) != owner or (cid in real and self.id_owner.get(cid) != owner):
            if taken is None and cid in real and self.id_owner.get(cid, ("ref", cid)) == ("ref", cid):
                taken = cid
            n += 1
            cid = f"{base}-{n}"
        if n > 1 and (owner[0] == "ref" or taken is not None):
            # A derived (name) ID that only meets another name's slug just counts up silently (RULES: slugs).
            held = base if owner[0] == "ref" or taken is None else taken
            holder = real.get(held)
            whose = f"the client on line {holder[0]}{_of(holder[1], file)}" if holder else "another client"
            source = (f"Client ID {owner[1]!r} -> {base!r}" if owner[0] == "ref"
                      else f"Client ID {base!r} (made from the client name {owner[1]!r})")
            self.report.add("warning", "client-id-collision",
                            f"{source}{f' -> {held!r}' if held != base else ''} is already the Client ID of {whose}; "
                            f"this one gets {cid!r}", row=line, column="Client ID", file=file)
        self.id_owner[cid] = owner
        return cid

    # ----------------------------------------------------------------------------------------------- matter
    def _matter(self, vals: dict[str, str], cid: str, line: int, file: str,
                plan: Plan) -> tuple[str, str, bool, object] | None:
        ref = vals.get("matter_ref", "")
        name = vals.get("matter_name", "")
        if ref and "matter_ref" in self.shapes:
            damage = excel_damage(ref, self.shapes["matter_ref"])
            if damage is not None:
                self.report.add("error", "id-damaged-by-excel", f"Matter ID {damage}; this row is left out rather "
                                "than written under a wrong ID. Correct the ID in the file (or export it again "
                                "without opening it in Excel)", row=line, column=_column_of(plan, "matter_ref"),
                                file=file)
                return None
        mid = id_rule(ref) if ref else ""
        if ref and mid != ref:
            if mid:
                self.report.add("warning", "matter-id-rewritten", f"Matter ID {ref!r} -> {mid!r} (CaseClock IDs "
                                "allow only letters, digits, . _ -)", row=line, column="Matter ID", file=file)
            else:
                self.report.add("warning", "matter-id-rewritten", f"Matter ID {ref!r} has no usable character; a "
                                "new one is derived", row=line, column="Matter ID", file=file)
        derived = not mid
        if derived:
            if not name:
                self.report.add("error", "matter-missing", "no matter reference and no matter name on this row; "
                                "row left out", row=line, column="Matter ID", file=file)
                return None
            mid = f"{cid}-{name_id(name, MATTER_SLUG_LIMIT, 'matter')[0] or 'matter'}"
        owner = (cid, name) if derived else ref
        if mid != ref:
            mid = self._free_matter_id(mid, owner, "" if derived else ref, line, file)
            if ref:   # billing imports match on the system's own reference: the time-entry job needs it back
                self.source_refs.setdefault(mid, (ref, line, file))      # a dict each only in finish()
        if not name:
            name = mid
            what = ("has no description" if self.name_column else
                    "has no name: the file has no matter name column (see the columns not used)")
            self.report.add("warning", "matter-name-missing", f"matter {mid!r} {what}; its Matter ID "
                            "is used as the name", row=line, column="Matter Name", file=file)
        return mid, name, derived, owner

    def _free_matter_id(self, base: str, owner, ref: str, line: int, file: str) -> str:
        """A rewritten or derived Matter ID that no other matter holds and that is no valid reference of the
        sources: `base`, else `base-2`, `base-3`... The same reference always gets the same ID."""
        real = self.reserved(1)
        mid, n = base, 1
        while True:
            prev = self.by_mid.get(mid)
            if prev is not None and prev.owner == owner:
                return mid
            if prev is None and mid not in real:
                break
            n += 1
            mid = f"{base}-{n}"
        if n > 1 and ref:
            held, by = real[base] if base in real else (self.by_mid[base].line, self.by_mid[base].file)
            self.report.add("warning", "matter-id-collision",
                            f"Matter ID {ref!r} -> {base!r} is already the Matter ID of line {held}{_of(by, file)}; "
                            f"this row gets {mid!r}", row=line, column="Matter ID", file=file)
        elif n > 1 and base in real:     # a derived ID meets a real reference (two derived slugs just count up)
            held, by = real[base]
            self.report.add("warning", "matter-id-collision",
                            f"the Matter ID derived for this row, {base!r}, is already the Matter ID of line "
                            f"{held}{_of(by, file)}; this row gets {mid!r}", row=line, column="Matter ID", file=file)
        return mid

    # ----------------------------------------------------------------------------------------------- rate
    def _rate(self, vals: dict[str, str], plan: Plan, line: int, file: str) -> str:
        raw = vals.get("rate", "")
        method = vals.get("billing_method", "")
        if not raw and not method:
            return ""
        mapping = self._vocabulary(plan, "rate")
        key = (id(mapping), raw, method)
        found = self.rates.get(key)       # a rate column holds few distinct values: each is parsed once
        if found is None:
            found = _rate_of(raw, method, mapping, self.generic.no_rate if self.generic is not None else ())
            if len(self.rates) < REMEMBERED:
                self.rates[key] = found
        rate, problem = found
        if problem is not None:
            column = plan.header[plan.columns["rate"][0]] if plan.columns.get("rate") else "Hourly Rate"
            if problem.startswith("no-rate"):
                why = f"the billing method {method!r} means" if problem == "no-rate-method" else "it means"
                self.report.add("info", "rate-not-hourly", f"rate {raw!r}: {why} no hourly rate (flat fee or "
                                "contingency); Hourly Rate left empty", row=line, column=column, file=file)
            elif problem == "zero":
                self.report.add("info", "rate-zero", f"rate {raw!r} in column {column!r}: a zero rate is left empty "
                                "(Hourly Rate empty)", row=line, column=column, file=file)
            else:
                self.report.add("warning", "rate-unreadable", f"rate {raw!r} in column {column!r} is not a plain "
                                "hourly amount; Hourly Rate left empty", row=line, column=column, file=file)
        return rate

    # ----------------------------------------------------------------------------------------------- duplicates
    def _accept(self, out: tuple[str, ...], derived: bool, owner, line: int, file: str) -> str:
        mid = out[2]
        prev = self.by_mid.get(mid)         # the same reference (or derived name) on an earlier row
        if prev is not None and prev.row == out:
            self.report.add("info", "duplicate-merged", f"same row as line {prev.line}{_in(prev, file)}; merged",
                            row=line, file=file)
            return "rows_merged"
        if prev is not None:
            what = "a different name" if prev.row[3] != out[3] else "different details"
            self.report.add("error", "duplicate-matter-id",
                            f"Matter ID {mid!r} is also on line {prev.line}{_in(prev, file)} with {what} "
                            f"({prev.row[3]!r} vs {out[3]!r}); this row is left out", row=line, column="Matter ID",
                            file=file)
            return "rows_rejected"
        key = (out[0], out[3])
        twin = self.by_name.get(key)
        if twin is not None:
            self.report.add("error", "duplicate-matter-name",
                            f"client {out[1]!r} already has a matter named {out[3]!r} on line {twin.line}"
                            f"{_in(twin, file)} (Matter ID {twin.row[2]!r}); this row's Matter ID {mid!r} is left "
                            "out", row=line, column="Matter Name", file=file)
            return "rows_rejected"
        if derived:
            self.report.add("warning", "matter-id-derived", f"no matter reference; Matter ID {mid!r} derived from "
                            "the client and matter name", row=line, column="Matter ID", file=file)
        seen = _Seen(out, line, file, owner)
        self.by_mid[mid] = seen
        self.by_name[key] = seen
        self.written += 1
        for column, original in self.output.write(out):
            self.report.add("warning", "formula-neutralised",
                            f"{HEADER[column]} {shorten(original)!r} starts like a spreadsheet formula; written with a "
                            "leading ' so Excel shows it as text", row=line, column=HEADER[column], file=file)
        return "rows_written"

    # ----------------------------------------------------------------------------------------------- summary
    def finish(self, matters: list[Loaded]) -> None:
        self.report.meta["source_refs"] = {mid: {"ref": ref, "line": line, "file": file}
                                           for mid, (ref, line, file) in self.source_refs.items() if mid in self.by_mid}
        for (system, word), lines in self.unknown_status.items():
            self.report.add("warning", "status-unknown",
                            f"status {word!r} ({len(lines)} row(s)) is not in {system}'s status vocabulary; "
                            "treated as open", row=lines[0][0], column="Status", file=lines[0][1])
        if self.no_jurisdiction and self.written:
            parts = []
            for file, n in self.no_jurisdiction.items():
                column = self.jurisdiction_column.get(file, "")
                parts.append(f"{n} row(s) have an empty {column!r} column" if column else
                             "the file has no jurisdiction column")
                if len(self.jurisdiction_column) > 1:
                    parts[-1] = f"{file}: {parts[-1]}"
            self.report.add("warning", "jurisdiction-missing",
                            f"Jurisdiction is empty: {'; '.join(parts)}. Re-run with --jurisdiction CODE (e.g. "
                            "--jurisdiction ON) to fill it for every row, or fill the column before uploading",
                            column="Jurisdiction", file=", ".join(self.no_jurisdiction))


def _id_shapes(table: Table, plan: Plan) -> dict[str, tuple[float, int]]:
    """What the table's IDs look like, from its first rows (Excel-damaged IDs stand out against them)."""
    out = {}
    for field in REF_FIELDS:
        if field in plan.fields():
            columns, _ = _id_columns(plan, field)
            out[field] = id_shape(extract(r.cells, plan, columns).get(field, "") for r in table.head(SAMPLE_IDS))
    return out


def _column_of(plan: Plan, field: str) -> str:
    indexes = plan.columns.get(field)
    if not indexes:
        return field
    return plan.header[indexes[0]] or f"column {indexes[0] + 1}"


def _rate_of(raw: str, method: str, mapping: Mapping, generic_no_rate=()) -> tuple[str, str | None]:
    """(Hourly Rate, problem) for a rate cell and billing method: problem is None, "no-rate" / "no-rate-method" (a
    rate cell emptied because it or the billing method says flat fee / contingency), "zero" (`0`, `0,00`: left empty)
    or "unreadable" (not a plain hourly amount)."""
    if not raw:
        return "", None
    no_rate = tuple(mapping.no_rate) + tuple(generic_no_rate)
    if mentions_any(raw, no_rate):
        return "", "no-rate"
    if method and mentions_any(method, no_rate):
        return "", "no-rate-method"
    formats = mapping.formats
    try:
        rate = parse_money(raw, formats.decimal_separators, formats.currency_symbols)
    except MoneyError:
        rate = ""
    if rate and not rate.startswith("-") and not rate.strip("0."):    # `0`, `0,00`: no rate set, not a bad cell
        return "", "zero"
    if not rate or rate.startswith("-"):      # RULES: a plain *positive* amount
        return "", "unreadable"
    return rate, None


def _in(prev: _Seen, file: str) -> str:
    return _of(prev.file, file)


def _of(other: str, file: str) -> str:
    return "" if other == file else f" of {other}"


# ------------------------------------------------------------------------------------------------ report

def _describe(report: Report, matters: list[Loaded], contacts: list[Loaded], loaded: list[Loaded],
              generic: Mapping | None = None) -> None:
    primary = matters[0]
    plan = primary.plan
    detection = primary.table.detection.to_dict()
    detection["skipped"] = [{"line": s.line, "reason": s.reason, "text": shorten(s.text, 120)}
                            for s in primary.table.skipped]
    report.meta.update(
        vendor=plan.system if plan.mapping.role != "synonyms" else "unknown",
        vendor_name=plan.mapping.name,
        system=plan.mapping.name,
        vendor_confidence=plan.confidence,
        export={"id": plan.export.id, "label": plan.export.label, "kind": plan.kind},
        evidence=list(plan.evidence),
        detection=detection,
        mapping=plan.column_fields(),
        ignored_columns=plan.ignored(),
        missing_fields=_missing_optional(plan),
        sources=[_source(x, "matters" if x in matters else "contacts" if x in contacts else "ignored")
                 for x in loaded],
        detections=[detection_of(x, "matters" if x in matters else "contacts" if x in contacts else "ignored")
                    for x in loaded],
        columns={x.table.source: x.plan.column_reasons() for x in matters + contacts},
        unused_columns={x.table.source: x.plan.unused() for x in matters + contacts},
        systems=[{"file": x.table.source, "role": "matters" if x in matters else "contacts",
                  "system": x.plan.system if x.plan.mapping.role != "synonyms" else "unknown",
                  "name": x.plan.mapping.name, "layout": x.plan.export.label, "confidence": x.plan.confidence}
                 for x in matters + contacts],
    )
    for x in matters + contacts:
        _describe_columns(report, x)
    for x in matters:
        _warn_ignored(report, x, generic)
    for x in matters + contacts:
        report.issues[:0] = x.table.issues
    report.issues.sort(key=lambda i: (i.file or "", i.row or 0))


def _describe_columns(report: Report, x: Loaded) -> None:
    """Columns matched by a close spelling (info), columns read with little confidence (a warning: check them), and
    the source columns not used, each with its reason (info: the CLI summary shows them too)."""
    plan, file = x.plan, x.table.source
    for i, word in plan.fuzzy.items():
        report.add("info", "column-fuzzy-matched", f"column {plan.header[i]!r} taken as {word!r} (closest known "
                   "name)", column=plan.header[i], file=file)
    for i, reading in plan.unsure():
        column = plan.header[i] or f"column {i + 1}"
        report.add("warning", "column-unsure", f"column {column!r} is read as the {label(reading.field)} "
                   f"(confidence {reading.confidence:.2f}): {reading.reason}; check it, or choose the column "
                   "yourself", column=column, file=file)
    unused = plan.unused()
    if unused:
        report.add("info", "columns-not-used", "columns not used: " + "; ".join(
            f"{u['column']!r} ({u['reason']})" if u["reason"] else repr(u["column"]) for u in unused), file=file)


def _warn_ignored(report: Report, x: Loaded, generic: Mapping | None) -> None:
    """A column whose header names a CaseClock field but that feeds nothing (another column fills that field)."""
    if generic is None or x.plan.headerless:
        return
    meaning = {header_key(v): f for f, variants in generic.exports[0].fields.items() for v in variants}
    meant = {x.plan.header[i]: r.meant for i, r in x.plan.readings.items() if r.meant and i not in x.plan.chosen}
    for column in x.plan.ignored():
        field_ = meaning.get(header_key(column)) or meant.get(column)
        if field_ and x.plan.columns.get(field_):
            used = x.plan.header[x.plan.columns[field_][0]]
            report.add("warning", "column-ignored", f"column {column!r} looks like the {field_.replace('_', ' ')} "
                       f"but {used!r} is used for it; check that the right column was taken", column=column,
                       file=x.table.source)


def detection_of(x: Loaded, role: str) -> dict:
    """What was detected for one table (and what the user gave), each fact with confidence and reason."""
    from .explain import describe, system_fact
    table = x.table
    facts = {"system": system_fact(x.plan), **describe(table.detection, columns=table.width, skipped=table.skipped)}
    return {"file": table.source, "role": role, "format": table.detection.format, "facts": facts,
            "columns": list(table.header) if table.header is not None else None,
            "rows": x.rows if x.rows >= 0 else None,
            "skipped": [{"line": s.line, "reason": s.reason, "text": shorten(s.text, 120)} for s in table.skipped]}


def _missing_optional(plan: Plan) -> list[str]:
    """CaseClock columns the source could not fill (the report lists them so the user knows what is empty)."""
    want = {"matter_ref": "Matter ID", "matter_name": "Matter Name", "jurisdiction": "Jurisdiction",
            "practice_area": "Law Practice Area", "rate": "Hourly Rate"}
    have = {f for f, idx in plan.columns.items() if idx}
    have |= {g for s in plan.export.splits if s.field in have for g in s.pattern.groupindex}
    out = [label for f, label in want.items() if f not in have]
    if not have & {"client_ref"}:
        out.insert(0, "Client ID (derived from the client name)")
    return out


def _source(x: Loaded, role: str) -> dict:
    return {"file": x.table.source, "role": role, "vendor": x.plan.system, "layout": x.plan.export.id,
            "confidence": x.plan.confidence, "rows": x.rows if x.rows >= 0 else len(x.table.rows),
            "header_row": x.table.detection.header_row}
