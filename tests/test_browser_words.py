"""Leaders' screens in a real browser, in Vietnamese, on a phone (390×844) and a laptop (1366×768):
no English word of Streamlit's own (or a word table's key) on any page nor in a table's own menus
(column menu, statistics, toolbar tooltip, show/hide list), and no chart label drawn over another on
a phone. Screenshots: artifacts/screenshots/words-<page>-<size>.png, words-table-menu-<lang>-<size>.png."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import APP_IDLE, CHART, CHROMIUM, WAIT_MS, wait_idle

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "artifacts" / "screenshots"
SIZES = ((390, 844), (1366, 768))
PAGES = {"overview": "/", "kinh_te": "/kinh_te", "van_hoa_xa_hoi": "/van_hoa_xa_hoi",
         "an_ninh_trat_tu": "/an_ninh_trat_tu", "xay_dung_dang": "/xay_dung_dang",
         "chi_tieu": "/chi_tieu?id=budget_expenditure_local", "du_lieu": "/du_lieu", "tien_do": "/tien_do"}
# Words a Vietnamese page must never show: Streamlit's own, and word-table keys shown as themselves.
ENGLISH = ("Upload", "per file", "Select...", "No results", "None", "Download as CSV", "Choose an option",
           "Choose options", "No options to select", "good", "bad", "neutral", "not_met", "no_target",
           "over_estimate", "Exceeded", "Not met", "No plan",
           # a table's own menus (Streamlit 1.67's DataFrame and Toolbar scripts)
           "Sort ascending", "Sort descending", "Statistics", "Format", "Autosize", "Pin column", "Unpin column",
           "Hide column", "Copy column name", "Show/hide columns", "Select all", "(index)", "Fullscreen", "Search",
           "Values", "Empty", "Distinct", "Minimum length", "Maximum length", "Average length", "Based on sample")
# A table's own menus draw here (portals, toolbar): their visible words and the labels a pointer or reader gets.
MENU_WORDS = """() => Array.from(document.querySelectorAll(
    '#portal, #stFloatingOverlayPortal, [data-testid="stElementToolbar"]')).flatMap(root =>
  [root.innerText, ...Array.from(root.querySelectorAll('[aria-label], [title]')).filter(e => e.checkVisibility())
     .flatMap(e => [e.getAttribute('aria-label') || '', e.getAttribute('title') || ''])]).join(' | ')"""

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium); browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

# Every text of every chart drawn as SVG, with its box on the screen.
TEXT_BOXES = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]')).map((chart, index) =>
  Array.from(chart.querySelectorAll('svg text')).filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {chart: index, text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height,
            right: chart.getBoundingClientRect().right};
  }))"""


def _open(browser, url: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN",
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
    page.wait_for_selector("h1", timeout=WAIT_MS)
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    wait_idle(page)
    page.wait_for_timeout(800)  # charts measure their width
    return context, page


def english_on(words: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w.]){re.escape(w)}(?![\w])", words)]


def overlaps(boxes: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of texts of one chart whose boxes cross by more than `slack` px each way."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["chart"] != b["chart"]:
                continue
            wide = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            tall = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if wide > slack and tall > slack:
                found.append((a["text"], b["text"]))
    return found


def test_overlap_finds_a_label_drawn_over_a_name():
    name = {"chart": 0, "text": "Diện tích thả nuôi thủy sản", "x": 0, "y": 10, "w": 150, "h": 14}
    label = {"chart": 0, "text": "−20,92%", "x": 120, "y": 12, "w": 50, "h": 14}
    apart = {**label, "x": 160}
    assert overlaps([name, label]) == [("Diện tích thả nuôi thủy sản", "−20,92%")]
    assert overlaps([name, apart]) == []
    assert english_on("Chọn… · None · Tất cả") == ["None"] and english_on("Nonecase") == []


@pytest.mark.parametrize(("width", "height"), SIZES, ids=lambda v: str(v))
@pytest.mark.parametrize("name", PAGES)
def test_a_vietnamese_page_shows_no_english_word(server, browser, name, width, height):
    context, page = _open(browser, server["url"] + PAGES[name], width, height)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"words-{name}-{width}x{height}.png"), full_page=True)
        words = page.locator("body").inner_text()
        assert english_on(words) == [], f"{name} at {width}: {english_on(words)}"
        assert page.locator('[data-testid="stException"]').count() == 0
        # No page has a date input today; one added must have its calendar's words checked here.
        assert page.locator('[data-testid="stDateInput"]').count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("name", ["overview", "kinh_te", "van_hoa_xa_hoi", "tien_do"])
def test_no_chart_label_is_drawn_over_another_on_a_phone(server, browser, name):
    context, page = _open(browser, server["url"] + PAGES[name], 390, 844)
    try:
        page.wait_for_selector(CHART, timeout=WAIT_MS)
        boxes = [box for chart in page.evaluate(TEXT_BOXES) for box in chart]
        assert boxes, "the charts draw their texts as SVG text"
        assert overlaps(boxes) == [], overlaps(boxes)[:5]
        # nothing drawn past the chart's right edge (an axis title or a label cut off)
        cut = [b["text"] for b in boxes if b["x"] + b["w"] > b["right"] + 1]
        assert cut == [], cut
    finally:
        context.close()


@pytest.mark.parametrize("slide", [4, 6])
def test_slides_photographed_at_a_laptop(server, browser, slide):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{server['url']}/?present=1&slide={slide}", timeout=WAIT_MS)
        page.wait_for_selector(".ct-deck .ct-slide.on", timeout=WAIT_MS)
        page.wait_for_timeout(500)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"words-slide-{slide}-1366x768.png"))
        assert int(page.get_attribute(".ct-deck .ct-slide.on", "data-slide")) == slide
    finally:
        context.close()


def test_a_drop_down_with_nothing_to_show_says_so_in_vietnamese(server, browser):
    context, page = _open(browser, server["url"] + "/chi_tieu", 1366, 768)
    try:
        page.locator('[data-testid="stSelectbox"] input').first.click()
        page.keyboard.type("zzzzqq")
        page.wait_for_timeout(800)
        dropdown = page.locator('[data-testid="stSelectboxVirtualDropdown"]')
        assert "No results" not in dropdown.inner_text()
        drawn = page.evaluate("""() => { const s = document.querySelector(
            '[data-testid="stSelectboxVirtualDropdown"] [role="option"] > span');
            return s ? getComputedStyle(s, '::after').content : ''; }""")
        assert drawn == '"Không có mục nào khớp"', drawn
    finally:
        context.close()


def _table_menu_words(page, shot: str) -> str:
    """Open the data table's own menus as a reader would and return every word they show: the last
    column's menu (its button sits at the header's right end once the table is scrolled right), its
    statistics, the toolbar's first button's tooltip and the show/hide list it opens."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    page.evaluate("""() => { const s = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
                             s.scrollLeft = s.scrollWidth; }""")
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    x, y = box["x"] + box["width"] - 14, box["y"] + 18
    page.mouse.move(x - 40, y)
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    menu = page.locator('[data-testid="stDataFrameColumnMenu"]')
    menu.wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stDataFrameColumnMenu"] [aria-haspopup="true"]').first.hover()
    page.locator('[data-testid="stDataFrameStatisticsMenu"]').wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(300)
    words = page.evaluate(MENU_WORDS)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}-column.png"))
    page.keyboard.press("Escape")
    if menu.count():  # a cell the menus do not cover (at 390 px the statistics cover the top left)
        page.mouse.click(box["x"] + 30, min(box["y"] + box["height"], page.viewport_size["height"]) - 30)
    menu.wait_for(state="detached", timeout=WAIT_MS)
    grid.hover()
    button = page.locator('[data-testid="stElementToolbar"] [data-testid="stElementToolbarButton"] button').first
    button.hover()
    page.locator('[data-testid="stTooltipContent"]').wait_for(timeout=WAIT_MS)
    words += " | " + page.evaluate(MENU_WORDS)
    button.click()
    page.locator('[data-testid="stDataFrameColumnVisibilityMenu"]').wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}-columns.png"))
    return words + " | " + page.evaluate(MENU_WORDS)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=lambda v: str(v))
def test_a_tables_own_menus_speak_vietnamese(server, browser, width, height):
    context, page = _open(browser, server["url"] + "/du_lieu", width, height)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        words = _table_menu_words(page, f"words-table-menu-vi-{width}x{height}")
        assert "Sắp xếp tăng dần" in words and "Thống kê" in words and "Chọn tất cả" in words, words
        assert english_on(words) == [], english_on(words)
    finally:
        context.close()


def test_a_tables_own_menus_stay_english_on_an_english_page(server, browser):
    context, page = _open(browser, server["url"] + "/du_lieu?lang=en", 1366, 768)
    try:
        words = _table_menu_words(page, "words-table-menu-en-1366x768")
        assert "Sort ascending" in words and "Statistics" in words and "Select all" in words, words
        assert "Sắp xếp" not in words and "Thống kê" not in words
    finally:
        context.close()
