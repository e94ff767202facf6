"""RULES § Day totals: one timekeeper's day holds 24 h (names equal ignoring case, accents and spacing are one)."""
from __future__ import annotations

import datetime as dt

from ...targets import Entry, plain_number
from ..options import MAX_HOURS
from ..values import _same_name
from .context import Review


def check_days(ctx, entries: list[Entry]) -> None:
    """One timekeeper's day holds 24 h; names equal ignoring case, accents and spacing are one timekeeper."""
    normalize = _same_name
    days: dict[tuple[str, dt.date], list[Entry]] = {}
    for e in entries:
        if e.date is not None and e.hours is not None:
            days.setdefault((_same_name(e.timekeeper), e.date), []).append(e)
    for (_, day), group in days.items():
        who = " ".join(group[0].timekeeper.split())
        total = sum(e.hours for e in group)
        if total > MAX_HOURS:
            for e in group:
                ctx.issue(e, "error", "day-over-24h",
                           f"{who or 'the unnamed timekeeper'} has {plain_number(total)} h on {day:%Y-%m-%d} "
                           f"across {len(group)} entries (lines {', '.join(str(g.line) for g in group)}); "
                           "a day holds 24 h", "Duration")

