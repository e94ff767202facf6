"""What was detected, said in words: each fact with its value, how sure (a number and words), a one-line reason,
and whether the user gave it. The page shows these lines; the CLI's `sniff` and the report carry the same dicts."""
from __future__ import annotations

from .table import Detection

ENCODING_NAMES = {
    "ascii": "ASCII (plain English letters only)", "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark",
    "utf-16-le": "UTF-16 (little-endian)", "utf-16-be": "UTF-16 (big-endian)", "utf-32-le": "UTF-32 (little-endian)",
    "utf-32-be": "UTF-32 (big-endian)", "cp1252": "Windows-1252 (Western European)", "mac_roman": "Mac Roman",
    "mac-roman": "Mac Roman", "cp850": "DOS Latin-1 (code page 850)", "iso8859-1": "Latin-1 (ISO-8859-1)",
    "latin-1": "Latin-1 (ISO-8859-1)", "iso8859-15": "Latin-9 (ISO-8859-15)",
}
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar", " ": "space", ":": "colon",
                   "#": "hash", "~": "tilde", "^": "caret"}


def words(confidence: float) -> str:
    """Confidence in words, as the page shows it."""
    return "High" if confidence >= 0.9 else "Check this" if confidence >= 0.6 else "Unsure"


def fact(value, confidence: float, reason: str, *, given: bool = False, label: str | None = None) -> dict:
    confidence = 1.0 if given else round(float(confidence), 3)
    return {"value": value, "label": label if label is not None else _label(value), "confidence": confidence,
            "words": "You chose this" if given else words(confidence), "reason": "you chose this" if given else reason,
            "given": given}


def _label(value) -> str:
    return "none" if value is None else str(value)


def describe(detection: Detection, *, columns: int, skipped=()) -> dict[str, dict]:
    """Fact dicts for one table's reading: encoding, delimiter, quotechar (CSV), header_row, sheet / member."""
    given = detection.given or {}
    out: dict[str, dict] = {}
    if detection.format == "csv":
        enc = detection.encoding or "utf-8"
        out["encoding"] = fact(enc, detection.encoding_confidence, _encoding_reason(detection),
                               given="encoding" in given, label=ENCODING_NAMES.get(enc, enc))
        delim = detection.delimiter or ","
        out["delimiter"] = fact(delim, detection.dialect_confidence,
                                f"every row splits into {columns} column{'s' if columns != 1 else ''} on the "
                                f"{DELIMITER_NAMES.get(delim, repr(delim))}",
                                given="delimiter" in given, label=DELIMITER_NAMES.get(delim, repr(delim)).capitalize())
        quote = detection.quotechar
        out["quotechar"] = fact(quote or "", detection.dialect_confidence,
                                f"values holding the delimiter are wrapped in {quote}" if quote else
                                "no value is wrapped in quotes", given="quotechar" in given,
                                label=f"{quote} (quoted values)" if quote else "no quoting")
    preamble = [s for s in skipped if getattr(s, "reason", None) in ("preamble", "blank")
                and detection.header_row and s.line < detection.header_row]
    if detection.header_row:
        reason = f"line {detection.header_row} names the columns"
        if preamble:
            reason += (f"; line{'s' if len(preamble) > 1 else ''} "
                       f"{_span([s.line for s in preamble])} above it {'are' if len(preamble) > 1 else 'is'} "
                       "a title or blank")
        out["header_row"] = fact(detection.header_row, detection.header_confidence, reason,
                                 given="header_row" in given, label=f"line {detection.header_row}")
    else:
        out["header_row"] = fact(0, detection.header_confidence, "the first row holds data, not column names",
                                 given="header_row" in given, label="no header row")
    if detection.format == "xlsx":
        out["sheet"] = fact(detection.sheet, 1.0 if "sheet" in given else 0.95,
                            "the first sheet that holds a table", given="sheet" in given,
                            label=detection.sheet or "")
    if detection.member:
        out["member"] = fact(detection.member, 0.95, "the file in the archive that holds the matter list",
                             label=detection.member.rsplit("/", 1)[-1])
    return out


def system_fact(plan) -> dict:
    """The source-system fact: which system and layout, with the evidence that decided it."""
    synonyms = plan.mapping.role == "synonyms"
    value = "unknown" if synonyms else plan.system
    label = "No known system (columns matched by their names)" if synonyms else \
        f"{plan.mapping.name} — {plan.export.label}"
    reason = "; ".join(plan.evidence[:2]) or "no layout fits this table"
    return fact(value, plan.confidence, reason, label=label)


def _encoding_reason(d: Detection) -> str:
    enc = (d.encoding or "").lower()
    if d.bom:
        return "the file starts with a byte-order mark that names it"
    if enc == "ascii":
        return "every character is a plain English letter, digit or sign"
    if enc.startswith("utf-8"):
        return "every accented letter is valid UTF-8"
    if enc.startswith(("utf-16", "utf-32")):
        return "every other byte is zero, as in UTF-16 text"
    return (f"not valid UTF-8; the accented letters read as real words in "
            f"{ENCODING_NAMES.get(enc, enc)}")


def _span(lines: list[int]) -> str:
    lines = sorted(lines)
    if len(lines) > 1 and lines[-1] - lines[0] == len(lines) - 1:
        return f"{lines[0]}–{lines[-1]}"
    return ", ".join(map(str, lines))
