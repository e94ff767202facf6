"""The notes spec files (tests/data/notes/*.toml): load the cases, run the parser once per set of options, and
compare each note's entry field by field. Shared by tests/test_notes_spec.py and benchmarks/notes.py."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from normalizer.notes import parse_notes

DATA = Path(__file__).parent / "data" / "notes"
FIELDS = ("date", "hours", "matter", "description", "activity", "issues")
OPTIONS = ("date_order", "round", "increment", "timekeeper")


@dataclass
class Case:
    number: int
    note: str
    expected: list[dict]                  # one dict per entry (several when the note is split)
    issues: frozenset[str]                # warning and error codes expected on the note's line
    options: dict = field(default_factory=dict)


@dataclass
class Outcome:
    case: Case
    got: list[dict]
    issues: frozenset[str]

    def fields(self) -> dict[str, bool]:
        """Per field: right on every entry of the note."""
        same = len(self.got) == len(self.case.expected)
        out = {f: same and all(g[f] == e[f] for g, e in zip(self.got, self.case.expected)) for f in FIELDS[:-1]}
        out["issues"] = self.issues == self.case.issues
        return out

    def ok(self) -> bool:
        return all(self.fields().values())


def load(name: str = "spec.toml") -> tuple[dict, list[Case]]:
    spec = tomllib.loads((DATA / name).read_text(encoding="utf-8"))
    defaults = spec["defaults"]
    cases = []
    for i, c in enumerate(spec["case"], 1):
        base = {"date": c.get("date", defaults["date"]), "hours": c.get("hours", ""), "matter": c.get("matter", ""),
                "description": c.get("description", ""), "activity": c.get("activity", "")}
        entries = [dict(base, **p) for p in c["split"]] if "split" in c else [base]
        cases.append(Case(i, c["note"], entries, frozenset(c.get("issues", ())), dict(c.get("options", {}))))
    return defaults, cases


def run(defaults: dict, cases: list[Case]) -> list[Outcome]:
    """All notes with the same options in one call (one note a line), as a day's notes file is."""
    groups: dict[tuple, list[Case]] = {}
    for c in cases:
        groups.setdefault(tuple(sorted(c.options.items())), []).append(c)
    out: dict[int, Outcome] = {}
    for options, group in groups.items():
        text = "\n".join(c.note for c in group)
        _, report = parse_notes(text, matters=DATA / defaults["matters"], date=defaults["date"],
                                today=defaults.get("today"), **dict(options))
        by_line: dict[int, list[dict]] = {}
        for item in report.meta["lines"]:
            by_line.setdefault(item["line"], []).append(item)
        for number, c in enumerate(group, 1):
            items = by_line.get(number, [])
            got = [_entry(item) for item in items]
            issues = frozenset(i.code for i in report.issues if i.row == number and i.severity != "info")
            out[c.number] = Outcome(c, got, issues)
    return [out[c.number] for c in cases]


def _entry(item: dict) -> dict:
    f = item["fields"]
    resolved = bool(f["client"]["value"])
    return {"date": f["date"]["value"], "hours": f["duration"]["value"],
            "matter": f["matter"]["value"] if resolved else "", "description": f["description"]["value"],
            "activity": f["activity_code"]["value"]}
