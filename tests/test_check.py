"""check.py: a CaseClock import CSV made any other way, validated against CaseClock's documented rules."""
from __future__ import annotations

from normalizer import api
from normalizer.cli import main

GOOD = ("Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
        "C-1001,Acme Ltd.,M-1,Lease,ON,Real estate,350.00\r\n"
        "client_01,\"Smith, Ann\",matter.01,Divorce,,Family,\r\n")


def issues(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    report = api.check_caseclock(data, name="import.csv")
    return report, [(i.code, i.row, i.column) for i in report.issues]


def test_a_good_file_has_no_issue() -> None:
    report, found = issues(GOOD)
    assert found == [] and report.counts == {"rows_read": 2, "rows_ok": 2, "rows_bad": 0}


def test_ids_with_spaces_or_hash_are_errors_with_line_and_column() -> None:
    report, found = issues(GOOD + "C 1001,Bob,client#01,Will,,,\r\n")
    assert ("client-id-invalid", 4, "Client ID") in found and ("matter-id-invalid", 4, "Matter ID") in found
    assert report.counts["rows_bad"] == 1


def test_missing_header_is_only_a_warning() -> None:
    _, found = issues(GOOD.split("\r\n", 1)[1])
    assert found == [("header-missing", 1, None)]


def test_wrong_column_order_is_an_error() -> None:
    text = GOOD.replace("Client ID,Client Name,Matter ID", "Client Name,Client ID,Matter ID", 1)
    _, found = issues(text)
    assert ("header-mismatch", 1, 1) in found


def test_semicolons_are_reported_as_the_wrong_delimiter() -> None:
    _, found = issues(GOOD.replace(",", ";"))
    assert found == [("wrong-delimiter", 1, None)]


def test_rates_must_be_plain_numbers() -> None:
    _, found = issues(GOOD + "C-2,Bo,M-2,X,,,\"$1,250.00\"\r\n")
    assert ("rate-invalid", 4, "Hourly Rate") in found


def test_duplicate_matter_ids_name_the_first_line() -> None:
    report, _ = issues(GOOD + "C-2,Bo,M-1,Other,,,\r\n")
    dup = next(i for i in report.issues if i.code == "duplicate-matter-id")
    assert dup.row == 4 and "line 2" in dup.message


def test_multiline_records_report_their_first_line() -> None:
    _, found = issues(GOOD + "C-3,\"Two\nlines\",M 3,X,,,\r\n")
    assert ("matter-id-invalid", 4, "Matter ID") in found and ("untidy-text", 4, "Client Name") in found


def test_not_utf8_and_xlsx_are_refused() -> None:
    _, found = issues(GOOD.replace("Acme", "Ac\u00e9me").encode("cp1252"))
    assert found == [("not-utf8", 2, 10)]
    _, found = issues(b"PK\x03\x04rest-of-a-workbook")
    assert found[0][0] == "not-csv"


def test_wrong_column_count_and_formula_cells() -> None:
    _, found = issues(GOOD + "C-4,=cmd|x,M-4,X,,\r\n")
    assert ("wrong-column-count", 4, None) in found and ("formula-cell", 4, "Client Name") in found


def test_cli_check_exit_codes(tmp_path, capsys) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8", newline="")
    bad.write_text(GOOD + "C 1,X,M-9,Y,,,\r\n", encoding="utf-8", newline="")
    assert main(["check", str(good)]) == 0
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "line 4" in out and "client-id-invalid" in out
