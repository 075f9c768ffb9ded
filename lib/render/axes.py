"""The x axis of the bar charts: where it ends (near the data, with room for the bars' labels at
the chart's own width), how many ticks it has, and its title in lines. Pure Altair, no Streamlit."""
from __future__ import annotations

import altair as alt
import pandas as pd

# About one tick per 90 px of plot (eight on a projector-wide axis, three on a phone): ticks never touch.
TICKS = "max(2, min(8, floor(width / 90)))"
TITLE_LINE = 30  # characters of an axis title on one line; a longer title wraps instead of being cut


def title_lines(title: str) -> str | list[str]:
    """An axis title in lines of at most TITLE_LINE characters, cut between words."""
    if len(title) <= TITLE_LINE:
        return title
    lines, line = [], ""
    for word in title.split(" "):
        if line and len(line) + 1 + len(word) > TITLE_LINE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


# How far an axis reaches past its bars, for their labels: (factor of the largest value, least reach).
ATTAINMENT_REACH = (1.2, 120.0)


def x_extent(values, floor: float = 0.0, label_share: float = 0.19) -> tuple[float, float]:
    """A fixed axis for bars of `values` from zero, for a chart of known width (a slide): from the
    longest fall (its label sits right of zero) to past the longest rise, room for a label
    `label_share` of the plot wide on the right; at least `floor`. The axis ends near the data."""
    values = [float(v) for v in values] or [0.0]
    high, low = max(max(values), 0.0), min(min(values), 0.0)
    room = label_share * ((high - low) or 1.0) / (1 - label_share)
    return (low, max(floor, high + room, -low * label_share / (1 - label_share)))


# The value each bar chart draws, and the least its axis reaches.
BAR_VALUES = {"attainment_pct": ATTAINMENT_REACH[1], "change_shown": 0.0, "yoy_change_pct": 0.0}


def drawn_extent(chart: alt.TopLevelMixin) -> tuple[float, float] | None:
    """`x_extent` of a bar chart's own rows; None for a chart that is not one of these bars."""
    data = chart.data
    if not isinstance(data, pd.DataFrame) or data.empty:
        return None
    field = next((f for f in BAR_VALUES if f in data.columns), None)
    return None if field is None else x_extent(data[field], BAR_VALUES[field])


LABEL_CHARS = 13  # characters of the longest bar label ("+6,84 điểm %", "ước 99,7%") the axis makes room for


def reach(base: alt.Chart, field: str, floor: float, text_size: int) -> alt.Chart:
    """An unseen layer that stretches the shared x axis just past the longest bar (and past zero for
    the label of the longest fall) by the pixels a label takes at the chart's own width, so a label
    is never cut on a phone and the axis still ends near the data on a projector; at least `floor`.
    Vega works it out from the rows and the width it draws at: three marks however many rows."""
    label_px = LABEL_CHARS * text_size * 0.6
    return base.mark_rule(opacity=0).transform_aggregate(
        largest=f"max({field})", smallest=f"min({field})").transform_calculate(
        span="max(datum.largest, 0) - min(datum.smallest, 0)",
        room=f"datum.span * {label_px} / max(width - {label_px}, 40)",
        high="max(datum.largest, 0) + datum.room", low="min(datum.smallest, 0)", floor=str(floor)).transform_fold(
        ["high", "low", "floor"], as_=["what", "x"]).encode(x=alt.X("x:Q"))
