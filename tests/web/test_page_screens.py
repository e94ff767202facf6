"""Screenshots of each step in light and dark (issue 11), saved into docs/screenshots/ for the README:
1-choose, 2-found, 3-match, 4-review, 5-download, each -light.png and -dark.png, plus the review at 768 px wide
(4-review-768-light.png, 4-review-768-dark.png). The firm's own spreadsheet is used: it has warnings, errors and a
fix, so every part of the review shows. The test also checks what the pictures rely on: the theme really changes
the page's colours, nothing overflows sideways at 768 px, and each file is a PNG of the expected width."""
from __future__ import annotations

import struct

from playwright.sync_api import expect

from pagekit import SCREENSHOTS, boot, click_and_wait, idle, open_sample

WIDTH, HEIGHT = 1280, 900
STEPS = ["1-choose", "2-found", "3-match", "4-review", "5-download"]


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def shoot(page, name: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("(s) => matchMedia(`(prefers-color-scheme: ${s})`).matches", arg=scheme)
        bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert (luminance(bg) > 200) if scheme == "light" else (luminance(bg) < 50), (scheme, bg)
        path = SCREENSHOTS / f"{name}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
        width, height = png_size(path)
        assert width == page.viewport_size["width"] and height >= page.viewport_size["height"] - 1, (path, width, height)
    page.emulate_media(color_scheme="light")


def test_screenshots_of_every_step(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, accept_downloads=True)
    try:
        page = boot(context, server.url)
        expect(page.locator("#runtime-chip-text")).to_have_text("Ready offline ✓", timeout=60_000)
        shoot(page, "1-choose")
        open_sample(page, "firm")
        page.evaluate("() => window.scrollTo(0, 0)")
        shoot(page, "2-found")
        click_and_wait(page, "#found-next")
        page.evaluate("() => window.scrollTo(0, 0)")
        shoot(page, "3-match")
        click_and_wait(page, "#match-next")
        page.click("#fix-line-9")
        form = page.locator("form.fix-form")
        form.get_by_label("File No.", exact=True).fill("2024-032")
        form.get_by_role("button", name="Save and convert again").click()
        idle(page)
        page.click("#fix-line-11")                   # the second error's row, with its form open
        expect(form).to_be_visible()
        page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
        shoot(page, "4-review")
        page.set_viewport_size({"width": 768, "height": 1024})
        page.evaluate("() => window.scrollTo(0, 0)")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the review is {overflow} px wider than a 768 px window"
        shoot(page, "4-review-768")
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
        click_and_wait(page, "#review-next")
        page.evaluate("() => window.scrollTo(0, 0)")
        shoot(page, "5-download")
    finally:
        context.close()
    for step in STEPS + ["4-review-768"]:
        for scheme in ("light", "dark"):
            assert (SCREENSHOTS / f"{step}-{scheme}.png").stat().st_size > 20_000
