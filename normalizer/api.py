"""The one surface the command line, the page's worker and Python users call: bytes or paths in, bytes and a
report out. Nothing here prints or exits."""
from __future__ import annotations

from dataclasses import dataclass, field

from .read import Source, read_table
from .report import Report


@dataclass
class Result:
    data: bytes
    report: Report
    filename: str
    files: dict[str, bytes] | None = field(default=None)


def sniff(source: Source, *, name: str | None = None, sheet: str | None = None) -> dict:
    """What the reading layer detected: format, encoding, delimiter, quote, header row, columns, row count.
    The column names the mappings know help find the header row, as they do for the jobs: sniff and convert agree."""
    from .mappings import known_headers, load_mappings
    return read_table(source, name=name, sheet=sheet, known_headers=known_headers(load_mappings())).to_dict()


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
                      jurisdiction: str | None = None, excel: bool = False, sheet: str | None = None) -> Result:
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

    items = list(sources) if isinstance(sources, (list, tuple)) else [sources]
    labels = [names] if isinstance(names, str) else list(names or [])
    loaded = [load(src, labels[i] if i < len(labels) else None) for i, src in enumerate(items)]
    out = normalize([(name, data) for data, name in loaded], system=system, include_closed=include_closed,
                    jurisdiction=jurisdiction, excel=excel, sheet=sheet)
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
