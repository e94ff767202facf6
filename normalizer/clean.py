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


# ----------------------------------------------------------------------------------------------------------- limits

# The longest value CaseClock's import file may hold in one cell: Excel's own cell limit, so the file opens whole in
# the spreadsheet the firm checks it in. `matters` cuts longer names to it and `check` refuses longer cells: one
# constant, so `matters` never writes a file `check` rejects.
FIELD_LIMIT = 32_767


def cut(value: str, limit: int = FIELD_LIMIT) -> str:
    """A value cut to `limit` characters, the last one an ellipsis so a reader sees it was cut."""
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


# ----------------------------------------------------------------------------------------------- names in any script

# Greek (ELOT 743 / ISO 843, type 2) and Cyrillic (ICAO 9303: the passport transliteration) letters -> ASCII, for
# IDs made from names. Accents were already taken off (NFKD), so `ά` is `α` and `й` is `и` here.
_GREEK_PAIRS = (("ου", "ou"), ("γγ", "ng"), ("γκ", "gk"), ("γξ", "nx"), ("γχ", "nch"), ("μπ", "mp"), ("ντ", "nt"))
_GREEK_VOICELESS = set("θκξπστφχψ")
_TRANSLIT = str.maketrans({
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l",
    "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f",
    "χ": "ch", "ψ": "ps", "ω": "o",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i",
    "є": "ie", "ґ": "g", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѕ": "dz",
})
_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u03ff\u0400-\u04ff]")
_GREEK_U = re.compile("([αεη])υ(.?)")
_HASH_LENGTH = 8


def _greek_u(match: re.Match) -> str:
    """αυ/ευ/ηυ: `av`/`ev`/`iv` before a vowel or voiced consonant, `af`/`ef`/`if` before a voiceless one or at
    the end of a word (ELOT 743)."""
    vowel, after = match.group(1), match.group(2)
    sound = "f" if not after or after in _GREEK_VOICELESS or not after.isalpha() else "v"
    return {"α": "a", "ε": "e", "η": "i"}[vowel] + sound + after


def transliterate(value: str) -> str:
    """Greek and Cyrillic letters spelled in ASCII (lower case); other text is returned folded and lower-cased."""
    text = ascii_fold(value).lower()
    if not _GREEK_OR_CYRILLIC.search(text):
        return text
    text = _GREEK_U.sub(_greek_u, text)
    for pair, latin in _GREEK_PAIRS:
        text = text.replace(pair, latin)
    return text.translate(_TRANSLIT)


@lru_cache(maxsize=CACHE)
def name_id(name: str, limit: int | None = None, prefix: str = "") -> tuple[str, str]:
    """An ID made from a name, stable whatever the row order: (slug, how). how = "" (the usual slug:
    `Lévesque, Hélène` -> `levesque-helene`), "transliterated" (Greek, Cyrillic: `Παπαδόπουλος` -> `papadopoulos`)
    or "hashed" (a script with no standard spelling here, such as Chinese or Arabic: the Latin part, if any, then a
    short hash of the whole name; `prefix` stands in for an empty Latin part: `client-3f1c0a9e`)."""
    plain = slug(name, limit)
    if name.isascii():
        return plain, ""
    spelled = transliterate(name)
    how = "transliterated" if _GREEK_OR_CYRILLIC.search(ascii_fold(name).lower()) else ""
    lost = not spelled.isascii() and any(not c.isascii() and (c.isalpha() or c.isdigit()) for c in spelled)
    if not how and not lost:
        return plain, ""
    latin = _SLUG_OTHER.sub("-", "".join(c if c.isascii() else " " for c in spelled)).strip("-")
    if not lost:
        if limit is not None and len(latin) > limit:
            latin = latin[:limit].rstrip("-")
        return latin, how
    import hashlib
    digest = hashlib.sha256(clean_text(name).encode("utf-8")).hexdigest()[:_HASH_LENGTH]
    if limit is not None and len(latin) > limit - _HASH_LENGTH - 1:
        latin = latin[:max(limit - _HASH_LENGTH - 1, 0)].rstrip("-")
    head = latin or prefix
    return (f"{head}-{digest}" if head else digest), "hashed"


# ----------------------------------------------------------------------------------------------- IDs Excel damaged

_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|fevr|fev|mars|avr|mai|juin|juil|aout|"
           "déc|dec|févr")
_ID_AS_DATE = re.compile(rf"^(?:\d{{1,2}}[- ](?:{_MONTHS})\.?(?:[- ]\d{{2,4}})?|(?:{_MONTHS})\.?[- ]\d{{1,4}}|"
                         r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}(?:[ T]00:00(?::00)?)?)$", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$", re.IGNORECASE)


def looks_like_date_id(value: str) -> bool:
    return bool(_ID_AS_DATE.match(value.strip()))


def id_shape(values: Iterable[str]) -> tuple[float, int]:
    """What a column's IDs look like, from a sample: (share that look like dates, the width of zero-padded
    all-digit IDs when most of them are: 5 for `00121`, `00122`; 0 when they are not)."""
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        return 0.0, 0
    dates = sum(1 for v in values if looks_like_date_id(v)) / len(values)
    digits = [v for v in values if v.isdigit()]
    padded = [v for v in digits if v.startswith("0") and len(v) > 1]
    widths = {len(v) for v in padded}
    width = 0
    if len(padded) >= 2 and len(widths) == 1 and len(padded) >= 0.6 * len(digits):
        width = widths.pop()
    return dates, width


def excel_damage(value: str, shape: tuple[float, int]) -> str | None:
    """Why an ID looks damaged by a spreadsheet (never repaired: the real value is lost), or None. `shape` is
    id_shape() of the column: a date is damage only where the other IDs are not dates, a short number only where
    the others keep their leading zeros."""
    text = value.strip()
    if _SCIENTIFIC.match(text):
        return (f"{text!r} is a number Excel wrote in scientific notation; the ID's real digits are lost (never "
                "guessed back)")
    dates, width = shape
    if dates < 0.5 and looks_like_date_id(text):
        return (f"{text!r} is a date, and the column's other IDs are not: Excel probably turned an ID such as "
                "'1-12' or '12/3' into a date")
    if width and text.isdigit() and len(text) < width:
        return (f"{text!r} is shorter than the column's other IDs, which keep their leading zeros (width {width}): "
                f"Excel probably dropped them (was it {text.zfill(width)!r}?)")
    return None
