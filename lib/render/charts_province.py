"""The province's view of its units on one indicator, for every surface: the ranked table, the bar
chart (a pure Altair builder, no Streamlit) and the list of units without a figure. Rows are those
of lib.judgement.ranking.rank_units."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.judgement import reading
from lib.judgement.ranking import ascending
from lib.render.axes import TICKS, reach
from lib.render.charts import INK, finish, name_axis
from lib.render.charts_pace import unit_name
from lib.words import labels, look
from lib.words import number_format as fmt
from lib.words.labels import text

ROW_HEIGHT = 28


def _share_header(direction: str, lang: str) -> str:
    # spending is set against its estimate, not a plan (docs/judgements.md)
    return text("col_share_of_estimate" if direction == "estimate" else "col_attainment", lang)


def _status(status, lang: str) -> str:
    return "" if reading.missing(status) else labels.label(labels.STATUSES, status, lang)


def ranked_table(ranked: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Unit (its end date if it ceased), rank, figure, share of plan, status, level: texts only."""
    records = ranked.to_dict("records")
    direction = str(records[0]["direction"]) if records else "higher"
    year = records[0]["year"] if records else ""
    return pd.DataFrame({
        text("col_unit_name", lang): [unit_name(r, lang) for r in records],
        text("col_rank", lang): [str(r["rank"]) for r in records],
        text("col_value", lang, year=year): [reading.amount(r["actual"], r, lang) for r in records],
        _share_header(direction, lang): ["–" if reading.missing(r["attainment_pct"]) else fmt.percent(r["attainment_pct"], lang)
                                         for r in records],
        text("col_status", lang): [_status(r["status"], lang) for r in records],
        # last: on a phone the table scrolls sideways, the figure must come first
        text("col_level", lang): ["" if reading.missing(r["level"]) else labels.label(labels.LEVELS, r["level"], lang)
                                  for r in records],
    })


def missing_lines(unranked: pd.DataFrame, lang: str) -> list[str]:
    """"Xã An Phú: chưa có báo cáo năm 2022", one per unit without a figure."""
    return [f"{unit_name(r, lang)}: {text('province_why_' + r['why'], lang, year=r['year'])}"
            for r in unranked.to_dict("records")]


def province_chart(ranked: pd.DataFrame, lang: str = "vi", text_size: int = 13) -> alt.LayerChart:
    """One bar per unit, best first (its rank before its name), coloured by its status; the label
    gives the figure and, where there is a plan, its share."""
    records = ranked.to_dict("records")
    direction = str(records[0]["direction"]) if records else "higher"
    data = pd.DataFrame({
        "unit_name": [f"{r['rank']}. {unit_name(r, lang)}" for r in records],
        "actual": ranked["actual"].to_numpy(),
        "label": [reading.amount(r["actual"], r, lang) + ("" if reading.missing(r["attainment_pct"]) else
                  " · " + text("chart_of_plan", lang, share=fmt.percent(r["attainment_pct"], lang)))
                  for r in records],
        "status": [_status(r["status"], lang) or labels.label(labels.STATUSES, "no_target", lang) for r in records],
    })
    keys = [s for s in look.STATUS_COLOURS if labels.label(labels.STATUSES, s, lang) in set(data["status"])]
    colour = alt.Color("status:N", title=text("col_status", lang),
                       scale=alt.Scale(domain=[labels.label(labels.STATUSES, s, lang) for s in keys],
                                       range=[look.STATUS_COLOURS[s] for s in keys]))
    year = records[0]["year"] if records else ""
    value_title = text("col_value", lang, year=year)
    bars = alt.Chart().mark_bar(height=int(18 * text_size / 13)).encode(
        x=alt.X("actual:Q", title=value_title, axis=alt.Axis(format=",~f", tickCount=alt.expr(TICKS))),
        y=alt.Y("unit_name:N", sort=None, title=None, axis=name_axis(text_size)),
        color=colour, tooltip=[alt.Tooltip("unit_name:N", title=""), alt.Tooltip("label:N", title=value_title),
                               alt.Tooltip("status:N", title=text("col_status", lang))])
    label = alt.Chart().mark_text(align="left", dx=4, fontSize=text_size, color=INK).encode(
        x=alt.X("actual:Q"), y=alt.Y("unit_name:N", sort=None), text=alt.Text("label:N"))
    chart = finish([bars, label, reach(alt.Chart(), "actual", 0.0, text_size)], lang, alt.Step(int(ROW_HEIGHT * text_size / 13)), text_size, data=data)
    chart.description = text("province_help_" + ("lower" if ascending(direction) else "higher"), lang, n=len(records))
    return chart
