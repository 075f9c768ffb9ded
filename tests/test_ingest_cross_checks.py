"""A row is sure only as a whole: its year and period those of the report's frame, its value one its kind
allows, no other row reading the same fact differently, and a frame no later year's results contradict."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.pipeline.ingest import SURE, extract, load_catalogue
from lib.pipeline.ingest.cross_checks import implausible, outside_frame
from lib.pipeline.ingest.frame import read_frame

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RESULTS_2023 = ("Năm 2023, thu nhập bình quân đầu người của huyện đạt 50,5 triệu đồng, tăng 6,3% so với năm 2022. "
                "Thu ngân sách nhà nước trên địa bàn đạt 105,3 tỷ đồng, đạt 117% dự toán.")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA_DIR)


def sure_numbers(text: str, catalogue) -> list[str]:
    read = extract(text, catalogue)
    return list(read.loc[read["confidence"] >= SURE, "number"])


def test_a_later_year_told_as_results_leaves_the_frame_unsure_until_confirmed(catalogue):
    assert read_frame(RESULTS_2023).sure
    assert sure_numbers(RESULTS_2023, catalogue) == ["50,5", "6,3", "105,3", "117"]
    doing = RESULTS_2023 + " Trong năm 2024, huyện tập trung thực hiện có hiệu quả các đề án phát triển kinh tế."
    frame = read_frame(doing)
    assert (frame.results_year, frame.sure) == (2023, False)
    assert sure_numbers(doing, catalogue) == []
    # One tick on the frame's year makes them sure again.
    confirmed = extract(doing, catalogue, results_year=2023)
    assert list(confirmed.loc[confirmed["confidence"] >= SURE, "number"]) == ["50,5", "6,3", "105,3", "117"]


def test_a_share_of_plan_no_whole_year_reaches_is_proposed_for_a_look(catalogue):
    low = RESULTS_2023.replace("117%", "17%")
    read = extract(low, catalogue)
    share = read[read["number"] == "17"].iloc[0]
    assert share["kind"] == "pct_of_target" and share["confidence"] < SURE and "đạt hay vượt" in share["note"]


def test_two_values_for_one_fact_leave_neither_sure(catalogue):
    twice = RESULTS_2023 + " Thu nhập bình quân đầu người đạt 52 triệu đồng."
    read = extract(twice, catalogue)
    assert "52" not in sure_numbers(twice, catalogue) and "50,5" not in sure_numbers(twice, catalogue)
    assert "giữ một" in read[read["number"] == "52"].iloc[0]["note"]


@pytest.mark.parametrize("kind, year, period, of_targets, expected", [
    ("actual", 2023, "year", False, None),
    ("actual", 2022, "year", False, "năm 2022"),
    ("actual", 2023, "q3", False, "kỳ “q3”"),
    ("target", 2024, "year", True, None),
    ("target", 2023, "year", True, None),  # a mid-year report's plan for its own year
    ("target", 2026, "year", True, "năm 2026"),
    ("actual", None, "year", False, None),
])
def test_a_rows_year_and_period_against_the_frame(kind, year, period, of_targets, expected):
    reason = outside_frame(kind, year, period, 2023, 2024, "year", of_targets)
    assert (reason is None) if expected is None else (expected in reason)


@pytest.mark.parametrize("kind, value, period, unit, measure, flagged", [
    ("pct_of_target", 117.0, "year", "%", "", False),
    ("pct_of_target", 17.0, "year", "%", "", True),
    ("pct_of_target", 17.0, "q1", "%", "", False),  # a quarter's share of the year's plan
    ("pct_of_target", 1500.0, "m6", "%", "", True),
    ("yoy_change_pct", -100.0, "year", "%", "", True),
    ("yoy_change_pct", -35.0, "year", "%", "", False),
    ("actual", 104.0, "year", "%", "rate", True),
    ("actual", 104.0, "year", "%", "change", False),
    ("actual", 7.16, "year", "%", "rate", False),
])
def test_values_no_kind_allows(kind, value, period, unit, measure, flagged):
    assert (implausible(kind, value, period, unit, measure) is not None) == flagged


@pytest.mark.parametrize("served", ["đã hỗ trợ được 10 hộ cận nghèo xóa nhà dột nát",
                                    "đã thăm, tặng quà 10 hộ cận nghèo", "xây nhà cho 10 hộ cận nghèo"])
def test_households_a_task_served_are_not_the_count_of_households(served, catalogue):
    counted = "Năm 2025, toàn phường còn 10 hộ cận nghèo. Thu ngân sách nhà nước trên địa bàn đạt 105,3 tỷ đồng."
    assert "10" in sure_numbers(counted, catalogue)
    text = counted.replace("toàn phường còn 10 hộ cận nghèo", "phường " + served)
    read = extract(text, catalogue)
    ten = read[read["number"] == "10"].iloc[0]
    assert ten["confidence"] < SURE and "được hỗ trợ" in ten["note"]


def test_a_mid_year_text_is_of_its_year_though_it_names_the_years_plan():
    text = ("Tính chung 6 tháng đầu năm 2025, GRDP của tỉnh ước tăng 7,6% so với cùng kỳ năm trước. "
            "Cơ cấu 6 tháng đầu năm 2024 tương ứng là 20,3%. Kế hoạch năm 2025 đặt mục tiêu tăng 8%.")
    assert (read_frame(text).results_year, read_frame(text).period) == (2025, "m6")


def test_nine_months_written_09_and_tasks_of_the_year_in_progress():
    text = ("Trong 09 tháng, thành phố tập trung triển khai các nhiệm vụ, giải pháp phát triển kinh tế - xã hội năm 2019. "
            "Tổng giá trị sản xuất ước 27.415 tỷ đồng, tăng 12,47% so với cùng kỳ năm 2018.")
    assert (read_frame(text).results_year, read_frame(text).period) == (2019, "m9")
    whole = text.replace("Trong 09 tháng, thành phố", "Thành phố")  # no part of a year: which year is unclear
    assert not read_frame(whole).sure


def test_a_page_dated_by_its_clock_and_day_gives_its_year_when_the_text_names_none():
    text = ("Cát Tiên: giá trị sản xuất 6 tháng đầu năm tăng gần 8,6%\n\nHOÀNG SA 06:29, 11/06/2024\n\n"
            "Trong 6 tháng đầu năm, tổng diện tích gieo trồng đạt 18.000 ha.")
    frame = read_frame(text)
    assert (frame.results_year, frame.period, frame.sure) == (2024, "m6", False)


def test_a_later_year_told_as_results_unsettles_a_frame_read_from_the_body_not_from_a_heading():
    body = ("Sáng 31/12, Đảng ủy xã tổ chức hội nghị tổng kết nhiệm vụ chính trị năm 2025. Năm 2025, tổng thu "
            "ngân sách đạt 200 tỷ đồng.\n\nThực hiện nhiệm vụ chính trị năm 2026, xã tiếp tục tập trung lãnh đạo. "
            "Thu ngân sách nhà nước đạt trên 154 tỷ đồng.")
    assert (read_frame(body).results_year, read_frame(body).sure) == (2025, False)
    headed = "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025\n" + body
    assert (read_frame(headed).results_year, read_frame(headed).sure) == (2025, True)


@pytest.mark.parametrize("text, period", [
    ("Hội nghị tổng kết năm 2025 của phường. Năm 2025, tính đến ngày 30-11-2025, phường tiếp nhận 8.833 hồ sơ; "
     "năm 2025 thu ngân sách 21 tỉ đồng.", "m11"),
    ("Đồng chí Phó Bí thư trình bày báo cáo tình hình công tác Đảng tháng 11/2025. Năm 2025, thu ngân sách "
     "tháng 11 ước đạt 43,4 tỷ đồng; năm 2025 giải quyết 1.257 thủ tục.", "year"),
])
def test_a_period_no_phrase_names_is_a_guess_the_staff_member_confirms(text, period):
    frame = read_frame(text)
    assert (frame.results_year, frame.period, frame.sure) == (2025, period, False)
    named = text.replace("Năm 2025, t", "Trong 6 tháng đầu năm 2025, t", 1) if period == "m11" else None
    if named:
        assert read_frame(named).period == "m6"


def test_economic_growth_in_words_several_measures_use_is_not_sure_of_the_production_value(catalogue):
    said = "Năm 2025, tốc độ tăng trưởng kinh tế của xã đạt 11%. Năm 2025, tổng thu ngân sách nhà nước đạt 200 tỷ đồng."
    read = extract(said, catalogue)
    growth = read[read["number"] == "11"].iloc[0]
    assert growth["confidence"] < SURE and "growth_rate" in growth["note"]
    plain = said.replace("tăng trưởng kinh tế", "tăng trưởng giá trị sản xuất")
    assert "11" in sure_numbers(plain, catalogue)


def test_a_name_narrowed_after_it_by_a_sector_is_not_sure_of_the_whole(catalogue):
    whole = ("Năm 2023, tổng giá trị sản xuất trên địa bàn huyện ước thực hiện 4.734 tỷ đồng, đạt 106% kế hoạch. "
             "Thu ngân sách nhà nước trên địa bàn đạt 105,3 tỷ đồng.")
    assert {"4.734", "106"} <= set(sure_numbers(whole, catalogue))
    sector = whole.replace("tổng giá trị sản xuất trên địa bàn huyện", "tổng giá trị sản xuất CN - TTCN của địa phương")
    assert not {"4.734", "106"} & set(sure_numbers(sector, catalogue))


def test_a_result_after_a_later_year_in_its_paragraph_may_be_a_plan(catalogue):
    plan = ("Năm 2025, thu nhập bình quân đầu người đạt 50,5 triệu đồng.\n"
            "Thực hiện nhiệm vụ năm 2026, xã tiếp tục tập trung lãnh đạo. Thu ngân sách nhà nước trên địa bàn đạt "
            "105,3 tỷ đồng.")
    read = extract(plan, catalogue, results_year=2025)
    later = read[read["number"] == "105,3"].iloc[0]
    assert later["confidence"] < SURE and "năm 2026" in later["note"]
    same_year = plan.replace("Thực hiện nhiệm vụ năm 2026", "Trong năm 2025")
    assert "105,3" in set(sure_numbers(same_year, catalogue))


def test_what_is_yet_to_happen_dates_no_results_and_two_results_years_leave_the_frame_unsure():
    text = ("Tổng giá trị sản xuất 9 tháng năm 2024 của huyện ước đạt hơn 10.000 tỷ đồng, tăng 7,5%.\n\n"
            "Đại hội điểm dự kiến tổ chức vào quý I/2025. Các chi bộ sẽ hoàn thành đại hội trong tháng 4/2025.")
    frame = read_frame(text)
    assert (frame.results_year, frame.period) == (2024, "m9")
    tasks = ("Cuộc họp về tình hình thực hiện kế hoạch quý I và triển khai một số nhiệm vụ trọng tâm quý II năm 2022. "
             "Từ đầu năm 2022 đến nay, thu ngân sách đạt 9.000 tỷ đồng.")
    assert read_frame(tasks).results_year == 2022 and not read_frame(tasks).sure
    two = "Năm 2024, thu ngân sách đạt 900 tỷ đồng. Trong năm 2023, huyện đã thu 800 tỷ đồng. Năm 2024 tăng 12%."
    assert not read_frame(two).sure


def test_a_headings_own_part_of_the_year_comes_before_the_titles():
    text = ("Báo cáo tình hình kinh tế - xã hội Quý II và nhiệm vụ trọng tâm 6 tháng cuối năm 2018\n\n"
            "A. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2018:\n"
            "Giá trị sản xuất ước thực hiện 6 tháng đầu năm là 10.473 tỷ đồng, đạt 50,06% kế hoạch.")
    frame = read_frame(text)
    assert (frame.results_year, frame.period, frame.sure) == (2018, "m6", True)


def test_same_period_shortened_to_ck_is_a_change_on_last_year_even_after_a_share_of_plan(catalogue):
    text = ("Năm 2021, tổng giá trị sản xuất địa bàn đạt trên 29.511 tỷ đồng, đạt 100,2% kế hoạch tăng 15,9% so CK. "
            "Thu ngân sách nhà nước trên địa bàn đạt 105,3 tỷ đồng.")
    read = extract(text, catalogue)
    growth = read[read["number"] == "15,9"].iloc[0]
    assert (growth["kind"], growth["value"]) == ("yoy_change_pct", 15.9)
