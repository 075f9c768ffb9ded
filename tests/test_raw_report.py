"""The raw report is never edited: its sha256 matches data/raw/SHA256SUMS, every report folder that
points at it, and the sources recorded in every committed snapshot."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

SHARED_SOURCE = Path("/work/shared/source/tieu-can-2022-report.txt")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_digests(raw_dir: Path) -> dict[str, str]:
    """SHA256SUMS as written by `sha256sum`: "<64 hex>  <file name>" per line."""
    digests = {}
    for number, line in enumerate((raw_dir / "SHA256SUMS").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        assert sep and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest), (
            f"SHA256SUMS line {number} is not '<sha256>  <file>': {line!r}")
        assert name not in digests, f"SHA256SUMS records {name} twice"
        digests[name] = digest
    return digests


def report_metas(data_dir: Path) -> list[dict]:
    folders = sorted(p for p in (data_dir / "curated" / "reports").iterdir() if p.is_dir())
    assert folders, "no report folder under data/curated/reports"
    return [json.loads((folder / "report.json").read_text(encoding="utf-8")) for folder in folders]


def committed_manifests(data_dir: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((data_dir / "snapshots").glob("*/manifest.json"))
            if not path.parent.name.startswith(".")]


def test_every_raw_file_matches_its_recorded_sha256(data_dir):
    raw_dir = data_dir / "raw"
    digests = recorded_digests(raw_dir)
    files = sorted(p.name for p in raw_dir.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    assert sorted(digests) == files, "every raw file, and only those, must be recorded in SHA256SUMS"
    for name, digest in digests.items():
        assert sha256_of(raw_dir / name) == digest, f"data/raw/{name} was edited after its sha256 was recorded"


def test_every_report_folder_points_at_a_recorded_unedited_raw_file(data_dir):
    digests = recorded_digests(data_dir / "raw")
    for meta in report_metas(data_dir):
        raw_path = data_dir / meta["raw_file"]
        assert raw_path.parent == data_dir / "raw", f"{meta['report_id']}: raw_file must live in data/raw"
        assert raw_path.name in digests, f"{meta['report_id']}: {meta['raw_file']} has no line in SHA256SUMS"
        assert sha256_of(raw_path) == digests[raw_path.name]


def test_committed_snapshots_record_the_same_raw_sha256(data_dir):
    digests = recorded_digests(data_dir / "raw")
    manifests = committed_manifests(data_dir)
    assert manifests, "no committed snapshot in data/snapshots"
    for manifest in manifests:
        assert manifest["sources"], f"snapshot {manifest['snapshot_id']} names no source"
        for source in manifest["sources"]:
            name = Path(source["raw_file"]).name
            assert source["sha256"] == digests[name], (
                f"snapshot {manifest['snapshot_id']} was built from a different {name}")
            assert source["sha256"] == sha256_of(data_dir / source["raw_file"])


def test_reports_parquet_of_committed_snapshots_records_the_same_sha256(data_dir):
    import pyarrow.parquet as pq

    digests = recorded_digests(data_dir / "raw")
    for manifest in committed_manifests(data_dir):
        table = pq.read_table(data_dir / "snapshots" / manifest["snapshot_id"] / "reports.parquet").to_pylist()
        assert table
        for row in table:
            assert row["raw_sha256"] == digests[Path(row["raw_file"]).name]


@pytest.mark.skipif(not SHARED_SOURCE.exists(), reason="the shared source folder is not on this machine")
def test_raw_report_is_a_byte_copy_of_the_shared_source(data_dir):
    assert sha256_of(data_dir / "raw" / SHARED_SOURCE.name) == sha256_of(SHARED_SOURCE)
