"""Writing a snapshot: the pre-aggregated tables computed from the observations, each table as
zstd Parquet in row groups sized for a one-unit question, and the folder renamed into place in one
step (a reader never sees half a snapshot)."""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from lib.data.contract import MANIFEST, SNAPSHOT_SCHEMAS
from lib.data.db import sql_string
from lib.data.snapshot import write_pointer

# Rows per Parquet row group. Observations are sorted by reporting unit and year, so a question
# about one unit reads only the row groups whose min/max statistics hold it; groups this size keep
# that read small and the footer short (docs/benchmark.md measures it).
ROW_GROUP_ROWS: dict[str | None, int] = {"observations": 50_000, "results_by_indicator": 100_000}

# Pre-aggregated: one row per indicator, results year and reporting unit that reported an actual,
# with the target and share of target beside it, sorted by indicator and year — the comparison of
# one indicator across units reads one row group instead of every observation of every unit.
# Whole-year figures only: six months' revenue is not the year's.
RESULTS_BY_INDICATOR = """
SELECT indicator_id, year, reporting_unit,
       max(value) FILTER (kind = 'actual') AS actual,
       max(value) FILTER (kind = 'target') AS target,
       max(value) FILTER (kind = 'pct_of_target') AS attainment_pct
FROM observations
WHERE period = 'year'
GROUP BY indicator_id, year, reporting_unit
HAVING actual IS NOT NULL
ORDER BY indicator_id, year, reporting_unit
"""


def derived_tables(observations: pa.Table | Path) -> dict[str, pa.Table]:
    """The pre-aggregated tables of a snapshot, computed from its observations (a table, or the
    path of an observations.parquet too large to hold in memory)."""
    import duckdb

    connection = duckdb.connect(":memory:")
    try:
        if isinstance(observations, pa.Table):
            connection.register("observations", observations)
        else:
            connection.execute(f"CREATE VIEW observations AS SELECT * FROM read_parquet({sql_string(str(observations))})")
        if "period" not in connection.sql("SELECT * FROM observations LIMIT 0").columns:
            # observations written before schema 2 (every figure a whole year's)
            connection.execute("ALTER VIEW observations RENAME TO observations_v1")
            connection.execute("CREATE VIEW observations AS SELECT *, 'year' AS period FROM observations_v1")
        table = connection.sql(RESULTS_BY_INDICATOR).to_arrow_table()
    finally:
        connection.close()
    return {"results_by_indicator": table.cast(SNAPSHOT_SCHEMAS["results_by_indicator"])}


def parquet_bytes(table: pa.Table, name: str | None = None) -> bytes:
    """One snapshot table as the bytes of its Parquet file (zstd; row groups by ROW_GROUP_ROWS)."""
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", row_group_size=ROW_GROUP_ROWS.get(name))
    return sink.getvalue()


def write_snapshot(snapshots_dir: Path, files: dict[str, bytes], manifest: dict) -> Path:
    """Write files then the manifest into a hidden folder, rename it into place in one step, then
    make it current by the pointer file (the commit point: from then on every process serves it)."""
    snapshots_dir.mkdir(parents=True, exist_ok=True)
    final = snapshots_dir / manifest["snapshot_id"]
    if final.exists():
        raise FileExistsError(f"snapshot {final.name} already exists")
    staging = snapshots_dir / f".building-{manifest['snapshot_id']}"
    try:
        staging.mkdir()
        for name, payload in {**files, MANIFEST: json.dumps(manifest, ensure_ascii=False, indent=2).encode()}.items():
            with open(staging / name, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        os.rename(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    write_pointer(snapshots_dir, final.name)
    return final
