"""The matter job end to end on small realistic exports: bytes in, CaseClock CSV + report out (docs/RULES.md)."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from normalizer import api
from normalizer.cli import main
from normalizer.errors import InputError

HEADER = "Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate"


def run(text: str, name: str = "export.csv", **options):
    return api.normalize_matters([text.encode("utf-8")], names=[name], **options)


def rows(result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.data.decode("utf-8-sig"))))[1:]


def codes(result, severity: str | None = None) -> list[str]:
    return [i.code for i in result.report.issues if severity in (None, i.severity)]


def balanced(result) -> bool:
    c = result.report.counts
    return c["rows_read"] == c["rows_written"] + c["rows_merged"] + c["rows_filtered"] + c["rows_rejected"]


CLIO = (
    '"Unique ID","Display Number","Description","Status","Clients","Practice Area","Responsible Attorney"\r\n'
    '"1","00012-Smith","Divorce","Open","Ann Smith","Family","JD"\r\n'
    '"2","00013-Acme","Lease review","Closed","Acme Widgets Inc.","Real estate","JD"\r\n'
    '"3","00014-Lévesque","Estate","Pending","Lévesque, Hélène","Estates","JD"\r\n'
)


def test_clio_export_writes_the_import_layout_and_leaves_closed_out() -> None:
    result = run(CLIO, jurisdiction="WA")
    text = result.data.decode("utf-8")
    assert text.startswith(HEADER + "\r\n")
    assert rows(result) == [
        ["ann-smith", "Ann Smith", "00012-Smith", "Divorce", "WA", "Family", ""],
        ["levesque-helene", "Lévesque, Hélène", "00014-Levesque", "Estate", "WA", "Estates", ""],
    ]
    c = result.report.counts
    assert (c["rows_read"], c["rows_written"], c["rows_filtered"]) == (3, 2, 1)
    closed = [i for i in result.report.issues if i.code == "matter-closed"]
    assert closed[0].row == 3
    rewritten = [i for i in result.report.issues if i.code == "matter-id-rewritten"]
    assert rewritten[0].row == 4 and "00014-Lévesque" in rewritten[0].message and "00014-Levesque" in rewritten[0].message


def test_include_closed_keeps_them() -> None:
    result = run(CLIO, include_closed=True)
    assert [r[2] for r in rows(result)] == ["00012-Smith", "00013-Acme", "00014-Levesque"]
    assert result.report.counts["rows_filtered"] == 0


def test_report_has_the_documented_keys() -> None:
    report = run(CLIO).report.to_dict()
    for key in ("vendor", "vendor_confidence", "detection", "mapping", "rows_read", "rows_written", "rows_merged",
                "rows_filtered", "rows_rejected", "issues"):
        assert key in report
    assert report["vendor"] == "clio"
    assert report["mapping"]["Display Number"] == "matter_ref"
    assert {"row", "column", "severity", "code", "message"} <= set(report["issues"][0])
    json.dumps(report)


def test_jurisdiction_missing_is_one_summary_warning() -> None:
    result = run(CLIO)
    assert codes(result).count("jurisdiction-missing") == 1
    assert "--jurisdiction" in next(i.message for i in result.report.issues if i.code == "jurisdiction-missing")


def test_clio_display_number_with_description_is_split() -> None:
    text = "Client,Matter,Practice area,Responsible attorney,Status\nAnn Smith,00012-Smith: Divorce,Family,JD,Open\n"
    result = run(text)
    assert result.report.meta["vendor"] == "clio"
    assert rows(result)[0][2:4] == ["00012-Smith", "Divorce"]


def test_practicepanther_number_dash_name_gives_client_id() -> None:
    text = ("Matter,Contact,Status,Matter Rate,Number,Invoices Due\n"
            "Estate plan,2658 - Paige Resendez,Open,\"$1,250.00\",101,$0.00\n"
            "Will update,2658 - Paige Resendez,Open,Flat Fee,102,$0.00\n")
    result = run(text)
    assert rows(result) == [["2658", "Paige Resendez", "101", "Estate plan", "", "", "1250.00"],
                            ["2658", "Paige Resendez", "102", "Will update", "", "", ""]]


def test_pclaw_client_from_front_of_matter_number() -> None:
    text = "MATTER,MATTER DESCRIPTION,TYPE_OF_LAW\n1001-001,Purchase of 12 Elm,RE\n1001-002,Mortgage,RE\n"
    result = run(text, system="pclaw")
    assert [r[:3] for r in rows(result)] == [["1001", "1001", "1001-001"], ["1001", "1001", "1001-002"]]
    assert "client-name-missing" in codes(result)


def test_identical_rows_merge_and_conflicts_are_rejected_naming_both_lines() -> None:
    text = ("Client,Matter Number,Matter Name\n"
            "Acme,M-1,Lease\n"          # line 2
            "Acme,M-1,Lease\n"          # line 3: identical -> merged
            "Acme,M-1,Other name\n"     # line 4: same ID, different name -> error
            "Acme,M-2,Lease\n")         # line 5: same client + name under another ID -> error
    result = run(text)
    assert rows(result) == [["acme", "Acme", "M-1", "Lease", "", "", ""]]
    c = result.report.counts
    assert (c["rows_merged"], c["rows_rejected"]) == (1, 2)
    by_code = {i.code: i for i in result.report.issues}
    assert by_code["duplicate-merged"].row == 3
    assert by_code["duplicate-matter-id"].row == 4 and "line 2" in by_code["duplicate-matter-id"].message
    assert by_code["duplicate-matter-name"].row == 5 and "line 2" in by_code["duplicate-matter-name"].message
    assert balanced(result)


def test_slug_collisions_get_numbered_and_one_name_keeps_one_id() -> None:
    text = ("Client,Matter Number,Matter Name\n"
            "\"Côté, Jean-Marc\",A1,One\n\"Cote, Jean Marc\",A2,Two\n\"Côté, Jean-Marc\",A3,Three\n")
    assert [r[0] for r in rows(run(text))] == ["cote-jean-marc", "cote-jean-marc-2", "cote-jean-marc"]


def test_missing_matter_reference_is_derived_with_a_warning() -> None:
    text = "Client,Matter Name\nAcme,Lease renewal\nAcme,\"Lease renewal!\"\n"
    result = run(text)
    assert [r[2] for r in rows(result)] == ["acme-lease-renewal", "acme-lease-renewal-2"]
    assert codes(result).count("matter-id-derived") == 2


def test_missing_name_uses_the_reference_and_missing_everything_is_rejected() -> None:
    text = "Client,Matter Number,Matter Name\nAcme,M-9,\nAcme,,\n,M-10,Orphan\n"
    result = run(text)
    assert rows(result) == [["acme", "Acme", "M-9", "M-9", "", "", ""]]
    assert {"matter-name-missing", "matter-missing", "client-missing"} <= set(codes(result))
    assert result.report.counts["rows_rejected"] == 2 and balanced(result)


def test_formula_cells_are_neutralised_and_reported() -> None:
    text = "Client,Matter Number,Matter Name\n@Home Ltd.,M-1,=HYPERLINK(\"x\")\n"
    result = run(text)
    assert rows(result)[0][1] == "'@Home Ltd." and rows(result)[0][3] == "'=HYPERLINK(\"x\")"
    flagged = [i for i in result.report.issues if i.code == "formula-neutralised"]
    assert [(i.row, i.column) for i in flagged] == [(2, "Client Name"), (2, "Matter Name")]


def test_rates_are_plain_decimals_and_flat_fees_leave_them_empty() -> None:
    text = ("Client,Matter Number,Matter Name,Hourly Rate,Billing Method\n"
            "A,1,x,\"1 250,00\",Hourly\nB,2,y,$300,Flat fee\nC,3,z,about 300ish per hr maybe 400,\n")
    result = run(text)
    assert [r[6] for r in rows(result)] == ["1250.00", "", ""]
    assert "rate-unreadable" in codes(result)


def test_status_vocabulary_and_flags() -> None:
    text = ("Matter File #,Client,Matter Name,Matter Owner,Area of Law,Active\n"
            "0001-1,Ann,One,RC,Family,Yes\n0001-2,Ann,Two,RC,Family,No\n0001-3,Ann,Three,RC,Family,Inactive\n")
    result = run(text)
    assert result.report.meta["vendor"] == "cosmolex"
    assert [r[2] for r in rows(result)] == ["0001-1"]
    assert result.report.counts["rows_filtered"] == 2


def test_unknown_status_word_warns_once() -> None:
    text = "Unique ID,Display Number,Description,Status,Clients\n1,01,A,Dormant,X\n2,02,B,Dormant,Y\n"
    result = run(text)
    assert codes(result).count("status-unknown") == 1
    assert len(rows(result)) == 2


def test_contacts_export_is_joined_on_the_client_reference() -> None:
    matters = b"MATTER,CLIENT,MATTER DESCRIPTION\n1001-001,1001,Purchase\n1002-001,1002,Will\n"
    contacts = (b"Contact: Number,Contact: FirstName,Contact: LastName,Contact: CompanyName,URL\n"
                b"1001,Luc,Tremblay,,u\n1002,,,Acme Inc.,u\n")
    result = api.normalize_matters([matters, contacts], names=["matters.csv", "contacts.csv"])
    assert [r[:2] for r in rows(result)] == [["1001", "Tremblay, Luc"], ["1002", "Acme Inc."]]
    assert [s["role"] for s in result.report.meta["sources"]] == ["matters", "contacts"]
    assert result.report.counts["rows_read"] == 2


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_zip_backup_picks_the_cases_file() -> None:
    data = _zip({
        "backup/time_entries.csv": "Date,Activity,Time,Rate,Flat rate,Total,Description,User,Case Name,Invoice,"
                                   "Nonbillable\n1/2/25,Call,0.5,200,,100,Call,ND,Smith divorce,,false\n",
        "backup/cases.csv": "Case/Matter Name,Number,Practice Area,Case Closed,Lead Attorney,Contacts\n"
                            "Smith divorce,24-1,Family,false,ND,Ann Smith\nOld case,20-1,Family,true,ND,Bo Li\n",
        "backup/notes.txt": "hello",
    })
    result = api.normalize_matters([data], names=["backup.zip"], jurisdiction="VT")
    assert rows(result) == [["ann-smith", "Ann Smith", "24-1", "Smith divorce", "VT", "Family", ""]]
    assert result.report.meta["vendor"] == "mycase"
    assert result.report.counts["rows_read"] == 2


def test_excel_option_adds_a_bom_and_crlf_always() -> None:
    data = run(CLIO, excel=True).data
    assert data.startswith(b"\xef\xbb\xbfClient ID,") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_same_export_twice_gives_the_same_bytes() -> None:
    assert run(CLIO).data == run(CLIO).data


def test_unknown_system_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown system"):
        run(CLIO, system="nosuch")


def test_time_entry_export_alone_is_not_usable() -> None:
    text = "ID,Type,Date,Hours,Description,Matter number,Bill state\n1,TimeEntry,1/2/2025,0.5,Call,00012,Unbilled\n"
    with pytest.raises(InputError, match="Activities export"):
        run(text)


def test_unmappable_table_names_what_is_missing() -> None:
    with pytest.raises(InputError, match="matter reference or name"):
        run("Colour,Size,Count\nred,large,3\nblue,small,4\n")


# ------------------------------------------------------------------------------------------------------ CLI

def test_cli_matters_to_stdout_and_report(tmp_path, capsysbinary) -> None:
    source = tmp_path / "clio.csv"
    source.write_text(CLIO, encoding="utf-8")
    report = tmp_path / "r.json"
    assert main(["matters", str(source), "--report", str(report), "--jurisdiction", "WA"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(HEADER.encode() + b"\r\n") and b"00012-Smith" in out
    assert json.loads(report.read_text(encoding="utf-8"))["rows_written"] == 2


def test_cli_matters_output_file(tmp_path) -> None:
    source = tmp_path / "clio.csv"
    source.write_text(CLIO, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["matters", str(source), "-o", str(out), "--include-closed"]) == 0
    assert out.read_bytes().count(b"\r\n") == 4


def test_cli_exit_codes(tmp_path, capsys) -> None:
    closed = tmp_path / "closed.csv"
    closed.write_text('"Unique ID","Display Number","Description","Status","Clients"\n"1","01","A","Closed","X"\n',
                      encoding="utf-8")
    assert main(["matters", str(closed)]) == 1                   # everything filtered: nothing usable
    junk = tmp_path / "junk.csv"
    junk.write_text("Colour,Size\nred,large\n", encoding="utf-8")
    assert main(["matters", str(junk)]) == 1
    assert main(["matters", str(closed), "--from", "nosuch"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["matters"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_cli_vendors_json(capsys) -> None:
    assert main(["vendors", "--json"]) == 0
    systems = json.loads(capsys.readouterr().out)
    assert {"clio", "pclaw", "filevine"} <= {s["id"] for s in systems}
