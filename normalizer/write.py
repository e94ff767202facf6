"""RFC 4180 output that spreadsheets open safely: UTF-8, CRLF, minimal quoting, formula cells neutralised."""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Sequence

# A cell a spreadsheet would evaluate: starts with = + - @, or a tab/CR that hides such a start (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(cell: str) -> str | None:
    """Return the neutralised cell when it would run as a formula, else None. Plain numbers like -12.50 are data."""
    if cell and cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return None


class CsvWriter:
    """Rows written one at a time and encoded to UTF-8 bytes every few thousand rows, so a job can write as it goes
    and the output is never held twice (as one str, then as bytes). `data()` returns the bytes without copying."""

    BATCH = 4096    # rows held as text before they are encoded

    def __init__(self, header: Sequence[str] | None, *, excel_bom: bool = False) -> None:
        self._bytes = io.BytesIO()
        self._text = io.StringIO(newline="")
        self._pending = 0
        if excel_bom:
            self._text.write("\ufeff")
        self._writer = csv.writer(self._text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        if header is not None:
            self._writer.writerow(header)

    def write(self, row: Sequence[str]) -> list[tuple[int, str]]:
        """Write one row; returns the (column index, original) of the cells neutralised as formulas."""
        neutralised: list[tuple[int, str]] = []
        for c, cell in enumerate(row):
            if cell.startswith(_FORMULA_START):    # cheap test first: neutralise() is rarely needed
                safe = neutralise(cell)
                if safe is not None:
                    if not neutralised:
                        row = list(row)
                    neutralised.append((c, cell))
                    row[c] = safe
        self._writer.writerow(row)
        self._pending += 1
        if self._pending >= self.BATCH:
            self._encode()
        return neutralised

    def _encode(self) -> None:
        self._bytes.write(self._text.getvalue().encode("utf-8"))
        self._text.seek(0)
        self._text.truncate()
        self._pending = 0

    def data(self) -> bytes:
        self._encode()
        return self._bytes.getvalue()


def write_csv(header: Sequence[str] | None, rows: Iterable[Sequence[str]], *,
              excel_bom: bool = False) -> tuple[bytes, list[tuple[int, int, str]]]:
    """Write rows as CSV bytes. Returns the bytes and the (row index, column index, original) of neutralised cells."""
    writer = CsvWriter(header, excel_bom=excel_bom)
    neutralised: list[tuple[int, int, str]] = []
    for r, row in enumerate(rows):
        neutralised.extend((r, c, cell) for c, cell in writer.write(row))
    return writer.data(), neutralised
