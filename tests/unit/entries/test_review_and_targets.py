"""The time-entry job's checks (normalizer/entries/review/) and targets (normalizer/targets/) one at a time, on one
or two inline entries; the job as a whole is covered by test_entries*.py, test_ledes.py and the golden files."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from normalizer.entries import Settings, target_spec
from normalizer.entries.review import Review
from normalizer.entries.review.days import check_days
from normalizer.entries.review.duplicates import check_duplicates
from normalizer.entries.review.narrative import check_narrative
from normalizer.entries.review.target import check_billable
from normalizer.report import Report
from normalizer.targets import Entry, target_for
from normalizer.targets.ledes1998b import Ledes1998B
from normalizer.targets.table import TableTarget


def review(to: str = "clio") -> Review:
    spec = target_spec(to)
    return Review(Settings(to=to).for_target(spec), spec, None, Report(), "week.csv")


def codes(r: Review) -> list[str]:
    return [i.code for i in r.report.issues]


def test_each_target_gets_its_kind():
    assert isinstance(target_for(target_spec("clio")), TableTarget)
    assert isinstance(target_for(target_spec("ledes1998b")), Ledes1998B)


def test_an_empty_description_is_an_error_and_block_billing_a_warning():
    r = review()
    empty, block = Entry(line=2, description=" "), Entry(line=3, description="Draft motion; call client")
    check_narrative(r, empty)
    check_narrative(r, block)
    assert codes(r) == ["description-empty", "block-billing"]
    assert r.rejected(empty) and not r.rejected(block)


def test_a_one_line_target_joins_line_breaks_and_a_multi_line_one_writes_them_crlf():
    spec = target_spec("clio")
    r = review()
    e = Entry(line=2, description="first\nsecond")
    TableTarget(spec).review_entry(r, e)
    if spec.one_line:
        assert e.description == "first second" and codes(r) == ["chars-replaced"]
    else:
        assert e.description == "first\r\nsecond" and codes(r) == ["line-breaks-crlf"]


def test_ledes_needs_the_clients_code():
    r = review("ledes1998b")
    e = Entry(line=4, client="Acme", matter="Lease")
    target_for(r.spec).review_entry(r, e)
    assert codes(r) == ["ledes-client-id-missing"] and r.rejected(e)


def test_non_billable_time_is_left_out_of_a_ledes_invoice_and_kept_elsewhere():
    ledes, clio = review("ledes1998b"), review("clio")
    off = Entry(line=5, billable=False)
    assert check_billable(ledes, [off], target_for(ledes.spec)) == [] and off.rejected
    assert codes(ledes) == ["non-billable-left-out"]
    kept = Entry(line=5, billable=False)
    assert check_billable(clio, [kept], target_for(clio.spec)) == [kept]


def test_a_timekeepers_day_over_24_hours_rejects_every_entry_of_that_day():
    r = review()
    day = dt.date(2025, 3, 4)
    entries = [Entry(line=n, date=day, hours=Decimal(13), timekeeper=who)
               for n, who in ((2, "Ann Côté"), (3, "ann cote"))]
    check_days(r, entries)
    assert codes(r) == ["day-over-24h", "day-over-24h"] and all(r.rejected(e) for e in entries)


def test_the_same_entry_twice_is_flagged_not_rejected():
    r = review()
    twin = dict(date=dt.date(2025, 3, 4), hours_before=Decimal("0.5"), timekeeper="Ann", client="Acme",
                matter="Lease", description="Draft  lease")
    first, second = Entry(line=2, **twin), Entry(line=3, **{**twin, "description": "draft lease"})
    check_duplicates(r, [first, second])
    assert codes(r) == ["possible-duplicate"] and not r.rejected(second)
