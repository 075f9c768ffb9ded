"""The app's edge to the data: which snapshot is current, and cached answers to the questions.

The connection is cached per snapshot id (`cache_resource`); query results per snapshot id and
arguments (`cache_data`), so a new snapshot is picked up by a running server and no page ever mixes
two snapshots: every answer of one page run comes from the snapshot chosen at its start.
"""
from __future__ import annotations

import logging
import os
from dataclasses import astuple
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from lib.data import pace_queries, queries, report_index
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.report_index import ReportIndex
from lib.data.snapshot import Current, DataUnavailable, Snapshot, choose, inspect  # noqa: F401 - the pages import them from here
from lib.view.filters import Filters

log = logging.getLogger(__name__)
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


_QUESTIONS = {
    "indicator_table": queries.indicator_table,
    "attainment": queries.attainment,
    "judged_without_share": queries.judged_without_share,
    "year_on_year": queries.year_on_year,
    "next_year_targets": queries.next_year_targets,
    "counts_with_pairs": queries.counts_with_pairs,
    "observations_in_view": queries.observations_in_view,
}


@st.cache_data(max_entries=1024, show_spinner=False)
def _answer(snapshot_id: str, folder: str, question: str, scope: tuple, filters: tuple) -> pd.DataFrame:
    return _QUESTIONS[question](_database(snapshot_id, folder), Scope(*scope), Filters(*filters))


@st.cache_data(max_entries=1024, show_spinner=False)
def _call(snapshot_id: str, folder: str, name: str, args: tuple):
    question = getattr(queries, name, None) or getattr(pace_queries, name)
    return question(_database(snapshot_id, folder), *args)


@st.cache_data(max_entries=64, show_spinner=False)
def _changes(older_folder: str, older_id: str, snapshot_id: str, folder: str, unit: str) -> pd.DataFrame:
    return queries.values_changed(_database(older_id, older_folder), _database(snapshot_id, folder), unit)


@st.cache_resource(max_entries=4, show_spinner=False)
def _report_index(snapshot_id: str, folder: str, home: str = "") -> ReportIndex:
    return report_index.build(_database(snapshot_id, folder))


READ_FAILED = ("Không đọc được dữ liệu lúc này. Văn phòng cần kiểm tra thư mục data/snapshots "
               "(chi tiết trong nhật ký máy chủ) rồi tải lại trang.")


def _guarded(function, *args):
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
        self.units = self.index.units
        self.years = self.index.years

    @property
    def database(self) -> Database:
        """The snapshot's connection, for exports that compose several questions."""
        return _database(*self._key)

    def scope_for(self, unit: str | None, year: int | None = None) -> Scope:
        """The report of `unit` for results `year`; by default the newest report of the home unit."""
        return self.index.scope_for(unit, year)

    def years_of(self, unit: str) -> list[int]:
        return list(self.index.years_by_unit.get(unit, ()))

    def unit_name(self, unit: str, lang: str) -> str:
        return self.index.unit_names["vi" if lang == "vi" else "en"][unit]

    def indicator_across_units(self, indicator_id: str, year: int | None) -> pd.DataFrame:
        return _guarded(_call, *self._key, "indicator_across_units", (indicator_id, year))

    def periods_reported(self) -> pd.DataFrame:
        return _guarded(_call, *self._key, "periods_reported", ())

    def pace(self, unit: str, year: int, period: str, as_of) -> pd.DataFrame:
        return _guarded(_call, *self._key, "pace", (unit, year, period, as_of))

    def periods_line(self, unit: str, year: int) -> pd.DataFrame:
        return _guarded(_call, *self._key, "periods_line", (unit, year))

    def _ask(self, question: str, scope: Scope, filters: Filters) -> pd.DataFrame:
        return _guarded(_answer, *self._key, question, astuple(scope), astuple(filters))

    def indicator_table(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("indicator_table", scope, filters)

    def attainment(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("attainment", scope, filters)

    def judged_without_share(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("judged_without_share", scope, filters)

    def year_on_year(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("year_on_year", scope, filters)

    def next_year_targets(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("next_year_targets", scope, filters)

    def counts_with_pairs(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("counts_with_pairs", scope, filters)

    def observations_in_view(self, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
        return self._ask("observations_in_view", scope, filters)

    def status_counts(self, scope: Scope, filters: Filters = Filters()) -> dict[str, int]:
        return _guarded(_call, *self._key, "status_counts", (scope, filters))

    def headline_indicators(self, scope: Scope) -> pd.DataFrame:
        return _guarded(_call, *self._key, "headline_indicators", (scope,))

    def groups_present(self, scope: Scope, domain: str | None) -> list[str]:
        return _guarded(_call, *self._key, "groups_present", (scope, domain))

    def indicator(self, scope: Scope, indicator_id: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "indicator", (scope, indicator_id))

    def indicator_catalogue_entry(self, indicator_id: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "indicator_catalogue_entry", (indicator_id,))

    def indicator_observations(self, scope: Scope, indicator_id: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "indicator_observations", (scope, indicator_id))

    def related_indicators(self, indicator_id: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "related_indicators", (indicator_id,))

    def indicator_statements(self, scope: Scope, indicator_id: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "indicator_statements", (scope, indicator_id))

    def domain_statements(self, scope: Scope, domain: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "domain_statements", (scope, domain))

    def indicator_notes(self, indicator_id: str) -> pd.DataFrame:
        return _guarded(_call, *self._key, "indicator_notes", (indicator_id,))

    def values_changed_since(self, older: Snapshot, reporting_unit: str) -> pd.DataFrame:
        """What changed in `reporting_unit`'s values from the `older` snapshot to this one."""
        return _guarded(_changes, str(older.path), older.snapshot_id, *self._key, reporting_unit)

    def known_indicator_ids(self) -> frozenset[str]:
        return frozenset(_guarded(_call, *self._key, "known_indicator_ids", ()))
