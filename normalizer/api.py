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
    """What the reading layer detected: format, encoding, delimiter, quote, header row, columns, row count."""
    return read_table(source, name=name, sheet=sheet).to_dict()


def to_dataframe(result: Result):
    """The written CSV as a pandas DataFrame of strings (needs the optional pandas extra)."""
    from .frame import to_dataframe as _to_dataframe
    return _to_dataframe(result)
