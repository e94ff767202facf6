"""What a user may state instead of letting the reading layer detect it, and the cell fixes applied to the rows.

The keys are the detection's own (`Detection.to_dict()`): encoding, delimiter, quotechar, header_row, sheet. A key
left out (or None) is detected; a key given is used as is and reported as given. `header_row` 0 means "this file has
no header row". `quotechar` "" means "no quoting". Fixes are cell edits `{file, line, column, value}` applied to the
rows as they are read, before any cleaning, so the same fixes give the same bytes in the page and the CLI.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from ..errors import InputError
from ..report import Issue, shorten
from ..table import Row

READ_KEYS = ("encoding", "delimiter", "quotechar", "header_row", "sheet")
DELIMITER_WORDS = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|", "space": " "}


@dataclass(frozen=True)
class Fix:
    """One cell edit: `column` is the header name, or a 1-based column number when the file has no header."""
    file: str
    line: int
    column: str | int
    value: str

    @classmethod
    def from_dict(cls, d: Mapping) -> "Fix":
        try:
            line = int(d["line"])
            column = d["column"]
            value = d["value"]
        except (KeyError, TypeError, ValueError):
            raise InputError(f"a fix needs file, line, column and value; got {dict(d)!r}",
                             code="options-invalid") from None
        if isinstance(column, str) and column.strip().isdigit():
            column = int(column)
        return cls(str(d.get("file") or "*"), line, column, "" if value is None else str(value))

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "value": self.value}


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None
    delimiter: str | None = None
    quotechar: str | None = None       # None: detect; "": no quoting
    header_row: int | None = None      # None: detect; 0: no header row; N: the header is on line N
    sheet: str | None = None
    fixes: tuple[Fix, ...] = field(default=())

    @classmethod
    def from_dict(cls, d: Mapping | None, *, file: str | None = None) -> "ReadOptions":
        d = dict(d or {})
        unknown = set(d) - set(READ_KEYS) - {"fixes", "member"}
        if unknown:
            raise InputError(f"unknown reading option(s) {', '.join(sorted(unknown))}; known: {', '.join(READ_KEYS)}",
                             file=file, code="options-invalid")
        encoding = d.get("encoding") or None
        if encoding is not None:
            try:
                encoding = codecs.lookup(encoding).name
            except LookupError:
                raise InputError(f"unknown encoding {encoding!r}", file=file, code="options-invalid") from None
        delimiter = d.get("delimiter") or None
        if delimiter is not None:
            delimiter = DELIMITER_WORDS.get(delimiter.lower(), delimiter)
            if len(delimiter) != 1:
                raise InputError(f"the delimiter must be one character (or comma, semicolon, tab, pipe, space); "
                                 f"got {delimiter!r}", file=file, code="options-invalid")
        quote = d.get("quotechar")
        if quote is not None and quote.lower() == "none":
            quote = ""
        if quote is not None and len(quote) > 1:
            raise InputError(f"the quote character must be one character (or none); got {quote!r}", file=file,
                             code="options-invalid")
        header = d.get("header_row")
        if header is not None and header != "":
            try:
                header = int(header)
            except (TypeError, ValueError):
                raise InputError(f"the header row must be a line number (0: no header row); got {header!r}",
                                 file=file, code="options-invalid") from None
            if header < 0:
                raise InputError("the header row must be 0 (no header row) or a line number", file=file,
                                 code="options-invalid")
        else:
            header = None
        return cls(encoding, delimiter, quote, header, d.get("sheet") or None,
                   tuple(Fix.from_dict(f) if not isinstance(f, Fix) else f for f in d.get("fixes", ())))

    def given(self) -> dict:
        """The keys the user stated (for the report)."""
        return {k: getattr(self, k) for k in READ_KEYS if getattr(self, k) is not None}


NO_OPTIONS = ReadOptions()


def for_file(per_file: Mapping[str, Mapping] | None, fixes: Iterable[Fix], *names: str) -> ReadOptions:
    """The options for a file (or ZIP member): its own entry (by any of its names), else the "*" entry, plus the
    fixes naming it."""
    per_file = per_file or {}
    entry = next((per_file[n] for n in names if n in per_file), per_file.get("*"))
    options = ReadOptions.from_dict(entry, file=names[0] if names else None)
    mine = tuple(f for f in fixes if f.file in names or f.file == "*")
    if mine:
        options = ReadOptions(options.encoding, options.delimiter, options.quotechar, options.header_row,
                              options.sheet, mine)
    return options


def apply_fixes(rows: Iterator[Row], fixes: tuple[Fix, ...], header: list[str] | None, name: str,
                issues: list[Issue], skipped_lines) -> Iterator[Row]:
    """The rows with the fixes applied; each fix is reported as applied, or as not applied with the reason."""
    by_line: dict[int, list[Fix]] = {}
    for fix in fixes:
        by_line.setdefault(fix.line, []).append(fix)
    for row in rows:
        todo = by_line.pop(row.line, None)
        if todo is None:
            yield row
            continue
        cells = list(row.cells)
        for fix in todo:
            index = _column_index(fix.column, header, len(cells))
            if index is None:
                issues.append(Issue("warning", "fix-not-applied",
                                    f"this edit names column {fix.column!r}, which the table does not have",
                                    row=fix.line, column=fix.column, file=name))
                continue
            before = cells[index]
            cells[index] = fix.value
            label = header[index] if header and index < len(header) and header[index] else index + 1
            issues.append(Issue("info", "cell-fixed", f"edited by hand: {shorten(before)!r} -> {shorten(fix.value)!r}",
                                row=fix.line, column=label, file=name))
        yield Row(row.line, tuple(cells))
    skipped = dict(skipped_lines())
    for line, todo in sorted(by_line.items()):
        why = (f"line {line} is not a row of the table ({skipped[line]})" if line in skipped
               else f"the file has no row on line {line}")
        for fix in todo:
            issues.append(Issue("warning", "fix-not-applied", f"this edit was not applied: {why}",
                                row=line, column=fix.column, file=name))


def _column_index(column: str | int, header: list[str] | None, width: int) -> int | None:
    if isinstance(column, int):
        return column - 1 if 1 <= column <= width else None
    if header:
        for i, h in enumerate(header):
            if h == column:
                return i
        folded = column.strip().casefold()
        for i, h in enumerate(header):
            if h.strip().casefold() == folded:
                return i
    text = column.strip().lower()
    if text.startswith("column ") and text[7:].isdigit():
        return _column_index(int(text[7:]), header, width)
    return None
