"""Dialect stage: which delimiter, quote and escape character a CSV text was written with.

Every plausible dialect parses a sample of the text with csv.reader (the parser the next stage uses); the one whose
parse looks most like a table wins (consistency.py says how that is judged). Standard library only, for Pyodide.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .consistency import Evidence, Parsed, table_evidence

SAMPLE_SIZE = 64 * 1024    # characters; a 50 MB export is judged on its head
SAMPLE_LINES = 2000        # short-lined files: two thousand records say all there is to say
DELIMITERS = (",", ";", "\t", "|", " ", "#", ":", "~", "^")
USUAL_DELIMITERS = (",", ";", "\t", "|")
# Weights before the data speaks: uncommon delimiters and quoting must win clearly; near-ties go to the usual ones.
DELIMITER_PRIOR = {",": 1.0, ";": 1.0, "\t": 1.0, "|": 0.98, " ": 0.85, "#": 0.9, ":": 0.85, "~": 0.9, "^": 0.9}
QUOTE_PRIOR = {'"': 1.0, "'": 0.97, None: 0.97}
ESCAPE_PRIOR = 0.995
ESCAPE_TOLERANCE = 0.95    # a backslash escape the text asks for may cost this share of the best score
SPACE_GAIN = 1.02          # a skipped space or escaped delimiter must make a clearly better table
UNCLOSED_QUOTE_PENALTY = 0.5
MIN_UNIFORMITY = 0.45      # below this no dialect makes a table: the text is one column (comma, by contract)
MIN_UNIFORMITY_UNUSUAL = 0.6   # words in prose and "Label: value" lines line up by chance more often than that


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quotechar: str | None = '"'
    escapechar: str | None = None
    doublequote: bool = True
    confidence: float = 0.0
    skipinitialspace: bool = False    # `a, "b, c"`: a quoted value written after the delimiter and a space

    def csv_kwargs(self) -> dict:
        """Keyword arguments for csv.reader."""
        kwargs: dict = {"delimiter": self.delimiter, "doublequote": self.doublequote}
        if self.skipinitialspace:
            kwargs["skipinitialspace"] = True
        if self.quotechar is None:
            kwargs["quoting"] = csv.QUOTE_NONE
        else:
            kwargs["quotechar"] = self.quotechar
        if self.escapechar is not None:
            kwargs["escapechar"] = self.escapechar
        return kwargs


@dataclass(frozen=True)
class _Scored:
    score: float           # evidence score x prior
    order: int             # candidate order: on a tie the more usual dialect (listed first) wins
    dialect: Dialect
    evidence: Evidence


def detect_dialect(text: str) -> Dialect:
    """The dialect whose parse of a sample looks most like a table; comma + '"' when nothing makes one."""
    try:
        sample = sample_text(text)
        return _detect(_without_comments(sample), whole=len(sample) == len(text))
    except Exception:  # the contract says never raise: a surprise here must not stop a job
        return Dialect()


def sample_text(text: str, size: int = SAMPLE_SIZE, lines: int = SAMPLE_LINES) -> str:
    """The first `size` characters or `lines` lines, whichever is shorter, cut after a line break."""
    head = text[:size]
    end = -1
    for _ in range(lines):
        end = head.find("\n", end + 1)
        if end < 0:
            break
    else:
        return head[: end + 1]
    if len(text) <= size:
        return text
    cut = max(head.rfind("\n"), head.rfind("\r"))
    return head[: cut + 1] if cut > 0 else head


def _without_comments(sample: str) -> str:
    """Drop "# ..." comment lines (a common convention, never table rows), unless that leaves nothing.

    A line inside a quoted cell (an odd number of '"' before it) is part of that cell, not a comment.
    """
    kept: list[str] = []
    inside_quotes = False
    for line in sample.splitlines(keepends=True):
        if not (line.startswith("#") and not inside_quotes):
            kept.append(line)
            inside_quotes ^= line.count('"') % 2 == 1
    return "".join(kept) if any(line.strip() for line in kept) else sample


def _detect(sample: str, whole: bool = True) -> Dialect:
    ranked = sorted(_score_candidates(sample, whole), key=lambda s: (s.score, -s.order), reverse=True)
    if not ranked or not _is_table(ranked[0]):
        return Dialect(confidence=0.5 if sample.strip() else 0.0)
    best = ranked[0]
    runner_up = next((s.score for s in ranked[1:] if s.dialect.delimiter != best.dialect.delimiter), 0.0)
    scores = {s.dialect: s.score for s in ranked}
    chosen = _settle_space(sample, _settle_escape(sample, best.dialect, scores), scores)
    return Dialect(chosen.delimiter, chosen.quotechar, chosen.escapechar, True,
                   _confidence(best, runner_up), chosen.skipinitialspace)


def _score_candidates(sample: str, whole: bool = True) -> list[_Scored]:
    """Every candidate's score. When the sample is the whole text, an apostrophe left open at its end condemns
    "'" as the quote (a sample cut short may end inside a long quoted cell, so there it only loses that record).
    A '"' left open is damage the parse stage reports, not a reason to stop quoting with the standard mark."""
    out = []
    for order, dialect in enumerate(_candidates(sample)):
        parsed = _parse(sample, dialect)
        evidence = table_evidence(parsed, dialect.delimiter, dialect.quotechar)
        penalty = UNCLOSED_QUOTE_PENALTY if parsed.unclosed and whole else 1.0
        out.append(_Scored(evidence.score * _prior(dialect) * penalty, order, dialect, evidence))
    return out


def _candidates(sample: str) -> list[Dialect]:
    """Dialects worth parsing, most usual first. Quote '"' is always tried (it is csv's default); the others
    only when a quote mark occurs; a backslash escape only when a backslash stands before a quote mark or the
    delimiter; skipping the space after the delimiter only when a quote mark follows it."""
    delimiters = [d for d in DELIMITERS if d in sample]
    quotes = ['"'] + ["'", None] * ("'" in sample or '"' in sample)
    escaped_quote = '\\"' in sample or "\\'" in sample
    out = []
    for delimiter in delimiters:
        escaped = escaped_quote or "\\" + delimiter in sample
        for quote in quotes:
            out.append(Dialect(delimiter, quote))
            if quote is not None and escaped:
                out.append(Dialect(delimiter, quote, "\\"))
            if quote is not None and delimiter != " " and f"{delimiter} {quote}" in sample:
                out.append(Dialect(delimiter, quote, skipinitialspace=True))
    return out


def _parse(sample: str, dialect: Dialect) -> Parsed:
    """Records and how many physical lines each spans (quoted line breaks make a record span several)."""
    reader = csv.reader(io.StringIO(sample, newline=""), **dialect.csv_kwargs())
    rows: list[list[str]] = []
    spans: list[int] = []
    line = 0
    try:
        for row in reader:
            rows.append(row)
            spans.append(reader.line_num - line)
            line = reader.line_num
    except csv.Error:  # e.g. a NUL byte; what was read so far is the evidence
        pass
    return Parsed(rows, spans, bool(spans) and _ends_inside_quotes(sample, spans[-1], dialect))


def _ends_inside_quotes(sample: str, span: int, dialect: Dialect) -> bool:
    """Whether the last record's lines hold an odd number of (unescaped) apostrophes: a "'" quote never closed,
    which csv.reader (not strict) silently runs to the end of the text. Only asked of "'": see _score_candidates."""
    quote = dialect.quotechar
    if quote != "'":
        return False
    text = "".join(io.StringIO(sample, newline="").readlines()[-span:])
    if dialect.escapechar:
        text = text.replace(dialect.escapechar + quote, "")
    return text.count(quote) % 2 == 1


def _prior(dialect: Dialect) -> float:
    weight = DELIMITER_PRIOR[dialect.delimiter] * QUOTE_PRIOR[dialect.quotechar]
    return weight * (ESCAPE_PRIOR if dialect.escapechar else 1.0)


def _is_table(best: _Scored) -> bool:
    """Enough agreement between records to call it a table; unusual delimiters (space, colon...) need more of it,
    and a lone record is believed only with a usual one."""
    usual = best.dialect.delimiter in USUAL_DELIMITERS
    if best.evidence.records < 2 and not usual:
        return False
    return best.score > 0 and best.evidence.uniformity >= (MIN_UNIFORMITY if usual else MIN_UNIFORMITY_UNUSUAL)


def _settle_escape(sample: str, best: Dialect, scores: dict[Dialect, float]) -> Dialect:
    """Backslash escaping, decided on the text: backslashes mostly before a quote mark, at least twice; or before
    the delimiter, when reading them as escapes makes a clearly better table (else `N\\,` is a value's backslash).

    Scores barely tell (one escaped quote in a sample moves them by a hair), and a wrong escape character eats
    the backslashes of paths like C:\\Matters, so the backslashes themselves decide. The escaped mark is the quote.
    """
    plain = Dialect(best.delimiter, best.quotechar)
    floor = ESCAPE_TOLERANCE * scores.get(plain, scores[best])
    others = sample.count("\\") - 2 * sample.count("\\\\")
    escapes_delimiter = "\\" + best.delimiter in sample
    for quote in sorted(('"', "'"), key=lambda q: q != best.quotechar):
        before_quote = sample.count("\\" + quote)
        escaped = Dialect(best.delimiter, quote, "\\")
        score = scores.get(escaped, 0.0)
        if before_quote >= max(2, others - before_quote) and score >= floor:
            return escaped
        if escapes_delimiter and score > SPACE_GAIN * scores.get(plain, 0.0):    # `Dr. Seltsam\, oder...`
            return escaped
    return plain if plain in scores else best


def _settle_space(sample: str, chosen: Dialect, scores: dict[Dialect, float]) -> Dialect:
    """Skip the space after the delimiter when quoted values written that way hold the delimiter (`"Smith, John",
    "Paris, France"`), so that only reading them as quoted makes a table. When the table is the same either way,
    the quote marks stay part of the value, as most readers (and the CSV Wrangling annotations) take them."""
    spaced = Dialect(chosen.delimiter, chosen.quotechar, chosen.escapechar, skipinitialspace=True)
    if chosen.quotechar is None or spaced not in scores:
        return chosen
    plain = scores.get(Dialect(chosen.delimiter, chosen.quotechar, chosen.escapechar), 0.0)
    return spaced if scores[spaced] > SPACE_GAIN * plain else chosen


def _confidence(best: _Scored, runner_up: float) -> float:
    """How table-like the winner's parse is, halved when another delimiter came close."""
    e = best.evidence
    support = e.records / (e.records + 1)
    margin = (best.score - runner_up) / best.score
    return round(min(1.0, e.uniformity * e.typing * e.homogeneity * support) * (0.5 + 0.5 * margin), 3)
