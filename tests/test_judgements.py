"""Judgements as the report and public finance read them (docs/judgements.md): spending against its
estimate, one indicator at two dates, two measures under one name, a verdict stated in words."""
from __future__ import annotations

import pytest

from lib.data import queries
from lib.judgement import reading
from lib.judgement.stated import stated_verdict, verdict_of
from lib.render import tables
from lib.words.words import Words


def _reading(db, scope, indicator_id: str, lang: str = "vi") -> reading.Reading:
    rows = queries.indicator_table(db, scope)
    return reading.read_all(rows[rows["indicator_id"] == indicator_id], Words.of(lang))[0]


@pytest.mark.parametrize(("pct", "status"), [(112.08, "over_estimate"), (100.004, "on_estimate"),
                                             (100.01, "over_estimate"), (96, "on_estimate"),
                                             (94.99, "under_estimate"), (None, "no_target")])
def test_spending_is_judged_against_its_estimate_never_as_more_is_better(built_snapshot, pct, status):
    result = built_snapshot.query("SELECT status_of($p::DOUBLE, 'estimate', actual := 1.0) AS s", {"p": pct})
    assert result.s.tolist() == [status]


def test_local_budget_spending_over_its_estimate_reads_vuot_du_toan(built_snapshot, scope):
    vi = _reading(built_snapshot, scope, "budget_expenditure_local")
    assert vi.status == "over_estimate" and vi.status_label == "Vượt dự toán"
    assert vi.share == "112,08% dự toán" and vi.plan_line.startswith("Dự toán 2022")
    assert "▲" not in vi.status_text and "Vượt kế hoạch" not in vi.status_text
    en = _reading(built_snapshot, scope, "budget_expenditure_local", "en")
    assert en.status_label == "Over estimate" and en.share == "112.08% of the estimate"
    # never among the achievements: not in the exceeded filter, counted in a box of its own
    exceeded = queries.indicator_table(built_snapshot, scope, queries.Filters(statuses=("exceeded",)))
    assert "budget_expenditure_local" not in set(exceeded["indicator_id"])
    counts = queries.status_counts(built_snapshot, scope)
    assert counts.get("over_estimate") == 1
    assert "ct-count-over_estimate" in tables.status_counts_html(counts, Words.of("vi"))


def test_one_indicator_at_two_dates_is_one_indicator_judged_on_its_latest_figure(built_snapshot, scope):
    rows = queries.indicator_table(built_snapshot, scope)
    disbursed = rows[rows["name_vi"].str.startswith("Vốn đầu tư công giải ngân")]
    assert disbursed["indicator_id"].tolist() == ["public_investment_disbursed"]
    read = _reading(built_snapshot, scope, "public_investment_disbursed")
    assert read.share == "ước 99,7%" + " (đến 31/12/2022)"  # the estimate to 31/12, not 91,86% to 16/12
    assert read.actual == "366,974 tỷ đồng (đến 16/12/2022)"
    assert read.status == "not_met"
    not_met = rows[rows["status"] == "not_met"]
    assert len(not_met[not_met["indicator_id"].str.startswith("public_investment_disbursed")]) == 1


def test_two_measures_under_one_name_are_two_indicators(built_snapshot, scope):
    referrals = _reading(built_snapshot, scope, "job_referrals")
    new_jobs = _reading(built_snapshot, scope, "jobs_placed")
    assert referrals.name != new_jobs.name
    assert referrals.actual == "3.060 lao động" and referrals.status == "exceeded"
    # 2023's new jobs are never set beside 2022's referrals as one measure
    assert referrals.comparison == "other_measure" and referrals.gap_value is None
    assert new_jobs.actual == "–" and new_jobs.comparison == "not_comparable" and new_jobs.reason


def test_a_verdict_stated_in_words_is_the_reports_and_says_there_is_no_figure(built_snapshot, scope):
    vi = _reading(built_snapshot, scope, "health_insurance_coverage")
    assert vi.status == "no_target"  # never counted as a computed "Không đạt"
    assert vi.stated == "not_met" and "chưa đạt" in vi.stated_quote
    assert vi.status_label == "Báo cáo đánh giá: chưa đạt"
    assert "không có số kế hoạch 2022 để tính" in vi.plan_line and "không có kế hoạch 2022" != vi.plan_line
    card = tables.card_html(vi)
    assert "chưa đạt" in card and "không có số kế hoạch 2022 để tính" in card
    en = _reading(built_snapshot, scope, "health_insurance_coverage", "en")
    assert en.status_label == "Report: not met" and "no 2022 target figure" in en.plan_line


@pytest.mark.parametrize(("quote", "verdict"), [
    ("tỷ lệ tham gia bảo hiểm y tế đạt theo chỉ tiêu tỉnh giao nhưng so với chỉ tiêu phấn đấu của huyện là chưa đạt",
     "not_met"),
    ("Thu ngân sách vượt chỉ tiêu nghị quyết", "exceeded"),
    ("Giải ngân vốn đầu tư công đạt kế hoạch", "met"),
    ("Duy trì và củng cố mô hình cánh đồng lớn", None),  # no verdict
    ("chất lượng chưa đạt yêu cầu", None),  # a verdict on no target
])
def test_verdict_words(quote, verdict):
    assert verdict_of(quote) == verdict


def test_the_first_sentence_with_a_verdict_is_the_reports():
    assert stated_verdict(["Duy trì tốt", "so với kế hoạch là chưa đạt"]) == ("not_met", "so với kế hoạch là chưa đạt")
    assert stated_verdict(None) == ("", "")


# --- the pace page means pace ----------------------------------------------------------------------

def test_with_only_a_year_end_report_the_pace_page_says_so_and_shows_the_years_reading(built_snapshot, scope):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/8_tien_do.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.selectbox, "no period to pick: a year-end report has no pace"
    assert "chưa có tiến độ trong năm" in at.info[0].value
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "tiến độ" not in " ".join(m.value for m in at.markdown).lower()
    # the counts are the overview's, by the overview's rules
    counts = queries.status_counts(built_snapshot, scope)
    shown = tables.status_counts_html(counts, Words.of("vi"))
    assert shown in body


def test_spendings_values_chart_calls_its_target_the_estimate(built_snapshot, scope):
    from lib.render import charts
    for words, estimate, plan in ((Words.of("vi"), "Dự toán 2022", "Chỉ tiêu"), (Words.of("en"), "Estimate 2022", "Target")):
        spending = queries.indicator_observations(built_snapshot, scope, "budget_expenditure_local")
        spec = charts.indicator_values_chart(spending, words, against_estimate=True).to_dict(validate=False)
        shown = {row["what"] for rows in spec["datasets"].values() for row in rows}
        assert any(w.startswith(estimate) for w in shown) and not any(w.startswith(plan) for w in shown)
        rates = queries.indicator_observations(built_snapshot, scope, "health_insurance_coverage")
        spec = charts.indicator_values_chart(rates, words).to_dict(validate=False)
        assert any(row["what"].startswith(plan) for rows in spec["datasets"].values() for row in rows)
