"""lib.data.queries and lib.judgement.rules on a snapshot of the real curated data (built once per session)."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from helpers import INDICATORS, find_row, read_rows, write_rows

from lib.data import queries as q
from lib.data.db import Database
from lib.data.snapshot import latest_snapshot
from lib.pipeline.build import build
from lib.view.filters import Filters
from lib.words import labels


def by_id(frame: pd.DataFrame) -> dict[str, dict]:
    assert frame.indicator_id.is_unique
    return {row["indicator_id"]: row for row in frame.to_dict("records")}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


# --- the status rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pct", "direction", "status"),
    [
        (95, "lower", "exceeded"),  # lower is better: 95% of a ceiling beats it
        (105, "lower", "not_met"),
        (100, "lower", "met"),
        (100, "higher", "met"),
        (100.004, "higher", "met"),  # within half a unit of the report's two decimals
        (99.996, "higher", "met"),
        (99.99, "higher", "not_met"),
        (100.01, "higher", "exceeded"),
        (120, "higher", "exceeded"),
        (75, "higher", "not_met"),
        (100.01, "lower", "not_met"),
        (99.99, "lower", "exceeded"),
        (None, "higher", "no_target"),
        (None, "lower", "no_target"),
        (None, "neutral", "no_target"),
        (120, "neutral", "not_rated"),
        (50, "neutral", "not_rated"),
    ],
)
def test_status_of(built_snapshot, pct, direction, status):
    result = built_snapshot.query("SELECT status_of($p, $d) AS s", {"p": pct, "d": direction})
    assert result.s.tolist() == [status]


@pytest.mark.parametrize(
    ("next_target", "actual", "relation", "related", "expected"),
    [
        (None, 5, None, None, None),
        (94.98, 88.14, None, None, "same_measure"),
        (1, None, "adds_to", 6, "converted"),
        (1, None, "adds_to", None, "no_baseline"),
        (-0.19, None, "not_comparable", 0.79, "not_comparable"),
        (58.5, None, None, None, "no_baseline"),
    ],
)
def test_comparability_of(built_snapshot, next_target, actual, relation, related, expected):
    result = built_snapshot.query(
        "SELECT comparability_of($t::DOUBLE, $a::DOUBLE, $r::VARCHAR, $ra::DOUBLE) AS c",
        {"t": next_target, "a": actual, "r": relation, "ra": related})
    value = result.c.iloc[0]
    assert (is_missing(value) and expected is None) or value == expected


# --- did the district meet its plan? ---------------------------------------------------------------


def test_attainment_returns_only_rows_with_a_share_of_target(built_snapshot, scope):
    frame = q.attainment(built_snapshot, scope)
    table = q.indicator_table(built_snapshot, scope)
    assert len(frame) > 0
    assert frame.attainment_pct.notna().all()
    assert len(frame) == table.attainment_pct.notna().sum()
    assert frame.attainment_pct.is_monotonic_increasing, "lowest share first"


@pytest.mark.parametrize(
    ("indicator_id", "status", "pct"),
    [
        ("rice_sown_area", "not_met", 93.34),
        ("canals_dredged", "met", 100),
        ("ocop_products", "not_met", 75),
        ("electricity_access_rate", "exceeded", 100.07),
        ("party_members_admitted", "exceeded", 120),
        ("budget_revenue_total", "exceeded", 146.36),
    ],
)
def test_attainment_status(built_snapshot, scope, indicator_id, status, pct):
    row = by_id(q.attainment(built_snapshot, scope))[indicator_id]
    assert row["status"] == status
    assert row["attainment_pct"] == pytest.approx(pct)


def test_a_change_is_judged_against_its_target_without_a_share(built_snapshot, scope):
    # Growth 16,02% against a resolution target of 12%: exceeded, but "133,5% of plan" means nothing.
    judged = by_id(q.judged_without_share(built_snapshot, scope))
    assert judged["growth_rate"]["status"] == "exceeded"
    assert judged["growth_rate"]["actual"] == pytest.approx(16.02)
    assert judged["growth_rate"]["target"] == pytest.approx(12)
    assert pd.isna(judged["growth_rate"]["attainment_pct"])
    assert "growth_rate" not in by_id(q.attainment(built_snapshot, scope))


def test_attainment_marks_derived_shares(built_snapshot, scope):
    rows = by_id(q.attainment(built_snapshot, scope))
    assert rows["workers_sent_abroad"]["attainment_derived"]  # 201/130
    assert not rows["rice_sown_area"]["attainment_derived"]  # đạt 93,34% kế hoạch
    assert rows["rice_sown_area"]["target_derived"]
    assert rows["rice_sown_area"]["target"] == pytest.approx(31261 / 0.9334)


def test_indicators_without_target_have_no_target_status(built_snapshot, scope):
    rows = by_id(q.indicator_table(built_snapshot, scope))
    assert rows["poverty_rate"]["status"] == "no_target"
    assert rows["crime_cases"]["status"] == "no_target"


# --- how did 2022 move against 2021? ---------------------------------------------------------------


def test_year_on_year_is_signed(built_snapshot, scope):
    frame = q.year_on_year(built_snapshot, scope)
    rows = by_id(frame)
    assert rows["rice_sown_area"]["yoy_change_pct"] == pytest.approx(-8.6)
    assert rows["rice_output"]["yoy_change_pct"] == pytest.approx(-12.8)
    assert rows["aquaculture_area"]["yoy_change_pct"] == pytest.approx(-20.92)
    assert rows["vegetable_sown_area"]["yoy_change_pct"] == pytest.approx(3.11)
    assert rows["inland_catch"]["yoy_change_pct"] == pytest.approx(112.96)
    assert frame.yoy_change_pct.notna().all()
    assert frame.yoy_change_pct.is_monotonic_increasing
    assert (frame.yoy_change_pct < 0).sum() == 3


# --- where does the district stand against 2023? ----------------------------------------------------


def test_next_year_same_measure(built_snapshot, scope):
    row = by_id(q.next_year_targets(built_snapshot, scope))["health_insurance_coverage"]
    assert row["comparability"] == "same_measure"
    assert row["baseline"] == pytest.approx(88.14)
    assert row["next_target"] == pytest.approx(94.98)
    assert row["target_level"] == pytest.approx(94.98)
    assert row["change_needed"] == pytest.approx(6.84)
    assert row["change_needed_pct"] == pytest.approx(6.84 / 88.14 * 100)


def test_next_year_income(built_snapshot, scope):
    row = by_id(q.next_year_targets(built_snapshot, scope))["income_per_capita"]
    assert (row["baseline"], row["target_level"]) == (pytest.approx(74.51), pytest.approx(82))
    assert row["change_needed"] == pytest.approx(7.49)


def test_next_year_converted_flow_onto_a_stock(built_snapshot, scope):
    """6 communes at the advanced standard + 1 more in 2023 = a 2023 level of 7."""
    row = by_id(q.next_year_targets(built_snapshot, scope))["ntm_advanced_communes_new"]
    assert row["comparability"] == "converted"
    assert row["baseline"] == pytest.approx(6)
    assert row["next_target"] == pytest.approx(1)
    assert row["target_level"] == pytest.approx(7)
    assert row["change_needed"] == pytest.approx(1)


@pytest.mark.parametrize("indicator_id", ["poverty_rate_change", "state_budget_revenue", "ntm_model_communes_new"])
def test_next_year_not_comparable_is_never_a_drop(built_snapshot, scope, indicator_id):
    """Poverty 0,79% vs "reduce by 0,19 points"; total budget revenue vs state budget revenue."""
    row = by_id(q.next_year_targets(built_snapshot, scope))[indicator_id]
    assert row["comparability"] == "not_comparable"
    for column in ("baseline", "target_level", "change_needed", "change_needed_pct"):
        assert is_missing(row[column]), f"{indicator_id}.{column} = {row[column]!r}"
    assert row["baseline_note_vi"] and row["baseline_note_en"], "the reason is shown"


def test_poverty_target_keeps_its_sign(built_snapshot, scope):
    row = by_id(q.next_year_targets(built_snapshot, scope))["poverty_rate_change"]
    assert row["next_target"] == pytest.approx(-0.19)
    assert row["baseline_name_vi"] == "Tỷ lệ hộ nghèo"


def test_next_year_targets_only_compare_comparable_rows(built_snapshot, scope):
    frame = q.next_year_targets(built_snapshot, scope)
    assert frame.next_target.notna().all()
    has_change = frame.change_needed.notna()
    assert set(frame[has_change].comparability) <= {"same_measure", "converted"}
    assert frame[~has_change].comparability.isin(["not_comparable", "no_baseline"]).all()


# --- filters ---------------------------------------------------------------------------------------


def test_domain_filter(built_snapshot, scope):
    everything = q.indicator_table(built_snapshot, scope)
    economy = q.indicator_table(built_snapshot, scope, Filters(domain="economy"))
    assert 0 < len(economy) < len(everything)
    assert set(economy.domain) == {"economy"}
    assert len(economy) == (everything.domain == "economy").sum()


def test_group_filter(built_snapshot, scope):
    frame = q.indicator_table(built_snapshot, scope, Filters(groups=("health", "poverty")))
    assert set(frame.group) == {"health", "poverty"}
    assert "health_insurance_coverage" in set(frame.indicator_id)


def test_status_filter(built_snapshot, scope):
    frame = q.attainment(built_snapshot, scope, Filters(statuses=("not_met",)))
    assert set(frame.status) == {"not_met"}
    assert "rice_sown_area" in set(frame.indicator_id)
    assert "growth_rate" not in set(frame.indicator_id)


def test_comparable_only_filter(built_snapshot, scope):
    everything = q.next_year_targets(built_snapshot, scope)
    frame = q.next_year_targets(built_snapshot, scope, Filters(comparable_only=True))
    assert 0 < len(frame) < len(everything)
    assert set(frame.comparability) == {"same_measure", "converted"}
    ids = set(frame.indicator_id)
    assert "ntm_advanced_communes_new" in ids and "poverty_rate_change" not in ids


@pytest.mark.parametrize("search", ["bao hiem", "Bảo hiểm", "BẢO HIỂM", "  bao hiem  ", "insurance"])
def test_search_filter_ignores_accents_case_and_language(built_snapshot, scope, search):
    frame = q.indicator_table(built_snapshot, scope, Filters(search=search))
    assert "health_insurance_coverage" in set(frame.indicator_id)
    assert 0 < len(frame) < 20


def test_filters_combine(built_snapshot, scope):
    filters = Filters(domain="culture_society", groups=("health",), comparable_only=True, search="bao hiem")
    frame = q.next_year_targets(built_snapshot, scope, filters)
    assert frame.indicator_id.tolist() == ["health_insurance_coverage"]
    assert q.next_year_targets(built_snapshot, scope, Filters(domain="economy", search="bao hiem")).empty


def test_status_counts_sum_to_the_indicators_with_data(built_snapshot, scope):
    counts = q.status_counts(built_snapshot, scope)
    with_data = built_snapshot.query(
        "SELECT count(DISTINCT indicator_id) AS n FROM observations WHERE reporting_unit = $u",
        {"u": scope.reporting_unit}).n.iloc[0]
    assert sum(counts.values()) == with_data
    assert set(counts) <= set(labels.STATUSES)
    judged = pd.concat([q.attainment(built_snapshot, scope), q.judged_without_share(built_snapshot, scope)])
    for status in ("exceeded", "met", "not_met"):
        assert counts.get(status, 0) == (judged.status == status).sum()
    economy = q.status_counts(built_snapshot, scope, Filters(domain="economy"))
    assert sum(economy.values()) == len(q.indicator_table(built_snapshot, scope, Filters(domain="economy")))


def test_unknown_reporting_unit_has_no_rows(built_snapshot):
    other = q.Scope("cau-ke", 2022, 2023)
    assert q.indicator_table(built_snapshot, other).empty
    assert q.status_counts(built_snapshot, other) == {}


# --- search and injection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "indicator_id"),
    [
        ("bao hiem", "health_insurance_coverage"),
        ("bảo hiểm y tế", "health_insurance_coverage"),
        ("dang vien", "party_members_admitted"),
        ("Đảng viên mới", "party_members_admitted"),
        ("ho ngheo", "poverty_rate"),
        ("poultry", "poultry_flock"),
    ],
)
def test_search_indicators(built_snapshot, text, indicator_id):
    frame = q.search_indicators(built_snapshot, text)
    assert indicator_id in set(frame.indicator_id)
    assert list(frame.columns) == ["indicator_id", "domain", "name_vi", "name_en"]


def test_search_limit(built_snapshot):
    assert len(q.search_indicators(built_snapshot, "ty le", limit=3)) == 3


INJECTIONS = ["'; DROP TABLE observations; --", "' OR '1'='1", "%", "\\", "\"); DROP VIEW indicators; --"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_sql_in_search_is_text(built_snapshot, scope, text):
    before = built_snapshot.query("SELECT count(*) AS n FROM observations").n.iloc[0]
    assert q.search_indicators(built_snapshot, text).empty
    assert q.indicator_table(built_snapshot, scope, Filters(search=text)).empty
    assert q.indicator_table(built_snapshot, scope, Filters(domain=text)).empty
    assert q.indicator(built_snapshot, scope, text).empty
    assert built_snapshot.query("SELECT count(*) AS n FROM observations").n.iloc[0] == before > 0
    assert len(q.known_indicator_ids(built_snapshot)) > 0


# --- one indicator ---------------------------------------------------------------------------------


def test_indicator_observations_carry_their_source(built_snapshot, scope):
    frame = q.indicator_observations(built_snapshot, scope, "rice_sown_area")
    assert frame.kind.tolist() == ["actual", "target", "pct_of_target", "yoy_change_pct"]
    assert set(frame.year) == {2022}
    for row in frame.itertuples():
        assert "Tổng diện tích lúa xuống giống 31.261 ha" in row.source_quote
        assert row.number_as_written in row.source_quote
        assert row.source_quote in row.source_sentence
    derived = frame[frame.origin == "derived"]
    assert derived.kind.tolist() == ["target"] and derived.derivation.iloc[0]


def test_indicator_observations_across_years(built_snapshot, scope):
    frame = q.indicator_observations(built_snapshot, scope, "income_per_capita")
    assert list(zip(frame.year, frame.kind)) == [
        (2022, "actual"), (2022, "target"), (2022, "pct_of_target"), (2023, "target")]
    assert frame[frame.year == 2023].source_quote.iloc[0] == "Thu nhập bình quân đầu người đạt 82 triệu đồng."


def test_indicator_and_catalogue_entry(built_snapshot, scope):
    row = q.indicator(built_snapshot, scope, "health_insurance_coverage").iloc[0]
    assert row["actual"] == pytest.approx(88.14) and row["unit_of_measure"] == "%"
    entry = q.indicator_catalogue_entry(built_snapshot, "health_insurance_coverage").iloc[0]
    assert entry["definition_vi"] and entry["name_en"] == "Health insurance coverage"
    assert q.indicator(built_snapshot, scope, "no_such_indicator").empty


def test_related_indicators(built_snapshot):
    related = by_id(q.related_indicators(built_snapshot, "poverty_rate"))
    assert related["poor_households"]["relation"] == "pair"
    assert related["poverty_rate_change"]["relation"] == "baseline"
    assert "poverty_rate" not in related


def test_headline_indicators_in_order(built_snapshot, scope):
    frame = q.headline_indicators(built_snapshot, scope)
    assert frame.headline.tolist() == list(range(1, len(frame) + 1))
    assert frame.indicator_id.tolist()[:3] == ["growth_rate", "production_value", "income_per_capita"]


def test_counts_show_each_pair_once(built_snapshot, scope):
    rows = by_id(q.counts_with_pairs(built_snapshot, scope))
    assert rows["crime_cases"]["actual"] == 19 and rows["crime_cases"]["pair_actual"] == 18
    assert "crime_offenders" not in rows
    assert rows["gambling_cases"]["pair_actual"] == 234
    assert "growth_rate" not in rows, "indicators with a target are not counts"


def test_observations_in_view_follow_the_filters(built_snapshot, scope):
    frame = q.observations_in_view(built_snapshot, scope, Filters(domain="security_order"))
    assert len(frame) > 0 and set(frame.domain) == {"security_order"}
    assert frame.source_quote.notna().all()


def test_reports(built_snapshot):
    frame = q.reports(built_snapshot)
    assert frame.report_id.tolist() == ["tieu-can-2022"]
    assert frame.results_year.iloc[0] == 2022 and frame.targets_year.iloc[0] == 2023
    assert len(frame.raw_sha256.iloc[0]) == 64


def test_concurrent_queries_do_not_share_a_cursor(built_snapshot, scope):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: len(q.indicator_table(built_snapshot, scope)), range(32)))
    assert len(set(results)) == 1 and results[0] > 0


# --- regression: pairs whose first partner has no result -------------------------------------------


def test_counts_show_a_pair_whose_first_partner_has_no_actual(fixture_data, scope):
    data = fixture_data()
    fields, rows = read_rows(data / INDICATORS)
    # trained_labour_rate only has a 2023 target; petitions_received (later in the catalogue) a 2022 count.
    rows[find_row(rows, indicator_id="trained_labour_rate")]["paired_with"] = "petitions_received"
    rows[find_row(rows, indicator_id="petitions_received")]["paired_with"] = "trained_labour_rate"
    write_rows(data / INDICATORS, fields, rows)
    build(data)
    db = Database(latest_snapshot(data / "snapshots"))
    assert "petitions_received" in set(q.counts_with_pairs(db, scope).indicator_id)


# Each question is a slice of the rows in view, cut in Arrow; the same question put to DuckDB as
# SQL must give the very same frame (rows, order, values and types).
AS_SQL = {
    "indicator_table": ("TRUE", "sort_order"),
    "attainment": ("attainment_pct IS NOT NULL", "attainment_pct, sort_order"),
    "judged_without_share": ("attainment_pct IS NULL AND status IN ('exceeded', 'met', 'not_met')", "sort_order"),
    "year_on_year": ("yoy_change_pct IS NOT NULL", "yoy_change_pct, sort_order"),
    "next_year_targets": ("next_target IS NOT NULL", "comparability, change_needed_pct NULLS LAST, sort_order"),
}


@pytest.mark.parametrize("filters", [
    Filters(), Filters(domain="economy"), Filters(domain="economy", statuses=("not_met",)),
    Filters(statuses=("exceeded", "met")), Filters(domain="culture_society", comparable_only=True),
    Filters(search="lua"), Filters(search="khong co chi tieu nay")])
def test_each_question_is_the_slice_sql_would_give(built_snapshot, scope, filters):
    for name, (where, order) in AS_SQL.items():
        expected = q._in_view(built_snapshot, scope, filters, f"SELECT * FROM in_view WHERE {where} ORDER BY {order}")
        pd.testing.assert_frame_equal(getattr(q, name)(built_snapshot, scope, filters), expected)
    expected = q._in_view(built_snapshot, scope, Filters(), "SELECT * FROM in_view WHERE headline IS NOT NULL ORDER BY headline")
    pd.testing.assert_frame_equal(q.headline_indicators(built_snapshot, scope), expected)
    # The counts with their pairs, as the join they were once asked as.
    expected = q._in_view(built_snapshot, scope, filters, """
        SELECT main.*, pair.actual AS pair_actual, pair.unit_of_measure AS pair_unit_of_measure, pair.unit_of_measure_en AS pair_unit_of_measure_en,
               pair.name_vi AS pair_name_vi, pair.name_en AS pair_name_en
        FROM in_view main
        LEFT JOIN all_rows pair ON pair.indicator_id = main.paired_with
        WHERE main.actual IS NOT NULL AND main.status = 'no_target'
          AND NOT EXISTS (SELECT 1 FROM in_view first WHERE first.indicator_id = main.paired_with
                          AND first.actual IS NOT NULL AND first.status = 'no_target'
                          AND first.sort_order < main.sort_order)
        ORDER BY main.sort_order""")
    pd.testing.assert_frame_equal(q.counts_with_pairs(built_snapshot, scope, filters), expected)
