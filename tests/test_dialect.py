"""The dialect stage, as a specification: which delimiter, quote and escape character a text gets, and what
csv.reader then reads with them."""
from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.read.dialect import Dialect, detect_dialect, sample_text

REPO = Path(__file__).resolve().parent.parent


def read(text: str, dialect: Dialect) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), **dialect.csv_kwargs()))


# --- the usual delimiters ----------------------------------------------------------------------------------

MATTERS = [
    ["matter_id", "client", "opened", "rate"],
    ["M-001", "Acme Corp", "2026-01-05", "350.00"],
    ["M-002", "Globex", "2026-02-11", "425.50"],
    ["M-003", "Initech", "2026-03-02", "300.00"],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_usual_delimiters(delimiter):
    text = "".join(delimiter.join(row) + "\n" for row in MATTERS)
    dialect = detect_dialect(text)
    assert dialect.delimiter == delimiter
    assert read(text, dialect) == MATTERS


def test_crlf_line_endings():
    text = "".join(";".join(row) + "\r\n" for row in MATTERS)
    assert detect_dialect(text).delimiter == ";"


# --- quoting -----------------------------------------------------------------------------------------------

def test_quoted_delimiters():
    text = ('matter,client,description\n'
            'M-1,"Smith, John","Lease review, phase 1"\n'
            'M-2,"Doe, Jane","Estate, trust and will"\n'
            'M-3,Acme,Merger\n')
    dialect = detect_dialect(text)
    assert (dialect.delimiter, dialect.quotechar) == (",", '"')
    assert read(text, dialect)[1] == ["M-1", "Smith, John", "Lease review, phase 1"]


def test_quoted_newlines():
    text = ('matter,client,address\n'
            'M-1,Smith,"12 Main St\nSpringfield"\n'
            'M-2,Doe,"4 Elm Rd\nSuite 2\nShelbyville"\n'
            'M-3,Acme,"1 Infinite Loop"\n')
    dialect = detect_dialect(text)
    assert (dialect.delimiter, dialect.quotechar) == (",", '"')
    assert read(text, dialect)[2] == ["M-2", "Doe", "4 Elm Rd\nSuite 2\nShelbyville"]


def test_doubled_quotes_inside_quotes():
    text = ('matter,note\n'
            'M-1,"Client said ""urgent"", call back"\n'
            'M-2,"Plain note"\n'
            'M-3,"Partner: ""hold"""\n')
    dialect = detect_dialect(text)
    assert dialect.doublequote
    assert read(text, dialect)[1] == ["M-1", 'Client said "urgent", call back']


def test_single_quote_quoting():
    text = ("matter,client,status\n"
            "M-1,'Smith, John',new\n"
            "M-2,'Doe, Jane',closed\n"
            "M-3,'Roe, Richard',open\n")
    dialect = detect_dialect(text)
    assert (dialect.delimiter, dialect.quotechar) == (",", "'")
    assert read(text, dialect)[1] == ["M-1", "Smith, John", "new"]


def test_apostrophes_in_names_do_not_make_single_quote_quoting():
    text = ("matter,client,attorney\n"
            "M-1,O'Brien Holdings,D'Angelo\n"
            "M-2,Smith's Bakery,O'Neil\n"
            "M-3,Acme,Jones\n")
    dialect = detect_dialect(text)
    assert dialect.delimiter == ","
    assert read(text, dialect)[1] == ["M-1", "O'Brien Holdings", "D'Angelo"]


def test_backslash_escapechar():
    text = ('matter,client,note\n'
            'M-1,Smith,"Client said \\"urgent\\""\n'
            'M-2,Doe,"Marked \\"do not bill\\", per partner"\n'
            'M-3,Roe,"none"\n')
    dialect = detect_dialect(text)
    assert (dialect.delimiter, dialect.quotechar, dialect.escapechar) == (",", '"', "\\")
    assert read(text, dialect)[2] == ["M-2", "Doe", 'Marked "do not bill", per partner']


def test_backslashes_in_paths_are_not_an_escapechar():
    text = ('matter,folder\n'
            'M-1,"C:\\Matters\\2026\\M-1"\n'
            'M-2,"\\\\server\\share\\M-2"\n'
            'M-3,"C:\\Matters\\2026\\M-3"\n')
    dialect = detect_dialect(text)
    assert dialect.escapechar is None
    assert read(text, dialect)[1] == ["M-1", "C:\\Matters\\2026\\M-1"]


# --- law-firm reports --------------------------------------------------------------------------------------

def test_report_with_title_printed_on_blank_line_and_totals():
    text = ("Matter List\n"
            "Printed on 2026-11-03\n"
            "\n"
            "Matter Number,Client Name,Responsible Attorney,Open Date,Status\n"
            "2026-0001,Acme Corp,J. Smith,01/05/2026,Open\n"
            "2026-0002,Globex Inc,A. Jones,02/11/2026,Closed\n"
            "2026-0003,Initech LLC,J. Smith,03/02/2026,Open\n"
            "2026-0004,Umbrella Co,B. Lee,03/15/2026,Pending\n"
            "Total: 4 matters\n")
    dialect = detect_dialect(text)
    assert (dialect.delimiter, dialect.quotechar) == (",", '"')
    assert read(text, dialect)[3] == ["Matter Number", "Client Name", "Responsible Attorney", "Open Date", "Status"]


def test_report_whose_title_has_colons_and_spaces():
    text = ("Client Ledger: Trust Account Activity\n"
            "Run by: J. Smith   Date: 2026-11-03 14:05\n"
            "\n"
            "Client;Matter;Date;Amount\n"
            "Acme Corp;2026-0001;2026-10-01;1500.00\n"
            "Globex;2026-0002;2026-10-04;250.00\n"
            "Initech;2026-0003;2026-10-09;75.25\n"
            "Total: 1825.25\n")
    assert detect_dialect(text).delimiter == ";"


def test_french_canadian_semicolons_with_decimal_commas():
    text = ("No dossier;Client;Ouvert le;Solde\n"
            "QC-001;Tremblay, Marie;2026-01-05;1 250,00\n"
            "QC-002;Gagnon & Associés;2026-02-11;12 500,75\n"
            "QC-003;Roy, Luc;2026-03-02;0,00\n")
    dialect = detect_dialect(text)
    assert dialect.delimiter == ";"
    assert read(text, dialect)[1] == ["QC-001", "Tremblay, Marie", "2026-01-05", "1 250,00"]


def test_semicolons_with_decimal_commas_and_no_text():
    text = "Heures;Taux;Montant\n1,5;250,00;375,00\n2,25;300,00;675,00\n0,75;250,00;187,50\n"
    assert detect_dialect(text).delimiter == ";"


def test_space_aligned_columns():
    text = ("id   carat   cut       price\n"
            "1     0.23   Ideal       326\n"
            "2     0.21   Premium     326\n"
            "3     0.23   Good        327\n"
            "4     0.29   Premium     334\n")
    assert detect_dialect(text).delimiter == " "


# --- no table --------------------------------------------------------------------------------------------

def test_one_column_file_gets_comma():
    assert detect_dialect("Client\nAcme Corp\nGlobex\nInitech\n").delimiter == ","


def test_prose_is_one_column():
    text = ("These notes were exported from the matter.\n"
            "The client called; we discussed the lease.\n"
            "Next step: send the draft | copy the partner.\n"
            "Nothing else to report at this time, thanks.\n")
    assert detect_dialect(text).delimiter == ","


def test_empty_text():
    dialect = detect_dialect("")
    assert dialect.delimiter == "," and dialect.confidence == 0.0


def test_a_single_line_with_an_unusual_mark_is_one_column():
    assert detect_dialect("milan#_%pass\n").delimiter == ","


# --- the value ---------------------------------------------------------------------------------------------

def test_dialect_is_a_frozen_value():
    dialect = Dialect(";", '"', None, True, 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        dialect.delimiter = ","  # type: ignore[misc]
    assert dialect == Dialect(";", '"', None, True, 0.9)


def test_csv_kwargs_without_quoting():
    kwargs = Dialect("|", None).csv_kwargs()
    assert kwargs["quoting"] == csv.QUOTE_NONE and "quotechar" not in kwargs
    assert list(csv.reader(['a|"b"|c'], **kwargs)) == [["a", '"b"', "c"]]


def test_csv_kwargs_with_escapechar():
    kwargs = Dialect(",", '"', "\\").csv_kwargs()
    assert list(csv.reader(['a,"b \\" c"'], **kwargs)) == [["a", 'b " c']]


def test_confidence_is_higher_for_a_clear_table_than_for_prose():
    clear = detect_dialect("".join(",".join(row) + "\n" for row in MATTERS * 5))
    prose = detect_dialect("Some words here, and more.\nA second line.\n")
    assert 0.0 <= prose.confidence < clear.confidence <= 1.0


def test_sample_is_cut_at_a_line_break():
    text = "a,b\n" * 100_000
    sample = sample_text(text)
    assert sample.endswith("\n") and len(sample) <= 64 * 1024


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(',;\t| #:~^"\'\\\n\rab1.') + ["\x00", "é"]), max_size=200))
def test_never_raises_and_always_gives_a_usable_dialect(text):
    dialect = detect_dialect(text)
    assert dialect.delimiter in ",;\t| #:~^"
    assert dialect.quotechar in ('"', "'", None)
    assert dialect.escapechar in ("\\", None)
    assert 0.0 <= dialect.confidence <= 1.0
    try:
        list(csv.reader(io.StringIO(text, newline=""), **dialect.csv_kwargs()))
    except csv.Error:
        pass  # e.g. a NUL byte: the parse stage reports it; the kwargs themselves must be valid


# --- the corpora -------------------------------------------------------------------------------------------

def _benchmark():
    spec = importlib.util.spec_from_file_location("dialect_benchmark", REPO / "benchmarks" / "dialect.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def test_accuracy_on_the_csvsniffer_corpora():
    bench = _benchmark()
    if not (bench.corpora_dir() / "csvsniffer" / "annotations").is_dir():
        pytest.skip(f"corpora not found at {bench.corpora_dir()} (set CASECLOCK_CORPORA)")
    results = bench.run({"caseclock": bench.ours, "csv.Sniffer": bench.sniffer, "csv.Sniffer 1 KiB": bench.sniffer_1k})
    floors = {"pollock": 97.0, "csv_wrangling": 92.0}
    for corpus, floor in floors.items():
        ours = results[corpus]["caseclock"]
        sniffer = max(results[corpus]["csv.Sniffer"]["percent"], results[corpus]["csv.Sniffer 1 KiB"]["percent"])
        assert ours["percent"] >= floor, (corpus, ours["percent"], ours["wrong"])
        assert ours["percent"] >= sniffer, (corpus, ours["percent"], sniffer)
