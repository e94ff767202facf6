"""Each record -> an Entry: its date, duration and rate read (each with its issues), its narrative checked."""
from __future__ import annotations

import datetime as dt

from ... import ledes
from ...targets import Entry
from ..read import Record
from ..values import date_order
from .context import Review
from .dates import read_date
from .durations import read_duration
from .narrative import check_narrative
from .rates import read_rate


def build(ctx: Review, records: list[Record]) -> list[Entry]:
    order = date_order([(line, r.get("Date") or "") for line, r in records])
    if order.dmy and order.mdy:
        ctx.report.add("warning", "date-order-mixed",
                        f"the file mixes day-first dates ({order.dmy[1]}, line {order.dmy[0]}) and month-first "
                        f"dates ({order.mdy[1]}, line {order.mdy[0]}); dates that fit both are flagged",
                        column="Date", file=ctx.name)
    today = ctx.s.today or dt.date.today()
    out = []
    for line, r in records:
        get = lambda k: (r.get(k) or "").strip()  # noqa: E731
        e = Entry(line=line, client=get("Client"), matter=get("Matter"), description=r.get("Description") or "",
                  timekeeper=get("Timekeeper"), activity_code=get("Activity code"),
                  timekeeper_id=get("Timekeeper ID"), timekeeper_class=get("Timekeeper classification"))
        e.billable = " ".join(get("Billable").lower().replace("-", " ").split()) not in (
            "no", "false", "n", "0", "non billable", "nonbillable", "not billable")
        read_date(ctx, e, r.get("Date") or "", order, today)
        read_duration(ctx, e, r.get("Duration") or "")
        read_rate(ctx, e, r.get("Rate") or "")
        check_narrative(ctx, e)
        if e.activity_code:
            e.utbms_task, e.utbms_activity, _ = ledes.split_codes(e.activity_code)
        out.append(e)
    return out

