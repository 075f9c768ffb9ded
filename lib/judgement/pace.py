"""The periods a report's figures cover, and the pace rule of a year in progress.

A figure is about a whole year (`year`), a quarter (`q1`…`q4`), the first 6, 9 or 11 months
(`m6`, `m9`, `m11`, counted from 1 January) or one month (`month01`…`month12`); its `as_of` is the
last day it covers. Pure: no Streamlit, no SQL connection (the rule is a DuckDB macro, PACE_MACROS,
registered by lib.data.db with the other rules).
"""
from __future__ import annotations

import calendar
from datetime import date

YEAR = "year"
QUARTERS = ("q1", "q2", "q3", "q4")
MONTHS_SO_FAR = ("m6", "m9", "m11")
MONTHS = tuple(f"month{m:02d}" for m in range(1, 13))
# In the order a year runs (a selector lists them so); the whole year last.
PERIODS = ("q1", "m6", "q2", "m9", "q3", "m11", "q4", *MONTHS, YEAR)

# A yearly amount is on pace within this many points of the share of the year gone
# (6 months gone: 50%; 48% of the year's target reached is on pace, 45% is behind).
PACE_TOLERANCE_POINTS = 2.5


def first_month(period: str) -> int:
    """The first month the period covers (1 for every period counted from 1 January)."""
    if period in QUARTERS:
        return 3 * QUARTERS.index(period) + 1
    if period in MONTHS:
        return MONTHS.index(period) + 1
    if period in MONTHS_SO_FAR or period == YEAR:
        return 1
    raise ValueError(f"unknown period {period!r}")


def last_month(period: str) -> int:
    if period == YEAR:
        return 12
    if period in QUARTERS:
        return 3 * QUARTERS.index(period) + 3
    if period in MONTHS_SO_FAR:
        return int(period[1:])
    if period in MONTHS:
        return MONTHS.index(period) + 1
    raise ValueError(f"unknown period {period!r}")


def period_end(period: str, year: int) -> date:
    """The last day a period of `year` covers: its default `as_of`."""
    month = last_month(period)
    return date(year, month, calendar.monthrange(year, month)[1])


def from_start_of_year(period: str) -> bool:
    """Whether a yearly amount of this period is the year so far (6 months, quarter I, January)."""
    return first_month(period) == 1


def year_gone_pct(as_of: date) -> float:
    """The share of the year gone by the end of `as_of`, in whole months and the part of the last:
    30 June → 50, 31 October → 83,3…, 31 December → 100."""
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return (as_of.month - 1 + as_of.day / days) / 12 * 100


# The pace rule. share_pct: the share of the year's target reached so far (for a flow); latest and
# target: the latest value and the year's target (for a level, a rate or a change).
PACE_STATUSES = ("ahead", "on_pace", "behind", "reached", "not_yet", "not_rated", "no_target", "not_cumulative")

PACE_MACROS = f"""
CREATE OR REPLACE MACRO pace_of(measure, direction, share_pct, year_gone_pct, latest, target, cumulative) AS CASE
    WHEN direction IN ('neutral', 'estimate') THEN 'not_rated'  -- spending is execution, not a race
    WHEN measure = 'flow' THEN CASE
        WHEN NOT cumulative THEN 'not_cumulative'
        WHEN share_pct IS NULL OR year_gone_pct IS NULL THEN 'no_target'
        WHEN abs(share_pct - year_gone_pct) <= {PACE_TOLERANCE_POINTS} THEN 'on_pace'
        WHEN (share_pct > year_gone_pct) = (direction = 'higher') THEN 'ahead'
        ELSE 'behind' END
    WHEN latest IS NULL OR target IS NULL THEN 'no_target'
    WHEN direction = 'lower' THEN CASE WHEN latest <= target THEN 'reached' ELSE 'not_yet' END
    ELSE CASE WHEN latest >= target THEN 'reached' ELSE 'not_yet' END
END;
"""
