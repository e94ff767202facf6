"""Single values of a time entry: dates (and the file's date order), durations, rates, block billing."""
from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ..clean import MoneyError, parse_money

# First words that start a task ("Draft motion; call client"): block billing runs two or more together (words.toml).
_TASK_VERBS = frozenset(tomllib.loads((Path(__file__).parent / "words.toml").read_text(encoding="utf-8"))["task_verbs"])


_NUMERIC_DATE = re.compile(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_TEXT_DATES = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y")


@functools.lru_cache(maxsize=8192)
def parse_date(text: str, *, day_first: bool = False) -> tuple[dt.date, str] | None:
    """A date and the pattern it was written in (for writing it back the same way), or None."""
    t = text.strip()
    m = _NUMERIC_DATE.match(t)
    if m:
        a, sep, b, c = m.groups()
        if len(a) == 4:
            parts, order = (a, b, c), "ymd"
        elif len(c) in (2, 4):
            parts, order = (a, b, c), ("dmy" if (day_first or int(a) > 12) and int(b) <= 12 else "mdy")
        else:
            return None
        vals = dict(zip(order, parts))
        year = int(vals["y"]) + (2000 if len(vals["y"]) == 2 else 0)
        try:
            value = dt.date(year, int(vals["m"]), int(vals["d"]))
        except ValueError:
            return None
        pat = {"y": "%Y" if len(vals["y"]) == 4 else "%y",
               "m": "%m" if len(vals["m"]) == 2 else "%-m", "d": "%d" if len(vals["d"]) == 2 else "%-d"}
        fmt = sep.join(pat[k] for k in order)
        return value, fmt if len(t) == len(m.group(1) + sep + m.group(3) + sep + m.group(4)) else ""
    for fmt in _TEXT_DATES:
        try:
            return dt.datetime.strptime(t, fmt).date(), ""
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class DateOrder:
    """The file's numeric date order, inferred from its unambiguous dates (a part above 12 can only be the day)."""
    day_first: bool = False
    settled: bool = False            # the file shows one order only
    dmy: tuple[int, str] | None = None   # (line, text) of the first date that can only be day-first
    mdy: tuple[int, str] | None = None   # ... month-first


def date_order(dates: list[tuple[int, str]]) -> DateOrder:
    dmy = mdy = None
    for line, t in dates:
        m = _NUMERIC_DATE.match(t.strip())
        if not m or len(m.group(1)) == 4 or len(m.group(4)) not in (2, 4):
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 and b <= 12 and dmy is None:
            dmy = (line, t.strip())
        elif b > 12 and a <= 12 and mdy is None:
            mdy = (line, t.strip())
    return DateOrder(day_first=dmy is not None and mdy is None, settled=(dmy is None) != (mdy is None),
                     dmy=dmy, mdy=mdy)


def ambiguous_readings(text: str) -> tuple[dt.date, dt.date] | None:
    """(month-first, day-first) readings of a numeric date whose first two parts could each be the month."""
    m = _NUMERIC_DATE.match(text.strip())
    if not m or len(m.group(1)) == 4 or len(m.group(4)) not in (2, 4):
        return None
    a, b = int(m.group(1)), int(m.group(3))
    if a == b or a > 12 or b > 12 or not a or not b:
        return None
    year = int(m.group(4)) + (2000 if len(m.group(4)) == 2 else 0)
    try:
        return dt.date(year, a, b), dt.date(year, b, a)
    except ValueError:
        return None


# Spreadsheet "zero" dates: an empty or 0 cell formatted as a date.
_ZERO_DATES = {dt.date(1899, 12, 30): "day 0 of Excel's (and LibreOffice's) date system",
               dt.date(1899, 12, 31): "day 0 of Excel's date system as Excel shows it",
               dt.date(1900, 1, 1): "day 1 of Excel's date system",
               dt.date(1904, 1, 1): "day 0 of Excel's 1904 (Mac) date system"}
EARLIEST_PLAUSIBLE = dt.date(1990, 1, 1)


# Rates are money, read as the matters job reads them (clean.parse_money): `350/hr`, `$350.00`, `350 $/h`,
# `1 250,00 $`, `USD 350`.
_CURRENCY = ("$", "€", "£")


def money_amount(text: str) -> Decimal | None:
    """A rate cell as an amount, or None when it is not one (scientific notation, NaN and infinities are not)."""
    try:
        amount = parse_money(text, (".",), _CURRENCY)
    except MoneyError:
        return None
    return Decimal(amount) if amount else None


_HOURS_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*|,\d+)?|\.\d+)")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _number(text: str) -> Decimal | None:
    """A plain number of hours or minutes: `1.5`, `.5`, `1.`, `1,5` (decimal comma); `1,500` has a thousands comma.
    Not money: no currency, and no exponent, NaN or infinity."""
    t = text.strip()
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    elif _HOURS_NUMBER.fullmatch(t):
        t = t.replace(",", ".")
    else:
        return None
    return Decimal(t)


_HOURS_UNIT = r"(?:h|hr|hrs|hours?)"
_MINUTES_UNIT = r"(?:m|min|mins|minutes?)"
_NUM = r"\d+(?:[.,]\d+)?"
_UNITS = re.compile(rf"(?:(?P<h>{_NUM})\s*{_HOURS_UNIT})?\s*(?:(?P<m>{_NUM})\s*{_MINUTES_UNIT})?")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")
_PLAIN_HOURS = re.compile(r"\d+(?:\.\d+)?|\.\d+")


@functools.lru_cache(maxsize=8192)
def parse_duration(text: str) -> Decimal | None:
    """Decimal hours (`0.2`, `1,5`) or the forms Clio's time-entry form documents: `1.2h`, `1h 12m`, `72min`,
    `1:12`, `01:12:00`. None when it is not a duration (scientific notation such as `1e1` is not)."""
    t = text.strip().lower()
    m = _CLOCK.fullmatch(t)
    if m:
        h, mins, secs = m.groups()
        value = Decimal(h) + Decimal(mins) / 60 + Decimal(secs or 0) / 3600
        return value.quantize(Decimal("0.0001"))
    m = _UNITS.fullmatch(t)
    if m and (m.group("h") or m.group("m")):
        hours = _number(m.group("h") or "0")
        minutes = _number(m.group("m") or "0")
        if hours is None or minutes is None:
            return None
        value = hours + minutes / 60
        return value if m.group("m") is None else value.quantize(Decimal("0.0001")).normalize()
    return _number(t)


def duration_is_plain(text: str) -> bool:
    """Written as CaseClock writes durations: decimal hours with a `.`; anything else is a conversion worth showing."""
    return bool(_PLAIN_HOURS.fullmatch(text.strip()))


def round_hours(hours: Decimal, mode: str, increment: Decimal) -> Decimal:
    if mode == "none":
        return hours
    steps = (hours / increment).to_integral_value(ROUND_CEILING if mode == "up" else ROUND_HALF_UP)
    return max(steps, Decimal(1)) * increment


_TASK_BREAK = re.compile(r";|\s+/\s+|\.\s+(?=[A-Za-z])")


def is_block_billing(description: str) -> bool:
    """Several tasks run together: two or more `;`- or sentence-separated parts that each start with a task verb
    ("Draft motion; call client"). A list of documents after one verb is one task."""
    parts = [p.strip().lower() for p in _TASK_BREAK.split(description) if p.strip()]
    return sum(p.split(maxsplit=1)[0].strip(",:") in _TASK_VERBS for p in parts) >= 2


@functools.lru_cache(maxsize=1 << 16)
def _same_name(text: str) -> str:
    """resolve.normalize, remembered: a file names a few hundred timekeepers, clients and matters many times over."""
    from ..resolve import normalize
    return normalize(text)


_money = money_amount
