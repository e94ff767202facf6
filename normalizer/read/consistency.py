"""How much a parse looks like a table: one width for the body rows, cells that look like values,
columns that hold one kind of value.

A report's title lines above the table and a totals line below it are tolerated (they cost a little), so
the table itself decides the dialect.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import re

from .cell_types import cell_type

_LEFTOVER = re.compile(r"^[\"']|\"$|\\[\"']|\\$")   # quoting or escaping that the parse did not undo

MAX_PREAMBLE_ROWS = 20     # title, "Printed on ...", filters: lines above the header
MAX_FOOTER_ROWS = 5        # "Total: 213 matters", page footers
EDGE_COST = 0.25           # a tolerated preamble/footer line counts this much against uniformity
MAX_TYPED_ROWS = 500       # typing every cell of a big sample adds time, not evidence


@dataclass(frozen=True)
class Parsed:
    """One candidate's parse: cells per record and the physical lines each record spans."""
    rows: list[list[str]]
    spans: list[int]


@dataclass(frozen=True)
class Evidence:
    score: float          # 0..1: uniformity x typing x homogeneity x width factor
    width: int            # the table's usual number of columns
    records: int          # records of that width
    uniformity: float     # share of lines in records of the table's width
    typing: float
    homogeneity: float


NO_TABLE = Evidence(0.0, 1, 0, 0.0, 0.0, 0.0)


def table_evidence(parsed: Parsed, delimiter: str) -> Evidence:
    """Score a parse; a parse where no record has two cells is not a table (score 0)."""
    rows = parsed.rows
    if delimiter == " ":  # columns aligned with runs of spaces: judge the words, not the padding
        rows = [[c for c in r if c] for r in rows]
    body = [(r, s) for r, s in zip(rows, parsed.spans) if any(c.strip() for c in r)]
    widths = Counter(len(r) for r, _ in body)
    multi = {w: n for w, n in widths.items() if w >= 2}
    if not multi:
        return NO_TABLE
    width = max(multi, key=lambda w: (sum(s for r, s in body if len(r) == w), w))
    uniformity = _uniformity(body, width)
    table = [r for r, _ in body if len(r) == width][:MAX_TYPED_ROWS]
    typing, homogeneity = _typing(table, width, delimiter)
    records = sum(1 for r, _ in body if len(r) == width)
    support = records / (records + 1)  # one record proves little
    score = uniformity * support * typing * homogeneity * _width_factor(width) * _margin_factor(table)
    return Evidence(score, width, records, uniformity, typing, homogeneity)


def _uniformity(body: list[tuple[list[str], int]], width: int) -> float:
    """Share of the physical lines that belong to records of the table's width, edges tolerated."""
    total = sum(s for _, s in body)
    good = sum(s for r, s in body if len(r) == width)
    first = next(i for i, (r, _) in enumerate(body) if len(r) == width)
    last = max(i for i, (r, _) in enumerate(body) if len(r) == width)
    edges = [body[i] for i in range(min(first, MAX_PREAMBLE_ROWS))]
    edges += [body[i] for i in range(max(last + 1, len(body) - MAX_FOOTER_ROWS), len(body))]
    tolerated = sum(s for r, s in edges if len(r) < width and s == 1)
    return good / max(total - (1 - EDGE_COST) * tolerated, 1)


def _typing(table: list[list[str]], width: int, delimiter: str) -> tuple[float, float]:
    """(share of cells that look like values, mean share of each column's most common kind).

    A column's first value is left out of its kind count: it is usually the header.
    """
    cells = 0
    odd = 0
    kinds: list[Counter] = [Counter() for _ in range(width)]
    headed = [False] * width
    for row in table:
        for column, cell in enumerate(row):
            kind = _kind(cell, delimiter)
            cells += 1
            if kind == "other":
                odd += 1
            if kind == "empty":
                continue
            if headed[column]:
                kinds[column][kind] += 1
            headed[column] = True
    typing = 1.0 - odd / max(cells, 1)
    shares = [max(c.values()) / sum(c.values()) if c else 1.0 for c in kinds]
    return typing, sum(shares) / width


def _kind(cell: str, delimiter: str) -> str:
    """cell_type, but a cell holding the delimiter or a line break was quoted on purpose: free text is fine there."""
    kind = cell_type(cell)
    padded = cell.strip()
    if kind == "other" and cell[:1].isspace() and len(padded) > 1 and padded[0] == padded[-1] and padded[0] in "\"'":
        return cell_type(padded[1:-1])  # "a", "b": a space after the delimiter keeps csv from unquoting
    if kind == "other" and (delimiter in cell or "\n" in cell or "\r" in cell) and not _LEFTOVER.search(cell.strip()):
        return "text"
    return kind


def _margin_factor(table: list[list[str]]) -> float:
    """Records rarely start with a delimiter; lines that start with the same mark ("# comment") mostly do."""
    share = sum(1 for row in table if not row[0].strip()) / max(len(table), 1)
    return 1.0 - 1.8 * max(0.0, share - 0.5)


def _width_factor(width: int) -> float:
    """More columns is slightly more convincing than fewer, as long as the rows agree."""
    return 1.0 - 1.0 / (width + 1)
