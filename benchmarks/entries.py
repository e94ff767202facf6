"""Time to export 100,000 time entries, next to a bare csv copy of the same file; the ratio is printed.

    .venv/bin/python benchmarks/entries.py [--entries N] [--to clio]

No timing assertions: this is a figure for the README, not a test.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import time

from normalizer import api

HEADER = ["Date", "Duration", "Client", "Matter", "Description", "Timekeeper", "Rate", "Activity code"]
CLIENTS = [(f"client-{i}", f"Client {i}, Inc.", f"{i:05d}-M{j}", f"Matter {j} for client {i}")
           for i in range(200) for j in range(3)]


def make(n: int, seed: int = 8) -> tuple[bytes, bytes]:
    rnd = random.Random(seed)
    entries = io.StringIO(newline="")
    w = csv.writer(entries, lineterminator="\r\n")
    w.writerow(HEADER)
    start = dt.date(2025, 1, 1)
    for i in range(n):
        cid, cname, mid, mname = rnd.choice(CLIENTS)
        matter = rnd.choice([mid, mname, mname.lower()])
        w.writerow([(start + dt.timedelta(days=(i // 200) % 2000)).isoformat(), rnd.choice(["0.1", "0.25", "1.3", "2"]),
                    cname, matter, f"Draft letter re item {i}, \"quoted\" | piped", f"Keeper {i % 200}",
                    rnd.choice(["", "300", "425.50"]), rnd.choice(["A103", "L120 A104", ""])])
    matters = io.StringIO(newline="")
    m = csv.writer(matters, lineterminator="\r\n")
    m.writerow(["Client ID", "Client Name", "Matter ID", "Matter Name", "Jurisdiction", "Law Practice Area",
                "Hourly Rate"])
    for cid, cname, mid, mname in CLIENTS:
        m.writerow([cid, cname, mid, mname, "WA", "Litigation", "350.00"])
    return entries.getvalue().encode(), matters.getvalue().encode()


def bare_copy(data: bytes) -> bytes:
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
        w.writerow(row)
    return out.getvalue().encode()


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--to", default="clio")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data, matters = make(args.entries)
    bare = timed(lambda: bare_copy(data), args.repeat)
    result = None

    def run():
        nonlocal result
        result = api.export_entries(data, to=args.to, matters=matters, today=dt.date(2031, 1, 1))
    ours = timed(run, args.repeat)
    c = result.report.counts
    print(f"{args.entries:,} entries ({len(data) / 1e6:.1f} MB) -> {args.to}: {c['entries_written']:,} written, "
          f"{c['entries_rejected']:,} rejected, {len(result.report.issues):,} issues")
    print(f"bare csv copy   {bare:8.2f} s")
    print(f"export_entries  {ours:8.2f} s   ratio {ours / bare:.1f}x   ({args.entries / ours:,.0f} entries/s)")


if __name__ == "__main__":
    main()
