"""The reading layer: bytes or a path -> Table. Knows no practice-management system.

Steps, each a small module: container (what kind of file) -> encoding -> dialect -> parse -> header (where the
table is). XLSX skips the two text steps.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..report import Issue
from ..table import Detection, Row, Skipped, Table
from .container import Member, kind_of, open_members as _open_members, refuse
from .header import is_blank, is_footer, locate

Source = bytes | bytearray | memoryview | str | os.PathLike

__all__ = ["read_table", "open_members", "load", "Member"]


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
               known_headers=()) -> Table:
    """Read one table. Raises InputError when the input is not a table at all; every other problem is an Issue."""
    data, name = load(source, name)
    known = frozenset(h.strip().lower() for h in known_headers)
    kind = kind_of(data)
    if kind == "zip":
        raise InputError("this is a ZIP archive of several files; choose one, or use the 'matters' command, which "
                         "opens ZIP exports", file=name, code="zip-archive")
    refuse(data, kind, name)
    if kind == "xlsx":
        from .xlsx import read_sheet
        title, records = read_sheet(data, name=name, sheet=sheet)
        detection = Detection(format="xlsx", sheet=title)
        issues: list[Issue] = []
    else:
        records, detection, issues = _read_text(data, name)
    if not any(not is_blank(c) for _, c in records):
        raise InputError("the file holds no data (it is empty or only blank lines)", file=name, code="empty")
    return _assemble(records, detection, issues, name, known)


def _read_text(data: bytes, name: str):
    from .dialect import detect_dialect
    from .encoding import decode
    from .parse import parse_records

    if not data.strip():
        raise InputError("the file is empty", file=name, code="empty")
    decoded = decode(data, name=name)
    issues = [Issue("warning", "encoding-replaced",
                    f"a byte that is not valid {decoded.encoding} text was replaced: {what}",
                    row=line, column=col, file=name) for line, col, what in decoded.replaced]
    text = decoded.text
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        col = text.index("\x00") - (text.rfind("\n", 0, text.index("\x00")) + 1) + 1
        issues.append(Issue("warning", "nul-removed",
                            f"{text.count(chr(0))} NUL character(s) removed (first here); they are not text",
                            row=line, column=col, file=name))
        text = text.replace("\x00", "")
    dialect = detect_dialect(text)
    records, parse_issues = parse_records(text, dialect.csv_kwargs(), name=name)
    detection = Detection(format="csv", encoding=decoded.encoding, encoding_confidence=round(decoded.confidence, 3),
                          bom=decoded.bom, delimiter=dialect.delimiter, quotechar=dialect.quotechar,
                          escapechar=dialect.escapechar, dialect_confidence=round(dialect.confidence, 3))
    return records, detection, issues + parse_issues


def _assemble(records, detection: Detection, issues: list[Issue], name: str, known: frozenset[str]) -> Table:
    layout = locate(records, known)
    skipped: list[Skipped] = []
    for line, cells in records[:layout.body_start - (layout.header is not None)]:
        skipped.append(Skipped(line, "blank" if is_blank(cells) else "preamble", _text(cells)))
    header = None
    if layout.header is not None:
        header = [c.strip() for c in records[layout.header][1]]
        header = header[:max(layout.width, len(_trim_end(header)))]
        detection.header_row = records[layout.header][0]
    detection.header_confidence = round(layout.confidence, 3)
    width = len(header) if header is not None else layout.width
    rows: list[Row] = []
    first_name = header[0] if header else None
    for line, cells in records[layout.body_start:layout.body_end]:
        if len(cells) == width and cells[0] != first_name and cells[0] != "":   # the common case, kept fast
            rows.append(Row(line, tuple(cells)))
        elif is_blank(cells):
            skipped.append(Skipped(line, "blank", ""))
        elif header is not None and rows and [c.strip() for c in cells[:width]] == header:
            skipped.append(Skipped(line, "repeated header", _text(cells)))
        elif len(cells) < width and is_footer(cells, width):
            skipped.append(Skipped(line, "footer", _text(cells)))
        else:
            rows.append(Row(line, _fit(cells, width, line, name, header, issues)))
    for line, cells in records[layout.body_end:]:
        skipped.append(Skipped(line, "blank" if is_blank(cells) else "footer", _text(cells)))
    for s in skipped:
        if s.reason in ("preamble", "footer"):
            issues.append(Issue("info", f"{s.reason}-skipped", f"not part of the table: {s.text[:120]!r}",
                                row=s.line, file=name))
    return Table(name, header, rows, detection, skipped, issues)


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
