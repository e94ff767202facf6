"""What the target asks of each entry: a place, a timekeeper, a rate, its description's length and lines, its codes;
and what happens to non-billable time."""
from __future__ import annotations

import re

from ... import ledes
from ...targets import Entry
from ...targets.base import Target
from .context import Review


def check_target(ctx, entries: list[Entry], target: Target) -> None:
    spec = ctx.spec
    for e in entries:
        if not e.client and not e.matter:
            ctx.issue(e, "error", "matter-missing", "no client or matter: the entry cannot be placed", "Matter")
        if ctx.index is None and spec.matter_field == "matter_id" and (e.client or e.matter) \
                and not re.search(spec.matter_ref_pattern, e.matter):
            ctx.issue(e, "error", "matter-not-a-reference",
                       f"{e.matter or '(no matter)'!r} does not look like a {spec.system or spec.label} matter "
                       f"reference, and {spec.label} matches on the matter's own reference "
                       f"({spec.matter_field.replace('_', ' ')}), so the import would not find it: pass "
                       "--matters (the firm's matter list) to turn spoken matters into references", "Matter")
        if spec.timekeeper_missing and not e.timekeeper:
            ctx.issue(e, "warning", "timekeeper-missing", f"no timekeeper: {spec.timekeeper_missing}",
                       "Timekeeper")
        if spec.rate_required and e.rate is None and not e.rate_text.strip():   # unreadable: rate-invalid
            where = " or the matter list" if ctx.index is not None else ""
            ctx.issue(e, "error", "rate-missing",
                       f"{spec.label} needs a rate and none is given in the entry{where}", "Rate")
        if spec.description_max and len(e.description) > spec.description_max:
            ctx.issue(e, "warning", "description-too-long",
                       f"the description has {len(e.description)} characters; {spec.label} accepts at most "
                       f"{spec.description_max}", "Description")
        target.review_entry(ctx, e)             # what this kind of file needs (line breaks, LEDES codes)
        if spec.activity_vocabulary == "utbms" and e.activity_code:
            _, _, unknown = ledes.split_codes(e.activity_code)
            expense = [c for c in unknown if c in ledes.EXPENSE_CODES]
            unknown = [c for c in unknown if c not in ledes.EXPENSE_CODES]
            if expense:
                what = "is a UTBMS expense code" if len(expense) == 1 else "are UTBMS expense codes"
                ctx.issue(e, "warning", "expense-code-not-supported",
                           f"{', '.join(expense)} {what}: CaseClock time entries are fees, and expense codes are "
                           "not exported as expenses; left out of the activity code (the entry is written as a "
                           "fee line)", "Activity code")
            if unknown:
                ctx.issue(e, "warning", "activity-code-not-utbms",
                           f"{', '.join(unknown)} is not a UTBMS task or activity code; left out of the file",
                           "Activity code")
    if ctx.index is None and spec.matter_field != "matter":
        ctx.report.add("warning", "matters-missing",
                        f"no matter list given: matters are written as spoken; {spec.label} matches on "
                        f"the system's own reference ({spec.matter_field.replace('_', ' ')}). Pass --matters.",
                        file=ctx.name)


def check_billable(ctx, good: list[Entry], target: Target) -> list[Entry]:
    """Non-billable time (a `Billable` column saying no) must not be billed. A target with a billable or
    non-billable column writes it; LEDES (an invoice) leaves the entry out -- it is not in the file, so it counts
    as rejected, with an info; any other target warns that the system will bill it unless marked there.
    Returns the entries that go into the file."""
    spec = ctx.spec
    marks = any(c.field in ("billable", "non_billable") for c in spec.columns)
    out = []
    for e in good:
        if e.billable:
            out.append(e)
        elif target.non_billable(ctx, e, marks):
            out.append(e)
    return out
