"""Find how long the work took in a note: decimal hours ('0.2', '.3 hours', '1.5h'), tenths said as words ('point
three', 'two tenths of an hour'), minutes ('six minutes', '45 min'), 'h:mm', '1h 12m', 'an hour and a half', 'a
quarter hour', units of the billing increment.

A number only counts when a unit word goes with it, when it is said the way a duration is ('point three'), or when it
stands where CaseClock's examples put the duration (a part of the note's own: '0.2 — call …', '(.7)', '…, 0.4').
So 'reviewed 3 exhibits', 're 2024 tax year', 'Rule 12(b)(6)', '$5,000' and '11/3' are never durations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .spans import SEPARATORS, Span, segment_starts
from .words import DIGIT_WORD, WORD_NUMBER, value

MAX_HOURS = Decimal(24)
_NUM = rf"(?:\d+(?:\.\d+|,\d{{1,2}}(?!\d))?|\.\d+|{WORD_NUMBER})"
_START = r"(?<![\w.$/€£,])"
_FRACTION = r"a\s+half|a\s+quarter|three\s+quarters"
_NOT_AMOUNT = r"(?!\s*(?:%|percent|million|billion|thousand|k\b|m\b|x\b|/|\d))"
# Words after which a number is a reference, not time: 'section 4.2', 'clause 12', 'Rule 12'.
_REFERENCE = re.compile(r"(?:\b(?:section|sections|sec|s|clause|clauses|rule|rules|paragraph|para|article|art|exhibit|"
                        r"exhibits|tab|page|pages|p|pp|item|items|no|number|version|v|schedule|lot|suite|unit|room|"
                        r"chapter|ch|count|counts|claim|question|step|phase|tranche|line|lines|cl|reg|form)\.?|§)\s*$",
                        re.IGNORECASE)
# A time of day, not a duration: 'at 3:30', 'until 4:00'.
_CLOCK_BEFORE = re.compile(r"\b(?:at|by|until|till|from|to|before|after|around|@)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    span: Span
    hours: Decimal
    form: str            # decimal | spoken | minutes | clock | units | itemized
    confidence: float


def _number(text: str) -> Decimal:
    t = text.strip().lower().replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", t):
        return Decimal(t)
    return Decimal(value(t))


def _fraction(text: str) -> Decimal:
    t = " ".join(text.lower().split())
    return {"a half": Decimal("0.5"), "a quarter": Decimal("0.25"), "three quarters": Decimal("0.75")}[t]


def _minutes(m: Decimal) -> Decimal:
    return (m / 60).quantize(Decimal("0.0001")).normalize()


def _point(m: re.Match) -> Decimal:
    whole = _number(m["i"]) if m["i"] and m["i"].lower() not in ("oh", "zero", "nought") else Decimal(0)
    frac = m["f"].lower()
    digits = frac if frac.isdigit() else "".join(str(value(w)) for w in frac.split())
    return whole + Decimal("0." + digits)


# (pattern, hours from the match, form, confidence): tried in this order; a longer hit wins over a shorter one.
_PATTERNS = [
    (rf"{_START}(?P<h>{_NUM}|an?)\s*(?:hours?|hrs?|h)\.?,?\s*(?:and\s+)?(?P<m>{_NUM})\s*(?:minutes?|mins?|m)\b",
     lambda m: _number(m["h"]) + _minutes(_number(m["m"])), "minutes", 0.95),
    (rf"{_START}(?:(?P<h>{_NUM})\s+and\s+(?P<f>{_FRACTION})\s+hours?"
     rf"|(?:(?P<h2>an?|{_NUM})\s+)?hours?\s+and\s+(?P<f2>{_FRACTION}))\b",
     lambda m: (_number(m["h"] or m["h2"] or "1") + _fraction(m["f"] or m["f2"])), "spoken", 0.95),
    (r"(?<!\w)(?:half\s+an\s+hour|(?:a\s+)?half[- ]hour)\b", lambda m: Decimal("0.5"), "spoken", 0.95),
    (r"(?<!\w)(?:(?:three|3)[- ]quarters?\s+of\s+an\s+hour)\b", lambda m: Decimal("0.75"), "spoken", 0.95),
    (r"(?<!\w)(?:(?:a|one)\s+)?quarter(?:\s+of\s+an|\s+an)?[- ]hour\b", lambda m: Decimal("0.25"), "spoken", 0.95),
    (rf"{_START}(?:(?P<h>{_NUM})\s*(?:hours?|hrs?|h)|(?P<a>an?)\s+hour)\b\.?",
     lambda m: _number(m["h"] or "1"), "decimal", 0.95),
    (rf"{_START}(?P<m>{_NUM})\s*(?:minutes?|mins?)\b|{_START}(?P<m2>\d+)m\b",
     lambda m: _minutes(_number(m["m"] or m["m2"])), "minutes", 0.95),
    (rf"{_START}(?P<t>{_NUM}|an?)[- ]tenths?(?:\s+of\s+an\s+hour)?\b",
     lambda m: _number(m["t"]) / 10, "spoken", 0.95),
    (rf"(?<![\w.])(?:(?P<i>{WORD_NUMBER}|\d+|oh|zero|nought)\s+)?point\s+(?P<f>{DIGIT_WORD}(?:\s+{DIGIT_WORD})?|\d+)\b"
     r"(?:\s+(?:hours?|hrs?)\b)?", _point, "spoken", 0.95),
    (r"(?<![\w.:/$])(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?![\d:])(?!\s*(?:am|pm|a\.m|p\.m|[-–]\s*\d|to\s+\d))"
     r"(?:\s*(?:hours?|hrs?|h)\b)?", lambda m: Decimal(m["h"]) + _minutes(Decimal(m["m"])), "clock", 0.9),
    (r"\(\s*(?P<d>\d*\.\d+|\d+(?:\.\d+)?\s*(?:hours?|hrs?|h))\s*\)",
     lambda m: _number(re.sub(r"[a-z\s]+$", "", m["d"].lower())), "itemized", 0.9),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), f, form, c) for p, f, form, c in _PATTERNS]
_UNITS = re.compile(rf"{_START}(?P<u>{_NUM})\s+units?\b", re.IGNORECASE)
_DECIMAL = r"(?P<d>\d+\.\d+|\.\d+|\d+,\d{1,2}(?!\d))"
_LEAD = re.compile(rf"{_DECIMAL}(?![\w/%$]|[.,]\d){_NOT_AMOUNT}")
_LEAD_WHOLE = re.compile(r"(?P<d>\d{1,2})(?![\w/%$.,])(?=\s*[-–—:,]|\s+(?:on|for|re|in)\b)")
_AFTER_WORD = re.compile(rf"\b(?:spent|for|billed|bill|log|logged|took|record|recorded|charge|approx\.?|approximately|"
                         rf"roughly|about)\s+{_DECIMAL}(?![\w/%$]|[.,]\d){_NOT_AMOUNT}", re.IGNORECASE)
_END = re.compile(rf"(?<![\w.$/]){_DECIMAL}\s*\.?\s*$")
# '3 hour video': hours describing a thing, not the time spent.
_ADJECTIVE = re.compile(r"\s+(?:long\s+)?(?:video|recording|notice|window|period|delay|drive|flight|trip|course|"
                        r"seminar|webinar|training|limit|rule|deadline|shift)\b", re.IGNORECASE)
_ANYWHERE = re.compile(rf"(?<![\w.$/€£,-]){_DECIMAL}(?![\w/%$-]|[.,]\d){_NOT_AMOUNT}")
_POINT_AFTER = re.compile(r"\b(?:the|this|that|a|each|every|any|some|one|which|what)\s*$", re.IGNORECASE)


def find(line: str, increment: Decimal = Decimal("0.1")) -> tuple[list[Hit], list[str]]:
    """Every duration said in the line, in order, and the durations refused as longer than a day (their text)."""
    hits: list[Hit] = []
    too_long: list[str] = []

    def add(span: Span, hours: Decimal, form: str, confidence: float) -> None:
        if hours > MAX_HOURS:
            too_long.append(span.text(line))
        elif hours > 0:
            hits.append(Hit(span, hours, form, confidence))

    for pattern, hours, form, confidence in _COMPILED:
        for m in pattern.finditer(line):
            if form == "clock" and _CLOCK_BEFORE.search(line[:m.start()]):
                continue
            if "point" in m.group(0).lower() and not m["i"] and _POINT_AFTER.search(line[:m.start()]):
                continue
            if _REFERENCE.search(line[:m.start()]):
                continue
            if form in ("decimal", "minutes") and _ADJECTIVE.match(line, m.end()):      # 'the 3 hour video'
                continue
            add(Span(m.start(), m.end()), hours(m), form, confidence)
    for m in _UNITS.finditer(line):
        add(Span(m.start(), m.end()), _number(m["u"]) * increment, "units", 0.8)
    _positional(line, add)
    if not hits:        # last resort: a decimal anywhere that is no reference ('OC call re depo 0.2 Baker')
        for m in _ANYWHERE.finditer(line):
            if not _REFERENCE.search(line[:m.start()]):
                add(Span(m.start(), m.end()), _number(m["d"]), "decimal", 0.6)
    return _non_overlapping(hits), too_long


def _positional(line: str, add) -> None:
    """Bare numbers where a duration stands: at the start of a part of the note, after 'spent'/'for', at the end."""
    starts = segment_starts(line)
    for i, pos in enumerate(starts):
        m = _LEAD.match(line, pos)
        if m:
            add(Span(m.start(), m.end()), _number(m["d"]), "decimal", 0.9)
        elif i == 0 or line[:pos].strip(" " + SEPARATORS) == "":
            m = _LEAD_WHOLE.match(line, pos)
            if m and 0 < int(m["d"]) <= 12:
                add(Span(m.start(), m.end()), _number(m["d"]), "decimal", 0.7)
    for m in _AFTER_WORD.finditer(line):
        add(Span(m.start("d"), m.end("d")), _number(m["d"]), "decimal", 0.85)
    m = _END.search(line)
    if m and not _REFERENCE.search(line[:m.start()]):
        add(Span(m.start("d"), m.end("d")), _number(m["d"]), "decimal", 0.8)


def _non_overlapping(hits: list[Hit]) -> list[Hit]:
    """Longest first where two readings overlap ('1h 12m' over '1h'), then in the order said."""
    chosen: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.span.end - h.span.start), h.span.start)):
        if not any(h.span.overlaps(c.span) for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.span.start)
