"""The time-entry job: reading, review checks, rounding, target options, accounting, CLI."""
import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from normalizer import api, cli
from normalizer.entries import is_block_billing, parse_date, parse_duration, round_hours

TODAY = dt.date(2025, 11, 24)
MATTERS_CSV = (b"Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
               b"acme,Acme Widgets Inc.,00012-Acme,Supply contract dispute,WA,Litigation,450.00\r\n"
               b"smith-john,\"Smith, John\",00015-Smith,Divorce,WA,Family,\r\n")
HEADER = "Date,Duration,Client,Matter,Description,Timekeeper,Rate,Activity code\r\n"


def entry(**kw):
    base = {"Date": "2025-11-17", "Duration": "0.5", "Client": "Acme Widgets Inc.", "Matter": "00012-Acme",
            "Description": "Review letter", "Timekeeper": "Megan O'Rourke", "Rate": "450", "Activity code": "A104"}
    base.update(kw)
    return base


def export(entries, to="clio", **kw):
    kw.setdefault("matters", MATTERS_CSV)
    kw.setdefault("today", TODAY)
    return api.export_entries(entries, to=to, **kw)


def codes(result, row=None):
    return [(i.severity, i.code) for i in result.report.issues if row is None or i.row == row]


# -- reading -------------------------------------------------------------------------------------------------------
def test_csv_json_and_dicts_give_the_same_file():
    csv_bytes = (HEADER + "2025-11-17,0.5,Acme Widgets Inc.,00012-Acme,Review letter,Megan O'Rourke,450,A104\r\n")
    a = export(csv_bytes.encode("utf-8"))
    b = export(json.dumps([entry()]))
    c = export([entry()])
    assert a.data == b.data == c.data
    assert a.report.issues[0].row if a.report.issues else True


def test_csv_in_another_encoding_and_dialect():
    text = HEADER.replace(",", ";") + "17/11/2025;0,5;Acme Widgets Inc.;00012-Acme;Révision;Megan;450;A104\r\n"
    r = export(text.encode("cp1252"))
    assert r.report.counts["entries_written"] == 1
    assert b"11/17/2025" in r.data and "Révision".encode() in r.data


def test_source_lines_are_file_lines():
    text = HEADER + '2025-11-17,0.5,Acme Widgets Inc.,00012-Acme,"two\r\nlines",M,450,\r\n2025-11-17,x,A,B,C,M,1,\r\n'
    r = export(text.encode())
    assert ("error", "duration-invalid") in codes(r, row=4)


def test_headerless_csv_is_read_in_caseclock_order():
    r = export(b"2025-11-17,0.5,Acme Widgets Inc.,00012-Acme,Review,Megan,450,A104\r\n")
    assert r.report.counts["entries_written"] == 1


def test_path_input(tmp_path):
    p = tmp_path / "week.csv"
    p.write_text(HEADER + "2025-11-17,0.5,Acme Widgets Inc.,00012-Acme,Review,Megan,450,A104\r\n", encoding="utf-8")
    r = export(p)
    assert r.report.meta["file"] == "week.csv" and r.report.counts["entries_written"] == 1


# -- checks --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("duration,code", [("0", "duration-invalid"), ("-0.5", "duration-invalid"),
                                           ("abc", "duration-invalid"), ("", "duration-invalid"),
                                           ("24.5", "duration-over-24h")])
def test_bad_durations_are_errors(duration, code):
    r = export([entry(Duration=duration)])
    assert ("error", code) in codes(r)
    assert r.report.counts == {"entries_read": 1, "entries_written": 0, "entries_rejected": 1}


def test_day_over_24h_for_one_timekeeper():
    r = export([entry(Duration="14"), entry(Duration="10.5"), entry(Duration="10.5", Timekeeper="Other")])
    assert [c for c in codes(r) if c[1] == "day-over-24h"] == [("error", "day-over-24h")] * 2
    assert r.report.counts["entries_written"] == 1


@pytest.mark.parametrize("mode,before,after", [("up", "0.25", "0.3"), ("nearest", "0.24", "0.2"),
                                               ("nearest", "0.25", "0.3"), ("up", "0.01", "0.1")])
def test_rounding_warns_before_after(mode, before, after):
    r = export([entry(Duration=before)], round=mode)
    warning = next(i for i in r.report.issues if i.code == "duration-rounded")
    assert f"{before} h -> {after} h" in warning.message
    assert r.report.meta["hours_total"] == float(after)


def test_no_rounding_and_custom_increment():
    assert round_hours(Decimal("0.33"), "none", Decimal("0.1")) == Decimal("0.33")
    assert round_hours(Decimal("0.30"), "up", Decimal("0.25")) == Decimal("0.50")
    r = export([entry(Duration="0.5")], increment=0.25)
    assert not any(i.code == "duration-rounded" for i in r.report.issues)


def test_target_precision_mycase_one_decimal():
    r = export([entry(Duration="0.25")], to="mycase", round="none")
    assert ("warning", "duration-precision") in codes(r)
    assert b",0.3,FALSE" in r.data


def test_dates():
    r = export([entry(Date="2025-11-31"), entry(Date="2030-01-15"), entry(Date="")])
    assert codes(r) .count(("error", "date-unparseable")) == 2
    assert ("warning", "date-future") in codes(r, row=2)


def test_parse_date_forms():
    assert parse_date("2025-11-17") == (dt.date(2025, 11, 17), "%Y-%m-%d")
    assert parse_date("11/7/2025") == (dt.date(2025, 11, 7), "%m/%-d/%Y")
    assert parse_date("17/11/2025") == (dt.date(2025, 11, 17), "%d/%m/%Y")
    assert parse_date("03/04/2025", day_first=True)[0] == dt.date(2025, 4, 3)
    assert parse_date("Nov 17, 2025")[0] == dt.date(2025, 11, 17)
    assert parse_date("2025-02-30") is None


def test_day_first_is_decided_for_the_whole_file():
    r = export([entry(Date="13/11/2025"), entry(Date="03/11/2025")], to="caseclock", date_format="%Y-%m-%d")
    assert b"2025-11-03" in r.data


def test_parse_duration_forms():
    assert parse_duration("1,5") == Decimal("1.5")
    assert parse_duration("1:30") == Decimal("1.5")
    assert parse_duration("2h") == Decimal("2")
    assert parse_duration("nan") is None


def test_descriptions():
    r = export([entry(Description=""), entry(Description="Draft motion; call client; email opposing counsel"),
                entry(Description="line one\nline two")])
    assert ("error", "description-empty") in codes(r, row=1)
    assert ("warning", "block-billing") in codes(r, row=2)
    assert ("warning", "chars-replaced") in codes(r, row=3)
    assert b"line one line two" in r.data


def test_block_billing_heuristic():
    assert is_block_billing("Revise agreement; call with counsel; update cap table")
    assert not is_block_billing("Review production: contracts; invoices; emails")
    assert not is_block_billing("Call with client re next steps")


def test_description_limit_cosmolex():
    r = export([entry(Description="x" * 2049)], to="cosmolex")
    assert ("warning", "description-too-long") in codes(r)


def test_rate_from_matter_list_or_missing():
    r = export([entry(Rate=""), entry(Rate="", Client="Smith, John", Matter="Divorce")])
    assert b",450.00," in r.data
    assert ("error", "rate-missing") in codes(r, row=2)
    r = export([entry(Rate="", Client="Smith, John", Matter="Divorce")], to="pclaw")   # rate optional there
    assert r.report.counts["entries_written"] == 1 and r.report.meta["amount_total"] is None


def test_invalid_rate():
    assert ("error", "rate-invalid") in codes(export([entry(Rate="lots")]))


def test_matter_resolution_issues():
    r = export([entry(Matter="supply contract  dispute", Client="acme widgets inc"),
                entry(Matter="Suply contract dispute"), entry(Matter="Smith file", Client=""),
                entry(Matter="Patent litigation")])
    assert ("info", "matter-normalized") in codes(r, row=1)
    typo = next(i for i in r.report.issues if i.code == "matter-typo")
    assert "Suply contract dispute" in typo.message and "Supply contract dispute" in typo.message
    assert ("info", "matter-spoken") in codes(r, row=3)
    assert ("error", "matter-not-found") in codes(r, row=4)
    assert r.data.count(b"00012-Acme") == 2 and b"00015-Smith" in r.data


def test_no_matter_list_warns_once():
    r = export([entry(), entry()], matters=None)
    assert codes(r).count(("warning", "matters-missing")) == 1
    assert not any(c[1] == "matters-missing" for c in codes(export([entry()], to="caseclock", matters=None)))


def test_formula_cells_neutralised_and_reported():
    r = export([entry(Description="=HYPERLINK(\"x\")")])
    assert ("warning", "formula-neutralised") in codes(r)
    assert b"'=HYPERLINK" in r.data


def test_utbms_vocabulary_only_where_the_target_has_one():
    assert ("warning", "activity-code-not-utbms") in codes(export([entry(**{"Activity code": "X999"})], to="cosmolex"))
    assert not any(c[1] == "activity-code-not-utbms"
                   for c in codes(export([entry(**{"Activity code": "X999"})], to="clio")))


# -- target options --------------------------------------------------------------------------------------------------
def test_clio_header_and_date_format():
    r = export([entry()], date_format="%d/%m/%Y")
    lines = r.data.decode().split("\r\n")
    assert lines[0] == "matter,date,activity_description,note,price,quantity,type,activity_user,non_billable"
    assert lines[1] == "00012-Acme,17/11/2025,A104,Review letter,450.00,0.5,,Megan O'Rourke,"


def test_excel_bom():
    assert export([entry()], excel=True).data.startswith(b"\xef\xbb\xbf")
    assert not export([entry()]).data.startswith(b"\xef\xbb\xbf")


def test_split_by_timekeeper():
    r = export([entry(), entry(Timekeeper="Luc Gagnon"), entry()], split_by_timekeeper=True)
    assert r.filename == "clio-activities.zip"
    assert sorted(r.files) == ["clio-activities-luc-gagnon.csv", "clio-activities-megan-o-rourke.csv"]
    assert zipfile.ZipFile(io.BytesIO(r.data)).namelist() == list(r.files)
    assert r.files["clio-activities-megan-o-rourke.csv"].count(b"\r\n") == 3
    assert r.data == export([entry(), entry(Timekeeper="Luc Gagnon"), entry()], split_by_timekeeper=True).data


def test_split_ignored_where_not_applicable():
    r = export([entry()], to="mycase", split_by_timekeeper=True)
    assert ("warning", "split-ignored") in codes(r) and r.files is None


def test_mycase_inverted_nonbillable_and_date():
    line = export([entry(Date="2025-05-06")], to="mycase", today=dt.date(2026, 1, 1)).data.decode().split("\r\n")[1]
    assert line == "Supply contract dispute,Megan O'Rourke,A104,Review letter,5/6/25,450.00,Hourly,0.5,FALSE"


def test_cosmolex_xlsx_and_csv_are_byte_stable():
    from openpyxl import load_workbook
    a, b = export([entry()], to="cosmolex"), export([entry()], to="cosmolex")
    assert a.data == b.data and a.files == b.files
    assert set(a.files) == {"cosmolex-time.xlsx", "cosmolex-time.csv"}
    ws = load_workbook(io.BytesIO(a.data)).active
    assert ws.title == "Time" and ws["B2"].value == "00012-Acme"
    assert ws["E2"].value == dt.datetime(2025, 11, 17) and float(ws["P2"].value) == 0.5


def test_pclaw_ships_its_layout_and_says_cost_recovery():
    r = export([entry()], to="pclaw")
    assert set(r.files) == {"pclaw-time.csv", "pclaw-cost-recovery-layout.txt"}
    assert b"Cost Recovery module is an add-on" in r.files["pclaw-cost-recovery-layout.txt"]
    assert any("Cost Recovery module is required" in n for n in r.report.meta["target_notes"])
    assert r.data.startswith(b"Megan O'Rourke,11/17/2025,00012-Acme,")   # no header row


@pytest.mark.parametrize("to", ["practicepanther", "filevine", "dyedurham"])
def test_systems_without_file_import_say_so(to):
    r = export([entry()], to=to)
    assert r.report.meta["support"] == "no-file-import"
    assert any("documents no time-entry file import" in n for n in r.report.meta["target_notes"])


def test_dyedurham_groups_by_matter():
    r = export([entry(), entry(Client="Smith, John", Matter="Divorce", Rate="350"), entry(Date="2025-11-18")],
               to="dyedurham")
    matters = [line.split(",")[0] for line in r.data.decode().split("\r\n")[1:-1]]
    assert matters == ["00012-Acme", "00012-Acme", "00015-Smith"]


def test_bad_options_raise_value_error():
    with pytest.raises(ValueError):
        export([entry()], to="nope")
    with pytest.raises(ValueError):
        export([entry()], round="sideways")
    with pytest.raises(ValueError):
        export([entry()], increment=0)


# -- accounting ------------------------------------------------------------------------------------------------------
field_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "Date": st.sampled_from(["2025-11-17", "2025-11-31", "", "11/18/2025", "2031-01-01"]),
    "Duration": st.sampled_from(["0.25", "1", "0", "-1", "25", "abc", "12.5", "1:30"]),
    "Client": st.sampled_from(["Acme Widgets Inc.", "Smith, John", "", "Nobody"]),
    "Matter": st.sampled_from(["00012-Acme", "Divorce", "Smith file", "", "x"]),
    "Description": field_text, "Timekeeper": st.sampled_from(["A", "B", ""]),
    "Rate": st.sampled_from(["", "300", "x"])}), max_size=12),
    st.sampled_from(["clio", "ledes1998b", "caseclock", "dyedurham", "pclaw"]))
def test_every_entry_is_accounted_for(entries, to):
    r = export(entries, to=to)
    c = r.report.counts
    assert c["entries_read"] == len(entries) == c["entries_written"] + c["entries_rejected"]
    rejected_rows = {i.row for i in r.report.issues if i.severity == "error" and i.row is not None}
    assert len(rejected_rows) == c["entries_rejected"]


# -- CLI -------------------------------------------------------------------------------------------------------------
def test_cli_writes_file_report_and_notes(tmp_path, capsys):
    src, matters = tmp_path / "e.csv", tmp_path / "m.csv"
    src.write_text(HEADER + "2025-11-17,0.5,Acme Widgets Inc.,00012-Acme,Review,Megan,450,A104\r\n")
    matters.write_bytes(MATTERS_CSV)
    out, rep = tmp_path / "out.csv", tmp_path / "r.json"
    assert cli.main(["entries", str(src), "--to", "filevine", "--matters", str(matters), "-o", str(out),
                     "--report", str(rep)]) == 0
    assert out.read_bytes().startswith(b"ProjectId,")
    report = json.loads(rep.read_text())
    assert report["entries_written"] == 1 and report["target"] == "filevine" and report["hours_total"] == 0.5
    assert "documents no time-entry file import" in capsys.readouterr().err


def test_cli_exit_codes(tmp_path, capsys):
    src = tmp_path / "e.csv"
    src.write_text(HEADER + "2025-11-17,0,Acme,00012-Acme,Review,Megan,450,\r\n")
    assert cli.main(["entries", str(src), "--to", "caseclock"]) == 1
    assert cli.main(["entries", str(src), "--to", "nowhere"]) == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["entries", str(src), "--to", "clio", "--increment", "-1"])
    assert exc.value.code == 2
    assert cli.main(["entries", str(tmp_path / "missing.csv"), "--to", "clio"]) == 1


def test_cli_split_into_directory(tmp_path):
    src = tmp_path / "e.csv"
    src.write_text(HEADER + "2025-11-17,0.5,A,B-1,Review,Megan,450,\r\n2025-11-17,0.5,A,B-1,Review,Luc,450,\r\n")
    assert cli.main(["entries", str(src), "--to", "clio", "--split-by-timekeeper", "-o", str(tmp_path / "d")]) == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["clio-activities-luc.csv",
                                                                  "clio-activities-megan.csv"]


def test_a_systems_own_matter_export_is_normalized_in_memory():
    clio = Path(__file__).parent / "data" / "matters" / "clio" / "matters_export.csv"
    expected = (clio.parent / "expected.csv").read_bytes()
    first = list(csv.reader(io.StringIO(expected.decode("utf-8-sig"))))[1]
    r = export([entry(Client=first[1], Matter=first[3], Rate="300")], matters=clio)
    assert ("info", "matters-normalized") in codes(r)
    # The billing file carries the system's own reference as its export wrote it (`00012-Ramírez`), not the
    # CaseClock Matter ID the ID rule made of it (`00012-Ramirez`): Clio matches the display number exactly.
    source = list(csv.reader(io.StringIO(clio.read_bytes().decode("utf-8-sig"))))
    display = source[0].index("Display Number")
    own = next(row[display] for row in source[1:] if row[display].startswith(first[2][:5]))
    assert r.report.counts["entries_written"] == 1 and r.data.split(b"\r\n")[1].startswith(f"{own},".encode())
    assert own != first[2] and ("info", "matter-ref-kept") in codes(r)
