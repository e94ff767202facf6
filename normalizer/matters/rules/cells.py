"""RULES § Text cleaning, the parts worth telling: line breaks inside a name joined, a value longer than a cell may
hold cut (a name) or the row left out (an ID)."""
from __future__ import annotations

from ...clean import FIELD_LIMIT, clean_text, cut
from ...report import Report, shorten
from ...vendor import Plan


def note_line_breaks(cells, names: tuple[int, ...], plan: Plan, line: int, file: str, report: Report) -> None:
    """`names`: the columns holding a client or matter name, whose line breaks the cleaning collapsed."""
    for i in names:
        cell = cells[i] if i < len(cells) else ""
        if "\n" in cell or "\r" in cell:
            column = plan.header[i] if i < len(plan.header) else f"column {i + 1}"
            report.add("info", "line-breaks-joined", f"{column} {shorten(clean_text(cell))!r} had line "
                       "breaks inside it; joined into one line with spaces", row=line, column=column, file=file)


def within_limit(out: tuple[str, ...], header, line: int, file: str, report: Report) -> tuple[str, ...] | None:
    """A value longer than one cell may hold (FIELD_LIMIT, the limit `check` applies too): a name or text is cut
    with a warning; an ID that long cannot be a reference, so the row is left out (None)."""
    for i in (0, 2):
        if len(out[i]) > FIELD_LIMIT:
            report.add("error", "cell-too-long", f"{header[i]} is {len(out[i]):,} characters long, more than "
                       f"the {FIELD_LIMIT:,} a cell may hold; this row is left out", row=line,
                       column=header[i], file=file)
            return None
    fixed = list(out)
    for i, value in enumerate(out):
        if len(value) > FIELD_LIMIT:
            fixed[i] = cut(value)
            report.add("warning", "cell-cut", f"{header[i]} {shorten(value)!r} is {len(value):,} characters "
                       f"long; cut to the {FIELD_LIMIT:,} a cell may hold", row=line, column=header[i], file=file)
    return tuple(fixed)
