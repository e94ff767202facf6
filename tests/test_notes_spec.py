"""Notes -> entries (issue 14): every note of tests/data/notes/spec.toml gives exactly the entry it lists."""
from __future__ import annotations

import pytest

import notes_spec

DEFAULTS, CASES = notes_spec.load("spec.toml")
RESULTS = {r.case.number: r for r in notes_spec.run(DEFAULTS, CASES)}


def test_the_spec_has_at_least_150_notes_and_covers_every_form() -> None:
    assert len(CASES) >= 150
    notes = " ".join(c.note.lower() for c in CASES)
    for form in ("point", "tenths", "minutes", "min ", "1:12", "1h 12m", "hour and a half", "half an hour",
                 "quarter hour", "units", "yesterday", "last friday", "on monday", "nov 3", "11/3", "2026-11-20",
                 " file", "on the smith divorce", "for acme", "re: acme lease", "rule 12(b)(6)", "$5,000",
                 "2024 tax year", "work on file", "attention to matter"):
        assert form in notes, form
    assert any(c.options.get("date_order") == "DMY" for c in CASES)
    assert any(c.options.get("round") == "nearest" for c in CASES)
    assert any(len(c.expected) > 1 for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.number:03d}" for c in CASES])
def test_note(case: notes_spec.Case) -> None:
    result = RESULTS[case.number]
    assert result.got == case.expected, case.note
    assert result.issues == case.issues, case.note
