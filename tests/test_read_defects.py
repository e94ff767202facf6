"""Issue 12, reading defects found by other projects' suites: each class on its minimal input and on a law-firm
export written for it. Every physical line of an input must end up as a row, a skipped line with its reason, or a
reported issue: `accounted()` checks that on each export."""
from __future__ import annotations

import pytest

from normalizer.read import read_table


def table(text: str, **kw):
    return read_table(text.encode("utf-8"), name="matters.csv", **kw)


def cells(t):
    return [list(r.cells) for r in t.rows]


def skipped(t):
    return [(s.line, s.reason) for s in t.skipped]


def issues(t, *codes):
    return [(i.code, i.row, i.column) for i in t.issues if not codes or i.code in codes]


def accounted(t, text: str) -> None:
    """Every physical line is the header, part of a row, a skipped line, or the line of an issue."""
    lines = len(text.splitlines())
    covered = {t.detection.header_row} | {s.line for s in t.skipped} | {i.row for i in t.issues}
    for row in t.rows:
        covered.update(range(row.line, row.line + 1 + sum(c.count("\n") for c in row.cells)))
    assert set(range(1, lines + 1)) <= covered, sorted(set(range(1, lines + 1)) - covered)


# --- 1. a 'key,value' line above a wider table --------------------------------------------------------------------

def test_a_key_value_line_above_the_header_is_preamble_and_cuts_no_column():
    t = table("Printed by,Alice\nName,Matter,Rate\nLévesque,M-1,350\nSmith,M-2,400\n")
    assert t.header == ["Name", "Matter", "Rate"]
    assert cells(t) == [["Lévesque", "M-1", "350"], ["Smith", "M-2", "400"]]
    assert skipped(t) == [(1, "preamble")]


def test_a_matter_list_under_printed_by_and_date_lines_keeps_its_rate_column():
    text = ("Matter List by Client\n"
            "Printed by,Alice Tremblay\n"
            "Date,2026-03-04\n"
            "\n"
            "Client,Matter Number,Matter Name,Rate\n"
            '"Lévesque, Hélène",2024-001,Succession Lévesque,350.00\n'
            '"Smith, John",2024-002,Lease review,400.00\n'
            '"Côté, Marc",2024-003,Divorce,275.50\n')
    t = table(text)
    assert t.header == ["Client", "Matter Number", "Matter Name", "Rate"]
    assert [r.cells[3] for r in t.rows] == ["350.00", "400.00", "275.50"]
    assert skipped(t) == [(1, "preamble"), (2, "preamble"), (3, "preamble"), (4, "blank")]
    assert not issues(t, "row-too-long", "row-too-short")
    accounted(t, text)


def test_a_short_first_row_of_a_headerless_table_stays_a_row():
    t = table("a,b,\r\nd,e,f\r\n")
    assert cells(t) == [["a", "b", ""], ["d", "e", "f"]]


# --- 2. a header with an unnamed column ---------------------------------------------------------------------------

def test_a_header_with_one_empty_name_is_the_header():
    t = table("Client,,Rate\n\"Lévesque, Hélène\",2024-001,350.00\n\"Smith, John\",2024-002,400.00\n")
    assert t.header == ["Client", "", "Rate"]
    assert [r.line for r in t.rows] == [2, 3]


def test_a_row_with_a_gap_above_a_row_of_words_is_not_a_grouping_row():
    t = table(',b,c\n"d",e,f\n')
    assert cells(t)[-1] == ["d", "e", "f"] and not skipped(t)


def test_a_firm_export_with_an_unnamed_notes_column():
    text = ("Client Name,Matter Number,,Hourly Rate\n"
            '"Lévesque, Hélène",2024-001,see file,350.00\n'
            '"Smith, John",2024-002,,400.00\n'
            '"Nakamura, Kenji",2025-010,conflict checked,425.00\n')
    t = table(text)
    assert t.header == ["Client Name", "Matter Number", "", "Hourly Rate"]
    assert [r.cells[1] for r in t.rows] == ["2024-001", "2024-002", "2025-010"]
    accounted(t, text)


# --- 3. backslash-escaped delimiters ------------------------------------------------------------------------------

def test_backslash_escaped_delimiters_are_detected():
    t = table("Title,Year\nDr. Seltsam\\, oder wie ich lernte\\, die Bombe,1964\nMetropolis,1927\nM,1931\n")
    assert t.detection.escapechar == "\\"
    assert cells(t)[0] == ["Dr. Seltsam, oder wie ich lernte, die Bombe", "1964"]
    assert not issues(t, "row-too-long")


def test_a_matter_list_written_with_backslash_escapes():
    text = ("Client,Matter,Rate\n"
            "Lévesque\\, Hélène,Succession,350.00\n"
            "Smith\\, John,Lease review,400.00\n"
            "Acme Widgets Inc.,Supply contract,450.00\n")
    t = table(text)
    assert [r.cells[0] for r in t.rows] == ["Lévesque, Hélène", "Smith, John", "Acme Widgets Inc."]


def test_a_path_with_backslashes_is_not_an_escape():
    t = table("Client,Folder\nLévesque,C:\\Matters\\2024\nSmith,C:\\Matters\\2025\n")
    assert t.detection.escapechar is None
    assert [r.cells[1] for r in t.rows] == ["C:\\Matters\\2024", "C:\\Matters\\2025"]


# --- 4. quoted values after ', ' -----------------------------------------------------------------------------------

def test_quoted_values_after_a_comma_and_space_are_unquoted():
    t = table('Name, City\n"Smith, John", "Paris, France"\n"Doe, Jane", "Lyon, France"\n')
    assert t.detection.delimiter == ","
    assert cells(t)[-2:] == [["Smith, John", "Paris, France"], ["Doe, Jane", "Lyon, France"]]


def test_a_client_list_written_with_spaces_after_commas():
    text = ('Client, Matter Name, Rate\n'
            '"Lévesque, Hélène", "Succession, testament", 350.00\n'
            '"Smith, John", "Lease review", 400.00\n'
            '"Gauthier, Françoise", "Vente, 1215 av. Maguire", 275.00\n')
    t = table(text)
    assert t.header == ["Client", "Matter Name", "Rate"]
    assert [list(r.cells[:2]) for r in t.rows] == [["Lévesque, Hélène", "Succession, testament"],
                                            ["Smith, John", "Lease review"],
                                            ["Gauthier, Françoise", "Vente, 1215 av. Maguire"]]


def test_quoted_values_after_a_comma_and_space_that_need_no_quoting_keep_their_marks():
    """The CSV Wrangling annotations (our dialect floor) read `1, "iPod Nano"` with the marks in the value, so the
    space is skipped only when the quoted values hold the delimiter (the table needs it)."""
    t = table('Matter, Client\n2024-001, "Lévesque"\n2024-002, "Smith"\n')
    assert t.detection.delimiter == "," and [r.cells[1] for r in t.rows] == [' "Lévesque"', ' "Smith"']


# --- 5. '#' comment lines ------------------------------------------------------------------------------------------

def test_a_comment_above_the_header_does_not_hide_it():
    t = table("# exported 2026, by Alice, v2\nName,Matter,Rate\nA,M-1,350\nB,M-2,400\n")
    assert t.header == ["Name", "Matter", "Rate"] and [r.line for r in t.rows] == [3, 4]


def test_comment_lines_between_rows_are_skipped_with_their_text():
    text = ("Client,Matter Number,Rate\n"
            '"Lévesque, Hélène",2024-001,350.00\n'
            "# matters below were imported from PCLaw\n"
            "#reviewed by AT\n"
            '"Smith, John",2024-002,400.00\n')
    t = table(text)
    assert [r.line for r in t.rows] == [2, 5]
    assert [(s.line, s.reason, s.text) for s in t.skipped] == [
        (3, "comment", "# matters below were imported from PCLaw"), (4, "comment", "#reviewed by AT")]
    accounted(t, text)


def test_a_matter_number_starting_with_a_hash_is_a_row():
    t = table("Matter,Client,Rate\n#1001,Lévesque,350\n#1002,Smith,400\n")
    assert [r.cells[0] for r in t.rows] == ["#1001", "#1002"]


# --- 6. long column names ------------------------------------------------------------------------------------------

def test_a_column_name_longer_than_48_characters_keeps_the_header():
    long = "Responsible lawyer at the time of export (primary contact)"
    t = table(f"Client,Matter Number,{long},Rate\n\"Lévesque, Hélène\",2024-001,Alice Tremblay,350.00\n"
              f"\"Smith, John\",2024-002,Bob Roy,400.00\n")
    assert t.header == ["Client", "Matter Number", long, "Rate"]


# --- 7. a quote inside a quoted value -------------------------------------------------------------------------------

def test_a_misplaced_quote_is_kept_and_reported_with_line_and_column():
    t = table('a,"b"c,d\n1,2,3\n')
    assert (t.header or cells(t)[0]) == ["a", '"b"c', "d"]
    assert issues(t, "stray-quote") == [("stray-quote", 1, 2)]


def test_a_nickname_in_quotes_inside_a_client_name():
    text = ("Client,Matter Number,Rate\n"
            '"Lévesque, Hélène ""Lena""",2024-001,350.00\n'
            '"Roy, Robert "Bob"",2024-002,400.00\n'
            '"Smith, John",2024-003,425.00\n')
    t = table(text)
    assert [r.cells[0] for r in t.rows] == ['Lévesque, Hélène "Lena"', 'Roy, Robert "Bob"', "Smith, John"]
    assert [(code, row) for code, row, _ in issues(t, "stray-quote")] == [("stray-quote", 3), ("stray-quote", 3)]
    accounted(t, text)


# --- 9. spaces after a closing quote ----------------------------------------------------------------------------------

def test_spaces_between_a_closing_quote_and_the_delimiter_are_dropped():
    t = table('Client,Matter,Rate\n"Lévesque, Hélène" ,2024-001,350\n"Smith, John"  ,2024-002,400\n')
    assert [r.cells[0] for r in t.rows] == ["Lévesque, Hélène", "Smith, John"]
    assert not issues(t, "stray-quote")


# --- 10. a one-line file ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,expected", [('A,",""",C', ["A", ',"', "C"]), ('A,""",",C', ["A", '",', "C"]),
                                           ('a,"b,c",d', ["a", "b,c", "d"])])
def test_a_one_line_file_with_a_quoted_delimiter_is_read_with_quoting(line, expected):
    t = table(line)
    assert t.detection.quotechar == '"'
    assert (t.header or cells(t)[0]) == expected


# --- a stray quote never joins records ----------------------------------------------------------------------------

def test_a_stray_quote_is_resynchronised_at_its_line_and_no_matter_is_lost():
    text = ("Client,Matter Number,Matter Name,Rate\n"
            '"Lévesque, Hélène",2024-001,Succession,350.00\n'
            'Smith,2024-002,"12 inch pipe claim,400.00\n'
            '"Côté, Marc",2024-003,Divorce,275.50\n'
            '"Roy, Robert",2024-004,Lease,300.00\n')
    t = table(text)
    assert [r.cells[1] for r in t.rows] == ["2024-001", "2024-002", "2024-003", "2024-004"]
    assert t.rows[1].cells == ("Smith", "2024-002", '"12 inch pipe claim', "400.00")
    assert issues(t, "stray-quote") == [("stray-quote", 3, 3)]
    accounted(t, text)


def test_a_quote_that_never_closes_leaves_the_lines_after_it_as_rows():
    text = ('Client,Matter Number,Rate\n"Côté, Marc",2024-000,250.00\n"Lévesque, Hélène,2024-001,350.00\n'
            '"Smith, John",2024-002,400.00\n"Roy, Robert",2024-003,300.00\n"Gagnon, Luc",2024-004,300.00\n'
            '"Tremblay, Anne",2024-005,325.00\n')
    t = table(text)
    assert t.detection.quotechar == '"'
    assert [r.cells[1] for r in t.rows if r.line != 3] == ["2024-000", "2024-002", "2024-003", "2024-004", "2024-005"]
    assert t.rows[1].line == 3 and t.rows[1].cells[0] == '"Lévesque'
    assert issues(t, "stray-quote") == [("stray-quote", 3, 1)]
    accounted(t, text)


def test_a_real_value_over_several_lines_stays_one_value():
    text = ('Client,Address,Rate\n"Lévesque, Hélène","12 rue Principale\nMontréal, QC",350.00\n'
            'Smith,1 Main St,400.00\n')
    t = table(text)
    assert cells(t)[0] == ["Lévesque, Hélène", "12 rue Principale\nMontréal, QC", "350.00"]
    assert not issues(t, "stray-quote", "unterminated-quote")


# --- paginated report exports --------------------------------------------------------------------------------------

PAGINATED = """Matter List by Client
Printed on 2026-03-04
Client,Matter Number,Matter Name,Rate
"Lévesque, Hélène",2024-001,Succession Lévesque,350.00
"Lévesque, Hélène",2024-002,Vente de la résidence,350.00
Subtotal,,,700.00
Total for client Lévesque,,,700.00
Page 1 of 2,,,
Matter List by Client
Client,Matter Number,Matter Name,Rate
"Lévesque, Hélène (cont'd)",,,
"Lévesque, Hélène",2024-003,Testament,350.00
Smith (continued),,,
"Smith, John",2024-004,Lease review,400.00
Page 2 of 2,,,
Grand Total,,,1450.00
"""


def test_page_furniture_in_a_paginated_report_is_skipped_and_listed():
    t = table(PAGINATED)
    assert t.header == ["Client", "Matter Number", "Matter Name", "Rate"]
    assert [r.cells[1] for r in t.rows] == ["2024-001", "2024-002", "2024-003", "2024-004"]
    assert [(s.line, s.reason) for s in t.skipped] == [
        (1, "preamble"), (2, "preamble"), (6, "subtotal"), (7, "subtotal"), (8, "footer"), (9, "page title"),
        (10, "repeated header"), (11, "continued"), (13, "continued"), (15, "footer"), (16, "footer")]
    continued = [s.text for s in t.skipped if s.reason == "continued"]
    assert continued == ["Lévesque, Hélène (cont'd)", "Smith (continued)"]
    assert not issues(t, "row-too-short", "row-too-long")
    accounted(t, PAGINATED)


def test_a_client_whose_name_starts_like_a_total_is_a_row():
    t = table("Client,Matter Number,Rate\nTotal Fitness Inc.,2024-001,350.00\nTotally Fit Ltd.,2024-002,300.00\n"
              "Continental Foods,2024-003,250.00\n")
    assert [r.cells[0] for r in t.rows] == ["Total Fitness Inc.", "Totally Fit Ltd.", "Continental Foods"]
