"""The time-entry job: read reviewed CaseClock entries, run the "confirm before exporting" checks, write the target.

Every entry ends up written or rejected (entries_read == entries_written + entries_rejected); every change or doubt is
an Issue naming the entry's source line. What each target's file looks like comes from its mapping file
(targets.Spec); LEDES 1998B is a standard and lives in ledes.py.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path

from . import ledes
from .clean import MoneyError, parse_bool, parse_money
from .errors import InputError
from .matters import HEADER
from .report import Report
from .resolve import Matter, MatterIndex, client_differs, describe, listing
from .targets import Entry, Spec, load_specs, money, plain_number, rows_for
from .write import write_csv

# CaseClock's time-entry export (vendors.md § CaseClock's own formats, documented); the last three are optional.
COLUMNS = ("Date", "Duration", "Client", "Matter", "Description", "Timekeeper", "Rate", "Activity code")
# Extra input columns we honour when present (LEDES needs them; CaseClock itself does not write them).
EXTRA = ("Timekeeper ID", "Timekeeper classification", "Billable")
_ALIASES = {"hours": "Duration", "quantity": "Duration", "activity": "Activity code", "activity_code": "Activity code",
            "activitycode": "Activity code", "code": "Activity code", "hourly rate": "Rate", "user": "Timekeeper",
            "timekeeper_id": "Timekeeper ID", "timekeeper_classification": "Timekeeper classification",
            "classification": "Timekeeper classification", "note": "Description", "narrative": "Description"}
MATTER_COLUMNS = HEADER          # CaseClock's matter import columns (mappings/caseclock.toml)
MAX_HOURS = Decimal(24)
ROUNDING = ("up", "nearest", "none")
# First words that start a task ("Draft motion; call client"): block billing runs two or more together.
_TASK_VERBS = frozenset("""draft drafted drafting review reviewed reviewing call called telephone telephoned email emailed
e-mail e-mailed meet met meeting research researched prepare prepared preparing attend attended attendance revise revised
analyze analyse analyzed analysed confer conferred correspond corresponded update updated edit edited negotiate
negotiated file filed summarize summarise summarized organize organise organized calendar calendared""".split())


@dataclass
class Settings:
    to: str
    round: str | None = None          # None: the target's default (`round` in its table; "up" for billing systems)
    increment: Decimal | None = None  # None: 0.1 h
    date_format: str | None = None
    split_by_timekeeper: bool = False
    excel: bool = False
    today: dt.date | None = None
    ledes: ledes.Options = field(default_factory=ledes.Options)

    def __post_init__(self) -> None:
        if self.round is not None and self.round not in ROUNDING:
            raise ValueError(f"--round must be one of {', '.join(ROUNDING)}, not {self.round!r}")
        if self.date_format is not None:
            check_date_format(self.date_format)
        if self.increment is None:
            return
        self.increment = Decimal(str(self.increment))
        if not self.increment > 0:
            raise ValueError(f"--increment must be a positive number of hours, not {self.increment}")

    def for_target(self, spec: Spec) -> "Settings":
        """The options in effect for a target: --round, else up when --increment was given, else the target's own
        default (CaseClock -> CaseClock does not round: a round trip is identity)."""
        mode = self.round or ("up" if self.increment is not None else spec.round)
        return dataclasses.replace(self, round=mode, increment=self.increment or Decimal("0.1"))


_PROBE_DATE = dt.date(2031, 11, 23)   # day, month and two-digit year all differ and the day is above 12


def check_date_format(fmt: str) -> None:
    """A --date-format must write day, month and year and read back as the same date; else ValueError."""
    if fmt == "source":
        return
    from .targets import format_date
    problem = ""
    try:
        text = format_date(_PROBE_DATE, fmt)
        back = dt.datetime.strptime(text, fmt.replace("%-m", "%m").replace("%-d", "%d")).date()
        if back != _PROBE_DATE:
            problem = f"it writes {_PROBE_DATE:%Y-%m-%d} as {text!r}, which does not read back as that date"
    except (ValueError, TypeError) as exc:
        problem = f"it is not a date pattern ({exc})"
    if problem:
        raise ValueError(f"--date-format {fmt!r} cannot be used: {problem}; give a strftime pattern with a day, "
                         "a month and a year, e.g. %m/%d/%Y, %d/%m/%Y or %Y-%m-%d (%-m and %-d for no leading zero)")


@dataclass
class Output:
    data: bytes
    filename: str
    files: dict[str, bytes] | None
    report: Report


def targets() -> dict[str, Spec]:
    specs = load_specs()
    for name in (ledes.SPEC.target, *ledes.SPEC.aliases):
        specs[name] = ledes.SPEC
    return specs


def target_spec(to: str) -> Spec:
    specs = targets()
    key = to.strip().lower()
    if key not in specs:
        names = sorted({s.target for s in specs.values()})
        raise ValueError(f"unknown target {to!r}; choose one of: {', '.join(names)}")
    return specs[key]


# -- reading ------------------------------------------------------------------------------------------------------
Record = tuple[int, dict[str, str]]


def read_entries(source, *, name: str = "entries") -> tuple[list[Record], list]:
    """Entries from a list of dicts, JSON text/bytes, CSV bytes or a path. Returns (line, {column: text}) pairs."""
    if isinstance(source, (list, tuple)):
        return [(i, _canonical(d)) for i, d in enumerate(source, 1)], []
    if isinstance(source, (str, Path)) and not (isinstance(source, str) and source.lstrip()[:1] in "[{"):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot open the file: {exc.strerror or exc}", file=str(path), code="cannot-open")
        return read_entries(data, name=name if name != "entries" else path.name)
    text_start = source.lstrip()[:1] if isinstance(source, str) else bytes(source).lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    if text_start in ("[", "{", b"[", b"{"):
        try:
            data = json.loads(source if isinstance(source, str) else bytes(source).decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(f"not valid JSON: {exc}", file=name, code="bad-json")
        if isinstance(data, dict):
            data = data.get("entries", [data])
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise InputError("JSON entries must be a list of objects", file=name, code="bad-json")
        return read_entries(data, name=name)
    from .read import read_table
    table = read_table(source, name=name, known_headers=[c.lower() for c in COLUMNS + EXTRA])
    if table.header is not None and _known(table.header) >= 3:
        names = [_canonical_key(h) for h in table.header]
    else:
        names = list(COLUMNS[:table.width]) + [f"column {i + 1}" for i in range(len(COLUMNS), table.width)]
        if table.header is not None:   # a header row that is not ours: read it as data, positionally
            raise InputError(f"the header {table.header!r} is not CaseClock's time-entry export "
                             f"({', '.join(COLUMNS)})", file=name, line=table.detection.header_row,
                             code="unknown-header")
    records = [(row.line, dict(zip(names, row.cells))) for row in table.rows]
    return records, list(table.issues)


def _canonical_key(key: str) -> str:
    k = " ".join(str(key).replace("_", " ").split()).strip().lower()
    for c in COLUMNS + EXTRA:
        if c.lower() == k:
            return c
    return _ALIASES.get(k, _ALIASES.get(k.replace(" ", "_"), str(key)))


def _known(header) -> int:
    return sum(_canonical_key(h) in COLUMNS for h in header)


def _canonical(d: dict) -> dict[str, str]:
    return {_canonical_key(k): "" if v is None else str(v) for k, v in d.items()}


def read_matters(source, *, name: str = "matters") -> list[Matter]:
    """CaseClock's matter import CSV (header optional, fixed column order) or a list of dicts / Matter objects.
    A status column beside CaseClock's own (`Status`, `Matter Status`, `Statut`..., or a `Closed` yes/no column,
    as the synonyms name them) is kept: time on a closed matter is named as such."""
    if isinstance(source, (list, tuple)):
        return [m if isinstance(m, Matter) else _matter(i, {k: str(v or "") for k, v in m.items()})
                for i, m in enumerate(source, 1)]
    from .read import read_table
    table = read_table(source, name=name, known_headers=[c.lower() for c in MATTER_COLUMNS])
    if not is_caseclock_matters(table.header, table.width):
        raise InputError("not CaseClock's matter import CSV", file=name, code="not-caseclock-matters")
    header = table.header if table.header is not None else list(MATTER_COLUMNS)
    rows = table.rows
    header = [h.strip() for h in header]
    return [_matter(row.line, dict(zip(header, row.cells))) for row in rows]


def is_caseclock_matters(header, width: int) -> bool:
    if header is None:
        return width == len(MATTER_COLUMNS)
    return [h.strip().lower() for h in header[:4]] == [c.lower() for c in MATTER_COLUMNS[:4]]


def _matter(line: int, d: dict[str, str]) -> Matter:
    get = lambda k: d.get(k, "").strip()  # noqa: E731
    rate = _money(get("Hourly Rate"))
    return Matter(get("Client ID"), get("Client Name"), get("Matter ID"), get("Matter Name"), get("Jurisdiction"),
                  get("Law Practice Area"), rate if rate is not None and rate >= 0 else None, line,
                  status=_status(d))


@functools.lru_cache(maxsize=1)
def _status_vocabulary():
    """(status headers, closed-flag headers, status words) from the synonyms mapping: the words firms' own lists use."""
    from .mappings import header_key, load_mappings
    synonyms = load_mappings()["synonyms"]
    fields = synonyms.exports[0].fields
    return (frozenset(map(header_key, fields.get("status", ()))),
            frozenset(map(header_key, fields.get("closed_flag", ()))), synonyms.status)


def _status(d: dict[str, str]) -> str:
    """open | pending | closed from a status or closed-flag column; "" when the row has neither (CaseClock's import
    has no status column: every row is live)."""
    if len(d) <= len(MATTER_COLUMNS) and all(k in MATTER_COLUMNS for k in d):
        return ""
    from .mappings import header_key
    status_headers, flag_headers, vocabulary = _status_vocabulary()
    status = ""
    for column, value in d.items():
        key, value = header_key(column), (value or "").strip()
        if not value:
            continue
        if key in status_headers:
            status = vocabulary.classify(value)[0]
        elif key in flag_headers and parse_bool(value):
            return "closed"
    return status


# -- parsing single values ----------------------------------------------------------------------------------------
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


def _money(text: str) -> Decimal | None:
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


def is_block_billing(description: str) -> bool:
    """Several tasks run together: two or more `;`- or sentence-separated parts that each start with a task verb
    ("Draft motion; call client"). A list of documents after one verb is one task."""
    parts = [p.strip().lower() for p in re.split(r";|\s+/\s+|\.\s+(?=[A-Za-z])", description) if p.strip()]
    return sum(p.split(maxsplit=1)[0].strip(",:") in _TASK_VERBS for p in parts) >= 2


# -- the job --------------------------------------------------------------------------------------------------------
class _Job:
    def __init__(self, settings: Settings, spec: Spec, index: MatterIndex | None, report: Report, name: str):
        self.s, self.spec, self.index, self.report, self.name = settings, spec, index, report, name
        self.bad: set[int] = set()        # ids of entries with an error

    def issue(self, e: Entry, severity: str, code: str, message: str, column: str | None = None) -> None:
        self.report.add(severity, code, message, row=e.line, column=column, file=self.name)
        if severity == "error":
            self.bad.add(id(e))

    def build(self, records: list[Record]) -> list[Entry]:
        order = date_order([(line, r.get("Date") or "") for line, r in records])
        if order.dmy and order.mdy:
            self.report.add("warning", "date-order-mixed",
                            f"the file mixes day-first dates ({order.dmy[1]}, line {order.dmy[0]}) and month-first "
                            f"dates ({order.mdy[1]}, line {order.mdy[0]}); dates that fit both are flagged",
                            column="Date", file=self.name)
        today = self.s.today or dt.date.today()
        out = []
        for line, r in records:
            get = lambda k: (r.get(k) or "").strip()  # noqa: E731
            e = Entry(line=line, client=get("Client"), matter=get("Matter"), description=r.get("Description") or "",
                      timekeeper=get("Timekeeper"), activity_code=get("Activity code"),
                      timekeeper_id=get("Timekeeper ID"), timekeeper_class=get("Timekeeper classification"))
            e.billable = " ".join(get("Billable").lower().replace("-", " ").split()) not in (
                "no", "false", "n", "0", "non billable", "nonbillable", "not billable")
            self._date(e, r.get("Date") or "", order, today)
            self._duration(e, r.get("Duration") or "")
            self._rate(e, r.get("Rate") or "")
            if not e.description.strip():
                self.issue(e, "error", "description-empty", "the description is empty; every target needs one",
                           "Description")
            elif is_block_billing(e.description):
                self.issue(e, "warning", "block-billing", "several tasks seem to be run together in one entry "
                           "(block billing); many clients reject it — split it into one entry per task",
                           "Description")
            if e.activity_code:
                e.utbms_task, e.utbms_activity, _ = ledes.split_codes(e.activity_code)
            out.append(e)
        return out

    def _date(self, e: Entry, text: str, order: DateOrder, today: dt.date) -> None:
        e.date_text = text
        parsed = parse_date(text, day_first=order.day_first) if text.strip() else None
        if parsed is None:
            hint = ""
            if re.fullmatch(r"\d{5}(\.\d+)?", text.strip()) and 20000 <= float(text) < 80000:
                serial = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))
                hint = (f" (it looks like a spreadsheet date serial number, which would be {serial:%Y-%m-%d}: "
                        "format the column as a date before exporting)")
            self.issue(e, "error", "date-unparseable",
                       f"the date {text!r} is not a date{hint}" if text.strip() else "the date is empty", "Date")
            return
        e.date, e.date_format = parsed
        readings = None if order.settled else ambiguous_readings(text)
        if readings:
            md, dm = readings
            why = (f"the file has both day-first ({order.dmy[1]}, line {order.dmy[0]}) and month-first "
                   f"({order.mdy[1]}, line {order.mdy[0]}) dates" if order.dmy and order.mdy
                   else "no other date in the file settles the order")
            self.issue(e, "warning", "date-ambiguous",
                       f"{text.strip()} could be {md:%Y-%m-%d} (month first) or {dm:%Y-%m-%d} (day first), and "
                       f"{why}: read as {e.date:%Y-%m-%d}; check it", "Date")
        if e.date > today:
            self.issue(e, "warning", "date-future", f"the date {e.date:%Y-%m-%d} is in the future", "Date")
        elif e.date < EARLIEST_PLAUSIBLE:
            zero = _ZERO_DATES.get(e.date)
            why = (f"it is {zero}, what an empty or zero cell shows when formatted as a date: the real date is "
                   "probably missing" if zero else "before 1990")
            self.issue(e, "warning", "date-implausible", f"the date {e.date:%Y-%m-%d} is implausible: {why}", "Date")

    def _duration(self, e: Entry, text: str) -> None:
        e.hours_text = text
        hours = parse_duration(text) if text.strip() else None
        if hours is None or hours <= 0:
            hint = " (scientific notation is not a duration: write decimal hours such as 0.5, or 1:30)" \
                if re.fullmatch(r"[\d.,]+e[+-]?\d+", text.strip().lower()) else ""
            self.issue(e, "error", "duration-invalid",
                       f"the duration {text!r} is not a positive number of hours{hint}", "Duration")
            return
        if hours > MAX_HOURS:
            self.issue(e, "error", "duration-over-24h", f"the duration {text.strip()} h is more than 24 hours",
                       "Duration")
            return
        if not duration_is_plain(text):
            self.issue(e, "info", "duration-converted", f"the duration {text.strip()!r} read as "
                       f"{plain_number(hours)} h (decimal hours)", "Duration")
        e.hours_before = hours
        e.hours = round_hours(hours, self.s.round, self.s.increment)
        if e.hours != hours:
            how = "up to the" if self.s.round == "up" else "to the nearest"
            self.issue(e, "warning", "duration-rounded",
                       f"{plain_number(hours)} h -> {plain_number(e.hours)} h (rounded {how} "
                       f"{plain_number(self.s.increment)} h increment)", "Duration")
        places = self.spec.hours_decimals
        if e.hours != money(e.hours, places):
            before = e.hours
            e.hours = money(e.hours, places) if self.s.round != "up" else \
                e.hours.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)
            self.issue(e, "warning", "duration-precision",
                       f"{self.spec.label} holds {places} decimal place(s): {plain_number(before)} h -> "
                       f"{plain_number(e.hours)} h", "Duration")

    def _rate(self, e: Entry, text: str) -> None:
        e.rate_text = text
        if not text.strip():
            return
        rate = _money(text)
        if rate is None or rate < 0:
            self.issue(e, "error", "rate-invalid", f"the rate {text!r} is not an amount", "Rate")
            return
        e.rate, e.rate_from = rate, "entry"

    def resolve(self, entries: list[Entry]) -> None:
        if self.index is None:
            return
        for e in entries:
            if not (e.client or e.matter):
                continue
            res = self.index.resolve(e.client, e.matter)
            e.resolution = res
            said = " / ".join(p for p in (e.client, e.matter) if p)
            read_as = f"; client {e.client!r} read as {res.client_as!r}" if res.client_as else ""
            if res.stage == "ambiguous":
                self.issue(e, "error", "matter-ambiguous",
                           f"{said!r} fits {len(res.candidates)} matters equally well: {listing(res.candidates)}"
                           f"{read_as}", "Matter")
            elif res.stage == "closed":
                m = res.candidates[0]
                what = (f"{said!r} is matter {m.ref} ({m.client_name}: {m.matter_name}), which is closed in the "
                        "matter list" if len(res.candidates) == 1 else
                        f"{said!r} fits only closed matters: {listing(res.candidates)}")
                live = f"one of the client's live matters: {listing(res.nearest)}" if res.nearest else \
                    "a live matter (the client has none in the list)"
                self.issue(e, "error", "matter-is-closed",
                           f"{what}{read_as}: reopen it in {self.spec.system or 'the system'} and export the matter "
                           f"list again, or put the time on {live}", "Matter")
            elif res.stage == "none":
                unknown = f" (no client in the matter list is {e.client!r})" if res.client == "unknown" else ""
                nearest = f"; nearest: {listing(res.nearest)}" if res.nearest else ""
                self.issue(e, "error", "matter-not-found",
                           f"no matter in the matter list fits {said!r}{unknown}{nearest}", "Matter")
            elif res.stage == "typo":
                self.issue(e, "warning", "matter-typo",
                           f"{said!r} taken as {describe(res.matter)} (a close spelling; check it){read_as}", "Matter")
            elif res.stage == "spoken":
                self.issue(e, "info", "matter-spoken",
                           f"{said!r} taken as {describe(res.matter)}, the client's only live matter{read_as}",
                           "Matter")
            elif res.stage == "partial":
                self.issue(e, "info", "matter-partial",
                           f"{said!r} taken as {describe(res.matter)}: the only matter whose client, name or number "
                           f"holds every word given{read_as}", "Matter")
            elif res.stage == "normalized":
                ignoring = "case, accents, punctuation, word order and company endings (Inc., LLC…)" \
                    if res.client == "variant" else "case, accents and punctuation"
                self.issue(e, "info", "matter-normalized",
                           f"{said!r} matched {describe(res.matter)} ignoring {ignoring}{read_as}", "Matter")
            if res.matter and res.by == "id" and client_differs(e.client, res.matter):
                self.issue(e, "error", "client-matter-mismatch",
                           f"the Matter ID {e.matter!r} belongs to {res.matter.client_name!r} "
                           f"({describe(res.matter)}), but the entry's client is {e.client!r}: "
                           "correct the client or the matter", "Client")
            if res.matter and self.spec.matter_field == "matter_name":
                twins = self.index.same_name(res.matter)
                if len(twins) > 1:
                    self.issue(e, "error", "matter-name-not-unique",
                               f"{self.spec.label} matches time to a matter by its name only, and "
                               f"{res.matter.matter_name!r} names {len(twins)} matters in the matter list "
                               f"({'; '.join(describe(m) for m in twins[:5])}): the import cannot tell them apart. "
                               f"Rename one of them in {self.spec.system or 'the system'} first "
                               "(e.g. 'Divorce – Smith'), then export the matter list again", "Matter")
            if res.matter and e.rate is None and res.matter.rate is not None:
                e.rate, e.rate_from = res.matter.rate, "matter list"

    def check_duplicates(self, entries: list[Entry]) -> None:
        """Same date, timekeeper, matter, duration and description: probably entered twice (both still written)."""
        from .resolve import normalize
        first: dict[tuple, Entry] = {}
        for e in entries:
            if e.date is None or e.hours_before is None:
                continue
            matter = e.record.ref if e.record else f"{normalize(e.client)}\x00{normalize(e.matter)}"
            key = (e.date, normalize(e.timekeeper), matter, e.hours_before, " ".join(e.description.split()).casefold())
            if key in first:
                self.issue(e, "warning", "possible-duplicate",
                           f"lines {first[key].line} and {e.line} are the same entry (date, timekeeper, matter, "
                           "duration and description): both are written; delete one if it was entered twice",
                           "Description")
            else:
                first[key] = e

    def check_outlying_dates(self, entries: list[Entry]) -> None:
        """A date more than a year before most of the file's dates is most likely a typo (2024 for 2025). Judged
        against the file's median date, not the clock: an old but coherent batch is not flagged line by line, and one
        mistyped future date does not make the others look old."""
        dates = sorted(e.date for e in entries if e.date is not None and e.date >= EARLIEST_PLAUSIBLE)
        if not dates:
            return
        middle = dates[len(dates) // 2]
        for e in entries:
            if e.date is not None and EARLIEST_PLAUSIBLE <= e.date < middle - dt.timedelta(days=365):
                self.issue(e, "warning", "date-implausible",
                           f"the date {e.date:%Y-%m-%d} is implausible: more than a year before most dates in the "
                           f"file (around {middle:%Y-%m-%d}); a mistyped year?", "Date")

    def check_days(self, entries: list[Entry]) -> None:
        """One timekeeper's day holds 24 h; names equal ignoring case, accents and spacing are one timekeeper."""
        from .resolve import normalize
        days: dict[tuple[str, dt.date], list[Entry]] = {}
        for e in entries:
            if e.date is not None and e.hours is not None:
                days.setdefault((normalize(e.timekeeper), e.date), []).append(e)
        for (_, day), group in days.items():
            who = " ".join(group[0].timekeeper.split())
            total = sum(e.hours for e in group)
            if total > MAX_HOURS:
                for e in group:
                    self.issue(e, "error", "day-over-24h",
                               f"{who or 'the unnamed timekeeper'} has {plain_number(total)} h on {day:%Y-%m-%d} "
                               f"across {len(group)} entries (lines {', '.join(str(g.line) for g in group)}); "
                               "a day holds 24 h", "Duration")

    def check_target(self, entries: list[Entry]) -> None:
        spec = self.spec
        for e in entries:
            if not e.client and not e.matter:
                self.issue(e, "error", "matter-missing", "no client or matter: the entry cannot be placed", "Matter")
            if self.index is None and spec.matter_field == "matter_id" and (e.client or e.matter) \
                    and not re.search(spec.matter_ref_pattern, e.matter):
                self.issue(e, "error", "matter-not-a-reference",
                           f"{e.matter or '(no matter)'!r} does not look like a {spec.system or spec.label} matter "
                           f"reference, and {spec.label} matches on the matter's own reference "
                           f"({spec.matter_field.replace('_', ' ')}), so the import would not find it: pass "
                           "--matters (the firm's matter list) to turn spoken matters into references", "Matter")
            if spec.timekeeper_missing and not e.timekeeper:
                self.issue(e, "warning", "timekeeper-missing", f"no timekeeper: {spec.timekeeper_missing}",
                           "Timekeeper")
            if spec.rate_required and e.rate is None and not e.rate_text.strip():   # unreadable: rate-invalid
                where = " or the matter list" if self.index is not None else ""
                self.issue(e, "error", "rate-missing",
                           f"{spec.label} needs a rate and none is given in the entry{where}", "Rate")
            if spec.description_max and len(e.description) > spec.description_max:
                self.issue(e, "warning", "description-too-long",
                           f"the description has {len(e.description)} characters; {spec.label} accepts at most "
                           f"{spec.description_max}", "Description")
            if spec.one_line and spec.format != "ledes" and re.search(r"[\r\n]", e.description):
                e.description = " ".join(e.description.split())
                self.issue(e, "warning", "chars-replaced",
                           f"line breaks in the description were replaced by spaces ({spec.label} rows are one line)",
                           "Description")
            if not spec.one_line and spec.format != "ledes":
                # Line breaks kept inside a quoted field are written CRLF, like the record ends (RFC 4180).
                crlf = re.sub(r"\r\n|\r|\n", "\r\n", e.description)
                if crlf != e.description:
                    e.description = crlf
                    self.issue(e, "info", "line-breaks-crlf", "line breaks inside the description are written as "
                               "CRLF, like the ends of the rows", "Description")
            if spec.format == "ledes" and (e.client or e.matter) and (self.index is None or e.record) and not (
                    self.s.ledes.client_id or (e.record is not None and e.record.client_id)):
                self.issue(e, "error", "ledes-client-id-missing",
                           f"no CLIENT_ID for {e.client or e.matter!r}: LEDES requires the firm's code for the client "
                           "(a blank one is rejected, LT-ERR 005) and a client's name is not that code; pass "
                           "--client-id or a matter list with Client IDs", "Client")
            if spec.activity_vocabulary == "utbms" and e.activity_code:
                _, _, unknown = ledes.split_codes(e.activity_code)
                expense = [c for c in unknown if c in ledes.EXPENSE_CODES]
                unknown = [c for c in unknown if c not in ledes.EXPENSE_CODES]
                if expense:
                    what = "is a UTBMS expense code" if len(expense) == 1 else "are UTBMS expense codes"
                    self.issue(e, "warning", "expense-code-not-supported",
                               f"{', '.join(expense)} {what}: CaseClock time entries are fees, and expense codes are "
                               "not exported as expenses; left out of the activity code (the entry is written as a "
                               "fee line)", "Activity code")
                if unknown:
                    self.issue(e, "warning", "activity-code-not-utbms",
                               f"{', '.join(unknown)} is not a UTBMS task or activity code; left out of the file",
                               "Activity code")
        if self.index is None and spec.matter_field != "matter":
            self.report.add("warning", "matters-missing",
                            f"no matter list given: matters are written as spoken; {spec.label} matches on "
                            f"the system's own reference ({spec.matter_field.replace('_', ' ')}). Pass --matters.",
                            file=self.name)


    def check_billable(self, good: list[Entry]) -> list[Entry]:
        """Non-billable time (a `Billable` column saying no) must not be billed. A target with a billable or
        non-billable column writes it; LEDES (an invoice) leaves the entry out -- it is not in the file, so it counts
        as rejected, with an info; any other target warns that the system will bill it unless marked there.
        Returns the entries that go into the file."""
        spec = self.spec
        marks = any(c.field in ("billable", "non_billable") for c in spec.columns)
        out = []
        for e in good:
            if e.billable:
                out.append(e)
            elif spec.format == "ledes":
                e.rejected = True
                self.report.add("info", "non-billable-left-out",
                                "non-billable time (Billable = no) is left out of the LEDES invoice: an invoice "
                                "bills every line it holds", row=e.line, column="Billable", file=self.name)
            else:
                out.append(e)
                if not marks:
                    self.report.add("warning", "non-billable-not-marked",
                                    f"this entry is non-billable (Billable = no), but {spec.label} has no billable "
                                    f"column: {spec.system or 'the system'} will bill it unless you mark it "
                                    "non-billable there after import", row=e.line, column="Billable", file=self.name)
        return out


def export(source, settings: Settings, *, matters: list[Matter] | None = None, name: str = "entries") -> Output:
    spec = target_spec(settings.to)
    settings = settings.for_target(spec)
    report = Report()
    report.meta.update(target=spec.target, target_label=spec.label, support=spec.support, evidence=spec.evidence,
                       target_notes=list(spec.notes), file=name)
    if spec.format == "ledes":
        settings = dataclasses.replace(settings, ledes=ledes.clean_options(settings.ledes, report, file=name))
    records, read_issues = read_entries(source, name=name)
    report.extend(read_issues)
    index = MatterIndex(matters) if matters is not None else None
    job = _Job(settings, spec, index, report, name)
    entries = job.build(records)
    job.resolve(entries)
    job.check_duplicates(entries)
    job.check_outlying_dates(entries)
    job.check_days(entries)
    job.check_target(entries)
    good = [e for e in entries if id(e) not in job.bad]
    for e in entries:
        e.rejected = id(e) in job.bad
    good = job.check_billable(good)
    if spec.format == "ledes":
        data = ledes.write(good, _ledes_opts(settings), report, file=name) if good else b""
        filename, files = spec.filename, None
    else:
        data, filename, files = _write_table(good, spec, settings, job)
    report.counts.update(entries_read=len(entries), entries_written=len(good),
                         entries_rejected=len(entries) - len(good))
    report.meta.update(_totals(good))
    report.meta["options"] = {"round": settings.round, "increment": float(settings.increment),
                              "date_format": settings.date_format or spec.date_format}
    report.issues.sort(key=lambda i: (i.row is None, i.row or 0))
    return Output(data, filename, files, report)


def _ledes_opts(s: Settings) -> ledes.Options:
    o = s.ledes
    return ledes.Options(o.invoice_number, o.invoice_date, o.law_firm_id, o.client_id, o.today or s.today)


def _write_table(entries: list[Entry], spec: Spec, s: Settings, job: _Job):
    if s.date_format and not spec.date_format_option:
        job.report.add("warning", "date-format-ignored",
                       f"--date-format does not apply to {spec.label}: it uses {spec.date_format}", file=job.name)
    date_format = s.date_format if (s.date_format and spec.date_format_option) else spec.date_format
    if spec.group_by == "matter":
        first: dict[str, int] = {}
        for i, e in enumerate(entries):
            first.setdefault(_matter_key(e), i)
        entries = sorted(entries, key=lambda e: (first[_matter_key(e)], e.date, e.line))
    if s.split_by_timekeeper and not spec.splittable:
        job.report.add("warning", "split-ignored", f"--split-by-timekeeper does not apply to {spec.label}",
                       file=job.name)
    groups: dict[str, list[Entry]] = {}
    if s.split_by_timekeeper and spec.splittable:
        # One file per timekeeper, keyed on the name the file is called by: spellings that differ only in case,
        # accents, punctuation or spacing share a file rather than overwrite each other's.
        for e in entries:
            groups.setdefault(_slug(e.timekeeper) or "no-timekeeper", []).append(e)
        for who, group in groups.items():
            spellings = sorted({" ".join(e.timekeeper.split()) for e in group})
            if len(spellings) > 1:
                job.report.add("warning", "timekeeper-spellings",
                               f"{' / '.join(map(repr, spellings))} are written to one file ({who}): the same "
                               f"person? {spec.system or 'The system'} needs one exact user name",
                               row=group[0].line, column="Timekeeper", file=job.name)
    else:
        groups[""] = entries
    placed = [id(e) for group in groups.values() for e in group]
    assert len(placed) == len(set(placed)) == len(entries), "every written entry must be in exactly one file"
    files: dict[str, bytes] = {}
    stem, _, ext = spec.filename.rpartition(".")
    for who, group in groups.items():
        rows = rows_for(group, spec, date_format=date_format)
        _check_lengths(group, rows, spec, job)
        header = [c.header for c in spec.columns] if spec.header else None
        data, neutralised = write_csv(header, rows, excel_bom=s.excel)
        for r, c, original in neutralised:
            job.report.add("warning", "formula-neutralised",
                           f"{original[:40]!r} starts like a spreadsheet formula; a ' was put in front",
                           row=group[r].line, column=spec.columns[c].header, file=job.name)
        suffix = f"-{who}" if who else ""
        assert f"{stem}{suffix}.csv" not in files, f"{stem}{suffix}.csv written twice"
        if spec.format == "xlsx":
            files[f"{stem}{suffix}.xlsx"] = _xlsx(header, rows, group, spec, date_format)
        files[f"{stem}{suffix}.csv"] = data
    for fname, text in spec.files:
        files[fname] = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    if len(groups) > 1 or (s.split_by_timekeeper and spec.splittable):
        return _zip(files), f"{stem}.zip", files
    primary = f"{stem}.xlsx" if spec.format == "xlsx" else f"{stem}.csv"
    return files[primary], primary, (files if len(files) > 1 else None)


def _check_lengths(entries: list[Entry], rows: list[list[str]], spec: Spec, job: _Job) -> None:
    if not any(col.max_length for col in spec.columns):
        return
    for e, row in zip(entries, rows):
        for col, value in zip(spec.columns, row):
            if col.max_length and len(value) > col.max_length:
                job.report.add("warning", "value-too-long",
                               f"{col.header} {value!r} is longer than the {col.max_length} characters "
                               f"{spec.label} accepts", row=e.line, column=col.header, file=job.name)


def _matter_key(e: Entry) -> str:
    return e.record.ref if e.record else f"{e.client}\x00{e.matter}"


def _slug(text: str) -> str:
    from .resolve import normalize
    return "-".join(normalize(text).split())


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _zip(files: dict[str, bytes]) -> bytes:
    """Byte-stable ZIP: fixed timestamps and permissions, names in the order given, members stored (deflate output
    differs between zlib builds, e.g. CPython vs Pyodide, and these files are small)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for fname, data in files.items():
            info = zipfile.ZipInfo(fname, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _xlsx(header, rows, entries: list[Entry], spec: Spec, date_format: str) -> bytes:
    """The same table as a workbook: real dates and numbers, text never read as a formula, byte-stable output."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.creator = "CaseClock CSV Normalizer"
    wb.properties.created = wb.properties.modified = fixed
    if header:
        ws.append(header)
    excel_date = "mm/dd/yyyy" if date_format in ("%m/%d/%Y", "source") else \
        date_format.replace("%Y", "yyyy").replace("%m", "mm").replace("%d", "dd").replace("%-m", "m") \
        .replace("%-d", "d").replace("%y", "yy")
    numeric = {"hours", "hours_whole", "minutes_part", "rate", "amount", "sequence"}
    for e, row in zip(entries, rows):
        out = []
        for col, text in zip(spec.columns, row):
            if col.field == "date" and e.date:
                out.append(dt.datetime(e.date.year, e.date.month, e.date.day))
            elif col.field in numeric and text:
                out.append(Decimal(text))
            else:
                out.append(text)
        ws.append(out)
        r = ws.max_row
        for c, col in enumerate(spec.columns, 1):
            cell = ws.cell(r, c)
            if col.field == "date":
                cell.number_format = excel_date
            elif isinstance(cell.value, str):
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return _restamp(buf.getvalue(), fixed)


def _restamp(data: bytes, fixed: dt.datetime) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml and every ZIP entry; pin both."""
    src = zipfile.ZipFile(io.BytesIO(data))
    files = {}
    for info in src.infolist():
        content = src.read(info.filename)
        if info.filename == "docProps/core.xml":
            content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\2", content)
            content = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\2", content)
        files[info.filename] = content
    return _zip(files)


def _totals(entries: list[Entry]) -> dict:
    def add(bucket: dict, key: str, e: Entry) -> None:
        t = bucket.setdefault(key, {"hours": Decimal(0), "amount": Decimal(0)})
        t["hours"] += e.hours
        if e.amount is not None and e.billable:
            t["amount"] += e.amount
    day: dict = {}
    keeper: dict = {}
    matter: dict = {}
    for e in entries:
        add(day, f"{e.date:%Y-%m-%d}", e)
        add(keeper, e.timekeeper, e)
        add(matter, e.record.ref if e.record else e.matter, e)
    as_json = lambda b: {k: {"hours": float(v["hours"]), "amount": float(v["amount"])}  # noqa: E731
                         for k, v in sorted(b.items())}
    priced = [e for e in entries if e.amount is not None]
    amounts = [e.amount for e in priced if e.billable]      # non-billable time bills nothing
    return {"hours_total": float(sum((e.hours for e in entries), Decimal(0))),
            "amount_total": float(sum(amounts, Decimal(0))) if priced else None,
            "entries_without_rate": sum(e.amount is None for e in entries),
            "totals": {"day": as_json(day), "timekeeper": as_json(keeper), "matter": as_json(matter)}}
