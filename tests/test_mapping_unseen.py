"""Columns of layouts no mapping file knows: read by header words, then values, then position; every choice with a
reason and a confidence, every column left out said, and no message that contradicts the data (issue 12)."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer import api
from normalizer.check import check
from normalizer.clean import FIELD_LIMIT
from normalizer.columns import by_words, load_words, tokens
from normalizer.errors import InputError
from normalizer.mappings import load_mappings
from normalizer.table import Detection, Row, Table
from normalizer.vendor import detect

DATA = Path(__file__).parent / "data" / "matters"
FIRM = DATA / "unseen_headers" / "firm" / "matter_list.csv"
WORDS = load_words()
MAPPINGS = load_mappings()


def run(text: str, **options):
    return api.normalize_matters([text.encode("utf-8")], names=["sheet.csv"], **options)


def rows(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(result.data.decode("utf-8"))))


def reasons(result, file="sheet.csv") -> dict[str, dict]:
    return {c["column"]: c for c in result.report.meta["columns"][file]}


def codes(result) -> list[str]:
    return [i.code for i in result.report.issues]


def plan_for(header, *data):
    return detect(Table("sheet.csv", list(header), [Row(i + 2, tuple(r)) for i, r in enumerate(data)],
                        Detection()), MAPPINGS)


# ------------------------------------------------------------------------------------------- header words

@pytest.mark.parametrize("header,words", [
    ("Matter / File Name", ["matter", "file", "name"]), ("File #", ["file", "#"]),
    ("Rate ($)", ["rate", "$"]), ("N° de dossier", ["#", "de", "dossier"]), ("MatterNo", ["matter", "no"]),
    ("Categories", ["category"]), ("Honoraires", ["honoraire"]), ("Billing Rate/hr", ["billing", "rate", "hr"]),
])
def test_headers_are_cut_into_singular_folded_words(header, words):
    assert tokens(header) == words


@pytest.mark.parametrize("header,field", [
    ("Matter / File Name", "matter_name"), ("Type of Matter", "practice_area"), ("Billing Rate/hr", "rate"),
    ("Area", "practice_area"), ("Files #", "matter_ref"), ("Case Numbers", "matter_ref"),
    ("Client Code No.", "client_ref"), ("Rate ($)", "rate"), ("Fee Arrangement Type", "billing_method"),
    ("Nom du dossier / titre", "matter_name"), ("Type de mandat", "practice_area"), ("N° du client", "client_ref"),
    ("Taux ($/h)", "rate"), ("Territoire", "jurisdiction"), ("Governing Law", "jurisdiction"),
    ("Prénom du client", "client_first"), ("Organisation", "client_company"), ("Matter Status", "status"),
])
def test_header_words_name_the_field(header, field):
    fields, confidence, reason = by_words(header, WORDS)
    assert fields == [field], (header, fields, reason)
    assert confidence >= 0.7 and "mean the" in reason


@pytest.mark.parametrize("header", ["Responsible Lawyer", "Originating Attorney", "Avocat responsable",
                                    "Client Email", "Client Address State", "Matter Balance", "Date Opened",
                                    "Notes", "Fee Earner"])
def test_people_dates_contacts_and_amounts_feed_no_field(header):
    fields, _, reason = by_words(header, WORDS)
    assert fields == [] and reason


def test_state_is_decided_by_its_values():
    assert by_words("State", WORDS)[0] == ["status", "jurisdiction"]
    places = plan_for(["Matter", "Client", "State"], ["Lease", "Acme", "TX"], ["Audit", "Beta", "CA"])
    statuses = plan_for(["Matter", "Client", "State"], ["Lease", "Acme", "Open"], ["Audit", "Beta", "Closed"])
    assert places.column_fields()["State"] == "jurisdiction"
    assert statuses.column_fields()["State"] == "status"


# ------------------------------------------------------------------------------------------- the firm sheet

def test_the_firm_sheet_keeps_every_column_it_can_and_says_why():
    result = api.normalize_matters([FIRM])
    by_column = reasons(result, FIRM.name)
    assert {c: r["field"] for c, r in by_column.items()} == {
        "File #": "matter_ref", "Client": "client_name", "Matter / File Name": "matter_name",
        "Type of Matter": "practice_area", "Area": None, "Responsible Lawyer": None, "Originating Lawyer": None,
        "Billing Rate/hr": "rate", "State": "jurisdiction", "Opened": None, "Notes": None}
    assert all(r["reason"] and 0 < r["confidence"] <= 1 for r in by_column.values())
    assert "never the client" in by_column["Responsible Lawyer"]["reason"]
    assert "provinces/states" in by_column["State"]["reason"]
    written = rows(result)
    assert written[0]["Matter Name"] == "Dissolution of marriage – custody schedule"
    assert {r["Jurisdiction"] for r in written} == {"TX", "CA", "NY"}
    # messages never contradict the data
    assert "jurisdiction-missing" not in codes(result)
    missing = [i for i in result.report.issues if i.code == "matter-name-missing"]
    assert [i.row for i in missing] == [8]              # the one row whose name cell is empty
    unused = {u["column"] for u in result.report.meta["unused_columns"][FIRM.name]}
    assert unused == {"Area", "Responsible Lawyer", "Originating Lawyer", "Opened", "Notes"}
    assert "column-ignored" in codes(result)            # Area: another column gives the practice area


def test_a_lawyer_column_is_never_the_client_even_when_no_client_column_exists():
    text = "Matter Number,Matter Name,Responsible Lawyer\nM-1,Lease,Sarah Bennett\nM-2,Audit,Rajiv Kumar\n"
    with pytest.raises(InputError, match="client"):
        run(text)


def test_values_read_a_column_whose_name_says_nothing():
    text = ("Ref,Who,Juris,What,Amt\n"
            "A-100,\"Tremblay, Luc\",ON,Purchase of 12 Elm St.,$350.00\n"
            "A-101,\"Roy, Anne\",QC,Separation agreement,$300.00\n"
            "A-102,Acme Widgets Inc.,ON,Supply contract dispute,$350.00\n")
    result = run(text)
    by_column = reasons(result)
    assert by_column["Juris"]["field"] == "jurisdiction" and "its values look like" in by_column["Juris"]["reason"]
    assert by_column["Who"]["field"] == "client_name"
    assert by_column["What"]["field"] == "matter_name"
    assert rows(result)[1]["Jurisdiction"] == "QC"
    unsure = [i for i in result.report.issues if i.code == "column-unsure"]
    assert {i.column for i in unsure} <= {"Who", "What", "Juris", "Amt"} and unsure     # a warning, not silence
    assert all(i.severity == "warning" for i in unsure)


def test_position_is_the_last_resort_and_is_a_warning():
    text = "Matter Number,Column 2\nM-1,Acme\nM-2,Beta\n"
    result = run(text)
    column = reasons(result)["Column 2"]
    assert column["field"] == "client_name" and "position" in column["reason"] and column["confidence"] < 0.5
    assert "column-unsure" in codes(result)


def test_a_table_where_nothing_is_known_is_still_refused():
    with pytest.raises(Exception, match="matter reference or name"):
        run("Colour,Size,Count\nred,large,3\nblue,small,4\n")


def test_user_choices_still_win_over_words():
    out = api.run("matters", [FIRM], {"mapping": {FIRM.name: {"Area": "practice_area", "Type of Matter": "ignore"}}})
    assert out.ok, out.error
    by_column = {c["column"]: c for c in out.mapping[FIRM.name]}
    assert by_column["Area"]["reason"] == "you chose this"
    assert by_column["Type of Matter"]["field"] is None
    data = next(iter(out.files.values())).decode()
    assert ",Family," in data and ",Litigation," not in data


# ------------------------------------------------------------------------------------------- jurisdiction message

def test_jurisdiction_message_names_the_column_when_one_is_mapped():
    text = "Client,Matter Number,Matter Name,Province\nAcme,M-1,Lease,ON\nBeta,M-2,Audit,\n"
    result = run(text)
    (issue,) = [i for i in result.report.issues if i.code == "jurisdiction-missing"]
    assert "no jurisdiction column" not in issue.message and "'Province'" in issue.message


def test_jurisdiction_message_per_file_in_a_two_file_run():
    a = b"Client,Matter Number,Matter Name,Province\nAcme,M-1,Lease,ON\n"
    b = b"Client,Matter Number,Matter Name\nBeta,M-2,Audit\n"
    result = api.normalize_matters([a, b], names=["a.csv", "b.csv"])
    (issue,) = [i for i in result.report.issues if i.code == "jurisdiction-missing"]
    assert "b.csv: the file has no jurisdiction column" in issue.message and "a.csv" not in issue.message


# ------------------------------------------------------------------------------------------- reports, CLI, API

def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalizer", *args], capture_output=True, cwd=cwd, text=True)


def test_cli_summary_lists_the_columns_not_used(tmp_path):
    run_ = cli("matters", str(FIRM), "-o", str(tmp_path / "o.csv"), cwd=tmp_path)
    assert run_.returncode == 0, run_.stderr
    line = next(l for l in run_.stderr.splitlines() if l.startswith("columns not used"))
    for column in ("Responsible Lawyer", "Originating Lawyer", "Opened", "Notes", "Area"):
        assert column in line


def test_a_multi_file_run_names_every_system_it_read(tmp_path):
    clio = DATA / "clio" / "matters_export.csv"
    result = api.normalize_matters([clio, FIRM])
    systems = result.report.meta["systems"]
    assert [(s["file"], s["system"]) for s in systems] == [(clio.name, "clio"), (FIRM.name, "unknown")]
    run_ = cli("matters", str(clio), str(FIRM), "-o", str(tmp_path / "o.csv"), cwd=tmp_path)
    read = next(l for l in run_.stderr.splitlines() if l.startswith("read: "))
    assert "Clio Manage" in read and "No known system" in read and FIRM.name in read


def test_version(tmp_path):
    from normalizer import __version__
    run_ = cli("--version", cwd=tmp_path)
    assert run_.returncode == 0 and run_.stdout.strip().startswith("caseclock-normalizer ")
    assert run_.stdout.split()[-1][0].isdigit() and __version__


def test_unknown_system_and_target_are_the_librarys_own_errors_listing_valid_values():
    with pytest.raises(api.UnknownSystemError) as exc:
        api.normalize_matters([FIRM], system="lexisnexis")
    assert "clio" in str(exc.value) and "auto" in exc.value.choices and isinstance(exc.value, ValueError)
    with pytest.raises(api.UnknownTargetError) as exc:
        api.export_entries([], to="quickbooks")
    assert "ledes1998b" in exc.value.choices and "clio" in str(exc.value)
    out = api.run("matters", [FIRM], {"system": "lexisnexis"})
    assert not out.ok and out.error["code"] == "options-invalid" and "clio" in out.error["message"]


# ------------------------------------------------------------------------------------------- check and matters agree

def test_check_on_a_systems_export_says_so_and_suggests_matters():
    report = check((DATA / "clio" / "matters_export.csv").read_bytes(), name="matters_export.csv")
    (issue,) = [i for i in report.issues if i.code == "not-caseclock-file"]
    assert "Clio Manage" in issue.message and "caseclock-normalizer matters" in issue.message
    assert report.counts["rows_read"] == 0          # no flood of per-row errors
    firm = check(FIRM.read_bytes(), name=FIRM.name)
    assert [i.code for i in firm.errors] == ["not-caseclock-file"]


def test_check_still_checks_a_caseclock_file_without_a_header():
    data = b"C-1,Acme,M-1,Lease,ON,Real estate,300.00\r\n"
    report = check(data, name="x.csv")
    assert not report.errors and report.counts["rows_read"] == 1


def test_matters_never_writes_a_file_its_check_rejects_huge_cells():
    long_name = "Very long description " * 3000                    # 66,000 characters
    text = f"Client,Matter Number,Matter Name\nAcme,M-1,{long_name}\nAcme,M-2,Lease\n"
    result = run(text)
    assert "cell-cut" in codes(result)
    written = rows(result)
    assert len(written[0]["Matter Name"]) == FIELD_LIMIT and written[0]["Matter Name"].endswith("…")
    report = check(result.data, name="out.csv")
    assert report.errors == [], [str(i) for i in report.errors]
    huge_id = "M" * (FIELD_LIMIT + 5)
    result = run(f"Client,Matter Number,Matter Name\nAcme,{huge_id},Lease\nAcme,M-2,Audit\n")
    assert "cell-too-long" in codes(result) and result.report.counts["rows_rejected"] == 1
    assert not check(result.data, name="out.csv").errors


def test_check_rejects_a_cell_over_the_same_limit():
    cell = "x" * (FIELD_LIMIT + 1)
    data = ("Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
            f"C-1,Acme,M-1,{cell},ON,,\r\n").encode()
    assert [i.code for i in check(data, name="x.csv").errors] == ["cell-too-long"]
