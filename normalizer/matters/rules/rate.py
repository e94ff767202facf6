"""RULES § Hourly Rate: a plain positive amount in the mapping's money format; flat fees, contingency and zero
rates are left empty (info), anything else unreadable is left empty with a warning."""
from __future__ import annotations

from ...clean import MoneyError, mentions_any, parse_money
from ...mappings import Mapping
from ...report import Report
from ...vendor import Plan
from ..extract import vocabulary

REMEMBERED = 4096         # distinct rate cells whose reading is remembered


class Rate:
    def __init__(self, report: Report, generic: Mapping | None) -> None:
        self.report, self.generic = report, generic
        self.known: dict[tuple[int, str, str], tuple[str, str | None]] = {}

    def rate(self, vals: dict[str, str], plan: Plan, line: int, file: str) -> str:
        raw = vals.get("rate", "")
        method = vals.get("billing_method", "")
        if not raw and not method:
            return ""
        mapping = vocabulary(plan, "rate", self.generic)
        key = (id(mapping), raw, method)
        found = self.known.get(key)       # a rate column holds few distinct values: each is parsed once
        if found is None:
            found = rate_of(raw, method, mapping, self.generic.no_rate if self.generic is not None else ())
            if len(self.known) < REMEMBERED:
                self.known[key] = found
        rate, problem = found
        if problem is not None:
            self._report(problem, raw, method, plan, line, file)
        return rate

    def _report(self, problem: str, raw: str, method: str, plan: Plan, line: int, file: str) -> None:
        column = plan.header[plan.columns["rate"][0]] if plan.columns.get("rate") else "Hourly Rate"
        if problem.startswith("no-rate"):
            why = f"the billing method {method!r} means" if problem == "no-rate-method" else "it means"
            self.report.add("info", "rate-not-hourly", f"rate {raw!r}: {why} no hourly rate (flat fee or "
                            "contingency); Hourly Rate left empty", row=line, column=column, file=file)
        elif problem == "zero":
            self.report.add("info", "rate-zero", f"rate {raw!r} in column {column!r}: a zero rate is left empty "
                            "(Hourly Rate empty)", row=line, column=column, file=file)
        else:
            self.report.add("warning", "rate-unreadable", f"rate {raw!r} in column {column!r} is not a plain "
                            "hourly amount; Hourly Rate left empty", row=line, column=column, file=file)


def rate_of(raw: str, method: str, mapping: Mapping, generic_no_rate=()) -> tuple[str, str | None]:
    """(Hourly Rate, problem) for a rate cell and billing method: problem is None, "no-rate" / "no-rate-method" (a
    rate cell emptied because it or the billing method says flat fee / contingency), "zero" (`0`, `0,00`: left empty)
    or "unreadable" (not a plain hourly amount)."""
    if not raw:
        return "", None
    no_rate = tuple(mapping.no_rate) + tuple(generic_no_rate)
    if mentions_any(raw, no_rate):
        return "", "no-rate"
    if method and mentions_any(method, no_rate):
        return "", "no-rate-method"
    formats = mapping.formats
    try:
        rate = parse_money(raw, formats.decimal_separators, formats.currency_symbols)
    except MoneyError:
        rate = ""
    if rate and not rate.startswith("-") and not rate.strip("0."):    # `0`, `0,00`: no rate set, not a bad cell
        return "", "zero"
    if not rate or rate.startswith("-"):      # RULES: a plain *positive* amount
        return "", "unreadable"
    return rate, None
