"""Text + dialect -> records that remember the physical line they start on; damage becomes issues, not tracebacks."""
from __future__ import annotations

import csv
import io
import sys

from ..report import Issue

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))   # a long multi-line description is data, not an attack

Record = tuple[int, list[str]]
LONG_FIELD_LINES = 20   # a quoted field spanning more lines than this is probably a stray quote


def _records(text: str, kwargs: dict, first_line: int) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), **kwargs)
    out: list[Record] = []
    prev = 0
    for cells in reader:
        out.append((first_line + prev, cells))
        prev = reader.line_num
    return out


def _never_closes(text: str, kwargs: dict) -> bool:
    """True when this text ends inside a quoted field (the csv module accepts that silently unless strict)."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), **dict(kwargs, strict=True)):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def parse_records(text: str, kwargs: dict, *, name: str) -> tuple[list[Record], list[Issue]]:
    """Parse all records. A quote that never closes is reported where it opens and that line is re-read without
    quoting, so one stray quote cannot swallow the rest of the file."""
    issues: list[Issue] = []
    records = _records(text, kwargs, 1)
    quote = kwargs.get("quotechar")
    if quote and records and kwargs.get("quoting") != csv.QUOTE_NONE:
        lines = text.splitlines(keepends=True)
        start = records[-1][0]
        if len(lines) > start and _never_closes("".join(lines[start - 1:]), kwargs):
            offending = lines[start - 1]
            issues.append(Issue("warning", "unterminated-quote",
                                "a quote opened here is never closed; this line was read without quoting and "
                                "the lines after it were read normally",
                                row=start, column=_column_of(offending, quote, kwargs), file=name))
            plain = {k: v for k, v in kwargs.items() if k in ("delimiter", "skipinitialspace")}
            records = records[:-1] + _records(offending.rstrip("\r\n"), dict(plain, quoting=csv.QUOTE_NONE), start)
            rest, more = parse_records("".join(lines[start:]), kwargs, name=name)
            records += [(line + start, cells) for line, cells in rest]
            issues += [_shift(i, start) for i in more]
    starts = [line for line, _ in records] + [text.count("\n") + 2]
    for k, (line, cells) in enumerate(records):
        if starts[k + 1] - line <= LONG_FIELD_LINES:   # only a record spanning many lines can hold such a value
            continue
        for col, cell in enumerate(cells):
            if cell.count("\n") >= LONG_FIELD_LINES:
                issues.append(Issue("warning", "long-quoted-field",
                                    f"one quoted value spans {cell.count(chr(10)) + 1} lines; if that is not "
                                    "intended, look for a stray quote here", row=line, column=col + 1, file=name))
    return records, issues


def _column_of(line: str, quote: str, kwargs: dict) -> int:
    """1-based field number holding the first quote on the line."""
    pos = line.find(quote)
    return line[:pos].count(kwargs.get("delimiter", ",")) + 1 if pos >= 0 else 1


def _shift(issue: Issue, by: int) -> Issue:
    return Issue(issue.severity, issue.code, issue.message,
                 None if issue.row is None else issue.row + by, issue.column, issue.file)
