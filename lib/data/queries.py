"""The questions the explorer answers, one function each; every value is a bound parameter.

All functions take a `Database` and a `Scope` (which reporting unit and which report), and return
pandas DataFrames with stable column names that pages and chart builders rely on.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib.data.contract import KINDS, STATEMENT_KINDS
from lib.data.db import Database
from lib.judgement.stated import JUDGING_KINDS
from lib.view.filters import Filters, sql_condition, sql_params
from lib.words.vntext import fold


@dataclass(frozen=True)
class Scope:
    """One report: the reporting unit, the year of its results and the year of its targets."""

    reporting_unit: str
    results_year: int
    targets_year: int

    def params(self) -> dict:
        return {"reporting_unit": self.reporting_unit, "results_year": self.results_year, "targets_year": self.targets_year}


# One row per indicator of the report (`all_rows`): its results-year values, status, next-year
# target and the comparison with that target. Every question below is a slice of these rows, so
# they are computed once per scope and snapshot (`Database.memo`, a few hundred rows) and each
# question runs over them; `in_view` keeps the rows the filters allow.
_ALL_ROWS = """
WITH obs AS (
    -- the unit's rows of the two years asked about: the snapshot's observations are sorted by
    -- unit and year, so Parquet statistics skip every other row group
    SELECT * FROM observations
    WHERE reporting_unit = $reporting_unit AND year IN ($results_year, $targets_year)
      AND period = 'year'  -- a year's reading; the months of a year in progress are lib.data.pace's
),
per_indicator AS (
    SELECT
        indicator_id,
        -- one indicator reported at two days of the year (to 16/12, estimated to 31/12): the latest is judged
        arg_max(value, as_of) FILTER (kind = 'actual' AND year = $results_year) AS actual,
        max(as_of) FILTER (kind = 'actual' AND year = $results_year) AS actual_as_of,
        arg_max_null(qualifier, as_of) FILTER (kind = 'actual' AND year = $results_year) AS actual_qualifier,
        max(value) FILTER (kind = 'target' AND year = $results_year) AS target,
        bool_or(origin = 'derived') FILTER (kind = 'target' AND year = $results_year) AS target_derived,
        arg_max(value, as_of) FILTER (kind = 'pct_of_target' AND year = $results_year) AS attainment_pct,
        max(as_of) FILTER (kind = 'pct_of_target' AND year = $results_year) AS attainment_as_of,
        arg_max_null(qualifier, as_of) FILTER (kind = 'pct_of_target' AND year = $results_year) AS attainment_qualifier,
        bool_or(origin = 'derived') FILTER (kind = 'pct_of_target' AND year = $results_year) AS attainment_derived,
        max(value) FILTER (kind = 'yoy_change_pct' AND year = $results_year) AS yoy_change_pct,
        max(value) FILTER (kind = 'total' AND year = $results_year) AS total,
        max(value) FILTER (kind = 'target' AND year = $targets_year) AS next_target,
        max(qualifier) FILTER (kind = 'target' AND year = $targets_year) AS next_target_qualifier
    FROM obs
    GROUP BY indicator_id
),
stated AS (
    -- the report's judging sentences on each indicator, in its order: a verdict stated in words
    -- (lib/judgement/stated.py reads it) where no number gives one
    SELECT indicator_id, list(source_quote ORDER BY quote_start) AS stated_quotes
    FROM (SELECT unnest(s.indicator_ids) AS indicator_id, s.source_quote, s.quote_start
          FROM statements s JOIN reports p USING (report_id)
          WHERE s.reporting_unit = $reporting_unit AND p.results_year = $results_year
            AND list_contains($judging::VARCHAR[], s.kind))
    GROUP BY indicator_id
),
judged AS (
    SELECT
        c.indicator_id, c.domain, c."group", c.name_vi, c.name_en, c.unit_of_measure, c.unit_of_measure_en, c.direction,
        c.measure, c.paired_with, c.headline, c.sort_order, c.search_text,
        c.baseline_id, c.baseline_note_vi, c.baseline_note_en,
        b.name_vi AS baseline_name_vi, b.name_en AS baseline_name_en,
        r.actual, r.actual_qualifier, r.target, coalesce(r.target_derived, false) AS target_derived,
        r.attainment_pct, coalesce(r.attainment_derived, false) AS attainment_derived,
        r.yoy_change_pct, r.total, r.next_target, r.next_target_qualifier, r.actual_as_of, r.attainment_as_of,
        r.attainment_qualifier, st.stated_quotes,
        related.actual AS related_actual,
        status_of(r.attainment_pct, c.direction, actual := r.actual, target := r.target) AS status,
        comparability_of(r.next_target, r.actual, c.baseline_relation, related.actual) AS comparability
    FROM indicators c
    JOIN per_indicator r USING (indicator_id)
    LEFT JOIN indicators b ON b.indicator_id = c.baseline_id
    LEFT JOIN per_indicator related ON related.indicator_id = c.baseline_id
    LEFT JOIN stated st ON st.indicator_id = c.indicator_id
),
compared AS (
    SELECT *,
        CASE comparability WHEN 'same_measure' THEN actual WHEN 'converted' THEN related_actual END AS baseline,
        CASE comparability WHEN 'same_measure' THEN next_target
                           WHEN 'converted' THEN related_actual + next_target END AS target_level
    FROM judged
),
other_measure AS (
    -- a next-year target set on another measure of this indicator ("reduce poverty by 0,19 points"
    -- beside the poverty rate): the first one in catalogue order, shown on the indicator's own row
    SELECT baseline_id AS for_id, indicator_id AS other_target_id, name_vi AS other_name_vi,
           name_en AS other_name_en, unit_of_measure AS other_unit_of_measure, unit_of_measure_en AS other_unit_of_measure_en, measure AS other_measure,
           next_target AS other_next_target, baseline_note_vi AS other_note_vi, baseline_note_en AS other_note_en
    FROM judged
    WHERE comparability = 'not_comparable' AND baseline_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY baseline_id ORDER BY sort_order) = 1
)
SELECT c.*,
    c.target_level - c.baseline AS change_needed,
    CASE WHEN c.baseline <> 0 THEN (c.target_level - c.baseline) / abs(c.baseline) * 100 END AS change_needed_pct,
    gap_of(c.baseline, c.target_level, c.direction, c.measure) AS gap,
    o.* EXCLUDE (for_id),
    -- the report's two years travel with each row: a row says everything its reading needs
    $results_year::INTEGER AS results_year, $targets_year::INTEGER AS targets_year
FROM compared c
LEFT JOIN other_measure o ON o.for_id = c.indicator_id
"""

# The filters (declared in lib/view/filters.py), over `all_rows`: the memoised rows of one scope,
# handed to the query as a table.
_IN_VIEW = f"""
WITH in_view AS (
    SELECT * FROM all_rows
    WHERE {sql_condition()}
)
"""


def _all_rows(db: Database, scope: Scope) -> pa.Table:
    """One row per indicator of `scope`'s report, computed once per scope and snapshot."""
    key = ("all_rows", scope.reporting_unit, scope.results_year, scope.targets_year)
    return db.memo(key, lambda: db.arrow(_ALL_ROWS, {**scope.params(), "judging": list(JUDGING_KINDS)}))


def _in_view(db: Database, scope: Scope, filters: Filters, select: str, params: dict | None = None) -> pd.DataFrame:
    return db.query(f"{_IN_VIEW} {select}", {**sql_params(filters), **(params or {})},
                    tables={"all_rows": _all_rows(db, scope)})


def _in_view_rows(db: Database, scope: Scope, filters: Filters) -> pa.Table:
    """The rows the filters keep, in catalogue order: fetched once per scope and filters, since a
    page asks several questions of the same view and each is a slice of these rows."""
    key = ("in_view", scope.reporting_unit, scope.results_year, scope.targets_year, filters)
    return db.memo(key, lambda: db.arrow(f"{_IN_VIEW} SELECT * FROM in_view ORDER BY sort_order", sql_params(filters),
                                         tables={"all_rows": _all_rows(db, scope)}))


def _indicator_rows(db: Database, scope: Scope, filters: Filters, keep: pc.Expression | None = None,
                    order: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows in view for which `keep` holds, ordered by `order` (missing values last) and then
    in catalogue order. Sliced in Arrow: a few hundred rows of 36 columns are far quicker to cut
    there than as a DataFrame."""
    rows = _in_view_rows(db, scope, filters)
    if keep is not None:
        rows = rows.filter(keep)
    if order:  # Arrow's sort is stable: the catalogue order stays among equal keys
        rows = rows.sort_by([(column, "ascending", "at_end") for column in order])
    return rows.to_pandas()


def _present(column: str) -> pc.Expression:
    return pc.field(column).is_valid()


def indicator_table(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """Every indicator in view with its result, target, status, change and next-year target."""
    return _indicator_rows(db, scope, filters)


def attainment(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """Did the district meet its plan? Indicators with a share of target, lowest share first.
    (Changes judged against their target without a share are in `judged_without_share`.)"""
    return _indicator_rows(db, scope, filters, keep=_present("attainment_pct"), order=("attainment_pct",))


def judged_without_share(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """Results judged against a target directly, with no share of target (a growth rate)."""
    return _indicator_rows(db, scope, filters, keep=~_present("attainment_pct")
                           & pc.field("status").isin(["exceeded", "met", "not_met"]))


def year_on_year(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """How did the results year move against the year before? Every reported change, signed."""
    return _indicator_rows(db, scope, filters, keep=_present("yoy_change_pct"), order=("yoy_change_pct",))


def next_year_targets(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """Where does the district stand against next year's targets? With baseline and change needed."""
    return _indicator_rows(db, scope, filters, keep=_present("next_target"),
                           order=("comparability", "change_needed_pct"))


def status_counts(db: Database, scope: Scope, filters: Filters = Filters()) -> dict[str, int]:
    """How many indicators exceeded, met, missed, or had no target."""
    counts = _in_view(db, scope, filters, "SELECT status, count(*) AS n FROM in_view GROUP BY status")
    return {row.status: int(row.n) for row in counts.itertuples()}


def headline_indicators(db: Database, scope: Scope) -> pd.DataFrame:
    """The overview cards, in the catalogue's headline order."""
    return _indicator_rows(db, scope, Filters(), keep=_present("headline"), order=("headline",))


# The pair's columns beside a count, and the columns of the pair's own row they come from.
PAIR_COLUMNS = {"pair_actual": "actual", "pair_unit_of_measure": "unit_of_measure", "pair_unit_of_measure_en": "unit_of_measure_en",
                "pair_name_vi": "name_vi", "pair_name_en": "name_en"}


def counts_with_pairs(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """Figures without a target (mostly counts), each beside its pair, e.g. cases / offenders.
    A pair shows once, on the row of whichever of the two comes first in view. Cut from the rows in
    view like the questions above (as one SQL join it took ~12 ms a new filter)."""
    rows = _indicator_rows(db, scope, filters, keep=_present("actual") & (pc.field("status") == "no_target"))
    place = dict(zip(rows["indicator_id"], rows["sort_order"]))
    first_of_pair = pd.Series([not (pair in place and place[pair] < own)
                               for pair, own in zip(rows["paired_with"], rows["sort_order"])],
                              index=rows.index, dtype=bool)
    pairs = _all_rows(db, scope).select(["indicator_id", *PAIR_COLUMNS.values()]).to_pandas()
    pairs.columns = ["paired_with", *PAIR_COLUMNS]
    return rows[first_of_pair].merge(pairs, how="left", on="paired_with")


def groups_present(db: Database, scope: Scope, domain: str | None) -> list[str]:
    """The groups a domain has indicators in, in catalogue order."""
    rows = _in_view(db, scope, Filters(domain=domain),
                    """SELECT "group" FROM in_view GROUP BY "group" ORDER BY min(sort_order)""")
    return rows["group"].tolist()


def indicator(db: Database, scope: Scope, indicator_id: str) -> pd.DataFrame:
    """One indicator's catalogue entry with its results and comparison (empty if unknown)."""
    return db.query("SELECT * FROM all_rows WHERE indicator_id = $indicator_id", {"indicator_id": indicator_id},
                    tables={"all_rows": _all_rows(db, scope)})


def indicator_catalogue_entry(db: Database, indicator_id: str) -> pd.DataFrame:
    """The catalogue row, including definition and relation notes."""
    return db.query("SELECT * FROM indicators WHERE indicator_id = $indicator_id", {"indicator_id": indicator_id})


def indicator_observations(db: Database, scope: Scope, indicator_id: str) -> pd.DataFrame:
    """Every value of one indicator, by year and kind, with the sentence it came from."""
    sql = """
        SELECT indicator_id, year, kind, value, unit_of_measure, qualifier, origin, derivation, source_quote, source_sentence,
               number_as_written, report_id, curated_row
        FROM observations
        WHERE reporting_unit = $reporting_unit AND indicator_id = $indicator_id AND period = 'year'
        ORDER BY year, list_position($kinds::VARCHAR[], kind)"""
    return db.query(sql, {"reporting_unit": scope.reporting_unit, "indicator_id": indicator_id, "kinds": list(KINDS)})


def related_indicators(db: Database, indicator_id: str) -> pd.DataFrame:
    """Indicators that point at this one, or that it points at (pairs and baselines)."""
    sql = """
        SELECT indicator_id, name_vi, name_en, baseline_relation, baseline_note_vi, baseline_note_en,
               CASE WHEN indicator_id = (SELECT paired_with FROM indicators WHERE indicator_id = $id)
                      OR paired_with = $id THEN 'pair' ELSE 'baseline' END AS relation
        FROM indicators
        WHERE indicator_id <> $id AND (
              paired_with = $id OR baseline_id = $id
              OR indicator_id = (SELECT paired_with FROM indicators WHERE indicator_id = $id)
              OR indicator_id = (SELECT baseline_id FROM indicators WHERE indicator_id = $id))
        ORDER BY sort_order"""
    return db.query(sql, {"id": indicator_id})


def search_indicators(db: Database, text: str, limit: int = 20) -> pd.DataFrame:
    """Indicators whose names contain `text`, ignoring diacritics and case."""
    sql = """SELECT indicator_id, domain, name_vi, name_en FROM indicators
             WHERE contains(search_text, $search) ORDER BY sort_order LIMIT $limit"""
    return db.query(sql, {"search": fold(text.strip()), "limit": limit})


def observations_in_view(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """The long table of observations behind the current filters and the report on screen (its
    results year and its targets year), with their source quotes."""
    return _in_view(db, scope, filters, """
        SELECT o.indicator_id, v.name_vi, v.name_en, v.domain, v."group", o.year, o.kind, o.value,
               o.unit_of_measure, o.qualifier, o.origin, o.derivation, o.source_quote, o.report_id
        FROM observations o
        JOIN in_view v USING (indicator_id)
        WHERE o.reporting_unit = $reporting_unit AND o.year IN ($results_year, $targets_year) AND o.period = 'year'
        ORDER BY v.sort_order, o.year, o.kind, o.report_id""",
                    {"reporting_unit": scope.reporting_unit, "results_year": scope.results_year,
                     "targets_year": scope.targets_year})


def indicator_across_reporting_units(db: Database, indicator_id: str, year: int | None = None) -> pd.DataFrame:
    """One indicator side by side across reporting units, best first (lower first where lower is
    better): for one results year, or (year None) each unit's latest whole year, so commune and
    province reports stand beside the districts' historical ones. Each unit with its level and, if
    it ceased, its last day and successor."""
    sql = """
        WITH per_unit AS (
            -- pre-aggregated by the build (lib.pipeline.writer.RESULTS_BY_INDICATOR: per unit, the max of each
            -- kind, where an actual exists) and sorted by indicator and year: one row group is read
            SELECT reporting_unit, year, actual, target, attainment_pct
            FROM results_by_indicator WHERE indicator_id = $indicator_id AND ($year IS NULL OR year = $year)
            QUALIFY year = max(year) OVER (PARTITION BY reporting_unit)
        )
        SELECT p.*, r.reporting_unit_name_vi, r.reporting_unit_name_en, c.unit_of_measure, c.unit_of_measure_en, c.direction,
               u.level, u.parent, u.ceased, u.successor, s.name_vi AS successor_vi, s.name_en AS successor_en,
               status_of(p.attainment_pct, c.direction, actual := p.actual, target := p.target) AS status
        FROM per_unit p
        JOIN (SELECT DISTINCT reporting_unit, reporting_unit_name_vi, reporting_unit_name_en FROM reports) r USING (reporting_unit)
        JOIN indicators c ON c.indicator_id = $indicator_id
        LEFT JOIN reporting_units u USING (reporting_unit)
        LEFT JOIN reporting_units s ON s.reporting_unit = u.successor
        WHERE p.actual IS NOT NULL
        ORDER BY CASE WHEN c.direction = 'lower' THEN p.actual ELSE -p.actual END, r.reporting_unit_name_vi"""
    return db.query(sql, {"indicator_id": indicator_id, "year": year})


def reports(db: Database) -> pd.DataFrame:
    """The reports in the snapshot: unit, years, source file and checksum; newest first."""
    return db.query("SELECT * FROM reports ORDER BY results_year DESC, reporting_unit")


def known_indicator_ids(db: Database) -> set[str]:
    return set(db.query("SELECT indicator_id FROM indicators")["indicator_id"])


# --- the report's words and the staff's notes ---------------------------------------------------

_STATEMENTS = """
    SELECT s.statement_id, s.kind, s.domain, s.indicator_ids, s.source_quote, s.quote_start, s.report_id
    FROM statements s
    JOIN reports r USING (report_id)
    WHERE s.reporting_unit = $reporting_unit AND r.results_year = $results_year AND {condition}
    ORDER BY list_position($kinds::VARCHAR[], s.kind), s.quote_start"""


def indicator_statements(db: Database, scope: Scope, indicator_id: str) -> pd.DataFrame:
    """What the report of `scope` says in words about one indicator (judgements first, then
    shortcomings, causes and tasks, each in the report's order). Every surface reads it from here."""
    return db.query(_STATEMENTS.format(condition="list_contains(s.indicator_ids, $indicator_id)"),
                    {"reporting_unit": scope.reporting_unit, "results_year": scope.results_year,
                     "indicator_id": indicator_id, "kinds": list(STATEMENT_KINDS)})


def domain_statements(db: Database, scope: Scope, domain: str,
                      kinds: tuple[str, ...] = ("han_che", "nguyen_nhan", "nhiem_vu")) -> pd.DataFrame:
    """The statements of one domain of `scope`'s report, of the given kinds (by default its
    shortcomings, their causes and next year's tasks), in kind order then the report's order."""
    return db.query(_STATEMENTS.format(condition="s.domain = $domain AND list_contains($wanted::VARCHAR[], s.kind)"),
                    {"reporting_unit": scope.reporting_unit, "results_year": scope.results_year, "domain": domain,
                     "wanted": list(kinds), "kinds": list(STATEMENT_KINDS)})


def indicator_notes(db: Database, indicator_id: str) -> pd.DataFrame:
    """The staff's notes on one indicator, newest first."""
    return db.query("""SELECT author, date, text FROM notes WHERE indicator_id = $indicator_id
                       ORDER BY date DESC, curated_row DESC""", {"indicator_id": indicator_id})


# --- what changed between two snapshots ---------------------------------------------------------

# One value per report, indicator, year and kind (the largest, as every question above reads them).
_VALUES = """
    SELECT report_id, indicator_id, year, kind, max(value) AS value, any_value(unit_of_measure) AS unit_of_measure
    FROM observations WHERE reporting_unit = $reporting_unit GROUP BY ALL"""


def values_changed(then: Database, now: Database, reporting_unit: str) -> pd.DataFrame:
    """The values of one unit that differ between an older snapshot (`then`) and a newer one
    (`now`): changed, added or removed, with the indicator's names from the newer catalogue."""
    before = then.arrow(_VALUES, {"reporting_unit": reporting_unit})
    return now.query(f"""
        WITH after AS ({_VALUES}),
        joined AS (
            SELECT coalesce(a.report_id, b.report_id) AS report_id,
                   coalesce(a.indicator_id, b.indicator_id) AS indicator_id,
                   coalesce(a.year, b.year) AS year, coalesce(a.kind, b.kind) AS kind,
                   b.value AS value_then, a.value AS value_now, coalesce(a.unit_of_measure, b.unit_of_measure) AS unit_of_measure,
                   CASE WHEN b.value IS NULL AND a.value IS NOT NULL THEN 'added'
                        WHEN a.value IS NULL AND b.value IS NOT NULL THEN 'removed'
                        ELSE 'changed' END AS change
            FROM after a FULL JOIN before b USING (report_id, indicator_id, year, kind)
            WHERE a.value IS DISTINCT FROM b.value
        )
        SELECT j.*, coalesce(c.name_vi, j.indicator_id) AS name_vi, coalesce(c.name_en, j.indicator_id) AS name_en,
               c.unit_of_measure_en
        FROM joined j LEFT JOIN indicators c USING (indicator_id)
        ORDER BY coalesce(c.sort_order, 1e9), j.indicator_id, j.year, list_position($kinds::VARCHAR[], j.kind)""",
                     {"reporting_unit": reporting_unit, "kinds": list(KINDS)}, tables={"before": before})
