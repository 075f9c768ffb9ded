"""The app in a real browser (Debian's headless Chromium through Playwright).

One Streamlit server is started for the module. The first page any browser asks it for is the deep
link /kinh_te: with a `pages/` folder that is the case where Streamlit can skip the shared set-up
(stack-notes.md, "Multipage: the pages/ folder pitfall"); the test proves the sidebar navigation and
the page title are there. Then every page is opened by its own link at a laptop (1366×768) and a
phone (390×844) size, screenshots go to artifacts/screenshots/, and the time from opening a page to
its first chart is written to artifacts/page_load_times.json.
"""
from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from browser_support import APP_IDLE, CHART, CHROMIUM, WAIT_MS, wait_idle

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LOAD_TIMES = ARTIFACTS / "page_load_times.json"
DESKTOP = (1366, 768)
PHONE = (390, 844)

# name → (path with query, has charts, title expected in Vietnamese)
PAGES = {
    "overview": ("/", True, "Chỉ tiêu – Huyện Tiểu Cần"),
    "kinh_te": ("/kinh_te", True, "Kinh tế"),
    "van_hoa_xa_hoi": ("/van_hoa_xa_hoi", True, "Văn hóa – Xã hội"),
    "an_ninh_trat_tu": ("/an_ninh_trat_tu", True, "An ninh – Trật tự"),
    "xay_dung_dang": ("/xay_dung_dang", True, "Xây dựng Đảng – Hệ thống chính trị"),
    "chi_tieu": ("/chi_tieu?id=health_insurance_coverage", True, "Tỷ lệ dân số tham gia bảo hiểm y tế"),
    "du_lieu": ("/du_lieu", False, "Dữ liệu"),
    "tien_do": ("/tien_do", True, "Tiến độ thực hiện chỉ tiêu năm 2022"),
}
NAV_LABELS = ["Tổng quan", "Kinh tế", "Văn hóa – Xã hội", "An ninh – Trật tự", "Xây dựng Đảng", "Chỉ tiêu", "Dữ liệu", "Tiến độ trong năm"]

chromium_path = CHROMIUM
if chromium_path is None:
    pytest.skip("Debian's chromium is not installed (make chromium); browser tests skipped",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

load_times: dict[str, dict] = {}


def _open(page, url: str, has_charts: bool) -> float:
    """Open `url`, wait until the page is drawn and idle; seconds from opening to the first chart
    (to the table on the data page)."""
    started = time.monotonic()
    page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
    wanted = CHART if has_charts else '[data-testid="stDataFrame"]'
    try:
        page.wait_for_selector(wanted, timeout=WAIT_MS)
    except sync_api.TimeoutError:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"FAILED-{url.split('/', 3)[-1].replace('?', '_').replace('/', '_') or 'overview'}.png"
        page.screenshot(path=str(shot), full_page=True)
        boxes = page.evaluate("""(sel) => Array.from(document.querySelectorAll(sel)).map(
            e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })""", wanted)
        pytest.fail(f"{url}: {wanted} not visible after {WAIT_MS / 1000:.0f} s (found {boxes}); see {shot}")
    elapsed = time.monotonic() - started
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    page.wait_for_selector("h1", timeout=WAIT_MS)
    return elapsed


def _assert_no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, "an exception box is on the page"
    body = page.locator("body").inner_text()
    assert "Traceback" not in body
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, body[:500]


def _record(name: str, **values) -> None:
    load_times.setdefault(name, {}).update({k: round(v, 3) if isinstance(v, float) else v
                                           for k, v in values.items()})
    ARTIFACTS.mkdir(exist_ok=True)
    LOAD_TIMES.write_text(json.dumps(load_times, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")


def _screenshots(page, name: str, width: int, height: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}x{height}.png"))
    full = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, int(full))})
    page.wait_for_timeout(600)  # charts re-measure their width on resize
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-full.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": height})


@pytest.fixture
def desktop_page(browser):
    """A new reader's page at desktop size (downloads allowed), closed after the test."""
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, locale="vi-VN",
                                  accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser):
    """A new reader's page on a phone (390×844, touch), closed after the test."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, locale="vi-VN",
                                  is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def first_visit(server, browser):
    """The server's very first page request: the deep link /kinh_te. Every other browser test
    depends on this fixture, so the deep link comes first whichever tests are selected."""
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, locale="vi-VN")
    page = context.new_page()
    try:
        elapsed = _open(page, f"{server['url']}/kinh_te", has_charts=True)
        facts = {
            "seconds": elapsed,
            "title": page.locator("h1").first.inner_text(),
            "nav": page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]').all_inner_texts(),
            "tab_title": page.title(),
            "has_language_switch": page.locator('[data-testid="stSidebar"] button').filter(has_text="English").count(),
            "exception_boxes": page.locator('[data-testid="stException"]').count(),
        }
        _record("kinh_te", first_request_cold_s=elapsed)
        yield facts
    finally:
        context.close()


@pytest.fixture(scope="module")
def base_url(server, first_visit) -> str:
    return server["url"]


def test_deep_link_on_fresh_server_runs_the_shared_setup(first_visit):
    """The multipage pitfall: a first request to /kinh_te must still get the full app."""
    assert first_visit["exception_boxes"] == 0
    assert first_visit["title"] == "Kinh tế"
    nav = [" ".join(text.split()) for text in first_visit["nav"]]
    for label in NAV_LABELS:
        assert any(item.endswith(label) for item in nav), (label, nav)
    assert len(nav) == len(NAV_LABELS) + 1, "the leaders' pages, and the staff door at the bottom"
    assert nav[-1].endswith("Nhập báo cáo (văn phòng)")
    assert first_visit["has_language_switch"] == 1
    # set_page_config ran: the tab carries the page's title, not the file name.
    assert first_visit["tab_title"].startswith("Kinh tế"), first_visit["tab_title"]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_by_deep_link(browser, base_url, name):
    path, has_charts, title = PAGES[name]
    for width, height in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN",
                                      is_mobile=(width, height) == PHONE, has_touch=(width, height) == PHONE)
        page = context.new_page()
        try:
            elapsed = _open(page, base_url + path, has_charts)
            if (width, height) == DESKTOP:
                _record(name, open_to_chart_s=elapsed)
            else:
                _record(name, phone_open_to_chart_s=elapsed)
            _assert_no_error(page)
            assert page.locator("h1").first.inner_text().strip() == title
            if has_charts:
                assert page.locator(CHART).count() >= 1
            else:
                assert page.get_by_role("button", name="Tải CSV (mở được bằng Excel)").count() == 1
            _screenshots(page, name, width, height)
        finally:
            context.close()


def _open_economy_missed_and_switch_to_english(page, base_url) -> float:
    _open(page, f"{base_url}/kinh_te?status=not_met", has_charts=True)
    _assert_no_error(page)
    statuses = page.locator('[data-testid="stButtonGroup"]').filter(has_text="Đánh giá")
    assert statuses.locator('button[aria-pressed="true"]').all_inner_texts() == ["Không đạt"]
    assert "Đang xem: Không đạt" in page.locator("body").inner_text()

    started = time.monotonic()
    page.locator('[data-testid="stSidebar"] button').filter(has_text="English").click()
    page.wait_for_url("**lang=en**", timeout=WAIT_MS)
    page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText.trim() === 'Economy'",
                           timeout=WAIT_MS)
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    return time.monotonic() - started


def test_url_state_and_language_switch(desktop_page, base_url):
    page = desktop_page
    _record("kinh_te", language_switch_s=_open_economy_missed_and_switch_to_english(page, base_url))
    assert "lang=en" in page.url
    assert "status=not_met" in page.url, page.url  # the filter survives the language switch
    assert page.locator("h1").first.inner_text().strip() == "Economy"
    assert "Showing: Not met — " in page.locator("body").inner_text()
    _assert_no_error(page)


def test_language_switch_leaves_no_vietnamese_label(desktop_page, base_url):
    page = desktop_page
    _open_economy_missed_and_switch_to_english(page, base_url)
    page.wait_for_timeout(500)
    statuses = page.locator('[data-testid="stButtonGroup"]').filter(has_text="Status")
    tags = statuses.locator('button[aria-pressed="true"]').all_inner_texts()
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert tags == ["Not met"], tags
    assert "Ngôn ngữ" not in sidebar and "Language" in sidebar


def test_filter_change_redraws_and_updates_url(desktop_page, base_url):
    page = desktop_page
    _open(page, f"{base_url}/kinh_te", has_charts=True)
    page.get_by_role("button", name="Lọc thêm").click()
    menu = page.locator('[data-testid="stPopoverBody"]')
    menu.get_by_role("button", name="Nông nghiệp", exact=True).click()
    page.wait_for_url("**group=agriculture**", timeout=WAIT_MS)
    wait_idle(page)
    # The menu stays open through its own reruns: the search is still in reach.
    search = menu.get_by_role("textbox", name="Tìm chỉ tiêu")
    started = time.monotonic()
    search.fill("lua")
    search.press("Enter")
    page.wait_for_url("**q=lua**", timeout=WAIT_MS)
    page.wait_for_function("() => document.body.innerText.includes('Đang xem: Nông nghiệp; “lua”')", timeout=WAIT_MS)
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    _record("kinh_te", search_rerun_s=time.monotonic() - started)
    _assert_no_error(page)


def test_bad_link_shows_notice_in_browser(desktop_page, base_url):
    page = desktop_page
    _open(page, f"{base_url}/kinh_te?status=bogus&zzz=1&group=%3Cscript%3E", has_charts=True)
    _assert_no_error(page)
    assert "Đường dẫn có tham số không hợp lệ" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "zzz" not in page.url and "bogus" not in page.url


@pytest.mark.parametrize("name", ["overview", "kinh_te", "an_ninh_trat_tu"])
def test_no_sideways_scroll_on_a_phone(phone_page, base_url, name):
    page = phone_page
    path, has_charts, _ = PAGES[name]
    _open(page, base_url + path, has_charts)
    page.wait_for_timeout(500)
    widths = page.evaluate("""() => ({doc: document.documentElement.scrollWidth,
                                      body: document.body.scrollWidth,
                                      main: document.querySelector('[data-testid="stMain"]').scrollWidth})""")
    assert widths["doc"] <= PHONE[0] + 1, widths
    assert widths["main"] <= PHONE[0] + 1, widths
    # The page's buttons share one row on a phone instead of a screen-wide row each.
    labels = ["Trình chiếu", "Chia sẻ", "Tải về"] if name == "overview" else ["Chia sẻ", "Tải về"]
    tops = page.evaluate("""(labels) => labels.map(label => {
        const button = [...document.querySelectorAll('[data-testid="stMain"] button')]
            .find(b => b.innerText.includes(label));
        return button ? Math.round(button.getBoundingClientRect().top) : null; })""", labels)
    assert None not in tops and len(set(tops)) == 1, dict(zip(labels, tops))


def test_indicator_figures_are_whole_on_a_phone(phone_page, base_url):
    # Two figures a row on a phone; a long one ("≈ 8.604,1 tỷ đồng") wraps instead of being cut.
    page = phone_page
    _open(page, f"{base_url}/chi_tieu?id=production_value", has_charts=True)
    figures = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(v => ({
        text: v.innerText, top: Math.round(v.getBoundingClientRect().top),
        cut: [v, ...v.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)}))""")
    assert len(figures) == 4, figures
    assert not any(figure["cut"] for figure in figures), figures
    assert "8.839,9 tỷ đồng" in figures[0]["text"] and "8.604,1 tỷ đồng" in figures[1]["text"], figures
    assert figures[0]["top"] == figures[1]["top"] and figures[2]["top"] == figures[3]["top"] > figures[0]["top"], figures


def test_a_status_pill_filters_and_a_table_name_opens_its_indicator(desktop_page, base_url):
    page = desktop_page
    _open(page, f"{base_url}/kinh_te", has_charts=True)
    statuses = page.locator('[data-testid="stButtonGroup"]').filter(has_text="Đánh giá")
    statuses.get_by_role("button", name="Không đạt", exact=True).click()
    page.wait_for_url("**status=not_met**", timeout=WAIT_MS)
    page.wait_for_function("() => document.body.innerText.includes('Đang xem: Không đạt')", timeout=WAIT_MS)
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    table = page.locator('[data-testid="ct-indicator-table"]')
    assert set(table.locator("tbody tr td:nth-child(5)").all_inner_texts()) == {"▼ Không đạt"}
    first = table.locator("tbody tr td:first-child a").first
    name = first.inner_text().strip()
    first.click()
    page.wait_for_url("**/chi_tieu?id=**", timeout=WAIT_MS)
    page.wait_for_function("(name) => document.querySelector('h1') && document.querySelector('h1').innerText.trim() === name",
                           arg=name, timeout=WAIT_MS)
    _assert_no_error(page)


def test_share_and_take_away_menus_draw_this_view_when_opened(desktop_page, base_url):
    """The menus draw their content only when opened: the link then holds the filters, and the
    Excel file downloaded from the menu holds only the indicators in view."""
    import openpyxl

    page = desktop_page
    _open(page, f"{base_url}/kinh_te?status=not_met", has_charts=True)
    assert page.locator('[data-testid="ct-share-link"]').count() == 0, "nothing drawn while the menu is closed"
    page.locator('[data-testid="stPopover"] button').filter(has_text="Chia sẻ").click()
    link = page.locator('[data-testid="ct-share-link"]')
    link.wait_for(timeout=WAIT_MS)
    assert "/kinh_te?status=not_met" in link.input_value()
    # By touch: the link is plain text in a field, and a button (not a hover icon) copies it.
    page.locator('[data-testid="ct-share-copy"]').click()
    page.get_by_text("Đã sao chép").wait_for(timeout=WAIT_MS)
    copied = page.evaluate("() => window.getSelection().toString() || document.activeElement.value")
    # the link names the snapshot it was made on, so it keeps showing these numbers
    assert "status=not_met&snap=" in copied and "/kinh_te?status=not_met&snap=" in link.input_value()
    page.keyboard.press("Escape")
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)

    page.locator('[data-testid="stPopover"] button').filter(has_text="Tải về").click()
    excel = page.get_by_role("button", name="Tải Excel (.xlsx)")
    excel.wait_for(timeout=WAIT_MS)
    with page.expect_download(timeout=WAIT_MS) as download:
        excel.click()
    assert download.value.suggested_filename.endswith(".xlsx"), download.value.suggested_filename
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "Kinh tế" in workbook.sheetnames
    header = [cell.value for cell in workbook["Kinh tế"][1]]
    status_column = header.index("Đánh giá")
    shown = {row[status_column] for row in workbook["Kinh tế"].iter_rows(min_row=2, values_only=True)}
    assert shown == {"▼ Không đạt"}, shown
    _assert_no_error(page)
