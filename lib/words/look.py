"""How a judgement looks, everywhere it is shown: the mark and colours of each status, the tones of
a comparison with next year's target, the chart palette. Pages, charts, slides, the brief and the
workbook all take them from here."""
from __future__ import annotations

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
BLUE, GREEN, VERMILLION, ORANGE, GREY, SKY, VIOLET = ("#0072B2", "#009E73", "#D55E00", "#E69F00", "#8C8C8C",
                                                      "#56B4E9", "#6A3D9A")
INK = "#31333F"

# Spending against its estimate (under, on, over) is execution, not achievement: marks and colours of
# no praise or blame.
STATUS_MARK = {"exceeded": "▲", "met": "●", "not_met": "▼", "under_estimate": "↓", "on_estimate": "=",
               "over_estimate": "↑", "not_rated": "–", "no_target": "–"}
# Bars and count boxes.
STATUS_COLOURS = {"exceeded": BLUE, "met": GREEN, "not_met": VERMILLION, "under_estimate": VIOLET,
                  "on_estimate": SKY, "over_estimate": VIOLET, "not_rated": GREY, "no_target": "#BBBBBB"}
# Badges: a light ground and a dark text of the same hue, readable on a projector.
STATUS_BADGE = {"exceeded": ("#DCEBF7", "#005A8C"), "met": ("#D5F0E6", "#00704F"), "not_met": ("#FBE3D6", "#A34700"),
                "under_estimate": ("#ECE6F3", "#4B2C6F"), "on_estimate": ("#E3F2FB", "#205A78"),
                "over_estimate": ("#ECE6F3", "#4B2C6F"),
                "not_rated": ("#ECEEF1", "#4A5160"), "no_target": ("#ECEEF1", "#4A5160")}
# Streamlit's own badge colours, for `:colour-badge[…]` in Markdown.
STATUS_STREAMLIT = {"exceeded": "blue", "met": "green", "not_met": "orange", "under_estimate": "violet",
                    "on_estimate": "gray", "over_estimate": "violet", "not_rated": "gray", "no_target": "gray"}

# The pace of a year in progress (lib/judgement/pace.py): ahead and reached like an exceeded plan, behind and
# not yet like a missed one, on pace like a met one.
PACE_COLOURS = {"ahead": BLUE, "on_pace": GREEN, "behind": VERMILLION, "reached": BLUE, "not_yet": ORANGE,
                "not_rated": GREY, "no_target": "#BBBBBB", "not_cumulative": "#BBBBBB"}
PACE_STREAMLIT = {"ahead": "blue", "on_pace": "green", "behind": "orange", "reached": "blue", "not_yet": "orange",
                  "not_rated": "gray", "no_target": "gray", "not_cumulative": "gray"}

# Where the results year stands against next year's target: bars of the next-year chart, one
# colour each (the comparisons drawn there: lib.judgement.reading.SIDE_BY_SIDE).
COMPARISON_COLOURS = {"to_go": ORANGE, "adds_to_stock": "#CC79A7", "reached": BLUE, "above_result": SKY,
                      "below_result": GREY, "not_rated": "#F0E442"}
# Text tone of each comparison with next year's target (see lib/judgement/reading.py).
TONE_COLOURS = {"orange": "#A34700", "blue": "#005A8C", "violet": VIOLET, "gray": "#5A6170"}
# A change on the previous year moving the right way or the wrong way for the indicator.
CHANGE_COLOURS = {"good": BLUE, "bad": VERMILLION, "neutral": GREY}


def status_css(prefix: str) -> str:
    """CSS classes `<prefix>-<status>` for status badges, from STATUS_BADGE."""
    return "\n".join(f".{prefix}-{status} {{background: {ground}; color: {ink};}}"
                     for status, (ground, ink) in STATUS_BADGE.items())


def tone_css(prefix: str) -> str:
    """CSS classes `<prefix>-<tone>` for the text of a comparison, from TONE_COLOURS."""
    return "\n".join(f".{prefix}-{tone} {{color: {colour};}}" for tone, colour in TONE_COLOURS.items())
