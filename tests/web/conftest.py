"""The served page in Debian's Chromium, driven by Playwright for Python.

The site is built once per run (build.py's own build_site, into a temporary folder) and served by build.py's own
handler, so the CSP header under test is the one `python3 build.py serve` sends. Under CI a missing browser or
Playwright is a failure; on a developer machine without them the page tests are skipped with the reason.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = REPO / "docs" / "screenshots"
BOOT_TIMEOUT = 60_000      # ms; the page's own boot timeout is 30 s


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing (pip install -e '.[test]')"
    if shutil.which("node") is None or not (build.PYODIDE_DIR / "pyodide.mjs").is_file():
        return "node_modules/pyodide is missing (python3 build.py setup)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    if in_ci():
        raise pytest.UsageError(f"the page tests must run under CI: {reason}")
    for item in items:
        if "tests/web/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.skip(reason=f"page tests need a browser: {reason}"))


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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build.build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def server(site):
    srv = Server(site)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Watch:
    """Everything a page did that the privacy promise is about: requests (URL, method), CSP violations, console
    errors, uncaught page errors."""

    def __init__(self, context, page) -> None:
        self.requests: list[tuple[str, str]] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        context.on("request", lambda r: self.requests.append((r.url, r.method)))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def foreign(self, origin: str) -> list[tuple[str, str]]:
        return [(u, m) for u, m in self.requests
                if not (u.startswith(origin) or u.startswith("blob:") or u.startswith("data:")) or m != "GET"]


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, server):
    """A fresh page on the served site, ready (the runtime booted), with a Watch as `page.watch` and a
    securitypolicyviolation recorder in the page (window.__csp)."""
    pg = context.new_page()
    pg.watch = Watch(context, pg)
    pg.add_init_script(path=str(Path(__file__).with_name("csp_listener.js")))
    pg.goto(server.url)
    pg.wait_for_selector("html[data-runtime=ready]", timeout=BOOT_TIMEOUT)
    return pg


def csp_violations(page) -> list:
    return page.evaluate("() => window.__csp || []")
