"""A realistic week of entries exported to every target, compared byte for byte with tests/golden/entries/.

Regenerate after an intended change with:  UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_entries.py
(then read the diff: every changed byte is a change users will see).
"""
import csv
import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from normalizer import api
from normalizer.entries import target_spec
from test_ledes import check_invoices, parse_ledes
from helpers import assert_golden

DATA = Path(__file__).parent / "data" / "entries"
GOLDEN = Path(__file__).parent / "golden" / "entries"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
TARGETS = ["clio", "mycase", "cosmolex", "pclaw", "practicepanther", "filevine", "dyedurham", "ledes1998b",
           "caseclock"]
OPTIONS = dict(today=dt.date(2025, 11, 24), invoice_date=dt.date(2025, 11, 30), law_firm_id="24-6437381",
               invoice_number="INV1001")
VARIANTS = {t: dict(to=t) for t in TARGETS}
VARIANTS["clio-split"] = dict(to="clio", split_by_timekeeper=True)
VARIANTS["clio-ddmmyyyy-excel"] = dict(to="clio", date_format="%d/%m/%Y", excel=True)


def run(**kw):
    return api.export_entries(DATA / "week.csv", matters=DATA / "matters.csv", **OPTIONS, **kw)


def outputs(result) -> dict[str, bytes]:
    return dict(result.files) if result.files else {result.filename: result.data}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_golden(variant):
    result = run(**VARIANTS[variant])
    folder = GOLDEN / variant
    got = outputs(result)
    if result.files and result.filename not in result.files:
        got[result.filename] = result.data          # the ZIP of a split export
    got["report.json"] = (json.dumps(result.report.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    assert_golden(folder, got, update=UPDATE, label=variant)


def test_every_entry_accounted_for_and_the_same_review_everywhere():
    written = {}
    for t in TARGETS:
        c = run(to=t).report.counts
        assert c["entries_read"] == 23 == c["entries_written"] + c["entries_rejected"]
        written[t] = c["entries_written"]
    # Rate-requiring targets also reject the entry whose matter has no rate (Trademark registration).
    assert {t for t, n in written.items() if n == 13} == {"clio", "mycase", "cosmolex", "ledes1998b"}
    assert {t for t, n in written.items() if n == 14} == {"pclaw", "practicepanther", "filevine", "dyedurham",
                                                          "caseclock"}


def _table(t: str, result) -> tuple[list[str] | None, list[list[str]]]:
    spec = target_spec(t)
    data = result.files[spec.filename.rsplit(".", 1)[0] + ".csv"] if result.files else result.data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return ([c.header for c in spec.columns], rows[1:]) if spec.header else ([c.header for c in spec.columns], rows)


@pytest.mark.parametrize("t", TARGETS)
def test_hours_and_amount_totals_are_preserved(t):
    result = run(to=t)
    meta = result.report.meta
    if t == "ledes1998b":
        rows = parse_ledes(result.data)
        totals = check_invoices(rows)
        hours = sum(Decimal(r["LINE_ITEM_NUMBER_OF_UNITS"]) for r in rows)
        amount = sum(totals.values())
    else:
        spec = target_spec(t)
        header, rows = _table(t, result)
        col = {c.field: i for i, c in reversed(list(enumerate(spec.columns)))}
        hours = sum(Decimal(r[col["hours"]]) for r in rows)
        amount = sum(Decimal(r[col["hours"]]) * Decimal(r[col["rate"]]) for r in rows if r[col["rate"]])
        if "amount" in col:
            assert sum(Decimal(r[col["amount"]]) for r in rows if r[col["amount"]]) == amount
    # Independently of the report and the writer: the week.csv rows that were written, their durations rounded up
    # to the 0.1 h increment (CaseClock -> CaseClock: unrounded), times their own rate, to the cent.
    src_hours, src_amount, n = _source_totals(t, result)
    assert n == result.report.counts["entries_written"]
    assert hours == src_hours == Decimal(str(meta["hours_total"]))
    assert amount == src_amount == Decimal(str(meta["amount_total"]))


def _source_totals(t: str, result) -> tuple[Decimal, Decimal, int]:
    from decimal import ROUND_CEILING, ROUND_HALF_UP
    rejected = {i.row for i in result.report.issues if i.severity == "error"}
    rows = list(csv.reader(io.StringIO((DATA / "week.csv").read_text(encoding="utf-8"), newline="")))
    head = rows[0]
    hours = amount = Decimal(0)
    n, line = 0, 2                          # physical line where each source record starts
    for row in rows[1:]:
        start, line = line, line + sum(c.count("\n") for c in row) + 1
        if start in rejected:
            continue
        rec = dict(zip(head, row))
        h = Decimal(rec["Duration"])
        if t != "caseclock":
            h = (h / Decimal("0.1")).to_integral_value(ROUND_CEILING) * Decimal("0.1")
        n += 1
        hours += h
        if rec["Rate"]:
            amount += (h * Decimal(rec["Rate"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return hours, amount, n


def test_cosmolex_workbook_matches_its_csv_twin():
    from openpyxl import load_workbook
    result = run(to="cosmolex")
    ws = load_workbook(io.BytesIO(result.files["cosmolex-time.xlsx"])).active
    header, rows = _table("cosmolex", result)
    sheet = [[c.value for c in r] for r in ws.iter_rows()]
    assert sheet[0] == header and len(sheet) - 1 == len(rows)
    for got, want in zip(sheet[1:], rows):
        assert Decimal(str(got[15])) == Decimal(want[15])             # Total-Billed-Hours
        assert got[4].strftime("%m/%d/%Y") == want[4]                  # Date
        assert (got[10] or "") == want[10].lstrip("'") or want[10].startswith("'")


def test_caseclock_round_trip_is_identity_for_valid_entries():
    source = (DATA / "week.csv").read_bytes()
    result = run(to="caseclock", round="none")
    flagged = {i.row for i in result.report.issues if i.row is not None}
    src_rows = list(csv.reader(io.StringIO(source.decode("utf-8"), newline="")))
    src_lines, line = [], 2                     # physical line where each source record starts
    for row in src_rows[1:]:
        src_lines.append(line)
        line += sum(cell.count("\n") for cell in row) + 1
    out_rows = list(csv.reader(io.StringIO(result.data.decode("utf-8"), newline="")))
    assert out_rows[0] == src_rows[0]
    written = iter(out_rows[1:])
    rejected = {i.row for i in result.report.issues if i.severity == "error"}
    clean = 0
    for row, line in zip(src_rows[1:], src_lines):
        if line in rejected:
            continue
        out = next(written)
        if line not in flagged:
            assert out == row, f"line {line}"
            clean += 1
    assert clean >= 5
    # and CaseClock -> CaseClock again changes nothing at all
    again = api.export_entries(result.data, to="caseclock", round="none", matters=DATA / "matters.csv",
                               today=OPTIONS["today"])
    assert again.data == result.data
