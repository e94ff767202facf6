"""Pure value cleaning for the matter import: text, IDs, slugs, names, money, booleans, statuses.

Every function here is deterministic and side-effect free, so converting the same export twice gives the same
output (docs/RULES.md). Nothing here knows a practice-management system: per-system vocabularies come in as
arguments (from the mapping files).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP
from functools import lru_cache
from typing import Iterable

# Letters NFKD does not decompose but every reader would spell in ASCII (Søren -> Soren, Straße -> Strasse).
_FOLD_EXTRA = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})
_FOLD_EXTRA_CHARS = re.compile("[" + "".join(map(chr, _FOLD_EXTRA)) + "]")
# The combining-mark blocks that accents decompose into (one C-level pass instead of a per-character loop).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# A run of characters CaseClock refuses, with any '-' right beside it (RULES: `00043 - Nguyen` -> `00043-Nguyen`).
_ID_OTHER = re.compile(r"[^A-Za-z0-9._]*[^A-Za-z0-9._-][^A-Za-z0-9._]*")
_SLUG_OTHER = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]+$")

# Entries kept by the caches below. Repeated values (one client's many matters) hit them; a 300,000-row export's
# unique names would not, and a bigger cache only holds memory for the whole job.
CACHE = 8192

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "x", "checked", "on", "t", "oui", "vrai"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "unchecked", "off", "f", "non", "faux", "n/a", "na", "-", ""})


def clean_text(value: str) -> str:
    """NFC, every whitespace run (line breaks, NBSP, tabs) -> one space, trimmed. Never re-cases."""
    if not value:
        return ""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


@lru_cache(maxsize=CACHE)
def ascii_fold(value: str) -> str:
    """Accents off (NFKD, combining marks dropped: É -> E), a few non-decomposing letters spelled out; other
    non-ASCII characters are left for the caller's rule to replace."""
    if value.isascii():
        return value
    if _FOLD_EXTRA_CHARS.search(value):
        value = value.translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = _COMBINING.sub("", decomposed)
    if stripped.isascii():
        return stripped
    return "".join(c for c in stripped if not unicodedata.combining(c))


def id_rule(value: str) -> str:
    """CaseClock's ID rule: only A-Z a-z 0-9 . _ -; every run of other characters (with the '-' beside it)
    becomes one '-', no '-' at either end (`C 1001` -> `C-1001`, `00043 - Nguyen` -> `00043-Nguyen`). Leading zeros
    and a valid ID's own '--' are kept."""
    # Most references are already valid and unique: one regex match answers them without touching the cache
    # (an LRU miss per unique value costs more than the check itself).
    if ID_PATTERN.match(value) and value[:1] != "-" and value[-1:] != "-":
        return value
    return _id_rewrite(value)


@lru_cache(maxsize=CACHE)
def _id_rewrite(value: str) -> str:
    """id_rule for a value that is not a valid ID as it stands (remembered: one client's references repeat)."""
    return _ID_OTHER.sub("-", ascii_fold(value)).strip("-")


def is_valid_id(value: str) -> bool:
    """Does CaseClock accept this as a Client ID / Matter ID as it stands?"""
    return bool(ID_PATTERN.match(value))


@lru_cache(maxsize=CACHE)
def slug(value: str, limit: int | None = None) -> str:
    """Deterministic ID from a name: ASCII-fold, lower-case, runs of non-alphanumerics -> '-', no '-' at the ends
    (`Lévesque, Hélène` -> `levesque-helene`). `limit` cuts the slug without leaving a trailing '-'."""
    out = _SLUG_OTHER.sub("-", ascii_fold(value).lower()).strip("-")
    if limit is not None and len(out) > limit:
        out = out[:limit].rstrip("-")
    return out


def person_name(last: str, first: str) -> str:
    """`Last, First` (just `Last`, or just `First`, when the other part is missing)."""
    last, first = clean_text(last), clean_text(first)
    if last and first:
        return f"{last}, {first}"
    return last or first


def client_display_name(order: Iterable[str], *, display: str = "", company: str = "", first: str = "",
                        last: str = "") -> str:
    """The client as the firm knows it, trying the mapping's order of display name / company / person parts."""
    for source in order:
        if source == "display" and display:
            display = clean_text(display)
            if display:
                return display
        if source == "company" and company:
            company = clean_text(company)
            if company:
                return company
        if source == "person":
            name = person_name(last, first)
            if name:
                return name
    return ""


def parse_bool(value: str) -> bool | None:
    """True / False for the usual spellings in any case; None when the cell is not a yes/no word."""
    word = clean_text(value).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


# ----------------------------------------------------------------------------------------------------------- money

_UNIT_WORDS = frozenset({"usd", "cad", "eur", "gbp", "aud", "nzd", "chf", "us", "ca", "hr", "hrs", "h", "hour",
                         "hours", "per", "an", "by", "the", "ph", "p", "hourly", "rate", "heure", "l'heure", "par"})
_NUMBER_CHUNK = re.compile(r"\d[\d.,'\u00a0\u202f\u2009 ]*\d|\d")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")


class MoneyError(ValueError):
    """The cell is not an amount (kept apart from 'no amount', which is an empty string)."""


@lru_cache(maxsize=4096)
def parse_money(value: str, decimal_separators: tuple[str, ...] = (".",),
                currency_symbols: tuple[str, ...] = ("$",)) -> str:
    """A money cell as a plain decimal with two places: `$1,250.00` -> `1250.00`, `1 250,00` -> `1250.00`,
    `350` -> `350.00`, `(12.50)` -> `-12.50`. Empty cell -> "". Raises MoneyError when it is not an amount.
    An ambiguous `1,250` is read with the first of `decimal_separators` (a thousands comma by default)."""
    text = clean_text(value)
    if not text:
        return ""
    chunks = _NUMBER_CHUNK.findall(text)
    if len(chunks) != 1:
        raise MoneyError(f"{text!r} is not an amount")
    chunk = chunks[0].rstrip()
    rest = text.replace(chunk, " ", 1)
    negative = False
    if "(" in rest and ")" in rest:
        negative, rest = True, rest.replace("(", " ").replace(")", " ")
    for symbol in sorted(currency_symbols, key=len, reverse=True):
        rest = rest.replace(symbol, " ")
    rest = rest.replace("/", " ")
    if rest.strip().startswith("-") or rest.strip().startswith("−"):
        negative, rest = True, rest.replace("-", " ", 1).replace("−", " ", 1)
    if any(word.casefold().strip(".:") not in _UNIT_WORDS for word in rest.split()):
        raise MoneyError(f"{text!r} is not an amount")
    number = _plain_number(chunk, decimal_separators)
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise MoneyError(f"{text!r} is not an amount") from None
    if negative:
        amount = -amount
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _plain_number(chunk: str, decimal_separators: tuple[str, ...]) -> str:
    """Digits with thousands separators removed and '.' as the decimal point."""
    digits = re.sub(r"[\s'\u00a0\u202f\u2009]", "", chunk)
    has_dot, has_comma = "." in digits, "," in digits
    if has_dot and has_comma:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return digits.replace(thousands, "").replace(decimal, ".")
    if has_comma:
        if _THOUSANDS_COMMA.match(digits) and decimal_separators[:1] != (",",):
            return digits.replace(",", "")
        if digits.count(",") == 1:
            return digits.replace(",", ".")
        raise MoneyError(f"{chunk!r} is not an amount")
    if has_dot and (digits.count(".") > 1):
        if _THOUSANDS_DOT.match(digits):
            return digits.replace(".", "")
        raise MoneyError(f"{chunk!r} is not an amount")
    return digits


def mentions_any(value: str, words: Iterable[str]) -> bool:
    """Does the cell name one of these words (whole words, any case)? Used for 'flat fee' / 'contingency'."""
    return _mentions(value, tuple(words))


@lru_cache(maxsize=4096)
def _mentions(value: str, words: tuple[str, ...]) -> bool:
    pattern = _words_pattern(words)
    return bool(pattern and pattern.search(ascii_fold(clean_text(value)).lower()))


@lru_cache(maxsize=64)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One regex for a vocabulary: words as whole words, inner spacing/punctuation loose (`flat-fee` = `flat fee`)."""
    parts = [r"[^a-z0-9]+".join(map(re.escape, _SLUG_OTHER.sub(" ", ascii_fold(w).lower()).split()))
             for w in words if w.strip()]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z0-9])") if parts else None
