"""The README's figures in one run: each job against a bare csv.reader -> csv.writer copy of the same file.

    .venv/bin/python benchmarks/figures.py [--sizes 10000,100000,330000,1000000] [--repeat 2] [--page]

Every measurement runs in a fresh process (so its peak RSS is its own): the job and the copy take turns in that
process, best of --repeat each, and the peak RSS is read after the job's first run. "× file" is peak RSS / the
file's size (the process's own ~40 MB of interpreter and modules included). --page also runs benchmarks/page.py
(headless Chromium): the Pyodide / CPython ratio on the 100,000-row conversion. No assertion: figures only.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for p in (REPO, REPO / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

TARGETS = {"matters": 2.0, "matters_least": 3.0, "entries": 5.0, "memory": 1.0, "memory_least": 3.0}


def bare_copy(data: bytes) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def peak_rss() -> int:
    """This process's peak resident set (VmHWM: reset by exec, unlike ru_maxrss, which a child inherits from the
    parent it was forked from)."""
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024      # elsewhere: KiB on Linux


def child(kind: str, path: str, repeat: int) -> dict:
    """Runs in its own process: one job over the file at `path`, then the copy, taking turns."""
    from normalizer import api
    data_path = Path(path)
    size = data_path.stat().st_size
    idle = peak_rss()
    if kind == "entries":
        matters = data_path.with_suffix(".matters.csv").read_bytes()
        job = lambda: api.export_entries(data_path, to="clio", matters=matters, today=dt.date(2031, 1, 1))  # noqa
    elif kind == "read":
        from normalizer.mappings import known_headers, load_mappings
        from normalizer.read import read_table
        known = known_headers(load_mappings())
        job = lambda: sum(1 for _ in read_table(data_path, known_headers=known).iter_rows())  # noqa: E731
    else:
        job = lambda: api.normalize_matters(data_path)  # noqa: E731
    times, copies, rss = [], [], 0
    for i in range(repeat):
        gc.collect()
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
        if i == 0:
            rss = peak_rss()
        gc.collect()
        start = time.perf_counter()
        bare_copy(data_path.read_bytes())
        copies.append(time.perf_counter() - start)
    return {"kind": kind, "size": size, "job": min(times), "copy": min(copies), "rss": rss, "idle": idle}


def measure(kind: str, path: Path, repeat: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(path), "--repeat", str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def matters_file(tmp: Path, rows: int) -> Path:
    from matters import generate
    path = tmp / f"matters-{rows}.csv"
    if not path.exists():
        path.write_bytes(generate(rows))
    return path


def entries_file(tmp: Path, rows: int) -> Path:
    from entries import make
    path = tmp / f"entries-{rows}.csv"
    data, matters = make(rows)
    path.write_bytes(data)
    path.with_suffix(".matters.csv").write_bytes(matters)
    return path


def line(label: str, m: dict, target: float | None = None, least: float | None = None) -> str:
    ratio = m["job"] / m["copy"]
    mem = m["rss"] / m["size"]
    verdict = ""
    if target is not None:
        verdict = ("met" if ratio <= target else f"least met (<= {least}x)" if least and ratio <= least
                   else "NOT met")
        verdict = f"  time target <= {target}x: {verdict}"
    return (f"{label:<28} {m['size'] / 1e6:7.1f} MB  job {m['job']:7.2f} s  copy {m['copy']:6.2f} s  "
            f"ratio {ratio:5.2f}x  peak RSS {m['rss'] / 1e6:7.1f} MB = {mem:5.2f}x file "
            f"(above idle {(m['rss'] - m['idle']) / m['size']:5.2f}x){verdict}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=2, metavar=("KIND", "PATH"))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--sizes", default="10000,100000,330000,1000000")
    ap.add_argument("--page", action="store_true")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.repeat)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("benchmarks/figures.py: job / bare csv copy of the same file, each in a fresh process")
        m100 = measure("matters", matters_file(tmp, 100_000), args.repeat)
        print(line("matters 100k", m100, TARGETS["matters"], TARGETS["matters_least"]), flush=True)
        m330 = measure("matters", matters_file(tmp, 330_000), args.repeat)
        print(line("matters 330k", m330, TARGETS["matters"], TARGETS["matters_least"]), flush=True)
        mem = m330["rss"] / m330["size"]
        print(f"{'memory (330k)':<28} peak RSS {mem:.2f}x the file: target <= 1x "
              f"{'met' if mem <= 1 else 'NOT met'}, at the least <= 3x {'met' if mem <= 3 else 'NOT met'}")
        e100 = measure("entries", entries_file(tmp, 100_000), args.repeat)
        print(line("entries 100k -> clio", e100, TARGETS["entries"]), flush=True)
        r100 = measure("read", matters_file(tmp, 100_000), args.repeat)
        print(line("reading alone 100k", r100), flush=True)
        print("scaling (matters):", flush=True)
        base = None
        for rows in sizes:
            m = {100_000: m100, 330_000: m330}.get(rows) or measure("matters", matters_file(tmp, rows), 1)
            per = m["job"] / rows * 1e6
            base = base or per
            print(f"  {rows:>9,} rows  {m['size'] / 1e6:7.1f} MB  job {m['job']:7.2f} s  "
                  f"{per:5.1f} µs/row ({per / base:4.2f}x the first)  ratio {m['job'] / m['copy']:5.2f}x  "
                  f"peak RSS {m['rss'] / 1e6:7.1f} MB = {m['rss'] / m['size']:5.2f}x file", flush=True)
    if args.page:
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "page.py"), "--skip-offline"], check=False)


if __name__ == "__main__":
    main()
