"""OpenDocument spreadsheets (.ods: LibreOffice, OpenOffice, Google Sheets' download): content.xml read with the
standard library, cells as the text a person sees (numbers without float noise, ISO dates, as for XLSX).

The archive is vetted first (container.vet_workbook: zip bombs, XML entity declarations), and repeated rows and
cells (`number-rows-repeated`, `number-columns-repeated`: a sheet's empty tail is written as one row repeated a
million times) are expanded only where values follow them, with a cap on the cells one sheet may expand to.
"""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Iterator
from xml.etree import ElementTree

from ..errors import InputError
from ..report import Issue
from .container import vet_workbook
from .sheets import choose

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_CELLS = 20_000_000        # cells one sheet may expand to (a real client list has well under a million)

Sheet = list[tuple[int, list[str]]]


def read_sheet(data: bytes, *, name: str, sheet: str | None = None, known: frozenset[str] = frozenset()
               ) -> tuple[str, Sheet, list[Issue]]:
    """(sheet title, [(row number, cells)], issues) for the named sheet or the one that holds the table."""
    vet_workbook(data, name, what="OpenDocument spreadsheet")
    sheets = read_sheets(data, name=name)
    by_title = dict(sheets)
    return choose([t for t, _ in sheets], lambda title: iter(by_title[title]), name=name, sheet=sheet, known=known,
                  what="OpenDocument spreadsheet")


def read_sheets(data: bytes, *, name: str) -> list[tuple[str, Sheet]]:
    """Every sheet's title and rows, in order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as content:
            return list(_parse(content, name))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ElementTree.ParseError) as exc:
        raise InputError(f"this OpenDocument spreadsheet cannot be read ({type(exc).__name__}: {exc}); open it and "
                         "save it again as .ods or .xlsx, or export CSV", file=name, code="corrupt-workbook") from None


def _parse(content, name: str) -> Iterator[tuple[str, Sheet]]:
    depth = 0                                # nesting of table:table (a table inside a cell is part of the cell)
    title, rows, line, cells_seen, count = "", [], 0, 0, 0
    for event, elem in ElementTree.iterparse(content, events=("start", "end")):
        if elem.tag == _TABLE + "table":
            if event == "start":
                depth += 1
                if depth == 1:
                    count += 1
                    title, rows, line, cells_seen = elem.get(_TABLE + "name") or f"Sheet{count}", [], 0, 0
                continue
            depth -= 1
            if depth == 0:
                yield title, rows
                elem.clear()
            continue
        if event != "end" or depth != 1 or elem.tag != _TABLE + "table-row":
            continue
        cells = _cells(elem)
        repeat = _count(elem.get(_TABLE + "number-rows-repeated"))
        if any(cells):
            cells_seen += len(cells) * repeat
            if cells_seen > MAX_CELLS:
                raise InputError(f"sheet {title!r} expands to more than {MAX_CELLS:,} cells (rows repeated "
                                 "over and over), far more than a real export holds; refused", file=name,
                                 code="zip-bomb")
            for _ in range(repeat):
                line += 1
                rows.append((line, list(cells)))
        else:
            line += repeat                   # empty rows keep their numbers but are not materialised
        elem.clear()


def _count(value: str | None) -> int:
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


def _cells(row) -> list[str]:
    """A row's cells as text, repeated cells expanded, the empty tail dropped."""
    out: list[str] = []
    pending_empty = 0
    for cell in row:
        if cell.tag not in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            continue
        repeat = _count(cell.get(_TABLE + "number-columns-repeated"))
        text = _cell_text(cell)
        if not text:
            pending_empty += repeat
            continue
        if pending_empty:
            out.extend([""] * pending_empty)
            pending_empty = 0
        out.extend([text] * min(repeat, 16_384))     # a sheet is at most 16,384 columns wide
    return out


def _cell_text(cell) -> str:
    kind = cell.get(_OFFICE + "value-type")
    if kind in ("float", "percentage", "currency"):
        return _number(cell.get(_OFFICE + "value")) or _paragraphs(cell)
    if kind == "date":
        value = cell.get(_OFFICE + "date-value") or ""
        day, _, time = value.partition("T")
        return day if not time or time.startswith("00:00:00") else f"{day} {time[:8]}"
    if kind == "time":
        return _duration(cell.get(_OFFICE + "time-value") or "") or _paragraphs(cell)
    if kind == "boolean":
        return "TRUE" if (cell.get(_OFFICE + "boolean-value") or "").lower() == "true" else "FALSE"
    return _paragraphs(cell)


def _number(value: str | None) -> str:
    """'12' not '12.0', '1250.5', never scientific notation, as XLSX cells read."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        return ""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _duration(value: str) -> str:
    """ISO 8601 'PT09H30M00S' -> '09:30:00'."""
    if not value.startswith("PT"):
        return ""
    parts = {"H": 0, "M": 0, "S": 0}
    number = ""
    for ch in value[2:]:
        if ch.isdigit() or ch == ".":
            number += ch
        elif ch in parts and number:
            parts[ch], number = int(float(number)), ""
    return f"{parts['H']:02d}:{parts['M']:02d}:{parts['S']:02d}"


def _paragraphs(cell) -> str:
    """The cell's text:p paragraphs, one per line, with text:s spaces, tabs and line breaks as written."""
    return "\n".join(_inline(p) for p in cell if p.tag == _TEXT + "p")


def _inline(elem) -> str:
    out = [elem.text or ""]
    for child in elem:
        if child.tag == _TEXT + "s":
            out.append(" " * _count(child.get(_TEXT + "c")))
        elif child.tag == _TEXT + "tab":
            out.append("\t")
        elif child.tag == _TEXT + "line-break":
            out.append("\n")
        elif child.tag in (_OFFICE + "annotation", _TEXT + "note"):
            pass                             # a comment on the cell is not its value
        else:
            out.append(_inline(child))       # text:span, text:a, ...
        out.append(child.tail or "")
    return "".join(out)
