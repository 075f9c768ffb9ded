"""lib/render/charts.py keeps built charts by the content of their rows (a page rerun asks for the same
chart again), validated once: the memo must never change what is drawn, nor hide a bad spec."""
from __future__ import annotations

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from lib.data import queries as q
from lib.render import charts
from lib.view.filters import Filters
from lib.web import vega
from lib.words import look
from lib.words.words import Words


def test_same_rows_give_the_same_chart_and_other_rows_another(built_snapshot, scope):
    rows = q.attainment(built_snapshot, scope)
    again = q.attainment(built_snapshot, scope)  # equal content, another object (as from st.cache_data)
    assert rows is not again
    assert charts.attainment_chart(rows, Words.of("vi")) is charts.attainment_chart(again, Words.of("vi"))
    assert charts.attainment_chart(rows, Words.of("vi")) is not charts.attainment_chart(rows, Words.of("en"))
    assert charts.attainment_chart(rows, Words.of("vi")) is not charts.attainment_chart(rows.iloc[1:], Words.of("vi"))
    assert charts.attainment_chart(rows, Words.of("vi"), text_size=20) is not charts.attainment_chart(rows, Words.of("vi"))


@pytest.mark.parametrize("builder, question", [
    ("attainment_chart", q.attainment), ("year_on_year_chart", q.year_on_year),
    ("next_year_chart", q.next_year_targets)])
def test_the_memo_draws_exactly_what_a_fresh_build_draws(built_snapshot, scope, builder, question):
    rows = question(built_snapshot, scope)
    memoised = getattr(charts, builder)
    fresh = memoised.__wrapped__(rows, Words.of("vi"))
    assert memoised(rows, Words.of("vi")).to_dict() == fresh.to_dict()
    assert memoised(rows, Words.of("vi")).to_dict() == fresh.to_dict(validate=True)


# The app draws charts without checking them against the Vega-Lite schema (lib/render/charts.py says
# why): these tests are the check, for every builder, both languages, the projector's text size,
# the real data, a one-row view and an empty one.
def _every_chart(db, scope):
    views = {"all": Filters(), "one": Filters(search="lua"), "none": Filters(search="khong co chi tieu nay")}
    for view, filters in views.items():
        for builder, question in (("attainment_chart", q.attainment), ("year_on_year_chart", q.year_on_year),
                                  ("next_year_chart", q.next_year_targets)):
            yield view, builder, question(db, scope, filters)
    yield "indicator", "indicator_values_chart", q.indicator_observations(db, scope, "health_insurance_coverage")
    yield "units", "reporting_units_chart", q.indicator_across_reporting_units(db, "health_insurance_coverage", scope.results_year)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("text_size", [13, 20])
def test_every_chart_the_app_draws_is_valid_vega_lite(built_snapshot, scope, lang, text_size):
    checked = 0
    for _view, builder, rows in _every_chart(built_snapshot, scope):
        chart = getattr(charts, builder).__wrapped__(rows, Words.of(lang), text_size=text_size)
        chart.to_dict(validate=True)  # raises SchemaValidationError on a bad spec
        checked += 1
    assert checked == 11


def test_a_bad_spec_is_caught_by_the_check_the_tests_make():
    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_bar().encode(x="a:Q")
    chart.mark = "no_such_mark"  # set after construction: only a full validation sees it
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        chart.to_dict(validate=True)


# A filter change only swaps the rows of the charts on screen when their spec stays the same
# (Streamlit rebuilds a chart whose spec changed). The rows still change, and each status
# keep its colour whatever else is in view.
@pytest.mark.parametrize("builder, question", [
    ("attainment_chart", q.attainment), ("year_on_year_chart", q.year_on_year),
    ("next_year_chart", q.next_year_targets)])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_filter_changes_the_rows_of_a_chart_but_not_its_spec(built_snapshot, scope, builder, question, lang):
    views = [Filters(), Filters(domain="economy"), Filters(domain="economy", statuses=("not_met",)),
             Filters(statuses=("exceeded", "met")), Filters(search="lua")]
    specs, rows = set(), set()
    for filters in views:
        drawn = dict(vega.sent_spec(getattr(charts, builder)(question(built_snapshot, scope, filters), Words.of(lang))))
        rows.add(repr(drawn.pop("datasets")))
        specs.add(repr(drawn))
    assert len(specs) == 1
    assert len(rows) >= 3  # some views keep the same rows (none at all, say); most do not


def _with_rows_in_place(spec: dict, datasets: dict) -> dict:
    """`spec` with every named dataset replaced by its rows: two specs that draw the same rows the
    same way are then equal, whatever their datasets are called."""
    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"name"} and node["name"] in datasets:
                return {"values": datasets[node["name"]]}
            return {key: walk(value) for key, value in node.items() if key != "datasets"}
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node
    return walk(spec)


@pytest.mark.parametrize("builder, question", [
    ("attainment_chart", q.attainment), ("year_on_year_chart", q.year_on_year),
    ("next_year_chart", q.next_year_targets)])
@pytest.mark.parametrize("filters", [Filters(), Filters(domain="economy", statuses=("not_met",)),
                                     Filters(search="khong co chi tieu nay")])
def test_the_chart_sent_draws_what_the_whole_chart_draws(built_snapshot, scope, builder, question, filters):
    """A chart is sent as its layout's spec made once plus its rows in Arrow: the same rows, drawn
    the same way, as the whole chart's own spec."""
    chart = getattr(charts, builder)(question(built_snapshot, scope, filters), Words.of("vi"))
    whole = chart.to_dict(validate=False)
    sent = vega.sent_spec(chart)
    decoded = {name: pa.ipc.open_stream(rows).read_all().to_pylist() for name, rows in sent["datasets"].items()}
    assert _with_rows_in_place(sent, decoded) == _with_rows_in_place(whole, whole["datasets"])
    assert len(decoded["rows"]) == len(question(built_snapshot, scope, filters)) or builder == "next_year_chart"


def test_a_status_keeps_its_colour_in_every_view(built_snapshot, scope):
    for filters in (Filters(), Filters(statuses=("not_met",)), Filters(statuses=("met",))):
        spec = charts.attainment_chart(q.attainment(built_snapshot, scope, filters), Words.of("vi")).to_dict(validate=False)
        scale = next(layer["encoding"]["color"]["scale"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
        colours = dict(zip(scale["domain"], scale["range"]))
        assert colours["Không đạt"] == look.VERMILLION and colours["Vượt"] == look.BLUE
        assert colours["Đạt"] == look.GREEN


def test_datasets_are_named_by_place_and_every_reference_follows():
    spec = {"layer": [{"data": {"name": "data-aaa"}}, {"data": {"name": "data-bbb"}, "mark": {"name": "keep"}}],
            "datasets": {"data-aaa": [{"x": 1}], "data-bbb": [{"x": 2}]}}
    named = charts.stable_dataset_names(spec)
    assert named["datasets"] == {"rows-0": [{"x": 1}], "rows-1": [{"x": 2}]}
    assert [layer["data"]["name"] for layer in named["layer"]] == ["rows-0", "rows-1"]
    assert named["layer"][1]["mark"] == {"name": "keep"}
