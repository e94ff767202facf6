"""The page's figures, measured in one run in headless Chromium (Debian's /usr/bin/chromium, Playwright for Python).

    .venv/bin/python benchmarks/page.py [--rows 100000] [--mb 50] [--skip-offline]

Prints, each a ratio measured in this run (no assertion; the README's table is copied from this output):
  1. bare loadPyodide in a module worker vs the page's time to "ready" (target <= 1.1x);
  2. a second visit with the server stopped (service worker only);
  3. a 100,000-row Clio export converted in the browser's Python vs the same conversion under CPython (target
     <= 1.5x), and vs Papa Parse parse + unparse of the same bytes in the same browser (the anchor);
  4. the conversion through the page itself (choose the file, wait for the review), wall time;
  5. the worker's wasm heap after converting a 50 MB export (the page's peak memory) vs the file's size.
The site is built first (build.py web); the benchmark's own pages (benchmarks/page/) are served beside it from a
temporary copy, never from the shipped site.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import build  # noqa: E402
from matters import generate  # noqa: E402  (benchmarks/matters.py: the Clio-style export)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


class Server:
    """build.py's handler (the CSP header on every response) on a free port, stoppable."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(build.SiteHandler):
    def log_message(self, *args) -> None:
        pass


def prepare(root: Path) -> None:
    site = build.build_site()
    shutil.copytree(site, root, dirs_exist_ok=True)
    bench = root / "bench"
    shutil.copytree(REPO / "benchmarks" / "page", bench)
    papa = (REPO / "node_modules" / "papaparse" / "papaparse.js").read_text(encoding="utf-8")
    (bench / "papaparse.mjs").write_text("const exports = {}; const module = { exports };\n" + papa +
                                         "\nexport default module.exports;\n", encoding="utf-8")


def timed_boot(browser, url: str, mode: str) -> dict:
    ctx = browser.new_context()
    page = ctx.new_page()
    start = time.perf_counter()
    page.goto(f"{url}bench/bench.html?mode={mode}")
    page.wait_for_function("() => window.__booted", timeout=60000)
    booted = page.evaluate("() => window.__booted")
    booted["wall_ms"] = (time.perf_counter() - start) * 1000
    return {"ctx": ctx, "page": page, **booted}


def send(page, name: str, data: bytes, timeout: float = 600) -> dict:
    """Hand the bytes to the page (through a same-origin Blob URL would need a server route; instead the file is
    written next to the site and fetched by the page) and run the worker's measurement."""
    page.evaluate("""async (name) => {
        const bytes = new Uint8Array(await (await fetch('/bench/data/' + name)).arrayBuffer());
        window.__bench = null; await runBench({ name, bytes }); }""", name)
    page.wait_for_function("() => window.__bench", timeout=timeout * 1000)
    return page.evaluate("() => window.__bench")


def page_ready(browser, url: str, context=None) -> tuple[float, object]:
    ctx = context or browser.new_context()
    page = ctx.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("html[data-runtime=ready]", timeout=60000)
    return (time.perf_counter() - start) * 1000, page


def cpython_convert(data: bytes, name: str) -> float:
    from normalizer.session import Session
    session = Session()
    session.put(name, data)
    start = time.perf_counter()
    answer = json.loads(session.call(json.dumps({"op": "run", "job": "matters", "options": {}})))
    assert answer["ok"], answer
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--skip-offline", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        prepare(root)
        data_dir = root / "bench" / "data"
        data_dir.mkdir()
        export = generate(args.rows)
        (data_dir / "clio_100k.csv").write_bytes(export)
        big_rows = int(args.rows * args.mb * 1e6 / len(export))
        big = generate(big_rows)
        (data_dir / "clio_big.csv").write_bytes(big)
        server = Server(root)
        figures = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            # 1. boot: bare loadPyodide vs the page's time to ready (each in a fresh context, best of 3)
            bare = min(timed_boot(browser, server.url, "bare")["wall_ms"] for _ in range(3))
            ready = min(page_ready(browser, server.url)[0] for _ in range(3))
            figures["boot"] = (bare, ready)
            print(f"boot: bare loadPyodide {bare / 1000:.2f} s, page ready {ready / 1000:.2f} s: "
                  f"{ready / bare:.2f}x (target <= 1.1x)", flush=True)
            # 2. offline second visit
            if not args.skip_offline:
                ctx = browser.new_context()
                _, first = page_ready(browser, server.url, ctx)
                first.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller",
                                        timeout=60000)
                first.wait_for_selector("text=Ready offline", timeout=120000)
                server.stop()
                offline, _ = page_ready(browser, server.url, ctx)
                print(f"offline second visit (server stopped): page ready {offline / 1000:.2f} s", flush=True)
                server = Server(root)
                ctx.close()
            # 3. the conversion in the browser's Python vs CPython vs Papa Parse
            lib = timed_boot(browser, server.url, "library")
            in_browser = send(lib["page"], "clio_100k.csv", export)
            assert in_browser["ok"], in_browser
            native = cpython_convert(export, "clio_100k.csv")
            papa_boot = timed_boot(browser, server.url, "papa")
            papa = send(papa_boot["page"], "clio_100k.csv", export)
            print(f"{args.rows:,} rows ({len(export) / 1e6:.1f} MB): Pyodide {in_browser['ms'] / 1000:.2f} s, "
                  f"CPython {native / 1000:.2f} s: {in_browser['ms'] / native:.2f}x (target <= 1.5x); "
                  f"Papa Parse parse+unparse {papa['ms'] / 1000:.2f} s (Pyodide / Papa "
                  f"{in_browser['ms'] / papa['ms']:.1f}x)", flush=True)
            # 5. memory at a 50 MB export, in a fresh worker
            lib["ctx"].close()
            lib = timed_boot(browser, server.url, "library")
            heap = send(lib["page"], "clio_big.csv", big, timeout=1200)
            print(f"{len(big) / 1e6:.0f} MB export ({big_rows:,} rows): converted in {heap['ms'] / 1000:.1f} s; "
                  f"worker wasm heap {heap['heap_bytes'] / 1e6:.0f} MB = {heap['heap_bytes'] / len(big):.1f}x the "
                  "file (target <= 3x)", flush=True)
            lib["ctx"].close()
            # 4. through the page's own controls
            wall = page_convert(browser, server.url, data_dir / "clio_100k.csv")
            if wall is not None:
                print(f"through the page: choose the {args.rows:,}-row file -> review shown: {wall / 1000:.2f} s",
                      flush=True)
            browser.close()
        server.stop()


def page_convert(browser, url: str, path: Path) -> float | None:
    """Choose the file in the page, take the suggestions (Next, Next) and wait until the review shows the counts:
    the wall time a user waits, preview and conversion included."""
    _, page = page_ready(browser, url)
    start = time.perf_counter()
    try:
        page.set_input_files("#file-input", str(path))
        page.wait_for_selector("#found-next", state="visible", timeout=600000)
        page.wait_for_selector("html[data-busy='0']", timeout=600000)
        page.click("#found-next")
        page.click("#match-next")
        page.wait_for_selector("#equation", state="visible", timeout=600000)
        page.wait_for_selector("html[data-busy='0']", timeout=600000)
    except Exception as exc:      # the page's flow changed: say so rather than print a wrong figure
        print(f"through the page: not measured ({type(exc).__name__}: {str(exc)[:160]})")
        return None
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
