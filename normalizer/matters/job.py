"""The matter-list job: a system's client/matter export(s) -> CaseClock's import CSV + a report of every row.

The steps of docs/RULES.md, in order, for every row: note its valid IDs (reserved.py) -> closed? -> line breaks in
names -> Client ID -> Matter ID -> jurisdiction, practice area, rate -> cell limits -> duplicates -> written.
Invariant kept and asserted: rows_read == rows_written + rows_merged + rows_filtered + rows_rejected.
"""
from __future__ import annotations

import dataclasses
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Mapping as MappingT, Sequence

from .. import progress
from ..check import target_layout
from ..clean import FIELD_LIMIT, clean_text
from ..mappings import Mapping, known_headers, load_mappings
from ..report import Report, shorten
from ..write import CsvWriter
from .describe import describe
from .extract import compile_extractor, extract, id_shapes, name_columns
from .load import Given, Loaded, _choose, _load_all
from .lookup import Lookup
from .reserved import Reserved, Restart
from .rules.cells import note_line_breaks, within_limit
from .rules.clients import ClientIds
from .rules.duplicates import Duplicates
from .rules.jurisdiction import Jurisdiction
from .rules.matter_ids import MatterIds
from .rules.rate import Rate
from .rules.status import Status

HEADER = tuple(target_layout().columns)      # CaseClock's import columns, from mappings/caseclock.toml
COUNTS = ("rows_read", "rows_written", "rows_merged", "rows_filtered", "rows_rejected")
OUTPUT_NAME = "caseclock-matters.csv"


@dataclass
class MattersOutput:
    data: bytes
    report: Report
    filename: str = OUTPUT_NAME


def normalize(sources: Sequence[tuple[str, bytes]], *, system: str = "auto", include_closed: bool = False,
              jurisdiction: str | None = None, excel: bool = False, sheet: str | None = None,
              mappings: MappingT[str, Mapping] | None = None, given: Given | None = None) -> MattersOutput:
    """Convert (name, bytes) sources. `sheet` names the XLSX sheet to read; `given` what the user stated instead of
    detection. Raises InputError when nothing usable can be produced."""
    mappings = mappings if mappings is not None else load_mappings()
    if system != "auto" and system not in mappings:
        raise ValueError(f"unknown system {system!r}; known: {', '.join(sorted(mappings))}")
    given = given or Given()
    if sheet:
        given = dataclasses.replace(given, read={**given.read, "*": {"sheet": sheet, **given.read.get("*", {})}})
    with _gc_paused():
        try:
            return _normalize(sources, system, include_closed, jurisdiction, excel, given, mappings)
        except Restart:
            pass    # outside the except block, so the first attempt's state is freed before the second starts
        return _normalize(sources, system, include_closed, jurisdiction, excel, given, mappings, eager=True)


@contextmanager
def _gc_paused():
    """The job allocates millions of small acyclic objects (cells, rows, dicts); CPython's cyclic collector would
    re-scan the whole growing table again and again (superlinear on 100,000-row exports). Nothing here makes
    cycles that need it, so it is paused for the job and restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _normalize(sources, system, include_closed, jurisdiction, excel, given, mappings, eager=False) -> MattersOutput:
    """One attempt at the job. eager=False collects valid IDs as the rows go instead of reading every source a second
    time, and raises Restart in the rare case that this could give another result than eager=True (reserved.py)."""
    report = Report(counts={k: 0 for k in COUNTS})
    archives: list[tuple[str, list[str]]] = []
    loaded = _load_all(sources, mappings, system, report, given, archives)
    matters, contacts = _choose(loaded, report, archives)
    output = CsvWriter(HEADER, excel_bom=excel)
    generic = next((m for m in mappings.values() if m.role == "synonyms"), None)
    job = MatterJob(report, output, include_closed=include_closed, jurisdiction=clean_text(jurisdiction or ""),
                    lookup=Lookup.build(contacts), generic=generic,
                    reserved=Reserved(matters, known_headers(mappings), eager))
    for item in matters:
        job.run(item)
    job.finish()
    describe(report, matters, contacts, loaded, generic)
    report.meta["left_out"] = [{"file": f, "line": n, "outcome": o} for f, n, o in job.left_out]
    counts = report.counts
    assert counts["rows_read"] == sum(counts[k] for k in COUNTS[1:]), counts
    return MattersOutput(output.data(), report)


class MatterJob:
    """The rules, in the order RULES.md gives them, run over every row of every matter table."""

    def __init__(self, report: Report, output: CsvWriter, *, include_closed: bool, jurisdiction: str,
                 lookup: Lookup, generic: Mapping | None, reserved: Reserved) -> None:
        self.report, self.output, self.include_closed, self.reserved = report, output, include_closed, reserved
        self.status = Status(report, include_closed, generic)
        self.clients = ClientIds(report, lookup, reserved)
        self.duplicates = Duplicates(report)
        self.matter_ids = MatterIds(report, reserved, self.duplicates)
        self.rate = Rate(report, generic)
        self.jurisdiction = Jurisdiction(report, jurisdiction)
        self.same: dict[str, str] = {}                          # one str object per repeated value (memory)
        self.written = 0
        self.left_out: list[tuple[str, int, str]] = []          # (file, line, merged|filtered|rejected)

    def run(self, item: Loaded) -> None:
        plan, table, file = item.plan, item.table, item.table.source
        self.jurisdiction.start(plan, file)
        self.clients.shapes = self.matter_ids.shapes = id_shapes(table, plan)
        self.matter_ids.name_column = "matter_name" in plan.fields()
        counts = dict.fromkeys(COUNTS[1:], 0)
        extract_row = compile_extractor(plan)
        notes = self.reserved.notes(plan)
        names = name_columns(plan)
        left_out, row_outcome = self.left_out, self.row
        lines = (item.data.count(b"\n") + 1) if progress.active() and item.data else 0
        for row in table.iter_rows():       # a stream: each source row is freed once it is accounted for
            line, cells = row.line, row.cells
            vals = extract_row(cells)
            for field, refs, own in notes:  # every row, even one filtered or rejected below, as the scan reads
                ref = vals.get(field) if own is None else extract(cells, plan, own).get(field)
                if ref:
                    refs.note(ref, line, file)
            outcome = row_outcome(vals, cells, plan, line, file, names)
            counts[outcome] += 1
            if outcome != "rows_written":
                left_out.append((file, line, outcome[5:]))
            if lines and not line % progress.EVERY:
                progress.tick("converting", file, line / lines)
        item.rows = sum(counts.values())
        self.report.count("rows_read", item.rows)
        for key, n in counts.items():
            self.report.count(key, n)

    def row(self, vals: dict[str, str], cells, plan, line: int, file: str, names=()) -> str:
        """One source row's cleaned values -> the count it lands in."""
        if self.status.closed(vals, plan, line, file) and not self.include_closed:
            return "rows_filtered"
        if names:
            note_line_breaks(cells, names, plan, line, file, self.report)
        client = self.clients.client(vals, plan, line, file)
        if client is None:
            return "rows_rejected"
        cid, cname = client
        matter = self.matter_ids.matter(vals, cid, line, file, plan)
        if matter is None:
            return "rows_rejected"
        mid, mname, derived, owner = matter
        jur = self.jurisdiction.of(vals)
        area = vals.get("practice_area", "")
        rate = self.rate.rate(vals, plan, line, file)
        out = (cid, cname, mid, mname, jur, area, rate)
        if (len(cid) > FIELD_LIMIT or len(cname) > FIELD_LIMIT or len(mid) > FIELD_LIMIT or len(mname) > FIELD_LIMIT
                or len(jur) > FIELD_LIMIT or len(area) > FIELD_LIMIT or len(rate) > FIELD_LIMIT):
            out = within_limit(out, HEADER, line, file, self.report)
            if out is None:
                return "rows_rejected"
            cid, cname, mid, mname, jur, area, rate = out
        if not jur:
            self.jurisdiction.count_missing(file)
        same = self.same
        out = (cid, cname, mid, mname, same.setdefault(jur, jur), same.setdefault(area, area), rate)
        repeated = self.duplicates.outcome(out, line, file)
        if repeated is not None:
            return repeated
        if derived:
            self.report.add("warning", "matter-id-derived", f"no matter reference; Matter ID {mid!r} derived from "
                            "the client and matter name", row=line, column="Matter ID", file=file)
        self.duplicates.remember(out, line, file, owner)
        self.written += 1
        for column, original in self.output.write(out):
            self.report.add("warning", "formula-neutralised",
                            f"{HEADER[column]} {shorten(original)!r} starts like a spreadsheet formula; written with a "
                            "leading ' so Excel shows it as text", row=line, column=HEADER[column], file=file)
        return "rows_written"

    def finish(self) -> None:
        self.report.meta["source_refs"] = self.matter_ids.finish()
        self.status.finish()
        self.jurisdiction.finish(self.written)
