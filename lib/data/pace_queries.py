"""The questions of a year in progress (lib/judgement/pace.py holds the rule): each indicator's figure for a
period against the year's target, the periods a unit reported, and the line of periods of each
indicator. Every value is a bound parameter, as in lib/data/queries.py."""
from __future__ import annotations

from datetime import date

import pandas as pd

from lib.data.db import Database
from lib.judgement.pace import from_start_of_year, year_gone_pct

# A year in progress: per indicator, the figure of the period asked about against the year's target.
# A yearly amount (flow) counts from 1 January only in a period that does (6 months, quarter I);
# a level, rate or change is its latest value up to the period's end.
_PACE = """
WITH obs AS (
    SELECT * FROM observations WHERE reporting_unit = $reporting_unit AND year = $year
),
per_indicator AS (
    SELECT indicator_id,
        max(value) FILTER (kind = 'target' AND period = 'year') AS target,
        bool_or(origin = 'derived') FILTER (kind = 'target' AND period = 'year') AS target_derived,
        max(value) FILTER (kind = 'actual' AND period = $period) AS period_actual,
        max(qualifier) FILTER (kind = 'actual' AND period = $period) AS actual_qualifier,
        max(value) FILTER (kind = 'pct_of_target' AND period = $period) AS period_share_pct,
        max(value) FILTER (kind = 'yoy_change_pct' AND period = $period) AS yoy_change_pct,
        arg_max(value, as_of) FILTER (kind = 'actual' AND as_of <= $as_of) AS latest,
        max(as_of) FILTER (kind = 'actual' AND as_of <= $as_of) AS latest_as_of,
        arg_max(report_id, as_of) FILTER (kind = 'actual' AND as_of <= $as_of) AS report_id
    FROM obs GROUP BY indicator_id
)
SELECT c.indicator_id, c.domain, c."group", c.name_vi, c.name_en, c.unit_of_measure, c.unit_of_measure_en, c.direction, c.measure,
       c.sort_order, p.target, coalesce(p.target_derived, false) AS target_derived, p.actual_qualifier, p.yoy_change_pct, p.report_id,
       CASE WHEN c.measure = 'flow' THEN p.period_actual ELSE p.latest END AS actual,
       CASE WHEN c.measure = 'flow' THEN $as_of::DATE ELSE p.latest_as_of END AS as_of,
       CASE WHEN c.measure <> 'flow' THEN NULL
            WHEN p.period_share_pct IS NOT NULL THEN p.period_share_pct
            WHEN p.target <> 0 THEN p.period_actual / p.target * 100 END AS share_pct,
       $year_gone_pct::DOUBLE AS year_gone_pct, $period AS period,
       pace_of(c.measure, c.direction, share_pct, $year_gone_pct, p.latest, p.target, $cumulative) AS pace
FROM per_indicator p JOIN indicators c USING (indicator_id)
WHERE actual IS NOT NULL
ORDER BY c.sort_order
"""


def pace(db: Database, reporting_unit: str, year: int, period: str, as_of: date) -> pd.DataFrame:
    """Each indicator of `unit` with a figure for `period` of `year`, against the year's target."""
    return db.query(_PACE, {"reporting_unit": reporting_unit, "year": year, "period": period, "as_of": as_of,
                            "year_gone_pct": year_gone_pct(as_of), "cumulative": from_start_of_year(period)})


def periods_reported(db: Database, reporting_unit: str | None = None) -> pd.DataFrame:
    """The periods (and their last day) a unit's figures cover: the periods of its reports first
    (a six-month report's "ước cả năm" is an estimate, not the report's period), latest first;
    every unit's when `unit` is None."""
    return db.query("""
        SELECT o.reporting_unit, o.year, o.period, max(o.as_of) AS as_of, count(*) AS figures,
               any_value(u.name_vi) AS reporting_unit_name_vi, any_value(u.name_en) AS reporting_unit_name_en,
               bool_or(r.report_id IS NOT NULL) AS report_period
        FROM observations o
        LEFT JOIN reporting_units u USING (reporting_unit)
        LEFT JOIN reports r ON r.report_id = o.report_id AND r.period = o.period AND r.results_year = o.year
        WHERE ($reporting_unit IS NULL OR o.reporting_unit = $reporting_unit) AND o.kind = 'actual'
        GROUP BY o.reporting_unit, o.year, o.period
        ORDER BY report_period DESC, as_of DESC, o.reporting_unit""", {"reporting_unit": reporting_unit})


def periods_line(db: Database, reporting_unit: str, year: int) -> pd.DataFrame:
    """Every figure of `year` by period, in time order: the line of periods of each indicator."""
    return db.query("""
        SELECT indicator_id, period, as_of, kind, value, qualifier
        FROM observations
        WHERE reporting_unit = $reporting_unit AND year = $year AND kind IN ('actual', 'pct_of_target')
        ORDER BY indicator_id, as_of, kind""", {"reporting_unit": reporting_unit, "year": year})
