"""Dialect stage: which delimiter, quote and escape character a CSV text was written with.

Every plausible dialect parses a sample of the text; the one whose parse looks most like a table wins
(see consistency.py). Pure standard library, so it runs under Pyodide too.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .consistency import NO_TABLE, Evidence, Parsed, table_evidence

SAMPLE_SIZE = 64 * 1024
DELIMITERS = (",", ";", "\t", "|", " ", "#", ":", "~", "^")
QUOTECHARS = ('"', "'", None)
# Uncommon delimiters must beat the common ones clearly: ties and near-ties go to the usual ones.
_QUOTE_PRIOR = {'"': 1.0, "'": 0.97, None: 0.97}
MIN_UNIFORMITY = 0.45     # below this, no dialect makes a table: the text is one column (comma, by contract)
USUAL = (",", ";", "\t", "|")
ESCAPE_PRIOR = 0.995
ESCAPE_TOLERANCE = 0.97   # an escape the text asks for may cost this much score
_PRIOR = {",": 1.0, ";": 1.0, "\t": 1.0, "|": 0.98, " ": 0.85, "#": 0.9, ":": 0.85, "~": 0.9, "^": 0.9}


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quotechar: str | None = '"'
    escapechar: str | None = None
    doublequote: bool = True
    confidence: float = 0.0

    def csv_kwargs(self) -> dict:
        """Keyword arguments for csv.reader."""
        kwargs: dict = {"delimiter": self.delimiter, "doublequote": self.doublequote}
        if self.quotechar is None:
            kwargs["quoting"] = csv.QUOTE_NONE
        else:
            kwargs["quotechar"] = self.quotechar
        if self.escapechar is not None:
            kwargs["escapechar"] = self.escapechar
        return kwargs


def sample_text(text: str, size: int = SAMPLE_SIZE) -> str:
    """The first `size` characters, cut after the last line break so no line is torn."""
    if len(text) <= size:
        return text
    head = text[:size]
    cut = max(head.rfind("\n"), head.rfind("\r"))
    return head[: cut + 1] if cut > 0 else head


def detect_dialect(text: str) -> Dialect:
    """The dialect whose parse of a sample looks most like a table; comma + '"' when nothing splits."""
    try:
        return _detect(sample_text(text))
    except Exception:  # the contract says never raise; a surprise here must not stop a job
        return Dialect()


def _detect(sample: str) -> Dialect:
    scored: list[tuple[float, int, Dialect, Evidence]] = []
    for order, dialect in enumerate(_candidates(sample)):
        evidence = table_evidence(_parse(sample, dialect), dialect.delimiter)
        scored.append((evidence.score * _prior(dialect), -order, dialect, evidence))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if not scored or not _is_table(scored[0][2], scored[0][3]):
        return Dialect(confidence=0.5 if sample.strip() else 0.0)
    best_score, _, best, _ = scored[0]
    best = _settle_escape(sample, best, {d: score for score, _, d, _ in scored})
    runner_up = next((s for s, _, d, _ in scored[1:] if d.delimiter != best.delimiter), 0.0)
    margin = (best_score - runner_up) / best_score
    confidence = round(min(1.0, best_score) * (0.5 + 0.5 * margin), 3)
    return Dialect(best.delimiter, best.quotechar, best.escapechar, True, confidence)


def _is_table(dialect: Dialect, evidence: Evidence) -> bool:
    """Enough agreement between records to call it a table; a lone record is believed only with a usual delimiter."""
    if evidence.records < 2 and dialect.delimiter not in USUAL:
        return False
    return evidence.score > 0 and evidence.uniformity >= MIN_UNIFORMITY


def _candidates(sample: str) -> list[Dialect]:
    """Dialects worth parsing, most usual first (ties keep the earlier one)."""
    delimiters = [d for d in DELIMITERS if d in sample]
    quotes = ['"'] + [q for q in ("'", None) if "'" in sample or '"' in sample]
    escaped = '\\"' in sample or "\\'" in sample
    out = []
    for delimiter in delimiters:
        for quote in quotes:
            out.append(Dialect(delimiter, quote))
            if quote is not None and escaped:
                out.append(Dialect(delimiter, quote, "\\"))
    return out


def _settle_escape(sample: str, best: Dialect, scores: dict[Dialect, float]) -> Dialect:
    """Backslash escaping, decided on the text: backslashes mostly before a quote mark, at least twice.

    Scores barely tell (one escaped quote in a sample moves them by a hair), and a wrong escape character eats
    the backslashes of paths like C:\\Matters, so the backslashes themselves decide. The escaped mark is the quote.
    """
    plain = Dialect(best.delimiter, best.quotechar)
    floor = ESCAPE_TOLERANCE * scores.get(plain, scores[best])
    others = sample.count("\\") - 2 * sample.count("\\\\")
    for quote in sorted(('"', "'"), key=lambda q: q != best.quotechar):
        before_quote = sample.count("\\" + quote)
        escaped = Dialect(best.delimiter, quote, "\\")
        if before_quote >= max(2, others - before_quote) and scores.get(escaped, 0.0) >= floor:
            return escaped
    return plain if plain in scores else best


def _prior(dialect: Dialect) -> float:
    """Weight of a dialect before the data speaks: usual delimiters, quoting on, no escape character."""
    weight = _PRIOR[dialect.delimiter]
    weight *= _QUOTE_PRIOR[dialect.quotechar]
    if dialect.escapechar is not None:
        weight *= ESCAPE_PRIOR
    return weight


def _parse(sample: str, dialect: Dialect) -> Parsed:
    reader = csv.reader(io.StringIO(sample, newline=""), **dialect.csv_kwargs())
    rows: list[list[str]] = []
    spans: list[int] = []
    line = 0
    try:
        for row in reader:
            rows.append(row)
            spans.append(reader.line_num - line)
            line = reader.line_num
    except csv.Error:
        pass
    return Parsed(rows, spans)
