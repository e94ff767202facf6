"""Accessibility (issue 11).

1. axe-core on every step (1-5), with the fix form open and with "How we know" open, in the light and the dark theme
   (prefers-color-scheme, the page's default "Same as this computer"): no serious or critical violation; the others
   are printed. axe is served same-origin (/axe.min.js, copied into the test's site folder, never into web/): the
   page's CSP blocks inline scripts, which is what add_script_tag(path=...) would inject.
2. The whole flow by keyboard alone, from the top of the page: Tab / Shift+Tab / Enter / Space / Escape / arrows.
   A pointerdown recorder proves no mouse event happened.
"""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from pagekit import AXE_JS, REPO, boot, idle, open_sample, to_review

SERIOUS = {"serious", "critical"}
RUN_AXE = """async () => {
  const r = await axe.run(document, { resultTypes: ['violations'] });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}));
}"""


@pytest.fixture(scope="module")
def axe_url(site, server):
    shutil.copy(AXE_JS, site / "axe.min.js")
    return server.url


def axe(page, label: str, found: dict) -> None:
    """Run axe in both themes; keep what it found under `label`."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url="/axe.min.js")
        page.wait_for_function("() => typeof window.axe === 'object'")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("(s) => matchMedia(`(prefers-color-scheme: ${s})`).matches", arg=scheme)
        found[f"{label} ({scheme})"] = page.evaluate(RUN_AXE)
    page.emulate_media(color_scheme="light")


def test_axe_on_every_step_in_both_themes(context, axe_url):
    page = boot(context, axe_url)
    found: dict[str, list] = {}
    axe(page, "1 choose", found)
    open_sample(page, "firm")
    axe(page, "2 found", found)
    page.click("#found-next")
    idle(page)
    axe(page, "3 match", found)
    page.click("#match-next")
    idle(page)
    axe(page, "4 review", found)
    page.click("#fix-line-9")                       # a row with an error: the form shows the problem by its field
    expect(page.locator("form.fix-form [aria-invalid=true]")).not_to_have_count(0)
    axe(page, "4 review, fix form open", found)
    page.keyboard.press("Escape")
    page.click("#show-matter-id-rewritten")
    idle(page)
    axe(page, "4 review, rows filtered", found)
    page.click("#review-next")
    idle(page)
    axe(page, "5 download", found)
    page.locator("#how-we-know summary").click()
    expect(page.locator("#requests-table tbody tr")).not_to_have_count(0)
    axe(page, "how we know open", found)
    page.select_option("#theme", "dark")             # the footer's own choice overrides the system's
    found["how we know open (theme chosen: dark)"] = page.evaluate(RUN_AXE)
    page.select_option("#theme", "system")

    assert len(found) == 17
    serious = {k: [v for v in vs if v["impact"] in SERIOUS] for k, vs in found.items()}
    for label, vs in found.items():
        for v in vs:
            if v["impact"] not in SERIOUS:
                print(f"axe, {label}: {v['impact']} {v['id']}: {v['help']} {v['nodes']}")
    assert {k: v for k, v in serious.items() if v} == {}
    # control: the same call does report a serious violation once one is on the page
    page.evaluate("() => document.getElementById('main').append(document.createElement('button'))")
    assert "button-name" in {v["id"] for v in page.evaluate(RUN_AXE) if v["impact"] in SERIOUS}


# ------------------------------------------------------------------------------------------------------ keyboard
NO_POINTER = """() => {
  window.__pointer = [];
  for (const type of ['pointerdown', 'mousedown', 'wheel']) {
    document.addEventListener(type, (e) => window.__pointer.push(type), true);
  }
}"""


def active(page) -> str:
    return page.evaluate("() => document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : ''")


def tab_to(page, target: str, *, back: bool = False, limit: int = 200) -> int:
    """Press Tab (Shift+Tab with back) until the element with id `target` has focus; the number of presses."""
    key = "Shift+Tab" if back else "Tab"
    seen = []
    for n in range(1, limit + 1):
        page.keyboard.press(key)
        now = active(page)
        seen.append(now)
        if now == target:
            return n
    raise AssertionError(f"{key} never reached #{target}; focus went through {seen[:60]}")


def press_and_wait(page, key: str) -> None:
    page.keyboard.press(key)
    idle(page)


def test_the_whole_flow_by_keyboard_alone(context, server, tmp_path):
    page = boot(context, server.url)
    page.evaluate(NO_POINTER)
    assert active(page) == "BODY"

    # from the top: the skip link first, then into the steps
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the steps"
    page.keyboard.press("Enter")
    assert active(page) == "main"
    tab_to(page, "choose-button")
    tab_to(page, "sample-firm")
    press_and_wait(page, "Enter")
    expect(page.locator("#step-found")).to_be_visible()
    assert active(page) == "h-found"

    # step 2: a fact control with the arrow keys (a closed select changes with ArrowDown / ArrowUp), then on
    tab_to(page, "delimiter-0")
    press_and_wait(page, "ArrowDown")
    expect(page.locator("#delimiter-0")).to_have_value(";")
    expect(page.locator("#fact-0-delimiter")).to_contain_text("You chose this")
    assert active(page) == "delimiter-0"              # focus is kept on the control across the re-read
    press_and_wait(page, "ArrowUp")
    expect(page.locator("#delimiter-0")).to_have_value(",")
    tab_to(page, "detect-0-delimiter")
    press_and_wait(page, "Space")                     # "Detect it again": back to the detected delimiter
    expect(page.locator("#fact-0-delimiter")).not_to_contain_text("You chose this")
    tab_to(page, "found-next")
    press_and_wait(page, "Enter")
    expect(page.locator("#step-match")).to_be_visible()
    assert active(page) == "h-match"

    # step 3: change a target with the arrows, and back; Shift+Tab works too
    tab_to(page, "map-0-4")                           # Rate/hr -> Hourly Rate
    expect(page.locator("#map-0-4")).to_have_value("rate")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#map-0-4")).not_to_have_value("rate")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#map-0-4")).to_have_value("rate")
    tab_to(page, "match-next")
    tab_to(page, "map-0-8", back=True)
    tab_to(page, "match-next")
    press_and_wait(page, "Enter")
    expect(page.locator("#step-review")).to_be_visible()
    assert active(page) == "h-review"

    # step 4: the row filter is a radio group (arrows move the choice), then a Fix form opened and cancelled
    tab_to(page, "filter-all")
    press_and_wait(page, "ArrowRight")
    expect(page.locator("#filter-problems")).to_be_checked()
    expect(page.locator("#rows-range")).to_contain_text("problems")
    tab_to(page, "fix-line-9")
    press_and_wait(page, "Enter")
    form = page.locator("form.fix-form")
    expect(form).to_be_visible()
    assert active(page).startswith("fix-9-")          # focus moved into the form, on the field with the problem
    press_and_wait(page, "Escape")
    expect(form).to_have_count(0)
    assert active(page) == "fix-line-9"               # and came back to its Fix button
    press_and_wait(page, "Space")                     # again, closed with its Cancel button this time
    expect(form).to_be_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Cancel":
            break
    else:
        raise AssertionError("Tab never reached the form's Cancel button")
    press_and_wait(page, "Enter")
    expect(form).to_have_count(0)
    assert active(page) == "fix-line-9"
    tab_to(page, "review-next")
    press_and_wait(page, "Enter")
    expect(page.locator("#step-download")).to_be_visible()
    assert active(page) == "h-download"

    # step 5: the download itself, by Enter on the link
    tab_to(page, "download-csv")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    data = (tmp_path / "out.csv")
    info.value.save_as(data)
    expected = (REPO / "tests" / "data" / "matters" / "firm" / "expected.csv").read_bytes()
    assert data.read_bytes() == expected                # the suggestions, unchanged, as the CLI's golden file
    assert page.evaluate("() => window.__pointer") == []
