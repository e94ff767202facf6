"""Golden tests: every sample under tests/data/matters/ converts byte for byte to its hand-written expected.csv,
and every written file passes `check`. A folder's inputs are converted one at a time (see each NOTES.md); its
args.txt holds the CLI options."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from normalizer import api
from normalizer.check import check

DATA = Path(__file__).parent / "data" / "matters"
NOT_INPUT = {"expected.csv", "args.txt"}


def _cases():
    for expected in sorted(DATA.rglob("expected.csv")):
        folder = expected.parent
        for source in sorted(folder.iterdir()):
            if source.is_file() and source.name not in NOT_INPUT and source.suffix not in (".md", ".py", ".json"):
                yield pytest.param(folder, source, id=f"{folder.relative_to(DATA)}/{source.name}")


def _options(folder: Path) -> dict:
    args = (folder / "args.txt").read_text(encoding="utf-8").split() if (folder / "args.txt").exists() else []
    args = shlex.split(" ".join(args))
    options: dict = {}
    i = 0
    while i < len(args):
        flag = args[i]
        if flag == "--jurisdiction":
            options["jurisdiction"], i = args[i + 1], i + 2
        elif flag == "--from":
            options["system"], i = args[i + 1], i + 2
        elif flag == "--include-closed":
            options["include_closed"], i = True, i + 1
        elif flag == "--excel":
            options["excel"], i = True, i + 1
        else:
            raise AssertionError(f"{folder}/args.txt: option {flag!r} not understood by this test")
    return options


_COUNTS = re.compile(r"rows_read (\d+) · rows_written (\d+) · rows_merged (\d+) · rows_filtered (\d+) · "
                     r"rows_rejected (\d+)")


def _expected_counts(folder: Path) -> dict | None:
    """The `## Expected counts` line of the sample's NOTES.md, when it has one."""
    notes = folder / "NOTES.md"
    match = _COUNTS.search(notes.read_text(encoding="utf-8")) if notes.exists() else None
    if match is None:
        return None
    keys = ("rows_read", "rows_written", "rows_merged", "rows_filtered", "rows_rejected")
    return dict(zip(keys, map(int, match.groups())))


@pytest.mark.parametrize("folder,source", list(_cases()))
def test_sample_converts_to_expected(folder: Path, source: Path) -> None:
    result = api.normalize_matters([source], **_options(folder))
    expected = (folder / "expected.csv").read_bytes()
    assert result.data.decode("utf-8") == expected.decode("utf-8")
    assert result.data == expected
    counts = result.report.counts
    assert counts["rows_read"] == (counts["rows_written"] + counts["rows_merged"] + counts["rows_filtered"]
                                   + counts["rows_rejected"])
    assert result.report.meta["vendor"] != "unknown" or folder.name == "firm"
    expected_counts = _expected_counts(folder)
    if expected_counts is not None:
        assert {k: counts[k] for k in expected_counts} == expected_counts


@pytest.mark.parametrize("folder,source", list(_cases()))
def test_sample_output_passes_check(folder: Path, source: Path) -> None:
    result = api.normalize_matters([source], **_options(folder))
    report = check(result.data, name="out.csv")
    assert report.errors == [], [str(i) for i in report.errors]
    assert report.counts["rows_read"] == result.report.counts["rows_written"]


def test_every_system_has_a_sample() -> None:
    systems = {p.relative_to(DATA).parts[0] for p in DATA.rglob("expected.csv")}
    from normalizer.mappings import load_mappings
    sources = {m.id for m in load_mappings().values() if m.role == "source"}
    assert sources <= systems, f"no sample for {sorted(sources - systems)}"
