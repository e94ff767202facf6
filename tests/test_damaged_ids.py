"""IDs a spreadsheet already damaged are flagged, never written as real IDs; names in other scripts get stable
Client IDs (issue 12)."""
from __future__ import annotations

import csv
import io

import pytest

from normalizer import api
from normalizer.clean import excel_damage, id_shape, name_id, transliterate


def run(text: str):
    return api.normalize_matters([text.encode("utf-8")], names=["sheet.csv"])


def rows(result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.data.decode("utf-8"))))[1:]


def issues(result, code: str):
    return [i for i in result.report.issues if i.code == code]


# ------------------------------------------------------------------------------------------- the shapes

@pytest.mark.parametrize("value", ["Jan-12", "2-Mar", "12/03/2024", "3-Feb-24", "2024-03-12", "mars-05"])
def test_a_date_among_ids_that_are_not_dates_is_damage(value):
    assert "date" in excel_damage(value, id_shape(["118-01", "118-02", "205-01"]))


def test_a_column_of_dates_is_left_alone():
    assert excel_damage("2024-03-12", id_shape(["2024-03-10", "2024-03-11"])) is None


@pytest.mark.parametrize("value", ["1.70E+11", "1,70E+11", "2E+12", "1.2345e+15"])
def test_scientific_notation_is_always_damage_and_never_repaired(value):
    why = excel_damage(value, (0.0, 0))
    assert "scientific" in why and "170000000000" not in why


def test_lost_leading_zeros_are_named_with_the_likely_original():
    shape = id_shape(["00121", "00122", "00124"])
    assert shape == (0.0, 5)
    assert "'00123'" in excel_damage("123", shape)
    assert excel_damage("00123", shape) is None
    assert excel_damage("123", id_shape(["121", "122"])) is None          # nobody had zeros to lose


@pytest.mark.parametrize("value", ["2024-031", "C-1001", "00012-Smith", "118-01", "M-9", "1001-001"])
def test_ordinary_ids_are_not_damage(value):
    assert excel_damage(value, id_shape(["2024-031", "C-1001", "00012-Smith"])) is None


# ------------------------------------------------------------------------------------------- the job

def test_a_damaged_matter_id_row_is_left_out_with_an_error_and_counted():
    text = ("Client,Matter Number,Matter Name\n"
            "Acme,00121,Lease\nAcme,00122,Audit\nAcme,123,Merger\nBeta,1.70E+11,Appeal\nBeta,Jan-12,Estate\n")
    result = run(text)
    assert [r[2] for r in rows(result)] == ["00121", "00122"]
    damaged = issues(result, "id-damaged-by-excel")
    assert [(i.row, i.severity) for i in damaged] == [(4, "error"), (5, "error"), (6, "error")]
    assert "1.70E+11" in damaged[1].message and "never guessed back" in damaged[1].message
    counts = result.report.counts
    assert counts["rows_rejected"] == 3 and counts["rows_read"] == 5
    assert not any("1.70E-11" in r[2] or r[2] == "123" for r in rows(result))


def test_a_damaged_client_id_is_not_used_and_the_row_kept():
    text = ("Client ID,Client,Matter Number,Matter Name\n"
            "00118,Marchetti,M-1,Probate\n00205,Northshore,M-2,Collection\n3,Osei,M-3,Dismissal\n")
    result = run(text)
    assert [r[0] for r in rows(result)] == ["00118", "00205", "osei"]
    (issue,) = issues(result, "id-damaged-by-excel")
    assert issue.severity == "warning" and issue.row == 4 and "'00003'" in issue.message


def test_the_excel_damaged_sample_writes_no_damaged_id():
    from pathlib import Path
    sample = Path(__file__).parent / "data" / "matters" / "excel_damaged" / "firm" / "matters_saved_in_excel.csv"
    written = rows(api.normalize_matters([sample]))
    ids = {r[0] for r in written} | {r[2] for r in written}
    assert not ids & {"3", "Jan-12", "2-Mar", "1.70E-11", "1.70E+11", "12-03-2024"}


# ------------------------------------------------------------------------------------------- other scripts

@pytest.mark.parametrize("name,expected", [
    ("Παπαδόπουλος Γεώργιος", "papadopoulos-georgios"), ("Ευάγγελος Παύλου", "evangelos-pavlou"),
    ("Αυγερινός", "avgerinos"), ("Ευθυμίου", "efthymiou"), ("Иванов, Сергей", "ivanov-sergei"),
    ("Щукина Юлия", "shchukina-iuliia"), ("Ковальчук Олена", "kovalchuk-olena"), ("Łukasz Żółć", "lukasz-zolc"),
])
def test_greek_and_cyrillic_are_transliterated(name, expected):
    slug, how = name_id(name)
    assert slug == expected
    assert how == ("" if name.startswith("Ł") else "transliterated")


def test_transliterate_leaves_latin_text_alone():
    assert transliterate("Lévesque") == "levesque"


@pytest.mark.parametrize("name", ["王伟", "محمد الأحمد", "김민준", "Wang, Fang 王芳"])
def test_other_scripts_get_a_stable_short_hash(name):
    slug, how = name_id(name, None, "client")
    assert how == "hashed" and slug == name_id(name, None, "client")[0]
    assert slug.startswith("wang-fang-" if name.startswith("Wang") else "client-") and slug.isascii()


def test_client_ids_do_not_depend_on_row_order():
    lines = ["王伟,Lease", "李娜,Audit", "محمد الأحمد,Sponsorship", "Иванова Светлана,Dispute", "王芳,Will"]
    forward = run("Client,Matter Name\n" + "\n".join(lines) + "\n")
    backward = run("Client,Matter Name\n" + "\n".join(reversed(lines)) + "\n")
    ids = lambda result: {r[1]: r[0] for r in rows(result)}
    assert ids(forward) == ids(backward)
    assert len(set(ids(forward).values())) == 5                   # five clients, five IDs, none "client-2"
    assert len(issues(forward, "client-id-hashed")) == 4
    assert len(issues(forward, "client-id-transliterated")) == 1
    assert all(r[2].isascii() for r in rows(forward))              # derived Matter IDs too
