"""The one surface the command line, the page's worker and Python users call: bytes or paths in, bytes and a
report out. Nothing here prints or exits."""
from __future__ import annotations

from dataclasses import dataclass, field

from .read import Source, read_table
from .report import Report


class UnknownChoiceError(ValueError):
    """An option names something the library does not have (a system, a target); `choices` lists the valid
    values. A ValueError, so callers catching that keep working; an Outcome reports it as `options-invalid`."""
    code = "options-invalid"

    def __init__(self, what: str, value, choices) -> None:
        self.what, self.value, self.choices = what, value, tuple(choices)
        super().__init__(f"unknown {what} {value!r}; choose one of: {', '.join(self.choices)}")


class UnknownSystemError(UnknownChoiceError):
    """`system` / `--from` names no mapping file (see systems())."""

    def __init__(self, value, choices) -> None:
        super().__init__("system", value, choices)


class UnknownTargetError(UnknownChoiceError):
    """`to` / `--to` names no billing-system target."""

    def __init__(self, value, choices) -> None:
        super().__init__("target", value, choices)


def _check_system(system: str) -> None:
    from .mappings import load_mappings
    known = sorted(load_mappings())
    if system != "auto" and system not in known:
        raise UnknownSystemError(system, ["auto", *known])


def _check_target(to) -> None:
    from .entries import targets
    specs = targets()
    if not isinstance(to, str) or to.strip().lower() not in specs:
        raise UnknownTargetError(to, sorted({s.target for s in specs.values()}))


@dataclass
class Result:
    data: bytes
    report: Report
    filename: str
    files: dict[str, bytes] | None = field(default=None)


# -- the seam every face uses: one call, one outcome shape -------------------------------------------------------
FIELD_LABELS = {
    "client_ref": "Client ID (the system's client reference)", "client_name": "Client Name",
    "client_company": "Client company name", "client_first": "Client first name",
    "client_middle": "Client middle name", "client_last": "Client last name",
    "matter_ref": "Matter ID (the system's matter reference)", "matter_name": "Matter Name",
    "status": "Matter status (open / closed)", "closed_flag": "Closed? (yes / no)", "open_flag": "Active? (yes / no)",
    "practice_area": "Law Practice Area", "jurisdiction": "Jurisdiction", "rate": "Hourly Rate",
    "billing_method": "Billing method (flat fee, contingency…)",
}
REQUIRED = [{"need": "a matter", "any_of": ["matter_ref", "matter_name"]},
            {"need": "a client", "any_of": ["client_ref", "client_name", "client_company", "client_last"]}]


def run(job: str, files, options=None):
    """Run a job and return an `Outcome` (outcome.py), never raising for bad input or options: a fatal problem is
    the outcome's `error`, in the same shape. `job`: "preview", "matters", "check" or "entries". `files`: a list of
    paths, bytes, (name, bytes) pairs or {"name", "data"} dicts. `options`: a dict (outcome.JobOptions) or None."""
    from .outcome import JOBS, JobOptions, failed

    if job not in JOBS:
        return failed(job, ValueError(f"unknown job {job!r}; jobs: {', '.join(JOBS)}"))
    try:
        opts = options if isinstance(options, JobOptions) else JobOptions.from_dict(options)
        sources = _sources(files)
        return {"preview": _preview, "matters": _run_matters, "check": _run_check, "entries": _run_entries}[job](
            sources, opts)
    except Exception as exc:     # noqa: BLE001 — the contract: an outcome, never a traceback
        return failed(job, exc)


def preview(files, options=None):
    """For the page's first steps: per table, what was detected (with reasons), the raw first lines, the first rows
    as parsed, the row count and the proposed column mapping with samples; nothing is converted."""
    return run("preview", files, options)


def _sources(files) -> list[tuple[str, bytes]]:
    from .read import load
    items = files if isinstance(files, (list, tuple)) and not (
        len(files) == 2 and isinstance(files[0], str) and isinstance(files[1], (bytes, bytearray))) else [files]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(load(item["data"], item.get("name")))
        elif isinstance(item, (list, tuple)):
            out.append(load(item[1], item[0]))
        else:
            out.append(load(item))
    return [(name, data) for data, name in out]


def _run_matters(sources, opts):
    from .matters import normalize
    from .outcome import Outcome
    _check_system(opts.system)
    out = normalize(sources, system=opts.system, include_closed=opts.include_closed,
                    jurisdiction=opts.jurisdiction, excel=opts.excel, given=opts.given())
    report = out.report.to_dict()
    return Outcome("matters", {out.filename: out.data} if out.report.counts.get("rows_written") else {}, report,
                   report.pop("detections", []), report.pop("columns", {}))


def _run_check(sources, opts):
    from .check import check
    from .outcome import Outcome
    name, data = sources[0]
    report = check(data, name=name).to_dict()
    return Outcome("check", {}, report)


def _run_entries(sources, opts):
    from .outcome import Outcome
    e = dict(opts.entries)
    matters = e.pop("matters", None)
    if isinstance(matters, dict):                      # {"name", "data"} from the page
        e["matters_name"], matters = matters.get("name"), matters.get("data")
    name, data = sources[0]
    result = export_entries(data, matters=matters, name=name, **e)
    files = result.files or ({result.filename: result.data} if result.data else {})
    return Outcome("entries", files, result.report.to_dict())


def _preview(sources, opts, rows: int = 20, raw_lines: int = 30):
    from .mappings import load_mappings
    from .matters import detection_of, load_tables
    from .outcome import Outcome
    from .report import Report
    from .vendor import rank

    mappings = load_mappings()
    _check_system(opts.system)
    report = Report()
    loaded = load_tables(sources, mappings, opts.system, report, opts.given())
    data_of = dict(sources)
    detections, mapping, tables = [], {}, []
    for x in loaded:
        table = x.table
        head = [{"line": r.line, "cells": list(r.cells)} for r in table.head(rows)]
        ranked = [p for p in rank(table, mappings, name=table.source) if p.kind != "other"][:6]   # reads the head
        x.rows = sum(1 for _ in table.iter_rows())      # the count; rows are not kept
        info = detection_of(x, x.plan.kind)
        info["preview"] = head
        info["raw"] = _raw_lines(x.data, table.detection, raw_lines)
        info["candidates"] = [{"value": p.system, "label": f"{p.mapping.name} — {p.export.label}",
                               "confidence": p.confidence} for p in ranked]
        if table.detection.format == "xlsx":
            from .read.xlsx import sheet_names
            info["sheets"] = sheet_names(x.data)
        info["issues"] = [i.to_dict() for i in table.issues[:500]]
        info["container"] = next((n for n in data_of if table.source.startswith(n + "/")), table.source)
        columns = x.plan.column_reasons()
        for c in columns:
            c["samples"] = [r["cells"][c["index"]] for r in head if c["index"] < len(r["cells"])
                            and r["cells"][c["index"]].strip()][:3]
        detections.append(info)
        mapping[table.source] = columns
    report.meta["tables"] = len(loaded)
    return Outcome("preview", {}, report.to_dict(), detections, mapping,
                   extra={"fields": [{"id": f, "label": label} for f, label in FIELD_LABELS.items()],
                          "required": REQUIRED, "systems": [{"id": m["id"], "name": m["name"]} for m in systems()
                                                            if m["role"] == "source"]})


def _raw_lines(data: bytes, detection, limit: int) -> list[dict]:
    """The first lines of a text file as decoded, with their numbers (a workbook has none)."""
    if detection.format != "csv" or not data:
        return []
    text = bytes(data[:32768]).decode(detection.encoding or "utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines()[:limit]
    return [{"line": i + 1, "text": t} for i, t in enumerate(lines)]


def sniff(source: Source, *, name: str | None = None, sheet: str | None = None) -> dict:
    """What the reading layer detected: format, encoding, delimiter, quote, header row, columns, row count.
    The column names the mappings know help find the header row, as they do for the jobs: sniff and convert agree."""
    from .mappings import known_headers, load_mappings
    from .read import load
    from .read.container import kind_of
    data, name = load(source, name)
    known = known_headers(load_mappings())
    if kind_of(data) == "zip":          # an archive: each table inside, with its detection or why it was not read
        from .read.survey import survey
        return survey(data, name=name, known_headers=known, sheet=sheet)
    return read_table(data, name=name, sheet=sheet, known_headers=known).to_dict()


def to_dataframe(result: Result):
    """The written CSV as a pandas DataFrame of strings (needs the optional pandas extra)."""
    from .frame import to_dataframe as _to_dataframe
    return _to_dataframe(result)


# -- time entries (issue 8) ----------------------------------------------------------------------------------------
def export_entries(entries, *, to: str, matters=None, matters_name: str | None = None, round: str | None = None,
                   increment: float | str | None = None, date_format: str | None = None,
                   split_by_timekeeper: bool = False,
                   excel: bool = False, today=None, invoice_number: str | None = None, invoice_date=None,
                   law_firm_id: str | None = None, client_id: str | None = None, name: str | None = None) -> Result:
    """Reviewed CaseClock entries (list of dicts, JSON text/bytes, CSV bytes or a path) -> the target's file + report.

    `matters` is CaseClock's matter import CSV or a system's own client/matter export (normalized in memory), or a list
    of dicts with the import CSV's column names. `today` (a date) is injectable so future-date checks are testable.
    Raises ValueError for bad options (unknown target, bad --round/--increment) and InputError for unusable input.
    """
    import datetime as _dt
    from pathlib import Path as _Path

    from . import entries as _entries
    _check_target(to)
    from .ledes import Options as _LedesOptions

    def _date(value):
        if value is None or isinstance(value, _dt.date):
            return value
        return _dt.date.fromisoformat(str(value))

    settings = _entries.Settings(
        to=to, round=round, increment=increment, date_format=date_format, split_by_timekeeper=split_by_timekeeper,
        excel=excel, today=_date(today),
        ledes=_LedesOptions(invoice_number=invoice_number, invoice_date=_date(invoice_date), law_firm_id=law_firm_id,
                            client_id=client_id))
    if name is None:
        name = _Path(entries).name if isinstance(entries, (str, _Path)) and not str(entries).lstrip()[:1] in "[{" \
            else "entries"
    matter_list, matter_issues = _matter_list(matters, matters_name)
    out = _entries.export(entries, settings, matters=matter_list, name=name)
    out.report.issues[:0] = matter_issues
    return Result(out.data, out.report, out.filename, out.files)


def matter_list(matters, matters_name: str | None = None):
    """The firm's matters (entries.Matter list) and the issues met reading them, from CaseClock's matter import CSV
    (read directly), any system's matter export (normalized in memory first), or a list of dicts."""
    return _matter_list(matters, matters_name)


def _matter_list(matters, matters_name: str | None):
    """CaseClock's matter import CSV read directly; any other matter export normalized in memory first."""
    from pathlib import Path as _Path

    from . import entries as _entries
    from .errors import InputError
    from .report import Issue

    if matters is None:
        return None, []
    if isinstance(matters, (list, tuple)):
        return _entries.read_matters(matters), []
    if matters_name is None:
        matters_name = _Path(matters).name if isinstance(matters, (str, _Path)) else "matters"
    try:
        return _entries.read_matters(matters, name=matters_name), []
    except InputError as exc:
        if exc.code not in ("not-caseclock-matters", "zip-archive"):   # a ZIP: a system's backup (MyCase)
            raise
    result = normalize_matters([matters], names=[matters_name])
    if not result.data:
        raise InputError("no matters could be read from this matter list", file=matters_name, code="no-matters")
    errors = len(result.report.errors)
    note = Issue("info", "matters-normalized",
                 f"matter list converted from {result.report.meta.get('vendor_name') or 'its system'}'s export: "
                 f"{result.report.counts.get('rows_written', '?')} matters"
                 + (f" ({errors} row(s) with errors left out)" if errors else ""), file=matters_name)
    matters_read = _entries.read_matters(result.data, name=matters_name)
    matters_read, kept = _keep_source_refs(matters_read, result.report)
    return matters_read, [note, *kept]


def _keep_source_refs(matters: list, report: Report):
    """CaseClock's ID rule rewrites a system's reference for the Matter ID (`00012 Acme` -> `00012-Acme`), but the
    billing system matches time on its own reference exactly, so each rewritten matter carries the reference as the
    export wrote it (`Matter.source_ref`), as the matters job recorded it (`source_refs` in its report)."""
    import dataclasses

    from .report import Issue

    refs: dict[str, dict] = report.meta.get("source_refs", {})
    out, kept = [], []
    for matter in matters:
        source = refs.get(matter.matter_id)
        if source:
            ref = source["ref"]
            matter = dataclasses.replace(matter, source_ref=ref)
            kept.append(Issue("info", "matter-ref-kept",
                              f"Matter ID {ref!r} (CaseClock's rule would write {matter.matter_id!r}) is written as "
                              f"{ref!r}: the system matches time on its own reference exactly",
                              row=source["line"], column="Matter ID", file=source["file"]))
        out.append(matter)
    return out, kept


# -- matter lists (issue 7) ----------------------------------------------------------------------------------------
def normalize_matters(sources, *, names=None, system: str = "auto", include_closed: bool = False,
                      jurisdiction: str | None = None, excel: bool = False, sheet: str | None = None,
                      options=None) -> Result:
    """A system's client/matter export(s) -> CaseClock's matter import CSV + report.

    `sources`: one source or a list (bytes or paths; a ZIP is opened and the right files picked; a contacts export
    beside a matters export is joined on the client reference). `names` label bytes sources in messages.
    `system`: "auto" or a mapping id (see `systems()`). `sheet`: the XLSX sheet to read (default: the first sheet
    that looks like a table). Raises ValueError for an unknown system and InputError when
    nothing usable can be produced. `result.report.counts` always satisfies
    rows_read == rows_written + rows_merged + rows_filtered + rows_rejected.
    """
    from .matters import normalize
    from .read import load

    _check_system(system)
    items = list(sources) if isinstance(sources, (list, tuple)) else [sources]
    labels = [names] if isinstance(names, str) else list(names or [])
    loaded = [load(src, labels[i] if i < len(labels) else None) for i, src in enumerate(items)]
    given = None
    if options is not None:
        from .outcome import JobOptions
        given = (options if isinstance(options, JobOptions) else JobOptions.from_dict(options)).given()
    out = normalize([(name, data) for data, name in loaded], system=system, include_closed=include_closed,
                    jurisdiction=jurisdiction, excel=excel, sheet=sheet, given=given)
    return Result(out.data, out.report, out.filename)


def check_caseclock(source: Source, *, name: str | None = None) -> Report:
    """Validate a CaseClock matter import CSV made any other way; every problem names its line and column."""
    from .check import check
    from .read import load

    data, name = load(source, name)
    return check(data, name=name)


def systems() -> list[dict]:
    """The systems the mapping files define (id, name, role, export layouts), for `vendors` and the page."""
    from .mappings import load_mappings

    return [{"id": m.id, "name": m.name, "role": m.role, "evidence": m.evidence,
             "exports": [{"id": e.id, "kind": e.kind, "label": e.label, "evidence": e.evidence,
                          "headerless": e.headerless is not None} for e in m.exports]}
            for m in load_mappings().values()]
