"""The reading layer streams long files (issue 7's memory figure): the streamed table must be exactly the table a
whole-file read gives, every row accounted for, and the issues/skipped lines found while streaming must reach the
table (and so the report)."""
from __future__ import annotations

import csv
import io

import pytest

import normalizer.read as read
from normalizer import api
from normalizer.read import parse, read_table
from normalizer.read.header import HEAD
from normalizer.write import CsvWriter, write_csv

KNOWN = {"client", "matter", "status"}


def _export(rows: int, *, preamble=True, damage=True, tail=True) -> bytes:
    out = io.StringIO(newline="")
    if preamble:
        out.write("Matter list\r\nPrinted on 2024-01-02\r\n\r\n")
    out.write("Client,Matter,Status\r\n")
    for i in range(rows):
        if damage and i == 700:
            out.write("\r\n\r\n")                                  # blank lines inside the body
        if damage and i == 900:
            out.write("Client,Matter,Status\r\n")                   # a repeated header (paginated report)
        if damage and i == 1200:
            out.write(f"C{i},M{i}\r\n")                             # short row
        elif damage and i == 1300:
            out.write(f"C{i},M{i},Open,extra\r\n")                  # long row
        elif damage and i == 1400:
            out.write(f'C{i},"M{i}' + "\nline" * 25 + '",Open\r\n')  # long quoted field
        elif damage and i == 1500:
            out.write("Total: 3 pages\r\n")                         # footer-like line inside the body
        else:
            out.write(f"C{i},M{i},{'Closed' if i % 7 == 0 else 'Open'}\r\n")
    if tail:
        out.write("\r\nTotal 1234 matters\r\nEnd of report\r\n\r\n")
    return out.getvalue().encode("utf-8")


def _whole(data: bytes, monkeypatch) -> read.Table:
    """The table as a whole-file read gives it (the head is made longer than any test file)."""
    with monkeypatch.context() as m:
        m.setattr(read, "HEAD", 10**9)
        t = read_table(data, known_headers=KNOWN)
        t.rows                                                       # read it all inside the patch
        return t


def _same(a: read.Table, b: read.Table) -> None:
    assert a.header == b.header
    assert a.rows == b.rows
    assert a.skipped == b.skipped
    assert a.issues == b.issues
    assert a.detection == b.detection
    assert a.width == b.width


@pytest.mark.parametrize("options", [{}, {"preamble": False}, {"damage": False}, {"tail": False}])
def test_streamed_table_equals_whole_file_read(monkeypatch, options):
    data = _export(HEAD + 500, **options)
    _same(read_table(data, known_headers=KNOWN), _whole(data, monkeypatch))


def test_unterminated_quote_near_the_end_of_a_long_file(monkeypatch):
    data = _export(HEAD + 100, damage=False, tail=False) + b'C1,"oops,Open\r\nC2,M2,Open\r\nC3,M3,Open\r\n'
    streamed = read_table(data, known_headers=KNOWN)
    _same(streamed, _whole(data, monkeypatch))
    issue = next(i for i in streamed.issues if i.code == "unterminated-quote")
    assert streamed.rows[-3].line == issue.row and streamed.rows[-1].cells == ("C3", "M3", "Open")


def test_iter_rows_streams_and_completes_issues_and_skipped():
    data = _export(HEAD + 500)
    t = read_table(data, known_headers=KNOWN)
    assert len(t.head(3)) == 3
    lines = [r.line for r in t.iter_rows()]
    assert len(lines) == len(set(lines)) == HEAD + 500 - 1          # the footer-like line is skipped
    assert {s.reason for s in t.skipped} == {"preamble", "blank", "repeated header", "footer"}
    assert {"row-too-short", "row-too-long", "long-quoted-field", "footer-skipped"} <= {i.code for i in t.issues}
    with pytest.raises(RuntimeError):
        t.rows


def test_issues_finish_reading_when_rows_were_not_read():
    t = read_table(_export(HEAD + 500), known_headers=KNOWN)
    assert any(i.code == "row-too-short" for i in t.issues)
    assert len(t.rows) == HEAD + 500 - 1


def test_every_row_accounted_for_in_the_matters_job(monkeypatch):
    data = _export(HEAD + 500).replace(b"Client,Matter,Status", b"Client Name,Matter Number,Status")
    streamed = api.normalize_matters([data], names=["m.csv"])
    with monkeypatch.context() as m:
        m.setattr(read, "HEAD", 10**9)
        whole = api.normalize_matters([data], names=["m.csv"])
    assert streamed.data == whole.data
    assert streamed.report.to_dict() == whole.report.to_dict()
    assert streamed.report.counts["rows_read"] == HEAD + 500 - 1


@pytest.mark.parametrize("text", ["a,b\r\nc,d\r\n", "a\rb\rc", "a\nb\r\n\r\nc\n", "x\r\n" * 50 + "y", "",
                                  "a\r\r\nb\n\rc", "\r\n\r\n"])
def test_iter_lines_splits_like_stringio(monkeypatch, text):
    monkeypatch.setattr(parse, "CHUNK", 3)                           # chunk edges fall everywhere
    assert list(parse.iter_lines(text)) == list(io.StringIO(text, newline=""))


def test_csv_writer_batches_give_the_same_bytes(monkeypatch):
    rows = [("a", "=1+1", "b,c"), ("-12.50", "@x", 'q"q')] * 5
    expected = io.StringIO(newline="")
    w = csv.writer(expected, lineterminator="\r\n")
    w.writerow(("h1", "h2", "h3"))
    for r in rows:
        w.writerow(["'" + c if c in ("=1+1", "@x") else c for c in r])
    monkeypatch.setattr(CsvWriter, "BATCH", 3)
    data, neutralised = write_csv(("h1", "h2", "h3"), rows, excel_bom=True)
    assert data == ("\ufeff" + expected.getvalue()).encode("utf-8")
    assert neutralised[:2] == [(0, 1, "=1+1"), (1, 1, "@x")] and len(neutralised) == 10
