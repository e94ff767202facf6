"""Find the words that name the matter before matching anything: 'Smith file', '— Jones file', 'on the Smith
divorce', 'for Acme', 're: Acme lease', 'Smith divorce: drafted …', 'matter 2024-017'.

Matching the whole sentence picks wrong matters (research §3.3: 'the smith divorce' scored a 'Thomas623 - Divorce'
highest); matching only the phrase does not. Each phrase says how strongly its form names a matter:
3 a Matter ID, 2 '<X> file/matter/case/account', 1 a phrase after 'on/for/re/in/with' or opening a part of the note,
0 a capitalised word anywhere (a client's name inside the narrative).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import PREPOSITIONS, TASKS
from .spans import Span

_TOKEN = re.compile(r"(?i:\bre:)|[\w'’.&#/-]*\w[\w'’&-]*\.?")
_KINDS = ("file", "matter", "case", "account")
_WEAK_AFTER = ("on", "for", "re", "re:", "regarding", "in", "with", "under")
_BOUNDARY = frozenset("re re: regarding about with to for on at from by and or then while after before".split())
MAX_WORDS = 6


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    opens: bool          # first word of a part of the note (after a separator or at the line's start)

    @property
    def low(self) -> str:
        return self.text.lower().rstrip(".")


@dataclass(frozen=True)
class Phrase:
    words: tuple[Token, ...]       # the words that may name the matter (longest first is tried)
    strength: int                  # 3 ID, 2 '<X> file', 1 after a preposition / opening a part, 0 a capitalised word
    lead: int                      # where the removable text starts ('on the', 'for', 're:')
    removable: bool                # taken out of the description when it names the matter

    def said(self, n: int | None = None) -> str:
        words = self.words[:n] if n else self.words
        return " ".join(t.text for t in words).strip(" .")

    def span(self, n: int | None = None) -> Span:
        words = self.words[:n] if n else self.words
        return Span(self.lead if self.removable else words[0].start, words[-1].end)


def tokens(line: str) -> list[Token]:
    out: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(line):
        gap = line[last:m.start()]
        opens = not out or bool(re.search(r"[—–:;,()]|\s-+\s", gap))
        out.append(Token(m.group(0), m.start(), m.end(), opens))
        last = m.end()
    return out


def phrases(line: str, is_id) -> list[Phrase]:
    """Every candidate phrase in the (masked) line, strongest forms first."""
    toks = tokens(line)
    found = _ids(toks, is_id) + _kind_phrases(toks) + _weak(toks) + _capitalised(toks)
    return sorted(found, key=lambda p: -p.strength)


def _lead(toks: list[Token], i: int) -> tuple[int, bool]:
    """Absorb 'the' and one preposition before word i; removable when what is left before is a part's start."""
    j = i
    if j > 0 and toks[j - 1].low == "the" and not toks[j].opens:
        j -= 1
    if j > 0 and toks[j - 1].low in PREPOSITIONS and not toks[j].opens:
        j -= 1
    return toks[j].start, toks[j].opens or toks[j].low in PREPOSITIONS


def _ids(toks: list[Token], is_id) -> list[Phrase]:
    out = []
    for i, t in enumerate(toks):
        if any(c.isdigit() for c in t.text) and is_id(t.text.lstrip("#").rstrip(".")):
            j = i - 1 if i > 0 and toks[i - 1].low in ("matter", "file", "no", "number", "#") \
                and not t.opens else i
            lead, removable = _lead(toks, j)
            out.append(Phrase((t,), 3, lead, removable))
    return out


def _kind_phrases(toks: list[Token]) -> list[Phrase]:
    out = []
    for i, t in enumerate(toks):
        if t.low not in _KINDS or (i + 1 < len(toks) and toks[i + 1].low in ("law", "laws", "management", "no")):
            continue
        j = i
        while j > 0 and i - j < 4 and not toks[j].opens and _name_word(toks[j - 1]):
            j -= 1
        if j == i:
            continue
        lead, removable = _lead(toks, j)
        out.append(Phrase(tuple(toks[j:i + 1]), 2, lead, removable))
    return out


def _name_word(t: Token) -> bool:
    low = t.low.strip("'’")
    return low not in PREPOSITIONS and low not in TASKS and low not in ("the", "a", "an", "this", "that", "re:") \
        and not re.fullmatch(r"[\d.,:]+", low)


def _weak(toks: list[Token]) -> list[Phrase]:
    out = []
    for i, t in enumerate(toks):
        after = i > 0 and toks[i - 1].low in _WEAK_AFTER and not t.opens
        if not (after or t.opens):
            continue
        start = i + 1 if t.low == "the" and i + 1 < len(toks) and not toks[i + 1].opens else i
        words = []
        for k in range(start, min(start + MAX_WORDS, len(toks))):
            if k > start and (toks[k].opens or toks[k].low in _BOUNDARY):
                break
            words.append(toks[k])
        if not words or words[0].low in TASKS or words[0].low in _BOUNDARY:
            continue
        removable = not (after and toks[i - 1].low == "with")
        lead = toks[i - 1].start if after else t.start
        out.append(Phrase(tuple(words), 1, lead, removable))
    return out


def _capitalised(toks: list[Token]) -> list[Phrase]:
    return [Phrase((t,), 0, t.start, False) for t in toks if t.text[:1].isupper() and not t.opens]
