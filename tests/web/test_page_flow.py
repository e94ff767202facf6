"""Every bundled sample through the served page, end to end, against the command line (issue 11).

For each system's sample: the detection is shown (the system fact names the right system), one reading fact is
overridden (set to the detected value, or for Dye & Durham to a wrong-but-plausible encoding, so the override visibly
changes the result), one column's target is changed, one cell is fixed through the Fix form, and the page's
"Download CaseClock CSV" must equal, byte for byte:
  A. the CLI given the page's own downloaded mapping (TOML) and edits (JSON) with the same reading flag, and
  B. the command line the page prints on its last step, run as printed (beside the sample and the edits file);
while C. the CLI without the mapping change gives other bytes (so the mapping change really reached the output).

One page serves all eight samples (a module-scoped context, "Convert another file" between them): the page is
meant to be used that way, and its watch then covers a long session.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from pagekit import (
    SAMPLE_LIST, assert_clean, boot, click_and_wait, download_bytes, idle, open_sample, run_cli, start_over,
    to_download,
)

EDITED = "Edited by the page test"


@dataclass(frozen=True)
class Spec:
    system: str             # text the system fact must show
    override: tuple         # (fact key, value to set, CLI flags giving the same)
    mapping: tuple          # (source column, target field id or "ignore")
    fix_column: str         # the column (label in the Fix form) holding the matter name
    include_closed: bool = False    # tick "Include closed matters" on the review step
    jurisdiction: str = ""          # type a jurisdiction (Enter) on the review step


SPECS = {
    "clio": Spec("Clio Manage", ("encoding", "utf-8", ["--encoding", "utf-8"]),
                 ("Practice Area", "ignore"), "Description", include_closed=True),
    "mycase": Spec("MyCase", ("delimiter", ",", ["--delimiter", ","]),
                   ("Case Stage", "practice_area"), "Case/Matter Name"),
    "practicepanther": Spec("PracticePanther", ("sheet", "Matters", ["--sheet", "Matters"]),
                            ("Matter Rate", "ignore"), "Matter"),
    "pclaw": Spec("PCLaw", ("header_row", "0", ["--header-row", "0"]),
                  ("TYPE_OF_LAW", "ignore"), "Column 25"),
    "cosmolex": Spec("CosmoLex", ("header_row", "7", ["--header-row", "7"]),
                     ("Matter Owner", "practice_area"), "Matter Name"),
    # A wrong-but-plausible encoding: the Windows-1252 file read as Mac Roman ("Séparation" -> "SÈparation").
    "dyedurham": Spec("Dye & Durham", ("encoding", "mac-roman", ["--encoding", "mac-roman"]),
                      ("Default Rate", "ignore"), "Matter Description", jurisdiction="QC"),
    "filevine": Spec("Filevine", ("quotechar", '"', ["--quote", '"']),
                     ("Project Type", "ignore"), "Project Name"),
    "firm": Spec("No known system", ("encoding", "utf-8-sig", ["--encoding", "utf-8-sig"]),
                 ("Rate/hr", "ignore"), "File No."),
}
CONTROL_IDS = {"encoding": "encoding-0", "delimiter": "delimiter-0", "quotechar": "quotechar-0",
               "sheet": "sheet-0", "header_row": "header-row-0"}


def test_every_sample_is_covered():
    assert set(SPECS) == set(SAMPLE_LIST), "a sample was added to build.SAMPLES without an end-to-end spec here"


@pytest.fixture(scope="module")
def flow_page(browser, server):
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    pg = boot(ctx, server.url)
    yield pg
    ctx.close()


def equation(page) -> dict:
    nums = [int(x.replace(",", "")) for x in page.locator("#equation .eq-num").all_inner_texts()]
    assert len(nums) == 5, nums
    return dict(zip(("read", "written", "merged", "filtered", "rejected"), nums))


def override(page, key: str, value: str) -> None:
    control = page.locator(f"#{CONTROL_IDS[key]}")
    if key == "header_row":
        control.fill(value)
        control.dispatch_event("change")      # the same value as detected: a blur would not fire "change"
    else:
        control.select_option(value)           # Playwright fires input + change even for the selected value
    idle(page)
    fact = page.locator(f"#fact-0-{key}")
    expect(fact.locator(".fact-value")).to_contain_text("You chose this")
    expect(page.locator(f"#detect-0-{key}")).to_be_visible()


@pytest.mark.parametrize("system", list(SPECS))
def test_sample_end_to_end_equals_cli(flow_page, system, tmp_path):
    page, spec, sample = flow_page, SPECS[system], SAMPLE_LIST[system]
    start_over(page)

    # 1 -> 2: detection shown
    open_sample(page, system)
    expect(page.locator("#nav-found")).to_have_attribute("aria-current", "step")
    expect(page.locator("#h-found")).to_be_focused()
    expect(page.locator("#fact-0-system .fact-value")).to_contain_text(spec.system)
    expect(page.locator("#system-0")).to_have_value("auto")
    key, value, flags = spec.override
    override(page, key, value)
    expect(page.locator("#fact-0-system .fact-value")).to_contain_text(spec.system)
    if system == "dyedurham":      # the override is really applied: the preview now reads it as Mac Roman
        expect(page.locator("#t0 .parsed-wrap")).to_contain_text("SÈparation")

    # 2 -> 3: one column's target changed
    click_and_wait(page, "#found-next")
    expect(page.locator("#h-match")).to_be_focused()
    column, target = spec.mapping
    select = page.locator("#match-tables article").first.get_by_label(f"Target for column {column}", exact=True)
    assert select.input_value() != target, "the mapping change must be a change"
    select.select_option(target)
    idle(page)
    select = page.locator("#match-tables article").first.get_by_label(f"Target for column {column}", exact=True)
    expect(select).to_have_value(target)
    expect(select.locator("xpath=ancestor::tr")).to_contain_text("You chose this")

    # 3 -> 4: review, then one cell fixed through the Fix form
    click_and_wait(page, "#match-next")
    expect(page.locator("#h-review")).to_be_focused()
    expect(page.locator("#jurisdiction")).to_have_value(sample["jurisdiction"])
    before = equation(page)
    assert before["read"] == before["written"] + before["merged"] + before["filtered"] + before["rejected"]
    if system == "firm":
        # the duplicate Matter ID on line 9 is an error: show those rows, give line 9 its own ID
        click_and_wait(page, "#show-duplicate-matter-id")
        expect(page.locator("#rows-code-filter")).to_be_visible()
        line, new_value = "9", "2024-032"
        expect(page.locator("#row-9 td.outcome")).to_contain_text("Rejected")
    else:
        first = page.locator("#rows-table tr.review-row.outcome-written").first
        line, new_value = first.get_attribute("id").removeprefix("row-"), EDITED
    page.click(f"#fix-line-{line}")
    form = page.locator("form.fix-form")
    expect(form).to_be_visible()
    cell = form.get_by_label(spec.fix_column, exact=True)
    old_value = cell.input_value()
    assert old_value and old_value != new_value
    cell.fill(new_value)
    form.get_by_role("button", name="Save and convert again").click()
    idle(page)
    expect(form).to_have_count(0)
    expect(page.locator("#fix-list li")).to_have_count(1)
    expect(page.locator("#fix-list")).to_contain_text(f"Line {line}")
    expect(page.locator("#fix-list")).to_contain_text(new_value)
    after = equation(page)
    if system == "firm":
        assert after["rejected"] == before["rejected"] - 1 and after["written"] == before["written"] + 1, (before, after)
        click_and_wait(page, "#rows-show-all")       # the filter stays on the duplicates, which are gone now
        expect(page.locator("#row-9 td.outcome")).to_contain_text("Written")
        expect(page.locator("#row-9")).to_contain_text(new_value)
    else:
        assert after == before
        expect(page.locator(f"#row-{line}")).to_contain_text(new_value)

    # the run options on the review step (each converts again at once)
    if spec.include_closed:
        page.check("#include-closed")
        idle(page)
        closed = equation(page)
        assert closed["filtered"] == 0 and closed["written"] > after["written"], (after, closed)
    if spec.jurisdiction:
        page.fill("#jurisdiction", spec.jurisdiction)
        page.press("#jurisdiction", "Enter")
        idle(page)
        expect(page.locator("#status")).to_contain_text(f"Jurisdiction {spec.jurisdiction} is used")

    # 4 -> 5: downloads
    to_download(page)
    expect(page.locator("#h-download")).to_be_focused()
    csv_name, csv = download_bytes(page, "#download-csv")
    stem = sample["path"].name.rsplit(".", 1)[0]
    assert csv_name == f"{stem}-caseclock.csv"
    assert csv.startswith(b"Client ID,Client Name,Matter ID,Matter Name,Jurisdiction,Law Practice Area,Hourly Rate\r\n")
    assert new_value.encode() in csv
    if spec.jurisdiction:
        assert f",{spec.jurisdiction},".encode() in csv
    toml_name, toml = download_bytes(page, page.get_by_role("link", name="Download the mapping (TOML)"))
    fixes_name, fixes = download_bytes(page, page.get_by_role("link", name="Download your edits (JSON)"))
    assert toml_name == f"{stem}-mapping.toml" and fixes_name == f"{stem}-fixes.json"
    edits = json.loads(fixes)
    assert len(edits) == 1 and edits[0]["line"] == int(line) and edits[0]["value"] == new_value, edits
    command = page.locator("#command-text").inner_text()
    assert " ".join(flags) in command or shlex.join(flags) in command, command
    assert "--map" in command and "--fixes" in command, command
    (tmp_path / toml_name).write_bytes(toml)
    (tmp_path / fixes_name).write_bytes(fixes)

    # A. the CLI with the page's mapping and edits files and the same reading flag
    code = spec.jurisdiction or sample["jurisdiction"]
    options = (["--jurisdiction", code] if code else []) + (["--include-closed"] if spec.include_closed else [])
    out_a = tmp_path / "cli-a.csv"
    r = run_cli("matters", sample["path"], *flags, "--mapping-file", tmp_path / toml_name,
                "--fixes", tmp_path / fixes_name, *options, "-o", out_a)
    assert r.returncode == 0, r.stderr
    assert out_a.read_bytes() == csv, f"page and CLI (mapping + fixes files) differ\n{r.stderr}"

    # B. the page's own command line, run as printed, where the export and the edits file are
    work = tmp_path / "cmd"
    work.mkdir()
    shutil.copy(sample["path"], work / sample["path"].name)
    (work / fixes_name).write_bytes(fixes)
    words = shlex.split(command.replace("\\\n", " "))
    assert words[:2] == ["caseclock-normalizer", "matters"], words
    r = run_cli(*words[1:], cwd=work)
    assert r.returncode == 0, r.stderr
    out_name = words[words.index("-o") + 1]
    assert out_name == csv_name
    assert (work / out_name).read_bytes() == csv, f"page and its own printed command differ\n{command}\n{r.stderr}"

    # C. control: without the mapping change the bytes differ, so the change reached the output
    out_c = tmp_path / "cli-c.csv"
    r = run_cli("matters", sample["path"], *flags, "--fixes", tmp_path / fixes_name, *options, "-o", out_c)
    assert r.returncode == 0, r.stderr
    assert out_c.read_bytes() != csv

    assert_clean(page)
    click_and_wait(page, "#start-over")
    expect(page.locator("#h-choose")).to_be_focused()


# ------------------------------------------------------------------------------------------- more of the review
def test_fixing_one_cell_leaves_a_multi_line_cell_alone(flow_page):
    page = flow_page
    start_over(page)
    open_sample(page, "cosmolex")                 # line 9's Memo holds a line break
    click_and_wait(page, "#found-next")
    click_and_wait(page, "#match-next")
    page.click("#fix-line-9")
    form = page.locator("form.fix-form")
    form.get_by_label("Matter Name", exact=True).fill("Employment agreement (renewal)")
    form.get_by_role("button", name="Save and convert again").click()
    idle(page)
    fixes = page.locator("#fix-list li")
    try:
        assert fixes.all_inner_texts() and "Memo" not in " ".join(fixes.all_inner_texts()), fixes.all_inner_texts()
        expect(fixes).to_have_count(1, timeout=1_000)
    finally:
        start_over(page)


def test_a_saved_mapping_comes_back_and_loads_from_its_file(flow_page, tmp_path):
    """"Save this mapping" keeps it in this browser ("Use my saved mapping" the next time the same columns come)
    and downloads it as TOML, which "Load a mapping" and the CLI's --mapping-file both take."""
    page = flow_page
    start_over(page)
    page.evaluate("() => localStorage.clear()")
    open_sample(page, "filevine")
    click_and_wait(page, "#found-next")
    page.get_by_label("Target for column Phase", exact=True).select_option("ignore")
    page.get_by_label("Target for column Claim Number", exact=True).select_option("client_ref")
    with page.expect_download() as info:
        page.click("#save-mapping")
    idle(page)
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "projects_report-mapping.toml"

    # the same export again: the suggestions come back, with an offer to use the saved mapping
    start_over(page)
    open_sample(page, "filevine")
    click_and_wait(page, "#found-next")
    expect(page.get_by_label("Target for column Phase", exact=True)).to_have_value("status")
    click_and_wait(page, "#use-saved-mapping")
    expect(page.get_by_label("Target for column Phase", exact=True)).to_have_value("ignore")
    expect(page.get_by_label("Target for column Claim Number", exact=True)).to_have_value("client_ref")
    click_and_wait(page, "#reset-mapping")
    expect(page.get_by_label("Target for column Claim Number", exact=True)).to_have_value("ignore")
    with page.expect_file_chooser() as chooser:
        page.click("#load-mapping")
    chooser.value.set_files(str(saved))
    idle(page)
    expect(page.locator("#status")).to_contain_text("Applied projects_report-mapping.toml")
    expect(page.get_by_label("Target for column Phase", exact=True)).to_have_value("ignore")
    expect(page.get_by_label("Target for column Claim Number", exact=True)).to_have_value("client_ref")
    click_and_wait(page, "#match-next")
    click_and_wait(page, "#review-next")
    _, csv = download_bytes(page, "#download-csv")
    r = run_cli("matters", SAMPLE_LIST["filevine"]["path"], "--mapping-file", saved, "-o", tmp_path / "cli.csv")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "cli.csv").read_bytes() == csv
    assert b"DST-88123-A" in csv                 # the claim number is now the client reference
    page.evaluate("() => localStorage.clear()")
    assert_clean(page)
    start_over(page)


def big_export(rows: int) -> bytes:
    """A Clio-style export of `rows` matters; the last row repeats the first row's Matter ID with another name."""
    lines = ['"Display Number","Description","Status","Practice Area","Clients"']
    for i in range(rows - 1):
        lines.append(f'"{i:05d}-M","Matter number {i}","{"Closed" if i % 10 == 0 else "Open"}","Family","Client {i // 3}"')
    lines.append('"00001-M","Another name","Open","Family","Client 0"')
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_cancel_a_long_conversion_then_page_and_undo(flow_page, tmp_path):
    """A conversion slow enough to show its progress can be cancelled (the converter restarts and the page keeps
    the file); the next conversion works; the rows come 50 to a page; a fix can be undone."""
    page = flow_page
    start_over(page)
    rows = 30_000
    data = big_export(rows)
    page.set_input_files("#file-input", {"name": "big.csv", "mimeType": "text/csv", "buffer": data})
    idle(page)
    page.wait_for_selector("#step-found:not([hidden])")
    click_and_wait(page, "#found-next")
    page.click("#match-next")
    expect(page.locator("#progress-panel")).to_be_visible()
    expect(page.locator("#progress-label")).to_have_text("Converting big.csv…")
    page.click("#cancel-button")
    idle(page)
    expect(page.locator("#status")).to_contain_text("Cancelled")
    expect(page.locator("#progress-panel")).to_be_hidden()
    expect(page.locator("#step-match")).to_be_visible()
    page.wait_for_selector("html[data-runtime=ready]", state="attached")

    click_and_wait(page, "#match-next")
    counts = equation(page)
    assert counts == {"read": rows, "written": rows - 3000 - 1, "merged": 0, "filtered": 3000, "rejected": 1}, counts
    expect(page.locator("#rows-range")).to_contain_text(f"Rows 1–50 of {rows:,}")
    expect(page.locator("#rows-prev")).to_be_disabled()
    click_and_wait(page, "#rows-next")
    expect(page.locator("#rows-range")).to_contain_text("Rows 51–100")
    expect(page.locator("#row-52")).to_be_visible()
    page.fill("#rows-page", "600")
    click_and_wait(page, "#rows-go")
    expect(page.locator("#rows-range")).to_contain_text(f"Rows 29,951–{rows:,} of {rows:,}")
    expect(page.locator("#rows-next")).to_be_disabled()
    page.fill("#rows-page", "601")
    click_and_wait(page, "#rows-go")
    expect(page.locator("#error-summary")).to_contain_text("Enter a page number from 1 to 600")
    # the rejected last row: fixed, then the fix undone
    click_and_wait(page, "#filter-errors")
    expect(page.locator("#rows-range")).to_contain_text("Rows 1–1 of 1")
    last = rows + 1
    page.click(f"#fix-line-{last}")
    page.locator("form.fix-form").get_by_label("Display Number", exact=True).fill("99999-M")
    page.locator("form.fix-form").get_by_role("button", name="Save and convert again").click()
    idle(page)
    assert equation(page)["rejected"] == 0
    click_and_wait(page, "#undo-fix-0")
    assert equation(page)["rejected"] == 1
    expect(page.locator("#fix-list li")).to_have_count(0)
    expect(page.locator("#fixes-empty")).to_be_visible()
    assert_clean(page)
    start_over(page)


UNSURE = b"Client|Matter|Rate\r\nSmith, J|Divorce; custody|100\r\nJones|Estate|\r\n"


def test_unsure_findings_must_be_confirmed_before_going_on(flow_page, tmp_path):
    """A finding the reader is unsure of (here the delimiter and quoting of a tiny file) stops "Next" with an error
    summary whose links lead to the confirm boxes; once ticked, the flow goes on, and the result still equals the
    page's own command line."""
    page = flow_page
    start_over(page)
    page.set_input_files("#file-input", {"name": "tiny.csv", "mimeType": "text/csv", "buffer": UNSURE})
    idle(page)
    expect(page.locator("#fact-0-delimiter .fact-value")).to_contain_text("Unsure")
    click_and_wait(page, "#found-next")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator("#error-summary-list li")).to_have_count(2)
    expect(summary).to_contain_text("Check the delimiter of tiny.csv")
    expect(page.locator("#step-found")).to_be_visible()
    page.locator("#error-summary-list a").first.click()
    expect(page.locator("#confirm-0-delimiter")).to_be_focused()
    page.check("#confirm-0-delimiter")
    click_and_wait(page, "#found-next")
    expect(page.locator("#error-summary-list li")).to_have_count(1)     # the quoting is still to be checked
    page.check("#confirm-0-quotechar")
    click_and_wait(page, "#found-next")
    expect(page.locator("#step-match")).to_be_visible()
    expect(summary).to_be_hidden()
    click_and_wait(page, "#match-next")
    click_and_wait(page, "#review-next")
    _, csv = download_bytes(page, "#download-csv")
    (tmp_path / "tiny.csv").write_bytes(UNSURE)
    words = shlex.split(page.locator("#command-text").inner_text().replace("\\\n", " "))
    r = run_cli(*words[1:], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / words[words.index("-o") + 1]).read_bytes() == csv
    assert b"Smith, J" in csv
    start_over(page)


DROP = """([names, text]) => { const dt = new DataTransfer();
  for (const n of names) dt.items.add(new File([text], n, { type: 'text/csv' }));
  return dt; }"""


def test_a_file_dropped_on_the_zone_is_read(flow_page):
    page = flow_page
    start_over(page)
    data = SAMPLE_LIST["filevine"]["path"].read_text(encoding="utf-8")
    two = page.evaluate_handle(DROP, [["a.csv", "b.csv"], data])
    page.dispatch_event("#drop-zone", "dragenter", {"dataTransfer": two})
    expect(page.locator("#drop-zone")).to_have_class(re.compile(r"\bdrag-over\b"))
    expect(page.locator("#status")).to_have_text("Over the drop zone: let go to read the file.")
    page.dispatch_event("#drop-zone", "drop", {"dataTransfer": two})
    expect(page.locator("#error-summary")).to_contain_text("Drop one export file at a time")
    expect(page.locator("#drop-zone")).not_to_have_class(re.compile(r"\bdrag-over\b"))
    # a file dropped beside the zone is not opened by the browser in place of the page
    assert page.evaluate("""(dt) => !document.querySelector('footer').dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))""", two) is True
    one = page.evaluate_handle(DROP, [["dropped projects.csv"], data])
    page.dispatch_event("#drop-zone", "drop", {"dataTransfer": one})
    idle(page)
    page.wait_for_selector("#step-found:not([hidden])")
    expect(page.locator("#error-summary")).to_be_hidden()
    expect(page.locator("#found-lead")).to_contain_text("dropped projects.csv")
    expect(page.locator("#fact-0-system .fact-value")).to_contain_text("Filevine")
    start_over(page)
