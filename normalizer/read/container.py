"""What kind of file is this? Decided from the bytes, never from the name: exports get renamed."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..errors import InputError

# Signatures of files people rename to .csv by mistake, with what to tell them.
_NOT_A_TABLE = (
    (b"%PDF", "a PDF document, not a spreadsheet: export the list from the system as CSV or Excel instead"),
    (b"\x89PNG", "a PNG image, not a spreadsheet"),
    (b"\xff\xd8\xff", "a JPEG image, not a spreadsheet"),
    (b"GIF8", "a GIF image, not a spreadsheet"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it and choose the CSV or Excel file inside"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it and choose the CSV or Excel file inside"),
    (b"{\\rtf", "a Rich Text document, not a spreadsheet"),
    (b"SQLite format 3\x00", "an SQLite database, not a spreadsheet"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 1 << 30   # refuse ZIPs that expand past 1 GiB (zip bombs)


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes


def binary_signature(data: bytes) -> str | None:
    """What a known non-text file is ('a PDF document, ...'), for the stages that only take text; else None."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "a ZIP archive or an Excel workbook, not a text file"
    if data.startswith(_OLE2):
        return "an old Office file (.xls/.doc) or a password-protected workbook, not a text file"
    return next((what for magic, what in _NOT_A_TABLE if data.startswith(magic)), None)


def kind_of(data: bytes) -> str:
    """'xlsx', 'zip' or 'text'. Raises InputError for anything that is not a table at all."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return "corrupt-zip"
        if "xl/workbook.xml" in names or "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if data.startswith(_OLE2):
        return "ole2"
    for magic, _ in _NOT_A_TABLE:
        if data.startswith(magic):
            return "binary"
    return "text"


def refuse(data: bytes, kind: str, name: str) -> None:
    """Raise the specific error for bytes that cannot be read as a table."""
    if kind == "ole2":
        raise InputError("this is a password-protected Excel workbook or an old .xls file; open it in Excel and save it "
                         "as .xlsx without a password, or as CSV", file=name, code="encrypted-or-xls")
    if kind == "corrupt-zip":
        raise InputError("this looks like an Excel workbook or ZIP archive but it is damaged (truncated download?); "
                         "export it again", file=name, code="corrupt-archive")
    for magic, what in _NOT_A_TABLE:
        if data.startswith(magic):
            raise InputError(f"this file is {what}", file=name, code="not-a-table")


def open_members(data: bytes, *, name: str = "input") -> list[Member]:
    """Expand a ZIP of exports into its files (folders, macOS metadata and nested archives left out)."""
    if kind_of(data) != "zip":
        return [Member(name, data)]
    members: list[Member] = []
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("._") or not base:
                continue
            total += info.file_size
            if total > MAX_UNPACKED:
                raise InputError("the ZIP expands to more than 1 GiB; unpack it and choose the file you need",
                                 file=name, code="zip-too-large")
            if info.flag_bits & 0x1:
                raise InputError(f"{info.filename} inside the ZIP is password-protected; unpack it first",
                                 file=name, code="encrypted-zip")
            try:
                members.append(Member(f"{name}/{info.filename}", zf.read(info)))
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise InputError(f"{info.filename} inside the ZIP cannot be read ({exc})", file=name,
                                 code="corrupt-archive") from None
    return members
