"""Matter-import benchmark: time to normalize a generated 100,000-row export next to a bare csv.reader -> csv.writer
copy of the same file (target: ratio <= 3x), and peak memory (tracemalloc) at 50 MB input (target <= 3x the file).

Run: .venv/bin/python benchmarks/matters.py [--rows 100000] [--mb 50]
Prints figures only; no assertion (timings depend on the machine). Memory is measured the way a user incurs it:
normalize_matters(path), so the file's bytes (held for the whole job) count towards the peak.
"""
from __future__ import annotations

import argparse
import csv
import gc
import io
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from normalizer import api  # noqa: E402
from normalizer.mappings import known_headers, load_mappings  # noqa: E402
from normalizer.read import read_table  # noqa: E402

KNOWN = known_headers(load_mappings())

HEADER = ["Unique ID", "Display Number", "Description", "Status", "Open Date", "Close Date", "Practice Area",
          "Responsible Attorney", "Originating Attorney", "Billable", "Clients", "County", "Hourly Rate"]
FIRST = ["Ann", "Luc", "Hélène", "Marta", "Kenji", "Adaeze", "Jean-Marc", "Gina", "Wei", "Paige", "Søren", "Maya"]
LAST = ["Smith", "Tremblay", "Lévesque", "Szabó", "Nakamura", "Okonkwo", "Côté", "Esposito", "Liang", "Resendez"]
AREAS = ["Family", "Real Estate", "Estates", "Employment", "Criminal Defense", "Immigration", "Civil Litigation"]
WORDS = ["lease", "review", "divorce", "custody", "purchase", "estate", "claim", "appeal", "contract", "dispute",
         "settlement", "probate", "zoning", "permit", "agreement"]


def generate(rows: int, seed: int = 7) -> bytes:
    """A Clio-style matters export: BOM, every field quoted, some multi-line descriptions, some closed matters."""
    rnd = random.Random(seed)
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i in range(rows):
        client = f"{rnd.choice(LAST)}, {rnd.choice(FIRST)} {i // 3}"
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 8))).capitalize()
        if i % 50 == 0:
            words += "\nSecond line of the description"
        writer.writerow([
            str(1_000_000 + i), f"{i:05d}-{client.split(',')[0]}", words,
            "Closed" if i % 10 == 0 else ("Pending" if i % 17 == 0 else "Open"),
            f"{rnd.randint(1, 12):02d}/{rnd.randint(1, 28):02d}/20{rnd.randint(10, 25)}", "",
            rnd.choice(AREAS), "JD", "KL", "true", client, rnd.choice(["King", "Pierce", ""]),
            rnd.choice(["", "$350.00", "$1,250.00", "425"]),
        ])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def bare_copy(data: bytes) -> bytes:
    """The floor: decode, parse every record, write every record back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def read_all(source, name: str) -> int:
    """What reading costs a job: read_table, then every row once (rows are read lazily, as a stream)."""
    return sum(1 for _ in read_table(source, name=name, known_headers=KNOWN).iter_rows())


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_of(fn) -> tuple[int, int]:
    """(peak, still held after fn returned) bytes traced while fn runs; whatever fn allocates counts, including
    the file's bytes when fn reads a path, as a user calling normalize_matters(path) incurs them."""
    gc.collect()
    tracemalloc.start()
    kept = fn()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return peak, held


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    data = generate(args.rows)
    result = api.normalize_matters([data], names=["bench.csv"])
    c = result.report.counts
    print(f"input: {args.rows:,} rows, {len(data) / 1e6:.1f} MB ({result.report.meta['vendor']}, "
          f"confidence {result.report.meta['vendor_confidence']}); wrote {c['rows_written']:,}, "
          f"closed {c['rows_filtered']:,}, merged {c['rows_merged']:,}, rejected {c['rows_rejected']:,}")
    del result
    # One run: the three measurements take turns, so a slow moment of the machine hits them alike; best of each.
    t_copy = t_norm = t_read = float("inf")
    for _ in range(args.repeat):
        t_copy = min(t_copy, timed(lambda: bare_copy(data)))
        t_norm = min(t_norm, timed(lambda: api.normalize_matters([data], names=["bench.csv"])))
        t_read = min(t_read, timed(lambda: read_all(data, "bench.csv")))
    ratio = t_norm / t_copy
    print(f"time  normalize {t_norm:.2f} s   csv copy {t_copy:.2f} s   ratio {ratio:.2f}x   (target <= 3x: "
          f"{'met' if ratio <= 3 else 'NOT met'})")
    print(f"      of which reading (read_table + every row) {t_read:.2f} s = {t_read / t_copy:.2f}x the copy; "
          f"mapping + writing {max(t_norm - t_read, 0):.2f} s = {max(t_norm - t_read, 0) / t_copy:.2f}x")

    rows_for_mb = int(args.rows * args.mb * 1e6 / len(data))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-big.csv"
        path.write_bytes(generate(rows_for_mb, seed=11))
        size = path.stat().st_size
        peak, _ = peak_of(lambda: api.normalize_matters(path))     # the file's bytes are read inside: counted
        mem_ratio = peak / size
        print(f"memory  input {size / 1e6:.1f} MB ({rows_for_mb:,} rows)   peak {peak / 1e6:.1f} MB   ratio "
              f"{mem_ratio:.2f}x   (target <= 3x: {'met' if mem_ratio <= 3 else 'NOT met'})")
        read_peak, _ = peak_of(lambda: read_all(path, "bench-big.csv"))
        _, held = peak_of(lambda: read_table(path, name="bench-big.csv", known_headers=KNOWN))
    print(f"        of which reading: peak {read_peak / 1e6:.1f} MB ({read_peak / size:.2f}x), the Table it "
          f"returns holds {held / 1e6:.1f} MB ({held / size:.2f}x)")


if __name__ == "__main__":
    main()
