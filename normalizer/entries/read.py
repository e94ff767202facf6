"""Reading the entry job's inputs: CaseClock's time entries (CSV, JSON or dicts) and its matter list."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from ..clean import parse_bool
from ..errors import InputError
from ..resolve import Matter
from .options import COLUMNS, EXTRA, MATTER_COLUMNS
from .values import money_amount as _money

_ALIASES =  {"hours": "Duration", "quantity": "Duration", "activity": "Activity code", "activity_code": "Activity code",
            "activitycode": "Activity code", "code": "Activity code", "hourly rate": "Rate", "user": "Timekeeper",
            "timekeeper_id": "Timekeeper ID", "timekeeper_classification": "Timekeeper classification",
            "classification": "Timekeeper classification", "note": "Description", "narrative": "Description"}

Record = tuple[int, dict[str, str]]


def read_entries(source, *, name: str = "entries") -> tuple[list[Record], list]:
    """Entries from a list of dicts, JSON text/bytes, CSV bytes or a path. Returns (line, {column: text}) pairs."""
    if isinstance(source, (list, tuple)):
        return [(i, _canonical(d)) for i, d in enumerate(source, 1)], []
    if isinstance(source, (str, Path)) and not (isinstance(source, str) and source.lstrip()[:1] in "[{"):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot open the file: {exc.strerror or exc}", file=str(path), code="cannot-open")
        return read_entries(data, name=name if name != "entries" else path.name)
    text_start = source.lstrip()[:1] if isinstance(source, str) else bytes(source).lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    if text_start in ("[", "{", b"[", b"{"):
        try:
            data = json.loads(source if isinstance(source, str) else bytes(source).decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(f"not valid JSON: {exc}", file=name, code="bad-json")
        if isinstance(data, dict):
            data = data.get("entries", [data])
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise InputError("JSON entries must be a list of objects", file=name, code="bad-json")
        return read_entries(data, name=name)
    from ..read import read_table
    table = read_table(source, name=name, known_headers=[c.lower() for c in COLUMNS + EXTRA])
    if table.header is not None and _known(table.header) >= 3:
        names = [_canonical_key(h) for h in table.header]
    else:
        names = list(COLUMNS[:table.width]) + [f"column {i + 1}" for i in range(len(COLUMNS), table.width)]
        if table.header is not None:   # a header row that is not ours: read it as data, positionally
            raise InputError(f"the header {table.header!r} is not CaseClock's time-entry export "
                             f"({', '.join(COLUMNS)})", file=name, line=table.detection.header_row,
                             code="unknown-header")
    records = [(row.line, dict(zip(names, row.cells))) for row in table.rows]
    return records, list(table.issues)


def _canonical_key(key: str) -> str:
    k = " ".join(str(key).replace("_", " ").split()).strip().lower()
    for c in COLUMNS + EXTRA:
        if c.lower() == k:
            return c
    return _ALIASES.get(k, _ALIASES.get(k.replace(" ", "_"), str(key)))


def _known(header) -> int:
    return sum(_canonical_key(h) in COLUMNS for h in header)


def _canonical(d: dict) -> dict[str, str]:
    return {_canonical_key(k): "" if v is None else str(v) for k, v in d.items()}


def read_matters(source, *, name: str = "matters") -> list[Matter]:
    """CaseClock's matter import CSV (header optional, fixed column order) or a list of dicts / Matter objects.
    A status column beside CaseClock's own (`Status`, `Matter Status`, `Statut`..., or a `Closed` yes/no column,
    as the synonyms name them) is kept: time on a closed matter is named as such."""
    if isinstance(source, (list, tuple)):
        return [m if isinstance(m, Matter) else _matter(i, {k: str(v or "") for k, v in m.items()})
                for i, m in enumerate(source, 1)]
    from ..read import read_table
    table = read_table(source, name=name, known_headers=[c.lower() for c in MATTER_COLUMNS])
    if not is_caseclock_matters(table.header, table.width):
        raise InputError("not CaseClock's matter import CSV", file=name, code="not-caseclock-matters")
    header = table.header if table.header is not None else list(MATTER_COLUMNS)
    rows = table.rows
    header = [h.strip() for h in header]
    return [_matter(row.line, dict(zip(header, row.cells))) for row in rows]


def is_caseclock_matters(header, width: int) -> bool:
    if header is None:
        return width == len(MATTER_COLUMNS)
    return [h.strip().lower() for h in header[:4]] == [c.lower() for c in MATTER_COLUMNS[:4]]


def _matter(line: int, d: dict[str, str]) -> Matter:
    get = lambda k: d.get(k, "").strip()  # noqa: E731
    rate = _money(get("Hourly Rate"))
    return Matter(get("Client ID"), get("Client Name"), get("Matter ID"), get("Matter Name"), get("Jurisdiction"),
                  get("Law Practice Area"), rate if rate is not None and rate >= 0 else None, line,
                  status=_status(d))


@functools.lru_cache(maxsize=1)
def _status_vocabulary():
    """(status headers, closed-flag headers, status words) from the synonyms mapping: the words firms' own lists use."""
    from ..mappings import header_key, load_mappings
    synonyms = load_mappings()["synonyms"]
    fields = synonyms.exports[0].fields
    return (frozenset(map(header_key, fields.get("status", ()))),
            frozenset(map(header_key, fields.get("closed_flag", ()))), synonyms.status)


def _status(d: dict[str, str]) -> str:
    """open | pending | closed from a status or closed-flag column; "" when the row has neither (CaseClock's import
    has no status column: every row is live)."""
    if len(d) <= len(MATTER_COLUMNS) and all(k in MATTER_COLUMNS for k in d):
        return ""
    from ..mappings import header_key
    status_headers, flag_headers, vocabulary = _status_vocabulary()
    status = ""
    for column, value in d.items():
        key, value = header_key(column), (value or "").strip()
        if not value:
            continue
        if key in status_headers:
            status = vocabulary.classify(value)[0]
        elif key in flag_headers and parse_bool(value):
            return "closed"
    return status
