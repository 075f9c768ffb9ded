"""The province's view of its units: the query (every unit under a province, through a ceased
province's successor, none of another province's), the ranking rule (direction, ties, units without
a figure and why), the chart and table builders, and the indicator page under AppTest on a synthetic
province of twelve communes (bench/province.py)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from page_support import charts, static_tables
from streamlit.testing.v1 import AppTest

from bench import province
from lib.data import province_queries
from lib.data.db import Database
from lib.data.snapshot import latest_snapshot
from lib.judgement.ranking import NEVER_REPORTED, NO_FIGURE, NO_REPORT, rank_reporting_units
from lib.render import charts_province
from lib.words.words import Words

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HIGHER, LOWER = province.HOLE_INDICATOR, "poverty_rate"


@pytest.fixture(scope="module")
def province_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("province")
    province.province_snapshot(out, communes=12, years=2)
    return out


@pytest.fixture(scope="module")
def db(province_dir) -> Database:
    return Database(latest_snapshot(province_dir / "snapshots"))


def expected_under(top: str) -> set[str]:
    """The units under `top` walked up from each unit of the fixture's tree, in Python: parents,
    and a ceased unit's successor (the rule the SQL follows), never the predecessor itself."""
    rows = {r["reporting_unit"]: r for r in province.tree(12).units}

    def reaches(unit: str, through_parent: bool, seen: frozenset) -> bool:
        row = rows.get(unit)
        if row is None or unit in seen:
            return False
        steps = [(row["parent"], True), (row["successor"], through_parent)]
        return any(other == top and under or (other and reaches(other, under, seen | {unit}))
                   for other, under in steps if other)
    return {unit for unit in rows if unit != top and reaches(unit, False, frozenset())}


def actuals(province_dir: Path, indicator_id: str, year: int) -> dict[str, float]:
    """Each unit's actual straight from the observations file, not through the query."""
    snapshot = latest_snapshot(province_dir / "snapshots")
    obs = pq.read_table(snapshot.file("observations"), filters=[("indicator_id", "=", indicator_id),
                                                                ("year", "=", year), ("kind", "=", "actual")])
    return dict(zip(obs["reporting_unit"].to_pylist(), obs["value"].to_pylist()))


# --- the query ------------------------------------------------------------------------------------

def test_every_unit_under_the_province_and_through_the_ceased_one(db):
    rows = province_queries.reporting_units_under(db, province.PROVINCE, HIGHER)
    assert set(rows["reporting_unit"]) == expected_under(province.PROVINCE)
    assert len(rows) >= 14
    # the communes of the ceased Trà Vinh (and of its district) are Vĩnh Long's now
    parents = {r["reporting_unit"]: r["parent"] for r in province.tree(12).units}
    assert {parents[u] for u in rows["reporting_unit"]} == {province.PROVINCE, province.CEASED_PROVINCE, province.DISTRICT}
    # the ceased province is its successor's predecessor, not a unit under it; another province's commune never shows
    assert not {province.CEASED_PROVINCE, province.OTHER_PROVINCE, province.OUTSIDE["reporting_unit"]} & set(rows["reporting_unit"])


def test_the_figures_are_the_observations_of_the_latest_year(db, province_dir):
    rows = province_queries.reporting_units_under(db, province.PROVINCE, LOWER)
    assert set(rows["year"]) == {province.LAST_RESULTS_YEAR}
    real = actuals(province_dir, LOWER, province.LAST_RESULTS_YEAR)
    with_figure = rows[rows["actual"].notna()]
    assert dict(zip(with_figure["reporting_unit"], with_figure["actual"])) == {u: real[u] for u in with_figure["reporting_unit"]}
    assert set(with_figure["status"]) <= {"exceeded", "met", "not_met"} and with_figure["status"].notna().all()


def test_units_without_a_report_or_a_figure(db):
    tree = province.tree(12)
    stale, hole = next(iter(tree.last_year)), next(iter(tree.holes))[0]
    rows = province_queries.reporting_units_under(db, province.PROVINCE, HIGHER).set_index("reporting_unit")
    assert not rows.loc[stale, "has_report"] and rows.loc[stale, "ever_reported"] and pd.isna(rows.loc[stale, "actual"])
    assert rows.loc[hole, "has_report"] and pd.isna(rows.loc[hole, "actual"])
    for never in province.NEVER_REPORTED:
        assert not rows.loc[never["reporting_unit"], "ever_reported"]
    # an earlier year asked for: the stale commune's figure is there
    earlier = province_queries.reporting_units_under(db, province.PROVINCE, HIGHER, province.LAST_RESULTS_YEAR - 1)
    assert earlier.set_index("reporting_unit").loc[stale, "actual"] > 0


def test_a_unit_ceased_before_the_year_is_not_asked_for_it(db):
    later = province_queries.reporting_units_under(db, province.PROVINCE, HIGHER, 2026)
    assert province.DISTRICT not in set(later["reporting_unit"])  # it ceased on 30/6/2025
    assert not later["has_report"].any()


def test_which_units_have_units_under_them(db):
    assert province_queries.has_reporting_units_under(db, province.PROVINCE)
    assert province_queries.has_reporting_units_under(db, province.CEASED_PROVINCE)
    assert not province_queries.has_reporting_units_under(db, "xa-dai-phu")


# --- the ranking rule -----------------------------------------------------------------------------

def _rows(direction: str, actuals: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame({"reporting_unit": [f"u{i}" for i in range(len(actuals))],
                         "reporting_unit_name_vi": [f"Xã {chr(65 + i)}" for i in range(len(actuals))],
                         "actual": actuals, "direction": direction, "year": 2022,
                         "has_report": [True] * len(actuals), "ever_reported": [True] * len(actuals)})


def test_higher_is_better_ranks_the_largest_first_and_ties_share_a_rank():
    found = rank_reporting_units(_rows("higher", [3.0, 9.0, 9.0, 1.0, None]))
    assert list(found.ranked["reporting_unit"]) == ["u1", "u2", "u0", "u3"]
    assert list(found.ranked["rank"]) == [1, 1, 3, 4]
    assert list(found.unranked["reporting_unit"]) == ["u4"] and list(found.unranked["why"]) == [NO_FIGURE]


def test_lower_is_better_ranks_the_smallest_first():
    found = rank_reporting_units(_rows("lower", [3.0, 9.0, 1.0]))
    assert list(found.ranked["reporting_unit"]) == ["u2", "u0", "u1"]
    assert list(found.ranked["rank"]) == [1, 2, 3]


def test_why_a_unit_has_no_figure():
    rows = _rows("higher", [None, None, None])
    rows["has_report"] = [False, False, True]
    rows["ever_reported"] = [False, True, True]
    assert list(rank_reporting_units(rows).unranked["why"]) == [NEVER_REPORTED, NO_REPORT, NO_FIGURE]


def test_the_province_ranked_on_real_rows(db):
    for indicator_id, ascending in ((HIGHER, False), (LOWER, True)):
        found = rank_reporting_units(province_queries.reporting_units_under(db, province.PROVINCE, indicator_id))
        values = list(found.ranked["actual"])
        assert values == sorted(values, reverse=not ascending)
        assert len(found.ranked) >= 10


# --- the builders ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_chart_and_table_follow_the_ranking(db, lang):
    found = rank_reporting_units(province_queries.reporting_units_under(db, province.PROVINCE, LOWER))
    chart = charts_province.province_chart(found.ranked, Words.of(lang))
    chart.to_dict(validate=True)
    drawn = chart.data
    assert list(drawn["actual"]) == list(found.ranked["actual"])
    assert drawn["reporting_unit_name"].iloc[0].startswith("1. ")
    table = charts_province.ranked_table(found.ranked, Words.of(lang))
    assert list(table.iloc[:, 1]) == [str(r) for r in found.ranked["rank"]]
    lines = charts_province.missing_lines(found.unranked, Words.of(lang))
    assert len(lines) == len(found.unranked) >= 3


# --- the page -------------------------------------------------------------------------------------

def _indicator_page(monkeypatch, province_dir, **params) -> AppTest:
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(province_dir))
    monkeypatch.setenv("CHITIEU_HOME_UNIT", province.PROVINCE)
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page("pages/5_chi_tieu.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_indicator_page_shows_the_province_s_communes(monkeypatch, province_dir, db):
    at = _indicator_page(monkeypatch, province_dir, unit=province.PROVINCE, id=HIGHER)
    assert any(s.value.startswith("Các đơn vị trực thuộc Tỉnh Vĩnh Long, năm 2022") for s in at.subheader)
    found = rank_reporting_units(province_queries.reporting_units_under(db, province.PROVINCE, HIGHER))
    tables = [t for h in at.get("html") for t in static_tables(h.proto.body) if "Hạng" in t.columns]
    assert len(tables) == 1 and len(tables[0]) == len(found.ranked) >= 10
    assert tables[0].attrs["links"][0] == f"./chi_tieu?id={HIGHER}&unit={found.ranked['reporting_unit'].iloc[0]}"
    drawn = [df for c in charts(at) for df in c["data"].values() if "reporting_unit_name" in df and "label" in df]
    assert len(drawn) == 1 and list(drawn[0]["actual"]) == list(found.ranked["actual"])
    missing = " ".join(h.proto.body for h in at.get("html") if "ct-province-missing" in h.proto.body)
    for name in ("Xã Tân Hòa Mới: chưa gửi báo cáo nào", "Phường Hòa Thuận: chưa gửi báo cáo nào",
                 "chưa có báo cáo năm 2022", "báo cáo năm 2022 không có số liệu chỉ tiêu này"):
        assert name in missing
    assert any(m.value.startswith("**Chưa có báo cáo (4)") for m in at.markdown)


def test_the_view_in_english_and_not_for_a_commune(monkeypatch, province_dir):
    at = _indicator_page(monkeypatch, province_dir, unit=province.PROVINCE, id=LOWER, lang="en")
    assert any(s.value.startswith("Units under Vĩnh Long province, 2022") for s in at.subheader)
    assert any("lowest first" in c.value for c in at.caption)
    commune = _indicator_page(monkeypatch, province_dir, unit="xa-dai-phu", id=LOWER)
    assert not any("trực thuộc" in s.value for s in commune.subheader)
