"""Regressions from QA's review of the time-entry export (one test per finding; inputs inline)."""
import datetime as dt

import pytest

from normalizer import api, cli

TODAY = dt.date(2025, 11, 24)
HEADER = "Date,Duration,Client,Matter,Description,Timekeeper,Rate,Activity code\r\n"
TWO_DIVORCES = (b"Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
                b"C-1,\"Smith, John\",M-1,Divorce,ON,Fam,300\r\n"
                b"C-2,\"Brown, Ann\",M-2,Divorce,ON,Fam,300\r\n")
MATTERS = (b"Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n"
           b"acme,Acme Widgets Inc.,00012-Acme,Supply contract dispute,WA,Litigation,450.00\r\n"
           b"smith-john,\"Smith, John\",00015-Smith,Divorce,WA,Family,350.00\r\n")


def entry(**kw):
    base = {"Date": "2025-11-17", "Duration": "0.5", "Client": "Smith, John", "Matter": "00015-Smith",
            "Description": "work", "Timekeeper": "Daniel Cho", "Rate": "350", "Activity code": ""}
    base.update(kw)
    return base


def export(entries, to="clio", **kw):
    kw.setdefault("matters", MATTERS)
    kw.setdefault("today", TODAY)
    return api.export_entries(entries, to=to, **kw)


def issues(result, code):
    return [i for i in result.report.issues if i.code == code]


# -- 1. a Client that contradicts its Matter ID -----------------------------------------------------------------------
def test_client_contradicting_the_matter_id_is_an_error_naming_both():
    r = export([entry(Client="Brown, Anne", Matter="M-1", Rate=""), entry(Client="Smith, John", Matter="M-1"),
                entry(Client="", Matter="M-1"), entry(Client="Smith", Matter="M-1"),
                entry(Client="smith john", Matter="M-1"), entry(Client="Smith, Jon", Matter="M-1")],
               matters=TWO_DIVORCES)
    bad = issues(r, "client-matter-mismatch")
    assert [(i.severity, i.row) for i in bad] == [("error", 1)]
    assert "Brown, Anne" in bad[0].message and "Smith, John" in bad[0].message and "M-1" in bad[0].message
    assert r.report.counts == {"entries_read": 6, "entries_written": 5, "entries_rejected": 1}
    assert b"mismatch" not in r.data


def test_client_differs_helper():
    from normalizer.resolve import Matter, client_differs
    m = Matter("C-1", "Smith, John", "M-1", "Divorce")
    assert client_differs("Brown, Anne", m)
    assert not client_differs("", m) and not client_differs("C-1", m) and not client_differs("John Smith", m)
    assert not client_differs("Smith", m) and not client_differs("Smyth, John", m)


# -- 2. MyCase keys on the case name: two "Divorce" cases cannot be told apart ------------------------------------
def test_mycase_matter_name_not_unique_is_an_error():
    r = export([entry(Client="Smith, John", Matter="M-1"), entry(Client="Brown, Ann", Matter="Divorce")],
               to="mycase", matters=TWO_DIVORCES)
    bad = issues(r, "matter-name-not-unique")
    assert [(i.severity, i.row) for i in bad] == [("error", 1), ("error", 2)]
    assert "Rename one of them in MyCase first" in bad[0].message
    assert "M-1" in bad[0].message and "M-2" in bad[0].message
    assert r.report.counts["entries_written"] == 0
    # Clio matches on the display number: the same names are harmless there.
    assert not issues(export([entry(Client="Smith, John", Matter="M-1")], matters=TWO_DIVORCES),
                      "matter-name-not-unique")
    # A unique case name passes.
    assert export([entry()], to="mycase").report.counts["entries_written"] == 1


# -- 3. date order from the file; ambiguous and implausible dates -------------------------------------------------
def test_ambiguous_date_in_a_file_with_both_orders_warns_with_both_readings():
    r = export([entry(Date="17/11/2025"), entry(Date="11/17/2025"), entry(Date="03/04/2025")],
               today=dt.date(2025, 11, 24))
    amb = issues(r, "date-ambiguous")
    assert [(i.severity, i.row) for i in amb] == [("warning", 3)]
    assert "2025-03-04" in amb[0].message and "2025-04-03" in amb[0].message
    assert issues(r, "date-order-mixed")
    assert r.report.counts["entries_written"] == 3


def test_the_file_settles_the_order_of_ambiguous_dates():
    r = export([entry(Date="17/11/2025"), entry(Date="03/11/2025")], date_format="%Y-%m-%d")
    assert not issues(r, "date-ambiguous") and b"2025-11-03" in r.data
    r = export([entry(Date="11/17/2025"), entry(Date="11/03/2025")], date_format="%Y-%m-%d")
    assert not issues(r, "date-ambiguous") and b"2025-11-03" in r.data
    r = export([entry(Date="11/03/2025")], date_format="%Y-%m-%d")     # nothing settles it
    assert [i.severity for i in issues(r, "date-ambiguous")] == ["warning"]


def test_implausible_dates_warn_and_name_excels_zero_date():
    r = export([entry(Date="1899-12-30"), entry(Date="1989-06-01"), entry(Date="2024-10-01"),
                entry(Date="2025-11-17")])
    bad = issues(r, "date-implausible")
    assert [(i.severity, i.row) for i in bad] == [("warning", 1), ("warning", 2), ("warning", 3)]
    assert "Excel" in bad[0].message
    r = export([entry(Date="1899-12-30")], to="ledes1998b")
    assert issues(r, "date-implausible")
