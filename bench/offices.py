"""Many offices at once: 50 communes of one province, 50 preparers (nhap_lieu), each preparing and
sending its commune's report as a draft; two approvers (duyet) of the province approve them all, each
approval publishing a snapshot. Timed (the drafts, each approval, the whole run); afterwards every
snapshot must be whole (lib.data.snapshot.inspect), each have its provenance sidecar, the curated
data must pass the build's checks and build to the newest snapshot, and the trail must verify.

    python -m bench.offices [--units 50] [--out bench-data/offices]     # make bench-offices
"""
from __future__ import annotations

import argparse
import copy
import csv
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench.serving import copy_data
from bench.synthetic import BENCH_DATA, unit_list

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "tests" / "fixtures" / "ingest" / "bao-cao-mau-2024.txt"
PROVINCE = "tinh-thu"
CONFIRMED = {"budget_revenue_total"}  # the rows a preparer confirms by hand (tests/test_publish.py)


def _data(out: Path, units: list[dict]) -> Path:
    """A copy of data/ whose unit list has the province and its communes."""
    data = out / "data"
    shutil.rmtree(out, ignore_errors=True)
    copy_data(data)
    path = data / "curated" / "reporting_units.csv"
    with open(path, "a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([PROVINCE, "Tỉnh Thử", "Thử province", "tinh", "", "", ""])
        for unit in units:
            writer.writerow([unit["reporting_unit"], unit["reporting_unit_name_vi"], unit["reporting_unit_name_en"], "xa_phuong",
                             PROVINCE, "", ""])
    return data


def _base_draft(data: Path):
    from lib.pipeline import ingest, publish

    text = ingest.read_report(REPORT)
    candidates = ingest.extract(text, ingest.load_catalogue(data))
    candidates.insert(0, "accept", [r.indicator_id != "" and (r.confidence >= 0.7 or r.indicator_id in CONFIRMED)
                                    for r in candidates.itertuples()])
    meta = {"report_id": "x", "reporting_unit": "x", "reporting_unit_name_vi": "x", "reporting_unit_name_en": "x",
            "results_year": 2024, "targets_year": 2025}
    return publish.draft_from_review(text, "x.txt", REPORT.read_bytes(), meta, candidates, ingest.skipped_numbers(text))


def run(units: int = 50, out: Path = BENCH_DATA / "offices") -> dict:
    communes = [u for u in unit_list(units + 1) if u["reporting_unit"] != "tieu-can"][:units]
    data = _data(out, communes)
    os.environ["CHITIEU_STATE_DIR"] = str(out / "state")
    from lib.data.snapshot import Snapshot, inspect, scan
    from lib.offices import drafts, trail
    from lib.offices.accounts import DUYET, NHAP_LIEU, Account, ReportingUnitTree
    from lib.pipeline.build import build

    tree = ReportingUnitTree.of(data)
    base = _base_draft(data)
    before = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    approvers = [Account("duyet-1", DUYET, (PROVINCE,)), Account("duyet-2", DUYET, (PROVINCE,))]

    started = time.perf_counter()
    sent = []
    for unit in communes:
        draft = copy.copy(base)
        code = unit["reporting_unit"]
        draft.meta = {**base.meta, "report_id": f"{code}-2024", "reporting_unit": code,
                      "reporting_unit_name_vi": unit["reporting_unit_name_vi"], "reporting_unit_name_en": unit["reporting_unit_name_en"]}
        draft.raw_name = f"{code}-2024.txt"
        preparer = Account(f"nl-{code}", NHAP_LIEU, (code,))
        sent.append(drafts.save(draft, preparer, submit=True, tree=tree))
    prepared = time.perf_counter() - started

    approvals, published = [], []
    for index, record in enumerate(sent):
        begun = time.perf_counter()
        published.append(drafts.approve(data, record.draft_id, approvers[index % 2], tree))
        approvals.append(time.perf_counter() - begun)
    total = time.perf_counter() - started

    whole = [p for p in published if isinstance(inspect(p), Snapshot)]
    sidecars = [p for p in published if (drafts.provenance(p) or {}).get("approved_by", "").startswith("duyet-")]
    rebuilt, new = build(data)  # the build's checks on the curated data, and the same snapshot as the last
    verdict = trail.verify()
    newest = inspect(published[-1])
    reports = newest.manifest["row_counts"]["reports"] if isinstance(newest, Snapshot) else None
    result = {
        "units": units, "prepared_s": round(prepared, 2), "approved_s": round(sum(approvals), 2),
        "total_s": round(total, 2), "approval_median_s": round(statistics.median(approvals), 2),
        "approval_first_s": round(approvals[0], 2), "approval_last_s": round(approvals[-1], 2),
        "approval_max_s": round(max(approvals), 2), "snapshots_new": len(set(p.name for p in published) - before),
        "snapshots_whole": len(whole), "provenance": len(sidecars), "reports_in_last": reports,
        "rebuild_same": (not new) and rebuilt.name == published[-1].name,
        "trail_entries": verdict.entries, "trail_ok": verdict.ok,
    }
    result["ok"] = (result["snapshots_new"] == units == len(whole) == len(sidecars) and result["rebuild_same"]
                    and verdict.ok)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--out", type=Path, default=BENCH_DATA / "offices")
    args = parser.parse_args(argv)
    result = run(args.units, args.out)
    for key, value in result.items():
        print(f"{key}: {value}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
