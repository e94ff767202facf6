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


def assert_golden(folder, got: dict[str, bytes], *, update: bool = False, label: str = "") -> None:
    """The files `got` (name -> bytes) equal the golden folder's, name for name and byte for byte. With `update`
    (UPDATE_GOLDEN=1), the folder is rewritten from `got` first."""
    if update:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for name, data in got.items():
            (folder / name).write_bytes(data)
    expected = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert sorted(got) == sorted(expected)
    for name in got:
        assert got[name] == expected[name], f"{label or folder.name}/{name} differs from the golden file"
