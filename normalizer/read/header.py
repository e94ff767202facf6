"""Where the table is: skip titles and 'printed on' lines above it, find the header row (if any), stop before totals."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

Record = tuple[int, list[str]]

_FOOTER = re.compile(
    r"^\s*(grand\s+)?(total|totals|sous-total|total\s*:|count|record count|end of report|fin du rapport|page\s+\d|"
    r"printed|imprimé|\d[\d,.\s]*\s+(matters?|clients?|records?|rows?|dossiers?|projects?|cases?)\b)", re.I)
_NUMBER = re.compile(r"^[-+(]?[$€£]?\s?\d[\d,.\s]*%?\)?$")
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?\s*([AaPp][Mm])?)?$")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Layout:
    header: int | None          # index into records of the header row, None when the file has none
    body_start: int             # index of the first data record
    body_end: int               # index one past the last data record
    width: int
    confidence: float


def is_blank(cells) -> bool:
    return not "".join(cells).strip()


def filled(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _typed(cell: str) -> bool:
    c = cell.strip()
    return bool(c) and bool(_NUMBER.match(c) or _DATE.match(c))


def _label_like(cell: str) -> bool:
    c = cell.strip()
    return (bool(c) and len(c) <= 48 and not _typed(c) and "@" not in c and "\n" not in c
            and len(_DIGIT.findall(c)) <= 2)


def is_footer(cells: list[str], width: int) -> bool:
    first = next((c for c in cells if c.strip()), "")
    return bool(_FOOTER.match(first)) and filled(cells) <= max(2, width // 2)


def _modal_width(records: list[Record]) -> int:
    widths = Counter(len(c) for _, c in records if filled(c) >= 2)
    if not widths:
        return max((len(_trim(c)) for _, c in records), default=0)
    top = max(widths.values())
    return max(w for w, n in widths.items() if n == top)


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end > 1 and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _fits(cells: list[str], width: int) -> bool:
    """Could be a row of a table this wide: nothing past the width, at most one trailing cell missing."""
    return len(_trim(cells)) <= width and len(cells) >= width - 1


SAMPLE = 2000   # records looked at to find the table's width and start; a preamble is never longer


def locate(records: list[Record], known_headers: frozenset[str] = frozenset()) -> Layout:
    """Find header and body. The body starts at the first row that fits the table's width and is followed by
    another fitting row (titles and key/value lines above it are preamble); it ends at the last fitting,
    non-footer row."""
    width = _modal_width(records[:SAMPLE] + records[-50:] if len(records) > SAMPLE + 50 else records)
    fits = [not is_blank(c) and _fits(c, width) for _, c in records[:SAMPLE]]
    start = next((i for i, ok in enumerate(fits) if ok and (filled(records[i][1]) >= 2 or width == 1)
                  and _next_fits(fits, i)), None)
    if start is None:
        start = next((i for i, (_, c) in enumerate(records) if not is_blank(c)), len(records))
    end = len(records)
    while end > start and (is_blank(records[end - 1][1]) or is_footer(records[end - 1][1], width)
                           or not _fits(records[end - 1][1], width) and filled(records[end - 1][1]) <= 1):
        end -= 1
    if start >= end:
        return Layout(None, start, end, width, 0.0)
    has_header, confidence = _is_header(records[start][1], [c for _, c in records[start + 1:end]], known_headers)
    if has_header:
        return Layout(start, start + 1, end, width, confidence)
    return Layout(None, start, end, width, confidence)


def _next_fits(fits: list[bool], i: int) -> bool:
    """True when the next non-blank record also fits (or there is none): a lone fitting line is a title."""
    for j in range(i + 1, len(fits)):
        if fits[j]:
            return True
    return i == len(fits) - 1 or not any(fits[i + 1:])


def _is_header(first: list[str], body: list[list[str]], known: frozenset[str]) -> tuple[bool, float]:
    """Decide whether the first row names the columns. Needs evidence: known column names, or a label row above
    typed columns. A row of plain text above more plain text is data, not a header."""
    cells = [c.strip() for c in first if c.strip()]
    if not cells:
        return False, 0.5
    if known:
        hits = sum(1 for c in cells if c.lower() in known)
        if hits >= max(1, (len(cells) + 1) // 2):
            return True, 0.99
    if not all(_label_like(c) for c in cells) or len(set(c.lower() for c in cells)) < len(cells):
        return False, 0.9
    if not body:
        return True, 0.6     # one label-like row alone: most likely a header-only export
    same = [c.strip().lower() for c in first]
    sample = [r for r in body[:200] if [c.strip().lower() for c in r] != same]   # paginated reports repeat it
    contrast = 0
    for col, head in enumerate(first):
        values = [r[col].strip() for r in sample if col < len(r) and r[col].strip()]
        if not values or not head.strip():
            continue
        typed = sum(1 for v in values if _typed(v)) / len(values)
        unlabel = sum(1 for v in values if not _label_like(v)) / len(values)
        if typed >= 0.6 or unlabel >= 0.6:
            contrast += 1
        if any(v.lower() == head.strip().lower() for v in values):
            return False, 0.7   # a header does not repeat as a value of its own column
    if contrast:
        return True, min(0.95, 0.7 + 0.1 * contrast)
    return False, 0.6
