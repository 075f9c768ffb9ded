"""The static table (lib/web/static_table.py): its cells travel as JSON inside a script and are set as text in the
browser, so a cell can hold anything — markup, a closing script tag, a comment opener — and is shown
as written, never run or parsed."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS
from page_support import TABLE_END, TABLE_START, static_tables

from lib.web import static_table
from lib.web.style import CSS
from lib.words.words import Words

HOSTILE = ["</script><script>window.ran = 1</script>", "<!-- <script>", "<b>đậm</b> & \"ngoặc\" 'đơn'",
           "\u2028 dòng", "Sản lượng lúa 150.766 tấn"]


def hostile_table() -> pd.DataFrame:
    return pd.DataFrame({"Chỉ tiêu": HOSTILE, "Thực hiện 2022": ["1.234,5 tấn", "–", "7", "", "0,5%"],
                         "Đánh giá": ["Vượt", "Đạt", "Không đạt", "Chưa đánh giá", "Vượt"]})


def hostile_html() -> str:
    return static_table.table_html(hostile_table(), Words.of("vi"), links=[f"./chi_tieu?id=i{n}" for n in range(len(HOSTILE))],
                                numeric=["Thực hiện 2022"], statuses=["exceeded", "met", "not_met", "not_rated",
                                                                      "exceeded"])


def test_cells_cannot_leave_the_script():
    body = hostile_html()
    script = body[body.index(TABLE_START):]
    # One script element, ended only by its own closing tag; no "<" at all between.
    assert script.count("</script>") == 1 and script.endswith(TABLE_END)
    assert "<" not in script[len(TABLE_START):-len(TABLE_END)]
    assert "&" not in script[len(TABLE_START):-len(TABLE_END)]


def test_cells_come_back_as_written():
    [frame] = static_tables(hostile_html())
    assert frame.equals(hostile_table()), frame
    assert frame.attrs["links"] == [f"./chi_tieu?id=i{n}" for n in range(len(HOSTILE))]


def test_the_status_column_and_numeric_columns_are_marked():
    body = hostile_html()
    cells = json.loads(body[body.index(TABLE_START) + len(TABLE_START):-len(TABLE_END)])
    assert cells["status"] == 2 and cells["numeric"] == [False, True, False]
    assert cells["statuses"][2] == "not_met"


@pytest.mark.browser
def test_the_browser_shows_each_cell_as_text():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            # As Streamlit's HTML element runs a script it is sent: inserted as a new script element.
            page.set_content(f"<html><head>{CSS}</head><body><div id='host'></div></body></html>")
            page.evaluate("""(html) => {
                const host = document.getElementById('host');
                host.innerHTML = html;
                const old = host.querySelector('script'), script = document.createElement('script');
                script.textContent = old.textContent;
                old.replaceWith(script);
            }""", hostile_html())
            table = page.locator("[data-testid='ct-table'] table.ct-table")
            assert table.locator("thead th").all_inner_texts() == ["Chỉ tiêu", "Thực hiện 2022", "Đánh giá"]
            names = table.locator("tbody td:first-child a")
            assert [text.strip() for text in names.all_text_contents()] == [h.strip() for h in HOSTILE]
            assert names.first.get_attribute("href") == "./chi_tieu?id=i0"
            assert table.locator("tbody td:nth-child(2)").first.get_attribute("class") == "ct-num"
            assert table.locator("tbody td:nth-child(3) span").nth(2).get_attribute("class") == "ct-badge ct-badge-not_met"
            # Nothing in a cell became an element or ran.
            assert page.evaluate("window.ran") is None
            assert table.locator("b").count() == 0
            assert page.locator("script").count() == 1
        finally:
            browser.close()
