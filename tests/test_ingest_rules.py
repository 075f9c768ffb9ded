"""The extractor's rules for the notations of other units' reports (issue 19), one test per class of
error, each on sentences written for the test (not taken from any report)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.pipeline.ingest import SURE, extract, load_catalogue, propose_indicator, skipped_numbers
from lib.pipeline.numbers import NumberFormatError, read_value

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PASSAGES = Path(__file__).resolve().parent / "passages"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA_DIR)


def row(frame: pd.DataFrame, number: str, nth: int = 1) -> pd.Series:
    rows = frame[frame["number"] == number]
    assert len(rows) >= nth, f"no candidate “{number}” in {list(frame['number'])}"
    return rows.iloc[nth - 1]


def kinds(frame: pd.DataFrame) -> dict[str, tuple]:
    return {r.number: (r.kind, round(float(r.value), 6)) for r in frame.itertuples()}


def test_growth_after_a_comparison_lead_and_the_sector_rates_after_it_are_changes(catalogue):
    text = ("Năm 2024, so với năm 2023, giá trị sản xuất toàn xã tăng 8,7%; trong đó trồng trọt tăng 2,4%, "
            "chăn nuôi giảm 1,6%, dịch vụ tăng 11,2%.\n"
            "Doanh thu bán lẻ hàng hóa ước đạt 812 tỷ đồng, tăng 6,3%.")
    frame = extract(text, catalogue)
    assert kinds(frame) == {"8,7": ("yoy_change_pct", 8.7), "2,4": ("yoy_change_pct", 2.4),
                            "1,6": ("yoy_change_pct", -1.6), "11,2": ("yoy_change_pct", 11.2),
                            "812": ("actual", 812.0), "6,3": ("yoy_change_pct", 6.3)}
    assert set(frame["year"]) == {2024}
    # Said outright, the change is read as sure; left unsaid, it is a guess and says so.
    assert "không ghi so với" not in row(frame, "2,4")["note"]
    assert row(frame, "6,3")["confidence"] < 0.7 and "không ghi so với" in row(frame, "6,3")["note"]


def test_a_growth_rate_named_as_such_stays_its_value(catalogue):
    frame = extract("PHẦN A. KẾT QUẢ NĂM 2024\n- Tốc độ tăng trưởng tăng 7,9%.", catalogue)
    assert kinds(frame) == {"7,9": ("actual", 7.9)}


def test_a_plan_named_as_the_subject_is_a_target(catalogue):
    text = ("BÁO CÁO KẾT QUẢ NĂM 2024\nTổng kế hoạch vốn đầu tư công năm 2024 là 275,4 tỷ đồng; "
            "đã giải ngân 251,9 tỷ đồng, đạt 91,5% kế hoạch.\nDự toán thu ngân sách được giao là 48 tỷ đồng.\n"
            "Thực hiện kế hoạch năm, xã đã trồng 35 ha rừng.")
    frame = extract(text, catalogue)
    assert kinds(frame) == {"275,4": ("target", 275.4), "251,9": ("actual", 251.9),
                            "91,5": ("pct_of_target", 91.5), "48": ("target", 48.0), "35": ("actual", 35.0)}
    assert row(frame, "275,4")["year"] == 2024


@pytest.mark.parametrize("text, number, reason", [
    ("Hội nghị bắt đầu lúc 7:45:10, bế mạc 11:30.", "45", "giờ"),
    ("Hội nghị bắt đầu lúc 7:45:10, bế mạc 11:30.", "30", "giờ"),
    ("Sáng 18/12, đoàn công tác làm việc tại xã.", "18", "ngày tháng"),
    ("Số liệu tính đến 30/11, chưa gồm tháng cuối.", "11", "ngày tháng"),
    ("Xây dựng kế hoạch 5 năm 2026-2030 của phường.", "5", "số năm (thời hạn)"),
    ("Tăng trưởng xếp thứ 12/63 tỉnh, thành.", "63", "thứ hạng"),
    ("Có 4 sản phẩm đạt OCOP 4 sao.", "4", "hạng sao"),
    ("Ngày đăng bài | Lượt xem: 3.208", "3.208", "bộ đếm của trang tin"),
])
def test_clock_times_dates_durations_and_grades_are_not_facts(text, number, reason, catalogue):
    frame = extract(text, catalogue, results_year=2025)
    skipped = skipped_numbers(text)
    last = skipped[skipped["number"] == number].iloc[-1]
    assert last["reason"] == reason
    assert not ((frame["start"] <= last["start"]) & (last["start"] < frame["end"])).any()


def test_the_grade_leaves_the_real_count_beside_it(catalogue):
    frame = extract("Có 4 sản phẩm đạt OCOP 4 sao; hôm nay 30/40 hộ đã nhận.", catalogue, results_year=2025)
    assert list(frame["number"]) == ["4", "30", "40"]


def test_a_change_against_the_plan_is_a_share_of_the_plan(catalogue):
    text = ("KẾT QUẢ NĂM 2024\nThu nội địa 310 tỷ đồng, tăng 6,25% so với Nghị quyết; "
            "chi thường xuyên 205 tỷ đồng, giảm 3,5% so với dự toán; so với kế hoạch, vốn đầu tư tăng 12%.")
    frame = extract(text, catalogue)
    assert row(frame, "6,25")[["kind", "value"]].tolist() == ["pct_of_target", 106.25]
    assert row(frame, "3,5")[["kind", "value"]].tolist() == ["pct_of_target", 96.5]
    assert row(frame, "12")[["kind", "value"]].tolist() == ["pct_of_target", 112.0]
    for r in frame[frame["kind"] == "pct_of_target"].itertuples():  # the build reads the same value back
        assert read_value(r.quote, r.number, r.occurrence, r.kind, "flow").value == pytest.approx(r.value)


def test_absolute_changes_are_their_own_kind_never_an_actual(catalogue):
    text = ("KẾT QUẢ NĂM 2025\nThu nhập bình quân đầu người 71,2 triệu đồng, tăng 4,6 triệu đồng so với năm 2024; "
            "thu ngân sách tăng 18 tỷ đồng; diện tích lúa giảm 120 ha; so với cùng kỳ, tai nạn giảm 3 vụ.")
    frame = extract(text, catalogue)
    changes = frame[frame["kind"] == "change_abs"]
    assert list(zip(changes["number"], changes["value"])) == [("4,6", 4.6), ("18", 18.0), ("120", -120.0),
                                                              ("3", -3.0)]
    assert (changes["confidence"] < 0.7).all() and changes["note"].str.contains("tuyệt đối").all()
    assert row(frame, "71,2")["kind"] == "actual"


def test_a_change_of_a_rate_is_in_points(catalogue):
    text = ("KẾT QUẢ NĂM 2025\nTốc độ tăng trưởng kinh tế đạt 8,1% (+0,4%); tỷ lệ hộ nghèo còn 1,92%, "
            "giảm 0,61% so với năm 2024; tỷ lệ lao động qua đào tạo tăng 1,5% so với năm 2024.")
    frame = extract(text, catalogue)
    points = frame[frame["unit_of_measure"] == "điểm %"]
    assert list(zip(points["number"], points["kind"], points["value"])) == [
        ("0,4", "change_abs", 0.4), ("0,61", "change_abs", -0.61), ("1,5", "change_abs", 1.5)]
    assert row(frame, "8,1")["kind"] == "actual" and row(frame, "1,92")["kind"] == "actual"


def test_actual_over_plan_with_a_rounded_share_stays_actual_over_plan(catalogue):
    text = ("KẾT QUẢ NĂM 2025\nGieo trồng 3.410,5/3.450 ha lúa, đạt 99% kế hoạch; "
            "trồng 12,6/13 ha rau, đạt 96,9% KH; 7/9 trường đạt chuẩn, chiếm 77,8%.")
    frame = extract(text, catalogue)
    assert row(frame, "3.450")["kind"] == "target"
    assert row(frame, "13")["kind"] == "target"
    assert row(frame, "9")["kind"] == "total"


def test_a_level_reached_by_falling_is_a_level_and_passes_the_check(catalogue):
    frame = extract("KẾT QUẢ NĂM 2025\nTỷ lệ hộ nghèo giảm còn 2,04%; tỷ lệ hộ cận nghèo giảm xuống còn 3,1%.",
                    catalogue)
    assert kinds(frame) == {"2,04": ("actual", 2.04), "3,1": ("actual", 3.1)}
    for r in frame.itertuples():  # the build's reading of a level quote: no change kind asked for
        assert read_value(r.quote, r.number, r.occurrence, "actual", "rate").value == r.value
    with pytest.raises(NumberFormatError):  # a fall that is a change still needs a change indicator
        read_value("tỷ lệ hộ nghèo giảm 0,5%", "0,5", 1, "actual", "rate")


@pytest.mark.parametrize("text, unit", [
    ("Toàn xã có 45 cán bộ, công chức.", "cán bộ"),
    ("Phát triển 12 trang trại chăn nuôi.", "trang trại"),
    ("Kết quả chỉ đạt 60 chỉ số thấp.", None),
    ("Xây dựng 8 BTNO cho hộ khó khăn.", None),
    ("Đàn gia cầm 845 nghìn con.", "nghìn con"),
    ("Cấp 2.300 căn cước công dân.", "căn cước"),
])
def test_words_that_are_not_units(text, unit, catalogue):
    frame = extract(text, catalogue, results_year=2025)
    got = frame.iloc[0]["unit_of_measure"] or None
    assert got == unit
    if unit is None or unit == "nghìn con":
        assert frame.iloc[0]["confidence"] < 0.7 and frame.iloc[0]["note"]


def test_a_range_that_falls_reads_as_the_build_reads_it(catalogue):
    frame = extract("MỤC TIÊU NĂM 2026\n- Tỷ lệ hộ nghèo giảm 0,5-1%.", catalogue)
    target = frame.iloc[0]
    reading = read_value(target["quote"], target["number"], 1, "target", "change")
    assert (target["value"], target["value_high"]) == (reading.value, reading.high) == (-1.0, -0.5)


def test_next_years_targets_in_a_paragraph_without_a_heading(catalogue):
    text = ("Năm 2025, thu ngân sách của xã đạt 6,2 tỷ đồng.\n"
            "Năm 2026, xã phấn đấu thu ngân sách đạt 7 tỷ đồng; tỷ lệ hộ nghèo giảm còn 1,5%.")
    frame = extract(text, catalogue)
    assert [(r.number, r.kind, int(r.year)) for r in frame.itertuples()] == [
        ("6,2", "actual", 2025), ("7", "target", 2026), ("1,5", "target", 2026)]


def test_two_comparisons_in_one_clause_each_keep_their_own(catalogue):
    text = ("KẾT QUẢ NĂM 2025\nSản lượng lương thực ước đạt 12.640 tấn, vượt 150 tấn so với kế hoạch và bằng "
            "101,2% so với năm trước; giá trị sản xuất đạt 3.980 tỷ đồng, đạt 99,4% kế hoạch và bằng 106,2% so với "
            "năm 2024; thu nhập bình quân đầu người 58,3 triệu đồng (tăng 6,1% tương đương 3,4 triệu đồng).")
    assert kinds(extract(text, catalogue)) == {
        "12.640": ("actual", 12640.0), "150": ("change_abs", 150.0), "101,2": ("yoy_change_pct", 1.2),
        "3.980": ("actual", 3980.0), "99,4": ("pct_of_target", 99.4), "106,2": ("yoy_change_pct", 6.2),
        "58,3": ("actual", 58.3), "6,1": ("yoy_change_pct", 6.1), "3,4": ("change_abs", 3.4)}


def test_the_plan_in_brackets_after_the_resolution_is_a_target(catalogue):
    frame = extract("KẾT QUẢ NĂM 2025\nThu ngân sách 6 tháng 1.742 tỷ đồng, đạt 48,2% so với nghị quyết đề ra "
                    "(3.614 tỷ đồng), tăng 3,9% so với cùng kỳ.", catalogue)
    assert kinds(frame) == {"1.742": ("actual", 1742.0), "48,2": ("pct_of_target", 48.2),
                            "3.614": ("target", 3614.0), "3,9": ("yoy_change_pct", 3.9)}


def test_thousands_of_billions_keep_their_scale_in_the_unit(catalogue):
    row = extract("KẾT QUẢ NĂM 2024\nTổng giá trị sản xuất ước trên 5,2 nghìn tỷ đồng.", catalogue).iloc[0]
    assert (row["value"], row["unit_of_measure"]) == (5.2, "nghìn tỷ đồng")  # never 5,2 nghìn đồng
    assert row["confidence"] < 0.7 and "quy đổi" in row["note"]


# --- whole statements: a change in the year, a reduction's plan, a per-commune average, an annex row ---


def test_a_change_in_the_year_is_its_own_change_indicator(catalogue):
    """The passage thay-doi was labelled (with each fact's indicator) before these rules were written."""
    text = (PASSAGES / "thay-doi.txt").read_text(encoding="utf-8")
    rows = extract(text, catalogue)

    def row(number, nth=0):
        return rows[rows["number"] == number].iloc[nth]

    for number, value, indicator in [("693", -693, "poor_households_change"), ("0,34", -0.34, "poverty_rate_change"),
                                     ("215", -215, "near_poor_households_change"), ("2", 2, "ntm_communes_new"),
                                     ("8", 8, "ntm_criteria_change")]:
        r = row(number)
        assert (r["kind"], r["value"]) == ("actual", value), number
        assert indicator == r["indicator_id"] or f"(mã {indicator})" in r["note"], (number, r["indicator_id"], r["note"])
    assert row("0,34")["unit_of_measure"] == "điểm %" and row("0,34")["confidence"] >= SURE
    # a share of the plan of a reduction belongs to the reduction
    assert row("192,5")["indicator_id"] == "poverty_rate_change"
    # an annex row's label names every cell, and a reduction's label signs them
    annex = rows[rows["line"] == 8]
    assert set(annex["indicator_id"]) == {"poverty_rate_change"}
    assert annex.set_index("number").loc[["0,5", "0,34", "0,4"], "value"].tolist() == [-0.5, -0.34, -0.4]


def test_a_per_commune_average_is_its_own_measure(catalogue):
    frame = extract("KẾT QUẢ NĂM 2024\nBình quân đạt 16,10 tiêu chí/xã.", catalogue)
    assert "ntm_criteria_per_commune" in frame.iloc[0]["note"]
    new = propose_indicator("Số lao động bình quân/hộ", "lao động", catalogue)
    assert new["measure"] == "average"
    assert propose_indicator("Thu nhập bình quân đầu người", "triệu đồng", catalogue)["measure"] == "flow"


def test_what_a_year_is_of_is_read_from_the_words_since_the_last_year_named():
    from lib.pipeline.ingest.frame import read_frame
    from lib.pipeline.ingest.periods import RESULTS, TARGETS, years_named
    text = ("Chiều 20/12, HĐND huyện Bến Sông khai mạc kỳ họp để đánh giá kết quả thực hiện nhiệm vụ năm 2023 "
            "và quyết định các mục tiêu, giải pháp thực hiện nhiệm vụ năm 2024.\n"
            "Hội nghị tổng kết, đánh giá 21 chỉ tiêu phát triển kinh tế - xã hội năm 2023, triển khai kế hoạch "
            "năm 2024.\nThực hiện nhiệm vụ năm 2023, tổng giá trị sản xuất đạt 3.100 tỷ đồng.")
    modes = [(n.year, n.mode) for n in years_named(text)]
    assert modes == [(2023, RESULTS), (2024, TARGETS), (2023, RESULTS), (2024, TARGETS), (2023, RESULTS)]
    frame = read_frame(text)
    assert (frame.results_year, frame.targets_year, frame.sure) == (2023, 2024, True)


def test_rows_dated_by_an_unsure_frame_are_never_sure_until_the_frame_is_confirmed(catalogue):
    text = (Path(__file__).resolve().parent / "fixtures" / "xa-binh-an-khung-chua-chac.txt").read_text(encoding="utf-8")
    from lib.pipeline.ingest.frame import read_frame
    frame = read_frame(text)
    assert not frame.sure and frame.results_year == 2025, "a year only compared with names the one before the results"
    read = extract(text, catalogue)
    revenue = row(read, "14,2")
    assert revenue["year"] == 2025 and revenue["confidence"] < SURE and "xác nhận năm" in revenue["note"]
    confirmed = extract(text, catalogue, results_year=2025, targets_year=2026, period="year")
    revenue = row(confirmed, "14,2")
    assert revenue["indicator_id"] == "state_budget_revenue" and revenue["confidence"] >= SURE
    assert not confirmed["note"].str.contains("xác nhận năm").any()


def test_a_cost_is_not_sure_of_what_it_paid_for_when_the_sentence_does_not_say(catalogue):
    frame = extract("Năm 2024, các dự án khuyến nông được thực hiện với tổng kinh phí 983 triệu đồng.", catalogue)
    cost = row(frame, "983")
    assert cost["confidence"] < SURE, "“kinh phí” alone says how much, not for what"
    said = extract("Năm 2024, kinh phí xây nhà cho người có công đạt 12,5 tỷ đồng.", catalogue)
    assert row(said, "12,5")["indicator_id"] == "merit_family_houses_cost"


def test_a_report_weighing_its_own_targets_is_of_their_year_and_a_named_programme_sets_nothing():
    from lib.pipeline.ingest.frame import read_frame
    from lib.pipeline.ingest.periods import RESULTS, TARGETS, years_named
    text = ("Phường Tân An hướng tới tăng trưởng hai con số trong năm 2026\n\n"
            "Hoàn thành và vượt các chỉ tiêu năm 2025. Hội nghị tổng kết tình hình kinh tế - xã hội năm 2025, "
            "đồng thời triển khai phương hướng, nhiệm vụ năm 2026. Vốn chương trình mục tiêu quốc gia năm 2025 "
            "giải ngân đạt 100%.")
    modes = [(n.year, n.mode) for n in years_named(text)]
    assert modes == [(2026, TARGETS), (2025, RESULTS), (2025, RESULTS), (2026, TARGETS), (2025, RESULTS)]
    assert (read_frame(text).results_year, read_frame(text).targets_year) == (2025, 2026)


def test_a_year_named_once_in_passing_leaves_the_frame_unsure_and_a_head_until_30_9_is_nine_months():
    from lib.pipeline.ingest.frame import read_frame
    text = ("Ước tính đến ngày 30-9, tổng diện tích gieo trồng toàn huyện là 24 ngàn ha, tăng 2% so với cùng kỳ.\n"
            "Thu ngân sách trên địa bàn được 41 tỷ đồng. Huyện tập trung các giải pháp nhằm đạt và vượt các chỉ tiêu "
            "của năm 2024.")
    frame = read_frame(text)
    assert (frame.results_year, frame.period, frame.sure) == (2024, "m9", False)


def test_a_level_counted_as_those_a_task_served_is_never_sure_but_a_flow_of_them_is(catalogue):
    frame = extract("Năm 2025, xã hỗ trợ sửa chữa nhà cho 41/41 hộ nghèo; giải quyết việc làm cho 230 lao động.",
                    catalogue)
    for number in ("41",):
        assert (frame[frame["number"] == number]["confidence"] < SURE).all(), "those served are not the poor households"
    jobs = row(frame, "230")
    assert jobs["indicator_id"] == "jobs_placed" and jobs["confidence"] >= SURE


def test_a_price_base_year_dates_nothing_and_the_first_three_months_are_the_first_quarter():
    from lib.pipeline.ingest.frame import read_frame
    from lib.pipeline.ingest.periods import period_in
    text = ("Trong 6 tháng đầu năm 2024, tổng sản phẩm trên địa bàn (GRDP) theo giá so sánh năm 2010 tăng 5,1% "
            "so với cùng kỳ. Tỉnh tập trung thực hiện tốt nhiệm vụ, kế hoạch năm 2024.")
    frame = read_frame(text)
    assert (frame.results_year, frame.period) == (2024, "m6")
    assert period_in("thu ngân sách trong 3 tháng đầu năm") == "q1" and period_in("trong quí II năm nay") == "q2"


def test_a_figure_whose_year_the_text_never_says_is_never_sure(catalogue):
    frame = extract("Trong quí I năm nay, thu ngân sách nhà nước trên địa bàn đạt 36,6% dự toán năm.", catalogue)
    share = row(frame, "36,6")
    assert pd.isna(share["year"]) and share["confidence"] < SURE and "không rõ năm" in share["note"]


def test_a_report_counting_its_own_targets_proposes_each_count_for_a_look(catalogue):
    text = ("Năm 2025, xã có 22/27 chỉ tiêu đạt và vượt kế hoạch, trong đó 10 chỉ tiêu vượt. Thu ngân sách "
            "nhà nước trên địa bàn đạt 14 tỷ đồng.\nNăm 2026, xã đề ra 23 chỉ tiêu chủ yếu; phấn đấu thu nhập bình "
            "quân 80 triệu đồng/người.")
    frame = extract(text, catalogue)
    got = {r.number: (r.kind, int(r.year), r.proposed_name) for r in frame[frame["unit_of_measure"] == "chỉ tiêu"].itertuples()}
    assert got == {"22": ("actual", 2025, "Số chỉ tiêu đạt và vượt kế hoạch"),
                   "27": ("total", 2025, "Số chỉ tiêu đạt và vượt kế hoạch"),
                   "10": ("actual", 2025, "Số chỉ tiêu vượt kế hoạch"),
                   "23": ("target", 2026, "Số chỉ tiêu kinh tế - xã hội chủ yếu")}
    assert (frame[frame["unit_of_measure"] == "chỉ tiêu"]["confidence"] < SURE).all(), "the report grading itself: a look"
    assert row(frame, "14")["year"] == 2025 and row(frame, "14")["kind"] == "actual"
    missed = extract("Năm 2025, xã đạt 15/17 chỉ tiêu chủ yếu, 2 chỉ tiêu chưa đạt.", catalogue)
    assert {r.number: r.proposed_name for r in missed.itertuples()} == {
        "15": "Số chỉ tiêu đạt và vượt kế hoạch", "17": "Số chỉ tiêu đạt và vượt kế hoạch", "2": "Số chỉ tiêu chưa đạt"}
    whole = extract("Năm 2023, trong số 28 chỉ tiêu về kinh tế - xã hội có 20 chỉ tiêu đạt và vượt kế hoạch.", catalogue)
    assert [(r.number, r.kind) for r in whole.itertuples()] == [("28", "total"), ("20", "actual")]


def test_an_agenda_naming_both_years_starts_no_targets_part_and_the_rest_of_a_year_is_that_year():
    from lib.pipeline.ingest.frame import read_frame
    from lib.pipeline.ingest.periods import TARGETS, find_periods
    agenda = ("Ngày 16/12, HĐND huyện Bến Sông khai mạc kỳ họp nhằm đánh giá tình hình thực hiện nhiệm vụ năm "
              "2024; phương hướng, nhiệm vụ năm 2025. Năm 2024, thu ngân sách nhà nước trên địa bàn đạt 900 tỷ đồng.")
    assert not any(p.mode == TARGETS for p in find_periods(agenda))
    frame = extract(agenda, load_catalogue(DATA_DIR))
    assert row(frame, "900")["year"] == 2024 and row(frame, "900")["kind"] == "actual"
    rest = ("9 tháng đầu năm, tổng giá trị sản xuất tăng 10,8% so với cùng kỳ năm 2021. Huyện tập trung "
            "thực hiện nhiệm vụ 3 tháng cuối năm 2022.")
    assert (read_frame(rest).results_year, read_frame(rest).period) == (2022, "m9")


def test_a_share_of_plan_with_no_figure_is_sure_only_in_its_indicators_own_words(catalogue):
    frame = extract("Năm 2025, phường Tân An: thu ngân sách vượt 17%, chỉnh trang đô thị.", catalogue)
    share = row(frame, "17")
    assert share["kind"] == "pct_of_target" and share["value"] == 117
    assert share["confidence"] < SURE, "which revenue? the words say neither indicator's own wording"


def test_a_month_and_year_dates_a_text_and_until_a_month_is_of_the_results():
    from lib.pipeline.ingest.frame import read_frame
    meeting = ("Tại hội nghị thường kỳ UBND tỉnh tháng 6/2024, UBND tỉnh cho biết, 6 tháng đầu năm tăng trưởng "
               "kinh tế đạt 8,1%.")
    assert (read_frame(meeting).results_year, read_frame(meeting).period) == (2024, "m6")
    until = ("9 tháng đầu năm, thu ngân sách đạt 1.200 tỷ đồng, bằng 110% so với cùng kỳ năm 2023. Có 12 xã "
             "hoàn thành kế hoạch xây dựng nông thôn mới (đến tháng 9/2024).")
    assert read_frame(until).results_year == 2024


def test_a_year_leading_its_own_clause_is_read_by_the_words_after_it(catalogue):
    text = ("Năm 2025, xã Định An đạt nhiều kết quả; thu nhập bình quân đầu người đạt 72 triệu đồng.\n"
            "Phát huy những kết quả đạt được, năm 2026, xã Định An đề ra 21 chỉ tiêu chủ yếu; thu nhập bình quân "
            "đầu người đạt trên 80 triệu đồng.")
    frame = extract(text, catalogue)
    assert (row(frame, "72")["kind"], row(frame, "72")["year"]) == ("actual", 2025)
    assert (row(frame, "80")["kind"], row(frame, "80")["year"]) == ("target", 2026)


def test_revenue_in_words_both_indicators_use_is_sure_only_when_the_words_tell_which(catalogue):
    frame = extract("Năm 2024, tổng thu ngân sách ước đạt 1.666 tỷ đồng; chi ngân sách địa phương "
                    "đạt 900 tỷ đồng.", catalogue)
    assert row(frame, "1.666")["confidence"] < SURE, "total or state revenue: the words do not tell"
    told = extract("Năm 2024, thu ngân sách nhà nước trên địa bàn đạt 1.666 tỷ đồng.", catalogue)
    assert row(told, "1.666")["indicator_id"] == "state_budget_revenue" and row(told, "1.666")["confidence"] >= SURE


def test_a_figure_its_clause_dates_to_another_year_is_not_sure_and_capital_of_projects_is_not_of_businesses(catalogue):
    frame = extract("Năm 2024, huyện có 2 xã được công nhận đạt chuẩn xã nông thôn mới nâng cao năm 2023.", catalogue)
    assert row(frame, "2")["confidence"] < SURE and "năm 2023" in row(frame, "2")["note"]
    capital = extract("Năm 2024, tỉnh chấp thuận chủ trương 16 dự án đầu tư trong nước với tổng vốn 1.745 tỷ đồng.",
                      catalogue)
    assert row(capital, "1.745")["confidence"] < SURE


def test_a_year_compared_with_the_end_of_a_year_dates_the_results_the_year_after():
    from lib.pipeline.ingest.frame import read_frame
    from lib.pipeline.ingest.periods import years_named
    text = "6 tháng đầu năm, tổng dư nợ đạt 713 tỷ đồng, tăng 3,2% so với cuối năm 2021."
    assert [(n.year, n.mode) for n in years_named(text)] == [(2021, "compared")]
    frame = read_frame(text)
    assert (frame.results_year, frame.period, frame.sure) == (2022, "m6", False)


def test_a_results_year_the_comparisons_contradict_is_not_sure():
    from lib.pipeline.ingest.frame import read_frame
    text = ("Trong năm 2025, doanh thu dịch vụ đạt 120 tỷ đồng, tăng 8% so với năm 2023. "
            "Số lao động có việc làm mới là 900 người, tăng 5% so với năm 2023.")
    frame = read_frame(text)
    assert frame.results_year == 2025 and not frame.sure, "compared with 2023, a 2025 report is misread somewhere"
    agreed = read_frame(text.replace("2023", "2024"))
    assert (agreed.results_year, agreed.sure) == (2025, True)


def test_targets_that_were_met_weigh_the_year_named_before_them():
    from lib.pipeline.ingest.periods import RESULTS, years_named
    text = "Ban chấp hành nhận định, năm 2024 hầu hết các chỉ tiêu chủ yếu về phát triển kinh tế của xã đều đạt, vượt."
    assert [(n.year, n.mode) for n in years_named(text)] == [(2024, RESULTS)]


def test_a_quarter_reaches_the_figures_of_its_of_which_sentence_and_a_bracket_dates_its_own_year(catalogue):
    text = ("BÁO CÁO 9 THÁNG NĂM 2024\nGiá trị sản xuất quý III ước tăng 7,1% so với cùng kỳ. Trong đó, nông nghiệp "
            "tăng 2,3%; công nghiệp tăng 8,4%.\nTính chung 9 tháng năm 2024, giá trị sản xuất tăng 6,9% so với cùng "
            "kỳ năm trước (9 tháng năm 2023 tăng 5,2%).")
    read = extract(text, catalogue)
    assert [(row(read, n)["year"], row(read, n)["period"]) for n in ("7,1", "2,3", "8,4", "6,9", "5,2")] == [
        (2024, "q3"), (2024, "q3"), (2024, "q3"), (2024, "m9"), (2023, "m9")]
