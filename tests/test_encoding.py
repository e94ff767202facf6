"""normalizer.read.encoding.decode: bytes in any encoding a law firm's export comes in -> the text, and evidence."""
from __future__ import annotations

import codecs
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.errors import InputError
from normalizer.read.encoding import Decoded, decode

ACCENTED_LIST = "Client,Matter\r\nLévesque, Hélène,2021-004\r\nMüller GmbH,2021-005\r\nNúñez,2021-006\r\n"


# --- empty, ASCII, BOMs ----------------------------------------------------------------------------------------

def test_empty_bytes_give_empty_text():
    got = decode(b"")
    assert (got.text, got.bom, got.replaced) == ("", False, ())
    assert got.confidence == 1.0


def test_ascii_only_is_certain():
    got = decode(b"Client,Matter\nSmith,2021-001\n")
    assert got.text == "Client,Matter\nSmith,2021-001\n"
    assert got.encoding in ("ascii", "utf-8")
    assert got.confidence == 1.0


@pytest.mark.parametrize("bom, codec, expected_encoding", [
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
])
def test_bom_decides_and_is_removed(bom, codec, expected_encoding):
    got = decode(bom + ACCENTED_LIST.encode(codec))
    assert got.text == ACCENTED_LIST
    assert got.encoding == expected_encoding
    assert got.bom is True
    assert got.replaced == ()


def test_bom_alone_is_empty_text():
    assert decode(codecs.BOM_UTF8).text == ""


# --- UTF-8 and BOM-less UTF-16 ------------------------------------------------------------------------------------

def test_strict_utf8():
    got = decode(ACCENTED_LIST.encode("utf-8"))
    assert (got.text, got.encoding, got.bom, got.replaced) == (ACCENTED_LIST, "utf-8", False, ())
    assert got.confidence > 0.9


def test_utf8_beyond_latin1():
    text = "Client\nŁukasz Wójcik\nΑθηνά Παππά\n山田太郎\n"
    assert decode(text.encode("utf-8")).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_pattern(codec):
    got = decode(ACCENTED_LIST.encode(codec))
    assert (got.text, got.encoding, got.bom) == (ACCENTED_LIST, codec, False)


def test_utf32_without_bom():
    got = decode(ACCENTED_LIST.encode("utf-32-le"))
    assert (got.text, got.encoding) == (ACCENTED_LIST, "utf-32-le")


# --- Western code pages ------------------------------------------------------------------------------------------

def test_cp1252_curly_quotes_dashes_and_euro():
    text = ("Client;Matter;Rate\r\nO’Brien Holdings;“Urgent” lease – renewal;€250\r\n"
            "Œuvre Conseil;Bail — Québec;180,00 €\r\n")
    got = decode(text.encode("cp1252"))
    assert (got.text, got.encoding, got.replaced) == (text, "cp1252", ())


def test_mac_roman_with_classic_mac_line_ends():
    text = "Client,Matter\rFrançoise Côté,Succession\rBjørn Ørsted,Skifte\rZoë Lefèvre,Divorce\r"  # CR: Mac OS 9
    got = decode(text.encode("mac_roman"))
    assert (got.text, got.encoding) == (text, "mac_roman")


def test_cp850_three_rows_from_a_dos_system():
    text = "Client,Matter\r\nCôté,2019-01\r\nMüller,2019-02\r\nNúñez,2019-03\r\n"
    got = decode(text.encode("cp850"))
    assert (got.text, got.encoding) == (text, "cp850")


def test_cp850_upper_case_names():
    text = "CLIENT;DOSSIER\r\nCÔTÉ, FRANÇOISE;1994-12\r\nMÜLLER, JÜRGEN;1994-13\r\n"
    assert decode(text.encode("cp850")).text == text


def test_latin1_reads_as_the_same_text():
    text = "Client\tMatter\nGonçalves, João\tInventário\nÅkesson, Åsa\tArvsskifte\n"
    got = decode(text.encode("latin-1"))
    assert got.text == text                  # reported as cp1252: the same text, without the C1 controls


def test_iso8859_15_euro_and_oe():
    text = "Client;Tarif\nŒuvre Conseil;250 €\nLévesque;180 €\n"
    got = decode(text.encode("iso8859_15"))
    assert (got.text, got.encoding) == (text, "iso8859_15")


def test_code_page_bytes_that_happen_to_be_valid_utf8():
    text = "Client,Note\nTaylor, Íñigo,x\n"       # cp850 "Íñ" is D6 A4, a valid UTF-8 sequence
    data = text.encode("cp850")
    data.decode("utf-8")
    assert decode(data).text == text


@pytest.mark.parametrize("codec", ["cp1252", "mac_roman", "cp850"])
@pytest.mark.parametrize("name", [
    "Lévesque, Hélène", "Müller GmbH", "Núñez", "Françoise Côté", "Ørsted", "Bjørn", "Zoë", "São Paulo Ltda",
    "Gonçalves", "Weiß", "Schröder", "Åkesson", "Benoît", "Martínez", "Thérèse",
])
def test_short_two_row_file(codec, name):
    text = f"Client,Matter\r\n{name},2024-001\r\n"
    assert decode(text.encode(codec)).text == text


@pytest.mark.parametrize("codec", ["cp1252", "mac_roman"])
@pytest.mark.parametrize("name", ["Œuvre d’art", "“Urgent”", "Fee – 250 €", "O’Brien’s estate"])
def test_short_file_with_typography(codec, name):
    text = f"Client,Matter\n{name},2024-001\nSmith,2024-002\n"
    assert decode(text.encode(codec)).text == text


# --- what could not be decoded is listed, never hidden ------------------------------------------------------------

def test_stray_byte_in_utf8_is_replaced_and_located():
    good = "Client,Matter\nLévesque,2021\nMüller,2022\nNúñez,2023\n".encode("utf-8")
    data = good.replace(b"2022", b"20\xff22")   # line 3: "Müller,20" then the stray byte
    got = decode(data)
    assert got.encoding == "utf-8"
    assert got.text == "Client,Matter\nLévesque,2021\nMüller,20\ufffd22\nNúñez,2023\n"
    assert len(got.replaced) == 1
    line, column, description = got.replaced[0]
    assert (line, column) == (3, 10)
    assert "0xFF" in description


def test_replacement_positions_count_crlf_and_cr_line_ends():
    # lines: "a" CRLF, "b" CR, "Lévesque" CRLF, then line 4 with a lone continuation byte in column 14
    data = "a\r\nb\rLévesque\r\nMüller,Núñez ".encode("utf-8") + b"\x81" + b"x\n"
    got = decode(data)
    assert got.encoding == "utf-8"
    assert [(line, column) for line, column, _ in got.replaced] == [(4, 14)]
    assert got.text == "a\r\nb\rLévesque\r\nMüller,Núñez \ufffdx\n"


def test_undefined_cp1252_byte_is_reported():
    text = "Client;Matter\r\nLévesque, Hélène;Succession – “Côté”\r\nGagné;Bail\r\n"
    data = text.encode("cp1252").replace(b"Gagn\xe9", b"Gagn\xe9\x81")
    got = decode(data)
    assert got.encoding == "cp1252"
    assert got.text == text.replace("Gagné", "Gagné\ufffd")
    assert [(line, column) for line, column, _ in got.replaced] == [(3, 6)]
    assert "0x81" in got.replaced[0][2]


def test_odd_trailing_byte_in_utf16_is_reported():
    data = codecs.BOM_UTF16_LE + "Client\r\nCôté\r\n".encode("utf-16-le") + b"\x41"
    got = decode(data)
    assert got.text == "Client\r\nCôté\r\n\ufffd"
    assert [(line, column) for line, column, _ in got.replaced] == [(3, 1)]


def test_clean_files_list_nothing():
    for codec in ("utf-8", "cp1252", "mac_roman", "cp850", "utf-16-le"):
        assert decode(ACCENTED_LIST.encode(codec)).replaced == ()


# --- not text at all -------------------------------------------------------------------------------------------

def test_png_is_refused_with_the_file_name():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    with pytest.raises(InputError) as err:
        decode(png, name="logo.png")
    assert err.value.code == "not-text"
    assert err.value.file == "logo.png"
    assert "logo.png" in str(err.value)
    assert "PNG" in str(err.value)


def test_nul_heavy_bytes_are_refused():
    blob = bytes([0, 0, 0, 7, 0, 3, 0, 0, 0, 0, 0x95, 0, 0, 0, 0x12, 0]) * 200 + b"\xff\x10\x00\x80" * 50
    with pytest.raises(InputError) as err:
        decode(blob, name="clients.csv")
    assert err.value.code == "not-text"
    assert "clients.csv" in str(err.value)


def test_control_bytes_are_refused():
    blob = bytes((i * 37) % 32 for i in range(4000))
    with pytest.raises(InputError):
        decode(blob, name="dump.bin")


def test_a_few_stray_nuls_do_not_make_a_file_binary():
    text = "Client,Matter\n" + "Smith,2021-001\n" * 50
    assert decode(text.encode("ascii") + b"\x00").text == text + "\x00"


# --- the value --------------------------------------------------------------------------------------------------

def test_decoded_is_a_frozen_value():
    got = decode(ACCENTED_LIST.encode("cp1252"))
    assert isinstance(got, Decoded)
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.text = ""  # type: ignore[misc]
    assert 0.0 <= got.confidence <= 1.0


# --- property: names a code page can spell come back as written ----------------------------------------------------

# Accented client names and words from the languages the firms' clients speak; ASCII names fill the rest.
ACCENTED_WORDS = [
    "Lévesque", "Hélène", "Françoise", "Côté", "Thérèse", "Gagné", "Bérubé", "Frédéric", "Benoît", "Zoë",
    "Noël", "Anaïs", "Œuvre", "Lefèvre", "Müller", "Schröder", "Jürgen", "Köhler", "Weiß", "Straße", "Bäcker",
    "Jäger",
    "Núñez", "Muñoz", "Ibáñez", "Martínez", "José", "María", "Begoña", "Ángel", "Óscar", "Raúl",
    "São", "João", "Gonçalves", "Magalhães", "Simões", "Conceição", "Araújo", "Antônio",
    "Ørsted", "Bjørn", "Søren", "Jørgensen", "Åkesson", "Håkon", "Næringsbygg", "Öberg", "Mäkinen", "Ærø",
    "Niccolò", "Forlì", "Crédit", "Société", "Électricité", "Réclamation", "Prêt", "hypothécaire",
]
PLAIN_WORDS = ["Smith", "Estate", "of", "Contract", "review", "Ltd", "GmbH", "SARL", "Inc.", "2024-001", "250.00"]
TYPOGRAPHY = ["’s", "–", "“Urgent”", "€250", "O’Brien"]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "mac_roman", "cp850", "latin-1"]


def _spellable(words, codec):
    return [w for w in words if _fits(w, codec)]


def _fits(text, codec):
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@st.composite
def client_list(draw, codec):
    """A few CSV lines of names the code page can spell, at least four distinct accented words among them."""
    accented = draw(st.lists(st.sampled_from(_spellable(ACCENTED_WORDS, codec)), min_size=4, max_size=12,
                             unique=True))
    filler = _spellable(PLAIN_WORDS + TYPOGRAPHY, codec)
    words = draw(st.permutations(accented + draw(st.lists(st.sampled_from(filler), max_size=10))))
    width = draw(st.integers(1, 3))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    rows = [delimiter.join(words[i:i + width]) for i in range(0, len(words), width)]
    return newline.join(["Client" + delimiter + "Matter"] + rows) + newline


@pytest.mark.parametrize("codec", CODECS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_spellable_client_list_decodes_back_to_its_text(codec, data):
    text = data.draw(client_list(codec))
    got = decode(text.encode(codec))
    assert got.text == text
    assert got.replaced == ()
