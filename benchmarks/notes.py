"""Accuracy and speed of the notes parser (issue 14) on the spec file and the held-out notes.

    .venv/bin/python benchmarks/notes.py [--repeat N] [--show-misses]

A note counts as right when every field is exactly as expected (date, hours, matter, description, activity code,
and the set of warning/error codes). The spec file is the tests' contract (the parser was tuned on it); the held-out
file was written before tuning and never used for it, so its figure is the honest one. No assertions.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import notes_spec  # noqa: E402
from normalizer.notes import parse_notes  # noqa: E402


def accuracy(name: str, show: bool) -> None:
    defaults, cases = notes_spec.load(name)
    results = notes_spec.run(defaults, cases)
    print(f"{name}: {len(cases)} notes")
    for f in notes_spec.FIELDS:
        right = sum(r.fields()[f] for r in results)
        print(f"  {f:<12} {right:>4}/{len(cases)}  {100 * right / len(cases):5.1f} %")
    right = sum(r.ok() for r in results)
    print(f"  {'all fields':<12} {right:>4}/{len(cases)}  {100 * right / len(cases):5.1f} %")
    if show:
        for r in results:
            if not r.ok():
                bad = [f for f, ok in r.fields().items() if not ok]
                print(f"  MISS #{r.case.number} {r.case.note!r}: {', '.join(bad)}")
                print(f"       expected {r.case.expected} {sorted(r.case.issues)}")
                print(f"       got      {r.got} {sorted(r.issues)}")


def speed(repeat: int) -> None:
    defaults, cases = notes_spec.load("spec.toml")
    text = "\n".join(c.note for c in cases if not c.options) * repeat
    n = text.count("\n") + 1
    matters = (notes_spec.DATA / defaults["matters"]).read_bytes()
    start = time.perf_counter()
    parse_notes(text, matters=matters, date=defaults["date"], today=defaults["today"])
    took = time.perf_counter() - start
    count = len(matters.splitlines()) - 1
    print(f"speed (CPython {sys.version.split()[0]}): {n} notes in {took:.2f} s = {n / took:,.0f} notes/s "
          f"(matter list of {count} matters, read once)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="spec notes x N for the speed figure")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--files", nargs="*", default=["spec.toml", "holdout.toml"], help="spec files to score")
    args = parser.parse_args()
    for name in args.files:
        if (notes_spec.DATA / name).exists():
            accuracy(name, args.show_misses)
    speed(args.repeat)


if __name__ == "__main__":
    main()
