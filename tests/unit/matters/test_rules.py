"""The matter job's rules one at a time (normalizer/matters/rules/), each on tiny inline values; the job as a whole is
covered by test_matters*.py and the golden files."""
from __future__ import annotations

import pytest

from normalizer.mappings import load_mappings
from normalizer.matters.extract import compile_extractor, extract
from normalizer.matters.rules.cells import within_limit
from normalizer.matters.rules.duplicates import Duplicates
from normalizer.matters.rules.jurisdiction import Jurisdiction
from normalizer.matters.rules.rate import rate_of
from normalizer.matters.rules.status import Status
from normalizer.read import read_table
from normalizer.report import Report
from normalizer.vendor import detect

CLIO = ("Unique ID,Display Number,Description,Status,Clients,Hourly Rate\r\n"
        "1,00012-Smith,Divorce,Open,\"Smith, Ann\",$350.00\r\n"
        "2,00013-Jones,\"  Lease \n review \",Closed,Jones Ltd,Flat fee\r\n"
        "3,,Estate,Pending,,0\r\n").encode()


@pytest.fixture(scope="module")
def plan_and_rows():
    table = read_table(CLIO, name="clio.csv")
    plan = detect(table, load_mappings(), name="clio.csv")
    return plan, table.rows


def test_compiled_extractor_gives_what_extract_gives(plan_and_rows):
    plan, rows = plan_and_rows
    ext = compile_extractor(plan)
    for row in rows:
        assert ext(row.cells) == extract(row.cells, plan)


def test_compiled_extractor_cleans_whitespace_and_line_breaks(plan_and_rows):
    plan, rows = plan_and_rows
    assert compile_extractor(plan)(rows[1].cells)["matter_name"] == "Lease review"


def test_a_closed_status_leaves_the_row_out_and_says_which_column(plan_and_rows):
    plan, rows = plan_and_rows
    report = Report()
    status = Status(report, include_closed=False, generic=None)
    vals = [extract(r.cells, plan) for r in rows]
    assert [status.closed(v, plan, n, "clio.csv") for n, v in enumerate(vals, 2)] == [False, True, False]
    assert [(i.code, i.row, i.column) for i in report.issues] == [("matter-closed", 3, "Status")]


def test_include_closed_keeps_the_row_without_an_issue(plan_and_rows):
    plan, rows = plan_and_rows
    report = Report()
    assert Status(report, include_closed=True, generic=None).closed(extract(rows[1].cells, plan), plan, 3, "f")
    assert report.issues == []


@pytest.mark.parametrize("raw, method, expected", [
    ("$350.00", "", ("350.00", None)),
    ("Flat fee", "", ("", "no-rate")),
    ("350", "Contingency", ("", "no-rate-method")),
    ("0", "", ("", "zero")),
    ("-5", "", ("", "unreadable")),
    ("", "", ("", None)),
])
def test_rate_of(raw, method, expected):
    assert rate_of(raw, method, load_mappings()["clio"]) == expected


ROW = ("C1", "Smith, Ann", "M1", "Divorce", "ON", "Family", "350.00")


def test_the_same_row_twice_is_merged():
    report = Report()
    dup = Duplicates(report)
    assert dup.outcome(ROW, 2, "a.csv") is None
    dup.remember(ROW, 2, "a.csv", "M1")
    assert dup.outcome(ROW, 3, "a.csv") == "rows_merged"
    assert report.issues[-1].code == "duplicate-merged" and "line 2" in report.issues[-1].message


def test_the_same_matter_id_with_other_details_is_rejected_naming_both_lines():
    report = Report()
    dup = Duplicates(report)
    dup.remember(ROW, 2, "a.csv", "M1")
    assert dup.outcome(ROW[:3] + ("Custody",) + ROW[4:], 7, "b.csv") == "rows_rejected"
    issue = report.issues[-1]
    assert issue.code == "duplicate-matter-id" and "line 2 of a.csv" in issue.message and issue.row == 7


def test_the_same_client_and_matter_name_under_another_id_is_rejected():
    report = Report()
    dup = Duplicates(report)
    dup.remember(ROW, 2, "a.csv", "M1")
    assert dup.outcome(ROW[:2] + ("M2",) + ROW[3:], 4, "a.csv") == "rows_rejected"
    assert report.issues[-1].code == "duplicate-matter-name"


def test_a_long_name_is_cut_and_a_long_id_rejects_the_row():
    from normalizer.clean import FIELD_LIMIT
    header = ("Client ID", "Client Name", "Matter ID", "Matter Name", "J", "A", "R")
    report = Report()
    cut = within_limit(ROW[:3] + ("x" * (FIELD_LIMIT + 5),) + ROW[4:], header, 2, "f", report)
    assert len(cut[3]) <= FIELD_LIMIT and report.issues[-1].code == "cell-cut"
    assert within_limit(("x" * (FIELD_LIMIT + 1),) + ROW[1:], header, 3, "f", report) is None
    assert report.issues[-1].code == "cell-too-long"


def test_rows_without_a_jurisdiction_are_named_once_at_the_end(plan_and_rows):
    plan, _ = plan_and_rows
    report = Report()
    jur = Jurisdiction(report, default="")
    jur.start(plan, "clio.csv")
    assert jur.of({}) == ""
    jur.count_missing("clio.csv")
    jur.count_missing("clio.csv")
    jur.finish(written=2)
    assert [i.code for i in report.issues] == ["jurisdiction-missing"]
    assert "no jurisdiction column" in report.issues[0].message


def test_the_default_jurisdiction_fills_an_empty_one():
    assert Jurisdiction(Report(), default="ON").of({"jurisdiction": ""}) == "ON"
    assert Jurisdiction(Report(), default="ON").of({"jurisdiction": "QC"}) == "QC"
