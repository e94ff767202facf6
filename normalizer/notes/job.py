"""The notes job: a day's dictated or typed notes + the firm's matter list -> CaseClock's time-entry CSV as a draft,
and a report giving, per note, every field with its confidence and the words it came from.

Nothing is guessed silently: a field the note does not settle is left empty (the Matter column keeps the words said)
with an issue on that line naming the candidates, and the draft is for a person to review before it is exported.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..entries import COLUMNS, ROUNDING
from ..errors import InputError
from ..report import Report
from ..write import write_csv
from .catalog import Catalog
from .line import Context, Draft, parse

FIELDS = ("date", "duration", "client", "matter", "description", "timekeeper", "rate", "activity_code")
DATE_ORDERS = ("MDY", "DMY")


def parse_notes(text, *, matters, date, timekeeper: str | None = None, date_order: str = "MDY", round: str = "up",
                increment: float | str | Decimal = 0.1, today: dt.date | str | None = None, name: str | None = None,
                matters_name: str | None = None) -> tuple[bytes, Report]:
    """Notes (str, bytes or a path; one note a line) -> (entries CSV bytes, report).

    `matters`: CaseClock's matter import CSV or any system's client/matter export (path or bytes), or a list of
    dicts / resolve.Matter. `date`: the day a note without a date is about (a date or 'YYYY-MM-DD'; None: today).
    `today` only decides what is 'in the future'. Raises ValueError for bad options, InputError for unusable input.
    """
    from ..api import matter_list

    ctx_today = _day(today, "today") or dt.date.today()
    day = _day(date, "date") or ctx_today
    order = str(date_order).upper()
    if order not in DATE_ORDERS:
        raise ValueError(f"--date-order must be MDY or DMY, not {date_order!r}")
    if round not in ROUNDING:
        raise ValueError(f"--round must be one of {', '.join(ROUNDING)}, not {round!r}")
    step = _increment(increment)
    name = name or (Path(text).name if isinstance(text, Path) else "notes")
    body = _text(text, name)
    matter_list, matter_issues = matter_list(matters, matters_name)
    ctx = Context(Catalog(matter_list), day, ctx_today, order, round, step, (timekeeper or "").strip())
    report = Report()
    report.issues.extend(matter_issues)
    drafts: list[Draft] = []
    notes = 0
    lines = body.splitlines()
    for number, note in enumerate(lines, 1):
        if not note.strip() or note.lstrip().startswith("#"):
            continue
        notes += 1
        drafts += parse(note, number, ctx)
    data = _write(drafts, report, name)
    for d in drafts:
        for p in d.problems:
            report.add(p.severity, p.code, p.message, row=d.line, column=p.column, file=name)
    with_errors = sum(any(p.severity == "error" for p in d.problems) for d in drafts)
    report.counts.update(notes_read=notes, entries_drafted=len(drafts), entries_complete=len(drafts) - with_errors,
                         entries_need_attention=with_errors)
    report.meta.update(file=name, draft=True, columns=list(COLUMNS),
                       options={"date": day.isoformat(), "today": ctx_today.isoformat(), "date_order": order,
                                "round": round, "increment": float(step), "timekeeper": ctx.timekeeper},
                       lines=[_line_report(d, lines[d.line - 1]) for d in drafts])
    return data, report


def _write(drafts: list[Draft], report: Report, name: str) -> bytes:
    rows = [[d.value(f) for f in FIELDS] for d in drafts]
    data, neutralised = write_csv(list(COLUMNS), rows)
    for r, c, original in neutralised:
        report.add("warning", "formula-neutralised", f"{original[:40]!r} starts like a spreadsheet formula; a ' was "
                   "put in front", row=drafts[r].line, column=COLUMNS[c], file=name)
    return data


def _line_report(d: Draft, note: str) -> dict:
    out = {"line": d.line, "text": note.strip(),
           "fields": {k: f.to_dict() for k, f in d.fields.items()},
           "issues": [p.code for p in d.problems]}
    if d.part is not None:
        out["part"] = d.part
    return out


def _text(source, name: str) -> str:
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and len(source) < 4096
                                    and Path(source).suffix.lower() in (".txt", ".md", ".text")
                                    and Path(source).is_file()):
        try:
            source = Path(source).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot open the file: {exc.strerror or exc}", file=name, code="cannot-open")
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")
    return str(source).lstrip("\ufeff")


def _day(value, what: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"--{what} must be a date YYYY-MM-DD, not {value!r}") from None


def _increment(value) -> Decimal:
    try:
        step = Decimal(str(value))
    except InvalidOperation:
        step = Decimal(0)
    if not step.is_finite() or step <= 0:
        raise ValueError(f"--increment must be a positive number of hours, not {value!r}")
    return step


def run(files, options: dict | None = None):
    """The job as the page's worker calls it: files -> an Outcome (never raises). `files`: the notes as one source
    (path, bytes, {"name", "data"}); `options`: parse_notes' keywords, `matters` as a path, bytes or
    {"name", "data"}."""
    from ..outcome import Outcome, failed

    try:
        opts = dict(options or {})
        if isinstance(files, (list, tuple)) and files and not isinstance(files[0], str | bytes):
            files = files[0]
        if isinstance(files, dict):
            opts.setdefault("name", files.get("name"))
            files = files["data"]
        matters = opts.pop("matters", None)
        if isinstance(matters, dict):
            opts["matters_name"], matters = matters.get("name"), matters.get("data")
        if matters is None:
            raise ValueError("a matter list is needed to match the notes' matters")
        opts.setdefault("date", None)
        data, report = parse_notes(files, matters=matters, **opts)
        return Outcome("notes", {"notes.csv": data}, report.to_dict())
    except Exception as exc:     # noqa: BLE001 — the contract: an outcome, never a traceback
        return failed("notes", exc)
