"""Regressions from QA's matter-import run (items 1-9 of the QA report): each test failed before its fix."""
from __future__ import annotations

import csv
import io

import pytest

from normalizer import api
from normalizer.cli import main
from normalizer.errors import InputError
from normalizer.mappings import load_mappings
from normalizer.table import Detection, Row, Table
from normalizer.vendor import detect

from helpers import workbook


def run(text: str, name: str = "export.csv", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return api.normalize_matters([data], names=[name], **options)


def rows(result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.data.decode("utf-8-sig"))))[1:]


def issues(result, code: str) -> list:
    return [i for i in result.report.issues if i.code == code]


def balanced(result) -> bool:
    c = result.report.counts
    return c["rows_read"] == c["rows_written"] + c["rows_merged"] + c["rows_filtered"] + c["rows_rejected"]


# 1. CaseClock's own column names with a few other columns: `Matter ID` is never ignored -----------------------------
CASECLOCK_NAMES = ("Client ID,Client Name,Matter ID,Matter Name,Practice Area,Rate\n"
                   "C1,Alpha Inc.,M-1,Contract review,Corporate,400\n"
                   "C2,Beta LLC,M-2,Lease,Real Estate,350\n")


def test_caseclock_column_names_keep_the_matter_id() -> None:
    result = run(CASECLOCK_NAMES, name="matterid_dropped.csv")
    assert rows(result) == [["C1", "Alpha Inc.", "M-1", "Contract review", "", "Corporate", "400.00"],
                            ["C2", "Beta LLC", "M-2", "Lease", "", "Real Estate", "350.00"]]
    assert not issues(result, "matter-id-derived")
    assert result.report.meta["mapping"]["Matter ID"] == "matter_ref"
    assert result.report.meta["ignored_columns"] == []


def test_detection_never_picks_a_layout_that_ignores_a_matter_id_column() -> None:
    header = ["Client ID", "Client Name", "Matter ID", "Matter Name", "Practice Area", "Rate"]
    table = Table("t.csv", header, [Row(2, ("C1", "Alpha", "M-1", "Contract", "Corp", "400"))], Detection())
    plan = detect(table, load_mappings())
    assert plan.column_fields().get("Matter ID") == "matter_ref"
    assert (plan.system, plan.export.id) != ("cosmolex", "client_list")


# 2. Extra columns the synonyms know are used whatever layout wins ----------------------------------------------------
def test_status_column_beside_the_caseclock_layout_filters_closed_matters() -> None:
    text = ("Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate,Status\n"
            "C1,Alpha Inc.,M-1,Contract review,ON,Corporate,400,Open\n"
            "C2,Beta LLC,M-2,Lease,ON,Real Estate,350,Closed\n")
    result = run(text, name="cc_plus_status.csv")
    assert [r[2] for r in rows(result)] == ["M-1"]
    assert result.report.counts["rows_filtered"] == 1
    assert result.report.meta["mapping"]["Status"] == "status"
    assert "Status" not in result.report.meta["ignored_columns"]


def test_rate_column_beside_the_caseclock_names_is_used() -> None:
    text = "Client ID,Client Name,Matter ID,Matter Name,Rate\nC1,Alpha,M1,Contract,400\nC3,Gamma,M3,Trademark,500\n"
    result = run(text, name="ragged.csv")
    assert [r[6] for r in rows(result)] == ["400.00", "500.00"]


# 3. French-Canadian export: BOM, semicolons, French headers and statuses, decimal commas -----------------------------
FRENCH = ("\ufeffNuméro de client;Nom du client;Numéro de dossier;Description du dossier;Domaine de droit;"
          "Taux horaire;Statut\n"
          "1001;Tremblay, Émilie;1001-001;Divorce – garde partagée;Familial;275,50;Actif\n"
          "1001;Tremblay, Émilie;1001-002;Succession de M. Tremblay;Successions;1 250,00;En attente\n"
          "1002;Gagnon & Fils inc.;1002-001;Bail commercial;Immobilier;300;Fermé\n")


def test_french_headers_statuses_and_decimal_commas() -> None:
    result = run(FRENCH, name="fr_semicolon.csv")
    assert rows(result) == [
        ["1001", "Tremblay, Émilie", "1001-001", "Divorce – garde partagée", "", "Familial", "275.50"],
        ["1001", "Tremblay, Émilie", "1001-002", "Succession de M. Tremblay", "", "Successions", "1250.00"],
    ]
    c = result.report.counts
    assert (c["rows_read"], c["rows_written"], c["rows_filtered"]) == (3, 2, 1)
    assert result.report.meta["detection"]["header_row"] == 1


def test_a_header_row_the_reader_found_is_never_taken_as_data() -> None:
    # Seven columns like CaseClock's headerless layout, but a header row no layout knows: still a header.
    text = "Code client;Client;Dossier;Objet du mandat;Lieu;Secteur;Tarif\nC1;Alpha;M1;One;ON;Fam;100\n"
    sniffed = api.sniff(text.encode("utf-8"), name="x.csv")
    result = run(text, name="x.csv")
    assert sniffed["header_row"] == 1 == result.report.meta["detection"]["header_row"]
    assert result.report.counts["rows_read"] == 1
    assert all("Client" not in cell for row in rows(result) for cell in row)


# 4. A valid ID keeps itself; rewritten IDs that collide get a suffix -------------------------------------------------
def test_real_ids_win_over_rewritten_ones() -> None:
    text = ("Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\n"
            "C 100,Alpha,M 1,One,ON,Fam,100\n"
            "C-100,Beta,M-1,Two,ON,Fam,100\n"
            "C#100,Gamma,M#1,Three,ON,Fam,100\n")
    result = run(text, name="id_collision.csv")
    assert [r[:4] for r in rows(result)] == [["C-100-2", "Alpha", "M-1-2", "One"],
                                             ["C-100", "Beta", "M-1", "Two"],
                                             ["C-100-3", "Gamma", "M-1-3", "Three"]]
    assert result.report.counts["rows_rejected"] == 0 and balanced(result)
    collision = issues(result, "matter-id-collision")
    assert [i.row for i in collision] == [2, 4] and all("line 3" in i.message for i in collision)
    assert [i.row for i in issues(result, "client-id-collision")] == [2, 4]


def test_the_same_rewritten_reference_keeps_one_id_and_merges() -> None:
    text = "Client,Matter Number,Matter Name\nAcme,M 1,Lease\nAcme,M 1,Lease\nAcme,M-1,Sale\n"
    result = run(text)
    assert [r[2] for r in rows(result)] == ["M-1-2", "M-1"]
    assert result.report.counts["rows_merged"] == 1 and balanced(result)


# 5. Workbooks: a table sheet is preferred to a one-cell summary; --sheet chooses -------------------------------------
MATTERS_SHEET = [["Client Name", "Matter Number", "Matter Description", "Practice Area", "Rate"],
                 ["Smith, John", "00015-Smith", "Divorce", "Family", 350],
                 ["Jones, Mary", "00016-Jones", "Estate planning", "Estates", 300]]


def test_workbook_summary_sheet_is_passed_over_and_sheet_option_chooses(tmp_path) -> None:
    data = workbook(dict(Summary=[["Report generated 2025-11-20"]], Matters=MATTERS_SHEET))
    result = run(data, name="multi_sheet.xlsx")
    assert [r[2] for r in rows(result)] == ["00015-Smith", "00016-Jones"]
    assert result.report.meta["detection"]["sheet"] == "Matters"
    assert [r[2] for r in rows(run(data, name="multi_sheet.xlsx", sheet="Matters"))] == ["00015-Smith", "00016-Jones"]
    with pytest.raises(InputError) as err:
        run(data, name="multi_sheet.xlsx", sheet="Summary")
    assert "'Matters'" in str(err.value) and "--sheet" in str(err.value)
    path = tmp_path / "multi_sheet.xlsx"
    path.write_bytes(data)
    out = tmp_path / "out.csv"
    assert main(["matters", str(path), "--sheet", "Matters", "-o", str(out)]) == 0
    assert "00016-Jones" in out.read_text(encoding="utf-8")


# 6. A clients file beside a matters file is joined on the client reference -------------------------------------------
def test_separate_clients_and_matters_files_are_joined() -> None:
    clients = b"Client ID,Client Name\nC1,Alpha Inc.\nC2,Beta LLC\n"
    matters = b"Client ID,Matter ID,Matter Name,Practice Area\nC1,M-1,Contract,Corp\nC2,M-2,Lease,RE\n"
    result = api.normalize_matters([clients, matters], names=["clients.csv", "matters.csv"])
    assert [r[:4] for r in rows(result)] == [["C1", "Alpha Inc.", "M-1", "Contract"], ["C2", "Beta LLC", "M-2", "Lease"]]
    assert [s["role"] for s in result.report.meta["sources"]] == ["contacts", "matters"]
    assert result.report.counts["rows_read"] == 2


def test_a_clients_file_alone_says_the_matters_file_is_missing() -> None:
    with pytest.raises(InputError, match="contacts/clients export only"):
        run("Client ID,Client Name\nC1,Alpha Inc.\n", name="clients.csv")


# 7. Unreadable rates are reported; flat fees say why the rate is empty ----------------------------------------------
def test_rate_cells_that_are_not_amounts_are_reported() -> None:
    text = ("Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\n"
            "C-1,Alpha,M-1,One,ON,Fam,abc\nC-2,Beta,M-2,Two,ON,Fam,Flat fee\nC-3,Gamma,M-3,Three,ON,Fam,350 CAD\n")
    result = run(text, name="formulas_rates.csv")
    assert [r[6] for r in rows(result)] == ["", "", "350.00"]
    unreadable = issues(result, "rate-unreadable")
    assert [(i.severity, i.row, i.column) for i in unreadable] == [("warning", 2, "Hourly Rate")]
    assert "'abc'" in unreadable[0].message
    flat = issues(result, "rate-not-hourly")
    assert [(i.severity, i.row) for i in flat] == [("info", 3)] and "flat fee" in flat[0].message


# 8. The jurisdiction summary names its file -------------------------------------------------------------------------
def test_jurisdiction_missing_names_the_file() -> None:
    result = run("Client,Matter Number,Matter Name\nAcme,M-1,Lease\n", name="list.csv")
    assert [i.file for i in issues(result, "jurisdiction-missing")] == ["list.csv"]


# 9. A formula cell with no calculated value gets its own warning -----------------------------------------------------
def test_uncalculated_formula_cell_is_reported() -> None:
    data = workbook(dict(Matters=MATTERS_SHEET + [["=1+2", "00017-X", "Lease", "RE", 100]]))  # openpyxl stores no value
    result = run(data, name="one_sheet.xlsx")
    formula = issues(result, "formula-not-calculated")
    assert [(i.severity, i.row, i.column) for i in formula] == [("warning", 4, "Client Name")]
    assert "=1+2" in formula[0].message and "Excel" in formula[0].message


def test_a_second_column_with_a_known_meaning_is_flagged_when_ignored() -> None:
    text = ("Matter File #,Client,Matter Name,Matter Owner,Area of Law,Matter Description\n"
            "0001-1,Ann,One,RC,Family,Longer text\n")
    result = run(text)
    assert result.report.meta["vendor"] == "cosmolex" and rows(result)[0][3] == "One"
    assert [i.column for i in issues(result, "column-ignored")] == ["Matter Description"]


def test_headers_match_with_or_without_accents() -> None:
    from normalizer.mappings import header_key
    assert header_key("Numéro de client") == header_key("Numero de client") == "numerodeclient"


# Code review (items 1-5) ---------------------------------------------------------------------------------------------
def test_a_client_with_a_reference_on_a_later_line_keeps_one_id() -> None:
    text = "Client ID,Client Name,Matter ID,Matter Name\n,Acme,1,A\nC1,Acme,2,B\n"
    result = run(text)
    assert [r[:3] for r in rows(result)] == [["C1", "Acme", "1"], ["C1", "Acme", "2"]]
    varies = issues(result, "client-id-varies")
    assert [(i.severity, i.row) for i in varies] == [("warning", 2)]
    assert "line 2" in varies[0].message and "line 3" in varies[0].message and "'C1'" in varies[0].message


def test_a_client_with_a_reference_then_none_keeps_one_id_and_warns_once() -> None:
    text = "Client ID,Client Name,Matter ID,Matter Name\nC1,Acme,1,A\n,Acme,2,B\n,Acme,3,C\n"
    result = run(text)
    assert [r[0] for r in rows(result)] == ["C1", "C1", "C1"]
    varies = issues(result, "client-id-varies")
    assert [i.row for i in varies] == [3] and "line 2" in varies[0].message


def test_a_zero_or_negative_rate_is_unreadable() -> None:
    text = ("Client ID,Client Name,Matter ID,Matter Name,Hourly Rate\n"
            "C1,Alpha,M1,One,0\nC1,Alpha,M2,Two,-50\nC1,Alpha,M3,Three,$0.00\nC1,Alpha,M4,Four,0.5\n")
    result = run(text)
    assert [r[6] for r in rows(result)] == ["", "", "", "0.50"]
    assert [i.row for i in issues(result, "rate-unreadable")] == [3]        # -50
    assert [i.row for i in issues(result, "rate-zero")] == [2, 4]           # 0, $0.00: see QA round 2, item 3


def test_a_name_slug_that_is_a_real_reference_elsewhere_is_warned() -> None:
    text = "Client ID,Client Name,Matter ID,Matter Name\n,Zed Co,1,A\nzed-co,Other,2,B\n"
    result = run(text)
    assert [r[0] for r in rows(result)] == ["zed-co-2", "zed-co"]
    collision = issues(result, "client-id-collision")
    assert [(i.severity, i.row) for i in collision] == [("warning", 2)]
    assert "line 3" in collision[0].message and "'zed-co-2'" in collision[0].message
    # two names that merely slug alike count up without a warning (RULES: slugs)
    plain = run("Client ID,Client Name,Matter ID,Matter Name\n,Zed Co,1,A\n,Zed-Co,2,B\n")
    assert [r[0] for r in rows(plain)] == ["zed-co", "zed-co-2"] and not issues(plain, "client-id-collision")


def test_one_import_header_read_from_the_caseclock_mapping_and_no_dead_helpers() -> None:
    from normalizer import clean, matters
    from normalizer.check import target_layout
    assert matters.HEADER == tuple(target_layout().columns)
    assert not hasattr(clean, "status_word")


def test_a_value_error_inside_the_matters_job_is_not_a_usage_error(monkeypatch, capsys) -> None:
    def broken(*args, **kwargs):
        raise ValueError("boom inside the job")
    monkeypatch.setattr(api, "normalize_matters", broken)
    assert main(["matters", "any.csv"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["caseclock-normalizer: error: boom inside the job"]
    assert main(["matters", "any.csv", "--from", "nosuchsystem"]) == 2     # a bad argument still is one


def test_entries_to_help_lists_the_mappings_targets(capsys) -> None:
    from normalizer.entries import targets
    with pytest.raises(SystemExit):
        main(["entries", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert ", ".join(sorted({s.target for s in targets().values()})) in out


def test_a_derived_matter_id_that_is_a_real_reference_elsewhere_is_warned():
    data = ("Client ID,Client Name,Matter ID,Matter Name\r\n"
            "C1,Acme,,Lease\r\n"
            "C2,Beta,C1-lease,Beta lease\r\n").encode()
    result = api.normalize_matters([data], names=["m.csv"])
    rows = list(csv.reader(io.StringIO(result.data.decode())))[1:]
    assert [r[2] for r in rows] == ["C1-lease-2", "C1-lease"]
    warning = next(i for i in result.report.issues if i.code == "matter-id-collision")
    assert warning.row == 2 and "line 3" in warning.message


# QA round 2 (items 1-4) --------------------------------------------------------------------------------------------
def test_practicepanther_contact_prefix_before_number_and_name_is_removed() -> None:
    text = ("Matter,Contact,Status,Matter Rate,Number\n"
            "Supply contract dispute,Contact: 2658 - Acme Widgets Inc.,Open,\"$1,250.00\",1042\n"
            "Estate of Doe,Contact: Jane Doe,Open,$300.00,1060\n"
            "Lease review,2702 - Paige Resendez,Open,$350,1061\n")
    result = run(text, name="pp_contact_prefix.csv")
    assert result.report.meta["vendor"] == "practicepanther"
    assert [r[:3] for r in rows(result)] == [["2658", "Acme Widgets Inc.", "1042"], ["jane-doe", "Jane Doe", "1060"],
                                             ["2702", "Paige Resendez", "1061"]]


def test_synonyms_contact_prefix_before_number_and_name_gives_the_client_reference() -> None:
    text = ("Client,File,Description,Rate\n"
            "Contact: 2658 - Acme Widgets Inc.,1042,Supply dispute,300\n"
            "Contact: Jane Doe,1043,Estate,200\n"
            "2702 - Paige Resendez,1044,Termination,250\n")
    result = run(text, name="firm_contact.csv")
    assert [r[:2] for r in rows(result)] == [["2658", "Acme Widgets Inc."], ["jane-doe", "Jane Doe"],
                                             ["2702", "Paige Resendez"]]


@pytest.mark.parametrize("members, expected", [
    ({}, "empty.zip holds no files"),
    ({"a.pdf": b"%PDF-1.4\n%"}, "empty.zip holds 1 file (a.pdf), none a client/matter list"),
])
def test_a_zip_without_a_matter_list_is_named_and_says_what_it_holds(tmp_path, members, expected) -> None:
    import zipfile
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    with pytest.raises(InputError) as caught:
        api.normalize_matters(str(path))
    assert caught.value.file == "empty.zip"
    assert expected in caught.value.message


def test_clio_rates_read_currency_symbols_and_decimal_commas_like_the_synonyms() -> None:
    text = ("Unique ID,Display Number,Client,Description,Hourly Rate\n"
            "1,00012-Smith,Smith,Divorce,\"€ 300,00\"\n2,00013-Jones,Jones,Estate,\"$1,250.00\"\n"
            "3,00014-Lee,Lee,Lease,\"1 250,50 CAD\"\n")
    result = run(text, name="clio_fr.csv", system="clio")
    assert result.report.meta["vendor"] == "clio"
    assert [r[6] for r in rows(result)] == ["300.00", "1250.00", "1250.50"]
    assert not issues(result, "rate-unreadable")


def test_a_zero_rate_says_it_is_left_empty() -> None:
    text = ("Client ID,Client Name,Matter ID,Matter Name,Hourly Rate\n"
            "C1,Alpha,M1,One,0\nC1,Alpha,M2,Two,\"0,00\"\n")
    result = run(text)
    assert [r[6] for r in rows(result)] == ["", ""]
    zero = issues(result, "rate-zero")
    assert [(i.severity, i.row) for i in zero] == [("info", 2), ("info", 3)]
    assert all("a zero rate is left empty" in i.message and "not a plain" not in i.message for i in zero)
    assert not issues(result, "rate-unreadable")


def test_line_breaks_inside_a_name_are_joined_and_reported_once_per_cell() -> None:
    text = ("Client ID,Client Name,Matter ID,Matter Name\n"
            "C1,\"Alpha\r\nInc.\",M1,\"Contract\nreview\nphase 2\"\nC2,Beta,M2,Lease\n")
    result = run(text)
    assert [r[:4] for r in rows(result)] == [["C1", "Alpha Inc.", "M1", "Contract review phase 2"],
                                             ["C2", "Beta", "M2", "Lease"]]
    joined = issues(result, "line-breaks-joined")
    assert [(i.severity, i.row, i.column) for i in joined] == [("info", 2, "Client Name"), ("info", 2, "Matter Name")]
