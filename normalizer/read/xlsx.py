"""Excel workbooks: first non-empty sheet (or a named one), cells as the text a person sees in Excel."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from ..errors import InputError


def cell_text(value) -> str:
    """Dates as ISO dates, numbers without float noise ('12' not '12.0'), booleans as Excel shows them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")   # shortest repr, never scientific notation
    return str(value)


def read_sheet(data: bytes, *, name: str, sheet: str | None = None) -> tuple[str, list[tuple[int, list[str]]]]:
    """Return (sheet title, [(row number, cells)]) for the chosen sheet."""
    import openpyxl  # imported here: loading it costs ~0.5 s in the browser and CSV users never need it
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(f"this Excel workbook cannot be opened ({type(exc).__name__}: {exc}); "
                         "open it in Excel and save it again as .xlsx, or export CSV", file=name,
                         code="corrupt-workbook") from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise InputError(f"there is no sheet named {sheet!r}; sheets: {', '.join(wb.sheetnames)}",
                                 file=name, code="no-such-sheet")
            candidates = [wb[sheet]]
        else:
            candidates = [wb[s] for s in wb.sheetnames]
        for ws in candidates:
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()   # some writers record a wrong sheet size; read what is really there
            rows = [(i, [cell_text(v) for v in values])
                    for i, values in enumerate(ws.iter_rows(values_only=True), start=1)]
            if any(any(c.strip() for c in cells) for _, cells in rows) or sheet is not None:
                return ws.title, rows
        raise InputError("every sheet in this workbook is empty", file=name, code="empty")
    finally:
        wb.close()
