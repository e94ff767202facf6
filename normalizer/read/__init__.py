"""The reading layer: bytes or a path -> Table. Knows no practice-management system.

Steps, each a small module: container (what kind of file) -> encoding -> dialect -> parse -> header (where the
table is). XLSX skips the two text steps.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..report import Issue, shorten
from ..table import Detection, Row, Skipped, Table
from .container import Member, kind_of, open_members as _open_members, refuse
from .dialect import Dialect, detect_dialect, sample_text
from .header import HEAD, MAY_BE_FURNITURE, Layout, Record, furniture, is_blank, locate, locate_head, may_end
from .mojibake import watch
from .options import NO_OPTIONS, Fix, ReadOptions, apply_fixes

Source = bytes | bytearray | memoryview | str | os.PathLike

__all__ = ["read_table", "open_members", "load", "Member", "ReadOptions", "Fix"]


def load(source: Source, name: str | None = None) -> tuple[bytes, str]:
    """Bytes and a display name for messages, from bytes or a path."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "input"
    path = Path(source)
    try:
        return path.read_bytes(), name or path.name
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror or exc}", file=name or str(path),
                         code="cannot-open") from None


def open_members(source: Source, *, name: str | None = None) -> list[Member]:
    data, name = load(source, name)
    return _open_members(data, name=name)


def read_table(source: Source, *, name: str | None = None, sheet: str | None = None,
               known_headers=(), options: ReadOptions = NO_OPTIONS) -> Table:
    """Read one table. Raises InputError when the input is not a table at all; every other problem is an Issue.

    `options` states what need not be detected (encoding, delimiter, quote, header row, sheet) and the cell fixes
    to apply. The table's rows are read lazily, as the caller asks for them (see Table): only the first records are
    read here, to find where the table is."""
    data, name = load(source, name)
    sheet = options.sheet or sheet
    known = frozenset(h.strip().lower() for h in known_headers)
    kind = kind_of(data)
    if kind == "zip":
        inside = [m.name.rsplit("/", 1)[-1] for m in _open_members(data, name=name)]
        if not inside:
            raise InputError("this ZIP archive holds no files", file=name, code="empty")
        raise InputError(f"this is a ZIP archive holding {len(inside)} file(s) ({', '.join(inside[:5])}"
                         f"{', …' if len(inside) > 5 else ''}); unpack it and choose one, or use the 'matters' "
                         "command, which opens ZIP exports", file=name, code="zip-archive")
    refuse(data, kind, name)
    parse_issues: list[Issue] = []
    if kind in ("xlsx", "ods"):
        from .ods import read_sheet as read_ods
        from .xlsx import read_sheet
        title, sheet_rows, issues = (read_sheet if kind == "xlsx" else read_ods)(data, name=name, sheet=sheet,
                                                                                  known=known)
        records: Iterator[Record] = iter(sheet_rows)
        detection = Detection(format=kind, sheet=title)
    else:
        records, detection, issues = _read_text(data, name, parse_issues, options)
    detection.given = options.given()
    table = _assemble(records, detection, issues, parse_issues, name, known, options)
    if kind == "xlsx":
        issues.extend(_uncalculated(data, table))   # the same list the table reports (no rows read here)
    return table


def _uncalculated(data: bytes, table: Table) -> list[Issue]:
    """Formula cells a program wrote without their calculated value read as empty: say so, cell by cell."""
    from .xlsx import uncalculated_formulas
    return [Issue("warning", "formula-not-calculated",
                  f"this cell holds the formula {shorten(formula)!r} but the workbook has no calculated value for it "
                  "(it was saved by a program that does not calculate formulas), so it reads as empty; open the "
                  "file in Excel, save it, and convert again", row=line, column=table.column_name(index),
                  file=table.source)
            for line, index, formula in uncalculated_formulas(data, sheet=table.detection.sheet)]


def _read_text(data: bytes, name: str, parse_issues: list[Issue], options: ReadOptions = NO_OPTIONS):
    """Decode and detect the dialect (unless given); returns a stream of records (their issues go to
    `parse_issues`)."""
    from .encoding import decode, decode_as, decode_stream, decoding_issues
    from .parse import iter_chunk_lines, iter_lines, iter_records

    if not data or data.isspace():      # (not data.strip(): that copies a 50 MB file)
        raise InputError("the file is empty", file=name, code="empty")
    streamed = None if options.encoding else decode_stream(data, name=name)
    if streamed is not None:            # a big clean UTF-8 file: its text is never held whole
        decoded, chunks = streamed
        issues: list[Issue] = []
        dialect = _dialect(decoded.text, name, issues, options)
        records = iter_records(iter_chunk_lines(chunks), dialect.csv_kwargs(), parse_issues, name=name)
        return records, _text_detection(decoded, dialect), issues
    if options.encoding:
        decoded = decode_as(data, options.encoding, name=name)
    else:
        decoded = decode(data, name=name)     # needs the whole bytes, and returns the whole text
    issues = decoding_issues(decoded, name)   # bytes replaced, lines in another encoding, a near tie
    text = decoded.text
    nul = text.find("\x00")
    if text.endswith("\x1a"):               # DOS end-of-file mark written by old desktop programs: not a row
        text = text[:-1]
    dialect = _dialect(text, name, issues, options)
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        start = text.rfind("\n", 0, nul) + 1
        issues.append(Issue("warning", "nul-removed",
                            f"{text.count(chr(0))} NUL character(s) removed (the first is here); they are not text",
                            row=line, column=text.count(dialect.delimiter, start, nul) + 1, file=name))
    records = iter_records(iter_lines(text, drop_nul=nul >= 0), dialect.csv_kwargs(), parse_issues, name=name)
    return records, _text_detection(decoded, dialect), issues


def _text_detection(decoded, dialect: Dialect) -> Detection:
    return Detection(format="csv", encoding=decoded.encoding, encoding_confidence=round(decoded.confidence, 3),
                     bom=decoded.bom, delimiter=dialect.delimiter, quotechar=dialect.quotechar,
                     escapechar=dialect.escapechar, dialect_confidence=round(dialect.confidence, 3))
def _dialect(text: str, name: str, issues: list[Issue], options: ReadOptions) -> Dialect:
    """The detected dialect (from the head of the text only), with what the user stated put in its place."""
    if options.delimiter is not None and options.quotechar is not None:
        return Dialect(options.delimiter, options.quotechar or None, None, True, 1.0)
    dialect = _no_phantom_quote(detect_dialect(text), text, name, issues)
    if options.delimiter is not None:
        dialect = replace(dialect, delimiter=options.delimiter, confidence=1.0)
    if options.quotechar is not None:
        dialect = replace(dialect, quotechar=options.quotechar or None, escapechar=None)
    return dialect


def _no_phantom_quote(dialect: Dialect, text: str, name: str, issues: list[Issue]) -> Dialect:
    """A quote character that never occurs in the head says nothing. When '"' occurs but was avoided, it is a stray
    quote (one unmatched '"' would swallow the rest of the file): read without quoting and point at it. Otherwise
    use the usual '"', so a damaged quote further on is still reported by the parser."""
    head = sample_text(text)
    if dialect.quotechar is None or dialect.quotechar in head:
        return dialect
    stray = head.find('"')
    if stray < 0:   # no quotes in the head at all: the usual '"', so a damaged quote further on is still reported
        return replace(dialect, quotechar='"')
    line = head.count("\n", 0, stray) + 1
    start = head.rfind("\n", 0, stray) + 1
    issues.append(Issue("warning", "stray-quote",
                        'this " does not close; the file was read without quoting, so it stays part of the '
                        "value — check this value", row=line,
                        column=head.count(dialect.delimiter, start, stray) + 1, file=name))
    return replace(dialect, quotechar=None)


def _assemble(records: Iterator[Record], detection: Detection, issues: list[Issue], parse_issues: list[Issue],
              name: str, known: frozenset[str], options: ReadOptions = NO_OPTIONS) -> Table:
    """Find the table in the first records; the rest stay a stream that the Table reads on demand."""
    head = _read_head(records)
    if not any(not is_blank(c) for _, c in head):
        raise InputError("the file holds no data (it is empty or only blank lines)", file=name, code="empty")
    if options.header_row:
        layout = _given_header(head, records, options.header_row, name)
    else:
        layout = locate_head(head, known) if len(head) > HEAD else None
        if layout is None:    # a short file, or a head that does not settle the layout: read it all (locate needs it)
            head.extend(records)
            layout = locate(head, known)
        if options.header_row == 0 and layout.header is not None:     # "this file has no header row"
            layout = Layout(None, layout.header, layout.body_end, layout.width, 1.0)
    skipped: list[Skipped] = []
    for line, cells in head[:layout.body_start - (layout.header is not None)]:
        skipped.append(Skipped(line, "blank" if is_blank(cells) else "preamble", _text(cells)))
    header = None
    if layout.header is not None:
        header = [c.strip() for c in head[layout.header][1]]
        header = header[:max(layout.width, len(_trim_end(header)))]
        detection.header_row = head[layout.header][0]
    detection.header_confidence = round(layout.confidence, 3)
    width = len(header) if header is not None else layout.width
    body = _Body(name, header, width, skipped)
    rows = _rows(body, itertools.chain(itertools.islice(head, layout.body_start, None), records),
                 issues, parse_issues, name)
    if options.fixes:
        rows = apply_fixes(rows, options.fixes, header, name, issues, lambda: ((s.line, s.reason) for s in skipped))
    rows = watch(rows, header, detection.header_row, name, issues)   # values damaged before: mojibake, lost letters
    has_rows = layout.body_end != layout.body_start     # -1 (not known yet) means rows follow
    return Table(name, header, (), detection, skipped, issues, pending=rows,
                 width=None if header is not None else (width if has_rows else 0))


def _given_header(head: list[Record], records: Iterator[Record], line: int, name: str) -> Layout:
    """The layout when the user says the header is on `line`: the table starts there, as wide as that row."""
    index = next((i for i, (n, _) in enumerate(head) if n >= line), None)
    while index is None:
        record = next(records, None)
        if record is None:
            raise InputError(f"the header row was given as line {line}, but the file ends on line {head[-1][0]}",
                             file=name, line=line, code="options-invalid")
        head.append(record)
        if record[0] >= line:
            index = len(head) - 1
    if head[index][0] != line or is_blank(head[index][1]):
        raise InputError(f"the header row was given as line {line}, but that line is "
                         f"{'blank' if head[index][0] == line else 'inside a multi-line value'}",
                         file=name, line=line, code="options-invalid")
    width = len(_trim_end(head[index][1]))
    return Layout(index, index + 1, -1, width, 1.0)


def _read_head(records: Iterator[Record]) -> list[Record]:
    """The first HEAD + 1 records (one more tells that more follow), and on until one that is not blank."""
    head = list(itertools.islice(records, HEAD + 1))
    if not any(not is_blank(c) for _, c in head):
        for record in records:
            head.append(record)
            if not is_blank(record[1]):
                break
    return head


def _rows(body: "_Body", records: Iterator[Record], issues: list[Issue], parse_issues: list[Issue],
          name: str) -> Iterator[Row]:
    """The table's rows from its first body record on. Records that may_end() the table are held back until a
    data record follows them; those still held at the end are the file's end (blank or footer lines). Issues
    are added to the table in the order a whole-file read finds them: parse, rows, then skipped lines."""
    held: list[Record] = []
    first_name, width, marked, last = body.first_name, body.width, MAY_BE_FURNITURE.search, min(1, body.width - 1)
    for record in records:
        cells = record[1]
        # The common case, kept fast: a full-width row whose first cell is filled with no footer, subtotal or
        # comment mark, and a second or last cell filled (so neither may_end() nor any of _Body.take's other
        # cases, report furniture included, applies).
        if (len(cells) == width and cells[0] != first_name and cells[0].strip() and (cells[-1] or cells[last])
                and not marked(cells[0])):
            if held:
                yield from body.take_all(held)
                held = []
            body.has_rows = True
            yield Row(record[0], tuple(cells))
        elif may_end(cells, width):
            held.append(record)
        else:
            if held:
                yield from body.take_all(held)
                held = []
            yield from body.take_all([record])
    for line, cells in held:
        body.skipped.append(Skipped(line, "blank" if is_blank(cells) else "footer", _text(cells)))
    issues.extend(parse_issues)
    issues.extend(body.issues)
    for s in body.skipped:
        if s.reason in ("preamble", "footer"):
            issues.append(Issue("info", f"{s.reason}-skipped", f"not part of the table: {shorten(s.text, 120)!r}",
                                row=s.line, file=name))


class _Body:
    """Sorts body records into rows (padded or trimmed to the width, issues noted) and skipped lines."""

    def __init__(self, name: str, header: list[str] | None, width: int, skipped: list[Skipped]) -> None:
        self.name, self.header, self.width, self.skipped = name, header, width, skipped
        self.first_name = header[0] if header else None
        self.issues: list[Issue] = []
        self.has_rows = False
        self.titles: frozenset[str] | None = None

    def take_all(self, records: list[Record]) -> Iterator[Row]:
        for line, cells in records:
            row = self.take(line, cells)
            if row is not None:
                yield row

    def take(self, line: int, cells: list[str]) -> Row | None:
        width, header = self.width, self.header
        if self.titles is None:     # the preamble is known by now: a paginated report repeats its titles
            self.titles = frozenset(s.text for s in self.skipped if s.reason == "preamble")
        furnished = furniture(cells, width, self.titles)
        if furnished:
            self.skipped.append(Skipped(line, furnished, _text(cells)))
            return None
        if len(cells) == width and cells[0] != self.first_name and cells[0] != "":
            row = Row(line, tuple(cells))
        elif is_blank(cells):
            self.skipped.append(Skipped(line, "blank", ""))
            return None
        elif header is not None and self.has_rows and [c.strip() for c in cells[:width]] == header:
            self.skipped.append(Skipped(line, "repeated header", _text(cells)))
            return None
        else:
            row = Row(line, _fit(cells, width, line, self.name, header, self.issues))
        self.has_rows = True
        return row


def _fit(cells: list[str], width: int, line: int, name: str, header, issues: list[Issue]) -> tuple[str, ...]:
    """Pad short rows; trim long rows' empty tail. Non-empty extra cells are reported, never dropped silently."""
    if len(cells) < width:
        missing = width - len(cells)
        col = header[len(cells)] if header else len(cells) + 1
        issues.append(Issue("warning", "row-too-short",
                            f"this row has {len(cells)} of {width} columns; the last {missing} were left empty",
                            row=line, column=col, file=name))
        return tuple(cells) + ("",) * missing
    extra = cells[width:]
    if any(c.strip() for c in extra):
        first = width + next(i for i, c in enumerate(extra) if c.strip()) + 1
        issues.append(Issue("warning", "row-too-long",
                            f"this row has {len(cells)} columns but the table has {width}; the extra values "
                            f"{[c for c in extra if c.strip()]!r} are not in any column (a delimiter inside an "
                            "unquoted value?)", row=line, column=first, file=name))
    return tuple(cells[:width])


def _trim_end(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _text(cells: list[str]) -> str:
    return " | ".join(c.strip() for c in cells if c.strip())
