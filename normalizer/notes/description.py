"""What is left of a note once its date, duration and matter are taken out is its description: the separators
around the removed words go, fillers such as 'spent' go, the first letter is capitalised. Nothing is re-worded."""
from __future__ import annotations

import re

from .spans import Span

_EDGE = "—–-:;, \t"
_FILLER = re.compile(r"^(?:(?:i\s+)?spent|logged|log|billed|bill|that\s+was|time\s*:|of\s+an\s+hour|of|and)\b"
                     r"[\s,:]*", re.IGNORECASE)
_KEEP_DOT = frozenset("etc inc ltd co corp v vs no st rd jr sr e.g i.e al".split())


def describe(line: str, start: int, end: int, removed: list[Span]) -> tuple[str, Span | None]:
    """The description of line[start:end] without the removed spans, and the span of the line it came from."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for s in sorted(removed, key=lambda s: s.start):
        if s.end <= start or s.start >= end:
            continue
        if s.start > pos:
            pieces.append((pos, s.start))
        pos = max(pos, s.end)
    if pos < end:
        pieces.append((pos, end))
    text, first, last = "", None, None
    for a, b in pieces:
        piece = line[a:b]
        core = piece.strip(_EDGE)
        if not core:
            continue
        first = a + piece.index(core[0]) if first is None else first
        last = a + len(piece.rstrip(_EDGE))
        text = _join(text, piece)
    text = _tidy(text)
    return text, (Span(first, last) if text and first is not None else None)


def _join(left: str, right: str) -> str:
    if not left:
        return right.strip(_EDGE)
    tail = left[len(left.rstrip(_EDGE)):].strip()
    head = right[:len(right) - len(right.lstrip(_EDGE))].strip()
    sep = (tail or head)[:1]
    glue = " " if not sep else (f"{sep} " if sep in ",;:" else f" {sep} ")
    return left.rstrip(_EDGE) + glue + right.strip(_EDGE)


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    while True:
        shorter = _FILLER.sub("", text, count=1).strip(_EDGE)
        if shorter == text or not shorter:
            break
        text = shorter
    if text.endswith(".") and not text.endswith("..") and \
            re.sub(r".*?([\w.]+)\.$", r"\1", text).lower() not in _KEEP_DOT:
        text = text[:-1].rstrip()
    return text[:1].upper() + text[1:]
