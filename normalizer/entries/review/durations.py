"""RULES § Durations: a positive number of hours (clock and unit forms converted), rounded to the increment and to
the target's decimal places, never more than 24 h."""
from __future__ import annotations

import re
from decimal import ROUND_CEILING, Decimal

from ...targets import Entry, money, plain_number
from ..options import MAX_HOURS
from ..values import duration_is_plain, parse_duration, round_hours
from .context import Review


def read_duration(ctx, e: Entry, text: str) -> None:
    e.hours_text = text
    hours = parse_duration(text) if text.strip() else None
    if hours is None or hours <= 0:
        hint = " (scientific notation is not a duration: write decimal hours such as 0.5, or 1:30)" \
            if re.fullmatch(r"[\d.,]+e[+-]?\d+", text.strip().lower()) else ""
        ctx.issue(e, "error", "duration-invalid",
                   f"the duration {text!r} is not a positive number of hours{hint}", "Duration")
        return
    if hours > MAX_HOURS:
        ctx.issue(e, "error", "duration-over-24h", f"the duration {text.strip()} h is more than 24 hours",
                   "Duration")
        return
    if not duration_is_plain(text):
        ctx.issue(e, "info", "duration-converted", f"the duration {text.strip()!r} read as "
                   f"{plain_number(hours)} h (decimal hours)", "Duration")
    e.hours_before = hours
    e.hours = round_hours(hours, ctx.s.round, ctx.s.increment)
    if e.hours != hours:
        how = "up to the" if ctx.s.round == "up" else "to the nearest"
        ctx.issue(e, "warning", "duration-rounded",
                   f"{plain_number(hours)} h -> {plain_number(e.hours)} h (rounded {how} "
                   f"{plain_number(ctx.s.increment)} h increment)", "Duration")
    places = ctx.spec.hours_decimals
    if e.hours != money(e.hours, places):
        before = e.hours
        e.hours = money(e.hours, places) if ctx.s.round != "up" else \
            e.hours.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)
        ctx.issue(e, "warning", "duration-precision",
                   f"{ctx.spec.label} holds {places} decimal place(s): {plain_number(before)} h -> "
                   f"{plain_number(e.hours)} h", "Duration")

