"""Where time entries go: the `[time_entries]` table of each mapping file, read into a plain spec, and the generic
column writer it drives. What a system's file looks like lives in mappings/*.toml (see mappings/TIME_ENTRIES.md);
this module only knows how to fill columns from a prepared entry.
"""
from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..errors import InputError
from ..resolve import Matter, Resolution

SUPPORT_LEVELS = ("documented", "seen-in-public-code", "third-party-doc", "migration-template", "no-file-import",
                  "own-format", "standard")

# Entry fields a column may name (TIME_ENTRIES.md lists them with their meaning).
FIELDS = ("date", "hours", "hours_whole", "minutes_part", "description", "timekeeper", "timekeeper_last_first",
          "rate", "amount", "activity_code", "utbms_activity", "utbms_task", "client", "matter", "client_id",
          "client_name", "matter_id", "matter_name", "billable", "non_billable", "sequence", "line", "const")


@dataclass
class Entry:
    """One time entry after reading and review; what every target writes from."""
    line: int
    date: dt.date | None = None
    date_text: str = ""
    date_format: str = ""            # the strftime pattern the source date was written in (for keep_source)
    hours: Decimal | None = None     # after rounding
    hours_text: str = ""
    hours_before: Decimal | None = None
    client: str = ""                 # as written
    matter: str = ""                 # as written
    description: str = ""
    timekeeper: str = ""
    rate: Decimal | None = None
    rate_text: str = ""
    rate_from: str = ""              # "entry" | "matter list" | ""
    activity_code: str = ""          # as written
    utbms_task: str = ""
    utbms_activity: str = ""
    timekeeper_id: str = ""          # optional extra input columns (LEDES)
    timekeeper_class: str = ""
    billable: bool = True
    resolution: Resolution | None = None
    rejected: bool = False
    _amount_key: tuple | None = field(default=None, repr=False, compare=False)
    _amount: Decimal | None = field(default=None, repr=False, compare=False)

    @property
    def record(self) -> Matter | None:
        return self.resolution.matter if self.resolution else None

    @property
    def amount(self) -> Decimal | None:
        """hours x rate to the cent; cached per (hours, rate) because every target and total asks for it."""
        if self.hours is None or self.rate is None:
            return None
        key = (self.hours, self.rate)
        if self._amount_key != key:
            self._amount_key, self._amount = key, money(self.hours * self.rate)
        return self._amount


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    const: str = ""
    max_length: int | None = None


@dataclass(frozen=True)
class Spec:
    """A target's layout, read from `[time_entries]` of mappings/<id>.toml."""
    target: str
    label: str
    support: str
    evidence: str
    notes: tuple[str, ...]
    filename: str
    columns: tuple[Column, ...]
    format: str = "csv"                       # csv | xlsx (an xlsx target also ships the same table as CSV)
    header: bool = True
    sheet: str = "Sheet1"
    date_format: str = "%Y-%m-%d"
    date_format_option: bool = True
    hours_decimals: int = 2
    hours_fixed: bool = False
    money_decimals: int = 2
    true: str = "TRUE"
    false: str = "FALSE"
    rate_required: bool = False
    description_max: int | None = None
    one_line: bool = True
    activity_vocabulary: str = "any"          # any | utbms
    matter_field: str = "matter_id"           # the column value the target's import matches on
    splittable: bool = False                  # --split-by-timekeeper allowed
    group_by: str = ""                        # "" | "matter"
    keep_source: bool = False                 # unchanged date/hours/rate keep their source text (round trips)
    system: str = ""                          # the product's name in messages ("MyCase"); default: label
    round: str = "up"                         # --round when not given (CaseClock -> CaseClock: none)
    matter_ref_pattern: str = r"^(?=.*\d)[^\s#]+$"   # what a system reference looks like (checked without --matters)
    timekeeper_missing: str = ""              # warning `timekeeper-missing` with this text when an entry has none
    aliases: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()   # extra text files shipped with the output (name, text)


def mappings_dir() -> Path:
    from ..mappings import default_directory
    return default_directory()


def load_specs(directory: Path | None = None) -> dict[str, Spec]:
    """Every mapping file's `[time_entries]` table, by target name (aliases included); the files are read once
    (mappings.toml_files)."""
    from ..mappings import toml_files
    directory = Path(directory) if directory else mappings_dir()
    try:
        files = toml_files(str(directory.resolve()))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"mapping file is not valid TOML: {exc}", file=str(directory), code="bad-mapping")
    specs: dict[str, Spec] = {}
    for path, data in files:
        table = data.get("time_entries")
        if not table:
            continue
        spec = _spec(path.stem, table, str(path))
        for name in (spec.target, *spec.aliases):
            specs[name] = spec
    return specs


def _spec(stem: str, t: dict, where: str) -> Spec:
    def need(key):
        if key not in t:
            raise InputError(f"[time_entries] lacks `{key}`", file=where, code="bad-mapping")
        return t[key]
    columns = []
    for c in need("columns"):
        f = c.get("field", "const")
        if f not in FIELDS:
            raise InputError(f"[time_entries] column {c.get('header')!r}: unknown field {f!r}", file=where,
                             code="bad-mapping")
        columns.append(Column(c["header"], f, c.get("const", ""), c.get("max_length")))
    support = need("support")
    if support not in SUPPORT_LEVELS:
        raise InputError(f"[time_entries] support {support!r} is not one of {SUPPORT_LEVELS}", file=where,
                         code="bad-mapping")
    simple = {k: t[k] for k in ("format", "header", "sheet", "date_format", "date_format_option", "hours_decimals",
                                 "hours_fixed", "money_decimals", "true", "false", "rate_required", "description_max",
                                 "one_line", "activity_vocabulary", "matter_field", "splittable", "group_by",
                                 "keep_source", "system", "round", "matter_ref_pattern", "timekeeper_missing")
              if k in t}
    if simple.get("round", "up") not in ("up", "nearest", "none"):
        raise InputError(f"[time_entries] round {simple['round']!r} is not up, nearest or none", file=where,
                         code="bad-mapping")
    return Spec(target=t.get("target", stem), label=need("label"), support=support, evidence=need("evidence"),
                notes=tuple(t.get("notes", ())), filename=need("filename"), columns=tuple(columns),
                aliases=tuple(t.get("aliases", ())),
                files=tuple((f["name"], f["text"]) for f in t.get("files", ())), **simple)


# -- formatting ------------------------------------------------------------------------------------------------
_QUANTA = {n: Decimal(1).scaleb(-n) for n in range(0, 7)}


def money(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(_QUANTA.get(places) or Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain_number(value: Decimal, *, min_places: int = 0, max_places: int | None = None) -> str:
    """Digits, '.', '-' only: `1.50` -> `1.5`, `2` -> `2` (or `2.0` with min_places=1)."""
    if max_places is not None:
        value = money(value, max_places)
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    places = len(text.split(".")[1]) if "." in text else 0
    if places < min_places:
        text += ("." if places == 0 else "") + "0" * (min_places - places)
    return text


@functools.lru_cache(maxsize=1 << 14)
def format_date(value: dt.date, fmt: str) -> str:
    """strftime, plus %-m and %-d for unpadded month and day on every platform (remembered: a file's entries fall
    on a few hundred days)."""
    return value.strftime(fmt.replace("%-m", str(value.month)).replace("%-d", str(value.day)))


def last_first(name: str) -> str:
    """'Jane Q. Smith' -> 'Smith, Jane Q.'; names already holding a comma, or one word, stay."""
    name = " ".join(name.split())
    if "," in name or " " not in name:
        return name
    first, last = name.rsplit(" ", 1)
    return f"{last}, {first}"


def cell(entry: Entry, col: Column, spec: Spec, *, sequence: int, date_format: str) -> str:
    f = col.field
    rec = entry.record
    if f == "const":
        return col.const
    if f == "date":
        if spec.keep_source and (date_format == "source" or entry.date_format == date_format) and entry.date_text:
            return entry.date_text.strip()
        if date_format == "source":
            return format_date(entry.date, entry.date_format or "%Y-%m-%d")
        return format_date(entry.date, date_format)
    if f == "hours":
        if spec.keep_source and entry.hours == entry.hours_before and _plain(entry.hours_text):
            return entry.hours_text
        return plain_number(entry.hours, min_places=spec.hours_decimals if spec.hours_fixed else 1,
                            max_places=spec.hours_decimals)
    if f == "hours_whole":
        return str(int(entry.hours))
    if f == "minutes_part":
        return str(int(((entry.hours - int(entry.hours)) * 60).to_integral_value(ROUND_HALF_UP)))
    if f == "rate":
        if entry.rate is None:
            return ""
        if spec.keep_source and entry.rate_from == "entry" and _plain(entry.rate_text):
            return entry.rate_text
        return f"{money(entry.rate, spec.money_decimals):f}"
    if f == "amount":
        amount = entry.amount
        return "" if amount is None else f"{money(amount, spec.money_decimals):f}"
    if f == "description":
        return entry.description
    if f == "timekeeper":
        return entry.timekeeper
    if f == "timekeeper_last_first":
        return last_first(entry.timekeeper)
    if f == "activity_code":
        return entry.activity_code
    if f == "utbms_activity":
        return entry.utbms_activity
    if f == "utbms_task":
        return entry.utbms_task
    if f == "client":
        if rec is None:
            return entry.client
        return entry.client if entry.client in (rec.client_name, rec.client_id) else rec.client_name
    if f == "matter":
        if rec is None:
            return entry.matter
        return rec.ref if entry.resolution.by == "id" else rec.matter_name
    if f in ("client_id", "client_name", "matter_id", "matter_name"):
        if rec is not None:
            return rec.ref if f == "matter_id" else getattr(rec, f)
        return {"client_id": "", "client_name": entry.client, "matter_id": entry.matter,
                "matter_name": entry.matter}[f]
    if f == "billable":
        return spec.true if entry.billable else spec.false
    if f == "non_billable":
        return spec.false if entry.billable else spec.true
    if f == "sequence":
        return str(sequence)
    if f == "line":
        return str(entry.line)
    raise ValueError(f"unknown field {f!r}")


def _plain(text: str) -> bool:
    t = text.strip()
    return bool(t) and t == text and t.replace(".", "", 1).isdigit()


def rows_for(entries: list[Entry], spec: Spec, *, date_format: str) -> list[list[str]]:
    return [[cell(e, c, spec, sequence=i, date_format=date_format) for c in spec.columns]
            for i, e in enumerate(entries, 1)]
