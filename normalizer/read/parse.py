"""Text + dialect -> records that remember the physical line they start on; damage becomes issues, not tracebacks.

Records are produced as a stream: a 50 MB export is never held as a list of records, nor copied whole into an
io.StringIO (which stores 4 bytes per character).
"""
from __future__ import annotations

import csv
import io
import itertools
import sys
from typing import Iterable, Iterator

from ..report import Issue, shorten
from .quotes import split_record, well_formed

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


def iter_chunk_lines(chunks: Iterable[str]) -> Iterator[str]:
    """The physical lines of text given as chunks that each end just after a line end (encoding.decode_stream)."""
    return itertools.chain.from_iterable(io.StringIO(chunk, newline="") for chunk in chunks)


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

    Every physical line ends up in a record. A quote that never closes, or a stray quote that joined lines which
    are records of their own, is reported where it opens; its line is read as plain text and the lines after it
    are read again normally, so one stray quote cannot swallow a matter. A quote out of place inside a record is
    kept as a character and reported (csv.reader would drop it)."""
    rest: Iterable[str] | None = lines
    first_line = 1
    widths: dict[int, int] = {}     # records seen per width: what a record of this file usually looks like
    while rest is not None:
        rest, first_line = yield from _read_pass(rest, kwargs, first_line, issues, name, widths)


def _read_pass(lines: Iterable[str], kwargs: dict, first_line: int, issues: list[Issue], name: str,
               widths: dict[int, int]):
    """Read records to the end of `lines`, or up to a record that must be re-read line by line: then return
    (the lines after its first, their first line number); else (None, 0)."""
    tap = _Tap(lines)
    reader = csv.reader(tap, **kwargs)
    quote = kwargs.get("quotechar") if _quoting(kwargs) else None
    valid = _well_formed(kwargs).fullmatch if quote is not None else None
    prev = 0
    for cells in reader:
        raw, tap.taken = tap.taken, []
        start = first_line + prev
        prev = reader.line_num
        # The common case, kept fast: one line, no quote mark, or quote marks only where csv.reader reads them right.
        if len(raw) == 1 and (quote is None or quote not in raw[0] or valid(raw[0])):
            widths[len(cells)] = widths.get(len(cells), 0) + 1
            yield (start, cells)
            continue
        if len(raw) > 1 and _runs_on(raw, cells, kwargs, widths):
            yield (start, _first_line_alone(raw, start, kwargs, issues, name))
            return itertools.chain(raw[1:], tap._lines), start + 1
        if quote is not None:
            cells = _repaired(raw, cells, start, kwargs, issues, name)
        if len(raw) == 1:
            widths[len(cells)] = widths.get(len(cells), 0) + 1
        yield _checked((start, cells), len(raw), issues, name)
    return None, 0


def _runs_on(raw: list[str], cells: list[str], kwargs: dict, widths: dict[int, int]) -> bool:
    """Whether a record read over several lines is a quote that ran on: it never closes, or its quoting is broken
    (a strict read fails) and each line after its first is a record of the file's usual width by itself. (A
    well-formed value over several lines stays one value, even when its lines look like records: only its content
    could tell.)"""
    if not _quoting(kwargs):
        return False
    text = "".join(raw)
    if _never_closes(text, kwargs):
        return True
    if _strictly_valid(text, kwargs):
        return False
    usual = max(widths, key=lambda w: (widths[w], w)) if widths else 0
    if usual < 2:
        return False
    return all(len(_split(line, kwargs)[0]) == usual for line in raw[1:])


def _first_line_alone(raw: list[str], start: int, kwargs: dict, issues: list[Issue], name: str) -> list[str]:
    """The first line of a record that ran on, read by itself (its unclosed quote as a character), reported."""
    cells, damage = _split(raw[0], kwargs)
    field = next((d.field for d in damage if d.kind == "unclosed"), None) or _column_of(raw[0], kwargs["quotechar"],
                                                                                          kwargs)
    if _never_closes("".join(raw), kwargs):
        issues.append(Issue("warning", "unterminated-quote",
                            "a quote opened here is never closed; this line was read without quoting and the lines "
                            "after it were read normally", row=start, column=field, file=name))
    else:
        issues.append(Issue("warning", "stray-quote",
                            f"this quote mark does not close on its line; read as it stands (so the {len(raw) - 1} "
                            "line(s) after it, which it would have joined to this one, are rows of their own) — "
                            "check this value", row=start, column=field, file=name))
    return cells


def _repaired(raw: list[str], cells: list[str], start: int, kwargs: dict, issues: list[Issue],
              name: str) -> list[str]:
    """The record's cells, read again when a quote mark in it is out of place (see quotes.py); each such mark is
    reported with its line and field."""
    text = "".join(raw)
    if _well_formed(kwargs).fullmatch(text):
        return cells
    fixed, damage = _split(text, kwargs)
    for d in damage:
        line = start + text.count("\n", 0, d.offset)
        value = fixed[d.field - 1] if d.field <= len(fixed) else ""
        if d.kind == "unclosed":
            what = "opens a quoted value that does not close"
        else:
            what = "is inside a quoted value but is not doubled"
        issues.append(Issue("warning", "stray-quote",
                            f"this quote mark {what}; it was kept as a character: {shorten(value)!r} "
                            "— check this value", row=line, column=d.field, file=name))
    return fixed


def _well_formed(kwargs: dict):
    return well_formed(kwargs["delimiter"], kwargs["quotechar"], kwargs.get("escapechar"),
                       kwargs.get("doublequote", True), kwargs.get("skipinitialspace", False))


def _split(text: str, kwargs: dict):
    return split_record(text.rstrip("\r\n"), kwargs["delimiter"], kwargs["quotechar"], kwargs.get("escapechar"),
                        kwargs.get("doublequote", True), kwargs.get("skipinitialspace", False))


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


def _strictly_valid(text: str, kwargs: dict) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), **dict(kwargs, strict=True)):
            pass
    except csv.Error:
        return False
    return True


def _column_of(line: str, quote: str, kwargs: dict) -> int:
    """1-based field number holding the first quote on the line."""
    pos = line.find(quote)
    return line[:pos].count(kwargs.get("delimiter", ",")) + 1 if pos >= 0 else 1
