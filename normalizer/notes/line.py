"""One note -> one draft entry (or one per task when the note gives each task its own time): every field with its
value, confidence and the words it came from, and the problems found on the way."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..entries import round_hours
from ..resolve import Matter, describe as describe_matter
from ..targets import plain_number
from . import activity, dates, durations, matter as matters, narrative
from .catalog import Catalog
from .description import describe
from .spans import Span, column, mask

_BULLET = re.compile(r"^\s*(?:[-*•·–]\s+)")


@dataclass(frozen=True)
class Context:
    catalog: Catalog
    day: dt.date                 # the day a note without a date is about
    today: dt.date
    date_order: str = "MDY"
    round: str = "up"
    increment: Decimal = Decimal("0.1")
    timekeeper: str = ""


@dataclass
class Field:
    value: str
    confidence: float
    source_text: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"value": self.value, "confidence": round(self.confidence, 2), "source_text": self.source_text,
                **self.extra}


@dataclass(frozen=True)
class Problem:
    severity: str
    code: str
    message: str
    column: int | None = None


@dataclass
class Draft:
    line: int
    part: int | None              # 1, 2… when one note was split into several entries
    fields: dict[str, Field]
    problems: list[Problem]
    matter: Matter | None = None

    def value(self, name: str) -> str:
        return self.fields[name].value


def parse(note: str, line_no: int, ctx: Context) -> list[Draft]:
    removed: list[Span] = []
    bullet = _BULLET.match(note)
    if bullet:
        removed.append(Span(0, bullet.end()))
    when = dates.find(mask(note, removed), ctx.day, ctx.date_order)
    if when is not None:
        removed.append(_absorb_on(note, when.span))
    hits, too_long = durations.find(mask(note, removed), ctx.increment)
    removed += [h.span for h in hits]
    found = matters.find(mask(note, removed), ctx.catalog)
    removed += list(found.removed)
    parts = _itemize(note, hits, removed) or [(Span(0, len(note)), hits[0] if hits else None)]
    date_field, date_problems = _date_field(when, ctx)
    matter_fields, matter_problems = _matter_fields(found)
    out = []
    for k, (segment, hit) in enumerate(parts, 1):
        fields = {"date": date_field}
        fields["duration"], problems = _duration(note, hit, hits if len(parts) == 1 else [], too_long, ctx)
        if k == 1:          # said once for the whole note
            problems = date_problems + problems + matter_problems
        fields.update(matter_fields)
        text, source = describe(note, segment.start, segment.end, removed)
        fields["description"] = Field(text, 0.9 if text else 0.0, source.text(note) if source else "")
        problems += _narrative(text, source)
        fields["timekeeper"] = Field(ctx.timekeeper, 1.0 if ctx.timekeeper else 0.0)
        rate = found.matter.rate if found.matter else None
        fields["rate"] = Field(f"{rate:.2f}" if rate is not None else "", 1.0 if rate is not None else 0.0,
                               "matter list" if rate is not None else "")
        s = activity.suggest(text, found.matter.client_name if found.matter else "")
        cue = s.source_text if not source or source.text(note).startswith(s.source_text[:1]) \
            else s.source_text[:1].lower() + s.source_text[1:]          # the note's words, not the capitalised ones
        fields["activity_code"] = Field(s.code, s.confidence, cue, {"suggested": True, "name": s.name})
        if len(parts) > 1:
            problems.append(Problem("info", "note-split", f"part {k} of {len(parts)}: the note gives each task its "
                                    "own time, so each task is its own entry", column(segment)))
        out.append(Draft(line_no, k if len(parts) > 1 else None, fields, problems, found.matter))
    return out


def _absorb_on(note: str, span: Span) -> Span:
    m = re.search(r"\b(?:on|dated)\s+$", note[:span.start], re.IGNORECASE)
    return Span(m.start(), span.end) if m else span


def _itemize(note: str, hits, removed: list[Span]) -> list[tuple[Span, durations.Hit]] | None:
    """'reviewed pleadings (.7); drafted RFAs (2.3)': parts split at ';' (else ','), each with exactly one time,
    and no part left over that says something without one."""
    if len(hits) < 2:
        return None
    masked = mask(note, removed)
    for sep in (";", ","):
        cuts = [m.start() for m in re.finditer(re.escape(sep), masked) if _depth(masked, m.start()) == 0]
        bounds = [0] + [c + 1 for c in cuts] + [len(note) + 1]
        segments = [Span(a, b - 1) for a, b in zip(bounds, bounds[1:])]
        parts, ok = [], True
        for seg in segments:
            inside = [h for h in hits if seg.start <= h.span.start < seg.end]
            if len(inside) > 1 or (not inside and masked[seg.start:seg.end].strip(" ,;—–-:.")):
                ok = False
                break
            if inside:
                parts.append((seg, inside[0]))
        if ok and len(parts) == len(hits):
            return parts
    return None


def _depth(text: str, pos: int) -> int:
    return text[:pos].count("(") - text[:pos].count(")")


def _date_field(when, ctx: Context) -> tuple[Field, list[Problem]]:
    if when is None:
        return Field(ctx.day.isoformat(), 0.9, ""), []
    col = column(when.span)
    if when.value is None:
        return Field("", 0.0, when.said), [Problem("error", "note-date-unreadable",
                                                   f"date: {when.problem}; the Date is left empty", col)]
    problems = []
    if when.value > ctx.today:
        problems.append(Problem("warning", "date-future", f"date: {when.value:%Y-%m-%d} is after today", col))
    return Field(when.value.isoformat(), when.confidence, when.said), problems


def _duration(note: str, hit, all_hits, too_long, ctx: Context) -> tuple[Field, list[Problem]]:
    if hit is None:
        why = f" ({', '.join(repr(t) for t in too_long)} is more than a day)" if too_long else ""
        if not why and note.strip().lower().startswith("bookmark"):
            why = " (a bookmark: add the time once the work is done)"
        return Field("", 0.0, ""), [Problem("error", "note-duration-missing", f"duration: none found{why}")]
    said = hit.span.text(note)
    hours = round_hours(hit.hours, ctx.round, ctx.increment)
    problems = []
    if hours != hit.hours:
        how = "up to the next" if ctx.round == "up" else "to the nearest"
        problems.append(Problem("info", "note-duration-rounded",
                                f"duration: {said!r} is {plain_number(hit.hours)} h -> {plain_number(hours)} h "
                                f"(rounded {how} {plain_number(ctx.increment)} h)", hit.span.start + 1))
    others = [h for h in all_hits if h is not hit]
    if others:
        problems.append(Problem("warning", "note-durations-several",
                                f"duration: the note also says {', '.join(repr(h.span.text(note)) for h in others)}; "
                                f"{said!r} was used", hit.span.start + 1))
    return Field(plain_number(hours), hit.confidence, said,
                 {"hours_said": plain_number(hit.hours), "form": hit.form}), problems


def _matter_fields(found: matters.MatterFind) -> tuple[dict[str, Field], list[Problem]]:
    said, col, conf = found.said, column(found.source), found.confidence
    m = found.matter
    extra = {"stage": found.stage, "candidates": [describe_matter(c) for c in found.candidates]}
    fields = {"client": Field(m.client_name if m else "", conf, said),
              "matter": Field(m.matter_id if m else said, conf, said, extra)}
    problems = []
    if found.stage == "spoken":
        problems.append(Problem("info", "matter-spoken",
                                f"matter: {said!r} taken as {describe_matter(m)}, the client's only live matter", col))
    elif found.stage == "typo":
        close = ", ".join(f"{a!r} for {b!r}" for a, b in found.typos)
        problems.append(Problem("warning", "matter-typo", f"matter: {said!r} taken as {describe_matter(m)} (a close "
                                f"spelling: {close}; check it)", col))
    elif found.stage == "partial":
        problems.append(Problem("warning", "note-matter-partial", f"matter: {said!r} taken as {describe_matter(m)}, "
                                "the client's only live matter, though not every word fits it; check it", col))
    elif found.stage == "inferred":
        problems.append(Problem("warning", "note-matter-inferred", f"matter: no matter is named as such; the client "
                                f"name {said!r} in the description was taken as {describe_matter(m)}; check it", col))
    elif found.stage == "ambiguous":
        names = "; ".join(describe_matter(c) for c in found.candidates[:6])
        problems.append(Problem("error", "note-matter-ambiguous", f"matter: {said!r} fits {len(found.candidates)} "
                                f"matters: {names}; none was chosen", col))
    elif found.stage == "not-found":
        problems.append(Problem("error", "note-matter-not-found",
                                f"matter: no matter in the matter list fits {said!r}", col))
    elif found.stage == "missing":
        problems.append(Problem("error", "note-matter-missing", "matter: the note names no client or matter "
                                "(say it as 'Smith file', 'for Acme' or a Matter ID)"))
    return fields, problems


def _narrative(text: str, source: Span | None) -> list[Problem]:
    col = column(source)
    if not text:
        return [Problem("error", "note-description-empty", "description: nothing is left once the date, duration "
                        "and matter are taken out", col)]
    out = []
    if narrative.block_billing(text):
        out.append(Problem("warning", "block-billing", "description: several tasks under one duration (block "
                           "billing); give each task its own time, e.g. 'reviewed pleadings (.7); drafted RFAs (2.3)'",
                           col))
    why = narrative.vague(text)
    if why:
        out.append(Problem("warning", "note-vague", f"description: vague: {why}", col))
    return out
