"""Small builders shared by several test files."""
from __future__ import annotations

import io


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx with these sheets, in order, each filled row by row."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
