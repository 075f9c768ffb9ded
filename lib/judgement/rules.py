"""The two judgement rules of the explorer, defined once as DuckDB macros every query uses.

Status: a 2022 result against its target, knowing direction (for poverty, crime, accidents lower is
better). Comparability: whether a 2023 target and a 2022 result measure the same thing.
"""
from __future__ import annotations

# Shares of target are reported to two decimals; closer to 100% than half a unit of that is "met".
MET_TOLERANCE_PCT = 0.005
# Spending is judged as execution of its estimate (direction `estimate`), never as more-is-better:
# from this share up to the estimate itself it is "theo dự toán"; above, "vượt dự toán" (docs/judgements.md).
ESTIMATE_BAND_LOW_PCT = 95.0
ESTIMATE_STATUSES = ("under_estimate", "on_estimate", "over_estimate")
# The statuses a share of plan or estimate gives: the card shows its plan beside them.
PLANNED_STATUSES = ("exceeded", "met", "not_met", *ESTIMATE_STATUSES)

COMPARABLE = ("same_measure", "converted")


def comparable(targets):
    """Which next-year targets (rows of `queries.next_year_targets`) can be set beside this year's
    result: a boolean Series."""
    return targets["comparability"].isin(COMPARABLE)


MACROS = f"""
-- From the share of target; where there is none (a change such as a growth rate, whose share is
-- meaningless) from the result against the target directly.
CREATE OR REPLACE MACRO status_of(attainment_pct, direction, actual := NULL, target := NULL) AS CASE
    WHEN attainment_pct IS NULL AND (actual IS NULL OR target IS NULL) THEN 'no_target'
    WHEN direction = 'neutral' THEN 'not_rated'
    WHEN direction = 'estimate' THEN CASE
        WHEN attainment_pct IS NULL THEN 'not_rated'
        WHEN attainment_pct > 100 + {MET_TOLERANCE_PCT} THEN 'over_estimate'
        WHEN attainment_pct >= {ESTIMATE_BAND_LOW_PCT} - {MET_TOLERANCE_PCT} THEN 'on_estimate'
        ELSE 'under_estimate' END
    WHEN attainment_pct IS NULL THEN CASE
        WHEN abs(actual - target) <= {MET_TOLERANCE_PCT} THEN 'met'
        WHEN (actual > target) = (direction = 'higher') THEN 'exceeded'
        ELSE 'not_met' END
    WHEN direction = 'lower' THEN CASE
        WHEN attainment_pct < 100 - {MET_TOLERANCE_PCT} THEN 'exceeded'
        WHEN attainment_pct <= 100 + {MET_TOLERANCE_PCT} THEN 'met'
        ELSE 'not_met' END
    ELSE CASE
        WHEN attainment_pct > 100 + {MET_TOLERANCE_PCT} THEN 'exceeded'
        WHEN attainment_pct >= 100 - {MET_TOLERANCE_PCT} THEN 'met'
        ELSE 'not_met' END
END;

-- A target is compared with the same indicator's result, or, for a yearly addition to a stock
-- (1 more commune), with that stock plus the addition; a declared difference is never compared.
CREATE OR REPLACE MACRO comparability_of(next_target, actual, relation, related_actual) AS CASE
    WHEN next_target IS NULL THEN NULL
    WHEN actual IS NOT NULL THEN 'same_measure'
    WHEN relation = 'adds_to' AND related_actual IS NOT NULL THEN 'converted'
    WHEN relation = 'not_comparable' THEN 'not_comparable'
    ELSE 'no_baseline'
END;

-- "reached": the results year is already at or beyond next year's target, in the good direction.
CREATE OR REPLACE MACRO gap_of(baseline, target_level, direction, measure) AS CASE
    WHEN baseline IS NULL OR target_level IS NULL THEN NULL
    WHEN measure IN ('flow', 'change') THEN
        CASE WHEN target_level > baseline THEN 'above_result' ELSE 'below_result' END
    WHEN direction IN ('neutral', 'estimate') THEN 'not_rated'
    WHEN direction = 'lower' THEN CASE WHEN baseline <= target_level THEN 'reached' ELSE 'to_go' END
    ELSE CASE WHEN baseline >= target_level THEN 'reached' ELSE 'to_go' END
END;
"""
