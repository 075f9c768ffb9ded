"""Publishing a reviewed report without touching code: stage it in a scratch copy of the data
folder, build there with the same validation as `make data`, and only then write it into data/
and build the new snapshot. A failed publish leaves data/ exactly as it was."""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from lib.data.contract import IGNORE_COLUMNS, INDICATOR_COLUMNS, OBSERVATION_COLUMNS, SNAPSHOT_FILES, current_names
from lib.data.snapshot import latest_snapshot
from lib.pipeline import journal
from lib.pipeline.build import build
from lib.pipeline.ingest.catalogue import load_catalogue, makeable_indicators
from lib.pipeline.ingest.extractor import review_order, with_periods
from lib.pipeline.ingest.periods import TARGETS, find_periods, report_level, report_period
from lib.pipeline.journal import SCRATCH, atomic_write, publishing_lock, recover, recover_if_idle, roll_back
from lib.pipeline.notes import NOTES_FILE, append_note
from lib.pipeline.problems import BuildError, Problem, in_review_words
from lib.words.vntext import nfc, numeric_tokens

REPORT_ID = re.compile(r"[a-z][a-z0-9-]{1,60}")
NOT_CHOSEN = "Không chọn khi duyệt: cán bộ xác định đây không phải số liệu cần công bố."
NOT_INDICATOR = "Không phải chỉ tiêu: cán bộ xác định khi duyệt."
REVIEW_TABLE = "bảng duyệt"  # a Problem's file when it is about a row of the staff page's review itself
NOT_AN_INDICATOR = "not_indicator"  # the review's `decision` for a row staff said is no indicator


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
    unassigned: list[int] = field(default_factory=list)  # review rows ticked without an indicator: never dropped
    statements: pd.DataFrame | None = None  # the report's judgements, shortcomings and tasks staff accepted

    @property
    def report_id(self) -> str:
        return self.meta["report_id"]


def draft_from_review(text: str, raw_name: str, raw_bytes: bytes, meta: dict, reviewed: pd.DataFrame,
                      skipped: pd.DataFrame, new_indicators: list[dict] | None = None,
                      statements: pd.DataFrame | None = None) -> ReportDraft:
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
    accepted = reviewed[reviewed["accept"].fillna(False).astype(bool)]
    has_indicator = accepted["indicator_id"].fillna("").astype(str) != ""
    chosen, unassigned = accepted[has_indicator], accepted[~has_indicator]
    observations = chosen[OBSERVATION_COLUMNS].copy()
    observations["year"] = observations["year"].astype("Int64")
    observations["occurrence"] = observations["occurrence"].fillna(1).astype(int)
    covered = [(int(s), int(e)) for s, e in zip(chosen["start"], chosen["end"])]
    reasons = {(int(s), int(e)): r for s, e, r in zip(skipped["start"], skipped["end"], skipped["reason"])}
    decisions = reviewed["decision"].fillna("") if "decision" in reviewed.columns else pd.Series("", reviewed.index)
    refused = [(int(s), int(e)) for s, e in zip(reviewed.loc[decisions == NOT_AN_INDICATOR, "start"],
                                                 reviewed.loc[decisions == NOT_AN_INDICATOR, "end"])]
    ignored = []
    for token in numeric_tokens(text):
        if any(start <= token.start and token.end <= end for start, end in covered):
            continue
        said_not = any(start <= token.start and token.end <= end for start, end in refused)
        ignored.append({"match": f"at:{token.start}", "number": token.text,
                        "reason": NOT_INDICATOR if said_not else reasons.get((token.start, token.end), NOT_CHOSEN)})
    return ReportDraft(meta=meta, raw_name=raw_name, raw_bytes=raw_bytes, text=text,
                       observations=observations.reset_index(drop=True),
                       ignored=pd.DataFrame(ignored, columns=IGNORE_COLUMNS),
                       new_indicators=list(new_indicators or []), review_rows=list(chosen.index),
                       unassigned=[int(i) for i in unassigned.index], statements=statements)


def with_current_names(draft: ReportDraft) -> ReportDraft:
    """A draft saved before the unit of measure and the reporting unit had a name each, with the names now."""
    def renamed(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        return None if frame is None else frame.set_axis(current_names(frame.columns), axis="columns")
    return replace(draft, meta=dict(zip(current_names(draft.meta), draft.meta.values())),
                   observations=renamed(draft.observations), ignored=renamed(draft.ignored),
                   new_indicators=[dict(zip(current_names(i), i.values())) for i in draft.new_indicators],
                   statements=renamed(draft.statements))


def with_catalogue_indicators(data_dir: Path, draft: ReportDraft) -> ReportDraft:
    """The draft with every indicator its figures need: one of the reference or the common catalogue (not yet
    curated) is made from that catalogue row (name, unit, domain, group, direction, measure)."""
    have = set(load_catalogue(data_dir).indicators["indicator_id"]) | {i["indicator_id"] for i in draft.new_indicators}
    common = makeable_indicators()
    needed = [common[i] for i in dict.fromkeys(draft.observations["indicator_id"]) if i not in have and i in common]
    if not needed:
        return draft
    return replace(draft, new_indicators=[*draft.new_indicators, *needed])


def _problems_in_review(draft: ReportDraft) -> list[Problem]:
    """A ticked row that cannot be published as it stands stops the check, by its own review row."""
    return [Problem(REVIEW_TABLE, row, "đã đánh dấu “Nhận” nhưng chưa có chỉ tiêu, nên số này chưa thể công bố",
                    "chọn một chỉ tiêu gợi ý (phím 1, 2, 3), tạo chỉ tiêu mới theo tên đề xuất, "
                    "hoặc bấm “Không phải chỉ tiêu”") for row in draft.unassigned]


def write_problem(data_dir: Path) -> Problem | None:
    """Why data/ cannot take a publish (read-only, full, no permission), in words; None when a scratch
    file can be written and removed in every folder a publish writes to."""
    for folder in (data_dir, data_dir / "raw", data_dir / "curated" / "reports", data_dir / "snapshots"):
        try:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=SCRATCH) as probe:
                probe.write(b"0" * 4096)
                probe.flush()
                os.fsync(probe.fileno())
        except OSError as error:
            return _cannot_write(error)
    return None


def _cannot_write(error: OSError) -> Problem:
    """A failed write to data/ in words."""
    reasons: dict[int | None, str] = {errno.EROFS: "thư mục chỉ đọc", errno.ENOSPC: "ổ đĩa đã đầy",
                                      errno.EACCES: "máy chủ không có quyền ghi"}
    reason = reasons.get(error.errno, error.strerror or str(error))
    where = Path(error.filename).name if error.filename else "data/"
    return Problem("data/", None, f"không ghi được vào thư mục dữ liệu ({reason}: {where}); chưa ghi gì",
                   "người quản trị máy chủ cho phép ghi vào thư mục data/ hoặc giải phóng dung lượng, rồi bấm lại")


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
    if draft.observations.empty and not draft.unassigned:
        problems.append(Problem("observations.csv", None, "chưa chọn số liệu nào", "đánh dấu các số cần công bố"))
    return problems


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def _write_draft(data_dir: Path, draft: ReportDraft) -> list[Path]:
    """Write the draft's files into `data_dir`, each whole or not at all (scratch then rename);
    returns what was created."""
    raw_path = data_dir / "raw" / draft.raw_name
    atomic_write(raw_path, draft.raw_bytes)
    digest = hashlib.sha256(draft.raw_bytes).hexdigest()
    sums = data_dir / "raw" / "SHA256SUMS"
    before = sums.read_bytes() if sums.exists() else b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    atomic_write(sums, before + f"{digest}  {draft.raw_name}\n".encode())
    folder = data_dir / "curated" / "reports" / draft.report_id
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH, dir=folder.parent))
    meta = {**draft.meta, "raw_file": f"raw/{draft.raw_name}"}
    files = {"report.json": (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
             "observations.csv": _csv_bytes(draft.observations),
             "ignored_numbers.csv": _csv_bytes(draft.ignored)}
    if draft.statements is not None and not draft.statements.empty:
        files["statements.csv"] = _csv_bytes(draft.statements)
    for name, payload in files.items():
        atomic_write(scratch / name, payload)
    os.chmod(scratch, 0o755)
    os.rename(scratch, folder)
    if draft.new_indicators:
        indicators = data_dir / "curated" / "indicators.csv"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=INDICATOR_COLUMNS, extrasaction="ignore")
        for indicator in draft.new_indicators:
            writer.writerow({column: indicator.get(column, "") for column in INDICATOR_COLUMNS})
        atomic_write(indicators, indicators.read_bytes() + buffer.getvalue().encode("utf-8"))
    return [raw_path, folder]


def _paths_of(draft: ReportDraft) -> tuple[list[str], list[str]]:
    """(files a publish replaces, paths it creates), relative to data/."""
    return (["raw/SHA256SUMS", "curated/indicators.csv"],
            [f"raw/{draft.raw_name}", f"curated/reports/{draft.report_id}"])


@dataclass
class Changes:
    """What leaders will see change: values (unit, indicator, year, kind) added, changed or removed
    against the current snapshot, and reporting units and results years that are new."""

    added: pd.DataFrame
    changed: pd.DataFrame
    removed: pd.DataFrame
    new_reporting_units: list[str]
    new_years: list[tuple[str, int]]

    @property
    def empty(self) -> bool:
        return self.added.empty and self.changed.empty and self.removed.empty


_KEY = ["reporting_unit", "indicator_id", "year", "kind"]


def _values(snapshot_folder: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values by key, reports) of a snapshot; empty frames when there is none yet."""
    if snapshot_folder is None:
        return (pd.DataFrame(columns=[*_KEY, "value", "origin"]),
                pd.DataFrame(columns=["reporting_unit", "results_year"]))
    observations = pd.read_parquet(snapshot_folder / SNAPSHOT_FILES["observations"],
                                   columns=[*_KEY, "value", "origin", "report_id"])
    # A later report of the same unit and year supersedes an earlier one, as on the pages.
    observations = observations.sort_values("report_id").drop_duplicates(_KEY, keep="last")
    reports = pd.read_parquet(snapshot_folder / SNAPSHOT_FILES["reports"], columns=["reporting_unit", "results_year"])
    return observations.drop(columns="report_id"), reports


def changes_between(old_folder: Path | None, new_folder: Path) -> Changes:
    old, old_reports = _values(old_folder)
    new, new_reports = _values(new_folder)
    both = new.merge(old, on=_KEY, how="outer", suffixes=("", "_before"), indicator=True)
    added = both[both["_merge"] == "left_only"]
    removed = both[both["_merge"] == "right_only"]
    kept = both[both["_merge"] == "both"]
    changed = kept[~((kept["value"] == kept["value_before"]) | (kept["value"].isna() & kept["value_before"].isna()))]
    columns = [*_KEY, "value", "value_before", "origin"]
    old_units = set(old_reports["reporting_unit"])
    old_years = set(zip(old_reports["reporting_unit"], old_reports["results_year"]))
    return Changes(added=added[columns].reset_index(drop=True), changed=changed[columns].reset_index(drop=True),
                   removed=removed[[*_KEY, "value_before"]].reset_index(drop=True),
                   new_reporting_units=sorted(set(new_reports["reporting_unit"]) - old_units),
                   new_years=sorted({(str(u), int(y)) for u, y in zip(new_reports["reporting_unit"],
                                                                      new_reports["results_year"])} - old_years))


def check_and_preview(data_dir: Path, draft: ReportDraft) -> tuple[list[Problem], Changes | None]:
    """Every problem the draft would cause, found by building it in a scratch copy of data/; when
    there is none, what the new snapshot changes against the current one."""
    cannot_write = write_problem(data_dir)
    if cannot_write:
        return [cannot_write], None
    recover_if_idle(data_dir)  # a publish killed earlier would otherwise say the report is "đã có"
    in_review = _problems_in_review(draft)
    problems = _problems_in_metadata(data_dir, draft)
    if problems:
        return in_review + problems, None
    draft = with_catalogue_indicators(data_dir, draft)
    with tempfile.TemporaryDirectory(prefix="chitieu-check-") as scratch:
        copy = Path(scratch)
        shutil.copytree(data_dir / "curated", copy / "curated")
        shutil.copytree(data_dir / "raw", copy / "raw")
        _write_draft(copy, draft)
        try:
            built, _ = build(copy)
        except BuildError as error:
            return in_review + error.problems, None
        if in_review:
            return in_review, None
        current = latest_snapshot(data_dir / "snapshots")
        return [], changes_between(current.path if current else None, built)


def check(data_dir: Path, draft: ReportDraft) -> list[Problem]:
    """Every problem the draft would cause, found by building it in a scratch copy of data/."""
    return check_and_preview(data_dir, draft)[0]


def publish(data_dir: Path, draft: ReportDraft) -> Path:
    """Check the draft, write it into data/ and build the new snapshot, as one transaction
    (lib/pipeline/journal.py): on any failure, or after a kill at the next start, data/ is as it was.
    Earlier snapshots are never touched. Returns the new snapshot's folder. A data folder that cannot
    be written raises BuildError with the reason in words."""
    try:
        return _publish(data_dir, draft)
    except OSError as error:
        raise BuildError([_cannot_write(error)]) from error


def _publish(data_dir: Path, draft: ReportDraft) -> Path:
    with publishing_lock(data_dir):
        recover(data_dir)
        problems = check(data_dir, draft)
        if problems:
            raise BuildError(problems)
        draft = with_catalogue_indicators(data_dir, draft)
        replaces, creates = _paths_of(draft)
        journal.begin(data_dir, f"báo cáo {draft.report_id}", replaces, creates)
        try:
            _write_draft(data_dir, draft)
            snapshot, _ = build(data_dir)
        except BaseException:
            roll_back(data_dir)
            raise
        journal.end(data_dir)
        return snapshot


def publish_note(data_dir: Path, indicator_id: str, author: str, text: str) -> Path:
    """Add a staff note and build the snapshot that carries it, one publish at a time and as one
    transaction: the notes file is put back as it was if the build fails. Returns the new
    snapshot's folder; raises NoteError, or BuildError when data/ cannot be written."""
    try:
        return _publish_note(data_dir, indicator_id, author, text)
    except OSError as error:
        raise BuildError([_cannot_write(error)]) from error


def _publish_note(data_dir: Path, indicator_id: str, author: str, text: str) -> Path:
    with publishing_lock(data_dir):
        recover(data_dir)
        journal.begin(data_dir, f"ghi chú {indicator_id}", [f"curated/{NOTES_FILE}"], [])
        try:
            append_note(data_dir, indicator_id, author, text)
            snapshot, _ = build(data_dir)
        except BaseException:
            roll_back(data_dir)
            raise
        journal.end(data_dir)
    return snapshot


def review_row(problem: Problem, draft: ReportDraft) -> int | None:
    """The review table row a problem is about, when it is about one accepted figure."""
    if problem.file == REVIEW_TABLE:
        return problem.row
    if problem.row and problem.file.endswith("observations.csv") and 2 <= problem.row < 2 + len(draft.review_rows):
        return int(draft.review_rows[problem.row - 2])
    return None


_OTHER_LINE = re.compile(r"\b(với|được) dòng (\d+)\b")


def in_review_rows(text: str, draft: ReportDraft, rows_from: int = 0) -> str:
    """A problem's words with each other observation it names ("trùng … với dòng 7", "đã được dòng 7
    đọc": a line of observations.csv) said as that figure's review row, as staff count them."""
    def row(match: re.Match) -> str:
        line = int(match[2])
        if 2 <= line < 2 + len(draft.review_rows):
            return f"{match[1]} dòng {int(draft.review_rows[line - 2]) + rows_from} của bảng duyệt"
        return match[0]

    return _OTHER_LINE.sub(row, text)


def _first_look(row) -> str:
    """Why a proposal needs a look before anyone ticks it, from the extractor alone."""
    if not row.indicator_id:
        return "chưa biết số này thuộc chỉ tiêu nào" + (f" ({row.note})" if row.note else "")
    if row.confidence < 0.7:
        return str(row.note or f"chưa chắc chỉ tiêu (độ tin cậy {round(row.confidence * 100)}%)")
    return str(row.note or "")


def proposals_for_review(data_dir: Path, text: str, candidates: pd.DataFrame, skipped: pd.DataFrame,
                         raw_name: str, raw_bytes: bytes, meta: dict) -> pd.DataFrame:
    """The extractor's proposals with `accept` and `attention`: a proposal is ticked only when, ticked
    as proposed, it passes the same check as publishing; every other one says why it needs a look."""
    rows = review_order(candidates).reset_index(drop=True)  # the unsure ones first
    rows["attention"] = [_first_look(row) for row in rows.itertuples()]
    rows.insert(0, "accept", (rows["indicator_id"] != "") & (rows["confidence"] >= 0.7))
    preview = {**meta, "report_id": "xem-truoc", "reporting_unit": "xem-truoc"}
    for _ in range(4):  # unticking a row can only remove problems; a few rounds settle it
        draft = draft_from_review(text, f"xem-truoc-{raw_name}", raw_bytes, preview, rows, skipped)
        if draft.observations.empty:
            break
        flagged: dict[int, str] = {}
        for problem in check(data_dir, draft):
            row = review_row(problem, draft)
            if row is not None:
                words = in_review_rows(f"{problem.message} → {problem.fix}", draft, rows_from=1)
                flagged.setdefault(row, in_review_words(words))
        if not flagged:
            break
        for row, why in flagged.items():
            rows.at[row, "accept"] = False
            rows.at[row, "attention"] = why
    return rows
