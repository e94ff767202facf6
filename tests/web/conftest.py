"""The served page in Debian's Chromium, driven by Playwright for Python.

The site is built once per run (build.py's own build_site, into a temporary folder) and served by build.py's own
handler, so the CSP header under test is the one `python3 build.py serve` sends. Under CI a missing browser or
Playwright is a failure; on a developer machine without them the page tests are skipped with the reason.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pagekit import (  # noqa: F401  (re-exported: the names tests and fixtures share)
    ARGS, BOOT_TIMEOUT, CHROMIUM, REPO, SCREENSHOTS, Server, Watch, boot, build, csp_violations,
)


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


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, server):
    """A fresh page on the served site, ready (the runtime booted), with a Watch as `page.watch` and a
    securitypolicyviolation recorder in the page (window.__csp)."""
    return boot(context, server.url)


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a page test that waits for a timeout (still part of the default run)")
    try:
        from playwright.sync_api import expect
        expect.set_options(timeout=30_000)     # conversions take well under a second; a loaded 2-core box is slower
    except ImportError:
        pass
