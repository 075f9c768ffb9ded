"""The rule that ranks units on one indicator (the province's view of its communes): best first, the
lowest first where lower is better (the catalogue's `direction`); equal figures share a rank
(1, 2, 2, 4). Units with no figure are not ranked: they are named apart, each with why."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.judgement.reading import missing

LOWER_IS_BETTER = "lower"
# Why a unit under a province has no figure for the year shown.
NEVER_REPORTED, NO_REPORT, NO_FIGURE = "never_reported", "no_report", "no_figure"


@dataclass(frozen=True)
class Ranked:
    ranked: pd.DataFrame  # rows with a figure, best first, with `rank`
    unranked: pd.DataFrame  # rows without, by name, with `why` (NEVER_REPORTED, NO_REPORT, NO_FIGURE)


def ascending(direction: str) -> bool:
    """Whether the smallest figure ranks first: only where lower is better (a neutral or estimate
    indicator ranks by size, largest first, as it is read)."""
    return direction == LOWER_IS_BETTER


def rank_reporting_units(rows: pd.DataFrame) -> Ranked:
    """Rows of lib.data.province_queries.reporting_units_under, ranked; names break ties in the order shown."""
    has_figure = rows["actual"].notna()
    ranked = rows[has_figure].copy()
    direction = str(rows["direction"].iloc[0]) if len(rows) else "higher"
    ranked = ranked.sort_values(["actual", "reporting_unit_name_vi"], ascending=[ascending(direction), True], kind="stable")
    ranked["rank"] = ranked["actual"].rank(method="min", ascending=ascending(direction)).astype(int)
    unranked = rows[~has_figure].copy().sort_values("reporting_unit_name_vi", kind="stable")
    unranked["why"] = [why(r) for r in unranked.to_dict("records")]
    return Ranked(ranked.reset_index(drop=True), unranked.reset_index(drop=True))


def why(row: dict) -> str:
    """Why a unit has no figure: it never sent a report, sent none for this year, or its report has
    no figure for this indicator."""
    if not row.get("ever_reported"):
        return NEVER_REPORTED
    if not row.get("has_report") or missing(row.get("year")):
        return NO_REPORT
    return NO_FIGURE
