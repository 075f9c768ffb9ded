"""The province's view of its communes in a real browser: the indicator page of a synthetic province
(bench/province.py) with its units ranked, at a laptop's and a phone's size; screenshots in
artifacts/screenshots/province-*.png."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import CHART, CHROMIUM, CHROMIUM_ARGS, WAIT_MS, streamlit_server, wait_idle

from bench import province

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium); browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def test_the_province_sees_its_communes_ranked(tmp_path):
    data = tmp_path / "province"
    province.province_snapshot(data, communes=12, years=2)
    env = {"CHITIEU_DATA_DIR": str(data), "CHITIEU_HOME_UNIT": province.PROVINCE}
    address = f"/chi_tieu?unit={province.PROVINCE}&id={province.HOLE_INDICATOR}"
    with streamlit_server(tmp_path / "home", env_extra=env) as server, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width, height in ((1366, 768), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
                page.goto(server["url"] + address, wait_until="domcontentloaded", timeout=WAIT_MS)
                table = page.locator('[data-testid="ct-province-table"] table')
                table.wait_for(timeout=WAIT_MS)
                page.wait_for_selector(CHART, timeout=WAIT_MS)
                wait_idle(page)
                rows = table.locator("tbody tr")
                assert rows.count() >= 10
                assert table.locator("tbody tr td a").first.get_attribute("href").startswith("./chi_tieu?id=")
                missing = page.locator('[data-testid="ct-province-missing"]').inner_text()
                assert "Xã Tân Hòa Mới: chưa gửi báo cáo nào" in missing
                heading = page.get_by_text("Các đơn vị trực thuộc Tỉnh Vĩnh Long, năm 2022")
                heading.scroll_into_view_if_needed()
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"province-{width}x{height}.png"), full_page=True)
                # the page scrolls inside Streamlit's main box: a second picture for the table and the list
                page.locator('[data-testid="ct-province-missing"]').scroll_into_view_if_needed()
                wait_idle(page)
                page.screenshot(path=str(SCREENSHOTS / f"province-{width}x{height}-table.png"), full_page=True)
                if width == 1366:
                    first = table.locator("tbody tr td a").first
                    name = first.inner_text()
                    first.click()
                    page.wait_for_url(lambda url: "unit=xa-" in url or "unit=tieu-can" in url, timeout=WAIT_MS)
                    page.locator("h1").first.wait_for(timeout=WAIT_MS)
                    wait_idle(page)
                    assert name.split(" (")[0] in page.locator('[data-testid="stSidebar"]').inner_text()
                page.close()
        finally:
            browser.close()
