"""RULES § Narrative: every entry has a description; several tasks run together (block billing) are flagged."""
from __future__ import annotations

from ...targets import Entry
from ..values import is_block_billing
from .context import Review


def check_narrative(ctx: Review, e: Entry) -> None:
    if not e.description.strip():
        ctx.issue(e, "error", "description-empty", "the description is empty; every target needs one",
                  "Description")
    elif is_block_billing(e.description):
        ctx.issue(e, "warning", "block-billing", "several tasks seem to be run together in one entry "
                  "(block billing); many clients reject it — split it into one entry per task", "Description")
