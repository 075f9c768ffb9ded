"""The province's view of its units: one indicator in every unit under a unit (the `parent` chain of
the snapshot's reporting_units; a unit that ceased hands its units to its `successor`), for one
whole year. Every value is a bound parameter, as in lib/data/queries.py; the ranking is
lib/judgement/ranking.py's."""
from __future__ import annotations

import pandas as pd

from lib.data.db import Database

# Down the tree from $reporting_unit: a unit's children (through `parent`), and the children of every unit
# that ceased and named it (or one of its own) as successor. `under` is true once a parent step is
# taken: a ceased province itself is its successor's predecessor, not a unit under it.
_BELOW = """
WITH RECURSIVE below(reporting_unit, under) AS (
    SELECT $reporting_unit::VARCHAR, false
    UNION
    SELECT u.reporting_unit, b.under OR u.parent = b.reporting_unit
    FROM reporting_units u JOIN below b ON u.parent = b.reporting_unit OR u.successor = b.reporting_unit
    WHERE u.reporting_unit <> $reporting_unit
),
reporting_units_under AS (
    SELECT reporting_unit FROM below GROUP BY reporting_unit HAVING bool_or(under)
)"""

_UNDER = _BELOW + """,
whole_years AS (
    SELECT reporting_unit, results_year FROM reports
    WHERE period = 'year' AND reporting_unit IN (SELECT reporting_unit FROM reporting_units_under)
),
chosen AS (
    -- the year asked about, or the latest whole year any unit under reported
    SELECT coalesce($year::INTEGER, (SELECT max(results_year) FROM whole_years)) AS year
),
figures AS (
    SELECT reporting_unit, actual, target, attainment_pct FROM results_by_indicator
    WHERE indicator_id = $indicator_id AND year = (SELECT year FROM chosen)
)
SELECT u.reporting_unit, coalesce(r.name_vi, u.reporting_unit) AS reporting_unit_name_vi,
       coalesce(r.name_en, u.reporting_unit) AS reporting_unit_name_en, r.level, r.ceased,
       (SELECT year FROM chosen) AS year,
       EXISTS (SELECT 1 FROM whole_years w WHERE w.reporting_unit = u.reporting_unit
               AND w.results_year = (SELECT year FROM chosen)) AS has_report,
       EXISTS (SELECT 1 FROM whole_years w WHERE w.reporting_unit = u.reporting_unit) AS ever_reported,
       f.actual, f.target, f.attainment_pct, c.unit_of_measure, c.unit_of_measure_en, c.direction, c.measure,
       CASE WHEN f.actual IS NOT NULL
            THEN status_of(f.attainment_pct, c.direction, actual := f.actual, target := f.target) END AS status
FROM reporting_units_under u
JOIN indicators c ON c.indicator_id = $indicator_id
LEFT JOIN reporting_units r USING (reporting_unit)
LEFT JOIN figures f USING (reporting_unit)
-- a unit that ceased before the year began was not asked for that year's report
WHERE r.ceased IS NULL OR year(r.ceased) >= (SELECT year FROM chosen)
ORDER BY u.reporting_unit"""


def has_reporting_units_under(db: Database, reporting_unit: str) -> bool:
    """Whether any unit stands under `unit` in the snapshot's tree."""
    return not db.query(f"{_BELOW} SELECT 1 FROM reporting_units_under LIMIT 1", {"reporting_unit": reporting_unit}).empty


def reporting_units_under(db: Database, reporting_unit: str, indicator_id: str, year: int | None = None) -> pd.DataFrame:
    """Every unit under `unit`, one row each, with its figure for `indicator_id` in `year` (by
    default the latest whole year any of them reported): actual, target, share of target and status
    (the status_of rule), or none; whether it sent that year's report, and whether it ever did."""
    return db.query(_UNDER, {"reporting_unit": reporting_unit, "indicator_id": indicator_id, "year": year})
