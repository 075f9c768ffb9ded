"""The app's edge to the data: which snapshot is current, and cached answers to the questions.

The connection is cached per snapshot id (`cache_resource`); query results per snapshot id and
arguments (`cache_data`), so a new snapshot is picked up by a running server and no page ever mixes
two snapshots: every answer of one page run comes from the snapshot chosen at its start.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import FunctionType
from typing import TypeVar, TypeVarTuple

import duckdb
import pandas as pd
import streamlit as st

from lib.data import pace_queries, province_queries, queries, report_index
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.report_index import ReportIndex
from lib.data.snapshot import Current, DataUnavailable, Snapshot, choose, inspect  # noqa: F401 - the pages import them from here
from lib.view.filters import Filters
from lib.words.words import Words

log = logging.getLogger(__name__)
T = TypeVar("T")
Args = TypeVarTuple("Args")
REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The data folder; CHITIEU_DATA_DIR points tests and benchmarks at another one."""
    return Path(os.environ.get("CHITIEU_DATA_DIR", REPO_DATA))


def current(snapshot_id: str | None = None) -> Current:
    """The newest valid snapshot of the data folder, or the older one a link names (lib.data.snapshot.choose)."""
    return choose(data_dir() / "snapshots", snapshot_id)


@st.cache_resource(max_entries=4, show_spinner=False)
def _database(snapshot_id: str, folder: str) -> Database:
    # Checked again: the folder may have been damaged since this page run chose it.
    outcome = inspect(Path(folder))
    if not isinstance(outcome, Snapshot) or outcome.snapshot_id != snapshot_id:
        raise OSError(f"snapshot {snapshot_id} is no longer valid: {getattr(outcome, 'reason', 'renamed')}")
    return Database(outcome)


def _question_name(question: Callable) -> str:
    return f"{question.__module__}.{question.__qualname__}"


# One cache for every question: keyed by the snapshot, the question (a function of lib.data, by its
# name) and its arguments.
@st.cache_data(max_entries=2048, show_spinner=False, hash_funcs={FunctionType: _question_name})
def _answer(snapshot_id: str, folder: str, question: Callable, args: tuple):
    return question(_database(snapshot_id, folder), *args)


@st.cache_data(max_entries=64, show_spinner=False)
def _changes(older_folder: str, older_id: str, snapshot_id: str, folder: str, reporting_unit: str) -> pd.DataFrame:
    return queries.values_changed(_database(older_id, older_folder), _database(snapshot_id, folder), reporting_unit)


@st.cache_resource(max_entries=4, show_spinner=False)
def _report_index(snapshot_id: str, folder: str, home: str = "") -> ReportIndex:
    return report_index.build(_database(snapshot_id, folder))


READ_FAILED = ("Không đọc được dữ liệu lúc này. Văn phòng cần kiểm tra thư mục data/snapshots "
               "(chi tiết trong nhật ký máy chủ) rồi tải lại trang.")


def _guarded(function: Callable[..., T], *args) -> T:
    """A query; if the snapshot's files fail underneath it, a short sentence instead of a traceback."""
    try:
        return function(*args)
    except (duckdb.Error, OSError):
        log.exception("query on snapshot %s failed", args[0])
        st.error(READ_FAILED, icon=":material/database_off:")
        st.stop()


class Explorer:
    """The questions of product.md, answered from one snapshot for one page run."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self._key = (snapshot.snapshot_id, str(snapshot.path))
        self.index: ReportIndex = _guarded(_report_index, *self._key, os.environ.get("CHITIEU_HOME_UNIT", ""))
        self.reporting_units = self.index.reporting_units
        self.years = self.index.years

    @property
    def database(self) -> Database:
        """The snapshot's connection, for exports that compose several questions."""
        return _database(*self._key)

    def scope_for(self, reporting_unit: str | None, year: int | None = None) -> Scope:
        """The report of `unit` for results `year`; by default the newest report of the home unit."""
        return self.index.scope_for(reporting_unit, year)

    def years_of(self, reporting_unit: str) -> list[int]:
        return list(self.index.years_by_reporting_unit.get(reporting_unit, ()))

    def reporting_unit_name(self, reporting_unit: str, words: Words) -> str:
        return self.index.reporting_unit_names[words.lang][reporting_unit]

    def _ask(self, question: Callable[[Database, *Args], T], *args: *Args) -> T:
        """`question` of lib.data asked of this snapshot, answered from the cache when it was asked before."""
        return _guarded(_answer, *self._key, question, args)

    def indicator_across_reporting_units(self, indicator_id: str, year: int | None) -> pd.DataFrame:
        return self._ask(queries.indicator_across_reporting_units, indicator_id, year)

    def has_reporting_units_under(self, reporting_unit: str) -> bool:
        return self._ask(province_queries.has_reporting_units_under, reporting_unit)

    def reporting_units_under(self, reporting_unit: str, indicator_id: str, year: int | None = None) -> pd.DataFrame:
        """Every unit under `unit` with its figure for `indicator_id` (lib.data.province_queries)."""
        return self._ask(province_queries.reporting_units_under, reporting_unit, indicator_id, year)

    def periods_reported(self) -> pd.DataFrame:
        return self._ask(pace_queries.periods_reported)

    def pace(self, reporting_unit: str, year: int, period: str, as_of: date) -> pd.DataFrame:
        return self._ask(pace_queries.pace, reporting_unit, year, period, as_of)

    def periods_line(self, reporting_unit: str, year: int) -> pd.DataFrame:
        return self._ask(pace_queries.periods_line, reporting_unit, year)

    def indicator_table(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.indicator_table, scope, filters)

    def attainment(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.attainment, scope, filters)

    def judged_without_share(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.judged_without_share, scope, filters)

    def year_on_year(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.year_on_year, scope, filters)

    def next_year_targets(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.next_year_targets, scope, filters)

    def counts_with_pairs(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.counts_with_pairs, scope, filters)

    def observations_in_view(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask(queries.observations_in_view, scope, filters)

    def status_counts(self, scope: Scope, filters: Filters = Filters()) -> dict[str, int]:
        return self._ask(queries.status_counts, scope, filters)

    def headline_indicators(self, scope: Scope) -> pd.DataFrame:
        return self._ask(queries.headline_indicators, scope)

    def groups_present(self, scope: Scope, domain: str | None) -> list[str]:
        return self._ask(queries.groups_present, scope, domain)

    def indicator(self, scope: Scope, indicator_id: str) -> pd.DataFrame:
        return self._ask(queries.indicator, scope, indicator_id)

    def indicator_catalogue_entry(self, indicator_id: str) -> pd.DataFrame:
        return self._ask(queries.indicator_catalogue_entry, indicator_id)

    def indicator_observations(self, scope: Scope, indicator_id: str) -> pd.DataFrame:
        return self._ask(queries.indicator_observations, scope, indicator_id)

    def related_indicators(self, indicator_id: str) -> pd.DataFrame:
        return self._ask(queries.related_indicators, indicator_id)

    def indicator_statements(self, scope: Scope, indicator_id: str) -> pd.DataFrame:
        return self._ask(queries.indicator_statements, scope, indicator_id)

    def domain_statements(self, scope: Scope, domain: str) -> pd.DataFrame:
        return self._ask(queries.domain_statements, scope, domain)

    def indicator_notes(self, indicator_id: str) -> pd.DataFrame:
        return self._ask(queries.indicator_notes, indicator_id)

    def values_changed_since(self, older: Snapshot, reporting_unit: str) -> pd.DataFrame:
        """What changed in `reporting_unit`'s values from the `older` snapshot to this one."""
        return _guarded(_changes, str(older.path), older.snapshot_id, *self._key, reporting_unit)

    def reports(self) -> pd.DataFrame:
        """The snapshot's reports with their raw file and its sha256 (lib.data.queries.reports)."""
        return self._ask(queries.reports)

    def known_indicator_ids(self) -> frozenset[str]:
        return frozenset(self._ask(queries.known_indicator_ids))
