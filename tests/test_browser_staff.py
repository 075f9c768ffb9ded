"""The whole staff path in a real browser: sign in, upload a report never loaded before, publish,
and see the new reporting unit in the leaders' explorer — without touching code."""
from __future__ import annotations

import shutil

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, REPO, WAIT_MS, streamlit_server, wait_idle

from lib.data.snapshot import scan
from lib.web.staff_access import hash_password

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

PASSWORD = "mat-khau-cua-van-phong"
NEW_REPORT = REPO / "tests" / "fixtures" / "ingest" / "bao-cao-mau-2024.txt"


@pytest.fixture
def running(tmp_path):
    data = tmp_path / "data"
    for part in ("curated", "raw", "snapshots"):
        shutil.copytree(REPO / "data" / part, data / part)
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "secrets.toml").write_text(f'staff_password_hash = "{hash_password(PASSWORD)}"\n')
    with streamlit_server(home, {"CHITIEU_DATA_DIR": str(data)}) as server:
        yield server, data


def test_staff_publish_a_new_report_and_leaders_see_the_new_unit(running, tmp_path):
    server, data = running
    before = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{server['url']}/nhap_bao_cao", timeout=WAIT_MS)
        wait_idle(page)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0, "the door is shut"
        page.get_by_label("Mật khẩu văn phòng").fill(PASSWORD)
        page.get_by_role("button", name="Vào").click()
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=WAIT_MS)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(NEW_REPORT))
        page.get_by_role("button", name="Kiểm tra").wait_for(timeout=WAIT_MS)
        wait_idle(page)
        page.get_by_label("Tên đơn vị", exact=True).fill("Huyện Mẫu")
        page.keyboard.press("Tab")
        wait_idle(page)
        page.get_by_role("button", name="Kiểm tra").click()
        page.get_by_text("Không có lỗi: có thể công bố.").wait_for(timeout=WAIT_MS)
        page.screenshot(path=str(REPO / "artifacts" / "screenshots" / "staff-review-1366x900.png"))
        page.get_by_role("button", name="Công bố bản dữ liệu mới").click()
        page.get_by_text("Đã công bố bản dữ liệu").wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0

        after = {s.snapshot_id for s in scan(data / "snapshots")[0]}
        assert before < after, "a new snapshot beside the earlier ones"

        # A leader's page on the same running server now offers the new unit.
        leader = browser.new_page(viewport={"width": 1366, "height": 768})
        leader.goto(server["url"], timeout=WAIT_MS)
        wait_idle(leader)
        # With a second unit the sidebar offers a unit menu; opened, it lists the new one.
        sidebar = leader.locator('[data-testid="stSidebar"]')
        sidebar.locator('[data-testid="stPopover"] button').first.click()
        wait_idle(leader)
        menu = leader.locator('[data-testid="stPopoverBody"]')
        menu.get_by_text("Đơn vị báo cáo").wait_for(timeout=WAIT_MS)
        menu.locator('[data-testid="stSelectbox"]').first.click()
        for unit in ("Huyện Mẫu", "Huyện Tiểu Cần"):
            leader.get_by_role("option", name=unit).wait_for(timeout=WAIT_MS)
        leader.keyboard.press("Escape")
        leader.goto(f"{server['url']}/?unit=bao-cao-mau", timeout=WAIT_MS)
        wait_idle(leader)
        leader.wait_for_function("() => document.querySelector('h1') && "
                                 "document.querySelector('h1').innerText.includes('Huyện Mẫu')", timeout=WAIT_MS)
        assert "9.512,3 tỷ đồng" in leader.locator("body").inner_text()
        leader.screenshot(path=str(REPO / "artifacts" / "screenshots" / "overview-new-unit-1366x768.png"))
        browser.close()
