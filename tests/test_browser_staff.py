"""The whole staff path in a real browser, through the page alone: sign in, upload a file that is not
a report and read why, upload a report never seen before (another district's 2023 year-end report),
make the indicator it needs, give it to its rows, tick with one click, check, see what will change,
publish, and see the new unit in the leaders' explorer. Every click is counted."""
from __future__ import annotations

import re

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, REPO, WAIT_MS, staff_server, wait_idle
from fixtures.bad_files import png

from lib.data.snapshot import scan

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

PASSWORD = "mat-khau-cua-van-phong"
NEW_REPORT = REPO / "tests" / "fixtures" / "bao-cao-ben-song-2023.txt"
SHOTS = REPO / "artifacts" / "screenshots"


@pytest.fixture
def running(tmp_path):
    with staff_server(tmp_path, PASSWORD) as served:
        yield served


class Clicks:
    """Counts what the staff member does: clicks and choices (typing into a box is not counted)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        locator.click()
        self.count += 1
        wait_idle(self.page)

    def choose(self, label: str, option: str) -> None:
        """A selectbox: one click to open it, one on the option."""
        self.click(self.page.get_by_label(label, exact=True))
        self.click(self.page.get_by_role("option", name=option, exact=True))

    def at(self, x: float, y: float) -> None:
        self.page.mouse.click(x, y)
        self.count += 1
        wait_idle(self.page)


def focus_state(page) -> str:
    """The line under the row picker: the row's tick, indicator and kind as they stand."""
    return page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="Nhận ·").first.inner_text()


def test_a_new_staff_member_publishes_an_unseen_report_through_the_page_alone(running):
    server, data = running
    before = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        you = Clicks(page)
        page.goto(f"{server['url']}/nhap_bao_cao", timeout=WAIT_MS)
        wait_idle(page)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0, "the door is shut"
        page.get_by_label("Mật khẩu văn phòng").fill(PASSWORD)
        you.click(page.get_by_role("button", name="Vào"))
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=WAIT_MS)
        # Streamlit's uploader says "Upload" and "48MB per file"; the Vietnamese page draws its own words.
        drawn = page.evaluate("""() => {
            const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
            const said = el => [getComputedStyle(el, '::after').content, getComputedStyle(el).fontSize];
            return [said(zone.querySelector('button p')),
                    said(zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span'))];
        }""")
        assert drawn == [['"Chọn tệp"', "0px"], ['"Tối đa 48 MB mỗi tệp"', "0px"]], drawn
        uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')

        # A photo renamed .docx: a Vietnamese reason and fix, and the page goes on.
        uploader.set_input_files(files=[{"name": "bao-cao.docx", "mimeType": "application/octet-stream",
                                         "buffer": png()}])
        you.count += 1
        page.get_by_text("là ảnh PNG, không phải văn bản").wait_for(timeout=WAIT_MS)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(SHOTS / "staff-bad-file-1366x900.png"))

        uploader.set_input_files(str(NEW_REPORT))
        you.count += 1
        page.get_by_role("button", name="Kiểm tra").wait_for(timeout=WAIT_MS)
        wait_idle(page)
        page.get_by_label("Mã đơn vị (không dấu, ví dụ cau-ke)").fill("ben-song")
        page.get_by_label("Tên đơn vị", exact=True).fill("Huyện Bến Sông")
        page.keyboard.press("Tab")
        wait_idle(page)

        # The pig herd has no indicator yet: make one, with the unit list.
        you.click(page.get_by_text("Tạo chỉ tiêu mới"))
        page.get_by_label("Tên chỉ tiêu (tiếng Việt)").fill("Tổng đàn heo")
        you.choose("Đơn vị tính", "con")
        you.choose("Nhóm", "Nông nghiệp")
        you.click(page.get_by_role("button", name="Thêm chỉ tiêu"))
        page.get_by_text("Đã thêm chỉ tiêu “Tổng đàn heo”").wait_for(timeout=WAIT_MS)

        # Give it to its two rows, found by typing without diacritics.
        for number in ("58.400", "4,2"):
            you.click(page.get_by_label("Dòng đang xem"))
            page.keyboard.type(f"· {number} ·")  # the list filters as one types; Enter takes the match
            page.keyboard.press("Enter")
            wait_idle(page)
            page.get_by_label("Tìm chỉ tiêu cho dòng này (gõ không dấu cũng được)").fill("dan heo")
            page.keyboard.press("Tab")
            wait_idle(page)
            you.click(page.get_by_role("button", name=re.compile(r"Gán cho dòng")))
            assert "Tổng đàn heo" in focus_state(page) and "☑" in focus_state(page)
        row = int(page.get_by_label("Dòng đang xem").input_value().split(" · ")[0])

        # One click per tick, on the grid itself: untick the row in focus, then tick it again.
        page.locator('[data-testid="stDataFrame"]').scroll_into_view_if_needed()
        grid = page.locator('[data-testid="stDataFrame"]').bounding_box()
        header, height = 35, 35
        index_width = 50  # the row numbers; the box sits in the middle of its 64 px column
        x = grid["x"] + index_width + 32
        y = grid["y"] + header + height * (row - 1) + height / 2  # the review counts its rows from 1
        you.at(x, y)
        assert focus_state(page).startswith("☐"), "one click unticks"
        you.at(x, y)
        assert focus_state(page).startswith("☑"), "one click ticks again"

        you.click(page.get_by_role("button", name="Kiểm tra"))
        page.get_by_text(re.compile(r"Không có lỗi: có thể công bố\.|lỗi cần sửa")).first.wait_for(timeout=WAIT_MS)
        checked = page.locator("body").inner_text()
        assert "Không có lỗi: có thể công bố." in checked, checked[checked.find("lỗi cần sửa") - 40:][:600]
        page.get_by_text("Đơn vị báo cáo mới: ben-song").wait_for(timeout=WAIT_MS)
        page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "staff-review-1366x900.png"))
        page.get_by_text("Báo cáo này nói về").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "staff-review-top-1366x900.png"))
        you.click(page.get_by_role("button", name="Công bố bản dữ liệu mới"))
        page.get_by_text("Đã công bố bản dữ liệu").wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        after = {s.snapshot_id for s in scan(data / "snapshots")[0]}
        assert before < after, "a new snapshot beside the earlier ones"
        (new,) = after - before
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert new in sidebar, "the sidebar names the new snapshot at once"
        page.screenshot(path=str(SHOTS / "staff-published-1366x900.png"))
        print(f"\nthe walk took {you.count} clicks and choices")
        assert you.count <= 20

        # A leader's page on the same running server shows the new unit, its pig herd included.
        leader = browser.new_page(viewport={"width": 1366, "height": 768})
        leader.goto(f"{server['url']}/?unit=ben-song", timeout=WAIT_MS)
        wait_idle(leader)
        leader.wait_for_function("() => document.querySelector('h1') && "
                                 "document.querySelector('h1').innerText.includes('Huyện Bến Sông')", timeout=WAIT_MS)
        assert "14.286,5 tỷ đồng" in leader.locator("body").inner_text()
        assert new in leader.locator('[data-testid="stSidebar"]').inner_text()
        leader.screenshot(path=str(SHOTS / "overview-new-unit-1366x768.png"))
        browser.close()


def test_the_lock_lifts_by_itself_with_a_countdown(running):
    server, _ = running
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{server['url']}/nhap_bao_cao", timeout=WAIT_MS)
        wait_idle(page)
        for _ in range(3):
            page.get_by_label("Mật khẩu văn phòng").fill("sai-mat-khau")
            page.get_by_role("button", name="Vào").click()
            wait_idle(page)
        page.get_by_text(re.compile(r"Thử lại sau \d+ giây")).wait_for(timeout=WAIT_MS)
        assert page.get_by_role("button", name="Vào").is_disabled()
        first = int(re.search(r"sau (\d+) giây", page.locator("body").inner_text()).group(1))
        page.wait_for_timeout(2500)
        second = int(re.search(r"sau (\d+) giây", page.locator("body").inner_text()).group(1))
        assert second < first, "the countdown moves without a reload"
        page.get_by_role("button", name="Vào").wait_for(state="visible", timeout=WAIT_MS)
        page.wait_for_function("() => [...document.querySelectorAll('button')]"
                               ".some(b => b.innerText.trim() === 'Vào' && !b.disabled)", timeout=15_000)
        page.get_by_label("Mật khẩu văn phòng").fill(PASSWORD)
        page.get_by_role("button", name="Vào").click()
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=WAIT_MS)
        browser.close()
