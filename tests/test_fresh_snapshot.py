"""Fresh data without a restart: a running app picks up a new snapshot on its next run, and one run
never shows a mix of two snapshots (lib/data/cache.py chooses the snapshot once per page run and keys
every cache on its id)."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from conftest import copy_sources
from page_support import charts
from streamlit.testing.v1 import AppTest

import lib.data.cache
import lib.data.snapshot
from lib.data import queries
from lib.data.contract import ALL_FILES
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import Snapshot, latest_snapshot
from lib.pipeline.build import build
from lib.pipeline.writer import derived_tables, parquet_bytes, write_snapshot

APP = str(Path(__file__).resolve().parent.parent / "app.py")
CAPTION = "Số liệu: báo cáo"


def newer_snapshot(snapshots_dir: Path, base: Snapshot, shift_pct: float) -> Snapshot:
    """A snapshot made the way the build makes one, from `base` with every share of target moved by
    `shift_pct` points (so each number on screen says which snapshot it came from)."""
    tables = {name: pq.read_table(base.file(name)) for name in ALL_FILES
              if base.has(name) and name != "results_by_indicator"}
    obs = tables["observations"]
    shifted = pc.if_else(pc.equal(obs["kind"], "pct_of_target"), pc.add(obs["value"], shift_pct), obs["value"])
    tables["observations"] = obs.set_column(obs.schema.get_field_index("value"), "value", shifted)
    tables.update(derived_tables(tables["observations"]))
    files = {ALL_FILES[name]: parquet_bytes(table, name) for name, table in tables.items()}
    data_sha256 = hashlib.sha256(b"".join(hashlib.sha256(files[n]).digest() for n in sorted(files))).hexdigest()
    created = datetime.fromisoformat(base.created_at.replace("Z", "+00:00")) + timedelta(minutes=1)
    manifest = {**base.manifest,
                "snapshot_id": f"{created:%Y%m%dT%H%M%SZ}-{data_sha256[:8]}",
                "created_at": created.isoformat().replace("+00:00", "Z"),
                "schema_version": base.schema_version, "data_sha256": data_sha256,
                "row_counts": {name: table.num_rows for name, table in tables.items()},
                "files": {name: hashlib.sha256(payload).hexdigest() for name, payload in files.items()}}
    folder = write_snapshot(snapshots_dir, files, manifest)
    return Snapshot(folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8")))


def snapshot_shown(at: AppTest) -> str:
    captions = [c.value for c in at.sidebar.caption if c.value.startswith(CAPTION)]
    assert len(captions) == 1, captions
    return captions[0]


def attainment_shown(at: AppTest) -> list[float]:
    """The shares of target drawn in the overview's attainment chart, in the chart's order."""
    for chart in charts(at):
        for frame in chart["data"].values():
            if "attainment_pct" in frame.columns:
                return sorted(round(v, 6) for v in frame["attainment_pct"])
    raise AssertionError("no attainment chart on the page")


def attainment_of(snapshot: Snapshot, scope: Scope) -> list[float]:
    return sorted(round(v, 6) for v in queries.attainment(Database(snapshot), scope)["attainment_pct"])


@pytest.fixture
def served(tmp_path, data_dir, monkeypatch) -> Path:
    """A data folder of its own with one snapshot of the real curated data, served to AppTest."""
    target = copy_sources(data_dir, tmp_path / "data")
    build(target)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(target))
    return target


def test_a_new_snapshot_is_shown_on_the_next_run_without_a_restart(served, scope):
    first = latest_snapshot(served / "snapshots")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert first.snapshot_id in snapshot_shown(at)
    assert attainment_shown(at) == attainment_of(first, scope)

    second = newer_snapshot(served / "snapshots", first, shift_pct=7.0)
    assert attainment_of(second, scope) != attainment_of(first, scope)  # every share moved

    at.run()  # the same session, the same server process: nothing restarted, nothing cleared
    assert not at.exception
    assert second.snapshot_id in snapshot_shown(at)
    assert first.snapshot_id not in snapshot_shown(at)
    assert attainment_shown(at) == attainment_of(second, scope)


def test_a_snapshot_published_during_a_run_waits_for_the_next_run(served, scope, monkeypatch):
    """The new snapshot lands after the run chose its snapshot and before it asked any question:
    that run is entirely the old snapshot, the next entirely the new one."""
    first = latest_snapshot(served / "snapshots")
    published: list[Snapshot] = []
    real_scan = lib.data.snapshot.scan

    def scan_then_publish(folder: Path):
        chosen = real_scan(folder)
        if not published:
            published.append(newer_snapshot(folder, first, shift_pct=-5.0))
        return chosen

    monkeypatch.setattr(lib.data.snapshot, "scan", scan_then_publish)  # as lib.data.snapshot.choose calls it
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and published
    assert first.snapshot_id in snapshot_shown(at)
    assert attainment_shown(at) == attainment_of(first, scope)

    at.run()
    assert published[0].snapshot_id in snapshot_shown(at)
    assert attainment_shown(at) == attainment_of(published[0], scope)
