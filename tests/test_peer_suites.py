"""Other projects' test suites, run on our reading layer: Papa Parse's parser cases, CPython's TestSniffer samples and
CleverCSV's detection cases (vendored as data under tests/data/peers/, each with its licence).

Each case's input is read with read_table (the delimiter or quote a Papa Parse case states is given as a reading
option, as a user would; everything else is detected) and the table we read (header row, if any, then the rows) is
compared with the case's expected data. Some cases differ by design (we skip blank lines and titles, pad short
rows, re-read a stray quote's line alone...): tests/data/peers/differences.json lists each with the reason and
what we read, and the test asserts they still differ exactly that way. The pass rate per suite is printed.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalizer.errors import InputError
from normalizer.read import ReadOptions, read_table

PEERS = Path(__file__).resolve().parent / "data" / "peers"
SUITES = {
    "papaparse": PEERS / "papaparse" / "cases.json",
    "cpython": PEERS / "cpython" / "sniffer_cases.json",
    "clevercsv": PEERS / "clevercsv" / "detection_cases.json",
}
DIFFERENCES = PEERS / "differences.json"
QUOTE_CODES = {"stray-quote", "unterminated-quote"}


def load_cases(suite: str) -> list[dict]:
    return json.loads(SUITES[suite].read_text(encoding="utf-8"))["cases"]


def load_differences() -> dict[str, dict[str, dict]]:
    return json.loads(DIFFERENCES.read_text(encoding="utf-8"))


def _options(case: dict) -> ReadOptions:
    config = case.get("config") or {}
    delimiter = config.get("delimiter")
    quote = config.get("quoteChar")
    return ReadOptions(delimiter=delimiter if isinstance(delimiter, str) and len(delimiter) == 1 else None,
                       quotechar=quote if isinstance(quote, str) and len(quote) == 1 else None)


def ours(suite: str, case: dict) -> dict:
    """What we read: {"data": header + rows}, plus "quote_issue" (Papa Parse) or "header" (sniffer suites)."""
    try:
        table = read_table(case["input"].encode("utf-8"), name=f"{case['id']}.csv", options=_options(case))
        data = ([table.header] if table.header is not None else []) + [list(r.cells) for r in table.rows]
        result: dict = {"data": data}
        if suite == "papaparse":
            result["quote_issue"] = any(i.code in QUOTE_CODES for i in table.issues)
        elif "header" in case:
            result["header"] = table.header is not None
    except InputError as err:
        result = {"data": f"error: {err.code}"}
    return result


def expected(suite: str, case: dict) -> dict:
    result: dict = {"data": case["data"]}
    if suite == "papaparse":
        result["quote_issue"] = any(e["type"] == "Quotes" for e in case["errors"])
    elif "header" in case:
        result["header"] = case["header"]
    return result


def score(suite: str) -> tuple[int, int, list[str]]:
    """(cases that give the expected result, cases, ids of those that do not)."""
    cases = load_cases(suite)
    failing = [c["id"] for c in cases if ours(suite, c) != expected(suite, c)]
    return len(cases) - len(failing), len(cases), failing


def _params():
    return [pytest.param(suite, case, id=f"{suite}-{case['id']}") for suite in SUITES for case in load_cases(suite)]


DIFFERS = load_differences()


@pytest.mark.parametrize("suite,case", _params())
def test_peer_case(suite, case):
    got = ours(suite, case)
    known = DIFFERS.get(suite, {}).get(case["id"])
    if known is None:
        assert got == expected(suite, case), case.get("description") or case.get("test")
    else:   # differs by design, and exactly as recorded
        assert got != expected(suite, case), f"now passes: remove it from differences.json ({known['reason']})"
        assert got == known["ours"], known["reason"]


def test_every_listed_difference_names_a_case_and_a_reason():
    for suite, listed in DIFFERS.items():
        ids = {c["id"] for c in load_cases(suite)}
        for case_id, known in listed.items():
            assert case_id in ids, f"{suite}: {case_id} is not a case"
            assert known["reason"].strip(), f"{suite}: {case_id} has no reason"


def test_pass_rates(capsys):
    lines = []
    for suite in SUITES:
        passed, total, _ = score(suite)
        lines.append(f"{suite}: {passed}/{total} ({100 * passed / total:.1f} %)")
        assert total - passed == len(DIFFERS.get(suite, {}))
    with capsys.disabled():
        print("\n[peer suites] " + "; ".join(lines))
