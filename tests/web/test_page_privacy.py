""""Nothing is uploaded", checked from outside the page (issue 11).

A full session — a sample and a file of ours through all five steps, a fix, every download, a saved mapping, the
theme, "How we know" opened and refreshed, Clear — is recorded with context.on("request"), which also reports the
module worker's fetches (Pyodide, the wheels, the library) and the service worker's (its precache). Every request
must go to the page's own origin and be a GET; the server must have seen only GETs; the securitypolicyviolation
recorder must stay silent; there must be no console error, no uncaught error and no cookie. A control test shows the
recorders do catch a cross-origin attempt, so the silence above means something.
"""
from __future__ import annotations

from playwright.sync_api import expect

from pagekit import (
    REPO, assert_clean, boot, choose_file, click_and_wait, csp_violations, download_bytes, idle, open_sample,
    page_problems, to_download, to_review,
)

OWN_FILE = REPO / "tests" / "data" / "matters" / "cosmolex" / "grid" / "matters_grid.csv"


def full_session(page) -> None:
    """Everything a user can do with one export, ending on the download step."""
    open_sample(page, "firm")
    to_review(page)
    page.click("#fix-line-9")
    form = page.locator("form.fix-form")
    form.get_by_label("File No.", exact=True).fill("2024-032")
    form.get_by_role("button", name="Save and convert again").click()
    idle(page)
    click_and_wait(page, "#filter-problems")
    page.check("#include-closed")
    idle(page)
    to_download(page)
    for link in ["#download-csv", *[f"#download-list a >> nth={n}" for n in range(5)]]:
        name, data = download_bytes(page, link)
        assert data, name
    click_and_wait(page, "#copy-command")
    # back to the mapping step: save the mapping (browser storage + a download)
    click_and_wait(page, "#nav-match")
    with page.expect_download():
        page.click("#save-mapping")
    idle(page)
    # a file of ours, through to the download
    click_and_wait(page, "#nav-choose")
    choose_file(page, OWN_FILE)
    to_review(page)
    to_download(page)
    download_bytes(page, "#download-csv")


def test_a_full_session_stays_on_this_origin(context, server):
    page = boot(context, server.url)
    expect(page.locator("#runtime-chip-text")).to_have_text("Ready offline ✓", timeout=60_000)
    full_session(page)
    page.select_option("#theme", "dark")
    page.locator("#how-we-know summary").click()
    click_and_wait(page, "#refresh-requests")
    expect(page.locator("#requests-summary")).to_contain_text("none went anywhere else")
    expect(page.locator("#requests-summary")).to_contain_text("all GET")
    expect(page.locator("#csp-summary")).to_have_text("None: nothing on this page has tried to reach another site.")
    expect(page.locator("#storage-list")).to_contain_text("A saved column mapping")
    expect(page.locator("#storage-list")).to_contain_text("Your theme choice: dark")
    page.click("#clear-storage")
    expect(page.locator("#storage-list")).not_to_contain_text("A saved column mapping")
    assert page.evaluate("() => Object.keys(localStorage)") == []
    # the page's own table lists the worker's requests too
    expect(page.locator("#requests-table")).to_contain_text("pyodide.asm.wasm")

    origin = server.url
    watch = page.watch
    assert len(watch.requests) > 20, watch.requests
    assert watch.foreign(origin) == [], watch.foreign(origin)
    assert {m for _, m in watch.requests} == {"GET"}
    # the recorder sees the dedicated worker's requests (no frame) and the service worker's precache
    urls_without_frame = {d["url"] for d in watch.details if not d["frame"]}
    assert origin + "pyodide/pyodide.asm.wasm" in urls_without_frame, watch.details
    assert origin + "normalizer.zip" in urls_without_frame
    assert any(d["service_worker"] for d in watch.details), "no service-worker request was recorded"
    assert {m for m, _ in server.log} == {"GET"}, sorted({m for m, _ in server.log})
    assert context.cookies() == []
    assert csp_violations(page) == []
    assert watch.console_errors == [] and watch.page_errors == [], (watch.console_errors, watch.page_errors)
    assert_clean(page)


def test_the_recorders_catch_a_cross_origin_attempt(page, server):
    """Control: a fetch to another origin is blocked by the CSP, and both the test's recorder and the page's own
    "Blocked attempts" list see it — so an empty list in the test above is evidence, not an accident."""
    assert csp_violations(page) == []
    other = server.url.replace("127.0.0.1", "localhost")      # another origin, same server
    outcome = page.evaluate("async (url) => { try { await fetch(url); return 'fetched'; } "
                            "catch (e) { return 'blocked'; } }", other + "assets.json")
    assert outcome == "blocked"
    page.wait_for_function("() => window.__csp.length > 0")
    violations = csp_violations(page)
    assert violations[0]["directive"] == "connect-src" and violations[0]["blocked"].startswith(other), violations
    assert page_problems(page)["csp"], "assert_clean would not have noticed"
    page.locator("#how-we-know summary").click()
    expect(page.locator("#csp-summary")).to_contain_text("1 attempt blocked")
    expect(page.locator("#csp-list")).to_contain_text(other)
    # what reached the network (nothing: the browser blocked it before sending)
    assert not [u for u, _ in page.watch.requests if u.startswith(other)]
