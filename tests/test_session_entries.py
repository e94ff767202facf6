"""The page session's time-entry support: `run` with job "entries" (the same bytes as the command line, the page's
edits written into an edited copy of the entries file), `rows` over the entries file, `notes` (a draft from notes)
and `targets`; the client/matter section's results stay while the entries section runs."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from normalizer import api
from normalizer.entries import targets
from normalizer.notes import parse_notes
from normalizer.session import Session

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = ROOT / "tests" / "data" / "entries"
WEEK, MATTERS = ENTRIES / "week.csv", ENTRIES / "matters.csv"
FIRM = ROOT / "tests" / "data" / "matters" / "firm" / "client_list_2025.csv"
NOTES = """0.2 — call with opposing counsel re scheduling — Smith file
0.1 — email to client re next steps — Jones file
yesterday 1h 12m Smith divorce: drafted financial statement
0.5 work on file - Northwind
"""


def call(session: Session, **request) -> dict:
    return json.loads(session.call(json.dumps(request)))


def week_session() -> Session:
    s = Session()
    s.put(WEEK.name, WEEK.read_bytes())
    s.put(MATTERS.name, MATTERS.read_bytes())
    return s


def run_entries(s: Session, to: str = "clio", file: str = "week.csv", fixes=None, **options) -> dict:
    request = {"op": "run", "job": "entries", "files": [file],
               "options": {"entries": {"to": to, "matters": MATTERS.name, **options}}}
    if fixes:
        request["options"]["fixes"] = fixes
    return call(s, **request)


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalizer", *args], cwd=tmp_path, capture_output=True, check=False)


# ------------------------------------------------------------------------------------------- same bytes as the CLI

@pytest.mark.parametrize("to, extra, out", [
    ("clio", [], "clio-activities.csv"),
    ("mycase", [], "mycase-time-entries.csv"),
    ("dyedurham", [], "dyedurham-keying-sheet.csv"),
    ("ledes1998b", ["--invoice-number", "INV20251101", "--invoice-date", "2025-11-25", "--law-firm-id", "12-3456789"],
     "invoice.ledes.txt"),
])
def test_an_entries_run_gives_the_command_lines_bytes(tmp_path, to, extra, out):
    s = week_session()
    keys = dict(zip([a[2:].replace("-", "_") for a in extra[::2]], extra[1::2]))
    answer = run_entries(s, to, **keys)
    assert answer["ok"] and list(answer["files"]) == [out]
    done = cli(tmp_path, "entries", str(WEEK), "--to", to, "--matters", str(MATTERS), *extra, "-o", out)
    assert done.returncode == 0, done.stderr
    assert s.take(out) == (tmp_path / out).read_bytes()


def test_split_by_timekeeper_gives_the_command_lines_zip(tmp_path):
    s = week_session()
    answer = run_entries(s, "clio", split_by_timekeeper=True)
    assert list(answer["files"]) == ["clio-activities.zip"]
    cli(tmp_path, "entries", str(WEEK), "--to", "clio", "--matters", str(MATTERS), "--split-by-timekeeper",
        "-o", "clio.zip")
    assert s.take("clio-activities.zip") == (tmp_path / "clio.zip").read_bytes()
    names = zipfile.ZipFile(io.BytesIO(s.take("clio-activities.zip"))).namelist()
    assert len(names) == 4 and all(n.startswith("clio-activities-") for n in names)


def test_a_workbook_target_offers_the_workbook_first_and_its_csv():
    s = week_session()
    answer = run_entries(s, "cosmolex")
    assert list(answer["files"]) == ["cosmolex-time.xlsx", "cosmolex-time.csv"]
    direct = api.export_entries(WEEK, to="cosmolex", matters=MATTERS)
    assert s.take("cosmolex-time.xlsx") == direct.data and s.take("cosmolex-time.csv") == direct.files["cosmolex-time.csv"]


def test_the_report_carries_totals_per_day_timekeeper_and_matter_and_the_amount():
    answer = run_entries(week_session())
    report = answer["report"]
    assert report["entries_read"] == report["entries_written"] + report["entries_rejected"] == 23
    assert set(report["totals"]) == {"day", "timekeeper", "matter"}
    assert report["amount_total"] == pytest.approx(5035.0) and report["hours_total"] == pytest.approx(14.6)
    assert report["target_notes"] == list(targets()["clio"].notes)
    assert {"week-report.json", "week-problems.csv", "clio-activities.csv"} <= set(answer["downloads"])


# ------------------------------------------------------------------------------------------------ rows for review

def test_rows_page_the_entries_by_source_line_with_outcome_issues_and_candidates():
    s = week_session()
    answer = run_entries(s)
    every = call(s, op="rows", job="entries", start=0, count=50)
    assert every["total"] == every["all"] == 23 and every["columns"][:4] == ["Date", "Duration", "Client", "Matter"]
    assert [r["line"] for r in every["rows"]][:3] == [2, 3, 4] and 19 not in [r["line"] for r in every["rows"]]
    rejected = call(s, op="rows", job="entries", filter="left_out")
    assert rejected["total"] == answer["report"]["entries_rejected"]
    (jones,) = call(s, op="rows", job="entries", filter="code:matter-ambiguous")["rows"]
    assert jones["line"] == 9 and jones["outcome"] == "rejected"
    (issue,) = [i for i in jones["issues"] if i["code"] == "matter-ambiguous"]
    assert issue["candidates"] == ["00016-Jones", "00017-Jones"]
    assert {m["ref"] for m in answer["matters"]} >= {"00016-Jones", "00017-Jones", "00012-Acme"}
    over = call(s, op="rows", job="entries", filter="code:day-over-24h")
    assert [r["line"] for r in over["rows"]] == [23, 24]
    second = call(s, op="rows", job="entries", start=10, count=5)
    assert [r["line"] for r in second["rows"]] == [r["line"] for r in every["rows"][10:15]]


def test_edits_are_written_into_an_edited_copy_that_the_command_line_replays(tmp_path):
    s = week_session()
    fixes = [{"file": "week.csv", "line": 9, "column": "Matter", "value": "00017-Jones"},
             {"file": "week.csv", "line": 12, "column": "Duration", "value": "2.5"}]
    answer = run_entries(s, fixes=fixes)
    assert answer["ok"] and answer["source"] == {"file": "week.csv", "run_on": "week-edited.csv", "draft": False}
    assert answer["report"]["entries_written"] == 15
    edited = s.take("week-edited.csv")
    (tmp_path / "week-edited.csv").write_bytes(edited)
    cli(tmp_path, "entries", "week-edited.csv", "--to", "clio", "--matters", str(MATTERS), "-o", "clio.csv")
    assert s.take("clio-activities.csv") == (tmp_path / "clio.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(edited.decode("utf-8"))))
    assert rows[0][:2] == ["Date", "Duration"] and len(rows) == 24
    changed = call(s, op="rows", job="entries", filter="changed")
    assert [r["line"] for r in changed["rows"]] == [9, 12]      # the original file's lines
    assert all(r["changed"] for r in changed["rows"])
    line9 = changed["rows"][0]
    assert line9["cells"][3] == "00017-Jones" and line9["outcome"] == "written"
    assert any(i["code"] == "cell-fixed" for i in line9["issues"])
    later = call(s, op="rows", job="entries", filter="code:day-over-24h")
    assert [r["line"] for r in later["rows"]] == [23, 24]        # lines after the multi-line description stay


def test_a_fix_naming_no_row_is_reported_not_lost():
    s = week_session()
    answer = run_entries(s, fixes=[{"file": "week.csv", "line": 99, "column": "Matter", "value": "x"}])
    assert any(i["code"] == "fix-not-applied" and i["row"] == 99 for i in answer["review_issues"])


# ------------------------------------------------------------------------------------------------------ notes

def test_notes_become_a_draft_session_file_that_runs_like_any_entries_file(tmp_path):
    s = week_session()
    answer = call(s, op="notes", text=NOTES, matters="matters.csv", date="2025-11-20", timekeeper="Daniel Cho")
    assert answer["ok"] and answer["file"] == "notes-draft.csv"
    data, report = parse_notes(NOTES, matters=MATTERS, date="2025-11-20", timekeeper="Daniel Cho", name="notes.txt",
                               matters_name="matters.csv")
    assert s.files["notes-draft.csv"] == data and answer["report"]["entries_drafted"] == 4
    assert [x["line"] for x in answer["report"]["lines"]] == [1, 2, 3, 4]
    run = run_entries(s, file="notes-draft.csv")
    assert run["ok"] and run["source"]["draft"]
    assert {"notes-draft.csv", "notes-report.json", "clio-activities.csv"} <= set(run["downloads"])
    vague = [i for i in run["review_issues"] if i["code"] == "note-vague"]
    assert [i["row"] for i in vague] == [5] and vague[0]["check"] == "review"
    (jones,) = call(s, op="rows", job="entries", filter="code:matter-ambiguous")["rows"]
    assert jones["line"] == 3 and jones["issues"][0]["candidates"] == ["00016-Jones", "00017-Jones"]
    # the page's choice of a matter, replayed by the command line
    fixed = run_entries(s, file="notes-draft.csv", fixes=[
        {"file": "notes-draft.csv", "line": 3, "column": "Client", "value": "Jones, Mary"},
        {"file": "notes-draft.csv", "line": 3, "column": "Matter", "value": "00016-Jones"}])
    assert fixed["report"]["entries_written"] == 4
    (tmp_path / "notes-draft-edited.csv").write_bytes(s.take("notes-draft-edited.csv"))
    cli(tmp_path, "entries", "notes-draft-edited.csv", "--to", "clio", "--matters", str(MATTERS), "-o", "c.csv")
    assert s.take("clio-activities.csv") == (tmp_path / "c.csv").read_bytes()


def test_notes_need_a_matter_list_and_text():
    s = Session()
    answer = call(s, op="notes", text="0.2 call", matters="nope.csv")
    assert answer["ok"] is False and "matter list" in answer["error"]["message"]
    assert call(s, op="notes", file="missing.txt", matters="x")["ok"] is False


# ------------------------------------------------------------------------------------------------ targets, errors

def test_targets_list_each_target_once_with_the_mapping_files_words():
    answer = call(Session(), op="targets")
    by_id = {t["id"]: t for t in answer["targets"]}
    assert len(by_id) == len(answer["targets"]) == len({s.target for s in targets().values()})
    for target_id, t in by_id.items():
        spec = targets()[target_id]
        assert (t["label"], t["support"], t["notes"], t["evidence"]) == (spec.label, spec.support, list(spec.notes),
                                                                          spec.evidence)
    assert by_id["practicepanther"]["support"] == "no-file-import" and by_id["clio"]["splittable"]


@pytest.mark.parametrize("options, words", [
    ({"entries": {"to": "clio", "colour": "red"}}, "unknown entries option"),
    ({"entries": {}}, "billing system"),
    ({"entries": {"to": "clio", "matters": "absent.csv"}}, "no matter list"),
    ({"entries": {"to": "clio"}, "system": "clio"}, "unknown option"),
    ({"entries": {"to": "nowhere"}}, "unknown target"),
])
def test_bad_entries_requests_are_answered_with_an_error(options, words):
    s = week_session()
    answer = call(s, op="run", job="entries", files=["week.csv"], options=options)
    assert answer["ok"] is False and words in answer["error"]["message"]


def test_the_client_matter_sections_results_stay_while_entries_run():
    s = Session()
    s.put(FIRM.name, FIRM.read_bytes())
    matters = call(s, op="run", job="matters")
    name = next(iter(matters["files"]))
    s.put(name, s.take(name))            # the page puts the list it made back as a file, for entries.matters
    s.put(WEEK.name, WEEK.read_bytes())
    entries = call(s, op="run", job="entries", files=["week.csv"], options={"entries": {"to": "clio", "matters": name}})
    assert entries["ok"]
    assert s.take(name) and s.take("client_list_2025-left-out.csv") and s.take("clio-activities.csv")
    assert set(entries["downloads"]).isdisjoint(matters["downloads"])
    assert call(s, op="rows")["file"] == FIRM.name                  # no job: the matters table, as before
    assert call(s, op="rows", job="entries")["file"] == "week.csv"


def test_a_workbook_of_entries_and_a_systems_own_matter_export_are_read(tmp_path):
    from openpyxl import Workbook
    rows = list(csv.reader(io.StringIO(WEEK.read_text(encoding="utf-8"))))
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    s = Session()
    s.put("week.xlsx", buf.getvalue())
    s.put(MATTERS.name, MATTERS.read_bytes())
    from_book = call(s, op="run", job="entries", files=["week.xlsx"], options={"entries": {"to": "clio", "matters": "matters.csv"}})
    assert from_book["ok"] and s.take("clio-activities.csv") == week_session_bytes()
    fixed = call(s, op="run", job="entries", files=["week.xlsx"], options={
        "entries": {"to": "clio", "matters": "matters.csv"},
        "fixes": [{"file": "week.xlsx", "line": 9, "column": "Matter", "value": "00016-Jones"}]})
    assert fixed["report"]["entries_written"] == 14 and fixed["source"]["run_on"] == "week-edited.csv"
    clio = ROOT / "tests" / "data" / "matters" / "clio" / "matters_export.csv"
    s.put(clio.name, clio.read_bytes())
    answer = call(s, op="run", job="entries", files=["week.xlsx"],
                  options={"entries": {"to": "clio", "matters": clio.name}})
    assert answer["ok"] and any(i["code"] == "matters-normalized" for i in answer["report"]["issues"])
    assert answer["matters"] and all(m["ref"] for m in answer["matters"])


def week_session_bytes() -> bytes:
    s = week_session()
    run_entries(s)
    return s.take("clio-activities.csv")
