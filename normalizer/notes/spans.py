"""Where words sit in a note: a found value keeps the characters it came from, so the report can quote them and the
description can be what is left once they are taken out."""
from __future__ import annotations

import re
from dataclasses import dataclass

# What separates the parts of a dictated note: dashes, colons, commas, semicolons, brackets.
SEPARATORS = "—–-:;,()"
_SEPARATOR = re.compile(r"\s+[-–—]+\s+|[—–]|[:;,()]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, line: str) -> str:
        return line[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def mask(line: str, spans) -> str:
    """The line with each span blanked out (same length, so positions still hold)."""
    chars = list(line)
    for s in spans:
        chars[s.start:s.end] = " " * (s.end - s.start)
    return "".join(chars)


def segment_starts(line: str) -> list[int]:
    """Where each part of the note starts: the line's first word and the first word after each separator."""
    starts = [0] + [m.end() for m in _SEPARATOR.finditer(line)]
    out = []
    for s in starts:
        m = re.compile(r"\s*").match(line, s)
        if m.end() < len(line) and m.end() not in out:
            out.append(m.end())
    return out


def at_segment_start(line: str, pos: int) -> bool:
    """Only blanks or a separator stand between the line's start (or the last separator) and pos."""
    before = line[:pos].rstrip()
    return not before or before[-1] in SEPARATORS


def column(span: Span | None) -> int | None:
    """The 1-based character column of a span, as issues give it (None when nothing was said)."""
    return None if span is None else span.start + 1
