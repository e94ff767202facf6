"""What the entry job is asked to do: the columns it reads, the options (Settings), the targets it writes."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .. import ledes
from ..matters import HEADER
from ..report import Report
from ..targets import Spec, load_specs

# CaseClock's time-entry export (vendors.md § CaseClock's own formats, documented); the last three are optional.
COLUMNS = ("Date", "Duration", "Client", "Matter", "Description", "Timekeeper", "Rate", "Activity code")
# Extra input columns we honour when present (LEDES needs them; CaseClock itself does not write them).
EXTRA = ("Timekeeper ID", "Timekeeper classification", "Billable")
MATTER_COLUMNS = HEADER          # CaseClock's matter import columns (mappings/caseclock.toml)
MAX_HOURS = Decimal(24)
ROUNDING = ("up", "nearest", "none")


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
    from ..targets import format_date
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
