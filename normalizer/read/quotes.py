"""Reading a record whose quote marks are out of place, without losing a value or a line.

csv.reader (not strict) drops a quote mark that closes a value too early (`a,"b"c,d` -> `bc`), keeps the spaces
between a closing quote and the delimiter (`"B" ,C` -> `B `), and lets a quote that opens a value and never closes
on its line run on into the next records. The parse stage sends only the records where that can have happened
(see `well_formed`) to `split_record`, which reads them as Papa Parse does, with two differences: a quote that never
closes is read as plain text, and its record ends with its line (so the lines after it are records of their own).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Damage:
    offset: int        # index in the record's text of the quote mark
    field: int         # 1-based field number
    kind: str          # "misplaced": a quote inside a quoted value that is not doubled; "unclosed": never closes


@lru_cache(maxsize=32)
def well_formed(delimiter: str, quote: str, escape: str | None, doublequote: bool = True,
                skip_space: bool = False) -> re.Pattern:
    """A record that csv.reader reads exactly as written: each value either unquoted (no line break, not starting
    with the quote) or quoted from its first character to a closing quote that the delimiter or the line end
    follows. A record that does not match has a quote out of place (or spaces after a closing quote)."""
    d, q = re.escape(delimiter), re.escape(quote)
    e = re.escape(escape) if escape else ""
    inside = f"[^{q}{e}]" + (f"|{q}{q}" if doublequote else "") + (rf"|{e}[\s\S]" if escape else "")
    plain = f"(?!{q})(?:[^{d}{e}\r\n]" + (rf"|{e}[\s\S]" if escape else "") + ")*"
    field = (" *" if skip_space else "") + f"(?:{q}(?:{inside})*{q}|{plain})"
    return re.compile(f"{field}(?:{d}{field})*(?:\r\n|\r|\n)?")


def split_record(text: str, delimiter: str, quote: str, escape: str | None = None, doublequote: bool = True,
                 skip_space: bool = False) -> tuple[list[str], list[Damage]]:
    """The cells of one record (its line ends removed) and the quote marks that were out of place.

    A quoted value ends at a quote followed (after spaces or tabs, which are dropped) by the delimiter or the end;
    any other quote inside it is kept as a character ("misplaced"). A value whose opening quote never closes is
    read as unquoted text, its quote marks kept ("unclosed")."""
    cells: list[str] = []
    damage: list[Damage] = []
    i, n = 0, len(text)
    while True:
        if skip_space:
            while i < n and text[i] == " ":
                i += 1
        field = len(cells) + 1
        if i < n and text[i] == quote:
            value, end, bad = _quoted(text, i, delimiter, quote, escape, doublequote)
            if end < 0 and doublequote:     # `"Roy, Robert "Bob"",`: a quoted word at the end of the value
                value, end, bad = _quoted(text, i, delimiter, quote, escape, doublequote, twin_closes=True)
            if end < 0:     # never closes: plain text from the opening quote on
                damage.append(Damage(i, field, "unclosed"))
                value, end = _plain(text, i, delimiter, escape)
            else:
                damage.extend(Damage(at, field, "misplaced") for at in bad)
        else:
            value, end = _plain(text, i, delimiter, escape)
        cells.append(value)
        if end >= n:
            return cells, damage
        i = end + 1     # past the delimiter


def _quoted(text: str, start: int, delimiter: str, quote: str, escape: str | None, doublequote: bool,
            twin_closes: bool = False) -> tuple[str, int, list[int]]:
    """(value, index of the delimiter or end after it, misplaced quotes) of the quoted value opening at `start`;
    end -1 when it never closes. With `twin_closes`, a doubled quote before the delimiter or the end is the
    value's own quote mark and then the closing one (the second try for a value that never closed)."""
    parts: list[str] = []
    bad: list[int] = []
    j, n = start + 1, len(text)
    while True:
        k = text.find(quote, j)
        if escape:
            e = text.find(escape, j, k if k >= 0 else n)
            if e >= 0:
                parts.append(text[j:e] + text[e + 1:e + 2])
                j = e + 2
                continue
        if k < 0:
            return "", -1, bad
        parts.append(text[j:k])
        if doublequote and text.startswith(quote, k + 1):
            parts.append(quote)
            j = k + 2
            if twin_closes and (j >= n or text[j] == delimiter):
                bad.append(k)
                return "".join(parts), j, bad
            continue
        m = k + 1
        while m < n and text[m] in " \t":
            m += 1
        if m >= n or text[m] == delimiter:
            return "".join(parts), m, bad
        bad.append(k)
        parts.append(quote)
        j = k + 1


def _plain(text: str, start: int, delimiter: str, escape: str | None) -> tuple[str, int]:
    """(value, index of the delimiter or end after it) of an unquoted value; quote marks in it are characters."""
    if not escape or escape not in text:
        end = text.find(delimiter, start)
        end = len(text) if end < 0 else end
        return text[start:end], end
    parts: list[str] = []
    j, n = start, len(text)
    while j < n and text[j] != delimiter:
        if text[j] == escape and j + 1 < n:
            parts.append(text[j + 1])
            j += 2
        else:
            parts.append(text[j])
            j += 1
    return "".join(parts), j
