"""Where each report of a snapshot came from, for the indicator page: its raw file (the snapshot's
reports table, written from the curated report.json), and, when it was published by approval, who
prepared it, who approved it and when — from the provenance sidecar of the earliest snapshot whose
approval carried that very file (lib/offices/drafts.py). Read-only, no Streamlit."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.offices.drafts import PROVENANCE

STAMP = 16  # "20261129T013251Z": the time part of a snapshot id, which sorts as the time does


@dataclass(frozen=True)
class ReportSource:
    report_id: str
    raw_file: str
    prepared_by: str | None = None
    approved_by: str | None = None
    approved_at: str | None = None  # UTC, as the sidecar writes it
    snapshot: str | None = None  # the snapshot the approval published

    @property
    def approved(self) -> bool:
        return self.approved_by is not None


# Sidecars read, per snapshots folder, with the folder's modification time: a publish or a new
# sidecar renames a file into the folder and so changes it; otherwise a page run lists nothing again.
_scans: dict[str, tuple[int, list[dict]]] = {}
# The answer per served snapshot, kept while the folder is unchanged.
_answers: dict[tuple[str, str], tuple[int, dict[str, ReportSource]]] = {}


def _sidecars(folder: Path) -> tuple[int, list[dict]]:
    stamp = folder.stat().st_mtime_ns
    cached = _scans.get(str(folder))
    if cached is None or cached[0] != stamp:
        found = []
        for path in sorted(folder.glob(f"*{PROVENANCE}")):
            try:
                sidecar = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a sidecar being written or damaged names no approval; the figure stays
            if isinstance(sidecar, dict) and isinstance(sidecar.get("snapshot"), str):
                found.append(sidecar)
        cached = _scans[str(folder)] = (stamp, found)
    return cached


def report_sources(snapshot_folder: Path, reports: pd.DataFrame) -> dict[str, ReportSource]:
    """Report id → where it came from, for the reports (lib.data.queries.reports) of the snapshot
    in `snapshot_folder`. An approval counts for a report when its sidecar names the same report and
    the same file content (sha256), and its snapshot is not newer than the one served."""
    folder, served = Path(snapshot_folder).parent, Path(snapshot_folder).name
    stamp, sidecars = _sidecars(folder)
    key = (str(folder), served)
    if key in _answers and _answers[key][0] == stamp:
        return _answers[key][1]
    first: dict[tuple[str, str], dict] = {}
    for sidecar in sorted(sidecars, key=lambda s: s["snapshot"]):
        if sidecar["snapshot"][:STAMP] <= served[:STAMP]:
            first.setdefault((str(sidecar.get("report_id")), str(sidecar.get("sha256"))), sidecar)
    answer = {}
    for report_id, raw_file, sha256 in zip(reports["report_id"], reports["raw_file"], reports["raw_sha256"]):
        approval = first.get((str(report_id), str(sha256)), {})
        answer[str(report_id)] = ReportSource(str(report_id), str(raw_file), approval.get("prepared_by"),
                                              approval.get("approved_by"), approval.get("approved_at"),
                                              approval.get("snapshot"))
    if len(_answers) > 16:
        _answers.clear()
    _answers[key] = (stamp, answer)
    return answer
