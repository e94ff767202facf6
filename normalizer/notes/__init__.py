"""Notes -> entries (issue 14): a lawyer's dictated or typed time notes ('0.2 — call with opposing counsel re
scheduling — Smith file') turned into CaseClock's time-entry CSV as a draft to review.

    parse_notes(text, matters=..., date=...) -> (csv bytes, report)     the API (job.py)
    run(files, options) -> Outcome                                       the same for the page's worker

Stages, one module each: dates.py, durations.py (words.py for spoken numbers), matter_phrase.py -> matter.py
(catalog.py holds the firm's matters as words), description.py, activity.py (UTBMS suggestion), narrative.py (block
billing, vague words); line.py runs them over one note. Standard library only: it runs unchanged in Pyodide.
"""
from .job import parse_notes, run

__all__ = ["parse_notes", "run"]
