"""How much one candidate's parse looks like a table (the data-consistency idea of van den Burg et al. and the
table-uniformity idea of García, 2024): one width for the records, cells that look like values, columns that hold
one kind of value.

A report's title lines above the table and a totals line below it cost only a little, so the table itself decides.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .cell_types import cell_type

MAX_PREAMBLE_ROWS = 20     # title, "Printed on ...", filters: lines above the header
MAX_FOOTER_ROWS = 5        # "Total: 213 matters", page footers
EDGE_COST = 0.25           # a tolerated preamble/footer line counts this much against uniformity
MAX_RECORD_LINES = 10      # a record spanning more lines than this is more likely a quote that swallowed text
MAX_TYPED_ROWS = 500       # typing every cell of a big sample adds time, not evidence

_LEFTOVER = re.compile(r"^[\"']|\"$|\\[\"']|\\$")   # quoting or escaping that the parse did not undo
_QUOTED_AFTER_SPACE = re.compile(r"\s+([\"'])(.*)\1\s*", re.DOTALL)


@dataclass(frozen=True)
class Parsed:
    """One candidate's parse: cells per record and the physical lines each record spans."""
    rows: list[list[str]]
    spans: list[int]
    unclosed: bool = False   # the text ended inside a quoted cell: the last record is a quote run off the end


@dataclass(frozen=True)
class Evidence:
    score: float          # 0..1: uniformity x support x typing x homogeneity x width and margin factors
    width: int            # the table's usual number of columns
    records: int          # records of that width
    uniformity: float     # share of lines in records of that width (preamble and footer tolerated)
    typing: float         # share of cells that look like values rather than mis-cut fragments
    homogeneity: float    # mean share of each column's most common kind of value


NO_TABLE = Evidence(0.0, 1, 0, 0.0, 0.0, 0.0)


def table_evidence(parsed: Parsed, delimiter: str, quotechar: str | None = '"') -> Evidence:
    """Score a parse; one where no record has two cells is not a table (score 0)."""
    rows = parsed.rows
    if delimiter == " ":  # columns aligned with runs of spaces: judge the words, not the padding
        rows = [[c for c in r if c] for r in rows]
    body = [(r, s) for r, s in zip(rows, parsed.spans) if any(c.strip() for c in r)]
    if parsed.unclosed and body:
        body[-1] = ([], body[-1][1])  # belongs to no table width
    lines_by_width: Counter = Counter()
    for row, span in body:
        lines_by_width[len(row)] += span
    if not any(w >= 2 for w in lines_by_width):
        return NO_TABLE
    width = max((w for w in lines_by_width if w >= 2), key=lambda w: (lines_by_width[w], w))
    table = [r for r, _ in body if len(r) == width]
    uniformity = _uniformity(body, width)
    typing, homogeneity = _typing(table[:MAX_TYPED_ROWS], width, delimiter, quotechar)
    support = len(table) / (len(table) + 1)  # one record proves little
    score = uniformity * support * typing * homogeneity * _width_factor(width) * _margin_factor(table)
    return Evidence(score, width, len(table), uniformity, typing, homogeneity)


def _uniformity(body: list[tuple[list[str], int]], width: int) -> float:
    """Share of the physical lines that belong to records of the table's width, edges tolerated.

    A record is credited with at most MAX_RECORD_LINES lines: a stray quote mark that runs on for pages must not
    look like one tidy record.
    """
    total = sum(s for _, s in body)
    good = sum(min(s, MAX_RECORD_LINES) for r, s in body if len(r) == width)
    first = next(i for i, (r, _) in enumerate(body) if len(r) == width)
    last = max(i for i, (r, _) in enumerate(body) if len(r) == width)
    edges = body[: min(first, MAX_PREAMBLE_ROWS)] + body[max(last + 1, len(body) - MAX_FOOTER_ROWS):]
    tolerated = sum(s for r, s in edges if len(r) < width and s == 1)
    return good / max(total - (1 - EDGE_COST) * tolerated, 1)


def _typing(table: list[list[str]], width: int, delimiter: str, quotechar: str | None) -> tuple[float, float]:
    """(share of cells that look like values, mean share of each column's most common kind).

    A column's first value is left out of its kind count: it is usually the header, words above numbers.
    """
    cells = odd = 0
    kinds: list[Counter] = [Counter() for _ in range(width)]
    headed = [False] * width
    for row in table:
        for column, cell in enumerate(row):
            kind = _kind(cell, delimiter, quotechar)
            cells += 1
            odd += kind == "other"
            if kind in ("empty", "constant"):  # "-", "n/a", a ditto mark: at home in any column
                continue
            if headed[column]:
                kinds[column][kind] += 1
            headed[column] = True
    typing = 1.0 - odd / max(cells, 1)
    shares = [max(c.values()) / sum(c.values()) if c else 1.0 for c in kinds]
    return typing, sum(shares) / width


def _kind(cell: str, delimiter: str, quotechar: str | None) -> str:
    """cell_type, knowing what the parse did: a cell holding the delimiter or a line break was quoted on purpose;
    a cell that starts with the dialect's quote mark had it written doubled (csv.reader opens a quote at every
    cell start), so it is the value's own; and ` "a"` is a quoted value written with a space after the delimiter."""
    kind = cell_type(cell)
    if kind != "other":
        return kind
    value = cell.strip()
    if quotechar and quotechar in cell and delimiter in cell and "\n" not in cell and "\\" not in cell:
        return "text"   # only a quoted value holds the delimiter: its quote marks were written doubled, on purpose
    if quotechar and value[0] == quotechar and cell[0] == quotechar:
        inner = value.strip(quotechar)
        return cell_type(inner) if inner else "constant"
    padded = _QUOTED_AFTER_SPACE.fullmatch(cell)
    if padded:
        return cell_type(padded.group(2))
    if (delimiter in cell or "\n" in cell or "\r" in cell) and not _LEFTOVER.search(value):
        return "text"
    return kind


def _margin_factor(table: list[list[str]]) -> float:
    """Records rarely start with the delimiter; lines that all start with one mark ("# note") do."""
    share = sum(1 for row in table if not row[0].strip()) / max(len(table), 1)
    return 1.0 - 1.8 * max(0.0, share - 0.5)


def _width_factor(width: int) -> float:
    """More columns is slightly more convincing than fewer, as long as the records agree."""
    return 1.0 - 1.0 / (width + 1)
