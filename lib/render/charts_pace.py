"""The pace of a year in progress, for every surface: its words (a line of periods per indicator,
a unit's name with its end date), its table and its chart (a pure Altair builder, no Streamlit).
Rows are those of lib.data.pace_queries.pace and periods_line."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib.judgement import reading
from lib.judgement.pace import PACE_STATUSES, PACE_TOLERANCE_POINTS
from lib.render.axes import TICKS
from lib.render.charts import INK, finish, name_axis
from lib.words import labels, look
from lib.words import number_format as fmt
from lib.words.labels import text

ROW_HEIGHT = 30


def day(value, lang: str) -> str:
    """30/6/2026 (vi) or 30 Jun 2026 (en)."""
    return fmt.date(pd.Timestamp(value), lang)


def period_name(period: str, year: int, lang: str) -> str:
    """"6 tháng đầu năm 2026", "Quý I/2026", "Cả năm 2026"."""
    if period in ("m6", "m9", "m11"):
        return (f"{labels.label(labels.PERIODS, period, lang)} đầu năm {year}" if lang == "vi"
                else f"First {labels.label(labels.PERIODS, period, lang).lower()} of {year}")
    word = labels.label(labels.PERIODS, period, lang)
    return f"{word}/{year}" if lang == "vi" and period != "year" else f"{word} {year}"


def unit_name(row, lang: str) -> str:
    """A unit's name; one that ceased says until when and who took over:
    "Huyện Tiểu Cần (đến 30/6/2025)", "Tỉnh Trà Vinh (đến 30/6/2025 → Tỉnh Vĩnh Long)"."""
    name = row["unit_name_vi" if lang == "vi" else "unit_name_en"]
    ceased = row.get("ceased")
    if reading.missing(ceased) or ceased is pd.NaT:
        return name
    successor = row.get("successor_vi" if lang == "vi" else "successor_en")
    if reading.missing(successor):
        successor = row.get("successor")
    return text("unit_ceased", lang, name=name, day=day(ceased, lang),
                successor="" if reading.missing(successor) else f" → {successor}")


def units_named(rows: pd.DataFrame, with_year: bool = False) -> pd.DataFrame:
    """Rows of lib.data.queries.indicator_across_units with each unit's shown name in both
    languages: its end date and successor if it ceased, and the year of its figure (`with_year`,
    when units of different years stand side by side)."""
    named = rows.copy()
    records = rows.to_dict("records")
    for lang in ("vi", "en"):
        names = [unit_name(r, lang) for r in records]
        if with_year:
            names = [f"{name} · {int(r['year'])}" for name, r in zip(names, records)]
        named[f"unit_name_{lang}"] = names
    return named


def periods_line(figures: pd.DataFrame, row, lang: str) -> str:
    """One indicator's figures through the year, in time order: "Quý I: 4,12 tỷ đồng · 6 tháng:
    9,86 tỷ đồng (41,3% KH năm) · Cả năm: ước 21 tỷ đồng"."""
    mine = figures[figures["indicator_id"] == row["indicator_id"]]
    parts = []
    for (period, _), group in mine.groupby(["period", "as_of"], sort=False):
        actual = group[group["kind"] == "actual"]
        share = group[group["kind"] == "pct_of_target"]
        if actual.empty:
            continue
        shown = reading.amount(actual["value"].iloc[0], row, lang)
        qualifier = actual["qualifier"].iloc[0]
        if isinstance(qualifier, str) and qualifier:
            shown = f"{labels.label(labels.QUALIFIERS, qualifier, lang)} {shown}"
        if not share.empty and row.get("measure") == "flow":
            shown += f" ({fmt.percent(share['value'].iloc[0], lang)})"
        parts.append(f"{labels.label(labels.PERIODS, period, lang)}: {shown}")
    return " · ".join(parts)


def year_target(row, lang: str) -> str:
    """The year's target; one implied by "đạt X% kế hoạch năm" (actual ÷ share) is marked ≈ and shown
    to the precision of the figure it comes from, as lib.judgement.reading shows a derived plan."""
    if reading.missing(row.get("target")):
        return "–"
    if bool(row.get("target_derived")):
        return "≈ " + reading.amount(row["target"], row, lang, decimals=reading.plan_decimals(row.get("actual")))
    return reading.amount(row["target"], row, lang)


def pace_table(rows: pd.DataFrame, figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The pace of each indicator as the page shows it: name, latest figure, year's target, share
    reached, time gone, pace, and its line of periods."""
    records = rows.to_dict("records")
    return pd.DataFrame({
        text("col_indicator", lang): rows[labels.name_column(lang)],
        text("pace_col_latest", lang): [reading.amount(r["actual"], r, lang) for r in records],
        text("pace_col_target", lang): [year_target(r, lang) for r in records],
        text("pace_col_share", lang): [fmt.percent(r["share_pct"], lang) for r in records],
        text("pace_col_gone", lang): [fmt.percent(r["year_gone_pct"], lang, 1) if r["measure"] == "flow" else "–"
                                      for r in records],
        text("pace_col_pace", lang): [labels.label(labels.PACE, r["pace"], lang) for r in records],
        text("pace_col_periods", lang): [periods_line(figures, r, lang) for r in records],
    })


def pace_chart(rows: pd.DataFrame, lang: str = "vi", text_size: int = 13) -> alt.TopLevelMixin:
    """Yearly amounts: the share of the year's target reached (bars, coloured by pace) against the
    share of the year gone (the dark rule); indicators without a share are left to the table."""
    drawn = rows[rows["share_pct"].notna()]
    data = pd.DataFrame({
        "name": drawn[labels.name_column(lang)].tolist(),
        "share": drawn["share_pct"].tolist(),
        "gone": drawn["year_gone_pct"].tolist(),
        "label": [fmt.percent(v, lang) for v in drawn["share_pct"]],
        "pace": [labels.label(labels.PACE, p, lang) for p in drawn["pace"]],
    })
    shown = [p for p in PACE_STATUSES if p in set(drawn["pace"])]
    colour = alt.Color("pace:N", title=text("pace_col_pace", lang),
                       scale=alt.Scale(domain=[labels.label(labels.PACE, p, lang) for p in shown],
                                       range=[look.PACE_COLOURS[p] for p in shown]))
    y = alt.Y("name:N", sort=None, title=None, axis=name_axis(text_size))  # at most ~45% of a phone's width
    share_title = text("pace_col_share", lang)
    bars = alt.Chart().mark_bar(height=int(18 * text_size / 13)).encode(
        # the axis runs to the whole year's target (100%) at least: the bar reads as a part of the year
        x=alt.X("share:Q", title=share_title, scale=alt.Scale(domain=[0, max([100.0, *data["share"]])], nice=False),
                axis=alt.Axis(tickCount=alt.expr(TICKS), labelOverlap="greedy", labelFlush=True)), y=y,
        color=colour,
        tooltip=[alt.Tooltip("name:N", title=""), alt.Tooltip("label:N", title=share_title),
                 alt.Tooltip("pace:N", title=text("pace_col_pace", lang))])
    gone = alt.Chart().mark_tick(color=INK, thickness=3, size=int(26 * text_size / 13)).encode(
        x=alt.X("gone:Q"), y=y, tooltip=[alt.Tooltip("gone:Q", title=text("pace_col_gone", lang), format=".1f")])
    labels_layer = alt.Chart().mark_text(align="left", dx=4, fontSize=text_size, color=INK).encode(
        x=alt.X("share:Q"), y=y, text=alt.Text("label:N"))
    return finish([bars, gone, labels_layer], lang, alt.Step(int(ROW_HEIGHT * text_size / 13)), text_size, data=data)


def caption(rows: pd.DataFrame, unit: str, period: str, year: int, as_of, lang: str) -> str:
    """What the page shows, in a sentence: the unit, the period, the day, the share of the year gone."""
    gone = fmt.percent(float(rows["year_gone_pct"].iloc[0]), lang, 1) if not rows.empty else "–"
    return text("pace_caption", lang, unit=unit, period=period_name(period, year, lang), day=day(as_of, lang),
                gone=gone, tolerance=fmt.number(PACE_TOLERANCE_POINTS, lang))
