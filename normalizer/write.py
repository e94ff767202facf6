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


def write_csv(header: Sequence[str] | None, rows: Iterable[Sequence[str]], *,
              excel_bom: bool = False) -> tuple[bytes, list[tuple[int, int, str]]]:
    """Write rows as CSV bytes. Returns the bytes and the (row index, column index, original) of neutralised cells."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    neutralised: list[tuple[int, int, str]] = []
    if header is not None:
        writer.writerow(header)
    for r, row in enumerate(rows):
        out = list(row)
        for c, cell in enumerate(out):
            safe = neutralise(cell)
            if safe is not None:
                neutralised.append((r, c, cell))
                out[c] = safe
        writer.writerow(out)
    text = buf.getvalue()
    return (("\ufeff" if excel_bom else "") + text).encode("utf-8"), neutralised
