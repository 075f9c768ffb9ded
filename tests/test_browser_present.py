"""Meeting mode in a real browser: a clicker's PageDown/PageUp and the arrow keys walk the deck,
the URL follows, and every slide is photographed at projector size."""
from __future__ import annotations

import pytest
from browser_support import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, REPO, WAIT_MS, streamlit_server, wait_idle

from lib.web.present import SLIDES

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
SCREENSHOTS = REPO / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("home")) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _slide_in_url(page) -> int:
    return int(page.url.split("slide=")[1].split("&")[0])


def test_walk_the_deck_with_the_keyboard_at_projector_size(server, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1920, 1080), (1366, 768)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{server['url']}/?present=1&slide=1", timeout=WAIT_MS)
        page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
        assert page.locator('[data-testid="stSidebar"]').is_hidden(), "no sidebar on a slide"
        for number in range(1, len(SLIDES) + 1):
            wait_idle(page)
            assert _slide_in_url(page) == number
            assert page.locator('[data-testid="stException"]').count() == 0
            page.screenshot(path=str(SCREENSHOTS / f"present-{number}-{width}x{height}.png"))
            if number < len(SLIDES):
                page.keyboard.press("PageDown" if number % 2 else "ArrowRight")
                page.wait_for_url(f"**slide={number + 1}**", timeout=WAIT_MS)
        page.keyboard.press("PageUp")
        page.wait_for_url(f"**slide={len(SLIDES) - 1}**", timeout=WAIT_MS)
        page.keyboard.press("ArrowLeft")
        page.wait_for_url(f"**slide={len(SLIDES) - 2}**", timeout=WAIT_MS)
        page.close()


def test_slide_text_is_readable_from_the_back_of_the_room(server, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server['url']}/?present=1&slide=1", timeout=WAIT_MS)
    # The slide counter is drawn after the slide's style, so once it shows the style is in the page.
    page.get_by_text(f"1 / {len(SLIDES)}", exact=True).wait_for(timeout=WAIT_MS)
    wait_idle(page)
    title = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    body = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert title >= 44 and body >= 20, (title, body)
    page.close()
