"""Text + dialect -> records that remember the physical line they start on; damage becomes issues, not tracebacks.

Records are produced as a stream: a 50 MB export is never held as a list of records, nor copied whole into an
io.StringIO (which stores 4 bytes per character).
"""
from __future__ import annotations

import csv
import io
import sys
from typing import Iterable, Iterator

from ..report import Issue

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))   # a long multi-line description is data, not an attack

Record = tuple[int, list[str]]
LONG_FIELD_LINES = 20   # a quoted field spanning more lines than this is probably a stray quote
CHUNK = 1 << 20         # characters handed to io.StringIO at a time when splitting text into lines


def iter_lines(text: str, *, drop_nul: bool = False) -> Iterator[str]:
    """The text's physical lines, line ends kept, split exactly as io.StringIO(text, newline="") splits them
    (\\r\\n, \\r or \\n), but one chunk at a time so memory stays flat. Chunks are cut just after a line end."""
    pos, size = 0, len(text)
    while pos < size:
        end = _line_end_after(text, pos + CHUNK)
        chunk = text[pos:end]
        if drop_nul:
            chunk = chunk.replace("\x00", "")
        yield from io.StringIO(chunk, newline="")
        pos = end


def _line_end_after(text: str, at: int) -> int:
    """Index just past the first line end at or after `at` (never between \\r and \\n); len(text) when none."""
    if at >= len(text):
        return len(text)
    lf = text.find("\n", at)
    cr = text.find("\r", at, lf if lf >= 0 else len(text))
    if cr >= 0 and cr + 1 != lf:     # a lone \r (old Mac line end) comes first
        return cr + 1
    return lf + 1 if lf >= 0 else len(text)


class _Tap:
    """Feeds csv.reader one line at a time and keeps the lines of the record being read (csv.reader never reads
    ahead), so a quote that never closes can be re-read from its own line without keeping the whole text."""
    __slots__ = ("_lines", "taken")

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.taken: list[str] = []

    def __iter__(self) -> "_Tap":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line


def iter_records(lines: Iterable[str], kwargs: dict, issues: list[Issue], *, name: str) -> Iterator[Record]:
    """Every record with the line it starts on. Problems are appended to `issues` as they are found.

    A quote that never closes is reported where it opens and that line is re-read without quoting, so one stray
    quote cannot swallow the rest of the file: the lines after it are read again normally."""
    rest: Iterable[str] | None = lines
    first_line = 1
    while rest is not None:
        rest, first_line = yield from _read_pass(rest, kwargs, first_line, issues, name)


def _read_pass(lines: Iterable[str], kwargs: dict, first_line: int, issues: list[Issue], name: str):
    """Read records to the end of `lines`. Returns (lines still to read, their first line number) when the last
    record is a quote that never closed, else (None, 0). The last record is held back until the end is known."""
    tap = _Tap(lines)
    reader = csv.reader(tap, **kwargs)
    held: Record | None = None
    raw: list[str] = []
    prev = 0
    for cells in reader:
        if held is not None:
            yield _checked(held, len(raw), issues, name)
        raw, tap.taken = tap.taken, []
        held = (first_line + prev, cells)
        prev = reader.line_num
    if held is None:
        return None, 0
    start = held[0]
    if len(raw) > 1 and _quoting(kwargs) and _never_closes("".join(raw), kwargs):
        issues.append(Issue("warning", "unterminated-quote",
                            "a quote opened here is never closed; this line was read without quoting and "
                            "the lines after it were read normally",
                            row=start, column=_column_of(raw[0], kwargs["quotechar"], kwargs), file=name))
        plain = {k: v for k, v in kwargs.items() if k in ("delimiter", "skipinitialspace")}
        for cells in csv.reader([raw[0].rstrip("\r\n")], **plain, quoting=csv.QUOTE_NONE):
            yield (start, cells)
        return raw[1:], start + 1
    yield _checked(held, len(raw), issues, name)
    return None, 0


def _quoting(kwargs: dict) -> bool:
    return bool(kwargs.get("quotechar")) and kwargs.get("quoting") != csv.QUOTE_NONE


def _checked(record: Record, span: int, issues: list[Issue], name: str) -> Record:
    """The record, after reporting any quoted value in it that spans suspiciously many lines."""
    if span <= LONG_FIELD_LINES:   # only a record spanning many lines can hold such a value
        return record
    line, cells = record
    for col, cell in enumerate(cells):
        if cell.count("\n") >= LONG_FIELD_LINES:
            issues.append(Issue("warning", "long-quoted-field",
                                f"one quoted value spans {cell.count(chr(10)) + 1} lines; if that is not "
                                "intended, look for a stray quote here", row=line, column=col + 1, file=name))
    return record


def _never_closes(text: str, kwargs: dict) -> bool:
    """True when this text ends inside a quoted field (the csv module accepts that silently unless strict)."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), **dict(kwargs, strict=True)):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _column_of(line: str, quote: str, kwargs: dict) -> int:
    """1-based field number holding the first quote on the line."""
    pos = line.find(quote)
    return line[:pos].count(kwargs.get("delimiter", ",")) + 1 if pos >= 0 else 1
