"""Shared pieces of the page tests (imported by conftest.py and by the test files): the server, the request
recorder, and the steps every test takes through the page. Each action on the page sets html[data-busy="1"]
synchronously and "0" when it is done, so every helper that acts waits for "0" before it returns."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = REPO / "docs" / "screenshots"
BOOT_TIMEOUT = 60_000      # ms; the page's own boot timeout is 30 s


class Server:
    """build.py's handler (CSP on every response) on a free port; stoppable and restartable on the same port."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        handler = functools.partial(_QuietHandler, directory=str(root))
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log: list[tuple[str, str]] = []      # (method, path) of every request served
        self.httpd.log = self.log
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(build.SiteHandler):
    def log_request(self, code="-", size="-") -> None:
        self.server.log.append((self.command, self.path))

    def log_message(self, *args) -> None:
        pass


class Watch:
    """Everything a page did that the privacy promise is about: requests (URL, method), CSP violations, console
    errors, uncaught page errors. `details` keeps more about each request (who made it: the page, its worker or the
    service worker) so a test can check that the recorder really sees the workers' requests."""

    def __init__(self, context, page) -> None:
        self.requests: list[tuple[str, str]] = []
        self.details: list[dict] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        context.on("request", self._request)
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def _request(self, r) -> None:
        self.requests.append((r.url, r.method))
        try:
            sw = r.service_worker is not None
        except Exception:       # noqa: BLE001 — an older Playwright without Request.service_worker
            sw = False
        try:
            frame = r.frame is not None
        except Exception:       # noqa: BLE001 — a worker's or service worker's request has no frame
            frame = False
        self.details.append({"url": r.url, "method": r.method, "type": r.resource_type, "service_worker": sw,
                             "frame": frame})

    def foreign(self, origin: str) -> list[tuple[str, str]]:
        return [(u, m) for u, m in self.requests
                if not (u.startswith(origin) or u.startswith("blob:") or u.startswith("data:")) or m != "GET"]


def csp_violations(page) -> list:
    return page.evaluate("() => window.__csp || []")


CSP_LISTENER = Path(__file__).with_name("csp_listener.js")
SAMPLE_LIST = {system: {"label": label, "path": REPO / rel, "jurisdiction": jurisdiction}
               for system, label, rel, jurisdiction in build.SAMPLES}
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"


def idle(page, timeout: float = 60_000) -> None:
    """Wait until the page has finished what the last action started (html[data-busy="0"])."""
    page.wait_for_selector("html[data-busy='0']", state="attached", timeout=timeout)


def boot(context, url: str, *, watch: bool = True):
    """A new page on `url`, booted (html[data-runtime=ready]), with a Watch and the CSP recorder."""
    pg = context.new_page()
    if watch:
        pg.watch = Watch(context, pg)
    pg.add_init_script(path=str(CSP_LISTENER))
    pg.goto(url)
    pg.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=BOOT_TIMEOUT)
    return pg


def open_sample(page, system: str) -> None:
    """Step 1 -> 2 with a bundled sample: click its button and wait for "What we found"."""
    page.click(f"#sample-{system}")
    idle(page)
    page.wait_for_selector("#step-found:not([hidden])", state="visible")


def choose_file(page, path_or_payload) -> None:
    """Step 1 -> 2 with a file of ours (a path, or {name, mimeType, buffer}); waits until the page is idle."""
    page.set_input_files("#file-input", path_or_payload)
    idle(page)


def click_and_wait(page, selector: str) -> None:
    page.click(selector)
    idle(page)


def to_review(page) -> None:
    """From step 2 with the suggestions as they are: Next, Next, and wait for the review."""
    click_and_wait(page, "#found-next")
    page.wait_for_selector("#step-match:not([hidden])", state="visible")
    click_and_wait(page, "#match-next")
    page.wait_for_selector("#step-review:not([hidden])", state="visible")


def to_download(page) -> None:
    click_and_wait(page, "#review-next")
    page.wait_for_selector("#step-download:not([hidden])", state="visible")
    page.wait_for_selector("#download-csv[href]", state="attached")


def download_bytes(page, selector_or_locator) -> tuple[str, bytes]:
    """Click a download link; (suggested file name, bytes)."""
    target = page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    with page.expect_download() as info:
        target.click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


def start_over(page) -> None:
    """Back to step 1 (the last step's "Convert another file"), or reload when the page is somewhere else."""
    if page.is_visible("#start-over"):
        click_and_wait(page, "#start-over")
    if not page.is_visible("#step-choose"):
        page.goto(page.url.split("#")[0])
        page.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=BOOT_TIMEOUT)


def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """The command line, as `python -m normalizer` (the same library as the page's)."""
    return subprocess.run([sys.executable, "-m", "normalizer", *map(str, args)], cwd=cwd or REPO,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def page_problems(page) -> dict:
    """What must stay empty on every page: foreign or non-GET requests, CSP violations, console and page errors."""
    origin = page.url.split("/", 3)[:3]
    origin = "/".join(origin) + "/"
    return {"foreign_or_not_get": page.watch.foreign(origin), "csp": csp_violations(page),
            "console_errors": page.watch.console_errors, "page_errors": page.watch.page_errors}


def assert_clean(page) -> None:
    problems = page_problems(page)
    assert problems == {"foreign_or_not_get": [], "csp": [], "console_errors": [], "page_errors": []}, problems
