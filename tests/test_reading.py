"""One indicator's reading (lib/judgement/reading.py), case by case, on rows shaped like the query's, and on
every indicator of the real report."""
from __future__ import annotations

import math
import re

import pytest

from lib.data import queries
from lib.judgement import reading
from lib.words.words import Words

NAN = math.nan


def row(**values) -> dict:
    """A row of `queries.indicator_table` with what a case needs; everything else missing."""
    base = {"indicator_id": "x", "name_vi": "Chỉ tiêu X", "name_en": "Indicator X", "unit_of_measure": "tỷ đồng",
            "unit_of_measure_en": "billion VND", "direction": "higher", "measure": "flow", "actual": NAN,
            "actual_qualifier": None, "target": NAN, "target_derived": False, "attainment_pct": NAN,
            "yoy_change_pct": NAN, "total": NAN, "next_target": NAN, "next_target_qualifier": None,
            "status": "no_target", "comparability": None, "baseline": NAN, "target_level": NAN,
            "change_needed": NAN, "change_needed_pct": NAN, "gap": None, "related_actual": NAN,
            "baseline_note_vi": None, "baseline_note_en": None, "other_target_id": None,
            "results_year": 2022, "targets_year": 2023}
    base.update(values)
    return base


def compared(actual, next_target, **values) -> dict:
    """A pair that measures the same thing, with the query's derived columns filled in."""
    change = next_target - actual
    return row(actual=actual, next_target=next_target, comparability="same_measure", baseline=actual,
               target_level=next_target, change_needed=change, change_needed_pct=change / abs(actual) * 100,
               **values)


def test_a_growth_rate_target_below_the_result_is_in_points_and_not_a_shortfall():
    growth = compared(16.02, 12.0, unit_of_measure="%", unit_of_measure_en="%", measure="change", gap="below_result",
                      target=12.0, status="exceeded")
    vi, en = reading.read(growth, Words.of("vi")), reading.read(growth, Words.of("en"))
    assert vi.next_line == "Chỉ tiêu 2023: 12% · thấp hơn kết quả 2022 4,02 điểm %"
    assert en.next_line == "2023 target: 12% · 4.02 points below the 2022 result"
    assert vi.share == "+4,02 điểm % so kế hoạch" and vi.status_text == "▲ Vượt"
    assert vi.gap_value == pytest.approx(-4.02)  # the chart draws points, never −25,1%


def test_a_yearly_amount_target_is_the_whole_year_never_x_more():
    investment = compared(2413.0, 2650.0, gap="above_result")
    vi, en = reading.read(investment, Words.of("vi")), reading.read(investment, Words.of("en"))
    assert vi.comparison_text == "mục tiêu cả năm 2023, cao hơn kết quả 2022 237 tỷ đồng (9,8%)"
    assert en.comparison_text == "a whole-year 2023 target, 237 billion VND (9.8%) above the 2022 result"
    assert "còn" not in vi.next_line and "to go" not in en.next_line


def test_a_yearly_target_below_the_result_has_no_double_negative():
    jobs = compared(3060.0, 3000.0, unit_of_measure="lao động", unit_of_measure_en="workers", gap="below_result",
                    next_target_qualifier="khoảng")
    vi = reading.read(jobs, Words.of("vi"))
    assert vi.next_line == "Chỉ tiêu 2023: khoảng 3.000 lao động · mục tiêu cả năm 2023, thấp hơn kết quả 2022 60 lao động (2%)"
    assert "−" not in vi.comparison_text


def test_a_rate_still_to_go_is_in_points_a_stock_in_its_unit_and_percent():
    insurance = compared(88.14, 94.98, unit_of_measure="%", unit_of_measure_en="%", measure="rate", gap="to_go")
    assert reading.read(insurance, Words.of("vi")).comparison_text == "cần tăng thêm 6,84 điểm % so với kết quả 2022"
    assert reading.read(insurance, Words.of("vi")).gap == "+6,84 điểm %"
    communes = compared(10.0, 11.0, unit_of_measure="xã", unit_of_measure_en="communes", measure="level", gap="to_go")
    assert reading.read(communes, Words.of("vi")).comparison_text == "cần tăng thêm 1 xã (10%) so với kết quả 2022"
    poverty = compared(2.0, 1.5, unit_of_measure="%", unit_of_measure_en="%", measure="rate", direction="lower", gap="to_go")
    assert reading.read(poverty, Words.of("vi")).comparison_text == "cần giảm thêm 0,5 điểm % so với kết quả 2022"


def test_a_level_already_reached_says_so_with_the_result():
    electricity = compared(99.89, 99.8, unit_of_measure="%", unit_of_measure_en="%", measure="rate", gap="reached")
    assert reading.read(electricity, Words.of("vi")).comparison_text == "kết quả 2022 (99,89%) đã đạt mức này"
    assert reading.read(electricity, Words.of("en")).comparison_text == "the 2022 result (99.89%) already meets it"


def test_an_addition_to_a_stock_is_converted_honestly():
    communes = row(unit_of_measure="xã", unit_of_measure_en="communes", next_target=1.0, comparability="converted", baseline=6.0,
                   target_level=7.0, change_needed=1.0, change_needed_pct=100 / 6, related_actual=6.0)
    read = reading.read(communes, Words.of("vi"))
    assert read.comparison == "adds_to_stock"
    assert read.comparison_text == "cộng thêm vào số hiện có: 6 (2022) + 1 = 7 xã (2023)"


def test_a_reduction_target_beside_a_rate_is_not_drawn_and_says_why():
    poverty = row(unit_of_measure="%", unit_of_measure_en="%", measure="rate", direction="lower", actual=0.79,
                  other_target_id="poverty_rate_change", other_name_vi="Mức giảm tỷ lệ hộ nghèo",
                  other_name_en="Change in the poverty rate", other_unit_of_measure="điểm %",
                  other_unit_of_measure_en="percentage points", other_measure="change", other_next_target=-0.19,
                  other_note_vi="Chỉ tiêu 2023 là mức giảm.", other_note_en="The 2023 target is a reduction.")
    read = reading.read(poverty, Words.of("vi"))
    assert read.comparison == "reduction" and not read.side_by_side and read.gap_value is None
    assert read.next_line == "Chỉ tiêu 2023: giảm 0,19 điểm % · là mức giảm trong năm, không so trực tiếp với số 2022"
    assert read.reason == "Chỉ tiêu 2023 là mức giảm."


def test_a_target_on_another_measure_names_it():
    revenue = row(actual=713.275, other_target_id="state_budget_revenue", other_name_vi="Thu ngân sách Nhà nước",
                  other_name_en="State budget revenue", other_unit_of_measure="tỷ đồng", other_unit_of_measure_en="billion VND",
                  other_measure="flow", other_next_target=58.5, other_note_vi="Khác phạm vi.")
    read = reading.read(revenue, Words.of("vi"))
    assert read.comparison == "other_measure"
    assert read.next_line.startswith("Chỉ tiêu 2023: Thu ngân sách Nhà nước 58,5 tỷ đồng · ")


@pytest.mark.parametrize("comparability, kind", [("not_comparable", "not_comparable"), ("no_baseline", "no_baseline")])
def test_targets_without_a_result_of_the_same_measure(comparability, kind):
    read = reading.read(row(next_target=5.0, comparability=comparability, baseline_note_vi="Lý do."), Words.of("vi"))
    assert read.comparison == kind and read.gap == "–" and read.gap_value is None


def test_no_target_at_all():
    read = reading.read(row(actual=3.0), Words.of("vi"))
    assert read.comparison == "no_target" and read.next_line == "báo cáo không đặt chỉ tiêu 2023"


def test_a_derived_plan_takes_the_precision_of_its_result():
    workers = row(unit_of_measure="lao động", unit_of_measure_en="workers", actual=3060.0, target=3060 / 1.133, target_derived=True,
                  attainment_pct=113.3, status="exceeded")
    assert reading.read(workers, Words.of("vi")).plan == "≈ 2.701 lao động"  # never a fraction of a worker
    value = row(actual=8839.9, target=8839.9 / 1.0274, target_derived=True, attainment_pct=102.74,
                status="exceeded")
    assert reading.read(value, Words.of("vi")).plan == "≈ 8.604,1 tỷ đồng"
    assert reading.read(value, Words.of("vi")).plan_line == "Kế hoạch 2022 (tính từ % báo cáo) ≈ 8.604,1 tỷ đồng"


def test_estimates_keep_their_word():
    estimate = row(actual=30.539, actual_qualifier="ước")
    assert reading.read(estimate, Words.of("vi")).actual == "ước 30,539 tỷ đồng"
    assert reading.read(estimate, Words.of("en")).actual == "est. 30.539 billion VND"
    at_least = row(unit_of_measure="%", unit_of_measure_en="%", next_target=98.5, next_target_qualifier="trở lên", comparability="no_baseline")
    assert reading.read(at_least, Words.of("vi")).next_target == "98,5% trở lên"


def test_every_indicator_of_the_report_reads_cleanly(built_snapshot, scope):
    """On the real report: counts never carry decimals, no comparison doubles its negative, and
    rates are compared in points."""
    rows = queries.indicator_table(built_snapshot, scope)
    counts = {"người", "lao động", "hộ", "xã", "dự án", "trường", "doanh nghiệp", "đảng viên", "con"}
    for lang in ("vi", "en"):
        for read, unit in zip(reading.read_all(rows, Words.of(lang)), rows["unit_of_measure"]):
            if unit in counts:
                own = read.comparison not in ("other_measure", "reduction")  # else the target is another measure's
                for shown in (read.actual, read.plan, read.gap) + ((read.next_target,) if own else ()):
                    figure = shown.split(" (")[0]
                    assert not re.search(r"\d[,.]\d{1,2}(?!\d)" if lang == "vi" else r"\d\.\d", figure), (read, shown)
            assert "−" not in read.comparison_text or read.comparison == "not_rated", read
            if read.is_rate and read.side_by_side:
                assert reading.points(Words.of(lang)) in read.gap, read


def test_every_comparison_has_words_a_tone_and_where_drawn_a_colour():
    from lib.words import labels, look
    assert set(reading.TONES) == set(labels.COMPARISONS)
    assert set(reading.TONES.values()) <= set(look.TONE_COLOURS)
    assert set(look.COMPARISON_COLOURS) == set(reading.SIDE_BY_SIDE)
    assert len(set(look.COMPARISON_COLOURS.values())) == len(look.COMPARISON_COLOURS)  # one colour per legend entry
