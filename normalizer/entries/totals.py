"""Totals for the report: hours and amounts per day, timekeeper and matter."""
from __future__ import annotations

from decimal import Decimal

from ..targets import Entry


def totals(entries: list[Entry]) -> dict:
    """Hours and billed amounts in total and per day, timekeeper and matter (Decimal sums: exact, order-free)."""
    day: dict = {}
    keeper: dict = {}
    matter: dict = {}
    day_keys: dict = {}                 # date -> "YYYY-MM-DD", formatted once per day
    hours_total, amount_total, priced, without_rate = Decimal(0), Decimal(0), False, 0
    for e in entries:
        amount = e.amount
        if amount is None:
            without_rate += 1
        else:
            priced = True
        billed = amount if amount is not None and e.billable else None      # non-billable time bills nothing
        hours_total += e.hours
        if billed is not None:
            amount_total += billed
        key = day_keys.get(e.date)
        if key is None:
            key = day_keys[e.date] = f"{e.date:%Y-%m-%d}"
        record = e.record
        for bucket, k in ((day, key), (keeper, e.timekeeper), (matter, record.ref if record else e.matter)):
            t = bucket.get(k)
            if t is None:
                t = bucket[k] = [Decimal(0), Decimal(0)]
            t[0] += e.hours
            if billed is not None:
                t[1] += billed
    as_json = lambda b: {k: {"hours": float(v[0]), "amount": float(v[1])}  # noqa: E731
                         for k, v in sorted(b.items())}
    return {"hours_total": float(hours_total),
            "amount_total": float(amount_total) if priced else None,
            "entries_without_rate": without_rate,
            "totals": {"day": as_json(day), "timekeeper": as_json(keeper), "matter": as_json(matter)}}
