"""Excel workbooks: the first sheet that looks like a table (else the first non-empty one, or a named one), cells as
the text a person sees in Excel."""
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
        first = None                    # the first non-empty sheet, read when no sheet looks like a table
        for ws in candidates:
            rows = _rows(ws)
            if sheet is not None or _looks_like_table(rows):
                return ws.title, rows
            if first is None and any(any(c.strip() for c in cells) for _, cells in rows):
                first = (ws.title, rows)
        if first is not None:
            return first
        raise InputError("every sheet in this workbook is empty", file=name, code="empty")
    finally:
        wb.close()


def _rows(ws) -> list[tuple[int, list[str]]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()   # some writers record a wrong sheet size; read what is really there
    return [(i, [cell_text(v) for v in values]) for i, values in enumerate(ws.iter_rows(values_only=True), start=1)]


def _looks_like_table(rows: list[tuple[int, list[str]]]) -> bool:
    """At least two rows with two or more filled cells (a one-cell "Summary" or title sheet is not a table)."""
    return sum(1 for _, cells in rows if sum(1 for c in cells if c.strip()) >= 2) >= 2


def sheet_names(data: bytes) -> list[str]:
    """The workbook's sheet names, in order ([] when it cannot be opened)."""
    import openpyxl
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return []
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def uncalculated_formulas(data: bytes, *, sheet: str | None) -> list[tuple[int, int, str]]:
    """(row number, 0-based column, formula) of the formula cells that have no calculated value in the file: a
    program that writes formulas without calculating them (not Excel) leaves them empty for every reader.
    Cheap when the workbook holds no formula at all (the common case): its sheets are not parsed twice."""
    import openpyxl
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if not any(n.startswith("xl/worksheets/") and b"<f" in zf.read(n) for n in zf.namelist()):
                return []
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return []
    try:
        title = sheet if sheet in formulas.sheetnames else formulas.sheetnames[0]
        out = []
        rows = zip(formulas[title].iter_rows(values_only=True), values[title].iter_rows(values_only=True))
        for number, (written, cached) in enumerate(rows, start=1):
            for column, (formula, value) in enumerate(zip(written, cached)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    out.append((number, column, formula))
        return out
    finally:
        formulas.close()
        values.close()
