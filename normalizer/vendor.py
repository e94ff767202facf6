"""Which system wrote a table, and how its columns map onto CaseClock's fields.

Scores every export layout the mapping files describe against the table's headers (signatures, known columns,
header prefix), its values (patterns such as `2658 - Name`, `true/false`) and its file name; headerless tables are
matched against the positional layouts of the same width. A layout from no known system falls back to the synonyms
file plus difflib fuzzy matching. No system is named in this code: everything comes from the mappings.
"""
from __future__ import annotations

import dataclasses
import difflib
import fnmatch
from dataclasses import dataclass, field
from typing import Iterable, Mapping as MappingT, Sequence

from .clean import clean_text
from .columns import LOW, Reading, by_words, read_columns, words_for
from .mappings import FIELDS, Export, Mapping, header_key
from .table import Table

THRESHOLD = 0.45          # below this, no system layout is trusted and the synonyms mapping is used
SAMPLE_ROWS = 200         # value patterns are checked on the first rows only: detection must stay cheap
MATTER_FIELDS = ("matter_ref", "matter_name")
CLIENT_FIELDS = ("client_ref", "client_name", "client_company", "client_first", "client_last")
# The fields behind CaseClock's four ID/name columns: a layout that leaves one of them unmapped while the header
# synonyms find it in the table is a poor fit (a `Matter ID` column must never be ignored).
CORE_FIELDS = ("matter_ref", "matter_name", "client_ref", "client_name")
_W_SIGNATURE, _W_COVERAGE, _W_FILENAME, _W_PREFIX = 0.55, 0.30, 0.10, 0.20


@dataclass(frozen=True)
class Plan:
    """How one table maps onto one export layout, with the evidence for it."""
    mapping: Mapping
    export: Export
    confidence: float
    header: tuple[str, ...]                       # the table's header, or the layout's names for a headerless file
    headerless: bool
    columns: MappingT[str, tuple[int, ...]]       # field -> column indexes, best first
    fuzzy: MappingT[int, str] = field(default_factory=dict)   # column index -> synonym it approximately matched
    evidence: tuple[str, ...] = ()
    borrowed: frozenset[str] = frozenset()        # fields mapped by header synonyms, not by the layout itself
    chosen: MappingT[int, str] = field(default_factory=dict)  # column index -> field (or IGNORE) the user chose
    readings: MappingT[int, Reading] = field(default_factory=dict)  # how columns.py read a column (words, values...)

    @property
    def system(self) -> str:
        return self.mapping.id

    @property
    def kind(self) -> str:
        return self.export.kind

    def column_fields(self) -> dict[str, str]:
        """Source column -> field, for the report's `mapping`."""
        out: dict[str, str] = {}
        for name, indexes in self.columns.items():
            for i in indexes:
                label = self.header[i] if i < len(self.header) and self.header[i] else f"column {i + 1}"
                out[label] = name
        return out

    def column_reasons(self) -> list[dict]:
        """One entry per source column: the field it feeds (None when none), why, and how sure."""
        used = {i: f for f, indexes in self.columns.items() for i in indexes}
        out = []
        for i, label in enumerate(self.header):
            label = label or f"column {i + 1}"
            field_ = used.get(i)
            reading = self.readings.get(i)
            if i in self.chosen:
                why, sure = ("you chose not to import it" if field_ is None else "you chose this"), 1.0
            elif reading is not None and reading.field == field_:
                why, sure = reading.reason, reading.confidence
            elif field_ is None:
                why, sure = "no CaseClock field matches this column's name", self.confidence
            elif i in self.fuzzy:
                why, sure = f"similar to the known column name {self.fuzzy[i]!r}", min(self.confidence, 0.6)
            elif field_ in self.borrowed or self.mapping.role == "synonyms":
                why, sure = "a usual column name for this field", min(self.confidence + 0.2, 0.9)
            elif self.headerless:
                why, sure = f"position {i + 1} of the {self.mapping.name} {self.export.label} layout", self.confidence
            else:
                why, sure = f"known {self.mapping.name} column ({self.export.label})", self.confidence
            out.append({"index": i, "column": label, "field": field_, "reason": why, "confidence": round(sure, 3)})
        return out

    def unsure(self) -> list[tuple[int, Reading]]:
        """Columns read by their words, values or position with less confidence than columns.LOW (a warning)."""
        used = {i for indexes in self.columns.values() for i in indexes}
        return [(i, r) for i, r in sorted(self.readings.items())
                if r.field is not None and i in used and i not in self.chosen and r.confidence < LOW]

    def unused(self) -> list[dict]:
        """Every source column that feeds no field, with the reason (for the report and the CLI summary)."""
        reasons = {c["index"]: c["reason"] for c in self.column_reasons()}
        used = {i for indexes in self.columns.values() for i in indexes}
        return [{"column": h or f"column {i + 1}", "reason": reasons.get(i, "")}
                for i, h in enumerate(self.header) if i not in used and (h or "").strip()]

    def ignored(self) -> list[str]:
        """Source columns that feed no field (custom fields, balances, addresses...)."""
        used = {i for indexes in self.columns.values() for i in indexes}
        return [h or f"column {i + 1}" for i, h in enumerate(self.header) if i not in used and (h or "").strip()]

    def fields(self) -> set[str]:
        """The fields this plan fills: from columns, and from the splits of those columns."""
        have = {f for f, idx in self.columns.items() if idx}
        return have | {g for s in self.export.splits if s.field in have for g in s.pattern.groupindex}

    def missing(self) -> list[str]:
        """What the import needs and this table lacks: a matter (reference or name) and a client."""
        have = self.fields()
        out = []
        if self.kind != "contacts" and not have & set(MATTER_FIELDS):
            out.append("matter reference or name")
        if not have & set(CLIENT_FIELDS):
            out.append("client reference or name")
        return out


def rank(table: Table, mappings: MappingT[str, Mapping], *, name: str | None = None,
         systems: Iterable[str] | None = None) -> list[Plan]:
    """Every (system, layout) scored against the table, best first. `systems` limits the candidates."""
    wanted = set(systems) if systems is not None else None
    header = tuple(table.header) if table.header is not None else None
    rows = [r.cells for r in table.head(SAMPLE_ROWS)]   # only the first rows are read: the rest may be a stream
    synonyms = next((m for m in mappings.values() if m.role == "synonyms"), None)
    core = _core_fields(header, synonyms)
    plans = []
    for mapping in mappings.values():
        if mapping.role == "synonyms" or (wanted is not None and mapping.id not in wanted):
            continue
        for export in mapping.exports:
            plan = _score(mapping, export, header, rows, table.width, name or table.source, core)
            if plan is not None:
                plans.append(plan)
    plans.sort(key=lambda p: (-p.confidence, _KIND_ORDER[p.kind]))
    return plans


_KIND_ORDER = {"matters": 0, "combined": 0, "contacts": 1, "other": 2}


def detect(table: Table, mappings: MappingT[str, Mapping], *, name: str | None = None,
           system: str = "auto") -> Plan:
    """The best plan for a table. `system` = "auto", a system id (its best layout wins whatever the score), or the
    synonyms mapping's id. A headerless table that fits no positional layout gets an empty plan (confidence 0)."""
    synonyms = next((m for m in mappings.values() if m.role == "synonyms"), None)
    if system != "auto" and mappings[system].role == "synonyms":
        return synonym_plan(table, synonyms)
    limit = None if system == "auto" else [system]
    plans = rank(table, mappings, name=name, systems=limit)
    best = plans[0] if plans else None
    if system != "auto":
        useful = [p for p in plans if p.kind != "other" and any(p.columns.values())]
        return borrow(useful[0], synonyms) if useful else (best or _empty(table, mappings[system]))
    if best is not None and best.confidence >= THRESHOLD:
        return borrow(best, synonyms)
    # The reading layer's verdict on the header row stands (sniff and matters agree): a table with a header row is
    # never re-read as headerless, so a header a layout does not know goes to the synonyms below.
    if table.header is None or synonyms is None:
        # No header and no positional layout fits well enough: guessing columns would invent data.
        return _empty(table, best.mapping if best else (synonyms or next(iter(mappings.values()))))
    fallback = synonym_plan(table, synonyms)
    if best is not None and best.confidence >= fallback.confidence and best.kind != "other":
        return borrow(best, synonyms)
    return fallback


IGNORE = "ignore"


def choose(plan: Plan, chosen: MappingT[str, str], *, file: str | None = None) -> Plan:
    """The plan with the user's choices put in: source column (header name, or `column N`) -> field or "ignore".
    A chosen column feeds only its field, first; every other column keeps what detection gave it."""
    from .errors import InputError

    if not chosen:
        return plan
    picks: dict[int, str] = {}
    for column, field_ in chosen.items():
        index = _column_index(plan.header, column)
        if index is None:
            raise InputError(f"the mapping names column {column!r}, which this file does not have (columns: "
                             f"{', '.join(h for h in plan.header if h) or 'none'})", file=file,
                             code="options-invalid")
        field_ = (field_ or IGNORE).strip()
        if field_ not in FIELDS and field_ != IGNORE:
            raise InputError(f"the mapping sends column {column!r} to {field_!r}, which is not a field; fields: "
                             f"{', '.join(FIELDS)}, or ignore", file=file, code="options-invalid")
        picks[index] = field_
    columns = {f: tuple(i for i in idx if i not in picks) for f, idx in plan.columns.items()}
    first: dict[str, list[int]] = {}
    for index, field_ in picks.items():        # in the order given: the first column named for a field wins
        if field_ != IGNORE:
            first.setdefault(field_, []).append(index)
    for field_, indexes in first.items():
        columns[field_] = tuple(indexes) + columns.get(field_, ())
    columns = {f: idx for f, idx in columns.items() if idx}
    evidence = tuple(f"{plan.header[i] or f'column {i + 1}'!r} -> {f} (chosen)" for i, f in sorted(picks.items()))
    return dataclasses.replace(plan, columns=columns, chosen={**plan.chosen, **picks},
                               evidence=plan.evidence + evidence)


def _column_index(header: Sequence[str], column: str) -> int | None:
    column = str(column)
    if column in header:
        return header.index(column)
    folded = [header_key(h) for h in header]
    key = header_key(column)
    if key and folded.count(key) == 1:
        return folded.index(key)
    text = column.strip().lower()
    if text.startswith("column ") and text[7:].strip().isdigit():
        n = int(text[7:])
        return n - 1 if 1 <= n <= len(header) else None
    return None


def borrow(plan: Plan, synonyms: Mapping | None) -> Plan:
    """Columns the winning layout leaves unused but the header synonyms name exactly (a `Status` or `Rate` column
    added to a CaseClock-shaped file) fill the fields the layout has no column for. Their values are read with the
    synonyms' vocabulary (`Plan.borrowed`)."""
    if synonyms is None or plan.headerless or plan.kind not in ("matters", "combined"):
        return plan
    have = plan.fields()
    used = {i for indexes in plan.columns.values() for i in indexes}
    keys = [header_key(h) if i not in used else "" for i, h in enumerate(plan.header)]
    extra = {f: idx for f, idx in _resolve(keys, synonyms.exports[0]).items() if f not in have}
    if not extra:
        return plan
    columns = dict(plan.columns)
    columns.update(extra)
    evidence = [f"{plan.header[i]!r} read as {f} by header synonyms" for f, idx in extra.items() for i in idx]
    return dataclasses.replace(plan, columns=columns, borrowed=frozenset(extra),
                               evidence=plan.evidence + tuple(evidence))


def synonym_plan(table: Table, synonyms: Mapping) -> Plan:
    """Map a layout from no known system: the synonyms' exact names first, then each other column by its header's
    words, a close spelling (difflib), its values, and as a last resort its position (columns.py)."""
    export = synonyms.exports[0]
    header = tuple(table.header or ())
    keys = [header_key(h) for h in header]
    exact = _resolve(keys, export)
    vocabulary = {header_key(v): (f, v) for f in FIELDS for v in export.fields.get(f, ())}
    cutoff = synonyms.fuzzy_cutoff or 0.84
    fuzzy: dict[int, str] = {}

    def close(i: int):
        found = difflib.get_close_matches(keys[i], vocabulary, n=1, cutoff=cutoff) if keys[i] else []
        if not found:
            return None
        fuzzy[i] = vocabulary[found[0]][1]
        return vocabulary[found[0]]

    rows = [r.cells for r in table.head(SAMPLE_ROWS)]
    columns, readings = read_columns(header, rows, exact, words_for(synonyms), synonyms.status, close)
    fuzzy = {i: word for i, word in fuzzy.items() if readings.get(i) and readings[i].field is not None}
    named = sum(1 for k in keys if k)
    mapped = sum(len(v) for v in exact.values())
    mapped += sum(r.confidence for r in readings.values() if r.field is not None)
    accounted = sum(0.5 for r in readings.values() if r.field is None and r.by == "none" and r.confidence >= 0.9)
    has_matter = any(columns.get(f) for f in MATTER_FIELDS)
    has_client = any(columns.get(f) for f in CLIENT_FIELDS)
    confidence = 0.4 * (min(mapped + accounted, named) / named if named else 0) + 0.25 * has_matter \
        + 0.25 * has_client
    evidence = [f"{sum(len(v) for v in exact.values())} of {named} columns matched by header synonyms"]
    evidence += [f"{header[i]!r} ~ {fuzzy[i]!r} (fuzzy)" if i in fuzzy else
                 f"{header[i]!r} -> {r.field} ({r.by}: {r.reason})" for i, r in sorted(readings.items())
                 if r.field is not None]
    return Plan(synonyms, export, round(min(confidence, 0.9), 3), header, False, columns, fuzzy, tuple(evidence),
                readings=readings)


# ------------------------------------------------------------------------------------------------------- scoring

def _core_fields(header: tuple[str, ...] | None, synonyms: Mapping | None) -> frozenset[str]:
    """The CaseClock ID/name fields the header synonyms find in this header (exact names only)."""
    if header is None or synonyms is None:
        return frozenset()
    found = _resolve([header_key(h) for h in header], synonyms.exports[0])
    return frozenset(f for f in CORE_FIELDS if f in found)


def _score(mapping: Mapping, export: Export, header: tuple[str, ...] | None, rows: list[tuple[str, ...]],
           width: int, name: str, core: frozenset[str]) -> Plan | None:
    evidence: list[str] = []
    if header is None:
        if export.headerless is None or len(export.headerless) != width:
            return None
        used_header, headerless = export.headerless, True
        # Same width as a known positional layout: good evidence for wide layouts, weak for narrow ones.
        score = 0.25 + min(0.2, 0.01 * width)
        evidence.append(f"no header row; {width} columns like the {export.label!r} layout")
    else:
        used_header, headerless = header, False
        score = _header_score(header, export, evidence)
    keys = [header_key(h) for h in used_header]
    columns = _resolve(keys, export)
    score += _value_score(export, columns, used_header, rows, evidence)
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if any(fnmatch.fnmatch(base, p.lower()) for p in export.filenames):
        score += _W_FILENAME
        evidence.append(f"file name {base!r} matches {export.label!r}")
    if export.kind in ("matters", "combined"):
        if not any(columns.get(f) for f in MATTER_FIELDS + CLIENT_FIELDS):
            score *= 0.5
        have = set(columns) | {g for s in export.splits if s.field in columns for g in s.pattern.groupindex}
        lacking = sorted(core - have)
        if lacking:
            # The table has a column for a CaseClock ID/name field that this layout would ignore.
            score *= 0.5
            evidence.append(f"leaves the table's {', '.join(lacking)} column(s) unmapped")
    return Plan(mapping, export, round(min(score, 0.99), 3), tuple(used_header), headerless, columns, {},
                tuple(evidence))


def _header_score(header: Sequence[str], export: Export, evidence: list[str]) -> float:
    keys = {header_key(h) for h in header if h}
    named = [header_key(h) for h in header if header_key(h)]
    score = 0.0
    best = 0.0
    for group in export.signatures:
        present = sum(1 for h in group if header_key(h) in keys)
        share = present / len(group)
        value = _W_SIGNATURE if share == 1 else (0.2 * share if len(group) >= 3 and share >= 2 / 3 else 0.0)
        if value > best:
            best = value
            if share == 1:
                evidence.append(f"headers {', '.join(group)} ({export.label})")
    score += best
    if named:
        known = export.known_keys
        share = sum(1 for k in named if k in known) / len(named)
        score += _W_COVERAGE * share
        evidence.append(f"{share:.0%} of the headers are known for {export.label!r}")
        if export.header_prefix:
            prefixed = sum(1 for h in header if h.startswith(export.header_prefix)) / len(named)
            score += _W_PREFIX * prefixed
            if prefixed:
                evidence.append(f"{prefixed:.0%} of the headers start with {export.header_prefix!r}")
    return score


def _value_score(export: Export, columns: MappingT[str, tuple[int, ...]], header: Sequence[str],
                 rows: list[tuple[str, ...]], evidence: list[str]) -> float:
    score = 0.0
    keys = [header_key(h) for h in header]
    for vp in export.values:
        if vp.field is not None:
            index = columns.get(vp.field, (None,))[0] if columns.get(vp.field) else None
        else:
            key = header_key(vp.column)
            index = keys.index(key) if key in keys else None
        if index is None:
            continue
        cells = [clean_text(r[index]) for r in rows if index < len(r)]
        cells = [c for c in cells if c]
        if not cells:
            continue
        share = sum(1 for c in cells if vp.pattern.search(c)) / len(cells)
        score += vp.weight * share
        if share >= 0.5:
            label = header[index] if index < len(header) else f"column {index + 1}"
            evidence.append(f"{share:.0%} of {label!r} values look like /{vp.pattern.pattern}/")
    return score


def _resolve(keys: Sequence[str], export: Export) -> dict[str, tuple[int, ...]]:
    """Field -> column indexes, in the layout's variant order; a column feeds at most one field."""
    where: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k:
            where.setdefault(k, []).append(i)
    claimed: set[int] = set()
    out: dict[str, tuple[int, ...]] = {}
    for name in FIELDS:
        found: list[int] = []
        for variant in export.fields.get(name, ()):
            for i in where.get(header_key(variant), ()):
                if i not in claimed:
                    found.append(i)
                    claimed.add(i)
        if found:
            out[name] = tuple(found)
    return out


def _empty(table: Table, mapping: Mapping) -> Plan:
    export = mapping.exports[0]
    return Plan(mapping, export, 0.0, tuple(table.header or ()), table.header is None, {}, {},
                ("no layout fits this table",))
