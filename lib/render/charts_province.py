"""The province's view of its units on one indicator, for every surface: the ranked table, the bar
chart (a pure Altair builder, no Streamlit) and the list of units without a figure. Rows are those
of lib.judgement.ranking.rank_reporting_units."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.judgement import reading
from lib.judgement.ranking import ascending
from lib.render.axes import TICKS, reach
from lib.render.charts import INK, finish, name_axis
from lib.render.charts_pace import reporting_unit_name
from lib.words import labels, look
from lib.words.words import VIETNAMESE, Words

ROW_HEIGHT = 28


def _share_header(direction: str, words: Words) -> str:
    # spending is set against its estimate, not a plan (docs/judgements.md)
    return words.text("col_share_of_estimate" if direction == "estimate" else "col_attainment")


def _status(status, words: Words) -> str:
    return "" if reading.missing(status) else words.label(labels.STATUSES, status)


def ranked_table(ranked: pd.DataFrame, words: Words) -> pd.DataFrame:
    """Unit (its end date if it ceased), rank, figure, share of plan, status, level: texts only."""
    records = ranked.to_dict("records")
    direction = str(records[0]["direction"]) if records else "higher"
    year = records[0]["year"] if records else ""
    return pd.DataFrame({
        words.text("col_unit_name"): [reporting_unit_name(r, words) for r in records],
        words.text("col_rank"): [str(r["rank"]) for r in records],
        words.text("col_value", year=year): [reading.amount(r["actual"], r, words) for r in records],
        _share_header(direction, words): ["–" if reading.missing(r["attainment_pct"]) else words.percent(r["attainment_pct"])
                                         for r in records],
        words.text("col_status"): [_status(r["status"], words) for r in records],
        # last: on a phone the table scrolls sideways, the figure must come first
        words.text("col_level"): ["" if reading.missing(r["level"]) else words.label(labels.LEVELS, r["level"])
                                  for r in records],
    })


def missing_lines(unranked: pd.DataFrame, words: Words) -> list[str]:
    """"Xã An Phú: chưa có báo cáo năm 2022", one per unit without a figure."""
    return [f"{reporting_unit_name(r, words)}: {words.text('province_why_' + r['why'], year=r['year'])}"
            for r in unranked.to_dict("records")]


def province_chart(ranked: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13) -> alt.LayerChart:
    """One bar per unit, best first (its rank before its name), coloured by its status; the label
    gives the figure and, where there is a plan, its share."""
    records = ranked.to_dict("records")
    direction = str(records[0]["direction"]) if records else "higher"
    data = pd.DataFrame({
        "reporting_unit_name": [f"{r['rank']}. {reporting_unit_name(r, words)}" for r in records],
        "actual": ranked["actual"].to_numpy(),
        "label": [reading.amount(r["actual"], r, words) + ("" if reading.missing(r["attainment_pct"]) else
                  " · " + words.text("chart_of_plan", share=words.percent(r["attainment_pct"])))
                  for r in records],
        "status": [_status(r["status"], words) or words.label(labels.STATUSES, "no_target") for r in records],
    })
    keys = [s for s in look.STATUS_COLOURS if words.label(labels.STATUSES, s) in set(data["status"])]
    colour = alt.Color("status:N", title=words.text("col_status"),
                       scale=alt.Scale(domain=[words.label(labels.STATUSES, s) for s in keys],
                                       range=[look.STATUS_COLOURS[s] for s in keys]))
    year = records[0]["year"] if records else ""
    value_title = words.text("col_value", year=year)
    bars = alt.Chart().mark_bar(height=int(18 * text_size / 13)).encode(
        x=alt.X("actual:Q", title=value_title, axis=alt.Axis(format=",~f", tickCount=alt.expr(TICKS))),
        y=alt.Y("reporting_unit_name:N", sort=None, title=None, axis=name_axis(text_size)),
        color=colour, tooltip=[alt.Tooltip("reporting_unit_name:N", title=""), alt.Tooltip("label:N", title=value_title),
                               alt.Tooltip("status:N", title=words.text("col_status"))])
    label = alt.Chart().mark_text(align="left", dx=4, fontSize=text_size, color=INK).encode(
        x=alt.X("actual:Q"), y=alt.Y("reporting_unit_name:N", sort=None), text=alt.Text("label:N"))
    chart = finish([bars, label, reach(alt.Chart(), "actual", 0.0, text_size)], words, alt.Step(int(ROW_HEIGHT * text_size / 13)), text_size, data=data)
    chart.description = words.text("province_help_" + ("lower" if ascending(direction) else "higher"), n=len(records))
    return chart
