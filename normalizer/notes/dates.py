"""Find the day the work was done: absent (the given day), ISO, 'Nov 3', '11/3' in the firm's date order,
'yesterday', 'last Friday', 'on Monday' (the most recent one), 'two days ago', 'on the 3rd' — all relative to the
given day, never to the clock, so a browser and a server read a note the same way.

A date inside the narrative is not the entry's date: 'prepared for the Nov 3 hearing', 'email re Monday's call' and
anything after 're' up to the next separator stay in the description.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .spans import SEPARATORS, Span
from .words import WORD_NUMBER, value

MONTHS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "febuary": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
          "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
          "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
            "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted((w for w in WEEKDAYS if len(w) > 3 or w in ("mon", "tue", "wed", "thu", "fri")),
                           key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
# Event words: a date right before one names the event, not the day of the work ('Nov 3 hearing').
_EVENT = re.compile(r"\s*(?:'s\b|’s\b|hearing|deadline|trial|deposition|mediation|closing|filing|order|motion|letter|"
                    r"agreement|arbitration|appointment|session|court|status|pretrial|return|conference\s+call)",
                    re.IGNORECASE)
_RE_ZONE = re.compile(r"\b(?:re|regarding|about|concerning|ahead\s+of|before|until|by|for|since)\b:?[^—–;:,(]*$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class DateHit:
    span: Span
    value: dt.date | None       # None: it looks like a date but is not one (problem says why)
    confidence: float
    problem: str = ""
    said: str = ""              # the words, as said


def find(line: str, base: dt.date, order: str = "MDY") -> DateHit | None:
    """The entry's date said in the line, or None when none is (the caller uses the given day)."""
    found = [hit for hit in (_calendar(line, base, order) + _relative(line, base)) if hit is not None]
    return min(found, key=lambda h: h.span.start) if found else None


def _entry_position(line: str, start: int, end: int) -> bool:
    """A calendar date is the entry's when it opens a part of the note (or follows 'on') and names no event."""
    before = line[:start].rstrip()
    opens = not before or before[-1] in SEPARATORS or re.search(r"\b(?:on|dated)$", before, re.IGNORECASE)
    return bool(opens) and not _EVENT.match(line, end) and not _RE_ZONE.search(before)


def _calendar(line: str, base: dt.date, order: str) -> list[DateHit | None]:
    out: list[DateHit | None] = []
    for m in re.finditer(r"(?<![\w/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/])", line):
        out.append(_make(line, m, base, int(m[1]), int(m[2]), int(m[3]), 1.0))
    for m in re.finditer(r"(?<![\w/.$])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\w/])", line):
        a, b = int(m[1]), int(m[2])
        month, day = (a, b) if order.upper() == "MDY" else (b, a)
        year = (int(m[3]) + (2000 if len(m[3]) == 2 else 0)) if m[3] else None
        out.append(_make(line, m, base, year, month, day, 0.9 if year else 0.85))
    for m in re.finditer(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<y>\d{{4}})\b)?"
                         rf"|\b(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon2>{_MONTH})\b\.?"
                         rf"(?:,?\s+(?P<y2>\d{{4}})\b)?", line, re.IGNORECASE):
        month = MONTHS[(m["mon"] or m["mon2"]).lower()]
        year = m["y"] or m["y2"]
        out.append(_make(line, m, base, int(year) if year else None, month, int(m["d"] or m["d2"]), 0.95))
    for m in re.finditer(r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b", line, re.IGNORECASE):
        if _entry_position(line, m.start(), m.end()):
            day = int(m[1])
            month_start = base.replace(day=1) if day <= base.day else (base.replace(day=1) - dt.timedelta(days=1))
            out.append(_hit(m, _safe(month_start.year, month_start.month, day), 0.8))
    return out


def _make(line: str, m: re.Match, base: dt.date, year: int | None, month: int, day: int, confidence: float):
    if not _entry_position(line, m.start(), m.end()):
        return None
    if year is None:
        year = base.year
        guess = _safe(year, month, day)
        if guess is not None and guess > base + dt.timedelta(days=31):   # 'Dec 28' said in January: last year's
            year -= 1
    return _hit(m, _safe(year, month, day), confidence)


def _hit(m: re.Match, value_: dt.date | None, confidence: float) -> DateHit:
    problem = "" if value_ is not None else f"{m.group(0).strip()!r} is not a day of the calendar"
    return DateHit(Span(m.start(), m.end()), value_, confidence if value_ else 0.0, problem, m.group(0).strip())


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _relative(line: str, base: dt.date) -> list[DateHit | None]:
    out: list[DateHit | None] = []
    days = [(r"\b(?:the\s+)?day\s+before\s+yesterday\b", lambda m: 2),
            (r"\byesterday\b", lambda m: 1),
            (r"\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", lambda m: 0),
            (rf"\b(?P<n>\d+|{WORD_NUMBER}|a\s+couple\s+of|a\s+couple)\s+days?\s+ago\b",
             lambda m: 2 if "couple" in m["n"].lower() else value(m["n"]))]
    for pattern, back in days:
        for m in re.finditer(pattern, line, re.IGNORECASE):
            if _free(line, m):
                out.append(DateHit(Span(m.start(), m.end()), base - dt.timedelta(days=back(m)), 0.95, "", m.group(0)))
    for m in re.finditer(rf"\b(?P<pre>on|last|this\s+past|past)\s+(?P<wd>{_WEEKDAY})\b\.?"
                         rf"|^\W*(?P<wd2>{_WEEKDAY})\b\.?", line, re.IGNORECASE):
        if not _free(line, m) or _EVENT.match(line, m.end()):
            continue
        weekday = WEEKDAYS[(m["wd"] or m["wd2"]).lower()]
        back = (base.weekday() - weekday) % 7
        if back == 0 and m["pre"] and m["pre"].lower() != "on":      # 'last Wednesday' said on a Wednesday
            back = 7
        start = m.start("wd2") if m["wd2"] else m.start()
        out.append(DateHit(Span(start, m.end()), base - dt.timedelta(days=back), 0.9 if m["pre"] else 0.85, "",
                           line[start:m.end()]))
    return out


def _free(line: str, m: re.Match) -> bool:
    """Not a possessive ('yesterday's hearing') and not inside the subject after 're'."""
    return not re.match(r"['’]s\b", line[m.end():]) and not _RE_ZONE.search(line[:m.start()])
