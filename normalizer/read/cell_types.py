"""What kind of value a cell holds, judged by its text alone.

Used by the dialect stage: the right dialect cuts lines into cells that look like values (numbers, dates, words)
and keeps each column to one kind; a wrong one leaves quote marks and other delimiters inside cells.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Any lone symbol may stand for a currency: sign of any script, or a U+FFFD left by a wrong decoding.
_CURRENCY = r"[^\w\s,;|\"'.+-]|R\$|CHF|EUR|USD|CAD|GBP"
_NUMBER = re.compile(
    r"[(]?[+-]?(?:(?:%s)\s?)?"                       # sign, currency before
    r"(?:\d{1,3}(?:[,.'\u00a0\u202f ]\d{3})+|\d+)?"  # integer part, maybe with thousands separators
    r"(?:[.,]\d+)?"                                  # fraction (point or comma)
    r"(?:[eE][+-]?\d+)?"                             # exponent
    r"\s?(?:%%|‰|(?:%s))?[)]?" % (_CURRENCY, _CURRENCY)
)
_DIGIT = re.compile(r"\d")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc)[a-zéû]*\.?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[ap]\.?m\.?)?(?:\s?(?:z|utc|[+-]\d{2}:?\d{2}))?"
_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"                     # 2026-11-03
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"                     # 03/11/2026, 3.11.26
    r"|\d{1,2}[-\s]%s[-\s,]*\d{2,4}"                        # 3 Nov 2026, 03-nov-26
    r"|%s\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}"                # November 3, 2026
    r"|\d{4}\d{2}\d{2}"                                     # 20261103 (also an integer)
    r"|\d{4}-\d{2})" % (_MONTH, _MONTH)
)
_DATETIME = re.compile(r"(?:%s)(?:[ T]%s)?|%s" % (_DATE, _TIME, _TIME), re.IGNORECASE)
# What a wrong cut leaves behind: a tab, a comma/semicolon glued to the next word (people put a space after
# them), or a backslash before a quote (an escape that was not undone).
_MISCUT = re.compile(r"\t|[,;](?!\s)|\\[\"']|\\$")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Flags, missing-value marks, and ditto marks (a lone " or ' under the cell above).
_CONSTANTS = frozenset("true false yes no y n t f oui non na n/a nan null none nil - -- . ? x \" '".split())


@lru_cache(maxsize=65536)
def cell_type(cell: str) -> str:
    """One of: empty, number, date, constant, json, url, email, text, other ("other" means it looks mis-cut)."""
    value = cell.strip()
    if not value or value in ("''", '""'):
        return "empty"
    lower = value.lower()
    if lower in _CONSTANTS:
        return "constant"
    if value[0] in "\"'" or value[-1] == '"':
        return "other"  # a quote mark left in a cell: the quoting was not undone
    if _DIGIT.search(value):
        if _NUMBER.fullmatch(value):
            return "number"
        if _DATETIME.fullmatch(lower):
            return "date"
    if value[0] + value[-1] in ("{}", "[]"):
        return "json"
    if _URL.fullmatch(value):
        return "url"
    if _EMAIL.fullmatch(value):
        return "email"
    if _MISCUT.search(value) or not _balanced(value):
        return "other"
    return "text"


def _balanced(value: str) -> bool:
    """A cut through "(48.7 9.1, 48.8 9.2)" leaves a bracket open in one cell and shut in the next."""
    return value.count("(") == value.count(")") and value.count("[") == value.count("]")
