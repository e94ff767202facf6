"""Text damaged before it reached us, and encodings that are hard to tell, on realistic client lists: every damaged
value is named with its line, column and what it probably was; a file mixing two encodings is read line by line in
each; a near tie between two code pages names the other reading."""
from __future__ import annotations

import pytest

from normalizer import api
from normalizer.check import check
from normalizer.read import read_table
from normalizer.read.encoding import decode
from normalizer.read.mojibake import diagnose, repair

from helpers import workbook

HEADER = "Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
ROWS = [
    "1000,\"Bérubé, Émilie\",1000101,Séparation – garde des enfants,QC,Familial,275.00",
    "1001,Nguyễn Văn An,1000102,Permis d'études – renouvellement,QC,Immigration,300.00",
    "1002,Les Entreprises Côté & Frères inc.,1000201,Litige commercial c. Béton Québec ltée,QC,Litige,1250.00",
    "1003,\"Gauthier, Françoise\",1000301,Testament; mandat de protection,QC,Successions,",
    "1004,\"Lévesque, Hélène\",1000401,Accident de travail – CNESST,QC,Travail,325.50",
]


def issues(table_or_report, code):
    return [i for i in table_or_report.issues if i.code == code]


# --- mojibake: UTF-8 read in a code page and saved again ----------------------------------------------------------

@pytest.mark.parametrize("codec, name", [("cp1252", "Windows-1252"), ("mac_roman", "Mac Roman"),
                                         ("cp850", "DOS code page 850")])
def test_mojibake_is_named_with_line_column_and_what_it_was(codec, name):
    garbled = "Bérubé, Émilie".encode("utf-8").decode(codec)
    rows = list(ROWS)
    rows[0] = rows[0].replace("Bérubé, Émilie", garbled)
    t = read_table((HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8"), name="clients.csv")
    found = issues(t, "mojibake")
    assert len(found) == 1
    issue = found[0]
    assert (issue.row, issue.column, issue.file, issue.severity) == (2, "Client Name", "clients.csv", "warning")
    assert issue.message == f"{garbled!r} looks like UTF-8 read as {name}: probably 'Bérubé, Émilie'"
    assert t.rows[0].cells[1] == garbled          # reported, never changed silently


def test_the_brief_example_reads_as_said():
    damage = diagnose("BÃ©rubÃ©")
    assert damage.message() == "'BÃ©rubÃ©' looks like UTF-8 read as Windows-1252: probably 'Bérubé'"


@pytest.mark.parametrize("garbled, meant", [
    ("Nguyá»…n VÄƒn An", "Nguyễn Văn An"),          # Vietnamese, three-byte letters
    ("Oâ€™Brien Holdings", "O’Brien Holdings"),     # a curly apostrophe
    ("SÃ©paration â€“ garde", "Séparation – garde"),
    ("CafÃƒÂ© Ã‰lise", "Café Élise"),                # garbled twice
    ("Ã‰milie", "Émilie"),                          # Latin-1: an invisible C1 control where cp1252 has ‰
])
def test_mojibake_variants_are_repaired_in_the_message(garbled, meant):
    assert repair(garbled)[0] == meant


@pytest.mark.parametrize("clean", [
    "Bérubé, Émilie", "Nguyễn Văn An", "Ørsted Æble A/S", "São João Ltda", "Straße 5", "Œuvre d’art – « Urgent »",
    "Müller GmbH", "山田太郎", "Παππά", "Łukasz Wójcik", "Côté & Frères", "Fee 250 € – 2 h", "N° 12", "Zoë Noël",
])
def test_clean_names_are_not_suspected(clean):
    assert diagnose(clean) is None


# --- letters lost to U+FFFD or '?' -------------------------------------------------------------------------------

def test_replacement_characters_are_named_and_matched_to_the_same_name_elsewhere():
    rows = list(ROWS) + ["1005,\"B\ufffdrub\ufffd, \ufffdmilie\",1000501,Succession – Bérubé,QC,Successions,275.00"]
    t = read_table((HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8"), name="clients.csv")
    [lost] = issues(t, "character-lost")
    assert (lost.row, lost.column) == (7, "Client Name")
    assert "'B�rub�, �milie' has the replacement character �" in lost.message
    assert "probably 'Bérubé, Émilie' (as written on line 2)" in lost.message


def test_a_question_mark_inside_a_name_is_a_lost_letter():
    rows = list(ROWS) + ["1006,Nguy?n V?n Binh,1000601,Work permit,QC,Immigration,300.00",
                         "1007,Is this urgent?,1000602,Call back?,QC,Immigration,300.00"]
    t = read_table((HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8"), name="clients.csv")
    [lost] = issues(t, "character-lost")
    assert (lost.row, lost.column) == (7, "Client Name")
    assert "'?' inside a word" in lost.message and "probably 'Nguyễn Văn Binh' (as written on line 3)" in lost.message


def test_a_lost_letter_with_no_match_says_it_cannot_be_recovered():
    damage = diagnose("Dvo?ák, Antonín")
    assert damage.code == "character-lost" and "cannot be recovered" in damage.message()


def test_bytes_we_replaced_are_reported_once_not_twice():
    data = (HEADER + ROWS[0] + "\r\n").encode("utf-8").replace("Émilie".encode("utf-8"), b"\xc9milie")
    t = read_table(data, name="clients.csv")
    assert issues(t, "encoding-replaced") and not issues(t, "character-lost")


def test_damage_in_a_workbook_cell_and_in_a_header_is_found_too():
    data = workbook({"Clients": [["Client Name", "NumÃ©ro de dossier", "Rate"],
                                 ["BÃ©rubÃ©, Ã‰milie", "2025-0101", 275.0], ["Nguyễn Văn An", "2025-0102", 300.0]]})
    t = read_table(data, name="clients.xlsx")
    found = {(i.row, i.column): i.message for i in issues(t, "mojibake")}
    assert found[(1, "NumÃ©ro de dossier")].endswith("probably 'Numéro de dossier'")
    assert found[(2, "Client Name")].endswith("probably 'Bérubé, Émilie'")


def test_the_matters_job_reports_the_damage_and_keeps_the_counts():
    rows = list(ROWS)
    rows[1] = rows[1].replace("Nguyễn", "Nguyá»…n")
    result = api.normalize_matters([(HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8")], names=["clients.csv"])
    assert any(i.code == "mojibake" and i.row == 3 for i in result.report.issues)
    assert result.report.counts["rows_written"] == 5


# --- check on a CaseClock file ------------------------------------------------------------------------------------

def test_check_names_mojibake_and_lost_letters_in_a_caseclock_file():
    rows = list(ROWS)
    rows[0] = rows[0].replace("Bérubé, Émilie", "BÃ©rubÃ©, Ã‰milie")
    rows[1] = rows[1].replace("Nguyễn", "Nguy?n")
    report = check((HEADER + "\r\n".join(rows) + "\r\n").encode("utf-8"), name="caseclock.csv")
    mojibake = [i for i in report.issues if i.code == "mojibake"]
    lost = [i for i in report.issues if i.code == "character-lost"]
    assert [(i.row, i.column) for i in mojibake] == [(2, "Client Name")]
    assert "probably 'Bérubé, Émilie'" in mojibake[0].message
    assert [(i.row, i.column) for i in lost] == [(3, "Client Name")]
    assert report.meta["ok"] is True               # warnings: CaseClock can import it, but a person should look


# --- a file mixing two encodings -----------------------------------------------------------------------------------

def _mixed() -> bytes:
    """A UTF-8 export with rows appended from a Windows-1252 one (lines 4 and 6)."""
    parts = [HEADER.encode("utf-8")]
    for i, row in enumerate(ROWS):
        parts.append((row + "\r\n").encode("cp1252" if i in (2, 4) else "utf-8"))
    return b"".join(parts)


def test_a_file_mixing_utf8_and_cp1252_is_read_line_by_line():
    got = decode(_mixed())
    assert got.text == HEADER + "\r\n".join(ROWS) + "\r\n"
    assert got.encoding == "utf-8" and got.mixed == ((4, "cp1252"), (6, "cp1252"))
    assert got.replaced == ()


def test_mixed_encodings_are_reported_line_by_line():
    t = read_table(_mixed(), name="clients.csv")
    mixed = issues(t, "encoding-mixed")
    assert [i.row for i in mixed] == [4, 6]
    assert "this line is written in Windows-1252 but most of the file is UTF-8" in mixed[0].message
    assert "Côté & Frères" in mixed[0].message
    assert [r.cells[1] for r in t.rows] == ["Bérubé, Émilie", "Nguyễn Văn An", "Les Entreprises Côté & Frères inc.",
                                           "Gauthier, Françoise", "Lévesque, Hélène"]
    assert not issues(t, "encoding-replaced") and not issues(t, "mojibake")


def test_a_stray_byte_in_utf8_is_still_a_replacement_not_a_second_encoding():
    data = (HEADER + "\r\n".join(ROWS) + "\r\n").encode("utf-8").replace(b"275.00", b"275\xff00")
    got = decode(data)
    assert got.mixed == () and len(got.replaced) == 1


# --- near ties between code pages (defect 8) -----------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
@pytest.mark.parametrize("name", ["FRANÇOISE", "Ê. Tremblay", "Ç. Côté", "Ú. Núñez", "Ï. Zoë"])
def test_lone_accented_capitals_in_a_short_western_file_read_right(codec, name):
    text = f"Client,Matter\r\n{name},2024-001\r\n"
    assert decode(text.encode(codec)).text == text


CAPITALS = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"


@pytest.mark.parametrize("capital", CAPITALS)
def test_a_lone_capital_is_read_right_or_the_right_reading_is_named(capital):
    """Alone, some capitals are a true tie (Ë in Windows-1252 is À in Mac Roman): then the issue names both."""
    text = f"Client;Matter;Rate\r\nGagné;2024-001;250\r\n{capital};2024-002;300\r\n"
    t = read_table(text.encode("cp1252"), name="clients.csv")
    if t.rows[1].cells[0] == capital:
        return
    [tie] = issues(t, "encoding-uncertain")
    assert (tie.row, tie.file) == (3, "clients.csv")
    assert f"could be Windows-1252 ({capital!r})" in tie.message and "choose the encoding 'cp1252'" in tie.message


def test_a_clear_file_has_no_near_tie_warning():
    t = read_table((HEADER + "\r\n".join(ROWS[:1] + ROWS[2:]) + "\r\n").encode("cp1252"), name="clients.csv")
    assert not issues(t, "encoding-uncertain") and t.detection.encoding == "cp1252"
