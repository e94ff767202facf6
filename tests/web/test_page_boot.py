"""The boot failure path (issue 11): a build whose converter cannot start — pyodide.asm.wasm replaced by garbage, so
WebAssembly cannot compile and Pyodide would hang without a word — must show a plain error with a Retry within
~35 s (the page's own 30 s boot timeout), never hang; once the file is whole again, Retry starts the converter and a
sample converts. Served from a copy of the site on its own server; service workers blocked in this context so the
broken file is not kept in an offline copy and Retry really fetches the repaired one."""
from __future__ import annotations

import shutil
import time

import pytest
from playwright.sync_api import expect

from pagekit import CSP_LISTENER, Server, Watch, idle, to_review


@pytest.mark.slow
def test_a_converter_that_cannot_start_says_so_and_retry_recovers(browser, site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    wasm = broken / "pyodide" / "pyodide.asm.wasm"
    good = wasm.read_bytes()
    wasm.write_bytes(b"\x00asm\x01\x00\x00\x00" + b"this is not WebAssembly " * 4000)
    server = Server(broken)
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.watch = Watch(context, page)
        page.add_init_script(path=str(CSP_LISTENER))
        started = time.monotonic()
        page.goto(server.url)
        expect(page.locator("html")).to_have_attribute("data-runtime", "booting", timeout=5_000)
        page.wait_for_selector("html[data-runtime=failed]", state="attached", timeout=40_000)
        waited = time.monotonic() - started
        print(f"boot failure shown after {waited:.1f} s")
        assert waited <= 35, f"the failure was shown after {waited:.1f} s"

        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("The converter could not start")
        expect(summary).to_contain_text("Your file has not been read")
        text = summary.inner_text()
        assert "Traceback" not in text and "undefined" not in text and "[object" not in text, text
        expect(page.locator("#retry-button")).to_be_visible()
        expect(page.locator("#retry-button")).to_have_text("Retry")
        expect(page.locator("#runtime-chip-text")).to_have_text("The converter could not start")
        expect(page.locator("#status")).to_contain_text("could not start")

        # a sample chosen now gets the same plain message, not a hang ...
        page.click("#sample-pclaw")
        idle(page)
        expect(summary).to_contain_text("The converter could not start")
        expect(page.locator("#retry-button")).to_be_visible()
        # ... and is read as soon as Retry has started the converter (the file is whole again)
        wasm.write_bytes(good)
        page.click("#retry-button")
        page.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=60_000)
        expect(page.locator("#runtime-chip-text")).to_have_text("Ready")
        idle(page)
        page.wait_for_selector("#step-found:not([hidden])", state="visible")
        expect(page.locator("#error-summary")).to_be_hidden()
        expect(page.locator("#fact-0-system .fact-value")).to_contain_text("PCLaw")
        to_review(page)
        expect(page.locator("#equation")).to_contain_text("rows read")
        assert page.watch.foreign(server.url) == []
    finally:
        context.close()
        server.stop()
