"""Suggest a UTBMS activity code (A101–A111) from the task word of a description. A suggestion only: few clients
require activity codes (Legal Tracker), and the rules are a heuristic (research §2.4)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..resolve import normalize
from .lexicon import CODES, COUNTERPARTS, TASKS

_BY_KIND = {"draft": "A103", "review": "A104", "research": "A102", "attend": "A109", "plan": "A101",
            "manage": "A110"}


def _plain(text: str) -> str:
    return normalize(text.replace("'", "").replace("’", ""))


_COUNTERPART = [(code, re.compile(r"\b(?:" + "|".join(re.escape(_plain(c)) for c in cues.split("|"))
                                  + r")(?:s|es)?\b")) for code, cues in COUNTERPARTS]
_PREP_FOR = re.compile(r"\b(?:prep|prepare|prepared|preparing|preparation|prepping|prepped|getting ready|get ready)"
                       r"(?:\s+\w+)?\s+for\b|\b\w+\s+prep(?:aration)?\b|\bprep\s+(?:work|session|time)\b",
                       re.IGNORECASE)
_WRITTEN_TO = re.compile(r"\b(?:letter|email|e-mail|correspondence|note|memo|message)s?\s+"
                         r"(?:to|for|with)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    code: str              # "" when nothing fits: never forced
    confidence: float
    source_text: str       # the words it came from

    @property
    def name(self) -> str:
        return CODES.get(self.code, "")


def suggest(description: str, client: str = "") -> Suggestion:
    """The code for the description's task; `client` (the matter's client name) counts as 'the client' too."""
    prep = _PREP_FOR.search(description)
    task = _task(description)
    if prep and (task is None or prep.start() <= task[1]):
        return Suggestion("A101", 0.8, prep.group(0))
    if task is None:
        return Suggestion("", 0.0, "")
    kind, pos, word = task
    if kind == "comm" or (kind in ("draft", "prepare") and _WRITTEN_TO.search(description, pos)):
        who = _counterpart(description[pos:], client)
        if who is None:
            return Suggestion("", 0.0, word)
        code, cue = who
        return Suggestion(code, 0.75, f"{word} … {cue}")
    if kind == "prepare":
        return Suggestion("A103", 0.7, word)
    if kind == "other":
        return Suggestion("", 0.0, word)
    return Suggestion(_BY_KIND[kind], 0.8, word)


def _task(description: str) -> tuple[str, int, str] | None:
    """The first task word: (its kind, its position, the word)."""
    for m in re.finditer(r"[\w/'-]+", description):
        kind = TASKS.get(m.group(0).lower())
        if kind:
            return kind, m.start(), m.group(0)
    return None


def _counterpart(text: str, client: str) -> tuple[str, str] | None:
    """Who the communication was with: the counterpart named first (the client by name counts as the client)."""
    said = _plain(text)
    patterns = list(_COUNTERPART)
    names = [w for w in _plain(client).split() if len(w) > 2]
    if names:
        patterns.append(("A106", re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")))
    best = None
    for code, pattern in patterns:
        m = pattern.search(said)
        if m and (best is None or m.start() < best[2]):
            best = (code, m.group(0), m.start())
    return None if best is None else (best[0], best[1])
