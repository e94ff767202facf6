"""LEDES 1998B (the e-billing standard, ledes.py) as a target: an invoice, so non-billable time is left out, the
firm's client code is required, and its text fields keep their own line handling."""
from __future__ import annotations

import dataclasses

from .. import ledes
from .base import Target
from .spec import Entry


class Ledes1998B(Target):
    def prepare(self, settings, report, name: str):
        return dataclasses.replace(settings, ledes=ledes.clean_options(settings.ledes, report, file=name))

    def review_entry(self, review, e: Entry) -> None:
        if (e.client or e.matter) and (review.index is None or e.record) and not (
                review.s.ledes.client_id or (e.record is not None and e.record.client_id)):
            review.issue(e, "error", "ledes-client-id-missing",
                         f"no CLIENT_ID for {e.client or e.matter!r}: LEDES requires the firm's code for the client "
                         "(a blank one is rejected, LT-ERR 005) and a client's name is not that code; pass "
                         "--client-id or a matter list with Client IDs", "Client")

    def non_billable(self, review, e: Entry, marks: bool) -> bool:
        e.rejected = True
        review.report.add("info", "non-billable-left-out",
                          "non-billable time (Billable = no) is left out of the LEDES invoice: an invoice "
                          "bills every line it holds", row=e.line, column="Billable", file=review.name)
        return False

    def write(self, entries: list[Entry], settings, review):
        o = settings.ledes
        options = ledes.Options(o.invoice_number, o.invoice_date, o.law_firm_id, o.client_id, o.today or settings.today)
        data = ledes.write(entries, options, review.report, file=review.name) if entries else b""
        return data, self.spec.filename, None
