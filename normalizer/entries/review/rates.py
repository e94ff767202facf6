"""RULES § Rates: an entry's own rate must be an amount (the matter list's rate fills an empty one, in matters.py)."""
from __future__ import annotations

from ...targets import Entry
from ..values import money_amount as _money
from .context import Review


def read_rate(ctx, e: Entry, text: str) -> None:
    e.rate_text = text
    if not text.strip():
        return
    rate = _money(text)
    if rate is None or rate < 0:
        ctx.issue(e, "error", "rate-invalid", f"the rate {text!r} is not an amount", "Rate")
        return
    e.rate, e.rate_from = rate, "entry"

