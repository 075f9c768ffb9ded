"""The one place SQL runs: an in-memory DuckDB over a snapshot's Parquet files.

What keeps it fast at any size (see docs/benchmark.md for the measurements):

- `observations` stays a view over its Parquet file, which the build writes sorted by reporting
  unit and year: a question about one unit reads only that unit's row groups (min/max pushdown).
  Parquet footers are parsed once per connection (`parquet_metadata_cache`), not on every query.
- The small tables (catalogue, reports, the pre-aggregated `results_by_indicator`) are loaded
  into memory once: a few hundred kB even for a province, and no file is opened per question.
- A question's per-scope work (one row per indicator of a report, `lib.data.queries`) is computed once
  per scope and kept, per snapshot, in a small LRU of Arrow tables (`memo`); the filters of a
  page then run over those rows only.

A `Database` belongs to one snapshot (it is cached by snapshot id in `lib.data`), so nothing it
keeps can ever mix two snapshots.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable

import duckdb
import pandas as pd
import pyarrow as pa

from lib.data.contract import ADDED_FILES, LEVEL_BY_NAME_START, RENAMED_IN_V3, SNAPSHOT_FILES, SNAPSHOT_SCHEMAS
from lib.data.snapshot import Snapshot
from lib.judgement.pace import PACE_MACROS
from lib.judgement.rules import MACROS

# Read once into memory: small whatever the number of observations (catalogue: one row per
# indicator; reports: one per report; results_by_indicator: narrow, numbers only).
IN_MEMORY = ("indicators", "reports", "statements", "notes")
# The long tables (observations, results_by_indicator) are read in place from Parquet, with pushdown.
MEMO_ENTRIES = 256  # per-scope and per-view rows kept per snapshot (≈ 300 rows each at most)


def sql_string(text: str) -> str:
    """A SQL string literal; only for file paths the app itself chose, never for user input."""
    return "'" + text.replace("'", "''") + "'"


# A v1 snapshot read as v2 (then renamed as v3, like a v2): every figure is about the whole year, as of its last day; the units are
# the reports' units, their level read from their names, with no parent, end date or successor.
_LEVEL_OF_NAME = "CASE " + " ".join(f"WHEN lower(reporting_unit_name_vi) LIKE '{start}%' THEN '{level}'"
                                    for start, level in LEVEL_BY_NAME_START) + " END"
V1_DEFAULTS = {
    "observations": "SELECT *, 'year' AS period, make_date(year, 12, 31) AS as_of FROM {file}",
    "reports": "SELECT *, 'year' AS period, make_date(results_year::INTEGER, 12, 31) AS as_of FROM {file}",
    "reporting_units": f"""SELECT DISTINCT reporting_unit, reporting_unit_name_vi AS name_vi, reporting_unit_name_en AS name_en,
                           {_LEVEL_OF_NAME} AS level, NULL::VARCHAR AS parent, NULL::DATE AS ceased,
                           NULL::VARCHAR AS successor FROM reports""",
}


def _select(snapshot: Snapshot, table: str) -> str:
    """The query a table of the snapshot is read by: as written, for a v1 snapshot with the v2 columns
    defaulted, and for a v1 or v2 snapshot with its columns renamed to v3's (the one place they are)."""
    file = f"read_parquet({sql_string(str(snapshot.file(table)))})" if table in snapshot.tables else None
    select = f"SELECT * FROM {file}"
    if snapshot.schema_version == 1 and table in V1_DEFAULTS:
        select = V1_DEFAULTS[table].format(file=file)
    if snapshot.schema_version < 3 and table in RENAMED_IN_V3:
        renamed = ", ".join(f"{old} AS {new}" for old, new in RENAMED_IN_V3[table].items())
        select = f"SELECT * RENAME ({renamed}) FROM ({select})"
    return select


class Database:
    """One connection per snapshot; every query takes its own cursor, so browser sessions
    (each its own thread) never share a cursor."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self._connection = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        # Least recently used dropped first; two threads asking at once may both compute the same answer.
        self._memo = functools.lru_cache(maxsize=MEMO_ENTRIES)(_Job.run)
        # Cursors are connections of their own: the cache must be set for the whole database.
        self._connection.execute("SET GLOBAL parquet_metadata_cache = true")
        for table in SNAPSHOT_FILES:
            kind = "TABLE" if table in IN_MEMORY or table not in snapshot.tables else "VIEW"
            self._connection.execute(f"CREATE {kind} {table} AS {_select(snapshot, table)}")
        for table in ADDED_FILES:
            if not snapshot.has(table):  # written before the table was added: an empty one
                self._connection.register("_empty", SNAPSHOT_SCHEMAS[table].empty_table())
                self._connection.execute(f"CREATE TABLE {table} AS SELECT * FROM _empty")
                self._connection.unregister("_empty")
                continue
            path = sql_string(str(snapshot.file(table)))
            self._connection.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet({path})")
        self._connection.execute(MACROS)
        self._connection.execute(PACE_MACROS)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._connection.cursor()

    def query(self, sql: str, params: dict | None = None, tables: dict[str, pa.Table] | None = None) -> pd.DataFrame:
        """Run `sql` with bound `params`; `tables` are Arrow tables the query may name (its own
        cursor only sees them)."""
        # Through Arrow: a third of the time of `.df()` for these wide rows (every text column,
        # empty or not, comes back as pandas' `str` with NaN for a missing value).
        return self.arrow(sql, params, tables).to_pandas()

    def arrow(self, sql: str, params: dict | None = None, tables: dict[str, pa.Table] | None = None) -> pa.Table:
        """`query`'s answer as an Arrow table."""
        cursor = self._cursor()
        try:
            for name, table in (tables or {}).items():
                cursor.register(name, table)
            return cursor.sql(sql, params=params or {}).to_arrow_table()
        finally:
            cursor.close()

    def memo(self, key: tuple, compute: Callable[[], pa.Table]) -> pa.Table:
        """`compute()` once per `key` for this snapshot, while it is among the MEMO_ENTRIES used last."""
        return self._memo(_Job(key, compute))


class _Job:
    """A memo's key and how to compute its answer; equal keys are the same job (for functools.lru_cache),
    whichever function came with them."""

    __slots__ = ("key", "compute")

    def __init__(self, key: tuple, compute: Callable[[], pa.Table]):
        self.key, self.compute = key, compute

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Job) and other.key == self.key

    def run(self) -> pa.Table:
        return self.compute()
