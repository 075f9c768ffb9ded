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
from lib.words.words import ENGLISH, VIETNAMESE, Words

ROW_HEIGHT = 30


def day(value, words: Words) -> str:
    """30/6/2026 (vi) or 30 Jun 2026 (en)."""
    return words.date(pd.Timestamp(value))


def period_name(period: str, year: int, words: Words) -> str:
    """"6 tháng đầu năm 2026", "Quý I/2026", "Cả năm 2026"."""
    word = words.label(labels.PERIODS, period)
    if period in ("m6", "m9", "m11"):
        return words.text("period_to_date", period=word, period_lower=word.lower(), year=year)
    return words.text("period_whole_year" if period == "year" else "period_of_year", period=word, year=year)


def part_year(periods: pd.DataFrame) -> pd.DataFrame:
    """The periods the pace page offers (of lib.data.pace_queries.periods_reported), its default
    first: a year-end report is the year's result, never its pace."""
    return periods[periods["period"] != "year"]


def pace_counts(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """How many indicators stand at each pace, in the order of labels.PACE (the page's badges)."""
    counts = rows["pace"].value_counts()
    return [(pace, int(counts[pace])) for pace in labels.PACE if pace in counts]


def reporting_unit_name(row, words: Words) -> str:
    """A unit's name; one that ceased says until when and who took over:
    "Huyện Tiểu Cần (đến 30/6/2025)", "Tỉnh Trà Vinh (đến 30/6/2025 → Tỉnh Vĩnh Long)"."""
    name = row[words.column("reporting_unit_name")]
    ceased = row.get("ceased")
    if reading.missing(ceased) or ceased is pd.NaT:
        return name
    successor = row.get(words.column("successor"))
    if reading.missing(successor):
        successor = row.get("successor")
    return words.text("unit_ceased", name=name, day=day(ceased, words),
                successor="" if reading.missing(successor) else f" → {successor}")


def reporting_units_named(rows: pd.DataFrame, with_year: bool = False) -> pd.DataFrame:
    """Rows of lib.data.queries.indicator_across_reporting_units with each unit's shown name in both
    languages: its end date and successor if it ceased, and the year of its figure (`with_year`,
    when units of different years stand side by side)."""
    named = rows.copy()
    records = rows.to_dict("records")
    for words in (VIETNAMESE, ENGLISH):
        names = [reporting_unit_name(r, words) for r in records]
        if with_year:
            names = [f"{name} · {int(r['year'])}" for name, r in zip(names, records)]
        named[words.column("reporting_unit_name")] = names
    return named


def periods_line(figures: pd.DataFrame, row, words: Words) -> str:
    """One indicator's figures through the year, in time order: "Quý I: 4,12 tỷ đồng · 6 tháng:
    9,86 tỷ đồng (41,3% KH năm) · Cả năm: ước 21 tỷ đồng"."""
    mine = figures[figures["indicator_id"] == row["indicator_id"]]
    parts = []
    for (period, _), group in mine.groupby(["period", "as_of"], sort=False):
        actual = group[group["kind"] == "actual"]
        share = group[group["kind"] == "pct_of_target"]
        if actual.empty:
            continue
        shown = reading.amount(actual["value"].iloc[0], row, words)
        qualifier = actual["qualifier"].iloc[0]
        if isinstance(qualifier, str) and qualifier:
            shown = f"{words.label(labels.QUALIFIERS, qualifier)} {shown}"
        if not share.empty and row.get("measure") == "flow":
            shown += f" ({words.percent(share['value'].iloc[0])})"
        parts.append(f"{words.label(labels.PERIODS, period)}: {shown}")
    return " · ".join(parts)


def year_target(row, words: Words) -> str:
    """The year's target; one implied by "đạt X% kế hoạch năm" (actual ÷ share) is marked ≈ and shown
    to the precision of the figure it comes from, as lib.judgement.reading shows a derived plan."""
    if reading.missing(row.get("target")):
        return "–"
    if bool(row.get("target_derived")):
        return "≈ " + reading.amount(row["target"], row, words, decimals=reading.plan_decimals(row.get("actual")))
    return reading.amount(row["target"], row, words)


def pace_table(rows: pd.DataFrame, figures: pd.DataFrame, words: Words) -> pd.DataFrame:
    """The pace of each indicator as the page shows it: name, latest figure, year's target, share
    reached, time gone, pace, and its line of periods."""
    records = rows.to_dict("records")
    return pd.DataFrame({
        words.text("col_indicator"): rows[words.column("name")],
        words.text("pace_col_latest"): [reading.amount(r["actual"], r, words) for r in records],
        words.text("pace_col_target"): [year_target(r, words) for r in records],
        words.text("pace_col_share"): [words.percent(r["share_pct"]) for r in records],
        words.text("pace_col_gone"): [words.percent(r["year_gone_pct"], 1) if r["measure"] == "flow" else "–"
                                      for r in records],
        words.text("pace_col_pace"): [words.label(labels.PACE, r["pace"]) for r in records],
        words.text("pace_col_periods"): [periods_line(figures, r, words) for r in records],
    })


def pace_chart(rows: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13) -> alt.TopLevelMixin:
    """Yearly amounts: the share of the year's target reached (bars, coloured by pace) against the
    share of the year gone (the dark rule); indicators without a share are left to the table."""
    drawn = rows[rows["share_pct"].notna()]
    data = pd.DataFrame({
        "name": drawn[words.column("name")].tolist(),
        "share": drawn["share_pct"].tolist(),
        "gone": drawn["year_gone_pct"].tolist(),
        "label": [words.percent(v) for v in drawn["share_pct"]],
        "pace": [words.label(labels.PACE, p) for p in drawn["pace"]],
    })
    shown = [p for p in PACE_STATUSES if p in set(drawn["pace"])]
    colour = alt.Color("pace:N", title=words.text("pace_col_pace"),
                       scale=alt.Scale(domain=[words.label(labels.PACE, p) for p in shown],
                                       range=[look.PACE_COLOURS[p] for p in shown]))
    y = alt.Y("name:N", sort=None, title=None, axis=name_axis(text_size))  # at most ~45% of a phone's width
    share_title = words.text("pace_col_share")
    bars = alt.Chart().mark_bar(height=int(18 * text_size / 13)).encode(
        # the axis runs to the whole year's target (100%) at least: the bar reads as a part of the year
        x=alt.X("share:Q", title=share_title, scale=alt.Scale(domain=[0, max([100.0, *data["share"]])], nice=False),
                axis=alt.Axis(tickCount=alt.expr(TICKS), labelOverlap="greedy", labelFlush=True)), y=y,
        color=colour,
        tooltip=[alt.Tooltip("name:N", title=""), alt.Tooltip("label:N", title=share_title),
                 alt.Tooltip("pace:N", title=words.text("pace_col_pace"))])
    gone = alt.Chart().mark_tick(color=INK, thickness=3, size=int(26 * text_size / 13)).encode(
        x=alt.X("gone:Q"), y=y, tooltip=[alt.Tooltip("gone:Q", title=words.text("pace_col_gone"), format=".1f")])
    labels_layer = alt.Chart().mark_text(align="left", dx=4, fontSize=text_size, color=INK).encode(
        x=alt.X("share:Q"), y=y, text=alt.Text("label:N"))
    return finish([bars, gone, labels_layer], words, alt.Step(int(ROW_HEIGHT * text_size / 13)), text_size, data=data)


def caption(rows: pd.DataFrame, reporting_unit: str, period: str, year: int, as_of, words: Words) -> str:
    """What the page shows, in a sentence: the unit, the period, the day, the share of the year gone."""
    gone = words.percent(float(rows["year_gone_pct"].iloc[0]), 1) if not rows.empty else "–"
    return words.text("pace_caption", reporting_unit=reporting_unit, period=period_name(period, year, words), day=day(as_of, words),
                gone=gone, tolerance=words.number(PACE_TOLERANCE_POINTS))
