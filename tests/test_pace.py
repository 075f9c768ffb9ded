"""A year in progress: the periods of figures, the pace rule, and a six-month report published
through the staff path (extract → review → publish) read back against the year's targets."""
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from bench.serving import copy_data
from lib.data.contract import SCHEMA_VERSION
from lib.data.db import Database
from lib.data.pace_queries import pace, periods_reported
from lib.data.queries import Scope, indicator_table, reports
from lib.data.snapshot import latest_snapshot
from lib.judgement.pace import (
    PACE_MACROS,
    PACE_TOLERANCE_POINTS,
    PERIODS,
    first_month,
    from_start_of_year,
    last_month,
    period_end,
    year_gone_pct,
)
from lib.pipeline import ingest, publish
from lib.pipeline.ingest.periods import period_in, report_level, report_period, until_day

REPO = Path(__file__).resolve().parent.parent
SIX_MONTHS = REPO / "tests" / "fixtures" / "pace" / "xa-tan-mau-6-thang-2026.txt"
META = {"report_id": "tan-mau-6t-2026", "reporting_unit": "tan-mau", "reporting_unit_name_vi": "Xã Tân Mẫu",
        "reporting_unit_name_en": "Tân Mẫu commune", "results_year": 2026, "targets_year": 2026}
# What the staff reviewer sets where the extractor proposed no indicator: (number as written) → indicator.
REVIEWER_FIXES = {"2.470": "production_value", "9,86": "budget_revenue_total", "41,3": "budget_revenue_total"}


# --- periods --------------------------------------------------------------------------------------

def test_every_period_ends_on_its_last_day():
    assert period_end("m6", 2026) == date(2026, 6, 30)
    assert period_end("m11", 2024) == date(2024, 11, 30)
    assert period_end("q1", 2024) == date(2024, 3, 31)
    assert period_end("month02", 2024) == date(2024, 2, 29)  # a leap year
    assert period_end("year", 2023) == date(2023, 12, 31)
    for period in PERIODS:
        assert first_month(period) <= last_month(period)


def test_the_share_of_the_year_gone_counts_whole_months():
    assert year_gone_pct(date(2026, 6, 30)) == pytest.approx(50.0)
    assert year_gone_pct(date(2026, 9, 30)) == pytest.approx(75.0)
    assert year_gone_pct(date(2023, 10, 31)) == pytest.approx(10 / 12 * 100)
    assert year_gone_pct(date(2026, 12, 31)) == pytest.approx(100.0)
    assert year_gone_pct(date(2026, 6, 15)) == pytest.approx((5 + 15 / 30) / 12 * 100)


def test_only_periods_from_the_first_of_january_add_up_a_year_so_far():
    assert [p for p in PERIODS if from_start_of_year(p)] == ["q1", "m6", "m9", "m11", "month01", "year"]


@pytest.mark.parametrize("phrase, period", [
    ("Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2023", "m6"),
    ("sơ kết 9 tháng năm 2024", "m9"), ("ước thực hiện 11 tháng năm 2022", "m11"),
    ("kết quả quý I năm 2025", "q1"), ("QUÝ III/2024", "q3"), ("ước cả năm đạt", "year"),
    ("ước thực hiện cả năm 2023", "year"), ("nhiệm vụ 6 tháng cuối năm 2023", None), ("kế hoạch năm", None),
])
def test_the_extractor_reads_the_period_a_phrase_names(phrase, period):
    assert period_in(phrase) == period


def test_the_extractor_reads_the_day_a_figure_runs_to_and_the_level_of_the_unit():
    assert until_day("giải ngân tính đến ngày 31/10/2023 là", 2023) == (10, 31)
    assert until_day("đến ngày 31/10/2022", 2023) is None  # another year's day
    assert report_level("ỦY BAN NHÂN DÂN XÃ TÂN MẪU\nBÁO CÁO") == "xa_phuong"
    assert report_level("HĐND phường Tân Hòa khóa I") == "xa_phuong"
    assert report_level("UBND TỈNH TRÀ VINH") == "tinh"
    assert report_level("UBND HUYỆN TIỂU CẦN") == "huyen"
    text = SIX_MONTHS.read_text(encoding="utf-8")
    assert (report_period(text), report_level(text)) == ("m6", "xa_phuong")


def _extracted():
    text = ingest.read_report(SIX_MONTHS)
    return text, ingest.extract(text, ingest.load_catalogue(REPO / "data"))


def test_each_figure_of_a_six_month_report_carries_its_period_and_day():
    text, candidates = _extracted()
    by_number = {row.number: row for row in candidates.itertuples()}
    for number in ("1.184,6", "48,2", "2.310", "55,1", "12", "60", "412", "49,6", "91,2", "3"):
        assert (by_number[number].period, by_number[number].as_of) == ("m6", "2026-06-30"), number
    assert (by_number["4,05"].period, by_number["4,05"].as_of) == ("q1", "2026-03-31")  # "quý I đạt 4,05 tỷ"
    assert (by_number["2.470"].period, by_number["2.470"].as_of) == ("year", "2026-12-31")  # "ước cả năm"
    assert (by_number["93"].kind, by_number["93"].period) == ("target", "year")  # "(NQ 93%)": the year's
    assert set(candidates["year"]) == {2026}


def test_a_year_end_report_reads_a_day_inside_its_year():
    """The seed report: the disbursement "đến ngày 16/12/2022" is as of that day, its plan the year's."""
    candidates = ingest.extract(ingest.read_report(REPO / "data" / "raw" / "tieu-can-2022-report.txt"))
    disbursed = candidates[candidates["number"] == "366,974"].iloc[0]
    planned = candidates[candidates["number"] == "399,505"].iloc[0]
    assert (disbursed.period, disbursed.as_of) == ("year", "2022-12-16")
    assert (planned.period, planned.as_of) == ("year", "2022-12-31")
    assert set(candidates["period"]) == {"year"}


# --- the pace rule --------------------------------------------------------------------------------

def _pace_of(measure, direction, share, gone, latest=None, target=None, cumulative=True):
    connection = duckdb.connect()
    connection.execute(PACE_MACROS)
    return connection.execute("SELECT pace_of($1, $2, $3, $4, $5, $6, $7)",
                              [measure, direction, share, gone, latest, target, cumulative]).fetchone()[0]


@pytest.mark.parametrize("share, gone, expected", [
    (48.2, 50, "on_pace"), (50 - PACE_TOLERANCE_POINTS, 50, "on_pace"), (41.3, 50, "behind"),
    (60, 50, "ahead"), (74, 75, "on_pace"), (70, 75, "behind"), (95, 100, "behind"),
])
def test_a_yearly_amount_is_judged_by_the_share_of_the_year_gone(share, gone, expected):
    assert _pace_of("flow", "higher", share, gone) == expected


def test_pace_knows_direction_levels_and_periods_that_do_not_add_up():
    assert _pace_of("flow", "lower", 60, 50) == "behind"  # 60% of the year's accident ceiling in half a year
    assert _pace_of("flow", "lower", 30, 50) == "ahead"
    assert _pace_of("flow", "higher", 30, 50, cumulative=False) == "not_cumulative"
    assert _pace_of("flow", "neutral", 30, 50) == "not_rated"
    assert _pace_of("flow", "higher", None, 50) == "no_target"
    assert _pace_of("rate", "higher", None, 50, latest=91.2, target=93) == "not_yet"
    assert _pace_of("rate", "higher", None, 50, latest=93.4, target=93) == "reached"
    assert _pace_of("rate", "lower", None, 50, latest=1.1, target=1.5) == "reached"
    assert _pace_of("change", "higher", None, 50, latest=7.0, target=8.0) == "not_yet"


# --- published through the staff path -------------------------------------------------------------

@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return publish_six_months(tmp_path_factory.mktemp("pace") / "data")


def publish_six_months(folder: Path) -> Path:
    """The seed data in `folder` with the six-month report reviewed and published as the staff page does."""
    copy_data(folder)
    text, candidates = _extracted()
    for index, row in candidates.iterrows():
        if not row["indicator_id"] and row["number"] in REVIEWER_FIXES:
            candidates.loc[index, "indicator_id"] = REVIEWER_FIXES[row["number"]]
    accepted = [bool(row.indicator_id) and row.kind != "change_abs" for row in candidates.itertuples()]
    candidates.insert(0, "accept", accepted)
    draft = publish.draft_from_review(text, "xa-tan-mau-6-thang-2026.txt", SIX_MONTHS.read_bytes(), META,
                                      candidates, ingest.skipped_numbers(text))
    assert publish.check(folder, draft) == []
    publish.publish(folder, draft)
    return folder


def _figures_written(number: str) -> float:
    """A number as the fixture report writes it (1.184,6 → 1184.6): expectations come from the text."""
    assert number in SIX_MONTHS.read_text(encoding="utf-8"), number
    return float(number.replace(".", "").replace(",", "."))


def test_the_six_month_report_is_published_with_its_period_and_level(published):
    snapshot = latest_snapshot(published / "snapshots")
    assert snapshot.schema_version == SCHEMA_VERSION
    db = Database(snapshot)
    report = reports(db).set_index("report_id").loc["tan-mau-6t-2026"]
    assert (report["period"], str(report["as_of"])[:10]) == ("m6", "2026-06-30")
    unit = db.query("SELECT * FROM reporting_units WHERE reporting_unit = 'tan-mau'").iloc[0]
    assert unit["level"] == "xa_phuong"
    periods = periods_reported(db, "tan-mau")
    assert set(zip(periods["period"], periods["as_of"].astype(str))) >= {("m6", "2026-06-30"), ("q1", "2026-03-31"),
                                                                         ("year", "2026-12-31")}


def test_each_indicator_is_read_against_the_years_target(published):
    db = Database(latest_snapshot(published / "snapshots"))
    rows = pace(db, "tan-mau", 2026, "m6", date(2026, 6, 30)).set_index("indicator_id")
    gone = 50.0
    for indicator, actual, share in [("production_value", "1.184,6", "48,2"), ("rice_sown_area", "2.310", "55,1"),
                                     ("budget_revenue_total", "9,86", "41,3"), ("new_enterprises", "12", "60"),
                                     ("jobs_placed", "412", "49,6")]:
        row = rows.loc[indicator]
        assert row["actual"] == pytest.approx(_figures_written(actual)), indicator  # six months', not the year's
        assert row["share_pct"] == pytest.approx(_figures_written(share)), indicator
        # the year's target the share implies: actual ÷ share
        assert row["target"] == pytest.approx(_figures_written(actual) / _figures_written(share) * 100), indicator
        assert row["year_gone_pct"] == pytest.approx(gone)
        difference = _figures_written(share) - gone
        expected = ("on_pace" if abs(difference) <= PACE_TOLERANCE_POINTS else "ahead" if difference > 0 else "behind")
        assert row["pace"] == expected, indicator
    coverage = rows.loc["health_insurance_coverage"]
    assert (coverage["actual"], coverage["target"]) == (_figures_written("91,2"), _figures_written("93"))
    assert coverage["pace"] == "not_yet" and coverage["share_pct"] != coverage["share_pct"]  # no share for a rate
    assert rows.loc["traffic_accidents", "pace"] == "no_target"
    # Quarter I: the revenue of the first quarter, as of 31 March
    first_quarter = pace(db, "tan-mau", 2026, "q1", date(2026, 3, 31)).set_index("indicator_id")
    assert first_quarter.loc["budget_revenue_total", "actual"] == pytest.approx(_figures_written("4,05"))
    assert first_quarter.loc["budget_revenue_total", "year_gone_pct"] == pytest.approx(25.0)


def test_the_year_pages_keep_reading_whole_years(published):
    """Six months' production value is never read as the year's: the year pages' rows are the
    estimate for the whole year, and the district's 2022 is untouched."""
    db = Database(latest_snapshot(published / "snapshots"))
    year = indicator_table(db, Scope("tan-mau", 2026, 2026)).set_index("indicator_id")
    assert year.loc["production_value", "actual"] == pytest.approx(_figures_written("2.470"))
    assert "budget_revenue_total" not in year.index or year.loc["budget_revenue_total", "actual"] != year.loc[
        "budget_revenue_total", "actual"]
    tieu_can = indicator_table(db, Scope("tieu-can", 2022, 2023)).set_index("indicator_id")
    assert tieu_can.loc["health_insurance_coverage", "actual"] == pytest.approx(88.14)
    written = db.query("SELECT count(*) AS n FROM results_by_indicator WHERE reporting_unit = 'tan-mau'").n.iloc[0]
    assert written == 1  # only the production value has a whole year's figure ("ước cả năm")


def test_the_curated_rows_of_the_published_report_name_their_periods(published):
    rows = (published / "curated" / "reports" / "tan-mau-6t-2026" / "observations.csv").read_text(encoding="utf-8")
    assert re.search(r",m6,2026-06-30\s*$", rows.splitlines()[1])
    assert ",q1,2026-03-31" in rows and ",year,2026-12-31" in rows


# --- the pace page --------------------------------------------------------------------------------

def test_the_pace_page_shows_each_indicator_against_the_years_target(published, monkeypatch):
    from page_support import charts
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CHITIEU_DATA_DIR", str(published))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/8_tien_do.py").run()
    assert not at.exception, [e.message for e in at.exception]
    picker = at.selectbox(key="w_pace_period")
    assert picker.value == "tan-mau|2026|m6", "the newest period is shown first"
    assert at.title[0].value == "Tiến độ thực hiện chỉ tiêu năm 2026"
    assert "Xã Tân Mẫu, 6 tháng đầu năm 2026 (đến 30/06/2026): đã qua 50% thời gian của năm" in at.caption[0].value
    table = at.dataframe[0].value.set_index("Chỉ tiêu")
    revenue = table.loc["Tổng thu ngân sách"]
    assert (revenue["Số mới nhất"], revenue["Đạt % kế hoạch năm"], revenue["Tiến độ"]) == (
        "9,86 tỷ đồng", "41,3%", "Chậm tiến độ")
    assert revenue["Các kỳ"] == "Quý I: 4,05 tỷ đồng · 6 tháng: 9,86 tỷ đồng (41,3%)"
    # the year's plan implied by "9,86 tỷ đồng, đạt 41,3% dự toán năm", to the report's precision
    implied = _figures_written("9,86") / _figures_written("41,3") * 100
    assert revenue["Mục tiêu năm"] == "≈ " + f"{implied:.2f}".replace(".", ",") + " tỷ đồng"
    assert table.loc["Tổng giá trị sản xuất (giá so sánh 2010)", "Tiến độ"] == "Đúng tiến độ"
    assert table.loc["Doanh nghiệp thành lập mới", "Tiến độ"] == "Vượt tiến độ"
    assert table.loc["Tỷ lệ dân số tham gia bảo hiểm y tế", "Tiến độ"] == "Chưa đạt mục tiêu năm"
    drawn = charts(at)[0]
    rows = next(iter(frame for frame in drawn["data"].values() if "share" in frame))
    assert set(rows["gone"]) == {50.0}
    shares = dict(zip(rows["name"], rows["share"]))
    assert shares["Tổng thu ngân sách"] == pytest.approx(_figures_written("41,3"))
    # Quarter I of the same year: a quarter of the year gone
    picker.set_value("tan-mau|2026|q1").run()
    assert "đã qua 25% thời gian của năm" in at.caption[0].value


def test_a_review_table_without_the_period_columns_still_publishes_six_months_as_six_months():
    """The staff page's review table (lib/web/staff_page.py) may not carry period and as_of: the
    draft reads them again from the report, never defaulting a six-month figure to the whole year."""
    text, candidates = _extracted()
    candidates.insert(0, "accept", [bool(i) for i in candidates["indicator_id"]])
    reviewed = candidates.drop(columns=["period", "as_of"])
    draft = publish.draft_from_review(text, "x.txt", SIX_MONTHS.read_bytes(), META, reviewed,
                                      ingest.skipped_numbers(text))
    rows = draft.observations.set_index(["indicator_id", "kind", "period"])
    assert rows.loc[("production_value", "actual", "m6"), "as_of"] == "2026-06-30"
    assert rows.loc[("budget_revenue_total", "actual", "q1"), "number"] == "4,05"
    assert rows.loc[("health_insurance_coverage", "target", "year"), "as_of"] == "2026-12-31"
    assert draft.meta["period"] == "m6" and draft.meta["level"] == "xa_phuong"


def test_one_years_target_is_implied_though_six_months_and_the_year_both_give_a_share():
    from lib.pipeline.derive import derive

    def row(period, kind, value, written):
        return {"report_id": "r", "reporting_unit": "u", "indicator_id": "production_value", "year": 2026,
                "period": period, "as_of": period_end(period, 2026), "kind": kind, "value": value, "unit_of_measure": "tỷ đồng",
                "number_as_written": written, "source_quote": written, "source_sentence": written, "quote_start": 0,
                "number_start": 0, "number_end": 1, "curated_row": 2}
    rows = [row("m6", "actual", 1184.6, "1.184,6"), row("m6", "pct_of_target", 48.2, "48,2"),
            row("year", "actual", 2470.0, "2.470"), row("year", "pct_of_target", 100.5, "100,5")]
    targets = [r for r in derive(rows, {"production_value": "flow"}) if r["kind"] == "target"]
    assert len(targets) == 1 and targets[0]["period"] == "year"
    assert targets[0]["value"] == pytest.approx(1184.6 / 0.482)
