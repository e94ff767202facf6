"""Which sheet of a workbook holds the table: the one with a header-like row over rows as wide, not a cover, notes or
summary sheet that happens to come first. Shared by XLSX and OpenDocument; says which sheets exist and why one
was read."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..report import Issue, shorten

SheetRows = list[tuple[int, list[str]]]
SCORE_ROWS = 1000         # a sheet is judged on this many rows at most
HEADER_WITHIN = 30        # the header row is looked for among the first non-empty rows
SUBSTANTIAL = 5           # data rows that make a table more than a few lines of notes

_NUMBER = re.compile(r"^[-+(]?[$€£]?\s?\d[\d\s.,']*%?\)?$")


@dataclass(frozen=True)
class Verdict:
    title: str
    filled_rows: int          # rows with any value (of the rows judged)
    header_line: int | None   # the header-like row, when there is one
    header: tuple[str, ...]
    data_rows: int            # rows under the header at least half as wide as it
    known: int                # header cells the caller's vocabulary knows

    @property
    def table(self) -> bool:
        """A header over rows; two columns over a few rows are label/value notes ("Prepared by | Émilie")."""
        wide = sum(1 for h in self.header if h) >= 3
        return self.header_line is not None and self.data_rows >= 2 and (wide or self.data_rows >= SUBSTANTIAL)

    @property
    def key(self) -> tuple:
        """Bigger is more likely the table: known column names, then a table, then the most rows under a header
        only when a smaller table is a few lines (a summary), then anything."""
        return (min(self.known, 2), self.table, self.table and self.data_rows >= SUBSTANTIAL, self.filled_rows > 0)

    def reason(self) -> str:
        """What the sheet holds, as the end of a sentence about it ("has a header row ... over 120 rows")."""
        if self.filled_rows == 0:
            return "is empty"
        if not self.table:
            return f"holds no table ({self.filled_rows} line(s) of text)"
        more = "+" if self.data_rows >= SCORE_ROWS - 1 else ""
        return (f"has a header row (row {self.header_line}: {shorten(', '.join(h for h in self.header if h), 70)}) "
                f"over {self.data_rows}{more} rows")


def judge(title: str, rows: Iterable[tuple[int, list[str]]], known: frozenset[str] = frozenset()) -> Verdict:
    """How much a sheet's first rows look like a table under a header."""
    filled = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    best = (None, (), 0, 0)
    for index, (line, cells) in enumerate(filled[:HEADER_WITHIN]):
        values = [c.strip() for c in cells if c.strip()]
        if len(values) < 2 or len(set(values)) < len(values) or any(_NUMBER.match(v) for v in values):
            continue
        need = max(2, (len(values) + 1) // 2)
        data = sum(1 for _, below in filled[index + 1:] if sum(1 for c in below if c.strip()) >= need)
        hits = sum(1 for v in values if v.lower() in known)
        if (hits, data) > (best[3], best[2]):
            best = (line, tuple(c.strip() for c in cells), data, hits)
    return Verdict(title, len(filled), best[0], best[1], best[2], best[3])


def choose(titles: list[str], open_sheet: Callable[[str], Iterator[tuple[int, list[str]]]], *, name: str,
           sheet: str | None, known: frozenset[str], what: str = "workbook") -> tuple[str, SheetRows, list[Issue]]:
    """(title, rows, issues): the named sheet, or the one that holds the table (ties: the first). `open_sheet(title)`
    yields a sheet's (row number, cells) from the start each time it is called."""
    if sheet is not None:
        if sheet not in titles:
            raise InputError(f"there is no sheet named {sheet!r}; sheets: {', '.join(titles)}", file=name,
                             code="no-such-sheet")
        return sheet, list(open_sheet(sheet)), []
    verdicts, heads = [], {}
    for title in titles:
        head: SheetRows = []
        for record in open_sheet(title):
            head.append(record)
            if len(head) >= SCORE_ROWS:
                break
        heads[title] = head
        verdicts.append(judge(title, head, known))
    best = max(verdicts, key=lambda v: v.key)      # max() keeps the first of equals: the earlier sheet
    if best.filled_rows == 0:
        raise InputError(f"every sheet in this {what} is empty", file=name, code="empty")
    rows = heads[best.title] if len(heads[best.title]) < SCORE_ROWS else list(open_sheet(best.title))
    issues = []
    if len(titles) > 1:
        others = "; ".join(f"{v.title!r} {v.reason()}" for v in verdicts if v is not best)
        issues.append(Issue("info", "sheet-chosen",
                            f"this {what} has {len(titles)} sheets ({', '.join(map(repr, titles))}); sheet "
                            f"{best.title!r} was read: it {best.reason()}; {others} (to read another, choose its "
                            "sheet)", file=name))
    return best.title, rows, issues
