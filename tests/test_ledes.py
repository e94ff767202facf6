"""LEDES 1998B: layout, arithmetic and e-billing rules, re-read by a parser written here (not the writer's code)."""
import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from normalizer import api, ledes

TODAY = dt.date(2025, 11, 30)
MATTERS = [
    {"Client ID": "acme", "Client Name": "Acme Widgets Inc.", "Matter ID": "00012-Acme",
     "Matter Name": "Supply contract dispute", "Hourly Rate": "450.00"},
    {"Client ID": "smith-john", "Client Name": "Smith, John", "Matter ID": "00015-Smith", "Matter Name": "Divorce",
     "Hourly Rate": "350.00"},
]


def entry(**kw):
    base = {"Date": "2025-11-17", "Duration": "0.5", "Client": "Acme Widgets Inc.", "Matter": "00012-Acme",
            "Description": "Review letter", "Timekeeper": "Megan O'Rourke", "Rate": "", "Activity code": "L120 A104"}
    base.update(kw)
    return base


# -- an independent reader ---------------------------------------------------------------------------------------
NUMERIC = {"INVOICE_TOTAL", "LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_ADJUSTMENT_AMOUNT", "LINE_ITEM_TOTAL",
           "LINE_ITEM_UNIT_COST"}
DATES = {"INVOICE_DATE", "BILLING_START_DATE", "BILLING_END_DATE", "LINE_ITEM_DATE"}
REQUIRED = {"INVOICE_DATE", "INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "INVOICE_TOTAL", "BILLING_START_DATE",
            "BILLING_END_DATE", "LINE_ITEM_NUMBER", "EXP/FEE/INV_ADJ_TYPE", "LINE_ITEM_NUMBER_OF_UNITS",
            "LINE_ITEM_TOTAL", "LINE_ITEM_DATE", "TIMEKEEPER_ID", "LINE_ITEM_UNIT_COST"}


def parse_ledes(data: bytes) -> list[dict[str, str]]:
    """Read a LEDES 1998B file the way a strict e-billing validator would, asserting every rule on the way."""
    text = data.decode("ascii")                                    # ASCII only
    lines = text.split("\r\n")
    assert lines[-1] == "", "file ends with a line break"
    lines = lines[:-1]
    assert lines[0] == "LEDES1998B[]"
    assert lines[1].endswith("[]")
    names = lines[1][:-2].split("|")
    assert len(names) == 24 and names[9] == "EXP/FEE/INV_ADJ_TYPE" and names[-1] == "CLIENT_MATTER_ID"
    rows = []
    for n, line in enumerate(lines[2:], 3):
        assert line.endswith("[]") and "[" not in line[:-2] and "]" not in line[:-2], f"line {n}"
        cells = line[:-2].split("|")
        assert len(cells) == 24, f"line {n} has {len(cells)} fields"
        row = dict(zip(names, cells))
        for f in NUMERIC:
            assert row[f] == "" or all(c in "0123456789.-" for c in row[f]) and row[f].lstrip("-").count("-") == 0, \
                (n, f, row[f])
        for f in DATES:
            dt.datetime.strptime(row[f], "%Y%m%d")
        for f in REQUIRED:
            assert row[f] != "", (n, f)
        rows.append(row)
    return rows


def check_invoices(rows: list[dict[str, str]]) -> dict[str, Decimal]:
    """Line arithmetic, one INVOICE_TOTAL per invoice equal to the sum of its lines, dates in the billing period."""
    by_invoice: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        units, cost = Decimal(r["LINE_ITEM_NUMBER_OF_UNITS"]), Decimal(r["LINE_ITEM_UNIT_COST"])
        adj = Decimal(r["LINE_ITEM_ADJUSTMENT_AMOUNT"] or "0")
        # Validators recompute to the cent (Collaborati rounds half-even after 2-decimal rounding; LT-ERR 006).
        assert (units * cost + adj).quantize(Decimal("0.01"), ROUND_HALF_EVEN) == Decimal(r["LINE_ITEM_TOTAL"]), r
        assert units > 0
        assert r["BILLING_START_DATE"] <= r["LINE_ITEM_DATE"] <= r["BILLING_END_DATE"]
        by_invoice.setdefault(r["INVOICE_NUMBER"], []).append(r)
    totals = {}
    for number, lines in by_invoice.items():
        assert len({l["INVOICE_TOTAL"] for l in lines}) == 1
        assert len({l["INVOICE_DESCRIPTION"] for l in lines}) == 1
        assert len({(l["CLIENT_ID"], l["LAW_FIRM_MATTER_ID"]) for l in lines}) == 1, "one matter per invoice"
        assert [l["LINE_ITEM_NUMBER"] for l in lines] == [str(i) for i in range(1, len(lines) + 1)]
        total = sum(Decimal(l["LINE_ITEM_TOTAL"]) for l in lines)
        assert Decimal(lines[0]["INVOICE_TOTAL"]) == total
        totals[number] = total
    return totals


def export(entries, **kw):
    kw.setdefault("matters", MATTERS)
    kw.setdefault("today", TODAY)
    kw.setdefault("invoice_date", TODAY)
    kw.setdefault("law_firm_id", "24-6437381")
    return api.export_entries(entries, to="ledes1998b", **kw)


# -- tests ---------------------------------------------------------------------------------------------------------
def test_layout_and_arithmetic():
    r = export([entry(), entry(Duration="1.25", Rate="333.33"), entry(Matter="Divorce", Client="Smith, John")],
               round="none", invoice_number="INV0041")
    rows = parse_ledes(r.data)
    totals = check_invoices(rows)
    assert totals == {"INV0041": Decimal("641.66"), "INV0042": Decimal("175.00")}
    assert rows[0]["LINE_ITEM_TASK_CODE"] == "L120" and rows[0]["LINE_ITEM_ACTIVITY_CODE"] == "A104"
    assert rows[0]["TIMEKEEPER_NAME"] == "O'Rourke, Megan"
    assert rows[0]["LAW_FIRM_ID"] == "24-6437381" and rows[0]["INVOICE_DATE"] == "20251130"
    assert rows[1]["LINE_ITEM_UNIT_COST"] == "333.33" and rows[1]["LINE_ITEM_TOTAL"] == "416.66"
    assert sum(totals.values()) == Decimal(str(r.report.meta["amount_total"]))


def test_forbidden_characters_are_replaced_and_reported():
    r = export([entry(Description="Revue du bail | clause 14.2 [option]\nsuite – Hélène")])
    row = parse_ledes(r.data)[0]
    assert row["LINE_ITEM_DESCRIPTION"] == "Revue du bail clause 14.2 (option) suite - Helene"
    codes = [i.code for i in r.report.issues if i.row == 1]
    assert "chars-replaced" in codes


def test_non_utbms_code_is_left_out_with_a_warning():
    r = export([entry(**{"Activity code": "X999"})])
    row = parse_ledes(r.data)[0]
    assert row["LINE_ITEM_ACTIVITY_CODE"] == "" and row["LINE_ITEM_TASK_CODE"] == ""
    assert any(i.code == "activity-code-not-utbms" for i in r.report.issues)


def test_rate_from_matter_list_and_missing_rate_rejected():
    r = export([entry(), entry(Matter="Unknown", Client="Nobody")])
    assert r.report.counts == {"entries_read": 2, "entries_written": 1, "entries_rejected": 1}
    assert parse_ledes(r.data)[0]["LINE_ITEM_UNIT_COST"] == "450.00"
    r = export([entry()], matters=None)
    assert any(i.code == "rate-missing" and i.severity == "error" for i in r.report.issues)
    assert r.report.counts["entries_written"] == 0


def test_long_description_warns():
    r = export([entry(Description="x" * 1100)])
    assert any(i.code == "description-too-long" for i in r.report.issues)


def test_billing_period_from_entries_and_invoice_date_check():
    r = export([entry(Date="2025-11-17"), entry(Date="2025-11-21")], invoice_date=dt.date(2025, 11, 20))
    row = parse_ledes(r.data)[0]
    assert (row["BILLING_START_DATE"], row["BILLING_END_DATE"]) == ("20251117", "20251121")
    assert any(i.code == "ledes-invoice-date-early" for i in r.report.issues)


def test_options_and_ids():
    r = export([entry(**{"Timekeeper ID": "MO1", "Timekeeper classification": "partnr"})],
               client_id="ACME-001", invoice_number="A1")
    row = parse_ledes(r.data)[0]
    assert (row["CLIENT_ID"], row["INVOICE_NUMBER"], row["TIMEKEEPER_ID"], row["TIMEKEEPER_CLASSIFICATION"]) == \
        ("ACME-001", "A1", "MO1", "PARTNR")
    assert not any(i.code.startswith("ledes-timekeeper") for i in r.report.issues)


def test_missing_law_firm_id_warns():
    r = export([entry()], law_firm_id=None)
    assert any(i.code == "ledes-law-firm-id-missing" for i in r.report.issues)


def test_derived_invoice_numbers_are_alphanumeric():
    r = export([entry(), entry(Matter="Divorce", Client="Smith, John")], invoice_number=None)
    assert [row["INVOICE_NUMBER"] for row in parse_ledes(r.data)] == ["2025113001", "2025113002"]


@pytest.mark.parametrize("number,step,expected", [("INV0041", 1, "INV0042"), ("99", 1, "100"), ("AB", 0, "AB"),
                                                  ("AB", 2, "AB3")])
def test_next_number(number, step, expected):
    assert ledes.next_number(number, step) == expected


def test_split_codes():
    assert ledes.split_codes("l310/a103") == ("L310", "A103", [])
    assert ledes.split_codes("A103 X1") == ("", "A103", ["X1"])


def test_derive_timekeeper_id():
    assert ledes.derive_timekeeper_id("Sofia Ramírez") == "SRAMIREZ"
    assert ledes.derive_timekeeper_id("Cho, Daniel") == "DCHO"
