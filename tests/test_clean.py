"""clean.py: the exact value rules of docs/RULES.md, one behaviour per test."""
from __future__ import annotations

import pytest

from normalizer.clean import (MoneyError, ascii_fold, clean_text, client_display_name, id_rule, is_valid_id,
                              mentions_any, parse_bool, parse_money, person_name, slug)


@pytest.mark.parametrize("raw,want", [
    ("  Smith  v.\n Jones ", "Smith v. Jones"),
    ("Line one\r\nline two", "Line one line two"),
    ("a\u00a0\u00a0b\tc", "a b c"),
    ("Cafe\u0301", "Café"),                 # NFD -> NFC
    ("McDONALD", "McDONALD"),               # never re-cased
    ("", ""),
])
def test_clean_text(raw: str, want: str) -> None:
    assert clean_text(raw) == want


@pytest.mark.parametrize("raw,want", [
    ("C 1001", "C-1001"), ("client#01", "client-01"), ("2024/001", "2024-001"), ("00012", "00012"),
    ("matter.01", "matter.01"), ("client_01", "client_01"), ("Émile #7", "Emile-7"), ("  x  ", "x"),
    ("#001#", "001"), ("00043 - Nguyen", "00043-Nguyen"), ("A-#-B", "A-B"), ("a--b", "a--b"), ("Søren/Åse", "Soren-Ase"), ("00017-Harlow/Bennett", "00017-Harlow-Bennett"), ("###", ""),
])
def test_id_rule(raw: str, want: str) -> None:
    assert id_rule(raw) == want
    assert want == "" or is_valid_id(want)


def test_id_rule_keeps_valid_ids_exactly() -> None:
    for value in ("0001-001", "16-1001", "A.B_C-D", "007"):
        assert id_rule(value) == value


@pytest.mark.parametrize("raw,want", [
    ("Lévesque, Hélène", "levesque-helene"), ("Acme Widgets Inc.", "acme-widgets-inc"),
    ("  O'Brien & Sons  ", "o-brien-sons"), ("株式会社", ""), ("Straße", "strasse"),
])
def test_slug(raw: str, want: str) -> None:
    assert slug(raw) == want


def test_slug_limit_never_ends_with_a_dash() -> None:
    name = "Estate of Germaine Lévesque – probate and trust administration"
    assert slug(name, 40) == "estate-of-germaine-levesque-probate-and"


def test_ascii_fold_keeps_ascii_untouched() -> None:
    assert ascii_fold("Ñandú") == "Nandu"
    assert ascii_fold("plain") == "plain"


@pytest.mark.parametrize("last,first,want", [("Smith", "Ann", "Smith, Ann"), ("Smith", "", "Smith"),
                                             ("", "Ann", "Ann"), (" ", " ", "")])
def test_person_name(last: str, first: str, want: str) -> None:
    assert person_name(last, first) == want


def test_client_display_name_follows_the_order() -> None:
    parts = dict(display="", company="Acme Ltd.", first="Ann", last="Smith")
    assert client_display_name(("display", "company", "person"), **parts) == "Acme Ltd."
    assert client_display_name(("display", "person", "company"), **parts) == "Smith, Ann"
    assert client_display_name(("display", "company", "person"), **{**parts, "display": "Ann Smith"}) == "Ann Smith"
    assert client_display_name(("display",), **parts) == ""


@pytest.mark.parametrize("raw,want", [
    ("$1,250.00", "1250.00"), ("1 250,00", "1250.00"), ("1\u00a0250,00", "1250.00"), ("350", "350.00"),
    ("325.5", "325.50"), ("(150.00)", "-150.00"), ("USD 250/hr", "250.00"), ("250 per hour", "250.00"),
    ("1.250.000,50", "1250000.50"), ("£95", "95.00"), ("", ""), ("0.125", "0.13"),
])
def test_parse_money(raw: str, want: str) -> None:
    assert parse_money(raw, (".", ","), ("$", "£")) == want


def test_parse_money_ambiguous_comma_follows_the_first_decimal_separator() -> None:
    assert parse_money("1,250") == "1250.00"
    assert parse_money("1,250", (",", ".")) == "1.25"


@pytest.mark.parametrize("raw", ["Flat fee", "12 to 15", "call me", "1,2,3", "1.2.3"])
def test_parse_money_refuses_non_amounts(raw: str) -> None:
    with pytest.raises(MoneyError):
        parse_money(raw)


@pytest.mark.parametrize("raw,want", [("true", True), ("TRUE", True), ("Yes", True), ("x", True), ("false", False),
                                      ("No", False), ("", False), ("2024-01-01", None), ("maybe", None)])
def test_parse_bool(raw: str, want) -> None:
    assert parse_bool(raw) is want


def test_mentions_any_matches_whole_words() -> None:
    assert mentions_any("Flat Fee", ["flat fee"])
    assert mentions_any("Contingency (33%)", ["contingency"])
    assert not mentions_any("Flatbush Ave", ["flat"])
    assert not mentions_any("Hourly", ["flat fee", "contingency"])
