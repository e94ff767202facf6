"""RULES § Duplicates: the same date, timekeeper, matter, duration and description twice (both written, flagged)."""
from __future__ import annotations

from ...targets import Entry
from ..values import _same_name
from .context import Review


def check_duplicates(ctx, entries: list[Entry]) -> None:
    """Same date, timekeeper, matter, duration and description: probably entered twice (both still written)."""
    normalize = _same_name
    first: dict[tuple, Entry] = {}
    for e in entries:
        if e.date is None or e.hours_before is None:
            continue
        matter = e.record.ref if e.record else f"{_same_name(e.client)}\x00{_same_name(e.matter)}"
        key = (e.date, _same_name(e.timekeeper), matter, e.hours_before, " ".join(e.description.split()).casefold())
        if key in first:
            ctx.issue(e, "warning", "possible-duplicate",
                       f"lines {first[key].line} and {e.line} are the same entry (date, timekeeper, matter, "
                       "duration and description): both are written; delete one if it was entered twice",
                       "Description")
        else:
            first[key] = e

