"""Where the table is: skip titles and 'printed on' lines above it, find the header row (if any), stop before totals."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

Record = tuple[int, list[str]]

# The first filled cell of a totals / 'printed on' / page line. Whole words only: 'Countryside Farms' or 'Totally
# Fit Inc.' are clients, not footers.
_END = r"(?![^\W\d_])"      # not followed by a letter
FOOTER = re.compile(
    rf"^\s*((grand\s+|sous-)?totals?{_END}|count\s*:|record count{_END}|end of report{_END}|fin du rapport{_END}|"
    rf"page\s+\d+(\s*(of|de|/)\s*\d+)?\s*$|printed\s+(on|by|at){_END}|printed\s*:|imprimé\s+(le|par){_END}|"
    rf"\d[\d,.\s]*\s+(matters?|clients?|records?|rows?|dossiers?|projects?|cases?){_END})", re.I)
# Report furniture between rows (paginated exports): subtotals, "continued" lines, "#" comment lines.
_SUBTOTAL = re.compile(r"^\s*(sub-?\s?totals?|sous-totaux|sous-total|total\s+(for|de|du|des|pour|of)\s)", re.I)
_CONTINUED = re.compile(r"(\(\s*(continued|cont'?d\.?|cont\.|suite)\s*\)|[-–—]\s*(continued|suite)|\bcontinued)\s*$"
                        r"|^\s*(continued|cont'?d\.?)\b", re.I)
_COMMENT_MARK = re.compile(r"#(#|\s|!|$)")
# One test for a row's first cell that lets the reader skip furniture() for ordinary rows.
MAY_BE_FURNITURE = re.compile(rf"{FOOTER.pattern}|{_SUBTOTAL.pattern}|{_CONTINUED.pattern}|^\s*#", re.I)
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


def _label_like(cell: str, longest: int = 48) -> bool:
    c = cell.strip()
    return (bool(c) and len(c) <= longest and not _typed(c) and "@" not in c and "\n" not in c
            and len(_DIGIT.findall(c)) <= 2)


NAME_LONGEST = 200   # a column name may be long ("Responsible lawyer at time of export (primary contact)")


def is_comment(cells: list[str], width: int) -> bool:
    """A "# ..." line: '#' then a space, another mark or nothing, or a '#' line that does not fit the table
    ('#1001' in a row of the table's width is a matter number, not a comment)."""
    first = cells[0].lstrip() if cells else ""
    if not first.startswith("#"):
        return False
    return bool(_COMMENT_MARK.match(first)) or len(_trim(cells)) != width


def furniture(cells: list[str], width: int, titles: frozenset[str] = frozenset()) -> str | None:
    """Why a line between rows is report furniture, not a row (None when it is a row): a comment, a subtotal, a
    page/printed/total line ("footer", as at the end), a "(continued)" line or a repeated page title. Each test
    needs the line to look unlike a row: a marker word first and no more values than such lines carry."""
    values = [c.strip() for c in cells if c.strip()]
    if not values:
        return None
    if is_comment(cells, width):
        return "comment"
    few = len(values) <= max(2, width // 2)
    if _SUBTOTAL.match(values[0]) and few and sum(not _typed(v) for v in values[1:]) <= 1:
        return "subtotal"
    if is_footer(cells, width):
        return "footer"
    if len(values) <= 2 and any(_CONTINUED.search(v) for v in values):
        return "continued"
    if len(values) <= 2 and " | ".join(values) in titles:
        return "page title"
    return None


def is_footer(cells: list[str], width: int) -> bool:
    """A totals/page/printed line: a footer word first, then only numbers, dates or counts."""
    values = [c.strip() for c in cells if c.strip()]
    if not values or not FOOTER.match(values[0]) or len(values) > max(2, width // 2):
        return False
    return all(_typed(v) or FOOTER.match(v) for v in values[1:])


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
TAIL = 50       # records at the end that also vote on the width (locate)
HEADER_BODY = 200   # data rows looked at to decide whether the first row is a header (_is_header)
HEAD = SAMPLE + HEADER_BODY + TAIL   # records a stream is read ahead before locate_head decides


def locate(records: list[Record], known_headers: frozenset[str] = frozenset()) -> Layout:
    """Find header and body. The body starts at the first row that fits the table's width and is followed by
    another fitting row (titles and key/value lines above it are preamble); it ends at the last fitting,
    non-footer row."""
    width = _modal_width(records[:SAMPLE] + records[-TAIL:] if len(records) > SAMPLE + TAIL else records)
    start = _start(records, width, known_headers)
    end = len(records)
    while end > start and may_end(records[end - 1][1], width):
        end -= 1
    if start >= end:
        return Layout(None, start, end, width, 0.0)
    has_header, confidence = _is_header(records[start][1], [c for _, c in records[start + 1:end]], known_headers)
    if has_header:
        return Layout(start, start + 1, end, width, confidence)
    return Layout(None, start, end, width, confidence)


def locate_head(head: list[Record], known_headers: frozenset[str] = frozenset()) -> Layout | None:
    """locate() for a long stream, from its first records only (more follow): the same answer locate() would give
    on the whole file, or None when the head cannot settle it (then the caller reads everything and uses locate).

    The head settles it when the tail's TAIL records could not change the modal width, and a data row lies past
    the HEADER_BODY rows the header test looks at (so the end of the table is further on). `body_end` is then
    unknown: the caller ends the body at the last record that may_end() does not hold back."""
    width = _settled_width(head[:SAMPLE])
    if width is None:
        return None
    start = _start(head, width, known_headers)
    if not any(not may_end(c, width) for _, c in head[start + HEADER_BODY + 1:]):
        return None
    body = [c for _, c in head[start + 1:start + 1 + HEADER_BODY]]
    has_header, confidence = _is_header(head[start][1], body, known_headers)
    if has_header:
        return Layout(start, start + 1, -1, width, confidence)
    return Layout(None, start, -1, width, confidence)


def _settled_width(records: list[Record]) -> int | None:
    """The modal width when TAIL more records could not change it, else None."""
    widths = Counter(len(c) for _, c in records if filled(c) >= 2)
    if not widths:
        return None
    (top, n), *rest = widths.most_common()
    runner_up = rest[0][1] if rest else 0
    return top if n - runner_up > TAIL else None


def _start(records: list[Record], width: int, known: frozenset[str] = frozenset()) -> int:
    """Index of the first record of the table (header or data)."""
    fits = [not is_blank(c) and _fits(c, width) and not is_comment(c, width) for _, c in records[:SAMPLE]]
    start = next((i for i, ok in enumerate(fits) if ok and (filled(records[i][1]) >= 2 or width == 1)
                  and _next_fits(fits, i)), None)
    if start is None:
        start = next((i for i, (_, c) in enumerate(records) if not is_blank(c) and not is_comment(c, width)),
                     len(records))
    elif _group_row_above_header(records, start, known):
        start += 1
    else:
        start = _header_below_short_line(records, start, width, known)
    return start


def _header_below_short_line(records: list[Record], i: int, width: int, known: frozenset[str]) -> int:
    """A 'Printed by,Alice' line fits a wider table (one cell short) but is not its header when the next line is a
    full-width header whose columns go past it: the table starts at that header."""
    short = _trim(records[i][1])
    if len(short) >= width:
        return i
    j = next((k for k in range(i + 1, min(len(records), i + 1 + MAX_GAP)) if not is_blank(records[k][1])), None)
    if j is None or len(_trim(records[j][1])) <= len(short) or len(records[j][1]) < width:
        return i
    body = [c for _, c in records[j + 1:j + 1 + HEADER_BODY]]
    is_header, _ = _is_header(records[j][1], body, known)
    return j if is_header and body else i


MAX_GAP = 3     # blank lines allowed between a 'key,value' line and the header under it


def _group_row_above_header(records: list[Record], i: int, known: frozenset[str]) -> bool:
    """A spreadsheet's grouping row ('Project' over two merged columns, 'Client' over two more) sits above the
    real header: it has gaps between its labels, and the complete row under it is a header by the usual test."""
    if i + 1 >= len(records):
        return False
    top, below = _trim(records[i][1]), _trim(records[i + 1][1])
    gaps = any(not c.strip() for c in top)
    # Groups span two columns or more, so at least two names are missing; one gap is a header's unnamed column.
    complete = all(c.strip() for c in below) and len(below) > filled(top) + 1
    body = [c for _, c in records[i + 2:i + 2 + HEADER_BODY]]
    if not (gaps and complete and body):
        return False
    is_header, _ = _is_header(below, body, known)
    return is_header


def may_end(cells: list[str], width: int) -> bool:
    """Could this record belong to the end of the file rather than the table: blank, a total or footer line, or a
    lone value that does not fit? Such records end the table only when no data row follows them."""
    return is_blank(cells) or is_footer(cells, width) or (not _fits(cells, width) and filled(cells) <= 1)


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
    if not all(_label_like(c, NAME_LONGEST) for c in cells) or len(set(c.lower() for c in cells)) < len(cells):
        return False, 0.9
    if not body:
        return True, 0.6     # one label-like row alone: most likely a header-only export
    same = [c.strip().lower() for c in first]
    sample = [r for r in body[:HEADER_BODY] if [c.strip().lower() for c in r] != same]   # paginated reports repeat it
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
