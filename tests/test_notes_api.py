"""Notes -> entries (issue 14): the API's shape, the report's per-field evidence, the job wrapper, the command line,
and that the draft is what the entries job reads."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from normalizer import api, cli
from normalizer.cli_notes import add_command
from normalizer.entries import COLUMNS
from normalizer.notes import parse_notes, run
from normalizer.notes.dates import find as find_date
from normalizer.notes.durations import find as find_durations

DATA = __import__("pathlib").Path(__file__).parent / "data"
MATTERS = DATA / "notes" / "matters.csv"
NOTES = ("0.2 — call with opposing counsel re scheduling — Smith file\n"
         "0.1 — email to client re next steps — Jones file\n"
         "\n"
         "yesterday 1h 12m Smith divorce: drafted financial statement\n")
WED = dt.date(2026, 11, 25)


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_draft_has_the_entries_jobs_columns_one_row_a_note() -> None:
    data, report = parse_notes(NOTES, matters=MATTERS, date=WED, timekeeper="Daniel Cho", today=WED)
    assert data.splitlines()[0].decode() == ",".join(COLUMNS)
    rows = _rows(data)
    assert [r["Matter"] for r in rows] == ["00015-Smith", "Jones file", "00015-Smith"]
    assert [r["Date"] for r in rows] == ["2026-11-25", "2026-11-25", "2026-11-24"]
    assert rows[0]["Timekeeper"] == "Daniel Cho" and rows[0]["Rate"] == "350.00"
    assert report.counts == {"notes_read": 3, "entries_drafted": 3, "entries_complete": 2,
                             "entries_need_attention": 1}
    assert report.meta["draft"] is True


def test_every_field_has_value_confidence_and_the_words_it_came_from() -> None:
    _, report = parse_notes(NOTES, matters=MATTERS, date=WED, today=WED)
    line = report.meta["lines"][2]
    assert line["line"] == 4
    fields = line["fields"]
    assert set(fields) == {"date", "duration", "client", "matter", "description", "timekeeper", "rate",
                           "activity_code"}
    assert all({"value", "confidence", "source_text"} <= f.keys() for f in fields.values())
    assert fields["date"]["source_text"] == "yesterday"
    assert (fields["duration"]["value"], fields["duration"]["source_text"]) == ("1.2", "1h 12m")
    assert fields["matter"]["source_text"] == "Smith divorce"
    assert fields["activity_code"] == {"value": "A103", "confidence": 0.8, "source_text": "drafted",
                                       "suggested": True, "name": "Draft/revise"}


def test_an_ambiguous_matter_is_an_issue_on_its_line_naming_the_candidates() -> None:
    _, report = parse_notes(NOTES, matters=MATTERS, date=WED, today=WED, name="day.txt")
    [issue] = [i for i in report.issues if i.code == "note-matter-ambiguous"]
    assert (issue.file, issue.row, issue.column, issue.severity) == ("day.txt", 2, 39, "error")
    assert "00016-Jones" in issue.message and "00017-Jones" in issue.message
    assert report.meta["lines"][1]["fields"]["matter"]["candidates"][0].startswith("00016-Jones")


def test_the_draft_reads_back_through_the_entries_job() -> None:
    data, _ = parse_notes(NOTES, matters=MATTERS, date=WED, today=WED)
    result = api.export_entries(data, to="caseclock", matters=MATTERS, today=WED)
    assert result.report.counts["entries_read"] == 3
    assert {i.code for i in result.report.errors} == {"matter-ambiguous"}     # the same doubt, seen again


def test_the_matter_list_may_be_a_systems_own_export() -> None:
    source = DATA / "matters" / "clio" / "matters_export.csv"
    data, report = parse_notes("0.2 call with client re next steps — Smith file", matters=source, date=WED)
    assert any(i.code == "matters-normalized" for i in report.issues)
    assert len(_rows(data)) == 1


def test_rounding_follows_the_firms_policy() -> None:
    note = "14 minutes drafting consent order — Nguyen file"
    got = {mode: _rows(parse_notes(note, matters=MATTERS, date=WED, round=mode)[0])[0]["Duration"]
           for mode in ("up", "nearest", "none")}
    assert got == {"up": "0.3", "nearest": "0.2", "none": "0.2333"}
    assert _rows(parse_notes(note, matters=MATTERS, date=WED, increment="0.25")[0])[0]["Duration"] == "0.25"


@pytest.mark.parametrize("options, message", [
    ({"round": "down"}, "--round"), ({"increment": "0"}, "--increment"), ({"date_order": "YMD"}, "--date-order"),
    ({"date": "25/11/2026"}, "--date")])
def test_bad_options_are_value_errors(options, message) -> None:
    kwargs = {"matters": MATTERS, "date": WED, **options}
    with pytest.raises(ValueError, match=message):
        parse_notes("0.2 call — Smith file", **kwargs)


def test_bytes_in_any_common_encoding() -> None:
    note = "0.2 — email to client re invoice — García file\n"
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        data, _ = parse_notes(note.encode(encoding), matters=MATTERS, date=WED)
        assert _rows(data)[0]["Matter"] == "00025-Garcia"


def test_the_job_wrapper_returns_an_outcome_and_never_raises() -> None:
    out = run({"name": "day.txt", "data": NOTES.encode()},
              {"matters": {"name": "m.csv", "data": MATTERS.read_bytes()}, "date": "2026-11-25"})
    assert out.ok and list(out.files) == ["notes.csv"]
    assert out.report["entries_drafted"] == 3 and out.report["file"] == "day.txt"
    bad = run(NOTES.encode(), {"matters": MATTERS.read_bytes(), "round": "sideways"})
    assert not bad.ok and bad.error["code"] == "options-invalid"
    assert not run(NOTES.encode(), {}).ok


def test_the_command_line(tmp_path, capsys) -> None:
    notes = tmp_path / "day.txt"
    notes.write_text(NOTES, encoding="utf-8")
    parser = cli.build_parser()
    if "notes" not in parser._subparsers._group_actions[0].choices:       # until cli.py registers it
        add_command(parser._subparsers._group_actions[0])
    out, report = tmp_path / "draft.csv", tmp_path / "r.json"
    args = parser.parse_args(["notes", str(notes), "--matters", str(MATTERS), "--date", "2026-11-25",
                              "--timekeeper", "Daniel Cho", "--round", "nearest", "--increment", "0.1",
                              "--date-order", "dmy", "-o", str(out), "--report", str(report)])
    assert args.run(args) == 0
    assert _rows(out.read_bytes())[0]["Timekeeper"] == "Daniel Cho"
    saved = json.loads(report.read_text(encoding="utf-8"))
    assert saved["options"]["date_order"] == "DMY" and len(saved["lines"]) == 3
    err = capsys.readouterr().err
    assert "day.txt, line 2, column 39" in err and "3 note(s) read, 3 draft entries" in err
    with pytest.raises(SystemExit):
        parser.parse_args(["notes", str(notes)])                     # --matters is required


@pytest.mark.parametrize("text, hours", [
    ("0.2", "0.2"), (".3 hours", "0.3"), ("1.5h", "1.5"), ("point three", "0.3"), ("three tenths", "0.3"),
    ("two tenths of an hour", "0.2"), ("six minutes", "0.1"), ("45 min", "0.75"), ("forty-five minutes", "0.75"),
    ("1:12", "1.2"), ("1h 12m", "1.2"), ("an hour and a half", "1.5"), ("a quarter hour", "0.25"),
    ("half an hour", "0.5"), ("72min", "1.2"), ("one point two", "1.2"), ("two and a half hours", "2.5")])
def test_duration_forms(text, hours) -> None:
    [hit], _ = find_durations(f"{text} — drafted the brief")
    assert hit.hours == Decimal(hours)


@pytest.mark.parametrize("text", ["reviewed 3 exhibits", "re 2024 tax year", "Rule 12(b)(6) motion",
                                  "$5,000 settlement offer", "11/3", "paused at clause 12", "call at 3:30",
                                  "section 4.2 of the lease", "24-hour notice", "at this point two issues"])
def test_numbers_in_the_narrative_are_not_durations(text) -> None:
    assert find_durations(text) == ([], [])


@pytest.mark.parametrize("text, order, day", [
    ("yesterday", "MDY", "2026-11-24"), ("last Friday", "MDY", "2026-11-20"), ("on Monday", "MDY", "2026-11-23"),
    ("on Wednesday", "MDY", "2026-11-25"), ("last Wednesday", "MDY", "2026-11-18"), ("Nov 3", "MDY", "2026-11-03"),
    ("11/3", "MDY", "2026-11-03"), ("11/3", "DMY", "2026-03-11"), ("2026-11-02", "MDY", "2026-11-02"),
    ("two days ago", "MDY", "2026-11-23"), ("on the 3rd", "MDY", "2026-11-03")])
def test_dates_relative_to_the_given_day(text, order, day) -> None:
    hit = find_date(f"{text} 0.2 call with client", WED, order)
    assert hit.value.isoformat() == day


def test_a_date_inside_the_narrative_is_not_the_entrys() -> None:
    for text in ("prepared for the Nov 3 hearing", "email re Monday's call", "call re hearing on Monday"):
        assert find_date(f"0.2 {text}", WED) is None
    assert find_date("11/31 0.2 call", WED).value is None
