"""Narrative checks reviewers apply (research §2.2–2.3): several tasks under one duration (block billing) and
vague words ('work on file', 'attention to matter', a call with no subject). Warnings only: the lawyer decides."""
from __future__ import annotations

import re

from ..entries import is_block_billing
from .lexicon import SUBJECT_MARKERS, TASKS

_VAGUE = re.compile(r"\b(?:work(?:ed|ing)?\s+on\s+(?:the\s+)?(?:file|matter|case)|attention\s+to(?:\s+(?:the\s+)?"
                    r"(?:file|matter|case))?|file\s+review|review(?:ed|ing)?\s+(?:the\s+)?file|misc(?:ellaneous)?|"
                    r"various(?:\s+(?:tasks|matters|issues))?|general\s+(?:matters|work|tasks)|legal\s+services|"
                    r"services\s+rendered|handl(?:e|ed|ing)\s+(?:the\s+)?matter|etc)\b\.?",
                    re.IGNORECASE)
_PARTS = re.compile(r";|,|\band\b|&|\bthen\b|\s/\s|\+|\.\s+(?=[A-Za-z])", re.IGNORECASE)
_STARTERS = frozenset(w for w, kind in TASKS.items() if kind not in ("attend",)) | {"attend", "attended", "attending"}


def vague(description: str) -> str:
    """Why the description is vague, or ""."""
    m = _VAGUE.search(description)
    if m:
        return f"{m.group(0).strip()!r} does not say what was done"
    words = re.findall(r"[\w'-]+", description.lower())
    if len(words) <= 1:
        return f"{description.strip()!r} alone does not say what the work was about" if words else ""
    first = next((TASKS[w] for w in words if w in TASKS), None)
    if first == "comm" and len(words) <= 4 and not _has_subject(description):
        return "it says who the communication was with but not what it was about"
    return ""


def _has_subject(description: str) -> bool:
    low = " " + " ".join(re.findall(r"[\w':-]+", description.lower())) + " "
    return any(f" {m} " in low for m in SUBJECT_MARKERS)


def block_billing(description: str) -> bool:
    """Two or more parts, each a task verb with an object: 'reviewed pleadings, drafted discovery'. 'Review and
    revise the agreement' is one task (the first part has no object of its own)."""
    if is_block_billing(description):
        return True
    tasks = 0
    for part in _PARTS.split(description):
        words = part.lower().split()
        if words and words[0] == "also":
            words = words[1:]
        if len(words) >= 2 and words[0].strip(",:") in _STARTERS:
            tasks += 1
    return tasks >= 2
