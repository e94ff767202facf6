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
MAX_UNPACKED = 1 << 30   # refuse ZIPs and workbooks that expand past 1 GiB
MAX_RATIO = 200          # a member this many times larger than its compressed bytes is a zip bomb (real XML and CSV
RATIO_FLOOR = 1 << 20    # compress 5-50 times; deflate's limit is ~1030) - once it expands past 1 MiB
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
XML_HEAD = 64 * 1024     # an XML member's prolog (where a DOCTYPE would be) is looked for in this much


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes


def binary_signature(data: bytes) -> str | None:
    """What a known non-text file is ('a PDF document, ...'), for the stages that only take text; else None."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "a ZIP archive, an Excel workbook or an OpenDocument spreadsheet, not a text file"
    if data.startswith(_OLE2):
        return f"{_OLE2_WHAT[ole2_kind(data)]}, not a text file"
    return next((what for magic, what in _NOT_A_TABLE if data.startswith(magic)), None)


def kind_of(data: bytes) -> str:
    """'xlsx', 'ods', 'zip', 'corrupt-zip', 'ole2', 'binary' or 'text' (never raises)."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" in names or "[Content_Types].xml" in names and any(
                        n.startswith("xl/") for n in names):
                    return "xlsx"
                if "content.xml" in names and "mimetype" in names and zf.getinfo("mimetype").file_size < 200 \
                        and zf.read("mimetype").strip() == ODS_MIMETYPE:
                    return "ods"
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError):
            return "corrupt-zip"
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
        what = ole2_kind(data)
        if what == "encrypted":
            raise InputError("this Excel workbook is protected by a password, so its contents cannot be read; open it "
                             "in Excel, remove the password (File > Info > Protect Workbook) and save it, or save it "
                             "as CSV", file=name, code="encrypted-workbook")
        if what == "xls":
            raise InputError("this is an old Excel 97-2003 workbook (.xls), which cannot be read here; open it in "
                             "Excel and save it as .xlsx (Excel Workbook) or as CSV", file=name, code="old-xls")
        if what == "doc":
            raise InputError("this file is a Word document, not a spreadsheet: export the list from the system as CSV "
                             "or Excel instead", file=name, code="not-a-table")
        raise InputError("this is an old Office file or a password-protected workbook; open it in Excel and save it "
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
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        vet_sizes(zf, name, what="ZIP")
        for info in zf.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("._") or not base:
                continue
            if info.flag_bits & 0x1:
                raise InputError(f"{info.filename} inside the ZIP is password-protected; unpack it first",
                                 file=name, code="encrypted-zip")
            try:
                members.append(Member(f"{name}/{info.filename}", zf.read(info)))
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise InputError(f"{info.filename} inside the ZIP cannot be read ({exc})", file=name,
                                 code="corrupt-archive") from None
    return members


# --- old Office files ---------------------------------------------------------------------------------------------

_OLE2_WHAT = {
    "encrypted": "a password-protected Excel workbook", "xls": "an old Excel 97-2003 workbook (.xls)",
    "doc": "a Word document", "unknown": "an old Office file or a password-protected workbook",
}


def ole2_kind(data: bytes) -> str:
    """'encrypted', 'xls', 'doc' or 'unknown' for an OLE2 compound file, from the names of its streams (stored in
    UTF-16 in its directory): Office encrypts an .xlsx into EncryptionInfo + EncryptedPackage streams; an old
    .xls keeps its sheets in a Workbook (or Book) stream; Word in WordDocument."""
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") + b"\x00\x00" in data
    if has("EncryptionInfo") or has("EncryptedPackage"):
        return "encrypted"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("WordDocument"):
        return "doc"
    return "unknown"


# --- archives that would harm the reader ----------------------------------------------------------------------------

def vet_sizes(zf: zipfile.ZipFile, name: str, *, what: str) -> None:
    """Refuse an archive whose members would expand past MAX_UNPACKED, or one member far past its compressed size
    (a zip bomb), before anything is unpacked. zipfile never yields more than a member's recorded size (it stops
    there and fails the CRC), so the recorded sizes bound the work."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(f"{info.filename} inside this {what} would unpack from {_size(info.compress_size)} to "
                             f"{_size(info.file_size)} ({ratio:,.0f} times its size), which no real export does: "
                             "it looks like a 'ZIP bomb' and was refused; export the list again", file=name,
                             code="zip-bomb")
    if total > MAX_UNPACKED:
        raise InputError(f"this {what} would unpack to {_size(total)}, more than the 1 GiB this tool opens; "
                         + ("unpack it and choose the file you need" if what == "ZIP" else
                            "export a smaller list, or save it as CSV"), file=name, code="zip-too-large")


def vet_workbook(data: bytes, name: str, *, what: str = "workbook") -> None:
    """Before a workbook's XML is parsed: sizes as for any archive, and no XML member may declare a DOCTYPE (entity
    declarations are how XXE and "billion laughs" attacks work; no spreadsheet program writes one)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return                               # the parser reports the damage
    with zf:
        vet_sizes(zf, name, what=what)
        for info in zf.infolist():
            if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_entities(zf, info):
                raise InputError(f"this {what} contains an XML entity declaration (in {info.filename}); refused: "
                                 "real exports never contain one, and it can be used to attack the computer "
                                 "reading the file; export the list again", file=name, code="xml-entity")


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an XML member has a DOCTYPE: looked for in its prolog (before the root element, the only place XML
    allows one); a prolog too long to settle is searched through the whole member."""
    try:
        with zf.open(info) as f:
            head = f.read(XML_HEAD)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return False                         # unreadable: the parser reports it
    verdict = _prolog_has_doctype(_xml_text(head))
    if verdict is not None:
        return verdict
    return _anywhere(zf, info)


def _xml_text(head: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "replace")
    if head[:1] == b"\x00":
        return head.decode("utf-16-be", "replace")
    if head[1:2] == b"\x00":
        return head.decode("utf-16-le", "replace")
    return head.decode("latin-1")


def _prolog_has_doctype(text: str) -> bool | None:
    """True when the prolog holds <!DOCTYPE (or any other <! declaration), False when the root element starts
    first, None when the head ends before either."""
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n\ufeff":
            i += 1
        if i >= n:
            return None
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
            i = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            i = end + 3
        elif text.startswith("<!", i):
            return True
        elif text.startswith("<", i):
            return False
        else:
            return None                      # not XML as far as this can tell: search it all
        if end < 0:
            return None


_MARKERS = tuple(m.encode(codec) for m in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _anywhere(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    keep = max(len(m) for m in _MARKERS)
    tail = b""
    try:
        with zf.open(info) as f:
            while chunk := f.read(1 << 20):
                window = tail + chunk
                if any(m in window for m in _MARKERS):
                    return True
                tail = window[-keep:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return False
    return False


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n} bytes"
