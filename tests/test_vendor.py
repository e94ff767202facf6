"""vendor.py + mappings.py: which system wrote a table, and how its columns map, all from the mapping files."""
from __future__ import annotations

from pathlib import Path

import pytest

from normalizer.mappings import FIELDS, MappingError, header_key, known_headers, load_mappings
from normalizer.table import Detection, Row, Table
from normalizer.vendor import THRESHOLD, detect, rank

MAPPINGS = load_mappings()
REPO = Path(__file__).resolve().parent.parent


def table(header, *rows, name="export.csv") -> Table:
    width = len(header) if header is not None else max(len(r) for r in rows)
    return Table(name, list(header) if header is not None else None,
                 [Row(i + 2, tuple(r) + ("",) * (width - len(r))) for i, r in enumerate(rows)], Detection())


def field_of(plan, column: str) -> str | None:
    return plan.column_fields().get(column)


def test_every_mapping_file_loads_with_its_systems() -> None:
    assert {"clio", "mycase", "practicepanther", "pclaw", "cosmolex", "dyedurham", "filevine", "caseclock",
            "synonyms"} <= set(MAPPINGS)
    for m in MAPPINGS.values():
        if m.role == "source":
            assert any(e.kind in ("matters", "combined") for e in m.exports), m.id
            text = Path(m.path).read_text(encoding="utf-8")
            assert "vendors.md" in text and "unconfirmed" in text, f"{m.id} must cite evidence and say unconfirmed"


def test_known_headers_are_lower_case_and_include_signatures() -> None:
    known = known_headers(MAPPINGS)
    assert "display number" in known and "case/matter name" in known and "contact: number" in known
    assert all(h == h.lower() for h in known)


def test_header_key_ignores_case_space_and_punctuation_but_not_hash() -> None:
    assert header_key("Practice area") == header_key("PRACTICE AREA") == header_key("practice_area")
    assert header_key("IsArchived") == header_key("Is Archived")
    assert header_key("File #") != header_key("File")


def test_clio_matters_export() -> None:
    plan = detect(table(["Unique ID", "Display Number", "Description", "Status", "Clients", "Practice Area",
                         "Responsible Attorney", "County"],
                        ["11", "00012-Smith", "Divorce", "Open", "Ann Smith", "Family", "JD", "King"]), MAPPINGS)
    assert (plan.system, plan.export.id) == ("clio", "matters")
    assert plan.confidence >= 0.8
    assert field_of(plan, "Display Number") == "matter_ref"
    assert field_of(plan, "Clients") == "client_name"
    assert "County" in plan.ignored()


def test_practicepanther_contacts_prefix() -> None:
    plan = detect(table(["Contact: Number", "Contact: FirstName", "Contact: LastName", "Contact: CompanyName",
                         "Contact: Email", "URL"], ["2658", "Paige", "Resendez", "", "p@example.com", "u"]),
                  MAPPINGS)
    assert (plan.system, plan.kind) == ("practicepanther", "contacts")
    assert field_of(plan, "Contact: Number") == "client_ref"


def test_practicepanther_matters_by_number_dash_name_values() -> None:
    plan = detect(table(["Matter", "Contact", "Status", "Matter Rate", "Number", "Invoices Due"],
                        ["Estate plan", "2658 - Paige Resendez", "Open", "$250.00", "101", "$0.00"]), MAPPINGS)
    assert plan.system == "practicepanther"
    assert any("look like" in e for e in plan.evidence)


def test_mycase_cases_by_file_name_and_headers() -> None:
    plan = detect(table(["Case/Matter Name", "Number", "Practice Area", "Case Closed", "Lead Attorney"],
                        ["People vs Aaron", "", "Criminal", "false", "ND"], name="mycase-cases-1/cases.csv"),
                  MAPPINGS)
    assert (plan.system, plan.export.id) == ("mycase", "cases")
    assert field_of(plan, "Case Closed") == "closed_flag"


def test_filevine_projects() -> None:
    plan = detect(table(["Project Number", "Project Name", "Phase", "Project Type", "First Primary",
                         "Date of Loss"], ["26-033", "Rivera, Marcus", "Archived", "PI", "KL", "1/2/2025"]),
                  MAPPINGS)
    assert plan.system == "filevine"
    assert field_of(plan, "Phase") == "status"


def test_caseclock_import_is_not_taken_for_cosmolex() -> None:
    header = ["Client ID", "Client Name", "Matter ID", "Matter Name", "Jurisdiction", "Law Practice Area",
              "Hourly Rate"]
    plan = detect(table(header, ["C-1", "Acme", "M-1", "Lease", "ON", "RE", "300.00"]), MAPPINGS)
    assert plan.system == "caseclock"


def test_pclaw_headerless_by_width_and_values() -> None:
    layout = MAPPINGS["pclaw"].export("client_matter_csv").headerless
    row = [""] * len(layout)
    values = {"CLIENT": "1001", "LAST NAME": "Tremblay", "FIRST NAME": "Luc", "MATTER": "1001-001",
              "MATTER DESCRIPTION": "Purchase", "DATE OPENED": "03/04/2024", "RESPON. LAWYER": "JT"}
    for name, value in values.items():
        row[layout.index(name)] = value
    plan = detect(table(None, row, row), MAPPINGS)
    assert (plan.system, plan.export.id, plan.headerless) == ("pclaw", "client_matter_csv", True)
    assert plan.confidence >= THRESHOLD


def test_two_column_matter_client_codes() -> None:
    plan = detect(table(None, ["1001-001", "1001"], ["1002-001", "1002"]), MAPPINGS)
    assert (plan.system, plan.export.id) == ("pclaw", "matter_client_codes")


def test_headerless_file_of_unknown_width_gets_an_empty_plan() -> None:
    plan = detect(table(None, ["a", "b", "c", "d", "e"]), MAPPINGS)
    assert plan.confidence == 0 and not plan.columns


def test_time_entry_exports_are_recognised_as_other() -> None:
    plan = detect(table(["ID", "Type", "Date", "Hours", "Description", "Matter number", "Bill state"],
                        ["1", "TimeEntry", "01/02/2025", "0.5", "Call", "00012-Smith", "Unbilled"]), MAPPINGS)
    assert (plan.system, plan.kind) == ("clio", "other")


def test_unknown_layout_uses_synonyms_and_fuzzy_matching() -> None:
    plan = detect(table(["Clinet Name", "Matter Number", "Matter Title", "Province", "Lawyer"],
                        ["Acme", "A-1", "Lease", "ON", "SB"]), MAPPINGS)
    assert plan.mapping.role == "synonyms"
    assert field_of(plan, "Clinet Name") == "client_name"          # fuzzy
    assert field_of(plan, "Matter Number") == "matter_ref"
    assert field_of(plan, "Province") == "jurisdiction"
    assert plan.ignored() == ["Lawyer"]
    assert any("fuzzy" in e for e in plan.evidence)


def test_from_system_overrides_detection() -> None:
    t = table(["Matter", "Client", "Description"], ["00012-Smith: Divorce", "Ann Smith", ""])
    assert detect(t, MAPPINGS, system="clio").system == "clio"
    assert detect(t, MAPPINGS, system="synonyms").mapping.role == "synonyms"


def test_rank_orders_by_confidence() -> None:
    plans = rank(table(["Unique ID", "Display Number", "Description"], ["1", "00001", "X"]), MAPPINGS)
    assert plans[0].system == "clio"
    assert [p.confidence for p in plans] == sorted((p.confidence for p in plans), reverse=True)


def test_missing_reports_what_the_import_needs() -> None:
    plan = detect(table(["Province", "Lawyer"], ["ON", "SB"]), MAPPINGS)
    assert plan.missing() == ["matter reference or name", "client reference or name"]


def test_bad_mapping_file_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('name = "Bad"\n[exports.x]\nkind = "matters"\n[exports.x.fields]\n'
                                       'matter_nam = ["Matter"]\n', encoding="utf-8")
    with pytest.raises(MappingError, match="matter_nam"):
        load_mappings(tmp_path)


def test_a_new_system_is_one_file(tmp_path: Path) -> None:
    (tmp_path / "acmelaw.toml").write_text(
        'name = "AcmeLaw"\n[status]\nclosed = ["Done"]\n[exports.list]\nkind = "matters"\n'
        'signatures = [["Acme File", "Acme Client"]]\n[exports.list.fields]\nmatter_ref = ["Acme File"]\n'
        'client_name = ["Acme Client"]\nstatus = ["State"]\n', encoding="utf-8")
    mappings = load_mappings(tmp_path)
    plan = detect(table(["Acme File", "Acme Client", "State"], ["F1", "Bob", "Done"]), mappings)
    assert plan.system == "acmelaw" and plan.confidence >= THRESHOLD
    assert mappings["acmelaw"].status.classify("done") == ("closed", True)


def test_fields_constant_matches_readme() -> None:
    readme = (REPO / "mappings" / "README.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"`{name}`" in readme
