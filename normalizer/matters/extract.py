"""Field values out of a row: the columns the layout (vendor.Plan) names for each field, cleaned (RULES: text
cleaning), then the layout's splits. `compile_extractor` builds one straight-line function per layout, so a row
costs no loop over the mapping."""
from __future__ import annotations

import unicodedata
from typing import Callable, Sequence

from ..clean import clean_text, id_shape, person_name
from ..mappings import Mapping
from ..table import Table
from ..vendor import Plan

SAMPLE_IDS = 200           # rows whose IDs show what the column's IDs look like (id_shape)
CLIENT_NAME_FIELDS = ("client_name", "client_company", "client_first", "client_last")
Extractor = Callable[[Sequence[str]], dict]


def compile_extractor(plan: Plan, columns: Sequence[tuple[str, tuple[int, ...]]] | None = None) -> Extractor:
    """extract(cells, plan, columns) as one function made for this layout: each field reads its own columns by
    index (the first non-empty cleaned value wins), then the splits; same values, no per-row dispatch."""
    columns = tuple(plan.columns.items()) if columns is None else tuple(columns)
    code = ["def ext(cells):", "    vals = {}", "    w = len(cells)"]
    for name, indexes in columns:
        code += _first_of(name, tuple(indexes), "    ")
    if plan.export.splits:
        code.append("    split(vals, plan)")
    code.append("    return vals")
    scope = {"nfc": unicodedata.normalize, "split": _split, "plan": plan}
    exec("\n".join(code), scope)      # noqa: S102 (code made here from column indexes and field names only)
    return scope["ext"]


def _first_of(name: str, indexes: tuple[int, ...], pad: str) -> list[str]:
    if not indexes:
        return []
    i = int(indexes[0])
    out = [f"{pad}v = cells[{i}] if {i} < w else ''",
           f"{pad}if v:",
           f"{pad}    if not v.isascii():",
           f"{pad}        v = nfc('NFC', v)",
           f"{pad}    v = ' '.join(v.split())",
           f"{pad}if v:",
           f"{pad}    vals[{name!r}] = v"]
    rest = _first_of(name, indexes[1:], pad + "    ")
    if rest:
        out += [f"{pad}else:"] + rest
    return out


def _split(vals: dict[str, str], plan: Plan) -> None:
    for split in plan.export.splits:
        value = vals.get(split.field)
        if not value:
            continue
        match = split.pattern.match(value)
        if match is None:
            continue
        for group, part in match.groupdict().items():
            if part is None:
                continue
            if group == split.field or not vals.get(group):
                vals[group] = clean_text(part)


def extract(cells: Sequence[str], plan: Plan, columns: Sequence[tuple[str, tuple[int, ...]]] | None = None
            ) -> dict[str, str]:
    """Field -> cleaned value (RULES text cleaning) for one row: the first non-empty of the field's columns, then the layout's splits
    (`2658 - Name` -> client_ref + client_name; `00012-Smith: Divorce` -> matter_ref + matter_name)."""
    vals: dict[str, str] = {}
    width = len(cells)
    for name, indexes in columns if columns is not None else plan.columns.items():
        for i in indexes:
            value = cells[i] if i < width else ""
            if value:
                # clean_text inlined: this loop runs for every cell the job uses (see benchmarks/matters.py)
                if not value.isascii():
                    value = unicodedata.normalize("NFC", value)
                value = " ".join(value.split())
                if value:
                    vals[name] = value
                    break
    _split(vals, plan)
    return vals


def client_name(vals: dict[str, str], plan: Plan) -> str:
    """clean.client_display_name for values extract() has already cleaned: the first non-empty of the layout's
    name sources. Cleaning is idempotent, so skipping the second clean_text changes nothing (this runs per row)."""
    for source in plan.export.name_order:
        if source == "display":
            name = vals.get("client_name")
        elif source == "company":
            name = vals.get("client_company")
        elif source == "person":
            name = person_name(vals.get("client_last", ""), vals.get("client_first", ""))
        else:
            continue
        if name:
            return name
    return ""



NAME_FIELDS = ("client_name", "client_company", "client_first", "client_middle", "client_last", "matter_name")


def name_columns(plan: Plan) -> tuple[int, ...]:
    """Indexes of the columns a client or matter name comes from: the name fields' own and any a split takes a name
    from (Clio's `Matter` = `00012-Smith: Divorce`), each once."""
    fields = set(NAME_FIELDS) | {sp.field for sp in plan.export.splits if set(NAME_FIELDS) & set(sp.pattern.groupindex)}
    return tuple(sorted({i for f in fields for i in plan.columns.get(f, ())}))


REF_FIELDS = ("client_ref", "matter_ref")      # kind 0: Client IDs, kind 1: Matter IDs


def id_columns(plan: Plan, field: str) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], bool]:
    """The columns that yield `field` (its own, and those a split takes it from), and whether extract() over only
    these gives the same `field` as over every column: true unless a split from some other column can write into
    one of them (then the single pass extracts the ID on its own, the way _scan_ids does)."""
    sources = {field} | {sp.field for sp in plan.export.splits if field in sp.pattern.groupindex}
    columns = tuple((f, idx) for f, idx in plan.columns.items() if f in sources)
    same = not any(sources & set(sp.pattern.groupindex) for sp in plan.export.splits if sp.field not in sources)
    return columns, same



def id_shapes(table: Table, plan: Plan) -> dict[str, tuple[float, int]]:
    """What the table's IDs look like, from its first rows (Excel-damaged IDs stand out against them)."""
    out = {}
    for field in REF_FIELDS:
        if field in plan.fields():
            columns, _ = id_columns(plan, field)
            out[field] = id_shape(extract(r.cells, plan, columns).get(field, "") for r in table.head(SAMPLE_IDS))
    return out


def column_of(plan: Plan, field: str) -> str:
    indexes = plan.columns.get(field)
    if not indexes:
        return field
    return plan.header[indexes[0]] or f"column {indexes[0] + 1}"


def vocabulary(plan: Plan, field: str, generic: Mapping | None) -> Mapping:
    """The mapping whose vocabulary reads this field: the synonyms' for a column the layout borrowed."""
    return generic if field in plan.borrowed and generic is not None else plan.mapping


def of(other: str, file: str) -> str:
    """` of other.csv` when a message points at a line of another file than the row's."""
    return "" if other == file else f" of {other}"
