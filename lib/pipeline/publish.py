"""Publishing a reviewed report without touching code: stage it in a scratch copy of the data
folder, build there with the same validation as `make data`, and only then write it into data/
and build the new snapshot. A failed publish leaves data/ exactly as it was."""
from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.data.contract import IGNORE_COLUMNS, INDICATOR_COLUMNS, OBSERVATION_COLUMNS
from lib.pipeline.build import build
from lib.pipeline.ingest.extractor import with_periods
from lib.pipeline.ingest.periods import TARGETS, find_periods, report_level, report_period
from lib.pipeline.problems import BuildError, Problem
from lib.vntext import nfc, numeric_tokens

REPORT_ID = re.compile(r"[a-z][a-z0-9-]{1,60}")
NOT_CHOSEN = "Không chọn khi duyệt: cán bộ xác định đây không phải số liệu cần công bố."


@dataclass
class ReportDraft:
    """A new report as staff reviewed it: its metadata, the untouched file, the accepted figures,
    every other number with the reason it is left out, and any indicators it adds."""

    meta: dict
    raw_name: str
    raw_bytes: bytes
    text: str
    observations: pd.DataFrame
    ignored: pd.DataFrame
    new_indicators: list[dict] = field(default_factory=list)
    review_rows: list[int] = field(default_factory=list)  # observations.csv line → review table row

    @property
    def report_id(self) -> str:
        return self.meta["report_id"]


def draft_from_review(text: str, raw_name: str, raw_bytes: bytes, meta: dict, reviewed: pd.DataFrame,
                      skipped: pd.DataFrame, new_indicators: list[dict] | None = None) -> ReportDraft:
    """Accepted review rows become observations; every other number of the report is listed as
    ignored — with the extractor's reason (a year, a date…) or as not chosen by staff."""
    text = nfc(text)
    meta = dict(meta)
    if "targets_part_starts_with" not in meta:
        # The build dates each figure by the part of the report it stands in.
        heading = next((p.heading for p in find_periods(text, meta.get("results_year"), meta.get("targets_year"))
                        if p.mode == TARGETS and p.heading), None)
        if heading:
            meta["targets_part_starts_with"] = heading.strip()
    # A six-month report is published as one (its figures' periods are the review's, row by row).
    meta.setdefault("period", report_period(text))
    level = report_level(text)
    if level and "level" not in meta:
        meta["level"] = level
    reviewed = with_periods(text, reviewed)  # a review table without the period columns: read them again
    chosen = reviewed[reviewed["accept"].fillna(False).astype(bool)
                      & (reviewed["indicator_id"].fillna("").astype(str) != "")]
    observations = chosen[OBSERVATION_COLUMNS].copy()
    observations["year"] = observations["year"].astype("Int64")
    observations["occurrence"] = observations["occurrence"].fillna(1).astype(int)
    covered = [(int(s), int(e)) for s, e in zip(chosen["start"], chosen["end"])]
    reasons = {(int(s), int(e)): r for s, e, r in zip(skipped["start"], skipped["end"], skipped["reason"])}
    ignored = []
    for token in numeric_tokens(text):
        if any(start <= token.start and token.end <= end for start, end in covered):
            continue
        ignored.append({"match": f"at:{token.start}", "number": token.text,
                        "reason": reasons.get((token.start, token.end), NOT_CHOSEN)})
    return ReportDraft(meta=meta, raw_name=raw_name, raw_bytes=raw_bytes, text=text,
                       observations=observations.reset_index(drop=True),
                       ignored=pd.DataFrame(ignored, columns=IGNORE_COLUMNS),
                       new_indicators=list(new_indicators or []), review_rows=list(chosen.index))


def _problems_in_metadata(data_dir: Path, draft: ReportDraft) -> list[Problem]:
    problems = []
    meta = draft.meta
    if not REPORT_ID.fullmatch(str(meta.get("report_id", ""))):
        problems.append(Problem("report.json", None, f"mã báo cáo “{meta.get('report_id')}” không hợp lệ",
                                "dùng chữ thường không dấu, số và gạch nối, ví dụ cau-ke-2023"))
    elif (data_dir / "curated" / "reports" / meta["report_id"]).exists():
        problems.append(Problem("report.json", None, f"báo cáo “{meta['report_id']}” đã có",
                                "đổi mã báo cáo; một bản sửa của báo cáo cũ là một mã mới"))
    if not REPORT_ID.fullmatch(str(meta.get("reporting_unit", ""))):
        problems.append(Problem("report.json", None, "mã đơn vị báo cáo không hợp lệ",
                                "dùng chữ thường không dấu và gạch nối, ví dụ cau-ke"))
    if (data_dir / "raw" / draft.raw_name).exists():
        problems.append(Problem(f"raw/{draft.raw_name}", None, "đã có tệp báo cáo gốc cùng tên",
                                "đổi tên tệp trước khi tải lên"))
    if draft.observations.empty:
        problems.append(Problem("observations.csv", None, "chưa chọn số liệu nào", "đánh dấu các số cần công bố"))
    return problems


def _write_draft(data_dir: Path, draft: ReportDraft) -> list[Path]:
    """Write the draft's files into `data_dir`; returns what was created (for a rollback)."""
    created = []
    raw_path = data_dir / "raw" / draft.raw_name
    raw_path.write_bytes(draft.raw_bytes)
    created.append(raw_path)
    digest = hashlib.sha256(draft.raw_bytes).hexdigest()
    with (data_dir / "raw" / "SHA256SUMS").open("a", encoding="utf-8") as sums:
        sums.write(f"{digest}  {draft.raw_name}\n")
    folder = data_dir / "curated" / "reports" / draft.report_id
    folder.mkdir(parents=True)
    created.append(folder)
    meta = {**draft.meta, "raw_file": f"raw/{draft.raw_name}"}
    (folder / "report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    draft.observations.to_csv(folder / "observations.csv", index=False, encoding="utf-8")
    draft.ignored.to_csv(folder / "ignored_numbers.csv", index=False, encoding="utf-8")
    if draft.new_indicators:
        with (data_dir / "curated" / "indicators.csv").open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=INDICATOR_COLUMNS, extrasaction="ignore")
            for indicator in draft.new_indicators:
                writer.writerow({column: indicator.get(column, "") for column in INDICATOR_COLUMNS})
    return created


def check(data_dir: Path, draft: ReportDraft) -> list[Problem]:
    """Every problem the draft would cause, found by building it in a scratch copy of data/."""
    problems = _problems_in_metadata(data_dir, draft)
    if problems:
        return problems
    with tempfile.TemporaryDirectory(prefix="chitieu-check-") as scratch:
        copy = Path(scratch)
        shutil.copytree(data_dir / "curated", copy / "curated")
        shutil.copytree(data_dir / "raw", copy / "raw")
        _write_draft(copy, draft)
        try:
            build(copy)
        except BuildError as error:
            return error.problems
    return []


@contextmanager
def _publishing_lock(data_dir: Path):
    """One publish at a time, across sessions and processes."""
    with open(data_dir / ".publish.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(data_dir: Path, draft: ReportDraft) -> Path:
    """Check the draft, write it into data/ and build the new snapshot; roll back on any failure.
    Earlier snapshots are never touched. Returns the new snapshot's folder."""
    with _publishing_lock(data_dir):
        problems = check(data_dir, draft)
        if problems:
            raise BuildError(problems)
        saved = {path: path.read_bytes() for path in (data_dir / "raw" / "SHA256SUMS",
                                                      data_dir / "curated" / "indicators.csv")}
        created: list[Path] = []
        try:
            created = _write_draft(data_dir, draft)
            snapshot, _ = build(data_dir)
        except BaseException:
            for path in reversed(created):
                shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
            for path, content in saved.items():
                path.write_bytes(content)
            raise
        return snapshot


def observations_csv(draft: ReportDraft) -> bytes:
    """The draft's observations as staff can keep or edit them in Excel."""
    buffer = io.StringIO()
    draft.observations.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")
