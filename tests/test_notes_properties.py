"""Property: the notes parser never invents a matter. Whatever the note says, a matter it fills in is one of the
list's (Client and Matter both from the same row), and a note that names nothing in the list gets no matter."""
from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings, strategies as st

from normalizer.notes import parse_notes
from normalizer.resolve import normalize

SURNAMES = ["Smith", "Jones", "Acme", "Chen", "Garcia", "Patel", "Baker", "Nguyen", "Kim", "Lee", "Northwind",
            "O'Brien", "Harbor", "Riverside", "Okafor", "Dubois"]
MATTER_WORDS = ["divorce", "lease", "estate", "probate", "closing", "contract", "dispute", "custody", "defence",
                "trademark", "financing", "workout", "employment", "claim", "review"]
FILLER = ["0.2", ".3", "six minutes", "1:12", "point four", "—", "-", ",", ";", "call", "with", "client", "re",
          "scheduling", "email", "to", "opposing", "counsel", "reviewed", "drafted", "the", "motion", "file",
          "matter", "for", "on", "yesterday", "Nov 3", "11/3", "2024", "$5,000", "Rule", "12(b)(6)", "3", "exhibits",
          "Mr.", "v.", "case", "account", "00012", "2024-017", "#1", "an hour and a half", "research"]

matter_rows = st.lists(
    st.tuples(st.sampled_from(SURNAMES), st.sampled_from(MATTER_WORDS), st.sampled_from(MATTER_WORDS)),
    min_size=1, max_size=8)
notes = st.lists(st.lists(st.sampled_from(FILLER + SURNAMES + MATTER_WORDS), min_size=1, max_size=14)
                 .map(" ".join), min_size=1, max_size=6)


def _matter_list(rows) -> tuple[bytes, dict[str, tuple[str, str]]]:
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Client ID", "Client Name", "Matter ID", "Matter Name", "Jurisdiction", "Law Practice Area",
                "Hourly Rate"])
    known = {}
    for i, (client, a, b) in enumerate(rows):
        matter_id = f"M{i:03d}"
        name = f"{a.capitalize()} {b}"
        w.writerow([normalize(client).replace(" ", "-"), client, matter_id, name, "WA", "", ""])
        known[matter_id] = (client, name)
    return out.getvalue().encode(), known


def _entries(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matter_rows, notes)
def test_a_matter_filled_in_is_always_one_of_the_list(rows, lines) -> None:
    matters, known = _matter_list(rows)
    data, report = parse_notes("\n".join(lines), matters=matters, date="2026-11-25", today="2026-11-25")
    issues: dict[int, set[str]] = {}
    for item in report.meta["lines"]:         # a note split into several entries says its matter issue once
        issues.setdefault(item["line"], set()).update(item["issues"])
    for entry, item in zip(_entries(data), report.meta["lines"]):
        if entry["Client"]:
            assert entry["Matter"] in known, entry
            assert known[entry["Matter"]][0] == entry["Client"], entry
            said = normalize(item["text"])
            client, name = known[entry["Matter"]]
            # the note said something of that matter: its client, a word of its name or its ID
            assert any(w in said.split() for w in normalize(f"{client} {name} {entry['Matter']}").split()), item
        else:
            assert any("matter" in code for code in issues[item["line"]]), item      # no matter: an issue says why


@settings(max_examples=100, deadline=None)
@given(matter_rows, st.lists(st.lists(st.sampled_from(FILLER), min_size=1, max_size=14).map(" ".join),
                             min_size=1, max_size=6))
def test_a_note_naming_nothing_in_the_list_gets_no_matter(rows, lines) -> None:
    vocabulary = {w for client, a, b in rows for w in normalize(f"{client} {a} {b}").split()}
    lines = [line for line in lines if not set(normalize(line).split()) & vocabulary]
    if not lines:
        return
    matters, _ = _matter_list(rows)
    data, _ = parse_notes("\n".join(lines), matters=matters, date="2026-11-25", today="2026-11-25")
    assert all(not e["Client"] for e in _entries(data))
