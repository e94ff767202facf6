"""Bytes -> text: a BOM, strict UTF-8, BOM-less UTF-16/32, else the Western code page whose text reads like names.

Law-firm exports come from Windows (cp1252), classic Mac OS (mac_roman) and DOS-era systems such as PCLaw (cp850).
Statistical detectors guess wrong on short lists of accented names, so every candidate code page is decoded and
the text is scored for plausibility (accented letters inside words, sensible case, typographic marks where they
belong); chardet's guess only breaks near-ties. Undecodable bytes become U+FFFD and are listed, never hidden.
"""
from __future__ import annotations

import codecs
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterator


from normalizer.errors import InputError
from normalizer.read.container import binary_signature

SAMPLE_BYTES = 256 * 1024    # plausibility is judged on at most this much (cut at a line end)
CHARDET_BYTES = 64 * 1024     # chardet sees only lines with non-ASCII bytes, at most this much

# Python codec names we report, and a small prior used only to break exact ties.
WESTERN = {"cp1252": 0.5, "cp850": 0.3, "mac_roman": 0.2, "iso8859_15": 0.0}
UTF8_PRIOR = 0.4
CHARDET_BONUS = 0.5
OTHER_PRIOR = -1.0            # a non-Western code page chardet proposes must read clearly better to win

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never appear in text files; TAB, LF, FF, CR, ESC and DOS's end-of-file 0x1A are allowed.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x19\x1c-\x1f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPED = re.compile("[\udc00-\udcff]+")       # bytes the decoder could not map (see _decode_recording)
_NON_ASCII = re.compile("[^\x00-\x7f]")
_ASCII_BYTES = bytes(range(128))
_GLUED_FOREIGN = re.compile("[A-Za-z][\u0250-\u07ff]|[\u0250-\u07ff][A-Za-z]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Decoded:
    text: str                 # BOM removed
    encoding: str             # Python codec name: "utf-8", "utf-8-sig", "utf-16-le", "cp1252", "mac_roman", ...
    confidence: float         # 0..1
    bom: bool
    replaced: tuple[tuple[int, int, str], ...] = ()   # (line, column, description), 1-based, per U+FFFD added
    mixed: tuple[tuple[int, str], ...] = ()           # (line, codec) of lines written in another encoding than
                                                      # `encoding`, each decoded in its own
    alternative: tuple[str, int, str, str] | None = None   # a near tie: (other codec, line, word as read, word
                                                           # in the other codec)


def decode(data: bytes, *, name: str = "input") -> Decoded:
    """Text of an export in whatever encoding it was written; raises InputError only for bytes that are not text."""
    if not data:
        return Decoded("", "utf-8", 1.0, False)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _finish(memoryview(data)[len(bom):], codec, 1.0, bom=True)   # a view: no copy of a big file
    _refuse_binary(data, name)
    wide = _wide_codec(data[:4096])
    if wide:
        return _finish(data, wide, 0.95, bom=False)
    _refuse_controls(data[:65536], name)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", 1.0, False)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _chance_utf8(text[:SAMPLE_BYTES]):
        return Decoded(text, "utf-8", 0.99, False)
    if text is None:
        mixed = _decode_mixed(data)           # some lines UTF-8, others a code page (two exports pasted together)
        if mixed is not None:
            return mixed
    guess = _guess(data)                      # damaged UTF-8, or code-page bytes that happen to be valid UTF-8
    decoded = _finish(data, guess.codec, guess.confidence, bom=False)
    return replace(decoded, alternative=guess.alternative) if guess.alternative else decoded


STREAM_MIN = 1 << 20       # bytes: a file this big that is clean UTF-8 is decoded a chunk at a time (decode_stream)
STREAM_CHUNK = 1 << 20     # bytes decoded at a time when streaming
HEAD_BYTES = 1 << 20       # the head decoded for the dialect: far more than the 64k characters it is judged on


def decode_stream(data: bytes, *, name: str = "input") -> "tuple[Decoded, Iterator[str]] | None":
    """For a big file that is clean UTF-8 (BOM or not) or ASCII: what decode() would say, with `text` holding only
    the head (enough for the dialect), and the whole text as a stream of chunks, each cut just after a line end.
    So a 50 MB export is never one 50-200 MB str. None when the file needs decode()'s whole-text path: small,
    another encoding, damaged or mixed bytes, NUL characters or a DOS end-of-file mark."""
    if len(data) < STREAM_MIN or b"\x00" in data or data.endswith(b"\x1a"):
        return None
    view = memoryview(data)
    if data.startswith(codecs.BOM_UTF8):
        codec, confidence, bom, view = "utf-8-sig", 1.0, True, view[len(codecs.BOM_UTF8):]
    else:
        if any(data.startswith(b) for b, _ in _BOMS):
            return None
        _refuse_binary(data, name)
        if _wide_codec(data[:4096]):
            return None
        _refuse_controls(data[:65536], name)
        if data.isascii():
            codec, confidence, bom = "ascii", 1.0, False
        else:
            codec, confidence, bom = "utf-8", 0.99, False
    if codec != "ascii" and not _valid_utf8(view):
        return None
    head = _head(view)
    if codec == "utf-8" and _chance_utf8(head[:SAMPLE_BYTES]):
        return None
    return Decoded(head, codec, confidence, bom), _chunks(view)


def _valid_utf8(view: memoryview) -> bool:
    """Strict UTF-8 throughout, checked a chunk at a time (nothing kept)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(view), STREAM_CHUNK):
            decoder.decode(view[start:start + STREAM_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _head(view: memoryview) -> str:
    """The text of the first HEAD_BYTES bytes (a character cut at the end is left out)."""
    return codecs.getincrementaldecoder("utf-8")().decode(view[:HEAD_BYTES])


def _chunks(view: memoryview) -> "Iterator[str]":
    """The text a chunk at a time, each chunk ending just after a line end (never between \\r and \\n), so
    splitting each chunk into lines gives the lines of the whole text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    rest = ""
    size = len(view)
    for start in range(0, size, STREAM_CHUNK):
        text = rest + decoder.decode(view[start:start + STREAM_CHUNK], final=start + STREAM_CHUNK >= size)
        cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
        if cut == 0:
            rest = text
            continue
        rest = text[cut:]
        yield text[:cut]
    if rest:
        yield rest


def decode_as(data: bytes, codec: str, *, name: str = "input") -> Decoded:
    """Text in the encoding the user stated (a BOM of that encoding's family is dropped); undecodable bytes are
    replaced and recorded as for a detected encoding."""
    _refuse_binary(data, name)
    family = codecs.lookup(codec).name
    for bom, bom_codec in _BOMS:
        if data.startswith(bom) and codecs.lookup(bom_codec).name.split("-")[:2] == family.split("-")[:2]:
            return _finish(memoryview(data)[len(bom):], codec, 1.0, bom=True)
    return _finish(data, codec, 1.0, bom=False)


def _chance_utf8(text: str) -> bool:
    """Code-page bytes can form valid UTF-8 by chance (cp850 "Íñ" is D6 A4, a Hebrew accent): suspect it only
    when a decoded character from beyond Latin sits glued to a Latin letter and the text reads badly."""
    return bool(_GLUED_FOREIGN.search(text)) and plausibility(text) < 0


def _finish(payload: bytes, codec: str, confidence: float, *, bom: bool) -> Decoded:
    text, replaced = _decode_recording(payload, codec)
    return Decoded(text, codec, confidence, bom, replaced)


# --- a file that mixes UTF-8 lines and code-page lines ------------------------------------------------------------

MIXED_PLAUSIBLE = 2.0     # mean score per accented character a code-page line needs to count as written in it


def _decode_mixed(data: bytes) -> Decoded | None:
    """Lines that are valid UTF-8 beside lines that are valid only in a code page: each line in its own encoding.

    A line holding UTF-8 sequences and a stray byte is damaged UTF-8 (its byte is replaced and reported); a line
    with no UTF-8 sequence counts as code-page text only when it reads like names in that code page."""
    if not _UTF8_SEQUENCE.search(data):
        return None
    lines = data.splitlines(keepends=True)
    utf8, other = [], []                     # indexes of the non-ASCII lines, by encoding
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(i)
        except UnicodeDecodeError:
            if not _UTF8_SEQUENCE.search(line):
                other.append(i)
    if not utf8 or not other:
        return None
    codec = _guess(b"".join(lines[i] for i in other), utf8=False).codec
    for i in list(utf8):                     # code-page bytes that happen to be valid UTF-8 read better as such
        bonus = 2.0 * len(_UTF8_SEQUENCE.findall(lines[i]))
        if plausibility(_decode_escaped(lines[i], codec)) > plausibility(lines[i].decode("utf-8")) + bonus:
            utf8.remove(i)
            other.append(i)
    texts = [_decode_escaped(lines[i], codec) for i in other]
    if not utf8 or any(plausibility(t) < MIXED_PLAUSIBLE * len(_NON_ASCII.findall(t)) for t in texts):
        return None
    main, minority = ("utf-8", sorted(other)) if len(utf8) >= len(other) else (codec, utf8)
    line_codec = {**dict.fromkeys(utf8, "utf-8"), **dict.fromkeys(other, codec)}
    raw = "".join(_decode_escaped(line, line_codec.get(i, "ascii" if line.isascii() else "utf-8"))
                  for i, line in enumerate(lines))
    text, replaced = _record(raw, "utf-8")
    confidence = round(len(utf8 if main == "utf-8" else other) / (len(utf8) + len(other)), 3)
    return Decoded(text, main, confidence, False, replaced,
                   mixed=tuple((i + 1, line_codec[i]) for i in minority))


# --- not text at all -------------------------------------------------------------------------------------------

def _refuse_binary(data: bytes, name: str) -> None:
    what = binary_signature(data)
    if what is not None:
        raise InputError(f"this is {what}", file=name, code="not-text")


def _refuse_controls(sample: bytes, name: str) -> None:
    """Many NULs (outside UTF-16) or control bytes mean binary data, whatever the file is called."""
    nuls = sample.count(0)
    controls = len(_CONTROL.findall(sample))
    if nuls > max(2, len(sample) // 100) or controls > max(8, len(sample) // 20):
        raise InputError(f"this looks like binary data, not a text file ({nuls} NUL and {controls} control bytes "
                         f"in the first {len(sample)})", file=name, code="not-text")


def _wide_codec(sample: bytes) -> str | None:
    """UTF-16/32 without a BOM: CSV text is mostly ASCII, so every second (or 2-3 of 4) byte is NUL."""
    if sample.count(0) < 2:
        return None
    def nul_share(offset: int, step: int) -> float:
        part = sample[offset::step]
        return part.count(0) / len(part) if part else 0.0
    if len(sample) >= 8:
        lanes = [nul_share(i, 4) for i in range(4)]
        if lanes[2] > 0.9 and lanes[3] > 0.9 and lanes[0] < 0.1:
            return "utf-32-le"
        if lanes[0] > 0.9 and lanes[1] > 0.9 and lanes[3] < 0.1:
            return "utf-32-be"
    even, odd = nul_share(0, 2), nul_share(1, 2)
    if odd > 0.3 and even < odd / 10:
        return "utf-16-le"
    if even > 0.3 and odd < even / 10:
        return "utf-16-be"
    return None


# --- decoding with a record of what could not be decoded ---------------------------------------------------------

def _decode_recording(payload: bytes | memoryview, codec: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Decode; each run of undecodable bytes becomes one U+FFFD, listed with its line, column and bytes."""
    return _record(_decode_escaped(payload, codec), codec)


def _record(raw: str, codec: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Each run of escaped bytes in decoded text (see _decode_escaped) becomes one U+FFFD, listed."""
    if not _ESCAPED.search(raw):
        return raw, ()
    parts: list[str] = []
    replaced = []
    line, line_start, out_len, pos = 1, 0, 0, 0
    for match in _ESCAPED.finditer(raw):
        chunk = raw[pos:match.start()]
        for brk in _LINE_BREAK.finditer(chunk):
            line += 1
            line_start = out_len + brk.end()
        parts.append(chunk)
        out_len += len(chunk)
        bad = bytes(ord(ch) - 0xDC00 for ch in match.group())
        shown = " ".join(f"0x{b:02X}" for b in bad[:8]) + (f" ... ({len(bad)} bytes)" if len(bad) > 8 else "")
        replaced.append((line, out_len - line_start + 1,
                         f"undecodable byte{'s' if len(bad) > 1 else ''} {shown} ({codec}) replaced by U+FFFD"))
        parts.append("\ufffd")
        out_len += 1
        pos = match.end()
    parts.append(raw[pos:])
    return "".join(parts), tuple(replaced)


def _decode_escaped(payload: bytes, codec: str) -> str:
    """Decode, turning every undecodable byte b into the lone surrogate U+DC00+b (no real text contains those)."""
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        width = 2 if codec.startswith("utf-16") else 4
        body, tail = payload[:len(payload) - len(payload) % width], payload[len(payload) - len(payload) % width:]
        text = _decode_wide(body, codec, width)
        return text + "".join(chr(0xDC00 + b) for b in tail)
    # surrogateescape maps undecodable bytes >= 0x80 to U+DC80..U+DCFF; UTF-8 and 8-bit codecs only fail there.
    return codecs.decode(payload, codec, "surrogateescape")


def _decode_wide(body: bytes, codec: str, width: int) -> str:
    """UTF-16/32 code units that do not decode (lone surrogates, values past U+10FFFF) become escaped bytes."""
    text = codecs.decode(body, codec, "surrogatepass") if width == 2 else _decode_utf32(body, codec)
    if not re.search("[\ud800-\udfff]", text):
        return text
    # surrogatepass let unpaired surrogates through: turn each back into its bytes.
    return re.sub("[\ud800-\udfff]",
                  lambda m: "".join(chr(0xDC00 + b) for b in m.group().encode(codec, "surrogatepass")), text)


def _decode_utf32(body: bytes, codec: str) -> str:
    parts = []
    for i in range(0, len(body), 4):
        unit = body[i:i + 4]
        try:
            parts.append(codecs.decode(unit, codec, "surrogatepass"))
        except UnicodeDecodeError:
            parts.append("".join(chr(0xDC00 + b) for b in unit))
    return "".join(parts)


# --- which Western code page ----------------------------------------------------------------------------------

NEAR_TIE = 1.5            # a margin of plausibility below this is named in an issue (the other reading shown)


@dataclass(frozen=True)
class _Guess:
    codec: str
    confidence: float
    alternative: tuple[str, int, str, str] | None = None


def guess_code_page(data: bytes) -> tuple[str, float]:
    """The code page (or damaged UTF-8) whose text reads most plausibly, and a confidence from the margin."""
    guess = _guess(data)
    return guess.codec, guess.confidence


def _guess(data: bytes, *, utf8: bool = True) -> _Guess:
    sample = _sample(data)
    hint = _chardet_hint(sample)
    candidates = dict(WESTERN)
    if hint and hint not in candidates and (utf8 or hint != "utf-8"):
        candidates[hint] = OTHER_PRIOR
    sequences = len(_UTF8_SEQUENCE.findall(sample)) if utf8 else 0
    if sequences:                            # each valid multibyte sequence makes chance UTF-8 less likely
        candidates["utf-8"] = UTF8_PRIOR + 2.0 * sequences
    scored = []
    for codec, prior in candidates.items():
        try:
            text = _decode_escaped(sample, codec)
        except UnicodeDecodeError:           # a multibyte code page chardet proposed that these bytes break
            continue
        score = plausibility(text) + prior + (CHARDET_BONUS if codec == hint else 0.0)
        scored.append((score, codec, text))
    scored.sort(key=lambda s: s[0], reverse=True)
    best_score, best_codec, best_text = scored[0]
    rivals = [(s, c, t) for s, c, t in scored[1:] if t != best_text]
    margin = best_score - rivals[0][0] if rivals else 10.0
    confidence = round(min(0.99, 1.0 - 0.5 * math.exp(-margin / 4.0)), 3)
    alternative = None
    if rivals and margin < NEAR_TIE:
        alternative = (rivals[0][1], *_first_difference(best_text, rivals[0][2]))
    return _Guess(best_codec, confidence, alternative)


def _first_difference(text: str, other: str) -> tuple[int, str, str]:
    """(line, word in text, word in other) where two readings of the same bytes first differ."""
    i = next((k for k, (a, b) in enumerate(zip(text, other)) if a != b), min(len(text), len(other)))
    line = len(_LINE_BREAK.findall(text, 0, i)) + 1
    def word(s: str) -> str:
        start = i
        while start > 0 and not s[start - 1].isspace() and s[start - 1] not in ",;\t|\"":
            start -= 1
        end = i
        while end < len(s) and not s[end].isspace() and s[end] not in ",;\t|\"":
            end += 1
        return s[start:end] or s[i:i + 1]
    return line, word(text), word(other)


def _sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[:cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def _chardet_hint(sample: bytes) -> str | None:
    """chardet's codec for the lines that carry non-ASCII bytes, as a Python codec name we can decode with."""
    lines = [line for line in sample.splitlines(keepends=True) if not line.isascii()]
    digest = b"".join(lines)[:CHARDET_BYTES]
    import chardet      # only for files that are not UTF-8 or ASCII: the page starts faster without it
    guess = chardet.detect(digest, compat_names=False).get("encoding")
    if not guess:
        return None
    try:
        name = codecs.lookup(guess).name
    except LookupError:
        return None
    aliases = {"mac-roman": "mac_roman", "iso8859-15": "iso8859_15", "iso8859-1": "cp1252"}
    name = aliases.get(name, name)
    if name in WESTERN or name == "utf-8":
        return name
    try:                                     # only ASCII-compatible code pages (no EBCDIC, no UTF-7)
        return name if _ASCII_BYTES.decode(name) == _ASCII_BYTES.decode("ascii") else None
    except (UnicodeDecodeError, LookupError):
        return None


# --- plausibility of decoded text -------------------------------------------------------------------------------

# How often each letter appears in French, Spanish, German, Nordic, Portuguese and Italian names and words
# (rounded, by hand): mojibake often trades a common letter for a rarer one ("Inès" vs "Inäs" is a true tie).
_LETTERS = {
    "é": 5.0, **dict.fromkeys("àçüöäñáóíß", 3.5), **dict.fromkeys("èúãêôåø", 3.0),
    **dict.fromkeys("âîëæœ", 2.5), **dict.fromkeys("ïõû", 2.0), **dict.fromkeys("ìòù", 1.5),
    **dict.fromkeys("ðþýšž", 1.0), "ÿ": 0.5,
}
_LETTERS.update({c.upper(): w - 0.5 for c, w in _LETTERS.items() if c != "ß"})
_LETTERS.update({**dict.fromkeys("ÅÄÖØÜ", 3.5), "É": 4.5, "Ÿ": 0.5, "Õ": 1.5})
_ODD = frozenset("ƒıµπΩﬁﬂ")                                   # letters mojibake is made of
_ORDINALS = frozenset("ªº")
_ELISION = frozenset("lLdDjJnNsScCmMtTO")                     # l’, d’, qu’, O’Brien
_NEVER_FIRST = frozenset("èçãõëïìòùûßñÿœÃÕ")                  # no word starts with these ...
_NEVER_LAST = frozenset("çœî")                                # ... or ends with these
_VOWELS = frozenset("aeiouAEIOU")
_BEFORE_CONSONANT = frozenset("äöüåèÄÖÜÅÈ")
_FRENCH_GRAVE = re.compile(r"è(?:[bcdfglmnpqrstvz]e|s\b|[vtbg]re|que|gue|gle|\b)", re.IGNORECASE)  # père, Inès
_CODE_PAGE_MARKS = frozenset("".join(bytes(range(0x80, 0x100)).decode(codec, "ignore") for codec in WESTERN))


def plausibility(text: str) -> float:
    """Sum over non-ASCII characters of how likely each is where it stands; mojibake scores below zero."""
    return sum(_char_score(text, match.start()) for match in _NON_ASCII.finditer(text))


def _at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _char_score(text: str, i: int) -> float:
    c, p, n = text[i], _at(text, i - 1), _at(text, i + 1)
    if "\ud800" <= c <= "\udfff":          # a byte the candidate codec could not decode
        return -10.0
    if not c.isalpha():
        return _mark_score(text, i, c, p, n)
    if c in _ORDINALS:
        return 1.0 if p.isdigit() or p in "Nn" else -3.0
    weight = _LETTERS.get(c, -3.0 if c in _ODD else 0.5)
    return weight + _shape(text, i, c, p, n) + _spelling(text, i, c, p, n)


def _shape(text: str, i: int, c: str, p: str, n: str) -> float:
    """Where a letter stands in its word: inside one, capitalised like a name, not glued to digits or scripts."""
    score = 0.0
    if p.isalpha() or n.isalpha():
        score += 1.0
    elif c.isupper() and ord(c) < 0x250 and n in " .,;\t|\"'\r\n" and p in " ,;\t|\"'(\r\n":
        score -= 1.0                         # a capital alone is an initial ("Côté, Ê.") or a one-letter code
    elif c not in "àÀéÉ":                    # French "à", Portuguese "é" stand alone; most letters do not
        score -= 4.0
    if p.isdigit() or n.isdigit():
        score -= 3.0
    if not _is_latin(c) and (_is_latin(p) or _is_latin(n)):
        score -= 4.0                         # a Greek or Cyrillic letter inside a Latin word: "Φórsson"
    if not p.isalpha() and n.isalpha():      # first letter of a word
        if c.isupper():
            score += 1.0 if n.islower() else 0.0
        else:                                # names are capitalised; "école", "über" are the exception
            score -= 3.0 if c in _NEVER_FIRST else 0.0 if c == "é" else 1.0
    if p.isalpha() and not n.isalpha() and c in _NEVER_LAST:
        score -= 2.0
    if c.isupper() and p.islower():
        score -= 5.0                         # "MÜller" never; "mÜ" is mojibake
    if c.isupper() and p.isupper() and n.islower():
        score -= 4.0                         # "LÈvesque"
    if c.islower() and n.isupper():
        score -= 4.0                         # "MšLLER", "ëUrgent"
    if c.islower() and p.isupper() and _at(text, i - 2).isupper():
        score -= 3.0                         # "ZOè": an upper-case word does not end in lower case
    if _is_latin_accented(p) and _is_latin_accented(n) and ord(c) < 0x250:
        score -= 3.0                         # three accented letters in a row
    return score


def _spelling(text: str, i: int, c: str, p: str, n: str) -> float:
    """Spelling rules of the languages concerned, for the letters mojibake confuses."""
    score = 0.0
    base = _base(c)
    if base != "e" and (_base(p) == base and p.isascii()
                        or c not in _BEFORE_CONSONANT and _base(n) == base and n.isascii()):
        score -= 3.0                         # "Gonáalves", "Benoöt": an accented vowel beside itself
    if c in "èÈ" and _FRENCH_GRAVE.match(text, i):
        score += 1.5
    if c in "çÇ" and n not in "aouAOUãõÃÕâôÂÔ" and (n.isalpha() or not c.isupper()):
        score -= 3.0                         # ç is only ever written before a, o, u (an initial Ç aside) ...
    if c in "çÇ" and p.isalpha() and p not in _VOWELS and p not in "nrNR":
        score -= 2.0                         # ... and after a vowel, n or r: Gonçalves, março
    if c in "åÅ" and p in _VOWELS:
        score -= 2.0                         # Håkon, Åse: å does not follow a vowel
    if c in _BEFORE_CONSONANT and n in _VOWELS and p not in "gG" and not (c in "äÄ" and n in "uiUI"):
        score -= 2.0                         # umlauts, å and è stand before consonants (güe, äu, äi aside)
    if c in "ëïËÏ":
        score += 1.0 if p in _VOWELS else -2.0 if p.isalpha() else 0.0   # diaeresis follows a vowel: Zoë
    if c in "ãõÃÕ" and n in "oesOES":      # São, Magalhães, Simões, irmãos: ão, ãe, ões end the word
        rest = text[i + 2:i + 4]
        ends = not rest[:1].isalpha() or rest[:1] in "sS" and not rest[1:2].isalpha()
        score += 1.5 if ends else -1.5 if n in "oeOE" else 0.0   # "FRANÃOISE" is FRANÇOISE in another code page
    if c in "œŒ" and n in "uU":
        score += 1.5                         # Œuvre, sœur, cœur
    if c in "àÀ" and p.isalpha() and n.isalpha():
        score -= 2.0                         # à ends words (à, déjà, città); it rarely sits inside one
    if c in "ìòùÌÒÙ" and p.isalpha() and not n.isalpha():
        score += 2.0                         # Italian final accents: Forlì, Niccolò, più
    if c == "ß":
        score += 1.0 if p in "aeiouäöüy" else -3.0   # Weiß, Straße, Strauß: ß follows a vowel
    return score


def _is_latin(ch: str) -> bool:
    """A Latin letter: ASCII, Latin-1, Latin Extended A/B, or Latin Extended Additional (Vietnamese: ễ, ộ)."""
    return ch.isalpha() and (ord(ch) < 0x250 or "\u1e00" <= ch <= "\u1eff")


def _is_latin_accented(ch: str) -> bool:
    return not ch.isascii() and ch.isalpha() and ord(ch) < 0x250


def _base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[:1].lower()


def _mark_score(text: str, i: int, c: str, p: str, n: str) -> float:
    between_letters = p.isalpha() and n.isalpha()
    if c == "\u2019":                        # ’
        if between_letters:
            word_start = not _at(text, i - 2).isalpha() or text[max(0, i - 3):i].lower() == "qu"
            n2 = _at(text, i + 2)
            english = n in "stdmlrv" and (not n2.isalpha() or text[i + 1:i + 3] in ("ll", "re", "ve"))
            elision = word_start and p in _ELISION and (p in "Oo" or n in "aeiouhéèêâîôAEIOUHÉÈÊÂÎÔ")
            return 3.0 if elision or english else 1.0
        return 1.0 if p.isalnum() or n.isalpha() else -1.0
    if c in "\u2018\u201c\u201e\u00ab":       # ‘ “ „ «
        if between_letters:
            return -5.0
        return (1.5 if c == "«" else 3.0) if n.isalnum() and not p.isalnum() else -1.0
    if c in "\u201d\u00bb":                  # ” »
        if between_letters:
            return -5.0
        return (1.5 if c == "»" else 3.0) if (p.isalnum() or p in ".!?") and not n.isalnum() else -1.0
    if c in "\u2013\u2014":                  # – —
        if between_letters:
            return -3.0
        return 1.5 if not p.isalpha() and not n.isalpha() else 0.0
    if c == "\u2026":                        # …
        return -3.0 if between_letters else 0.5
    if c in "€£¥¢§":
        if p.isalpha() or n.isalpha():
            return -5.0
        return 1.5 if p.isdigit() or n.isdigit() or p == " " or n == " " else -1.0
    if c == "°":
        if p.isdigit() or (p in "nN" and not n.isalpha()):
            return 1.0
        return -4.0 if between_letters else -1.0
    if c in "¿¡":
        return 1.0 if not p.isalnum() and n.isalpha() else -3.0
    if c == "\xa0":
        return -2.0 if between_letters else 0.0
    if c == "·":
        return 0.0 if between_letters else -1.0
    if c in "©®™²³¹":
        return -4.0 if between_letters or (n.isalpha() and not p.isspace()) else 0.0
    if c in "×½¼¾±":
        return -4.0 if p.isalpha() or n.isalpha() else 0.0
    category = unicodedata.category(c)
    if category == "Cc":
        return -8.0
    if category.startswith("M") and not "\u0300" <= c <= "\u036f":
        return -5.0 if _is_latin(p) or _is_latin(n) else 0.0    # a Hebrew accent on a Latin letter
    if c not in _CODE_PAGE_MARKS:            # only UTF-8/16 can produce it (≥ in a Mac file aside): no opinion
        return 0.0
    return -5.0 if p.isalpha() or n.isalpha() else -3.0   # √ ‚ ƒ ╬ ┤ ¤ ˆ ‰ ... : what mojibake is made of


# --- what the decoding says about the file, as issues ------------------------------------------------------------

CODEC_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "ascii": "ASCII", "cp1252": "Windows-1252", "latin-1": "Latin-1",
    "iso8859-1": "Latin-1", "iso8859_15": "ISO-8859-15", "mac_roman": "Mac Roman", "cp850": "DOS code page 850",
    "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32", "utf-32-be": "UTF-32",
}


def codec_name(codec: str) -> str:
    """The name a person knows an encoding by ("Windows-1252"), for messages."""
    return CODEC_NAMES.get(codec, codec)


def decoding_issues(decoded: Decoded, name: str):
    """Issues for what decoding found: bytes replaced, lines in another encoding, a near tie between two."""
    from ..report import Issue
    issues = [Issue("warning", "encoding-replaced",
                    f"a byte that is not valid {decoded.encoding} text was replaced: {what}",
                    row=line, column=col, file=name) for line, col, what in decoded.replaced]
    main = codec_name(decoded.encoding)
    lines = decoded.text.splitlines() if decoded.mixed else []
    for line, codec in decoded.mixed:
        text = lines[line - 1] if line - 1 < len(lines) else ""
        issues.append(Issue("warning", "encoding-mixed",
                            f"this line is written in {codec_name(codec)} but most of the file is {main} (two "
                            f"exports pasted together?); it was read as {codec_name(codec)}: "
                            f"{_shorten(text)!r}", row=line, file=name))
    if decoded.alternative:
        other, line, word, other_word = decoded.alternative
        issues.append(Issue("warning", "encoding-uncertain",
                            f"the text encoding is hard to tell: read as {main} ({word!r} on this line), but it "
                            f"could be {codec_name(other)} ({other_word!r}); if names look wrong, choose the "
                            f"encoding {other!r}", row=line, file=name))
    return issues


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
