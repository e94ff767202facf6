"""Reading the columns of a layout from no known system (a firm's own sheet) when their headers are not one of the
synonyms' exact names: by the header's words, then by the column's values, then by position as a last resort.

Every choice carries a reason and a confidence (shown by Plan.column_reasons(); below LOW it is also a warning), and
so does every column left out. The words and value lists are data (mappings/words.toml); no system is named here.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping as MappingT, Sequence

from .clean import MoneyError, ascii_fold, clean_text, parse_bool, parse_money
from .mappings import FIELDS, Mapping, default_directory

LOW = 0.7                 # a column read with less confidence than this is a warning, not only a reason
WORDS_FILE = "words.toml"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN = re.compile(r"#|\$|n°|nº|no\.|[a-z0-9]+")
_SAMPLE = 200
# What a column's values look like -> the field it would fill (when its header decides nothing).
_CLASS_FIELD = {"jurisdiction": "jurisdiction", "status": "status", "rate": "rate", "practice": "practice_area",
                "id-unique": "matter_ref", "id-repeated": "client_ref", "person": "client_name",
                "company": "client_name", "text": "matter_name"}
_CLASS_WORDS = {"jurisdiction": "provinces/states", "status": "matter statuses", "rate": "hourly rates",
                "practice": "practice areas", "id-unique": "one reference per row",
                "id-repeated": "references repeated over rows", "person": "people's names",
                "company": "company names", "text": "descriptions", "initials": "initials (like a lawyer's)",
                "date": "dates", "email": "e-mail addresses", "phone": "phone numbers", "bool": "yes/no values"}
_LABEL = {"matter_ref": "Matter ID", "matter_name": "matter name", "client_ref": "Client ID",
          "client_name": "client name", "client_company": "client's company name", "client_first": "client's first "
          "name", "client_middle": "client's middle name", "client_last": "client's last name", "status": "status",
          "closed_flag": "closed flag", "open_flag": "active flag", "practice_area": "practice area",
          "jurisdiction": "jurisdiction", "rate": "hourly rate", "billing_method": "billing method"}


@dataclass(frozen=True)
class Reading:
    """How one column was read: the field it feeds (None: not used), why, how sure, and by what."""
    field: str | None
    reason: str
    confidence: float
    by: str             # "words" | "spelling" | "values" | "position" | "none"
    meant: str | None = None    # a column not used: the field it would have fed (another column gives it)


@dataclass(frozen=True)
class Words:
    """mappings/words.toml as plain values."""
    ideas: MappingT[str, str]                          # word -> idea
    ignore: frozenset[str]
    blocking: MappingT[str, str]                       # idea -> reason shown when it stops every reading
    readings: MappingT[str, tuple[frozenset[str], ...]]
    unless: MappingT[str, frozenset[str]]
    jurisdictions: frozenset[str]
    practice: frozenset[str]
    company: frozenset[str]


def label(field: str) -> str:
    """A field in words, for reasons and messages."""
    return _LABEL.get(field, field.replace("_", " "))


@lru_cache(maxsize=4)
def load_words(directory: str | None = None) -> Words:
    path = Path(directory or default_directory()) / WORDS_FILE
    if not path.exists():
        path = default_directory() / WORDS_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    ideas: dict[str, str] = {}
    for idea, words in data["ideas"].items():
        if idea == "ignore":
            continue
        for w in words:
            ideas.setdefault(_fold(w), idea)
    fields = data.get("fields", {})
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"{WORDS_FILE}: unknown field(s) {sorted(unknown)}")
    values = data.get("values", {})
    return Words(
        ideas=ideas, ignore=frozenset(_fold(w) for w in data["ideas"].get("ignore", ())),
        blocking=dict(data.get("blocking", {})),
        readings={f: tuple(frozenset(r) for r in t.get("readings", ())) for f, t in fields.items()},
        unless={f: frozenset(t.get("unless", ())) for f, t in fields.items()},
        jurisdictions=frozenset(_place_key(w) for w in values.get("jurisdiction", {}).get("words", ())),
        practice=frozenset(_stem(_fold(w)) for w in values.get("practice_area", {}).get("words", ())),
        company=frozenset(_fold(w) for w in values.get("company", {}).get("words", ())))


def words_for(mapping: Mapping | None) -> Words:
    """The word lists beside the mapping files in use (a test's own folder falls back to the shipped ones)."""
    return load_words(str(Path(mapping.path).parent) if mapping is not None and mapping.path else None)


# ------------------------------------------------------------------------------------------------ header words

def _fold(word: str) -> str:
    return ascii_fold(word).casefold().strip()


def _stem(word: str) -> str:
    """Singular of an English or French word, enough to compare header words (`Matters` = `Matter`,
    `Categories` = `Category`, `Dossiers` = `Dossier`, `Honoraires` = `Honoraire`)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("aux"):
        return word[:-1] + "l"       # "généraux" -> "general"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(header: str) -> list[str]:
    """A header cut into folded, singular words; `#`, `N°` and `No.` become "#" (a number), `$` stays."""
    text = _CAMEL.sub(" ", header or "")
    text = ascii_fold(text).casefold().replace("º", "o")
    out = []
    for t in _TOKEN.findall(text):
        if t in ("n°", "nº", "no."):
            t = "#"
        out.append(_stem(t))
    return out


def ideas_of(header: str, words: Words) -> tuple[frozenset[str], int, int]:
    """(ideas, known words, unknown words) of a header."""
    ideas, known, unknown = set(), 0, 0
    for t in tokens(header):
        if t in words.ignore:
            continue
        idea = words.ideas.get(t)
        if idea is None:
            unknown += 1
        else:
            ideas.add(idea)
            known += 1
    return frozenset(ideas), known, unknown


def by_words(header: str, words: Words) -> tuple[list[str], float, str]:
    """(fields the header's words read equally well, confidence, reason). Empty fields with a reason: a blocking
    idea (a person, a date...) rules every field out; empty reason: the words say nothing."""
    ideas, known, unknown = ideas_of(header, words)
    if not ideas:
        return [], 0.0, ""
    best, best_size = [], 0
    for field in FIELDS:
        if ideas & words.unless.get(field, frozenset()):
            continue
        for reading in words.readings.get(field, ()):
            if reading <= ideas and not (ideas - reading) & words.blocking.keys():
                if len(reading) > best_size:
                    best, best_size = [field], len(reading)
                elif len(reading) == best_size and field not in best:
                    best.append(field)
    if not best:
        blocked = [words.blocking[i] for i in sorted(ideas) if i in words.blocking]
        return [], 0.0, blocked[0] if blocked else ""
    explained = best_size / len(ideas)
    coverage = known / (known + unknown)
    confidence = 0.45 + 0.25 * explained * coverage + 0.1 * min(best_size, 2)
    shown = ", ".join(repr(t) for t in tokens(header) if t in words.ideas)
    reason = f"its words ({shown}) mean the {label(best[0])}" if len(best) == 1 else \
        f"its words ({shown}) could mean the {' or the '.join(label(f) for f in best)}"
    return best, round(confidence, 3), reason


# ------------------------------------------------------------------------------------------------ values

_PERSON = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){1,3}\.?$")
_PERSON_COMMA = re.compile(r"^[^\W\d_][^\W\d_'’ .-]*, ?[^\W\d_][^\W\d_'’ .-]*$")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_DATE = re.compile(r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}[- ][A-Za-z]{3,9}[- ]?\d{0,4}|[A-Za-z]{3,9}[- ]\d{1,4})"
                   r"(?:[ T]\d{1,2}:\d{2}.*)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[\d ()./-]{7,}$")
_ID = re.compile(r"^[\w./#:-]{3,24}$")


def _place_key(value: str) -> str:
    return " ".join(re.sub(r"[.]", "", _fold(value)).replace("-", " ").split())


def classify(values: Sequence[str], words: Words, status_vocab=None) -> tuple[str | None, float]:
    """What a column's (non-empty, cleaned) values look like, and the share that do."""
    if not values:
        return None, 0.0
    n = len(values)

    def share(test) -> float:
        return sum(1 for v in values if test(v)) / n

    checks = (
        ("jurisdiction", lambda v: _place_key(v) in words.jurisdictions, 0.8),
        ("status", lambda v: status_vocab is not None and status_vocab.classify(v)[1], 0.8),
        ("email", _EMAIL.match, 0.8), ("date", _DATE.match, 0.8), ("bool", lambda v: parse_bool(v) is not None, 0.9),
        ("rate", _looks_like_rate, 0.8), ("initials", _INITIALS.match, 0.8),
        ("phone", lambda v: _PHONE.match(v) and sum(c.isdigit() for c in v) >= 7, 0.8),
    )
    for name, test, floor in checks:
        s = share(test)
        if s >= floor:
            if name == "rate" and not _rates_not_ids(values):
                continue
            return name, s
    s = share(lambda v: _ID.match(v) and any(c.isdigit() for c in v))
    if s >= 0.8:
        distinct = len(set(values)) / n
        return ("id-unique" if distinct >= 0.9 else "id-repeated"), s
    s = share(lambda v: _practice(v, words))
    if s >= 0.6 and sum(len(v.split()) for v in values) / n <= 4:
        return "practice", s
    company = share(lambda v: _company(v, words))
    person = share(lambda v: not _company(v, words) and bool(_PERSON.match(v) or _PERSON_COMMA.match(v)))
    if person + company >= 0.8 and person >= 0.3:
        return "person", person + company
    if company >= 0.6:
        return "company", company
    s = share(lambda v: any(c.isalpha() for c in v) and len(v.split()) >= 2)
    if s >= 0.6:
        return "text", s
    return None, 0.0


def _looks_like_rate(value: str) -> bool:
    try:
        amount = parse_money(value, (".", ","), ("$", "£", "€", "CAD", "USD", "EUR", "GBP", "AUD"))
    except MoneyError:
        return False
    if not amount or value.lstrip("$£€ ").startswith("0"):
        return False
    return 10 <= float(amount) <= 5000


def _rates_not_ids(values: Sequence[str]) -> bool:
    """Rates repeat or carry a currency sign or cents; a run of distinct whole numbers is more likely IDs or years."""
    if any(not v.replace(",", "").isdigit() for v in values):
        return True
    return len(set(values)) / len(values) <= 0.7


def _practice(value: str, words: Words) -> bool:
    return any(_stem(t) in words.practice for t in re.findall(r"[a-z]+", _fold(value)))


def _company(value: str, words: Words) -> bool:
    return any(t in words.company for t in re.findall(r"[a-z&]+", _fold(value)))


# ------------------------------------------------------------------------------------------------ the reading

def read_columns(header: Sequence[str], rows: Sequence[Sequence[str]], taken: MappingT[str, tuple[int, ...]],
                 words: Words, status_vocab=None, fuzzy=None) -> tuple[dict[str, tuple[int, ...]], dict[int, Reading]]:
    """Fields for the columns `taken` (the exact synonyms) left over, and a Reading for every column they did not
    take. `fuzzy(index) -> (field, word) | None` is tried for a column whose words say nothing."""
    columns = {f: tuple(i) for f, i in taken.items()}
    claimed = {i for idx in columns.values() for i in idx}
    readings: dict[int, Reading] = {}
    samples = {}

    def values(i: int) -> list[str]:
        if i not in samples:
            samples[i] = [v for v in (clean_text(r[i]) for r in rows[:_SAMPLE] if i < len(r)) if v]
        return samples[i]

    def kind(i: int) -> tuple[str | None, float]:
        key = ("class", i)
        if key not in samples:
            samples[key] = classify(values(i), words, status_vocab)
        return samples[key]

    def take(i: int, field: str, reason: str, confidence: float, by: str) -> None:
        holder = columns.get(field)
        if holder:
            other = header[holder[0]] or f"column {holder[0] + 1}"
            readings[i] = Reading(None, f"{reason}, but column {other!r} already gives it", confidence, "none",
                                  field)
            return
        columns[field] = (i,)
        readings[i] = Reading(field, reason, confidence, by)

    def spelled(i: int) -> bool:
        close = fuzzy(i) if fuzzy is not None else None
        if close is not None and not columns.get(close[0]):
            take(i, close[0], f"similar to the known column name {close[1]!r}", 0.6, "spelling")
            return True
        return False

    # 1. a close spelling of a known name for a header with a word not known (a typo: `Clinet Name`), then the
    # header words, surest first, so the better of two columns for one field gets it
    open_columns = [i for i in range(len(header)) if i not in claimed]
    for i in open_columns:
        if ideas_of(header[i], words)[2]:
            spelled(i)
    verdicts = {i: by_words(header[i], words) for i in open_columns if i not in readings}
    for i in sorted(verdicts, key=lambda i: (-verdicts[i][1], i)):
        fields, confidence, reason = verdicts[i]
        if len(fields) == 1:
            take(i, fields[0], reason, confidence, "words")
        elif fields:
            cls, s = kind(i)
            field = _CLASS_FIELD.get(cls or "")
            if field in fields:
                take(i, field, f"{reason}; its values look like {_CLASS_WORDS[cls]} ({s:.0%})",
                     round(min(confidence, 0.5 + 0.3 * s), 3), "words")
            else:
                readings[i] = Reading(None, f"{reason}; its values settle neither, so it is not used", confidence,
                                      "none")
        elif reason:
            readings[i] = Reading(None, reason, 0.9, "none")
    # 2. close spelling of a known name, for headers whose words say nothing
    for i in open_columns:
        if i not in readings:
            spelled(i)
    # 3. values, for the columns whose header says nothing: only fields no column gives yet
    for i in open_columns:
        if i in readings:
            continue
        cls, s = kind(i)
        field = _CLASS_FIELD.get(cls or "")
        if field is not None and not columns.get(field) and not (field == "client_name" and _has_client(columns)):
            name = header[i] or f"column {i + 1}"
            why = f"its name {name!r} says nothing known, but its values look like {_CLASS_WORDS[cls]} ({s:.0%})"
            take(i, field, why, round(0.35 + 0.3 * s, 3), "values")
        elif cls is not None:
            readings[i] = Reading(None, f"its values look like {_CLASS_WORDS[cls]}, and no CaseClock field is left for "
                                  "them" if field else f"its values look like {_CLASS_WORDS[cls]}: CaseClock's import "
                                  "has no column for them", 0.6, "none")
    # 4. position: a table with still no client or no matter column takes unnamed columns in CaseClock's order
    # (only beside a client or a matter column found otherwise: a table where nothing is known is refused)
    wanted = [f for f, have in (("client_name", _has_client(columns)), ("matter_name", _has_matter(columns)))
              if not have]
    spare = [i for i in open_columns if i not in readings and values(i)
             and sum(any(c.isalpha() for c in v) for v in values(i)) >= 0.8 * len(values(i))]
    if len(wanted) == 2:
        spare = []
    for field, i in zip(wanted, spare):
        name = header[i] or f"column {i + 1}"
        take(i, field, f"nothing in its name {name!r} or its values says what it holds; taken as the "
                       f"{label(field)} by its position (CaseClock's order: client, then matter)", 0.3, "position")
    for i in open_columns:
        readings.setdefault(i, Reading(None, "no CaseClock field matches this column's name or values", 0.5, "none"))
    return columns, readings


def _has_client(columns) -> bool:
    return any(columns.get(f) for f in ("client_ref", "client_name", "client_company", "client_first",
                                        "client_last"))


def _has_matter(columns) -> bool:
    return any(columns.get(f) for f in ("matter_ref", "matter_name"))
