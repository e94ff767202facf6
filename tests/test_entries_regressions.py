"""Regressions from QA's review of the time-entry export (one test per finding; inputs inline)."""
import datetime as dt

import pytest

from normalizer import api, cli

TODAY = dt.date(2025, 11, 24)
HEADER = "Date,Duration,Client,Matter,Description,Timekeeper,Rate,Activity code\r\n"
TWO_DIVORCES = (b"Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
                b"C-1,\"Smith, John\",M-1,Divorce,ON,Fam,300\r\n"
                b"C-2,\"Brown, Ann\",M-2,Divorce,ON,Fam,300\r\n")
MATTERS = (b"Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
           b"acme,Acme Widgets Inc.,00012-Acme,Supply contract dispute,WA,Litigation,450.00\r\n"
           b"smith-john,\"Smith, John\",00015-Smith,Divorce,WA,Family,350.00\r\n")


def entry(**kw):
    base = {"Date": "2025-11-17", "Duration": "0.5", "Client": "Smith, John", "Matter": "00015-Smith",
            "Description": "work", "Timekeeper": "Daniel Cho", "Rate": "350", "Activity code": ""}
    base.update(kw)
    return base


def export(entries, to="clio", **kw):
    kw.setdefault("matters", MATTERS)
    kw.setdefault("today", TODAY)
    return api.export_entries(entries, to=to, **kw)


def issues(result, code):
    return [i for i in result.report.issues if i.code == code]


# -- 1. a Client that contradicts its Matter ID -----------------------------------------------------------------------
def test_client_contradicting_the_matter_id_is_an_error_naming_both():
    r = export([entry(Client="Brown, Anne", Matter="M-1", Rate=""), entry(Client="Smith, John", Matter="M-1"),
                entry(Client="", Matter="M-1"), entry(Client="Smith", Matter="M-1"),
                entry(Client="smith john", Matter="M-1"), entry(Client="Smith, Jon", Matter="M-1")],
               matters=TWO_DIVORCES)
    bad = issues(r, "client-matter-mismatch")
    assert [(i.severity, i.row) for i in bad] == [("error", 1)]
    assert "Brown, Anne" in bad[0].message and "Smith, John" in bad[0].message and "M-1" in bad[0].message
    assert r.report.counts == {"entries_read": 6, "entries_written": 5, "entries_rejected": 1}
    assert b"mismatch" not in r.data


def test_client_differs_helper():
    from normalizer.resolve import Matter, client_differs
    m = Matter("C-1", "Smith, John", "M-1", "Divorce")
    assert client_differs("Brown, Anne", m)
    assert not client_differs("", m) and not client_differs("C-1", m) and not client_differs("John Smith", m)
    assert not client_differs("Smith", m) and not client_differs("Smyth, John", m)


# -- 2. MyCase keys on the case name: two "Divorce" cases cannot be told apart ------------------------------------
def test_mycase_matter_name_not_unique_is_an_error():
    r = export([entry(Client="Smith, John", Matter="M-1"), entry(Client="Brown, Ann", Matter="Divorce")],
               to="mycase", matters=TWO_DIVORCES)
    bad = issues(r, "matter-name-not-unique")
    assert [(i.severity, i.row) for i in bad] == [("error", 1), ("error", 2)]
    assert "Rename one of them in MyCase first" in bad[0].message
    assert "M-1" in bad[0].message and "M-2" in bad[0].message
    assert r.report.counts["entries_written"] == 0
    # Clio matches on the display number: the same names are harmless there.
    assert not issues(export([entry(Client="Smith, John", Matter="M-1")], matters=TWO_DIVORCES),
                      "matter-name-not-unique")
    # A unique case name passes.
    assert export([entry()], to="mycase").report.counts["entries_written"] == 1


# -- 3. date order from the file; ambiguous and implausible dates -------------------------------------------------
def test_ambiguous_date_in_a_file_with_both_orders_warns_with_both_readings():
    r = export([entry(Date="17/11/2025"), entry(Date="11/17/2025"), entry(Date="03/04/2025")],
               today=dt.date(2025, 11, 24))
    amb = issues(r, "date-ambiguous")
    assert [(i.severity, i.row) for i in amb] == [("warning", 3)]
    assert "2025-03-04" in amb[0].message and "2025-04-03" in amb[0].message
    assert issues(r, "date-order-mixed")
    assert r.report.counts["entries_written"] == 3


def test_the_file_settles_the_order_of_ambiguous_dates():
    r = export([entry(Date="17/11/2025"), entry(Date="03/11/2025")], date_format="%Y-%m-%d")
    assert not issues(r, "date-ambiguous") and b"2025-11-03" in r.data
    r = export([entry(Date="11/17/2025"), entry(Date="11/03/2025")], date_format="%Y-%m-%d")
    assert not issues(r, "date-ambiguous") and b"2025-11-03" in r.data
    r = export([entry(Date="11/03/2025")], date_format="%Y-%m-%d")     # nothing settles it
    assert [i.severity for i in issues(r, "date-ambiguous")] == ["warning"]


def test_implausible_dates_warn_and_name_excels_zero_date():
    r = export([entry(Date="1899-12-30"), entry(Date="1989-06-01"), entry(Date="2024-10-01"),
                entry(Date="2025-11-17")])
    bad = issues(r, "date-implausible")
    assert [(i.severity, i.row) for i in bad] == [("warning", 1), ("warning", 2), ("warning", 3)]
    assert "Excel" in bad[0].message
    r = export([entry(Date="1899-12-30")], to="ledes1998b")
    assert issues(r, "date-implausible")


# -- 4. a --date-format that is not a date pattern -------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["%Q", "hello", "%Y", "%m/%Y", "%%d/%%m/%%Y"])
def test_bad_date_format_is_a_usage_error(fmt, tmp_path, capsys):
    with pytest.raises(ValueError, match="--date-format"):
        export([entry()], date_format=fmt)
    src = tmp_path / "e.csv"
    src.write_text(HEADER + "2025-11-17,0.5,\"Smith, John\",00015-Smith,work,Daniel Cho,350,\r\n")
    assert cli.main(["entries", str(src), "--to", "clio", "--date-format", fmt, "-o", str(tmp_path / "o.csv")]) == 2
    assert "--date-format" in capsys.readouterr().err and not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("fmt,cell", [("%d/%m/%Y", b"17/11/2025"), ("%-m/%-d/%y", b"11/17/25"),
                                      ("%Y%m%d", b"20251117"), ("%d %b %Y", b"17 Nov 2025")])
def test_good_date_formats_still_work(fmt, cell):
    assert b"," + cell + b"," in export([entry()], date_format=fmt).data


# -- 5. Clio without --matters: spoken labels are not display numbers; entries without a user ----------------------
def test_clio_without_matter_list_refuses_spoken_matters():
    r = export([entry(Matter="Divorce"), entry(Client="", Matter="Nguyen file"), entry(Matter="00015-Smith"),
                entry(Matter="2025-0001")], matters=None)
    bad = issues(r, "matter-not-a-reference")
    assert [(i.severity, i.row) for i in bad] == [("error", 1), ("error", 2)]
    assert "--matters" in bad[0].message and "'Divorce'" in bad[0].message
    assert r.report.counts == {"entries_read": 4, "entries_written": 2, "entries_rejected": 2}
    assert b"Divorce" not in r.data and b"Nguyen file" not in r.data
    # With the matter list the same label resolves; and targets that take the matter as spoken do not care.
    assert export([entry(Matter="Divorce")]).report.counts["entries_written"] == 1
    assert export([entry(Matter="Divorce")], to="caseclock", matters=None).report.counts["entries_written"] == 1


def test_clio_cli_without_matters_exits_1_when_nothing_is_a_reference(tmp_path, capsys):
    src = tmp_path / "e.csv"
    src.write_text(HEADER + "2025-11-17,0.5,\"Smith, John\",Divorce,work,Daniel Cho,350,\r\n")
    assert cli.main(["entries", str(src), "--to", "clio", "-o", str(tmp_path / "o.csv")]) == 1
    assert "matter-not-a-reference" in capsys.readouterr().err


def test_clio_entry_without_timekeeper_warns():
    r = export([entry(Timekeeper=""), entry()])
    tk = issues(r, "timekeeper-missing")
    assert [(i.severity, i.row) for i in tk] == [("warning", 1)]
    assert "User is picked at upload" in tk[0].message
    assert r.report.counts["entries_written"] == 2
    assert not issues(export([entry(Timekeeper="")], to="caseclock"), "timekeeper-missing")


# -- 6. --to caseclock is a faithful round trip -------------------------------------------------------------------------
VALID = (HEADER +
         "2025-11-17,0.25,\"Smith, John\",00015-Smith,Review letter,Daniel Cho,350,A104\r\n"
         "2025-11-17,1.33,\"Smith, John\",Divorce,\"Call re \"\"plan\"\"\r\nsecond line\",Daniel Cho,350.00,\r\n"
         "2025-11-18,0.125,Acme Widgets Inc.,00012-Acme,Draft reply,Megan O'Rourke,450,\r\n")


def test_caseclock_to_caseclock_is_identity_for_valid_entries():
    r = export(VALID.encode(), to="caseclock")
    assert r.data == VALID.encode()
    assert not issues(r, "duration-rounded") and not issues(r, "duration-precision")
    assert r.report.meta["options"]["round"] == "none"
    assert export(r.data, to="caseclock").data == r.data
    assert export(VALID.encode(), to="caseclock", matters=None).data == VALID.encode()


def test_caseclock_writes_iso_dates_and_rounds_only_when_asked():
    src = [entry(Date="17/11/2025", Duration="0:45"), entry(Date="Nov 17, 2025"), entry(Date="2025-11-17")]
    lines = export(src, to="caseclock").data.decode().split("\r\n")
    assert [line.split(",")[0] for line in lines[1:4]] == ["2025-11-17"] * 3
    assert lines[1].split(",")[1] == "0.75"
    assert export(src, to="caseclock", round="up").data.decode().split("\r\n")[1].split(",")[1] == "0.8"
    assert export(src, to="caseclock", increment=0.25).data.decode().split("\r\n")[1].split(",")[1] == "0.75"
    assert b"17/11/2025" in export(src, to="caseclock", date_format="source").data
    # Billing targets still round up to 0.1 h by default.
    assert b",0.8," in export([entry(Duration="0:45")]).data


def test_caseclock_line_breaks_inside_fields_are_crlf():
    r = export([entry(Description="multi\nline\r\nand\rmore")], to="caseclock")
    assert b'"multi\r\nline\r\nand\r\nmore"' in r.data
    assert r.data.replace(b"\r\n", b"").count(b"\n") == 0 and r.data.replace(b"\r\n", b"").count(b"\r") == 0


def test_cli_round_default_depends_on_the_target(tmp_path):
    src = tmp_path / "e.csv"
    src.write_text(HEADER + "2025-11-17,0.25,\"Smith, John\",00015-Smith,work,Daniel Cho,350,\r\n")
    out = tmp_path / "o.csv"
    assert cli.main(["entries", str(src), "--to", "caseclock", "-o", str(out)]) == 0
    assert b",0.25," in out.read_bytes()
    assert cli.main(["entries", str(src), "--to", "caseclock", "--round", "up", "-o", str(out)]) == 0
    assert b",0.3," in out.read_bytes()


# -- 7. the duration forms Clio documents; scientific notation; duplicates -------------------------------------------
@pytest.mark.parametrize("text,hours", [("1h 30m", "1.5"), ("90 min", "1.5"), ("1:30", "1.5"), ("1h 12m", "1.2"),
                                        ("1:12", "1.2"), ("72min", "1.2"), ("1.2h", "1.2"), ("01:12:00", "1.2"),
                                        ("1 hr 30 mins", "1.5"), ("1,5", "1.5")])
def test_documented_duration_forms_are_read_with_an_info(text, hours):
    r = export([entry(Duration=text)])
    conv = issues(r, "duration-converted")
    assert [(i.severity, i.row) for i in conv] == [("info", 1)]
    assert repr(text) in conv[0].message and f"{hours} h" in conv[0].message
    assert r.report.counts["entries_written"] == 1 and r.report.meta["hours_total"] == float(hours)
    assert not issues(export([entry(Duration="1.5")]), "duration-converted")


@pytest.mark.parametrize("text", ["1e1", "1E1", "2.5e0", "NaN", "inf", "Infinity"])
def test_scientific_notation_and_non_numbers_are_errors(text):
    r = export([entry(Duration=text)])
    assert [i.severity for i in issues(r, "duration-invalid")] == ["error"]
    assert r.report.counts["entries_written"] == 0
    assert ("error", "rate-invalid") in [(i.severity, i.code) for i in export([entry(Rate=text)]).report.issues]


def test_identical_entries_warn_possible_duplicate_naming_both_lines():
    src = (HEADER + "2025-11-17,0.5,\"Smith, John\",00015-Smith,work,Daniel Cho,350,\r\n"
           "2025-11-17,0.5,\"Smith, John\",00015-Smith,work,Daniel Cho,350,\r\n"
           "2025-11-17,0.5,\"Smith, John\",00015-Smith,other work,Daniel Cho,350,\r\n"
           "2025-11-17,0.5,\"Smith, John\",00015-Smith,work,Luc Gagnon,350,\r\n").encode()
    r = export(src)
    dup = issues(r, "possible-duplicate")
    assert [(i.severity, i.row) for i in dup] == [("warning", 3)]
    assert "lines 2 and 3" in dup[0].message
    assert r.report.counts["entries_written"] == 4


# -- second review ---------------------------------------------------------------------------------------------------
CLIO_MATTERS = (b"Unique ID,Display Number,Description,Client,Status,Practice Area\r\n"
                b"111,00012 Acme,Supply contract dispute,Acme Widgets Inc.,Open,Litigation\r\n"
                b"112,2024/015,Divorce,\"Smith, John\",Open,Family\r\n")


def test_a_systems_own_matter_export_keeps_its_references_exactly_in_the_billing_file():
    import csv
    import io
    es = [entry(Client="Acme Widgets Inc.", Matter="Supply contract dispute"),
          entry(Client="Smith, John", Matter="2024/015"), entry(Client="Smith, John", Matter="Divorce")]
    r = export(es, matters=CLIO_MATTERS, matters_name="clio_matters.csv")
    rows = list(csv.reader(io.StringIO(r.data.decode())))
    assert [row[0] for row in rows[1:]] == ["00012 Acme", "2024/015", "2024/015"]
    assert r.report.counts["entries_written"] == 3
    kept = issues(r, "matter-ref-kept")
    assert {"'00012 Acme'" in i.message or "'2024/015'" in i.message for i in kept} == {True} and len(kept) == 2
    led = export(es, to="ledes1998b", matters=CLIO_MATTERS, client_id="ACME")
    matter_ids = {line.split("|")[3] for line in led.data.decode().split("\r\n")[2:] if line}
    assert matter_ids == {"00012 Acme", "2024/015"}


def test_non_billable_time_is_not_billed():
    es = [entry(Billable="no", Duration="1.0"), entry(Billable="yes", Duration="0.5"), entry(Duration="0.2")]
    led = export(es, to="ledes1998b", client_id="SMITH")
    lines = [ln for ln in led.data.decode().split("\r\n")[2:] if ln]
    assert len(lines) == 2 and {ln.split("|")[4] for ln in lines} == {"245.00"}       # 0.5 + 0.2 h at 350
    assert [(i.severity, i.row) for i in issues(led, "non-billable-left-out")] == [("info", 1)]
    assert led.report.counts == {"entries_read": 3, "entries_written": 2, "entries_rejected": 1}
    assert led.report.meta["amount_total"] == 245.0
    # A target with a billable column writes it; the amount total leaves the non-billable hour out.
    clio = export(es)
    assert [row.split(",")[-1] for row in clio.data.decode().split("\r\n")[1:4]] == ["true", "", ""]
    assert clio.report.meta["amount_total"] == 245.0 and clio.report.meta["hours_total"] == 1.7
    assert not issues(clio, "non-billable-not-marked")
    # Targets without one warn per non-billable entry.
    for to in ("pclaw", "dyedurham"):
        r = export(es, to=to)
        assert [(i.severity, i.row) for i in issues(r, "non-billable-not-marked")] == [("warning", 1)], to
        assert r.report.meta["amount_total"] == 245.0 and r.report.counts["entries_written"] == 3


def test_split_by_timekeeper_never_overwrites_a_file():
    import csv
    import io
    import zipfile
    es = [entry(Timekeeper="Megan O'Rourke"), entry(Timekeeper="megan  o'rourke", Description="other"),
          entry(Timekeeper="Megan ORourke", Description="third"), entry(Timekeeper="", Description="fourth")]
    r = export(es, split_by_timekeeper=True)
    assert r.report.counts["entries_written"] == 4
    z = zipfile.ZipFile(io.BytesIO(r.data))
    rows = {n: list(csv.reader(io.StringIO(z.read(n).decode())))[1:] for n in z.namelist()}
    assert sum(len(v) for v in rows.values()) == 4
    assert len(rows["clio-activities-megan-o-rourke.csv"]) == 2
    assert len(rows["clio-activities-megan-orourke.csv"]) == 1
    assert len(rows["clio-activities-no-timekeeper.csv"]) == 1
    assert issues(r, "timekeeper-spellings")


def test_a_matter_number_that_does_not_exist_is_not_a_typo_of_its_neighbour():
    r = export([entry(Matter="00013-Smith"), entry(Matter="00015-Smiht"), entry(Matter="0015-Smith")])
    # digits must be equal: a dropped leading zero is another number too (`0001` is not `1` for billing systems)
    assert [(i.severity, i.row) for i in issues(r, "matter-not-found")] == [("error", 1), ("error", 3)]
    assert [i.row for i in issues(r, "matter-typo")] == [2]
    assert r.report.counts["entries_written"] == 1
    assert b"00013" not in r.data


def test_two_people_never_share_a_derived_ledes_timekeeper_id():
    es = [entry(Timekeeper="John Smith"), entry(Timekeeper="Jane Smith", Description="b"),
          entry(Timekeeper="jane  smith", Description="c"), entry(Timekeeper="Ann Lee", Timekeeper_ID="JSMITH3")]
    es[3]["Timekeeper ID"] = es[3].pop("Timekeeper_ID")
    r = export(es, to="ledes1998b", client_id="SMITH")
    ids = [ln.split("|")[17] for ln in r.data.decode().split("\r\n")[2:] if ln]
    assert ids == ["JSMITH", "JSMITH2", "JSMITH2", "JSMITH3"]
    shared = issues(r, "ledes-timekeeper-id-shared")
    assert [(i.severity, i.row) for i in shared] == [("warning", 2)]
    assert "John Smith" in shared[0].message and "Jane Smith" in shared[0].message


def test_ledes_client_id_is_never_the_clients_name():
    es = [entry(Client="Acme Widgets Inc.", Matter="00012-Acme", Rate="450")]
    r = export(es, to="ledes1998b", matters=None)
    assert [(i.severity, i.row) for i in issues(r, "ledes-client-id-missing")] == [("error", 1)]
    assert r.report.counts == {"entries_read": 1, "entries_written": 0, "entries_rejected": 1}
    assert b"Acme Widgets" not in r.data
    ok = export(es, to="ledes1998b", matters=None, client_id="ACME")
    assert [ln.split("|")[2] for ln in ok.data.decode().split("\r\n")[2:] if ln] == ["ACME"]
    assert not issues(ok, "ledes-client-id-missing")
    assert [ln.split("|")[2] for ln in export(es, to="ledes1998b").data.decode().split("\r\n")[2:] if ln] == ["acme"]


def test_day_over_24h_counts_one_timekeeper_however_the_name_is_spelled():
    es = [entry(Duration="13", Timekeeper="Daniel Cho"), entry(Duration="12", Timekeeper="daniel  cho",
                                                               Description="other")]
    r = export(es)
    assert [(i.severity, i.row) for i in issues(r, "day-over-24h")] == [("error", 1), ("error", 2)]
    assert r.report.counts["entries_written"] == 0


def test_dead_helpers_are_gone():
    from normalizer import entries, ledes
    assert not hasattr(entries, "_day_first") and not hasattr(ledes, "invoice_totals")


# -- QA round 3 ---------------------------------------------------------------------------------------------------
def _ledes_lines(r):
    return [ln for ln in r.data.decode("ascii").split("\r\n") if ln]


@pytest.mark.parametrize("option,value,field,written", [
    ("invoice_number", "INV|A-0099", 1, "INV A-0099"), ("law_firm_id", "12[3]4", 19, "12(3)4"),
    ("client_id", "AC|ME\nX", 2, "AC ME X")])
def test_ledes_option_values_cannot_break_the_line_structure(option, value, field, written):
    r = export([entry(), entry(Description="b")], to="ledes1998b", **{"client_id": "ACME", option: value})
    lines = _ledes_lines(r)
    assert all(len(ln.split("|")) == 24 for ln in lines[1:]) and all(ln.endswith("[]") for ln in lines)
    assert {ln.split("|")[field] for ln in lines[2:]} == {written}
    flag = "--" + option.replace("_", "-")
    warned = [i for i in issues(r, "chars-replaced") if flag in i.message]
    assert [i.severity for i in warned] == ["warning"] and repr(written) in warned[0].message


def test_entries_accepts_a_zip_matter_list_from_the_system(tmp_path):
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("backup/cases.csv", "Case/Matter Name,Number,Practice Area,Case Closed,Lead Attorney,Contacts\n"
                                        "Smith divorce,24-1,Family,false,ND,Ann Smith\n")
        zf.writestr("backup/notes.txt", "hello")
    r = export([entry(Client="Ann Smith", Matter="Smith divorce")], to="mycase", matters=buf.getvalue(),
               matters_name="backup.zip")
    assert issues(r, "matters-normalized") and r.report.counts["entries_written"] == 1
    path = tmp_path / "backup.zip"
    path.write_bytes(buf.getvalue())
    r = export([entry(Client="Ann Smith", Matter="Smith divorce")], to="mycase", matters=str(path))
    assert issues(r, "matters-normalized") and r.report.counts["entries_written"] == 1


def test_utbms_expense_code_is_named_as_such_and_the_entry_stays_a_fee():
    r = export([entry(**{"Activity code": "L120 E107"}), entry(Description="b", **{"Activity code": "X999"})],
               to="ledes1998b", client_id="ACME")
    exp = issues(r, "expense-code-not-supported")
    assert [(i.severity, i.row) for i in exp] == [("warning", 1)]
    assert "E107" in exp[0].message and "fees" in exp[0].message and "not a UTBMS" not in exp[0].message
    assert [i.row for i in issues(r, "activity-code-not-utbms")] == [2]
    line = _ledes_lines(r)[2].split("|")
    assert line[9] == "F" and line[14] == "L120" and line[15] == "" and line[16] == ""
    assert r.report.counts["entries_written"] == 2


def test_entries_report_is_written_on_a_fatal_input_error(tmp_path):
    src, rep = tmp_path / "e.csv", tmp_path / "r.json"
    src.write_bytes(b"")
    rep.write_text('{"old": true}')
    assert cli.main(["entries", str(src), "--to", "clio", "--report", str(rep)]) == 1
    import json
    data = json.loads(rep.read_text())
    assert set(data) == {"error"} and data["error"]["code"] and data["error"]["file"] == "e.csv"


def test_tab_in_a_ledes_description_is_named_a_tab():
    r = export([entry(Description="call\tclient"), entry(Description="a\nb")], to="ledes1998b", client_id="ACME")
    msgs = {i.row: i.message for i in issues(r, "chars-replaced")}
    assert "tab" in msgs[1] and "line break" not in msgs[1]
    assert "line breaks" in msgs[2] and "tab" not in msgs[2]
    assert "call client" in r.data.decode()
