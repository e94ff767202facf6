"""RULES § Dates: each entry's date read in the file's date order (ambiguous, future and implausible dates flagged),
and dates far before the file's others."""
from __future__ import annotations

import datetime as dt
import re

from ...targets import Entry
from ..values import _ZERO_DATES, EARLIEST_PLAUSIBLE, DateOrder, ambiguous_readings, parse_date
from .context import Review


def read_date(ctx, e: Entry, text: str, order: DateOrder, today: dt.date) -> None:
    e.date_text = text
    parsed = parse_date(text, day_first=order.day_first) if text.strip() else None
    if parsed is None:
        hint = ""
        if re.fullmatch(r"\d{5}(\.\d+)?", text.strip()) and 20000 <= float(text) < 80000:
            serial = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))
            hint = (f" (it looks like a spreadsheet date serial number, which would be {serial:%Y-%m-%d}: "
                    "format the column as a date before exporting)")
        ctx.issue(e, "error", "date-unparseable",
                   f"the date {text!r} is not a date{hint}" if text.strip() else "the date is empty", "Date")
        return
    e.date, e.date_format = parsed
    readings = None if order.settled else ambiguous_readings(text)
    if readings:
        md, dm = readings
        why = (f"the file has both day-first ({order.dmy[1]}, line {order.dmy[0]}) and month-first "
               f"({order.mdy[1]}, line {order.mdy[0]}) dates" if order.dmy and order.mdy
               else "no other date in the file settles the order")
        ctx.issue(e, "warning", "date-ambiguous",
                   f"{text.strip()} could be {md:%Y-%m-%d} (month first) or {dm:%Y-%m-%d} (day first), and "
                   f"{why}: read as {e.date:%Y-%m-%d}; check it", "Date")
    if e.date > today:
        ctx.issue(e, "warning", "date-future", f"the date {e.date:%Y-%m-%d} is in the future", "Date")
    elif e.date < EARLIEST_PLAUSIBLE:
        zero = _ZERO_DATES.get(e.date)
        why = (f"it is {zero}, what an empty or zero cell shows when formatted as a date: the real date is "
               "probably missing" if zero else "before 1990")
        ctx.issue(e, "warning", "date-implausible", f"the date {e.date:%Y-%m-%d} is implausible: {why}", "Date")



def check_outlying_dates(ctx, entries: list[Entry]) -> None:
    """A date more than a year before most of the file's dates is most likely a typo (2024 for 2025). Judged
    against the file's median date, not the clock: an old but coherent batch is not flagged line by line, and one
    mistyped future date does not make the others look old."""
    dates = sorted(e.date for e in entries if e.date is not None and e.date >= EARLIEST_PLAUSIBLE)
    if not dates:
        return
    middle = dates[len(dates) // 2]
    for e in entries:
        if e.date is not None and EARLIEST_PLAUSIBLE <= e.date < middle - dt.timedelta(days=365):
            ctx.issue(e, "warning", "date-implausible",
                       f"the date {e.date:%Y-%m-%d} is implausible: more than a year before most dates in the "
                       f"file (around {middle:%Y-%m-%d}); a mistyped year?", "Date")

