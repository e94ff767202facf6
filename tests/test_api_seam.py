"""The API seam the page's worker, the CLI and Python users share: facts given instead of detected, column choices,
saved mapping files, cell fixes, one outcome shape, the preview call and the page session."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer import api
from normalizer.session import Session
from normalizer.user_mapping import from_toml, to_toml

DATA = Path(__file__).parent / "data" / "matters"
FIRM = DATA / "firm" / "client_list_2025.csv"
DYE = DATA / "dyedurham" / "client_listing.csv"
CLIO = DATA / "clio" / "matters_export.csv"


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def codes(outcome) -> list[str]:
    return [i["code"] for i in outcome.report["issues"]]


def only(outcome) -> bytes:
    assert outcome.ok, outcome.error
    (data,) = outcome.files.values()
    return data


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalizer", *args], capture_output=True, cwd=cwd)


# ------------------------------------------------------------------------------------------- reading, given

def test_a_stated_encoding_is_used_and_reported_as_given():
    detected = api.preview([DYE]).detections[0]["facts"]["encoding"]
    assert detected["value"] == "cp1252" and not detected["given"]
    wrong = api.run("matters", [DYE], {"read": {"*": {"encoding": "utf-8"}}})
    fact = wrong.detections[0]["facts"]["encoding"]
    assert fact["given"] and fact["value"] == "utf-8" and fact["words"] == "You chose this"
    # cp1252 bytes read as UTF-8: every accented letter is a replaced byte, each reported where it is
    replaced = [i for i in wrong.report["issues"] if i["code"] == "encoding-replaced"]
    assert replaced and all(i["row"] and i["column"] for i in replaced)
    assert "Côté" not in only(wrong).decode() and "Côté" in only(api.run("matters", [DYE])).decode()


def test_a_stated_delimiter_keeps_one_column_values_whole():
    # A one-column list whose values hold commas: detection splits them; the user says "tab" (one column).
    data = "Matter Name\nSmith, John – divorce\nAcme, Inc. – lease\nDoe, Jane – estate\n".encode()
    sniffed = api.preview([("one.csv", data)], {"read": {"one.csv": {"delimiter": "tab"}}})
    table = sniffed.detections[0]
    assert table["columns"] == ["Matter Name"]
    assert [r["cells"] for r in table["preview"]] == [["Smith, John – divorce"], ["Acme, Inc. – lease"],
                                                      ["Doe, Jane – estate"]]
    assert table["facts"]["delimiter"]["given"]


def test_a_stated_header_row_wins_over_detection_and_zero_means_none():
    data = ("Client Name,Matter Name,Matter ID\n"
            "Client,Matter,Number\n"
            "Acme Ltd,Lease renewal,M-1\n"
            "Beta LLC,Audit,M-2\n").encode()
    given = api.preview([("two.csv", data)], {"read": {"*": {"header_row": 2}}}).detections[0]
    assert given["columns"] == ["Client", "Matter", "Number"]
    assert [s["line"] for s in given["skipped"]] == [1]
    assert given["facts"]["header_row"]["given"]
    none = api.preview([("two.csv", data)], {"read": {"*": {"header_row": 0}}}).detections[0]
    assert none["columns"] is None and none["rows"] == 4
    assert none["facts"]["header_row"]["label"] == "no header row"


def test_a_header_row_past_the_end_is_a_clear_error_not_a_traceback():
    out = api.run("matters", [("short.csv", b"Client,Matter\nA,B\n")], {"read": {"*": {"header_row": 9}}})
    assert not out.ok and out.error["code"] == "options-invalid" and "line 9" in out.error["message"]
    assert out.error["file"] == "short.csv"


def test_bad_options_are_an_outcome_error_naming_the_option():
    for options, words in (({"colour": 1}, "unknown option"), ({"read": {"*": {"delimiter": ";;"}}}, "one character"),
                           ({"read": {"*": {"encoding": "klingon"}}}, "unknown encoding"),
                           ({"fixes": [{"line": "x"}]}, "a fix needs")):
        out = api.run("matters", [FIRM], options)
        assert not out.ok and out.error["code"] == "options-invalid" and words in out.error["message"], options
        json.dumps(out.to_dict())


# ------------------------------------------------------------------------------------------- columns, chosen

def test_a_column_choice_changes_what_is_written_and_says_why():
    plain = rows(only(api.run("matters", [FIRM])))
    chosen = api.run("matters", [FIRM], {"mapping": {FIRM.name: {"Notes": "matter_name", "Province": "ignore"}}})
    out = rows(only(chosen))
    assert {r["Jurisdiction"] for r in plain} == {"ON", "QC"}
    assert {r["Jurisdiction"] for r in out} == {""}               # Province no longer read
    assert "jurisdiction-missing" in codes(chosen)
    by_column = {c["column"]: c for c in chosen.mapping[FIRM.name]}
    assert by_column["Province"]["field"] is None and by_column["Province"]["reason"] == "you chose not to import it"
    assert by_column["Notes"]["field"] == "matter_name" and by_column["Notes"]["reason"] == "you chose this"
    assert by_column["Case"]["field"] == "matter_name"             # still feeds the name where Notes is empty


def test_a_choice_naming_a_missing_column_or_field_is_refused():
    out = api.run("matters", [FIRM], {"mapping": {FIRM.name: {"Matter / File Name": "matter_name"}}})
    assert not out.ok and "Matter / File Name" in out.error["message"] and "Customer" in out.error["message"]
    out = api.run("matters", [FIRM], {"mapping": {FIRM.name: {"Case": "matter_title"}}})
    assert not out.ok and "matter_title" in out.error["message"]
    out = api.run("matters", [FIRM], {"mapping": {"*": {"Nothing here": "matter_name"}}})
    assert not out.ok and "no input file has" in out.error["message"]


def test_a_saved_mapping_round_trips_and_is_a_valid_mapping_file(tmp_path):
    choices = {"Customer": "client_name", "File No.": "matter_ref", "Notes": "matter_name", "Case": "matter_name",
               "Lawyer": "ignore"}
    text = to_toml(choices, source=FIRM.name)
    assert from_toml(text) == choices
    # the same file dropped into a mappings folder makes this layout a known one
    import shutil
    from normalizer.mappings import load_mappings
    from normalizer.read import read_table
    from normalizer.vendor import detect
    folder = tmp_path / "mappings"
    shutil.copytree(Path(__file__).parents[1] / "mappings", folder)
    (folder / "ourfirm.toml").write_text(text, encoding="utf-8")
    mappings = load_mappings(folder)
    plan = detect(read_table(FIRM), mappings)
    assert plan.system == "ourfirm" and plan.columns["matter_name"][0] == 8      # Notes first, as saved
    with_file = only(api.run("matters", [FIRM], {"mapping_file": text}))
    with_choices = only(api.run("matters", [FIRM], {"mapping": {"*": choices}}))
    assert with_file == with_choices


def test_a_broken_mapping_file_is_a_clear_error():
    out = api.run("matters", [FIRM], {"mapping_file": "name = 'x'\n[exports.a]\nkind = 'matters'\n"
                                                      "[exports.a.fields]\nmatter_title = ['Case']\n"})
    assert not out.ok and out.error["code"] == "mapping-file-invalid" and "matter_title" in out.error["message"]
    out = api.run("matters", [FIRM], {"mapping_file": "this is [not toml"})
    assert not out.ok and out.error["code"] == "mapping-file-invalid"


# ------------------------------------------------------------------------------------------- fixes

def test_fixes_are_applied_before_cleaning_and_reported():
    fixes = [{"file": FIRM.name, "line": 3, "column": "File No.", "value": "2024-017B"},
             {"file": FIRM.name, "line": 2, "column": "Customer", "value": "  Lévesque,   Hélène  "},
             {"file": FIRM.name, "line": 99, "column": "Case", "value": "x"},
             {"file": FIRM.name, "line": 2, "column": "Colour", "value": "x"}]
    out = api.run("matters", [FIRM], {"fixes": fixes})
    written = rows(only(out))
    assert "2024-017B" in {r["Matter ID"] for r in written}
    assert "matter-id-rewritten" not in [i["code"] for i in out.report["issues"] if i["row"] == 3]
    assert "Lévesque, Hélène" in {r["Client Name"] for r in written}        # cleaned after the edit
    issues = {(i["code"], i["row"]) for i in out.report["issues"]}
    assert ("cell-fixed", 3) in issues and ("cell-fixed", 2) in issues
    assert ("fix-not-applied", 99) in issues and ("fix-not-applied", 2) in issues


def test_a_fix_on_a_title_line_is_not_applied_and_says_why():
    out = api.run("matters", [DYE], {"fixes": [{"file": DYE.name, "line": 1, "column": 1, "value": "x"}]})
    (issue,) = [i for i in out.report["issues"] if i["code"] == "fix-not-applied"]
    assert "not a row of the table (preamble)" in issue["message"]


def test_fixes_for_another_file_leave_this_one_alone():
    out = api.run("matters", [FIRM], {"fixes": [{"file": "other.csv", "line": 3, "column": 1, "value": "x"}]})
    assert only(out) == only(api.run("matters", [FIRM]))


# ------------------------------------------------------------------------------------------- same bytes everywhere

def test_cli_python_and_page_session_give_the_same_bytes(tmp_path):
    options = {"jurisdiction": "ON", "read": {"*": {"encoding": "utf-8-sig", "delimiter": ",", "header_row": 1}},
               "mapping": {"*": {"Notes": "matter_name", "Lawyer": "ignore"}},
               "fixes": [{"file": FIRM.name, "line": 5, "column": "Customer", "value": "=HYPERLINK(\"x\")"}]}
    by_api = only(api.run("matters", [FIRM], options))
    session = Session()
    session.put(FIRM.name, FIRM.read_bytes())
    answer = json.loads(session.call(json.dumps({"op": "run", "job": "matters", "options": options})))
    assert answer["ok"] and "client_list_2025-caseclock.csv" in answer["downloads"]
    by_page = session.take("client_list_2025-caseclock.csv")
    (tmp_path / "fixes.json").write_text(json.dumps(options["fixes"]), encoding="utf-8")
    run = cli("matters", str(FIRM), "--jurisdiction", "ON", "--encoding", "utf-8-sig", "--delimiter", "comma",
              "--header-row", "1", "--map", "Notes=matter_name", "--map", "Lawyer=ignore",
              "--fixes", str(tmp_path / "fixes.json"), "-o", str(tmp_path / "out.csv"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode()
    assert by_api == by_page == (tmp_path / "out.csv").read_bytes()
    assert b"'=HYPERLINK" in by_api                 # the fixed cell is neutralised, not run by a spreadsheet


def test_cli_save_mapping_then_mapping_file_gives_the_same_bytes(tmp_path):
    first = cli("matters", str(FIRM), "--map", "Notes=matter_name", "--save-mapping", "m.toml", "-o", "a.csv",
                cwd=tmp_path)
    second = cli("matters", str(FIRM), "--mapping-file", "m.toml", "-o", "b.csv", cwd=tmp_path)
    assert first.returncode == second.returncode == 0, (first.stderr, second.stderr)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() != only(api.run("matters", [FIRM]))


def test_cli_bad_map_is_a_usage_message(tmp_path):
    run = cli("matters", str(FIRM), "--map", "no-equals-sign", cwd=tmp_path)
    assert run.returncode == 1 and b"COLUMN=FIELD" in run.stderr and b"Traceback" not in run.stderr


# ------------------------------------------------------------------------------------------- outcome, preview

def test_every_job_gives_one_json_outcome_shape():
    keys = {"job", "ok", "files", "report", "detections", "mapping", "error"}
    outcomes = [api.run("matters", [CLIO], {"jurisdiction": "WA"}), api.run("preview", [CLIO]),
                api.run("check", [DATA / "clio" / "expected.csv"]),
                api.run("entries", [Path(__file__).parent / "data" / "entries" / "week.csv"],
                        {"entries": {"to": "clio", "matters": str(Path(__file__).parent / "data" / "entries" /
                                                                   "matters.csv")}}),
                api.run("matters", [("report.pdf.csv", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n")]),
                api.run("matters", [("bad.xlsx", b"PK\x03\x04" + b"\x00" * 40)]),
                api.run("nonsense", [CLIO])]
    for out in outcomes:
        d = json.loads(out.to_json())
        assert keys <= set(d), out.job
        assert (d["error"] is None) == d["ok"]
    assert [o.ok for o in outcomes] == [True, True, True, True, False, False, False]
    assert outcomes[0].detections[0]["facts"]["system"]["value"] == "clio"
    assert outcomes[3].files and outcomes[3].report["entries_written"] > 0
    assert "PDF" in outcomes[4].error["message"] and outcomes[4].error["file"] == "report.pdf.csv"


def test_preview_shows_facts_raw_lines_first_rows_count_and_proposed_mapping():
    out = api.preview([DYE])
    assert out.ok and not out.files
    (table,) = out.detections
    assert set(table["facts"]) >= {"system", "encoding", "delimiter", "quotechar", "header_row"}
    for fact in table["facts"].values():
        assert fact["reason"] and fact["words"] in ("High", "Check this", "Unsure") and 0 <= fact["confidence"] <= 1
    assert table["raw"][0] == {"line": 1, "text": "Client Listing"}
    assert [r["line"] for r in table["preview"]] == [6, 7, 8, 9, 10, 11]
    assert table["rows"] == api.run("matters", [DYE]).report["rows_read"] == 6
    assert {s["reason"] for s in table["skipped"]} == {"preamble", "blank", "footer"}
    mapping = {c["column"]: c for c in out.mapping[DYE.name]}
    assert mapping["Client Name"]["field"] == "client_name" and mapping["Client Name"]["samples"][0] == \
        "Pelletier, Gabrielle"
    assert mapping["Unbilled WIP"]["field"] is None
    assert {f["id"] for f in out.to_dict()["fields"]} >= {"client_ref", "matter_name", "rate", "jurisdiction"}
    assert table["candidates"][0]["value"] == "dyedurham"


def test_preview_of_a_zip_names_its_members_and_of_a_workbook_its_sheets():
    zipped = api.preview([DATA / "mycase" / "mycase-backup-2025-11-21.zip"])
    assert zipped.ok and any(t["facts"].get("member") for t in zipped.detections)
    book = api.preview([DATA / "practicepanther" / "matters_export.xlsx"])
    assert book.ok and book.detections[0]["sheets"] and "sheet" in book.detections[0]["facts"]


# ------------------------------------------------------------------------------------------- the page session

def test_session_pages_the_source_rows_with_their_outcome_and_problems():
    session = Session()
    session.put(FIRM.name, FIRM.read_bytes())
    run = json.loads(session.call(json.dumps({"op": "run", "job": "matters"})))
    assert run["ok"]
    counts = run["report"]
    every = json.loads(session.call(json.dumps({"op": "rows", "start": 0, "count": 50})))
    assert every["total"] == counts["rows_read"]
    outcomes = [r["outcome"] for r in every["rows"]]
    assert outcomes.count("written") == counts["rows_written"]
    assert outcomes.count("rejected") == counts["rows_rejected"]
    assert outcomes.count("merged") == counts["rows_merged"] and outcomes.count("filtered") == counts["rows_filtered"]
    left = json.loads(session.call(json.dumps({"op": "rows", "filter": "left_out"})))
    assert left["total"] == counts["rows_read"] - counts["rows_written"]
    rewritten = json.loads(session.call(json.dumps({"op": "rows", "filter": "code:matter-id-rewritten"})))
    assert [r["line"] for r in rewritten["rows"]] == [3, 5]
    second = json.loads(session.call(json.dumps({"op": "rows", "start": 10, "count": 10})))
    assert [r["line"] for r in second["rows"]] == [r["line"] for r in every["rows"][10:20]]
    # the rows left out, with the reason, as a CSV download
    left_csv = rows(session.take("client_list_2025-left-out.csv"))
    assert len(left_csv) == left["total"] and all(r["Outcome"] for r in left_csv)
    assert any("also on line" in r["Reason"] for r in left_csv)
    problems = rows(session.take("client_list_2025-problems.csv"))
    assert {"matter-id-rewritten", "duplicate-matter-id"} <= {p["Code"] for p in problems}
    assert all(p["Problem"] and p["What to do"] for p in problems)


def test_session_answers_every_bad_request_with_an_error_it_can_show():
    session = Session()
    for request in ("not json", json.dumps({"op": "explode"}), json.dumps({"op": "rows"}),
                    json.dumps({"op": "run", "files": ["missing.csv"]})):
        answer = json.loads(session.call(request))
        assert answer["ok"] is False and answer["error"]["message"], request


def test_session_reports_progress_on_a_long_conversion():
    body = "".join(f"C{i},Client {i},M{i},Matter {i}\n" for i in range(20000))
    session = Session()
    session.put("big.csv", ("Client ID,Client Name,Matter ID,Matter Name\n" + body).encode())
    seen = []
    answer = json.loads(session.call(json.dumps({"op": "run", "job": "matters"}),
                                     lambda phase, file, fraction: seen.append((phase, file, fraction))))
    assert answer["ok"] and answer["report"]["rows_written"] == 20000
    assert len(seen) >= 4 and all(p == "converting" and f == "big.csv" for p, f, _ in seen)
    fractions = [x for _, _, x in seen]
    assert fractions == sorted(fractions) and 0 < fractions[0] < fractions[-1] <= 1


@pytest.mark.parametrize("hostile", ['<img src=x onerror="alert(1)">', "<script>alert(1)</script>",
                                     '=HYPERLINK("http://evil.example","click")', "@SUM(A1)", "+1+2", "-2+3"])
def test_hostile_cells_stay_data_and_formulas_are_neutralised(hostile):
    data = f'Client Name,Matter Name\nAcme Ltd,"{hostile.replace(chr(34), chr(34) * 2)}"\n'.encode()
    out = api.run("matters", [("h.csv", data)])
    (row,) = rows(only(out))
    if hostile[0] in "=+-@":
        assert row["Matter Name"] == "'" + hostile and "formula-neutralised" in codes(out)
    else:
        assert row["Matter Name"] == hostile


def test_session_sends_a_summary_not_every_issue_of_a_long_report():
    body = "".join(f"C{i},Client {i},M {i},Matter {i}\n" for i in range(1500))     # every Matter ID rewritten
    session = Session()
    session.put("long.csv", ("Client ID,Client Name,Matter ID,Matter Name\n" + body).encode())
    answer = json.loads(session.call(json.dumps({"op": "run", "job": "matters"})))
    report = answer["report"]
    assert report["issue_summary"]["matter-id-rewritten"] == {"count": 1500, "lines": 1500, "severity": "warning"}
    assert len([i for i in report["issues"] if i["code"] == "matter-id-rewritten"]) == 20
    assert report["issues_total"] >= 1500 and "left_out" not in report
    # every issue is still in the problems download and on its row
    problems = rows(session.take("long-problems.csv"))
    assert sum(p["Code"] == "matter-id-rewritten" for p in problems) == 1500
    page = json.loads(session.call(json.dumps({"op": "rows", "start": 1400, "count": 5})))
    assert all(any(i["code"] == "matter-id-rewritten" for i in r["issues"]) for r in page["rows"])


def test_cli_bad_fixes_and_mappings_name_their_file(tmp_path):
    (tmp_path / "object.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('[{"line": "x"}]', encoding="utf-8")
    for args, words in ((["--fixes", "object.json"], b"object.json: expected a list of edits"),
                        (["--fixes", "broken.json"], b"broken.json: edit 1 is not"),
                        (["--map", "Nope=matter_name"], FIRM.name.encode() + b": the mapping names column(s) 'Nope'")):
        run = cli("matters", str(FIRM), *args, cwd=tmp_path)
        assert run.returncode == 1 and words in run.stderr and b"Traceback" not in run.stderr, (args, run.stderr)
