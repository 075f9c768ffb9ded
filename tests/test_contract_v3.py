"""Contract v3: the unit of measure (`unit_of_measure`) and the administrative unit (`reporting_unit`) each have
a name of their own. A v1 or v2 snapshot is read with its columns renamed to v3's, and a curated source
written with the old names (`unit`, `units.csv`, `unit_name_vi`) still builds, to the same snapshot."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from lib.data.contract import ALL_FILES, RENAMED_IN_V3, SNAPSHOT_SCHEMAS, current_names
from lib.data.db import Database
from lib.data.snapshot import Snapshot, inspect
from lib.pipeline.build import build
from lib.pipeline.ingest.catalogue import load_catalogue

# The same data (the Tiểu Cần 2022 report) as the last v2 snapshot shipped, and as the first v3 one.
PAIR = Path(__file__).resolve().parent / "fixtures" / "snapshots_v2_v3"
V2, V3 = PAIR / "20261207T051546Z-4a8dc4a2", PAIR / "20261207T112357Z-2c1f8603"


def _frame(db: Database, table: str) -> pd.DataFrame:
    """A whole table in a fixed row order, as every query of the app sees it."""
    return db.query(f"SELECT * FROM {table} ORDER BY ALL")


@pytest.fixture(scope="module")
def pair() -> tuple[Database, Database]:
    v2, v3 = inspect(V2), inspect(V3)
    assert (v2.schema_version, v3.schema_version) == (2, 3)
    return Database(v2), Database(v3)


@pytest.mark.parametrize("table", list(ALL_FILES))
def test_a_v2_snapshot_reads_as_the_v3_snapshot_of_the_same_data(pair, table):
    old, new = (_frame(db, table) for db in pair)
    assert list(old.columns) == list(new.columns) == SNAPSHOT_SCHEMAS[table].names
    assert len(new) > 0 or table == "notes"
    pd.testing.assert_frame_equal(old, new)


def test_the_v2_files_hold_the_old_names_and_the_reader_serves_only_the_new(pair):
    """The renaming is the reader's, not the files': the v2 Parquet still says `unit` and `unit_name_vi`."""
    old_db, _ = pair
    for table, renamed in RENAMED_IN_V3.items():
        on_disk = pd.read_parquet(V2 / ALL_FILES[table]).columns
        served = _frame(old_db, table).columns
        for old, new in renamed.items():
            assert old in on_disk and new not in on_disk, (table, old)
            assert new in served and old not in served, (table, new)


def test_a_v1_snapshot_reads_with_the_v3_names(data_dir):
    v1 = inspect(data_dir / "snapshots" / "20261129T013251Z-199db18d")
    if not isinstance(v1, Snapshot) or v1.schema_version != 1:
        pytest.skip("the shipped v1 snapshot is gone")
    db = Database(v1)
    assert "unit_of_measure" in _frame(db, "observations").columns
    reports = _frame(db, "reports")
    assert reports.loc[0, "reporting_unit_name_vi"] == "Huyện Tiểu Cần"
    assert _frame(db, "reporting_units").loc[0, "name_vi"] == "Huyện Tiểu Cần"


def test_old_names_are_read_as_new_and_new_ones_stay():
    assert current_names(["indicator_id", "unit", "qualifier"]) == ["indicator_id", "unit_of_measure", "qualifier"]
    assert current_names(["unit_name_vi", "unit_name_en"]) == ["reporting_unit_name_vi", "reporting_unit_name_en"]
    # a file with both keeps the old one as an extra column: the new one is the one read
    assert current_names(["unit", "unit_of_measure"]) == ["unit", "unit_of_measure"]


def _rename_header(path: Path, old: str, new: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0].count(old) == 1, (path, rows[0])
    rows[0][rows[0].index(old)] = new
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _as_before_the_rename(data: Path) -> None:
    """The curated source as a staff member's copy from before v3 has it."""
    curated = data / "curated"
    (curated / "units_of_measure.csv").rename(curated / "units.csv")
    _rename_header(curated / "units.csv", "unit_of_measure", "unit")
    _rename_header(curated / "indicators.csv", "unit_of_measure", "unit")
    for report in (curated / "reports").iterdir():
        _rename_header(report / "observations.csv", "unit_of_measure", "unit")
        meta = json.loads((report / "report.json").read_text(encoding="utf-8"))
        meta = {{"reporting_unit_name_vi": "unit_name_vi", "reporting_unit_name_en": "unit_name_en"}.get(k, k): v
                for k, v in meta.items()}
        (report / "report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_curated_source_with_the_old_headers_builds_the_same_snapshot(fixture_data):
    new, old = fixture_data(), fixture_data()
    _as_before_the_rename(old)
    assert not (old / "curated" / "units_of_measure.csv").exists()
    assert "unit_name_vi" in (next((old / "curated" / "reports").iterdir()) / "report.json").read_text(encoding="utf-8")
    built_new, _ = build(new)
    built_old, _ = build(old)
    manifest = [json.loads((folder / "manifest.json").read_text(encoding="utf-8")) for folder in (built_new, built_old)]
    # the same bytes in every Parquet file: nothing of the old names reaches the snapshot
    assert manifest[0]["schema_version"] == manifest[1]["schema_version"] == 3
    assert manifest[0]["data_sha256"] == manifest[1]["data_sha256"]


def test_the_extractor_reads_an_old_catalogue_as_the_new(fixture_data):
    new, old = fixture_data(), fixture_data()
    _as_before_the_rename(old)
    read_new, read_old = load_catalogue(new), load_catalogue(old)
    assert "unit_of_measure" in read_old.indicators.columns and "unit" not in read_old.indicators.columns
    pd.testing.assert_frame_equal(read_new.indicators, read_old.indicators)
    pd.testing.assert_frame_equal(read_new.units_of_measure, read_old.units_of_measure)
    assert read_old.family("tỷ đồng") == "money"


def test_the_shipped_curated_source_uses_the_new_names(data_dir):
    curated = data_dir / "curated"
    assert not (curated / "units.csv").exists()
    assert (curated / "units_of_measure.csv").read_text(encoding="utf-8").startswith("unit_of_measure,")
    header = (curated / "indicators.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    assert "unit_of_measure" in header and "unit" not in header
    for report in (curated / "reports").iterdir():
        if report.is_dir():
            assert "unit_name_vi" not in json.loads((report / "report.json").read_text(encoding="utf-8"))


def test_the_pair_is_what_the_shipped_snapshots_hold(data_dir):
    """The fixtures are copies of snapshots the repository shipped; a copy that drifted proves nothing."""
    for folder in (V2, V3):
        shipped = data_dir / "snapshots" / folder.name
        if shipped.exists():
            for file in folder.iterdir():
                assert file.read_bytes() == (shipped / file.name).read_bytes(), file
