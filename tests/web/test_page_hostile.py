"""Hostile content (issue 11): an export whose cells, column name and file name hold markup and spreadsheet formulas is
shown as text at every step (the exact characters visible in the preview, the mapping, the review and the fix form;
no element made from them; window.__pwned never set) and neutralised in the download (a leading '); broken files
(a damaged workbook, a PDF named .csv) end in a plain message in the error summary, and the page stays usable."""
from __future__ import annotations

import csv
import io
import random
import shlex

from playwright.sync_api import expect

from pagekit import (
    REPO, assert_clean, choose_file, click_and_wait, download_bytes, idle, open_sample, run_cli, to_download,
    to_review,
)

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
DDE = "+cmd|' /C calc'!A0"
COLUMN = "Notes<svg onload=window.__pwned=1>"
BOLD = "<b>bold</b>"
FILE_NAME = f"{IMG}.csv"
ROWS = [
    ["Client ID", "Client Name", "Matter ID", "Matter Name", "Practice Area", COLUMN],
    ["C100", IMG, "M-1", "Contract review", "Commercial", BOLD],
    ["C101", "Plain Client", "M-2", SCRIPT, "Litigation", ""],
    ["C102", "Another Client", "M-3", FORMULA, DDE, ""],
]


def hostile_csv() -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(ROWS)
    return buf.getvalue().encode("utf-8")


# Installed once the page is up: records every element added (or attribute set) that could run code, whoever made it.
WATCH_DOM = """() => {
  window.__dangerous = [];
  const bad = (el) => el.nodeType === 1 && (/^(IMG|SCRIPT|SVG|IFRAME|OBJECT|EMBED|B)$/i.test(el.tagName)
      || [...el.attributes].some((a) => a.name.startsWith('on')));
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (bad(n)) window.__dangerous.push(n.outerHTML.slice(0, 120));
        if (n.querySelectorAll) for (const m of n.querySelectorAll('*')) if (bad(m)) window.__dangerous.push(m.outerHTML.slice(0, 120));
      }
      if (r.type === 'attributes' && r.attributeName.startsWith('on')) window.__dangerous.push(r.target.outerHTML.slice(0, 120));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}"""

EXACT_VISIBLE = """([selector, text]) => [...document.querySelectorAll(selector)]
    .filter((e) => e.textContent === text && e.checkVisibility()).length"""


def assert_safe(page) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__dangerous") == []
    # the page's own static elements only: the header's logo and lock icon, and its one script
    assert page.evaluate("() => document.images.length") == 1
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => document.querySelectorAll('svg').length") == 1


def visible_exactly(page, selector: str, text: str) -> int:
    return page.evaluate(EXACT_VISIBLE, [selector, text])


def test_hostile_cells_are_shown_as_text_and_neutralised(page, tmp_path):
    page.evaluate(WATCH_DOM)
    data = hostile_csv()
    choose_file(page, {"name": FILE_NAME, "mimeType": "text/csv", "buffer": data})
    page.wait_for_selector("#step-found:not([hidden])")
    expect(page.locator("#file-status")).to_contain_text(FILE_NAME)
    expect(page.locator("#found-lead")).to_contain_text(FILE_NAME)
    # step 2: the parsed preview and the raw text
    for text in (IMG, SCRIPT, FORMULA, DDE, BOLD):
        assert visible_exactly(page, "#t0 .parsed-wrap td", text) == 1, text
    assert visible_exactly(page, "#t0 .parsed-wrap th", COLUMN) == 1
    raw = page.locator("#t0-raw").inner_text()
    for text in (IMG, SCRIPT, COLUMN, BOLD, '"=HYPERLINK(""http://evil.example"",""x"")"'):
        assert text in raw, text
    assert_safe(page)

    # step 3: column names and sample values
    click_and_wait(page, "#found-next")
    assert visible_exactly(page, "#match-tables .col-name", COLUMN) == 1
    for text in (IMG, SCRIPT, FORMULA, DDE, BOLD):
        assert visible_exactly(page, "#match-tables .sample-values li", text) == 1, text
    expect(page.get_by_label(f"Target for column {COLUMN}", exact=True)).to_have_value("ignore")
    assert_safe(page)

    # step 4: the review table and the problems, then the fix form's inputs
    click_and_wait(page, "#match-next")
    for text in (IMG, SCRIPT, FORMULA, DDE, BOLD):
        assert visible_exactly(page, "#rows-table td.cell-text", text) == 1, text
    assert visible_exactly(page, "#rows-table th", COLUMN) == 1
    expect(page.locator("#problem-groups")).to_contain_text(FORMULA)
    expect(page.locator("#problem-groups")).to_contain_text("formula-neutralised")
    page.click("#fix-line-2")
    form = page.locator("form.fix-form")
    expect(form.get_by_label("Client Name", exact=True)).to_have_value(IMG)
    expect(form.get_by_label(COLUMN, exact=True)).to_have_value(BOLD)
    form.get_by_role("button", name="Cancel").click()
    expect(page.locator("#fix-line-2")).to_be_focused()
    page.click("#fix-line-4")
    expect(form.get_by_label("Matter Name", exact=True)).to_have_value(FORMULA)
    page.keyboard.press("Escape")
    assert_safe(page)

    # step 5: the download is neutralised, and equals the CLI's
    to_download(page)
    expect(page.locator("#download-csv-name")).to_contain_text(f"{IMG}-caseclock.csv")
    expect(page.locator("#command-text")).to_contain_text(f"'{FILE_NAME}'")
    expect(page.locator("#download-facts")).to_contain_text("2 cells starting with = + - or @ were made safe")
    _, out = download_bytes(page, "#download-csv")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"))))
    assert rows[0] == ["Client ID", "Client Name", "Matter ID", "Matter Name", "Jurisdiction", "Law Practice Area",
                       "Hourly Rate"]
    by_id = {r[2]: r for r in rows[1:]}
    assert by_id["M-1"][1] == IMG                     # markup is not a spreadsheet risk: kept as written
    assert by_id["M-2"][3] == SCRIPT
    assert by_id["M-3"][3] == "'" + FORMULA
    assert by_id["M-3"][5] == "'" + DDE
    # the page's own command line, run as printed beside a file of that name (the shell quoting holds)
    (tmp_path / FILE_NAME).write_bytes(data)
    words = shlex.split(page.locator("#command-text").inner_text().replace("\\\n", " "))
    assert words[2] == FILE_NAME, words
    r = run_cli(*words[1:], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / words[words.index("-o") + 1]).read_bytes() == out
    assert_safe(page)
    assert_clean(page)
    # control: the DOM watch does see an element made by script
    page.evaluate("() => document.body.append(document.createElement('img'))")
    page.wait_for_function("() => window.__dangerous.length === 1")


def _garbage_workbook() -> bytes:
    rng = random.Random(11)
    return b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(4000))


def _truncated_workbook() -> bytes:
    real = (REPO / "tests" / "data" / "matters" / "practicepanther" / "matters_export.xlsx").read_bytes()
    return real[: len(real) // 2]


def _pdf() -> bytes:
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Length 20 >>\nstream\n"
            b"\x78\x9c\x00\x01\xff\xfe\x00binary\x00\x00\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


BROKEN = [
    ("clients.xlsx", _garbage_workbook, "damaged"),
    ("matters_export.xlsx", _truncated_workbook, "damaged"),
    ("matters.csv", _pdf, "PDF"),
    ("empty.csv", bytes, "empty"),
]


def test_broken_files_end_in_a_clear_message_and_the_page_stays_usable(page):
    for name, make, words in BROKEN:
        choose_file(page, {"name": name, "mimeType": "application/octet-stream", "buffer": make()})
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("There is a problem")
        expect(page.locator("#error-summary-list")).to_contain_text(name)
        expect(page.locator("#error-summary-list")).to_contain_text(words)
        assert "Traceback" not in summary.inner_text() and "Error:" not in summary.inner_text()
        expect(page.locator("#retry-button")).to_be_hidden()           # the converter is fine: nothing to retry
        expect(page.locator("#file-status")).to_contain_text("could not be read")
        expect(page.locator("#step-choose")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("data-runtime", "ready")
        expect(page.locator("#nav-found")).not_to_have_attribute("href", "#step-found")
        # the message links to the control that fixes it
        page.locator("#error-summary-list a").first.click()
        expect(page.locator("#choose-button")).to_be_focused()
    # still usable: a sample converts, and the error summary has gone
    open_sample(page, "clio")
    expect(page.locator("#error-summary")).to_be_hidden()
    to_review(page)
    to_download(page)
    _, out = download_bytes(page, "#download-csv")
    assert out.startswith(b"Client ID,")
    assert_clean(page)
