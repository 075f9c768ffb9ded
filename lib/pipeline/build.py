"""Build an immutable snapshot from the curated source: validate, read every value from its quote,
derive implied targets, write Parquet atomically.

    python -m lib.pipeline.build [--data DIR] [--force]

Exit status 0: a snapshot was written, or the newest one already holds the same data.
Exit status 1: the curated source has problems; each names its file, row and the fix. Nothing is written.

The steps, each in its own module of lib/pipeline: curated (load the source), checks (the
catalogue, coverage), observations (values from quotes), derive (implied targets and shares),
writer (Parquet, the manifest, the atomic rename).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa

from lib.data.contract import ALL_FILES, INDICATOR_COLUMNS, KINDS, MANIFEST, SCHEMA_VERSION, SNAPSHOT_SCHEMAS
from lib.data.snapshot import latest_snapshot
from lib.pipeline.admin_units import report_period, reporting_units
from lib.pipeline.checks import report_coverage, validate_catalogue, validate_coverage
from lib.pipeline.curated import Curated, load_curated
from lib.pipeline.derive import derive
from lib.pipeline.journal import publishing_lock, recover
from lib.pipeline.notes import read_notes
from lib.pipeline.observations import read_observations
from lib.pipeline.problems import BuildError, Problem
from lib.pipeline.statements import read_statements, validate_sentences
from lib.pipeline.writer import derived_tables, parquet_bytes, write_snapshot
from lib.words.vntext import fold

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


def build_tables(curated: Curated, problems: list[Problem]) -> tuple[dict[str, pa.Table], dict]:
    """The tables of a snapshot (observations, indicators, reports, statements, notes), and each
    report's coverage of numbers and of sentences; every problem found on the way is added to `problems`."""
    validate_catalogue(curated, problems)
    rows: list[dict] = []
    statement_rows: list[dict] = []
    coverage_by_report: dict[str, dict[str, object]] = {}
    for report in curated.reports:
        report_rows = read_observations(curated, report, problems)
        rows.extend(report_rows)
        coverage = report_coverage(report, report_rows)
        validate_coverage(curated, report, coverage, problems)
        report_statements = read_statements(curated, report, problems)
        statement_rows.extend(report_statements)
        sentences = validate_sentences(curated, report, report_statements, problems)
        coverage_by_report[report.meta["report_id"]] = {**coverage.summary(),
                                                         "statement_sentences": sentences.summary()}
    rows.extend(derive(rows, {i: row["measure"] for i, row in curated.indicators.items()}))
    kind_order = {kind: index for index, kind in enumerate(KINDS)}
    # By unit and year first: Parquet statistics then let a question about one unit skip the rest.
    rows.sort(key=lambda r: (r["reporting_unit"], r["year"], r["report_id"], r["indicator_id"], r["as_of"],
                             kind_order[r["kind"]]))
    observations = pa.Table.from_pylist(rows, schema=SNAPSHOT_SCHEMAS["observations"])

    catalogue = []
    for indicator_id, row in curated.indicators.items():
        entry = {column: (row[column] or None) for column in INDICATOR_COLUMNS}
        entry["headline"] = int(row["headline"]) if row["headline"].isdigit() else None
        entry["unit_of_measure_en"] = curated.units_of_measure.get(row["unit_of_measure"], {}).get("name_en")
        entry["search_text"] = fold(" ".join([indicator_id.replace("_", " "), row["name_vi"], row["name_en"]]))
        entry["sort_order"] = curated.indicator_rows[indicator_id]
        catalogue.append(entry)
    indicators = pa.Table.from_pandas(pd.DataFrame(catalogue), schema=SNAPSHOT_SCHEMAS["indicators"],
                                      preserve_index=False)
    reports = pa.Table.from_pylist([{
        "report_id": r.meta["report_id"], "reporting_unit": r.meta["reporting_unit"],
        "reporting_unit_name_vi": r.meta["reporting_unit_name_vi"], "reporting_unit_name_en": r.meta["reporting_unit_name_en"],
        "title_vi": r.meta.get("title_vi"), "title_en": r.meta.get("title_en"),
        "results_year": int(r.meta["results_year"]), "targets_year": int(r.meta["targets_year"]),
        "raw_file": r.meta["raw_file"], "raw_sha256": r.raw_sha256,
        **report_period(r.meta, problems),
    } for r in curated.reports], schema=SNAPSHOT_SCHEMAS["reports"])
    statements = pa.Table.from_pylist(statement_rows, schema=SNAPSHOT_SCHEMAS["statements"])
    notes = pa.Table.from_pylist(read_notes(curated, problems), schema=SNAPSHOT_SCHEMAS["notes"])
    reporting_unit_rows = pa.Table.from_pylist(reporting_units(curated, problems), schema=SNAPSHOT_SCHEMAS["reporting_units"])
    return ({"observations": observations, "indicators": indicators, "reports": reports, "statements": statements,
             "notes": notes, "reporting_units": reporting_unit_rows}, coverage_by_report)


def build(data_dir: Path = DATA_DIR, force: bool = False, now: datetime | None = None) -> tuple[Path, bool]:
    """Validate and write a snapshot. Returns (snapshot folder, whether it is new). Raises BuildError."""
    problems: list[Problem] = []
    curated = load_curated(data_dir, problems)
    tables, coverage = build_tables(curated, problems) if not problems else ({}, {})
    if problems:
        raise BuildError(problems)
    tables.update(derived_tables(tables["observations"]))
    files = {ALL_FILES[name]: parquet_bytes(table, name) for name, table in tables.items()}
    data_sha256 = hashlib.sha256(b"".join(hashlib.sha256(files[n]).digest() for n in sorted(files))).hexdigest()
    snapshots_dir = data_dir / "snapshots"
    newest = latest_snapshot(snapshots_dir)
    if newest is not None and newest.manifest.get("data_sha256") == data_sha256 and not force:
        return newest.path, False
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    while (snapshots_dir / f"{created:%Y%m%dT%H%M%SZ}-{data_sha256[:8]}").exists():
        created += timedelta(seconds=1)  # two builds within one second still get distinct, ordered ids
    manifest = {
        "snapshot_id": f"{created:%Y%m%dT%H%M%SZ}-{data_sha256[:8]}",
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "schema_version": SCHEMA_VERSION,
        "data_sha256": data_sha256,
        "sources": [{"report_id": r.meta["report_id"], "raw_file": r.meta["raw_file"], "sha256": r.raw_sha256}
                    for r in curated.reports],
        "row_counts": {name: table.num_rows for name, table in tables.items()},
        "files": {name: hashlib.sha256(payload).hexdigest() for name, payload in files.items()},
        "coverage": coverage,
    }
    return write_snapshot(snapshots_dir, files, manifest), True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the curated source and write a snapshot.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: ./data)")
    parser.add_argument("--force", action="store_true", help="write a new snapshot even if the data is unchanged")
    args = parser.parse_args(argv)
    try:
        with publishing_lock(args.data):
            recovered = recover(args.data)
            if recovered:
                print(recovered, file=sys.stderr)
            path, is_new = build(args.data, force=args.force)
    except BuildError as error:
        print(f"Không tạo snapshot: {len(error.problems)} lỗi cần sửa trong dữ liệu nguồn.", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    counts = manifest["row_counts"]
    verb = "Đã tạo snapshot" if is_new else "Snapshot mới nhất đã có cùng dữ liệu"
    print(f"{verb}: {path.name} ({counts['observations']} quan sát, {counts['indicators']} chỉ tiêu)")
    for report_id, numbers in manifest["coverage"].items():
        print(f"  {report_id}: {numbers['observed']}/{numbers['numeric_tokens']} số của báo cáo là quan sát, "
              f"{numbers['ignored']} bỏ qua có lý do, {numbers['leftover']} chưa xử lý")
        if "statement_sentences" in numbers:
            said = numbers["statement_sentences"]
            print(f"  {report_id}: {said['sentences']} câu ở phần hạn chế và nhiệm vụ: {said['stated']} là nhận định, "
                  f"{said['ignored']} bỏ qua có lý do, {said['leftover']} chưa xử lý")
    return 0


if __name__ == "__main__":
    sys.exit(main())
