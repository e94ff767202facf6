"""Text damaged before the file reached us, found value by value and named with what it probably was.

- Mojibake: UTF-8 bytes read in a Western code page and saved again ("BÃ©rubÃ©", "B√©rub√©"). The bytes behind the
  odd characters are valid UTF-8, so the value it was is known: 'Bérubé'.
- Lost letters: U+FFFD ("B�rub�": a program could not read a letter) or "?" inside a word ("Nguy?n": a program could
  not write one). The value alone cannot say which letter it was; another value in the same file that matches
  (here "Bérubé", "Nguyễn") can, and the message names it.

The reading layer runs `watch` over a table's rows; `check` runs `diagnose` over a CaseClock file's values.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..report import Issue, shorten
from ..table import Row
from .encoding import _UTF8_SEQUENCE, codec_name, plausibility

# The code pages UTF-8 is most often misread in; Latin-1 shows bytes 0x80-0x9F as invisible C1 controls.
CODECS = ("cp1252", "latin-1", "mac_roman", "cp850")
MAX_REPORTED = 500            # damaged values reported one by one; past this, one count for the rest
MAX_WORDS = 20_000            # words with accented letters remembered to name what a lost letter was

_RUN = re.compile("[^\x00-\x7f]{2,}")                       # mojibake: every UTF-8 letter became 2-4 characters
_LOST = re.compile(r"[^\W\d_]*(?:(?:\ufffd+|(?<=[^\W\d_])\?(?=[^\W\d_]))[^\W\d_]*)+")   # a word with a hole
_PUNCTUATION = ".,;:!?()[]{}\"'«»“”‘’–—-/"


@dataclass(frozen=True)
class Damage:
    code: str                 # "mojibake" | "character-lost"
    value: str                # the damaged value
    probably: str | None      # what it probably was (None: not known)
    how: str                  # how it was damaged, in a few words
    words: tuple[str, ...] = ()   # for lost letters: the damaged words

    def message(self, seen_at: int | None = None) -> str:
        shown = shorten(self.value, 80)
        if self.code == "mojibake":
            return f"{shown!r} looks like {self.how}: probably {shorten(self.probably or '', 80)!r}"
        if self.probably:
            where = f" (as written on line {seen_at})" if seen_at else ""
            return (f"{shown!r} has {self.how} where a letter was lost: probably {self.probably!r}{where}; "
                    "correct it in the system and export again as UTF-8")
        return (f"{shown!r} has {self.how} where a letter was lost (a program along the way could not "
                "handle an accented letter); the letter cannot be recovered from this file: correct the value, or "
                "export the list again as UTF-8")


def diagnose(value: str) -> Damage | None:
    """The damage in one value, if any: mojibake first (it names the value exactly), then lost letters."""
    if value.isascii() and "?" not in value:
        return None
    if not value.isascii() and _RUN.search(value):
        repaired = repair(value)
        if repaired is not None:
            fixed, codec = repaired
            return Damage("mojibake", value, fixed, f"UTF-8 read as {codec_name(codec)}")
    if "?" not in value and "\ufffd" not in value:
        return None
    words = tuple(m.group() for m in _LOST.finditer(value) if "\ufffd" in m.group() or _word_like(value))
    if not words:
        return None
    how = "the replacement character �" if any("\ufffd" in w for w in words) else "'?' inside a word"
    return Damage("character-lost", value, None, how, words)


def _word_like(value: str) -> bool:
    """'Nguy?n' is a name with a hole; 'page?id=3' (a link) or 'Ready?Yes' (a question) is not."""
    return not any(mark in value for mark in ("://", "=", "&", "www.")) and not value.rstrip().endswith("?")


def repair(value: str) -> tuple[str, str] | None:
    """(the value as it was, the code page UTF-8 was misread in) when the value is mojibake, else None. Reads the
    misreading back once or twice (double mojibake), and keeps it only when the result reads better."""
    best: tuple[float, str, str] | None = None
    before = plausibility(value)
    for codec in CODECS:
        fixed = _undo(value, codec)
        if fixed is None:
            continue
        for _ in range(2):
            again = _undo(fixed, codec)
            if again is None:
                break
            fixed = again
        gain = plausibility(fixed) - before
        if gain <= 0 and not (codec in _RARELY_BY_CHANCE and _all_text(value, fixed)):
            continue
        if best is None or gain > best[0]:
            best = (gain, fixed, codec)
    return (best[1], best[2]) if best else None


# Windows-1252 and Latin-1 text forms a UTF-8 sequence only as a capital or accented letter followed by a symbol
# (0x80-0xBF: € ‚ „ … ’ “ ” • – — « » ° ...), which real names hardly ever do; then any decoded letter is enough
# (Vietnamese and Asian letters score low on plausibility, which is made for Western names). Mac Roman and
# cp850 put accented letters in that range ("«Émilie»" is valid UTF-8 in Mac Roman), so they must read better.
_RARELY_BY_CHANCE = ("cp1252", "latin-1")


def _all_text(value: str, fixed: str) -> bool:
    """Every character the repair produced is a letter, digit, mark, punctuation or symbol (no control)."""
    made = set(fixed) - set(value)
    return bool(made) and all(unicodedata.category(ch)[0] in "LNPSM" for ch in made)


def _undo(value: str, codec: str) -> str | None:
    """Each run of non-ASCII characters encoded back to the code page's bytes, and the UTF-8 sequences among those
    bytes decoded as UTF-8; None when nothing changes."""
    def fix(match: re.Match) -> str:
        out = []
        for chunk in _encodable_chunks(match.group(), codec):
            if isinstance(chunk, str):
                out.append(chunk)
                continue
            pos = 0
            for seq in _UTF8_SEQUENCE.finditer(chunk):
                try:
                    letter = seq.group().decode("utf-8")
                except UnicodeDecodeError:   # a surrogate's encoding: not text
                    continue
                out.append(chunk[pos:seq.start()].decode(codec))
                out.append(letter)
                pos = seq.end()
            out.append(chunk[pos:].decode(codec))
        return "".join(out)
    fixed = _RUN.sub(fix, value)
    return fixed if fixed != value else None


def _encodable_chunks(run: str, codec: str) -> Iterator[bytes | str]:
    """The run as bytes of the code page, split around characters the code page cannot write (kept as text)."""
    buf = []
    for ch in run:
        try:
            buf.append(ch.encode(codec))
        except UnicodeEncodeError:
            if buf:
                yield b"".join(buf)
                buf = []
            yield ch
    if buf:
        yield b"".join(buf)


# --- over a table's rows --------------------------------------------------------------------------------------

def watch(rows: Iterable[Row], header: list[str] | None, header_line: int | None, name: str,
          issues: list[Issue]) -> Iterator[Row]:
    """Pass the rows through unchanged, adding an issue for each damaged value (header included) to `issues` when
    the rows end. A lost letter's word is looked up among the file's other words, read before or after it."""
    lines_replaced = {i.row for i in issues if i.code == "encoding-replaced"}   # our own U+FFFD: reported already
    found: list[tuple[int, int, Damage]] = []
    words: dict[str, int] = {}        # accented words -> first line seen
    extra = 0

    def look(line: int, cells) -> None:
        nonlocal extra
        for index, cell in enumerate(cells):
            if cell.isascii() and "?" not in cell:
                continue
            if len(words) < MAX_WORDS and not cell.isascii():
                for word in cell.split():
                    if not word.isascii():
                        words.setdefault(word.strip(_PUNCTUATION), line)
            damage = diagnose(cell)
            if damage is None or damage.code == "character-lost" and line in lines_replaced \
                    and any("\ufffd" in w for w in damage.words):
                continue
            if len(found) < MAX_REPORTED:
                found.append((line, index, damage))
            else:
                extra += 1

    if header is not None and header_line is not None:
        look(header_line, header)
    for row in rows:
        joined = "".join(row.cells)
        if not joined.isascii() or "?" in joined:
            look(row.line, row.cells)
        yield row
    for line, index, damage in found:
        column = header[index] if header and index < len(header) and header[index] else index + 1
        seen_at = None
        if damage.code == "character-lost":
            probably, seen = damage.value, []
            for word in damage.words:
                match = _match_word(word, words)
                if match is not None:
                    probably = probably.replace(word, match[0], 1)
                    seen.append(match[1])
            if seen:
                damage = Damage(damage.code, damage.value, probably, damage.how, damage.words)
                seen_at = min(seen)
        issues.append(damage_issue(damage, line, column, name, seen_at))
    if extra:
        issues.append(Issue("warning", "mojibake", f"{extra} more damaged value(s) like the ones above were not "
                            "listed one by one; the file went through a wrong text encoding before it was exported",
                            file=name))


def damage_issue(damage: Damage, line: int | None, column: str | int | None, name: str,
                 seen_at: int | None = None) -> Issue:
    """The warning for a damaged value."""
    if damage.code == "mojibake":
        return Issue("warning", "mojibake", damage.message(), row=line, column=column, file=name)
    return Issue("warning", "character-lost", damage.message(seen_at), row=line, column=column, file=name)


def _match_word(damaged: str, words: dict[str, int]) -> tuple[str, int] | None:
    """The one accented word of the file the damaged word can be (each hole one or two letters), and its line."""
    pattern = ""
    for part in re.split("(\ufffd+|\\?)", damaged):
        if part == "?":
            pattern += r"[^\W\d_]"
        elif part.startswith("\ufffd"):
            pattern += rf"[^\W\d_]{{1,{len(part)}}}"
        else:
            pattern += re.escape(part)
    regex = re.compile(pattern + r"\Z")
    hits = [(w, line) for w, line in words.items() if "\ufffd" not in w and regex.match(w)]
    return hits[0] if len({w for w, _ in hits}) == 1 else None
