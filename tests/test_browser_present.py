"""Meeting mode in a real browser: every slide fits the screen at four projector and laptop sizes
with text read from the back of the room, no slide that could grow leaves over 15% of a 1366×768
frame empty, and the keys a clicker sends work from a fresh load.
Every slide is photographed at each size (artifacts/screenshots/present-<n>-<size>.png)."""
from __future__ import annotations

import pytest
from browser_support import APP_IDLE, CHROMIUM, REPO, WAIT_MS

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
SCREENSHOTS = REPO / "artifacts" / "screenshots"
SIZES = ((1024, 768), (1366, 768), (1600, 900), (1920, 1080))

# What the slide shown holds: how far any element reaches past the screen (or into the footer's
# band), the smallest text drawn (SVG text scaled as drawn), and the deck's body text size.
MEASURE = """() => {
  const slide = document.querySelector('.ct-deck .ct-slide.on');
  const foot = document.querySelector('.ct-deck .ct-deck-foot').getBoundingClientRect();
  let past = 0, smallest = 1e9, where = '';
  for (const e of slide.querySelectorAll('*')) {
    const box = e.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    past = Math.max(past, box.bottom - foot.top, box.right - innerWidth, -box.left, -box.top);
    const ownText = [...e.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!ownText) continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    if (e instanceof SVGElement) size *= e.getScreenCTM().a;
    if (size < smallest) { smallest = size; where = e.textContent.trim().slice(0, 40); }
  }
  const page = document.scrollingElement;
  return {past, smallest, where, body: parseFloat(getComputedStyle(document.querySelector('.ct-deck')).fontSize),
          scrolls: page.scrollHeight > innerHeight + 1 || slide.scrollHeight > slide.clientHeight + 1,
          shown: Number(slide.dataset.slide), count: Number(document.querySelector('.ct-deck').dataset.count)};
}"""


# How much of the frame's height (from under the slide's top margin to the footer) the shown slide's
# content takes, whether it holds a chart as wide as its body, and the growth its text was given.
FILL = """() => {
  const slide = document.querySelector('.ct-deck .ct-slide.on'), body = slide.querySelector('.ct-body');
  const foot = document.querySelector('.ct-deck .ct-deck-foot').getBoundingClientRect();
  const top = slide.getBoundingClientRect().top + parseFloat(getComputedStyle(slide).paddingTop);
  let bottom = top;
  for (const e of slide.querySelectorAll('*')) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    const style = getComputedStyle(e), box = e.getBoundingClientRect();
    const drawn = !e.children.length || e.tagName.toLowerCase() === 'svg' || parseFloat(style.borderTopWidth) > 0;
    if (drawn && (box.width || box.height)) bottom = Math.max(bottom, box.bottom);
  }
  const wide = [...body.querySelectorAll('figure svg')].some(
    (svg) => svg.getBoundingClientRect().width >= 0.95 * body.getBoundingClientRect().width);
  return {used: (bottom - top) / (foot.top - top), wide, grow: Number(slide.dataset.grow || 1),
          part: Number(slide.dataset.part), parts: Number(slide.dataset.parts), items: Number(slide.dataset.items)};
}"""
GROW = 1.6  # the most a slide's text grows (lib/render/templates/deck.js)


def short_for_no_reason(fill: dict) -> bool:
    """More than 15% of the frame empty on a slide whose content could grow: not a chart already as
    wide as the frame, text not yet at its largest, and not the one item left over for a last part."""
    leftover = fill["parts"] > 1 and fill["part"] == fill["parts"] and fill["items"] == 1
    return fill["used"] < 0.85 and not fill["wide"] and fill["grow"] < GROW - 0.01 and not leftover


def test_the_fill_rule():
    full = {"used": 0.9, "wide": False, "grow": 1.2, "part": 1, "parts": 1, "items": 3}
    assert not short_for_no_reason(full)
    assert short_for_no_reason({**full, "used": 0.8})
    assert not short_for_no_reason({**full, "used": 0.6, "wide": True})
    assert not short_for_no_reason({**full, "used": 0.5, "grow": GROW})
    assert not short_for_no_reason({**full, "used": 0.5, "part": 2, "parts": 2, "items": 1})
    assert short_for_no_reason({**full, "used": 0.5, "part": 2, "parts": 2, "items": 2})


def _open(browser, server, width: int, height: int, slide: int = 1):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server['url']}/?present=1&slide={slide}", timeout=WAIT_MS)
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    page.wait_for_selector(".ct-deck .ct-slide.on", timeout=WAIT_MS)
    return page


def _shown(page) -> tuple[int, str, str]:
    """The slide shown, the counter and the URL's slide."""
    number = int(page.get_attribute(".ct-deck .ct-slide.on", "data-slide"))
    counter = page.inner_text('[data-testid="ct-deck-count"]')
    return number, counter, page.url.split("slide=")[1].split("&")[0]


@pytest.mark.parametrize("width, height", SIZES)
def test_every_slide_fits_the_screen_with_text_for_the_room(server, browser, width, height):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = _open(browser, server, width, height)
    assert page.locator('[data-testid="stSidebar"]').is_hidden(), "no sidebar on a slide"
    count = page.evaluate(MEASURE)["count"]
    assert count >= 15
    problems, fills = [], []
    for number in range(1, count + 1):
        measured = page.evaluate(MEASURE)
        assert measured["shown"] == number
        page.screenshot(path=str(SCREENSHOTS / f"present-{number}-{width}x{height}.png"))
        if measured["scrolls"] or measured["past"] > 1:
            problems.append((number, "does not fit", measured))
        # 18 px at 1366×768, and as much more as the screen is taller.
        if measured["smallest"] < 18 * height / 768 - 0.5:
            problems.append((number, "text too small", measured))
        if measured["body"] < 0.029 * min(height, 0.75 * width):
            problems.append((number, "body text under 3% of the height", measured))
        if (width, height) == (1366, 768):
            fill = page.evaluate(FILL)
            fills.append(f"{number}: {fill['used']:.0%}")
            if short_for_no_reason(fill):
                problems.append((number, "leaves over 15% of the frame empty", fill))
        page.keyboard.press("PageDown")
    assert not problems, (problems, fills)
    if fills:
        print(f"{width}x{height} share of the frame used:", ", ".join(fills))
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_a_clickers_keys_work_from_a_fresh_load(server, browser):
    page = _open(browser, server, 1366, 768)
    count = page.evaluate(MEASURE)["count"]
    expected = 1
    for key, step in (("ArrowRight", 1), ("ArrowDown", 1), ("PageDown", 1), ("Space", 1), ("Enter", 1),
                      ("ArrowLeft", -1), ("ArrowUp", -1), ("PageUp", -1), ("Backspace", -1)):
        page.keyboard.press(key)
        expected += step
        assert _shown(page) == (expected, f"{expected}/{count}", str(expected)), key
    page.keyboard.press("End")
    assert _shown(page) == (count, f"{count}/{count}", str(count))
    page.keyboard.press("PageDown")
    assert _shown(page)[0] == count, "the last slide stays the last"
    page.keyboard.press("Home")
    assert _shown(page) == (1, f"1/{count}", "1")
    page.keyboard.press("PageUp")
    assert _shown(page)[0] == 1, "the first slide stays the first"
    black = page.locator(".ct-deck .ct-black")
    for key in ("b", "."):
        page.keyboard.press(key)
        assert black.is_visible(), key
        page.screenshot(path=str(SCREENSHOTS / "present-black-1366x768.png"))
        page.keyboard.press("PageDown")
        assert black.is_hidden() and _shown(page)[0] == 1, "any key lights the screen again, without moving"
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=WAIT_MS)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null", timeout=WAIT_MS)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present')", timeout=WAIT_MS)
    page.wait_for_selector(".ct-deck", state="detached", timeout=WAIT_MS)  # the deck leaves with the slides
    page.wait_for_selector('[data-testid="stMain"] h1:has-text("Chỉ tiêu – ")', timeout=WAIT_MS)
    page.close()


def test_a_link_opens_its_slide_and_the_buttons_move_by_touch(server, browser):
    page = _open(browser, server, 1024, 768, slide=5)
    count = page.evaluate(MEASURE)["count"]
    assert _shown(page) == (5, f"5/{count}", "5")
    page.click('.ct-deck [data-deck="next"]')
    assert _shown(page)[0] == 6
    page.click('.ct-deck [data-deck="prev"]')
    page.click('.ct-deck [data-deck="prev"]')
    assert _shown(page) == (4, f"4/{count}", "4")
    page.reload()
    page.wait_for_selector(".ct-deck .ct-slide.on", timeout=WAIT_MS)
    assert _shown(page)[0] == 4, "a reload opens the slide the URL names"
    page.close()
