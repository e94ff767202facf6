"""Offline once loaded (issue 11): the first visit waits for "Ready offline ✓", the server is stopped, and a new page in
the same browser context boots from the service worker's copy and converts both a sample and a file of ours to the
same bytes as online. Runs on its own server (its own origin, so its own service worker), never the session one."""
from __future__ import annotations

from playwright.sync_api import expect

from pagekit import (
    REPO, Server, assert_clean, boot, choose_file, download_bytes, open_sample, to_download, to_review,
)

OWN_FILE = REPO / "tests" / "data" / "matters" / "cosmolex" / "grid" / "matters_grid.csv"


def convert_both(page) -> dict[str, bytes]:
    out = {}
    open_sample(page, "dyedurham")
    to_review(page)
    to_download(page)
    out["sample"] = download_bytes(page, "#download-csv")
    page.click("#start-over")
    choose_file(page, OWN_FILE)
    to_review(page)
    to_download(page)
    out["file"] = download_bytes(page, "#download-csv")
    return out


def test_works_offline_after_the_first_visit(browser, site):
    server = Server(site)
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    try:
        first = boot(context, server.url)
        expect(first.locator("#runtime-chip-text")).to_have_text("Ready offline ✓", timeout=60_000)
        online = convert_both(first)
        assert_clean(first)
        first.close()
        served = len(server.log)
        server.stop()

        failed = []
        context.on("requestfailed", lambda r: failed.append((r.url.removeprefix(server.url), r.service_worker is not None)))
        second = boot(context, server.url)
        expect(second.locator("#runtime-chip-text")).to_have_text("Ready offline ✓", timeout=60_000)
        offline = convert_both(second)
        assert offline == online
        assert offline["sample"][0] == "client_listing-caseclock.csv" and offline["file"][0] == "matters_grid-caseclock.csv"
        assert b"Pelletier, Gabrielle" in offline["sample"][1]
        # every file came from the offline copy; only the service worker's own freshness check of assets.json (made
        # with cache: "no-store", falling back to its cache when offline) may fail
        assert set(failed) <= {("assets.json", True)}, failed
        assert len(server.log) == served
        # the offline page made the same promise: only its own origin, all GET, nothing blocked, no errors
        assert_clean(second)
    finally:
        context.close()
        server.stop()


def test_a_new_build_is_offered_never_swapped_silently(browser, site, tmp_path):
    """A new build (sw.js with another cache name, index.html changed) installs beside the offline copy: the page
    keeps running the old build and shows "Update available" with Reload; Reload switches to the new build."""
    import re
    import shutil

    root = tmp_path / "site"
    shutil.copytree(site, root)
    server = Server(root)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = boot(context, server.url)
        expect(page.locator("#runtime-chip-text")).to_have_text("Ready offline ✓", timeout=60_000)
        expect(page.locator("#update-prompt")).to_be_hidden()
        sw = (root / "sw.js").read_text(encoding="utf-8")
        version = re.search(r'const VERSION = "([0-9a-f]{64})"', sw)
        assert version, "sw.js was not stamped with the build's hash"
        (root / "sw.js").write_text(sw.replace(version.group(1), "0" * 64), encoding="utf-8")
        html = (root / "index.html").read_text(encoding="utf-8")
        (root / "index.html").write_text(html.replace("</body>", "<!-- the second build -->\n</body>"),
                                         encoding="utf-8")

        page.reload()
        page.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=60_000)
        expect(page.locator("#update-prompt")).to_be_visible(timeout=60_000)
        expect(page.locator("#update-prompt")).to_contain_text("Update available")
        assert "the second build" not in page.content()          # still the copy it was using
        with page.expect_navigation():
            page.click("#update-reload")
        page.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=60_000)
        assert "the second build" in page.content()
        expect(page.locator("#update-prompt")).to_be_hidden()
        expect(page.locator("#runtime-chip-text")).to_have_text("Ready offline ✓", timeout=60_000)
        assert_clean(page)
    finally:
        context.close()
        server.stop()
