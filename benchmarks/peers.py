"""Pass rate of the reading layer on other projects' suites (Papa Parse, CPython's TestSniffer, CleverCSV), as
vendored under tests/data/peers/. Prints figures, asserts nothing; the test that checks them is
tests/test_peer_suites.py, and tests/data/peers/RESULTS.md holds the figures of the last run written down.

    .venv/bin/python benchmarks/peers.py [-v]     (-v: list the cases that differ, with the reason)
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from test_peer_suites import SUITES, load_differences, score  # noqa: E402


def main() -> None:
    verbose = "-v" in sys.argv[1:]
    differences = load_differences()
    print(f"{'suite':<10} {'passed':>7} {'cases':>6} {'rate':>7}   by design")
    for suite in SUITES:
        passed, total, failing = score(suite)
        known = differences.get(suite, {})
        unexplained = [c for c in failing if c not in known]
        print(f"{suite:<10} {passed:>7} {total:>6} {100 * passed / total:>6.1f}%   {len(failing) - len(unexplained)}"
              + (f"   NOT LISTED: {', '.join(unexplained)}" if unexplained else ""))
        if verbose:
            for case in failing:
                print(f"    {case}: {known.get(case, {}).get('reason', '(not listed)')}")


if __name__ == "__main__":
    main()
