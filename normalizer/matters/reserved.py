"""Reserved IDs: a rewritten or derived Client/Matter ID must never take an ID that is some row's own valid
reference, even one on a later line. Most exports never need to read their rows twice to know that: the one pass
notes the valid references as it goes (_RefsSoFar) and the job restarts with the full scan only when an ID it
assumed free turns up later (Restart)."""
from __future__ import annotations

from ..clean import excel_damage, id_rule
from ..read import read_table
from .extract import CLIENT_NAME_FIELDS, REF_FIELDS, client_name, extract, id_columns, id_shapes
from .load import Loaded


def _scan_ids(matters: list[Loaded], vocabulary, kind: int) -> dict[str, tuple[int, str]]:
    """Every reference of one kind that is already a valid CaseClock ID -> its first (line, file). A second,
    read-only pass over the sources that have such a column: a rewritten or derived ID must never take a real one.
    Only run when the single pass's _RefsSoFar restarts the job (see _normalize)."""
    field = REF_FIELDS[kind]
    found: dict[str, tuple[int, str]] = {}
    for x in matters:
        if field not in x.plan.fields():
            continue
        table = read_table(x.data, name=x.table.source, sheet=x.table.detection.sheet, known_headers=vocabulary,
                           options=x.options)
        columns, _ = id_columns(x.plan, field)       # only what yields the ID
        for row in table.iter_rows():
            ref = extract(row.cells, x.plan, columns).get(field)
            if ref and ref not in found and id_rule(ref) == ref:
                found[ref] = (row.line, table.source)
    return found


class _Restart(Exception):
    """A valid reference turned up after an ID was chosen assuming no source held it: redo the job eagerly."""


class _RefsSoFar:
    """Stands in for _scan_ids' result during the single pass: the valid IDs of one kind seen so far -> first
    (line, file), filled by note() on every row before the row is worked on. So a lookup that finds an ID gives the
    scan's answer (its first occurrence is behind us). A lookup that misses is remembered: should that ID turn up
    later as a valid reference, the choice made without it might differ from the scan's and the job restarts with
    the scan (_Restart). The result is always the scan's; most exports skip reading every source twice."""

    __slots__ = ("found", "assumed_free")

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, str]] = {}
        self.assumed_free: set[str] = set()

    def note(self, ref: str, line: int, file: str) -> None:
        if ref not in self.found and id_rule(ref) == ref:
            if ref in self.assumed_free:
                raise _Restart
            self.found[ref] = (line, file)

    def __contains__(self, key: str) -> bool:
        if key in self.found:
            return True
        self.assumed_free.add(key)
        return False

    def get(self, key: str, default=None):
        if key in self:
            return self.found[key]
        return default

    def __getitem__(self, key: str) -> tuple[int, str]:
        return self.found[key]


def _scan_client_refs(matters: list[Loaded], vocabulary, kind: int = 2) -> dict[str, tuple[str, int, str]]:
    """Client Name -> its first client reference and (line, file), from the rows that hold both. Read only when a
    row names a client without a reference in a table that has a client reference column (RULES: one client name,
    one ID; the reference wins when the same client has one on another line)."""
    found: dict[str, tuple[str, int, str]] = {}
    wanted = ("client_ref",) + CLIENT_NAME_FIELDS
    for x in matters:
        if "client_ref" not in x.plan.fields():
            continue
        table = read_table(x.data, name=x.table.source, sheet=x.table.detection.sheet, known_headers=vocabulary,
                           options=x.options)
        sources = set(wanted) | {sp.field for sp in x.plan.export.splits
                                 if any(f in sp.pattern.groupindex for f in wanted)}
        columns = tuple((f, idx) for f, idx in x.plan.columns.items() if f in sources)
        shape = id_shapes(table, x.plan).get("client_ref", (1.0, 0))
        for row in table.iter_rows():
            vals = extract(row.cells, x.plan, columns)
            ref = vals.get("client_ref")
            if ref and excel_damage(ref, shape) is None:     # a reference Excel damaged is never taken
                name = client_name(vals, x.plan)
                if name and name not in found:
                    found[name] = (ref, row.line, table.source)
    return found


Restart = _Restart


class Reserved:
    """The valid IDs the sources hold, by kind (0: Client IDs, 1: Matter IDs; 2: client name -> first reference),
    each read on first need. With eager=False kinds 0 and 1 are collected during the one pass instead."""

    def __init__(self, matters: list[Loaded], vocabulary, eager: bool) -> None:
        self.matters, self.vocabulary = matters, vocabulary
        self.found: list = [None, None, None]
        if not eager:
            self.found[:2] = _RefsSoFar(), _RefsSoFar()

    def ids(self, kind: int):
        if self.found[kind] is None:
            scan = _scan_client_refs if kind == 2 else _scan_ids
            self.found[kind] = scan(self.matters, self.vocabulary, kind)
        return self.found[kind]

    def notes(self, plan) -> tuple:
        """(field, _RefsSoFar, columns or None) for each ID kind this table's rows must note (columns: extract the
        ID on its own, as _scan_ids would, when the row's full extract could give another value)."""
        out = []
        for kind, field in enumerate(REF_FIELDS):
            refs = self.found[kind]
            if isinstance(refs, _RefsSoFar) and field in plan.fields():
                columns, same = id_columns(plan, field)
                out.append((field, refs, None if same else columns))
        return tuple(out)
