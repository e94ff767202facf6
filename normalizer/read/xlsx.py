"""Excel workbooks: the sheet that holds the table (or a named one), cells as the text a person sees in Excel. The
workbook is vetted before openpyxl parses it (container.vet_workbook: zip bombs, XML entity declarations)."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Iterator

from ..errors import InputError
from ..report import Issue
from .container import vet_workbook
from .sheets import choose


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


def read_sheet(data: bytes, *, name: str, sheet: str | None = None, known: frozenset[str] = frozenset()
               ) -> tuple[str, list[tuple[int, list[str]]], list[Issue]]:
    """(sheet title, [(row number, cells)], issues) for the named sheet, or the one that holds the table (see
    sheets.choose). The workbook is vetted first: no zip bomb, no XML entity declaration reaches openpyxl."""
    import openpyxl  # imported here: loading it costs ~0.5 s in the browser and CSV users never need it
    vet_workbook(data, name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, SyntaxError) as exc:
        raise InputError(f"this Excel workbook cannot be opened ({type(exc).__name__}: {exc}); "
                         "open it in Excel and save it again as .xlsx, or export CSV", file=name,
                         code="corrupt-workbook") from None
    try:
        return choose(list(wb.sheetnames), lambda title: _iter_rows(wb[title]), name=name, sheet=sheet,
                      known=known)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, SyntaxError) as exc:
        raise InputError(f"this Excel workbook cannot be read ({type(exc).__name__}: {exc}); "
                         "open it in Excel and save it again as .xlsx, or export CSV", file=name,
                         code="corrupt-workbook") from None
    finally:
        wb.close()


def _iter_rows(ws) -> Iterator[tuple[int, list[str]]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()   # some writers record a wrong sheet size; read what is really there
    for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
        yield i, [cell_text(v) for v in values]


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
