"""Workbooks and archives that would harm the reader, or that are not what they seem, end at once with a clear
message naming the file: zip bombs, XML entity declarations (XXE, billion laughs), old and protected Office
files; and the spreadsheets that are fine but unusual: OpenDocument, a cover sheet before the table, a ZIP sniffed."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from normalizer import api
from normalizer.errors import InputError
from normalizer.read import read_table
from normalizer.read.survey import survey

from helpers import workbook

CLIENTS = [
    ["Client Name", "Matter Number", "Matter Description", "Practice Area", "Rate"],
    ["Bérubé, Émilie", "2025-0101", "Séparation – garde des enfants", "Familial", 275.0],
    ["Nguyễn Văn An", "2025-0102", "Permis d'études – renouvellement", "Immigration", 300.0],
    ["Les Entreprises Côté & Frères inc.", "2025-0103", "Litige commercial c. Béton Québec ltée", "Litige", 1250.5],
    ["Gauthier, Françoise", "2025-0104", "Testament; mandat de protection", "Successions", None],
    ["Okonkwo, Chidi", "2025-0105", "Commercial lease review", "Real estate", 425.0],
    ["Müller GmbH", "2025-0106", "Distribution agreement", "Commercial", 410.0],
]


def _rezip(xlsx: bytes, replace: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook with some members' bytes replaced (the way a hostile file is made from a real one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for member in replace.keys() - set(src.namelist()):
            dst.writestr(member, replace[member])
    return out.getvalue()


def _refused(data: bytes, name: str, code: str) -> InputError:
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_table(data, name=name)
    assert time.perf_counter() - start < 5, "refusing must not take long"
    assert err.value.code == code
    assert name in str(err.value)
    return err.value


# --- zip bombs ----------------------------------------------------------------------------------------------------

def test_a_zip_bomb_workbook_is_refused_before_parsing():
    real = workbook({"Clients": CLIENTS})
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
                    for i in range(1, 2))
    huge = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + rows + b" " * (64 << 20) + b"</sheetData></worksheet>")
    bomb = _rezip(real, {"xl/worksheets/sheet1.xml": huge})
    assert len(bomb) < 2 << 20                      # a tiny file ...
    err = _refused(bomb, "clients.xlsx", "zip-bomb")
    assert "xl/worksheets/sheet1.xml" in err.message and "ZIP bomb" in err.message


def test_a_zip_bomb_archive_is_refused_by_the_matters_job_too():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("export/clients.csv", "Client Name,Matter Number\n" + " " * (64 << 20))
    with pytest.raises(InputError) as err:
        api.normalize_matters([buf.getvalue()], names=["backup.zip"])
    assert err.value.code == "zip-bomb" and "backup.zip" in str(err.value)


def test_a_well_compressed_real_workbook_is_not_a_bomb():
    rows = [CLIENTS[0]] + [[f"Client {i}", f"2025-{i:04d}", "Same matter description", "Litige", 250.0]
                           for i in range(20_000)]
    t = read_table(workbook({"Clients": rows}), name="big.xlsx")
    assert len(t.rows) == 20_000


# --- XML entity declarations ------------------------------------------------------------------------------------

XXE = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
       b"<si><t>&xxe;</t></si></sst>")
LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("member, xml", [
    ("xl/sharedStrings.xml", XXE),
    ("xl/worksheets/sheet1.xml", LAUGHS),
    ("xl/worksheets/sheet1.xml", b"<!-- a comment <row> before -->" + LAUGHS[LAUGHS.index(b"\n") + 1:]),
    ("xl/workbook.xml", "\ufeff".encode("utf-16-le") + XXE.decode().replace('"UTF-8"', '"UTF-16"').encode("utf-16-le")),
])
def test_xml_entity_declarations_are_refused_with_a_clear_message(member, xml):
    hostile = _rezip(workbook({"Clients": CLIENTS}), {member: xml})
    err = _refused(hostile, "clients.xlsx", "xml-entity")
    assert "this workbook contains an XML entity declaration" in err.message and "refused" in err.message
    assert member in err.message


def test_a_doctype_hidden_after_a_long_prolog_comment_is_still_found():
    xml = b'<?xml version="1.0"?>' + b"<!--" + b"x" * 100_000 + b"-->" + LAUGHS[LAUGHS.index(b"\n") + 1:]
    _refused(_rezip(workbook({"Clients": CLIENTS}), {"xl/worksheets/sheet1.xml": xml}), "c.xlsx", "xml-entity")


def test_the_command_line_prints_one_line_and_no_traceback(capsys):
    from normalizer.cli import main
    hostile = _rezip(workbook({"Clients": CLIENTS}), {"xl/sharedStrings.xml": XXE})
    path = _tmp_file("hostile.xlsx", hostile)
    code = main(["sniff", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "hostile.xlsx" in err and "XML entity declaration" in err


def _tmp_file(name: str, data: bytes):
    import tempfile
    from pathlib import Path
    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(data)
    return path


# --- old and protected Office files ---------------------------------------------------------------------------------

def _ole2(*streams: str) -> bytes:
    """The start of an OLE2 compound file with a directory naming these streams (UTF-16, as Office writes them)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entries = b"".join(s.encode("utf-16-le") + b"\x00\x00" + b"\x00" * (128 - 2 * len(s) - 2)
                       for s in ("Root Entry", *streams))
    return header + entries + b"\x00" * 512


@pytest.mark.parametrize("streams, code, words", [
    (("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"), "encrypted-workbook", "password"),
    (("Workbook", "\x05SummaryInformation"), "old-xls", ".xls"),
    (("Book",), "old-xls", "97-2003"),
    (("WordDocument", "1Table"), "not-a-table", "Word document"),
    (("Something",), "encrypted-or-xls", "old Office file"),
])
def test_old_and_protected_office_files_are_named_apart(streams, code, words):
    err = _refused(_ole2(*streams), "clients.xlsx", code)
    assert words in err.message


# --- OpenDocument -------------------------------------------------------------------------------------------------

def _ods(sheets: dict[str, str]) -> bytes:
    """An .ods as LibreOffice writes one: mimetype first and stored, content.xml with the sheets' table XML."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               "<office:body><office:spreadsheet>"
               + "".join(f'<table:table table:name="{title}">{body}</table:table>' for title, body in sheets.items())
               + "</office:spreadsheet></office:body></office:document-content>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return buf.getvalue()


def _cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value:,.2f}</text:p>' \
               "</table:table-cell>"
    text = str(value).replace("&", "&amp;")
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def _ods_rows(rows) -> str:
    return "".join("<table:table-row>" + "".join(_cell(v) for v in row)
                   + '<table:table-cell table:number-columns-repeated="1019"/></table:table-row>' for row in rows)


def test_an_opendocument_spreadsheet_is_read_like_a_workbook():
    notes = ('<table:table-row><table:table-cell office:value-type="string"><text:p>Exported from LibreOffice'
             "</text:p></table:table-cell></table:table-row>")
    body = (_ods_rows(CLIENTS[:4])
            + '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
            + _ods_rows(CLIENTS[4:])
            + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
              'table:number-columns-repeated="1024"/></table:table-row>')
    data = _ods({"Notes": notes, "Clients": body})
    t = read_table(data, name="clients.ods", known_headers=["client name", "matter number"])
    assert t.detection.format == "ods" and t.detection.sheet == "Clients"
    assert t.header == CLIENTS[0]
    assert [list(r.cells) for r in t.rows][0] == ["Bérubé, Émilie", "2025-0101", "Séparation – garde des enfants",
                                                  "Familial", "275"]
    assert [r.cells[4] for r in t.rows] == ["275", "300", "1250.5", "", "425", "410"]
    assert [r.line for r in t.rows] == [2, 3, 4, 7, 8, 9]      # the two empty rows keep their numbers
    chosen = [i for i in t.issues if i.code == "sheet-chosen"]
    assert chosen and "'Clients' was read" in chosen[0].message and "'Notes' holds no table" in chosen[0].message


def test_an_opendocument_spreadsheet_converts_to_caseclock():
    result = api.normalize_matters([_ods({"Clients": _ods_rows(CLIENTS)})], names=["clients.ods"],
                                   jurisdiction="QC")
    text = result.data.decode("utf-8")
    assert '"Bérubé, Émilie"' in text and "Nguyễn Văn An" in text and "1250.50" in text
    assert result.report.counts["rows_written"] == 6


def test_an_ods_whose_repeated_rows_expand_past_reason_is_refused():
    row = '<table:table-row table:number-rows-repeated="2000000">' + _cell("x") * 20 + "</table:table-row>"
    _refused(_ods({"Clients": row}), "clients.ods", "zip-bomb")


# --- a cover sheet before the table -----------------------------------------------------------------------------

def test_a_cover_sheet_before_the_table_is_passed_over_and_the_choice_is_said():
    cover = [["Tremblay Gagné LLP — client and matter list"], [], ["Prepared by", "Émilie Bérubé"],
             ["Date", "2025-11-21"], ["Firm", "Tremblay Gagné"], ["Note", "Rates are hourly, CAD"]]
    summary = [["Practice Area", "Matters"], ["Familial", 1], ["Immigration", 1]]
    data = workbook({"Cover": cover, "Clients": CLIENTS, "Summary": summary})
    t = read_table(data, name="clients.xlsx")
    assert t.detection.sheet == "Clients" and t.header == CLIENTS[0]
    chosen = [i for i in t.issues if i.code == "sheet-chosen"]
    assert len(chosen) == 1 and chosen[0].severity == "info" and chosen[0].file == "clients.xlsx"
    message = chosen[0].message
    assert "3 sheets ('Cover', 'Clients', 'Summary')" in message
    assert "'Clients' was read: it has a header row (row 1: Client Name, Matter Number" in message
    assert "over 6 rows" in message and "'Cover' holds no table" in message
    sniffed = api.sniff(data, name="clients.xlsx")
    assert sniffed["sheet"] == "Clients" and any(i["code"] == "sheet-chosen" for i in sniffed["issues"])
    assert api.normalize_matters([data], names=["clients.xlsx"]).report.counts["rows_written"] == 6


def test_a_one_sheet_workbook_says_nothing_about_sheets():
    t = read_table(workbook({"Clients": CLIENTS}), name="c.xlsx")
    assert not [i for i in t.issues if i.code == "sheet-chosen"]


# --- sniffing a ZIP -------------------------------------------------------------------------------------------------

def test_a_zip_is_surveyed_table_by_table():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("backup/clients.csv", "Client Name;Matter Number;Rate\r\nBérubé, Émilie;2025-0101;275,00\r\n"
                    .encode("cp1252"))
        zf.writestr("backup/matters.xlsx", workbook({"Clients": CLIENTS}))
        zf.writestr("backup/readme.pdf", b"%PDF-1.7\n")
    info = survey(buf.getvalue(), name="backup.zip")
    assert info["format"] == "zip"
    assert [t["file"] for t in info["tables"]] == ["backup.zip/backup/clients.csv", "backup.zip/backup/matters.xlsx",
                                                  "backup.zip/backup/readme.pdf"]
    csv_info, xlsx_info, pdf = info["tables"]
    assert (csv_info["encoding"], csv_info["delimiter"], csv_info["rows"]) == ("cp1252", ";", 1)
    assert xlsx_info["columns"] == CLIENTS[0] and xlsx_info["rows"] == 6
    assert pdf["error"]["code"] == "not-a-table"
    assert [i["code"] for i in info["issues"]] == ["member-table", "member-table", "member-ignored"]
