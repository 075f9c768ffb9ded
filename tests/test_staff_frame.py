"""The staff page under AppTest: the report's frame first (read from the text, with the words it was
read from), every row following a correction, and each unsure row decided in one click: one of its
best three indicators, a new indicator by its proposed name, or "không phải chỉ tiêu"."""
from __future__ import annotations

import pytest
from helpers import text
from staff_support import REPO, copied_data, staff_page_with

from lib.pipeline import publish
from lib.web.staff_review import FOCUS, LATEST

BEN_SONG = REPO / "tests" / "fixtures" / "bao-cao-ben-song-2023.txt"
WALK = REPO / "tests" / "fixtures" / "walk" / "xa-an-phu-2025.txt"


@pytest.fixture
def data(tmp_path, monkeypatch):
    return copied_data(tmp_path, monkeypatch)


def page(monkeypatch, path=BEN_SONG, **query):
    return staff_page_with(path.name, path.read_bytes(), monkeypatch, query=query)


def test_the_frame_comes_first_with_the_words_it_was_read_from(data, monkeypatch):
    at = page(monkeypatch)
    assert not at.exception
    assert at.subheader[0].value == text("staff_frame", "vi")
    read_from = [c.value for c in at.caption if c.value.startswith("Đọc từ báo cáo")]
    assert read_from and "NĂM 2023 VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" in read_from[0]
    assert at.number_input(key="staff_results").value == 2023
    assert at.number_input(key="staff_targets").value == 2024
    assert at.selectbox(key="staff_period").value == "year"


def test_a_corrected_results_year_moves_every_row(data, monkeypatch):
    at = page(monkeypatch)
    before = at.session_state[LATEST]
    assert set(before["year"].dropna()) == {2023, 2024}
    at.number_input(key="staff_results").set_value(2022).run()
    at.number_input(key="staff_targets").set_value(2023).run()
    after = at.session_state[LATEST]
    assert not at.exception
    assert len(after) == len(before) and set(after["year"].dropna()) == {2022, 2023}


def test_a_corrected_period_moves_the_results_rows_and_names_the_report(data, monkeypatch):
    at = page(monkeypatch)
    at.selectbox(key="staff_period").set_value("m9").run()
    rows = at.session_state[LATEST]
    results = rows[(rows["year"] == 2023) & (rows["kind"] != "target")]
    targets = rows[rows["year"] == 2024]
    assert len(results) and set(results["period"]) == {"m9"} and set(results["as_of"]) == {"2023-09-30"}
    assert set(targets["period"]) == {"year"}, "next year's targets stay the year's"
    assert at.selectbox(key="staff_level").value == ""
    at.text_input(key="staff_unit_vi").input("Huyện Bến Sông").run()
    assert at.selectbox(key="staff_level").value == "huyen", "the level follows a name that says it"
    at.button(key="staff_check").click().run()
    assert any("ben-song" in m.value.replace("\\", "") for m in at.markdown if m.value.startswith("Đơn vị báo cáo mới"))


def test_each_unsure_row_is_decided_in_one_click_and_the_focus_moves_on(data, monkeypatch):
    at = page(monkeypatch, WALK)
    assert not at.exception
    assert at.selectbox(key="staff_level").value == "xa_phuong", "a commune's report says so"
    rows = at.session_state[LATEST]
    assert list(rows.index[:1]) == [1], "rows are numbered as staff count them"
    # The common catalogue's indicator is the first choice of its row, and one click takes it.
    family = int(rows.index[rows["number"] == "94,2"][0])
    from lib.web import staff_review
    unitless = rows.assign(unit_of_measure=rows["unit_of_measure"].where(rows.index != family, ""))  # as if written without its unit
    at.session_state[staff_review.ROWS] = at.session_state[LATEST] = unitless
    at.session_state[staff_review.VERSION] += 1
    at.selectbox(key=FOCUS).set_value(family).run()
    first = at.button(key="staff_choice_1")
    assert first.label.startswith("1 · Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa")
    first.click().run()
    rows = at.session_state[LATEST]
    assert rows.loc[family, "indicator_id"] == "cultural_family_rate" and rows.loc[family, "accept"]
    assert rows.loc[family, "unit_of_measure"] == "%", "a figure written without a unit counts in its indicator's"
    assert at.session_state[FOCUS] != family, "the focus moved to the next row to look at"
    # A new indicator named as the report names the figure.
    schools = int(rows.index[rows["number"] == "83,3"][0])
    at.selectbox(key=FOCUS).set_value(schools).run()
    new = at.button(key="staff_choice_new")
    assert "Tỷ lệ trường đạt chuẩn quốc gia" in new.label
    new.click().run()
    made = {i["indicator_id"]: i for i in at.session_state["staff_new_indicators"]}
    row = at.session_state[LATEST].loc[schools]
    assert row["accept"] and made[row["indicator_id"]]["name_vi"] == "Tỷ lệ trường đạt chuẩn quốc gia"
    assert made[row["indicator_id"]]["unit_of_measure"] == "%"
    # The headline repeats next year's target: not an indicator, left out on purpose.
    headline = int(rows.index[(rows["number"] == "72") & (rows["line"] == 1)][0])
    at.selectbox(key=FOCUS).set_value(headline).run()
    at.button(key="staff_choice_none").click().run()
    row = at.session_state[LATEST].loc[headline]
    assert not row["accept"] and row["decision"] == publish.NOT_AN_INDICATOR
    assert row["attention"] == text("staff_not_indicator_note", "vi")


def test_a_ticked_row_without_an_indicator_is_named_by_its_review_row(data, monkeypatch):
    at = page(monkeypatch, WALK)
    rows = at.session_state[LATEST].copy()
    school = int(rows.index[rows["number"] == "83,3"][0])
    assert rows.loc[school, "indicator_id"] == ""
    from lib.web import staff_review
    at.session_state[staff_review.ROWS] = rows.assign(accept=rows["accept"] | (rows.index == school))
    at.session_state[LATEST] = at.session_state[staff_review.ROWS]
    at.session_state[staff_review.VERSION] += 1
    at.button(key="staff_check").click().run()
    shown = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert any(line.startswith(f"- **Dòng {school} của bảng duyệt (83,3 — —)**") and "chưa có chỉ tiêu" in line
               for line in shown), shown
    assert not any("của báo cáo" in line and "dòng" in line for line in shown)


def test_the_frame_and_the_choices_in_english(data, monkeypatch):
    at = page(monkeypatch, WALK, lang="en")
    assert not at.exception
    assert at.subheader[0].value == "What this report is about"
    assert at.button(key="staff_choice_none").label == "Not an indicator"
    assert at.button(key="staff_row_next").label == "Next row"


def test_an_unsure_frame_is_confirmed_once_and_then_its_rows_may_be_ticked(data, monkeypatch):
    at = page(monkeypatch, REPO / "tests" / "fixtures" / "xa-binh-an-khung-chua-chac.txt")
    assert not at.exception
    assert any(w.value == text("staff_frame_unsure", "vi") for w in at.warning)
    rows = at.session_state[LATEST]
    revenue = rows[rows["number"] == "14,2"].iloc[0]
    assert not revenue["accept"], "a year read from an unsure frame ticks nothing"
    at.checkbox(key="staff_frame_confirmed").check().run()
    rows = at.session_state[LATEST]
    revenue = rows[rows["number"] == "14,2"].iloc[0]
    assert not at.exception and revenue["accept"] and revenue["year"] == 2025


def test_a_row_no_indicator_can_make_publishable_says_why_and_offers_only_setting_it_aside(data, monkeypatch):
    text_in = ("BÁO CÁO KẾT QUẢ NĂM 2024\nThu ngân sách nhà nước trên địa bàn đạt 52,6 tỷ đồng. Thu nhập bình quân "
               "đầu người đạt 60 triệu đồng, tăng 3,9 triệu đồng so với năm 2023.")
    at = staff_page_with("bao-cao-2024.txt", text_in.encode("utf-8"), monkeypatch)
    assert not at.exception
    rows = at.session_state[LATEST]
    change = rows[rows["number"] == "3,9"].iloc[0]
    assert change["kind"] == "change_abs" and at.session_state[FOCUS] == int(change.name)
    assert any(w.value == text("staff_row_change_abs", "vi") for w in at.warning)
    keys = {b.key for b in at.button}
    assert "staff_choice_none" in keys and not keys & {"staff_choice_1", "staff_choice_new"}
