"""The pace page in a real browser, after a six-month report was published through the staff path:
each indicator's pace against the year's target, screenshot in artifacts/screenshots/."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import CHART, CHROMIUM, CHROMIUM_ARGS, WAIT_MS, streamlit_server, wait_idle
from test_pace import publish_six_months

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium); browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def test_the_pace_page_after_a_six_month_report(tmp_path):
    data = publish_six_months(tmp_path / "data")
    with streamlit_server(tmp_path / "home", env_extra={"CHITIEU_DATA_DIR": str(data)}) as server, \
            sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width, height in ((1366, 768), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
                page.goto(server["url"] + "/tien_do", wait_until="domcontentloaded", timeout=WAIT_MS)
                page.wait_for_selector(CHART, timeout=WAIT_MS)
                wait_idle(page)
                assert page.locator("h1").first.inner_text().strip() == "Tiến độ thực hiện chỉ tiêu năm 2026"
                body = page.locator('[data-testid="stMain"]').inner_text()
                assert "6 tháng đầu năm 2026 (đến 30/06/2026)" in body
                assert "Chậm tiến độ" in body and "Vượt tiến độ" in body and "Đúng tiến độ" in body
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"tien_do-6-thang-{width}x{height}.png"), full_page=True)
                page.close()
        finally:
            browser.close()
