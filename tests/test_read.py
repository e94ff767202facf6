"""The reading layer as a specification: containers, XLSX cells, damaged CSV, header and footer finding."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from normalizer.errors import InputError
from normalizer.read import open_members, read_table
from normalizer.read.xlsx import cell_text

from helpers import workbook


def table(text: str, **kw):
    return read_table(text.encode("utf-8"), name="t.csv", **kw)


def cells(t):
    return [list(r.cells) for r in t.rows]


# --- what kind of file ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("data,code", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not-a-table"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not-a-table"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "encrypted-or-xls"),
    (b"PK\x03\x04garbage-not-really-a-zip", "corrupt-archive"),
    (b"", "empty"),
    (b"\r\n\r\n  \r\n", "empty"),
])
def test_files_that_are_not_tables_get_a_specific_error(data, code):
    with pytest.raises(InputError) as err:
        read_table(data, name="matters.csv")
    assert err.value.code == code
    assert "matters.csv" in str(err.value)


def test_zip_members_are_listed_without_folders_or_mac_metadata():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("export/", "")
        zf.writestr("export/cases.csv", "Case Name\nA\n")
        zf.writestr("__MACOSX/export/._cases.csv", "junk")
    members = open_members(buf.getvalue(), name="backup.zip")
    assert [m.name for m in members] == ["backup.zip/export/cases.csv"]
    with pytest.raises(InputError, match="ZIP"):
        read_table(buf.getvalue(), name="backup.zip")


def test_a_plain_file_is_its_own_single_member():
    assert [m.name for m in open_members(b"a,b\n1,2\n", name="x.csv")] == ["x.csv"]


# --- XLSX ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,text", [
    (12.0, "12"), (12, "12"), (1250.5, "1250.5"), (0.1 + 0.2, "0.30000000000000004"), (1e-05, "0.00001"),
    (dt.datetime(2026, 3, 4), "2026-03-04"), (dt.datetime(2026, 3, 4, 9, 30), "2026-03-04 09:30:00"),
    (dt.date(2026, 3, 4), "2026-03-04"), (True, "TRUE"), (None, ""), ("00042", "00042"),
])
def test_xlsx_cells_read_as_a_person_sees_them(value, text):
    assert cell_text(value) == text


def test_xlsx_first_non_empty_sheet_with_dates_and_integers():
    data = workbook({"Empty": [], "Matters": [
        ["Matter Number", "Opened", "Rate"],
        ["2024-0001", dt.datetime(2024, 1, 15), 350.0],
        ["2024-0002", dt.datetime(2024, 2, 1), 412.5],
    ]})
    t = read_table(data, name="m.xlsx")
    assert t.detection.format == "xlsx" and t.detection.sheet == "Matters"
    assert t.header == ["Matter Number", "Opened", "Rate"]
    assert cells(t) == [["2024-0001", "2024-01-15", "350"], ["2024-0002", "2024-02-01", "412.5"]]
    assert [r.line for r in t.rows] == [2, 3]


def test_xlsx_named_sheet_and_missing_sheet():
    data = workbook({"A": [["x", "y"], ["1", "2"]], "B": [["Client", "Matter"], ["Acme", "Lease"]]})
    assert read_table(data, name="m.xlsx", sheet="B", known_headers={"client"}).header == ["Client", "Matter"]
    with pytest.raises(InputError, match="no sheet named 'C'"):
        read_table(data, name="m.xlsx", sheet="C")


def test_corrupt_workbook_is_a_clear_error():
    data = workbook({"A": [["x"]]})
    broken = data[: len(data) // 2]
    with pytest.raises(InputError) as err:
        read_table(broken, name="m.xlsx")
    assert err.value.code in ("corrupt-workbook", "corrupt-archive")


# --- header, preamble, footer ------------------------------------------------------------------------------------

REPORT = (
    "Matter List\n"
    "Printed on 2026-11-03 14:02\n"
    "\n"
    "Client,Matter Number,Description,Rate\n"
    "\"Tremblay, Jean\",1001-001,Divorce,350.00\n"
    "Acme Widgets Inc.,1002-001,\"Supply contract, dispute\",425.00\n"
    "\n"
    "Total: 2 matters\n"
)


def test_report_title_and_totals_are_skipped_and_accounted_for():
    t = table(REPORT)
    assert t.header == ["Client", "Matter Number", "Description", "Rate"]
    assert t.detection.header_row == 4
    assert cells(t) == [["Tremblay, Jean", "1001-001", "Divorce", "350.00"],
                        ["Acme Widgets Inc.", "1002-001", "Supply contract, dispute", "425.00"]]
    assert [(s.line, s.reason) for s in t.skipped] == [
        (1, "preamble"), (2, "preamble"), (3, "blank"), (7, "blank"), (8, "footer")]


def test_key_value_lines_above_the_table_are_preamble():
    text = ("Report:,Matter List\nFirm:,Gagnon Avocats\nPrinted on:,2026-11-03\n"
            "Matter File #,Client,Matter Name,Status,Rate\n"
            "M-0001,Gagnon,Bail commercial,Open,300\nM-0002,Roy,Succession,Closed,275\n")
    t = table(text)
    assert t.detection.header_row == 4
    assert len(t.rows) == 2


def test_headerless_all_text_file_keeps_its_first_row_as_data():
    text = "Tremblay,Divorce,Family\nGagnon,Estate planning,Wills\nRoy,Lease renewal,Real estate\n"
    t = table(text)
    assert t.header is None
    assert len(t.rows) == 3 and t.rows[0].line == 1


def test_headerless_file_with_numbers_keeps_first_row():
    text = '"1001","1001-001","Tremblay","Jean","Divorce"\n"1002","1002-001","Roy","Luc","Will"\n'
    t = table(text)
    assert t.header is None and cells(t)[0][:2] == ["1001", "1001-001"]


def test_known_header_vocabulary_decides_an_all_text_header():
    text = "Client,Matter,Area\nTremblay,Divorce,Family\nGagnon,Estate planning,Wills\n"
    assert table(text).header is None
    assert table(text, known_headers={"client", "matter"}).header == ["Client", "Matter", "Area"]


def test_header_above_typed_columns_is_found_without_vocabulary():
    t = table("Name,Opened,Rate\nTremblay,2024-01-05,350\nGagnon,2024-02-11,275\n")
    assert t.header == ["Name", "Opened", "Rate"]


def test_quoted_line_breaks_keep_the_start_line():
    t = table('Client,Description\nA,"line one\nline two"\nB,plain\n', known_headers={"client"})
    assert [(r.line, r.cells[1]) for r in t.rows] == [(2, "line one\nline two"), (4, "plain")]


# --- damaged rows --------------------------------------------------------------------------------------------------

def test_short_and_long_rows_are_padded_or_reported_never_dropped():
    t = table("Client,Matter,Rate\nA,M1,100\nB,M2\nC,M3,300,surprise\nD,M4,400,\n", known_headers={"client"})
    assert cells(t) == [["A", "M1", "100"], ["B", "M2", ""], ["C", "M3", "300"], ["D", "M4", "400"]]
    codes = {(i.code, i.row, i.column) for i in t.issues}
    assert ("row-too-short", 3, "Rate") in codes
    assert ("row-too-long", 4, 4) in codes
    assert not any(i.row == 5 for i in t.issues if i.code.startswith("row-"))
    long_issue = next(i for i in t.issues if i.code == "row-too-long")
    assert "surprise" in long_issue.message


def test_unterminated_quote_is_reported_where_it_opens():
    t = table('Client,Matter\nA,M1\nB,"M2 oops\nC,M3\n', known_headers={"client"})
    issue = next(i for i in t.issues if i.code == "unterminated-quote")
    assert (issue.row, issue.column) == (3, 2)
    assert [r.cells[0] for r in t.rows] == ["A", "B", "C"]


def test_nul_bytes_are_removed_and_reported():
    t = read_table(b"Client,Matter\nA,M\x001\n", name="n.csv", known_headers={"client"})
    assert cells(t) == [["A", "M1"]]
    issue = next(i for i in t.issues if i.code == "nul-removed")
    assert (issue.row, issue.column) == (2, 2)   # column = field number, as everywhere else


def test_repeated_header_rows_of_a_paginated_report_are_skipped():
    t = table("Client,Matter,Rate\nA,M1,100\nClient,Matter,Rate\nB,M2,200\n", known_headers={"client"})
    assert cells(t) == [["A", "M1", "100"], ["B", "M2", "200"]]
    assert (3, "repeated header") in [(s.line, s.reason) for s in t.skipped]


def test_header_is_found_when_the_last_column_is_empty_in_every_row():
    t = table("Client ID,Client Name,Matter ID,Jurisdiction\nc1,Acme,M1,\nc2,Roy,M2,\n",
              known_headers={"client id", "client name"})
    assert t.header == ["Client ID", "Client Name", "Matter ID", "Jurisdiction"]
    assert cells(t) == [["c1", "Acme", "M1", ""], ["c2", "Roy", "M2", ""]]


def test_trailing_delimiter_on_data_rows_only():
    t = table("Client,Matter,Rate\nA,M1,100,\nB,M2,200,\n", known_headers={"client", "matter"})
    assert t.header == ["Client", "Matter", "Rate"] and cells(t) == [["A", "M1", "100"], ["B", "M2", "200"]]
    assert not [i for i in t.issues if i.code.startswith("row-")]


def test_a_quote_that_never_closes_early_in_the_file_is_pointed_at():
    t = table("Client ID,Client Name,Matter ID,Matter Name\nC1,\"Alpha Inc.,M1,Contract review\n"
              "C2,Beta,M2,Lease\nC3,Gamma,M3,TM\n", known_headers={"client id", "client name"})
    assert t.detection.quotechar is None
    assert [r.cells[1] for r in t.rows] == ['"Alpha Inc.', "Beta", "Gamma"]
    issue = next(i for i in t.issues if i.code == "stray-quote")
    assert (issue.row, issue.column) == (2, 2)


def test_dos_end_of_file_mark_is_not_a_row():
    t = read_table(b"Client,Matter\r\nA,M1\r\nB,M2\r\n\x1a", name="dos.csv", known_headers={"client", "matter"})
    assert [list(r.cells) for r in t.rows] == [["A", "M1"], ["B", "M2"]] and not t.skipped


@pytest.mark.parametrize("last", ["Countryside Farms Ltd,M-3,Lease,,,", "Totally Fit Inc.,M-3,Gym lease,,,",
                                  "Printemps Ltée,M-3,Bail,,,", "Count Basie Estate,M-3,Probate,,,"])
def test_a_last_row_that_starts_like_a_footer_word_is_data(last):
    text = "Client,Matter,Description,Area,Rate,Notes\nAcme,M-1,Lease,RE,300,\nBeta,M-2,Will,Estates,250,\n" + last + "\n"
    t = table(text, known_headers={"client", "matter"})
    assert [r.cells[0] for r in t.rows] == ["Acme", "Beta", last.split(",")[0]]
    assert not t.skipped


@pytest.mark.parametrize("footer", ["Total: 2 matters,,,,550.00,", "Page 1 of 1,,,,,", "Printed on 2026-11-03,,,,,",
                                    "TOTAL,,,,550.00,", "2 matters,,,,,"])
def test_totals_page_and_printed_lines_end_the_table(footer):
    text = "Client,Matter,Description,Area,Rate,Notes\nAcme,M-1,Lease,RE,300,\nBeta,M-2,Will,Estates,250,\n" + footer + "\n"
    t = table(text, known_headers={"client", "matter"})
    assert [r.cells[0] for r in t.rows] == ["Acme", "Beta"]
    assert [(s.line, s.reason) for s in t.skipped] == [(4, "footer")]


def test_a_grouping_row_above_the_header_is_preamble():
    data = workbook({"Projects": [
        ["List of Projects"], [],
        ["Project", None, "Client", None, "Phase"],
        ["Project Number", "Project Name", "Client First Name", "Client Last Name", "Phase"],
        ["24-0193", "Ortega v. Desert Sky Trucking", "Marisol", "Ortega", "Treatment"],
        ["24-0207", "Delgado, Ramon", "Ramon", "Delgado", "Demand"],
    ]})
    t = read_table(data, name="projects.xlsx", known_headers={"project number", "project name", "phase"})
    assert t.header == ["Project Number", "Project Name", "Client First Name", "Client Last Name", "Phase"]
    assert t.detection.header_row == 4 and [r.line for r in t.rows] == [5, 6]
    assert (3, "preamble") in [(s.line, s.reason) for s in t.skipped]


def test_a_data_row_with_a_gap_above_a_complete_data_row_stays_data():
    t = table("1001,Tremblay,,350\n1002,Gagnon,Wills,275\n1003,Roy,Lease,300\n")
    assert t.header is None and [r.line for r in t.rows] == [1, 2, 3]
