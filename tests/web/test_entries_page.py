"""The page's time-entries section in Chromium: the sample week to Clio and to LEDES 1998B (and Clio split by
timekeeper) byte-equal to the command line; pasted notes drafted, reviewed (a matter picked for an ambiguous note)
and exported; the matter list taken from the first section; a keyboard-only run; axe on every step in light and
dark, with screenshots (docs/screenshots/entries-*.png)."""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
import build  # noqa: E402

ENTRIES = REPO / "tests" / "data" / "entries"
WEEK, MATTERS = ENTRIES / "week.csv", ENTRIES / "matters.csv"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "docs" / "screenshots"
BOOT = 60_000
NOTES = """0.2 — call with opposing counsel re scheduling — Smith file
0.1 — email to client re next steps — Jones file
yesterday 1h 12m Smith divorce: drafted financial statement
0.5 — revised the note purchase agreement — Northwind
"""


# ----------------------------------------------------------------------------------------------------- fixtures
class _Quiet(build.SiteHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def axe_server(site, tmp_path_factory):
    """A test copy of the built site with axe-core served from it (same origin, so the CSP allows it)."""
    root = tmp_path_factory.mktemp("entries-site") / "site"
    shutil.copytree(site, root)
    shutil.copy2(AXE, root / "axe.min.js")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def epage(context, axe_server):
    """The page opened on the time-entries section (#time-entries), the converter ready."""
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(axe_server + "#time-entries")
    pg.wait_for_selector("html[data-runtime=ready]", timeout=BOOT)
    pg.wait_for_selector("#h-entries-choose")
    yield pg
    assert pg.errors == []
    foreign = [r for r in pg.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
               if not r.startswith(axe_server)]
    assert foreign == []


# ----------------------------------------------------------------------------------------------------- helpers
def idle(page) -> None:
    page.wait_for_function("() => document.documentElement.dataset.busy === '0'")


def focused(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def wait_focus(page, element_id: str, timeout: int = 30_000) -> None:
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === {element_id!r}",
                           timeout=timeout)
    idle(page)


def cli(tmp_path: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "normalizer", *args], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def download(page, selector: str, dest: Path) -> Path:
    with page.expect_download() as d:
        page.click(selector)
    d.value.save_as(dest)
    return dest


def saved_as(page, selector: str, dest_dir: Path) -> Path:
    with page.expect_download() as d:
        page.click(selector)
    path = dest_dir / d.value.suggested_filename
    d.value.save_as(path)
    return path


def axe(page) -> list:
    """Serious and critical axe violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/axe.min.js")
    found = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']}).then(r =>
        r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
         .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""")
    return found


def sample_week_to_options(page) -> None:
    page.click("#sample-week")
    wait_focus(page, "h-entries-options")


def convert(page) -> None:
    page.click("#entries-options-next")
    wait_focus(page, "h-entries-review")


def to_download(page) -> None:
    page.click("#entries-review-next")
    wait_focus(page, "h-entries-download")
    page.wait_for_selector("#entries-download-file")


# ------------------------------------------------------------------------------------------------------ tests
def test_sample_week_to_clio_is_byte_equal_to_the_command_line(epage, tmp_path):
    page = epage
    sample_week_to_options(page)
    assert page.is_checked("#target-clio")
    assert "Clio Activities CSV (documented import)" in page.inner_text("label[for=target-clio]")
    assert "no file import exists: rows for its API" in page.inner_text("label[for=target-practicepanther]")
    assert "no file import exists: a sheet to key" in page.inner_text("label[for=target-dyedurham]")
    convert(page)
    assert "23 entries read = 13 written + 10 rejected" in " ".join(page.inner_text("#entries-equation").split())
    totals = page.inner_text("#entries-totals")
    assert "14.6 h" in totals and "5,035.00" in totals
    assert {"Per day", "Per timekeeper", "Per matter"} <= {c.strip() for c in page.locator("#entries-totals caption").all_inner_texts()}
    problems = page.inner_text("#entries-problem-groups")
    for title in ("Over 24 hours in one day", "Several tasks in one entry", "Date in the future"):
        assert title.lower() in problems.lower(), title
    row9 = page.inner_text("#entries-row-9")
    assert "fits 2 matters equally well" in row9 and "Rejected" in row9
    options = page.locator("#entries-pick-9 optgroup[label='Named in the problem'] option").all_inner_texts()
    assert [o.split(" —")[0] for o in options] == ["00016-Jones", "00017-Jones"]
    to_download(page)
    got = download(page, "#entries-download-file", tmp_path / "page.csv")
    assert "Import in Clio" in page.inner_text("#how-to-import")
    cli(tmp_path, "entries", str(WEEK), "--to", "clio", "--matters", str(MATTERS), "-o", "cli.csv")
    assert got.read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert page.inner_text("#entries-command-text").startswith("caseclock-normalizer entries week.csv \\\n    --to clio")


def test_sample_week_to_ledes_validates_the_invoice_form_then_matches_the_command_line(epage, tmp_path):
    page = epage
    sample_week_to_options(page)
    page.check("#target-ledes1998b")
    assert page.is_visible("#ledes-fieldset")
    page.fill("#ledes-invoice-date", "")
    page.fill("#ledes-invoice-number", "INV-2025/11")
    page.click("#entries-options-next")
    wait_focus(page, "error-summary")
    summary = page.inner_text("#error-summary")
    assert "1 to 20 letters and digits" in summary and "Enter the invoice date" in summary and "law firm ID" in summary
    assert page.get_attribute("#ledes-invoice-number", "aria-invalid") == "true"
    assert "ledes-invoice-number-error" in page.get_attribute("#ledes-invoice-number", "aria-describedby")
    page.click("#error-summary a[href='#ledes-law-firm-id']")
    assert focused(page) == "ledes-law-firm-id"
    page.fill("#ledes-invoice-number", "INV20251101")
    page.fill("#ledes-invoice-date", "2025-11-25")
    page.fill("#ledes-law-firm-id", "12-3456789")
    convert(page)
    assert page.get_attribute("#ledes-invoice-number", "aria-invalid") is None
    to_download(page)
    got = download(page, "#entries-download-file", tmp_path / "page.ledes")
    cli(tmp_path, "entries", str(WEEK), "--to", "ledes1998b", "--matters", str(MATTERS), "--invoice-number",
        "INV20251101", "--invoice-date", "2025-11-25", "--law-firm-id", "12-3456789", "-o", "cli.ledes")
    assert got.read_bytes() == (tmp_path / "cli.ledes").read_bytes()
    assert got.read_bytes().startswith(b"LEDES1998B[]")
    command = page.inner_text("#entries-command-text")
    assert "--invoice-number INV20251101" in command and "--invoice-date 2025-11-25" in command


def test_clio_split_by_timekeeper_downloads_the_command_lines_zip(epage, tmp_path):
    page = epage
    sample_week_to_options(page)
    page.check("#entries-split")
    convert(page)
    to_download(page)
    assert "ZIP" in page.inner_text("#entries-download-file")
    got = download(page, "#entries-download-file", tmp_path / "page.zip")
    cli(tmp_path, "entries", str(WEEK), "--to", "clio", "--matters", str(MATTERS), "--split-by-timekeeper",
        "-o", "cli.zip")
    assert got.read_bytes() == (tmp_path / "cli.zip").read_bytes()


def test_pasted_notes_reviewed_with_a_matter_picked_give_the_clio_file(epage, tmp_path):
    page = epage
    page.click("#notes-draft")                      # nothing yet: both problems said, in the summary and inline
    wait_focus(page, "error-summary")
    assert "Choose a matter list first" in page.inner_text("#error-summary")
    assert page.get_attribute("#notes-text", "aria-invalid") == "true"
    page.set_input_files("#entries-matters-input", str(MATTERS))
    page.fill("#notes-text", NOTES)
    page.fill("#notes-date", "2025-11-20")
    page.fill("#notes-timekeeper", "Daniel Cho")
    page.click("#notes-draft")
    wait_focus(page, "h-entries-options")
    assert "4 notes" in page.inner_text("#status")
    convert(page)
    row = page.inner_text("#entries-row-3")
    assert "Jones file" in row and "fits 2 matters" in row
    page.select_option("#entries-pick-3", "00017-Jones")
    page.click("#entries-pick-apply-3")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('Converted again')")
    idle(page)
    assert "4 written" in " ".join(page.inner_text("#entries-equation").split())
    assert "00017-Jones" in page.inner_text("#entries-row-3") and "edited" in page.inner_text("#entries-row-3")
    assert "Line 3, Matter" in page.inner_text("#entries-fix-list")
    page.click("summary:has-text('How each of your')")
    assert "Smith file" in page.inner_text("#entries-notes-read")
    to_download(page)
    clio = download(page, "#entries-download-file", tmp_path / "page.csv")
    links = {page.get_attribute(f"#{i}", "download"): i for i in page.eval_on_selector_all(
        "#entries-download-list a", "els => els.map(e => e.id)")}
    draft = download(page, f"#{links['notes-draft.csv']}", tmp_path / "page-draft.csv")
    edited = download(page, f"#{links['notes-draft-edited.csv']}", tmp_path / "notes-draft-edited.csv")
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    cli(tmp_path, "notes", "notes.txt", "--matters", str(MATTERS), "--date", "2025-11-20", "--timekeeper",
        "Daniel Cho", "-o", "cli-draft.csv")
    assert draft.read_bytes() == (tmp_path / "cli-draft.csv").read_bytes()
    cli(tmp_path, "entries", edited.name, "--to", "clio", "--matters", str(MATTERS), "-o", "cli.csv")
    assert clio.read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert b"00017-Jones" in clio.read_bytes()
    command = page.inner_text("#entries-command-text")
    assert "caseclock-normalizer notes notes.txt" in command and "entries notes-draft-edited.csv" in command


def test_the_matter_list_converted_in_the_first_section_is_used(context, axe_server, tmp_path):
    page = context.new_page()
    page.goto(axe_server)
    page.wait_for_selector("html[data-runtime=ready]", timeout=BOOT)
    page.click("#sample-clio")
    wait_focus(page, "h-found")
    page.click("#found-next")
    wait_focus(page, "h-match")
    page.click("#match-next")
    wait_focus(page, "h-review")
    page.click("#section-link-time-entries")
    wait_focus(page, "h-entries-choose")
    assert page.get_attribute("#section-link-time-entries", "aria-current") == "page"
    assert page.is_hidden("#step-review") and page.is_hidden("#steps")
    page.click("#entries-matters-use-part1")
    page.wait_for_function("() => document.getElementById('entries-matters-status').textContent.includes('matters_export-caseclock.csv')")
    page.set_input_files("#entries-file-input", str(WEEK))
    wait_focus(page, "h-entries-options")
    convert(page)
    to_download(page)
    got = download(page, "#entries-download-file", tmp_path / "page.csv")
    cli(tmp_path, "matters", str(REPO / "tests/data/matters/clio/matters_export.csv"), "--jurisdiction", "WA",
        "-o", "matters_export-caseclock.csv")
    cli(tmp_path, "entries", str(WEEK), "--to", "clio", "--matters", "matters_export-caseclock.csv", "-o", "cli.csv")
    assert got.read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert "--matters matters_export-caseclock.csv" in page.inner_text("#entries-command-text")
    page.click("#section-link-client-matter-list")       # the first section is where it was, its results kept
    wait_focus(page, "h-review")
    assert page.is_visible("#rows-table")


def tab_to(page, element_id: str, limit: int = 250) -> None:
    for _ in range(limit):
        if focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id} (at #{focused(page)})")


def test_keyboard_only_run_of_the_entries_flow(epage, tmp_path):
    page = epage
    page.evaluate("() => document.activeElement.blur()")
    tab_to(page, "sample-week")
    page.keyboard.press("Enter")
    wait_focus(page, "h-entries-options")
    tab_to(page, "target-clio")
    page.keyboard.press("ArrowDown")                 # radios: arrows move and select
    assert page.is_checked("#target-mycase")
    page.keyboard.press("ArrowUp")
    assert page.is_checked("#target-clio")
    tab_to(page, "entries-options-next")
    page.keyboard.press("Enter")
    wait_focus(page, "h-entries-review")
    tab_to(page, "entries-pick-9")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#entries-pick-9") == "00017-Jones"
    page.keyboard.press("Tab")
    assert focused(page) == "entries-pick-apply-9"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('Converted again')")
    idle(page)
    assert focused(page) == "entries-fix-line-9"
    tab_to(page, "entries-fix-line-12")                 # the Fix form: Enter saves, Escape cancels
    page.keyboard.press("Enter")
    wait_focus(page, "entries-fix-12-1")
    page.keyboard.press("Escape")
    assert focused(page) == "entries-fix-line-12"
    page.keyboard.press("Enter")
    wait_focus(page, "entries-fix-12-1")
    page.keyboard.press("Control+a")
    page.keyboard.type("2.5")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('line 12')")
    idle(page)
    assert "15 written" in " ".join(page.inner_text("#entries-equation").split())
    tab_to(page, "entries-review-next")
    page.keyboard.press("Enter")
    wait_focus(page, "h-entries-download")
    page.wait_for_selector("#entries-download-file")
    tab_to(page, "entries-download-file")
    with page.expect_download() as d:
        page.keyboard.press("Enter")
    d.value.save_as(tmp_path / "page.csv")
    links = page.eval_on_selector_all("#entries-download-list a", "els => els.map(e => [e.download, e.id])")
    edited = download(page, "#" + dict(links)["week-edited.csv"], tmp_path / "week-edited.csv")
    cli(tmp_path, "entries", edited.name, "--to", "clio", "--matters", str(MATTERS), "-o", "cli.csv")
    assert (tmp_path / "page.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_any_step(epage, scheme):
    page = epage
    page.emulate_media(color_scheme=scheme)
    shots = SCREENSHOTS
    shots.mkdir(parents=True, exist_ok=True)
    results = {}
    results["choose"] = axe(page)
    page.screenshot(path=str(shots / f"entries-choose-{scheme}.png"))
    page.click("#notes-draft")                                    # the error summary and inline errors
    wait_focus(page, "error-summary")
    results["choose-errors"] = axe(page)
    sample_week_to_options(page)
    page.check("#target-ledes1998b")
    page.fill("#ledes-invoice-date", "")
    page.click("#entries-options-next")
    wait_focus(page, "error-summary")
    results["options-errors"] = axe(page)
    page.screenshot(path=str(shots / f"entries-options-{scheme}.png"), full_page=True)
    page.check("#target-clio")
    convert(page)
    results["review"] = axe(page)
    page.screenshot(path=str(shots / f"entries-review-{scheme}.png"))
    page.locator("#entries-row-7").scroll_into_view_if_needed()
    page.evaluate("() => document.getElementById('entries-row-7').scrollIntoView({block: 'start'})")
    page.screenshot(path=str(shots / f"entries-rows-{scheme}.png"))
    page.click("#entries-fix-line-9")
    results["review-fix"] = axe(page)
    page.keyboard.press("Escape")
    to_download(page)
    results["download"] = axe(page)
    page.screenshot(path=str(shots / f"entries-download-{scheme}.png"), full_page=True)
    assert {step: found for step, found in results.items() if found} == {}
