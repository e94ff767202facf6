"""Numbers as lawyers say them: 'six', 'forty-five', 'point three'. Whole numbers up to 99 are enough for time."""
from __future__ import annotations

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VALUES = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"oh": 0, "nought": 0, "a": 1, "an": 1}

# Longest first, so 'seventeen' is not read as 'seven'.
_SMALL = "|".join(sorted(_UNITS[1:], key=len, reverse=True))
_TEN = "|".join(_TENS)
WORD_NUMBER = rf"(?:(?:{_TEN})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|{_SMALL})"
DIGIT_WORD = r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine)"


def value(text: str) -> int:
    """'forty-five' -> 45, 'six' -> 6, 'an' -> 1; digits as an int."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    return sum(VALUES[w] for w in t.replace("-", " ").split())
