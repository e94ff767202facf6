"""Where the time and memory go: cProfile and tracemalloc over one conversion of a generated export.

Run: .venv/bin/python benchmarks/hotspots.py [matters|entries] [--rows 100000] [--top 25]
Prints the functions with the most own time (cProfile: call-heavy code is over-weighted, read the call counts
beside it) and the allocation sites still alive at the traced peak (tracemalloc).
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for p in (REPO, REPO / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from normalizer import api  # noqa: E402


def job(kind: str, rows: int):
    if kind == "matters":
        from matters import generate
        data = generate(rows)
        return lambda: api.normalize_matters([data], names=["bench.csv"])
    from entries import make
    data, matters = make(rows)
    return lambda: api.export_entries(data, to="clio", matters=matters, today=dt.date(2031, 1, 1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", nargs="?", default="matters", choices=["matters", "entries"])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    run = job(args.kind, args.rows)
    run()       # warm: imports, mapping files
    prof = cProfile.Profile()
    prof.enable()
    run()
    prof.disable()
    stats = pstats.Stats(prof)
    print(f"== cProfile, {args.kind}, {args.rows:,} rows: {stats.total_calls:,} calls, {stats.total_tt:.2f} s")
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    tracemalloc.start(1)
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    from normalizer import write
    original, snaps = write.CsvWriter.data, []

    def data(self):       # the end of the rows: every piece of cross-row state is still alive here
        snaps.append(tracemalloc.take_snapshot())
        return original(self)
    write.CsvWriter.data = data
    tracemalloc.start(1)
    result = run()
    tracemalloc.stop()
    write.CsvWriter.data = original
    snap = snaps[-1]
    print(f"== tracemalloc: peak {peak / 1e6:.1f} MB; alive at the end of the rows, by line:")
    for stat in snap.statistics("lineno")[:args.top]:
        print(f"{stat.size / 1e6:8.1f} MB {stat.count:9,} blocks  {stat.traceback}")
    del result


if __name__ == "__main__":
    main()
