"""The one place SQL runs: an in-memory DuckDB over a snapshot's Parquet files."""
from __future__ import annotations

import threading

import duckdb
import pandas as pd

from lib.rules import MACROS
from lib.snapshot import SNAPSHOT_FILES, Snapshot


def sql_string(text: str) -> str:
    """A SQL string literal; only for file paths the app itself chose, never for user input."""
    return "'" + text.replace("'", "''") + "'"


class Database:
    """One connection per snapshot; every query takes its own cursor, so browser sessions
    (each its own thread) never share a cursor."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self._connection = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        for table in SNAPSHOT_FILES:
            path = sql_string(str(snapshot.file(table)))
            self._connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({path})")
        self._connection.execute(MACROS)

    def query(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        with self._lock:
            cursor = self._connection.cursor()
        try:
            return cursor.execute(sql, params or {}).df()
        finally:
            cursor.close()
