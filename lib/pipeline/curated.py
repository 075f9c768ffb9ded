"""Loading the curated source (data/curated/): units of measure, the indicator catalogue, and each report's
metadata, raw text, observations and ignore rules — as written, before any check of meaning."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from lib.data.contract import (
    IGNORE_COLUMNS,
    IGNORED_SENTENCE_COLUMNS,
    INDICATOR_COLUMNS,
    NOTE_COLUMNS,
    OBSERVATION_COLUMNS,
    OLD_UNITS_OF_MEASURE_FILE,
    OPTIONAL_OBSERVATION_COLUMNS,
    REPORT_KEYS,
    REPORTING_UNIT_COLUMNS,
    STATEMENT_COLUMNS,
    UNIT_OF_MEASURE_COLUMNS,
    UNITS_OF_MEASURE_FILE,
    current_names,
)
from lib.pipeline.coverage import IgnoreRule
from lib.pipeline.problems import Problem, relative_name
from lib.pipeline.raw import file_sha256, read_report, recorded_sha256
from lib.words.vntext import nfc


@dataclass
class Report:
    folder: Path
    meta: dict
    text: str  # NFC
    raw_sha256: str
    observations: list[dict]
    ignore_rules: list[IgnoreRule]
    targets_part_start: int = -1
    statements: list[dict] = field(default_factory=list)  # statements.csv, as written
    ignored_sentences: list[dict] = field(default_factory=list)  # ignored_sentences.csv, as written


@dataclass
class Curated:
    root: Path
    units_of_measure: dict[str, dict]
    indicators: dict[str, dict]
    indicator_rows: dict[str, int]
    reports: list[Report] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)  # notes.csv, as written
    reporting_units: dict[str, dict] = field(default_factory=dict)  # reporting_units.csv, by unit


def read_csv(path: Path, columns: list[str], root: Path, problems: list[Problem],
             optional: tuple[str, ...] = ()) -> list[dict]:
    """Rows as dicts of stripped strings, each with its line number in `_row`; `optional` columns
    may be absent from the file and read as empty."""
    name = relative_name(path, root)
    if not path.exists():
        problems.append(Problem(name, None, "không tìm thấy tệp", "tạo tệp hoặc khôi phục từ git"))
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        reader.fieldnames = current_names(reader.fieldnames or [])
        missing = [c for c in columns if c not in (reader.fieldnames or []) and c not in optional]
        if missing:
            problems.append(Problem(name, 1, f"thiếu cột {', '.join(missing)}",
                                    f"dòng tiêu đề phải có: {', '.join(columns)}"))
            return []
        rows = []
        for row in reader:
            if None in row:
                problems.append(Problem(name, reader.line_num, "dòng có nhiều ô hơn tiêu đề",
                                        "đặt trích dẫn có dấu phẩy trong ngoặc kép"))
                continue
            clean = {**dict.fromkeys(optional, ""), **{key: (value or "").strip() for key, value in row.items()}}
            clean["_row"] = reader.line_num
            rows.append(clean)
        return rows


def units_of_measure_file(root: Path) -> Path:
    """data/curated/units_of_measure.csv, or units.csv where a data folder from before the rename has only that."""
    new, old = root / UNITS_OF_MEASURE_FILE, root / OLD_UNITS_OF_MEASURE_FILE
    return old if old.exists() and not new.exists() else new


def load_curated(data_dir: Path, problems: list[Problem]) -> Curated:
    root = data_dir / "curated"
    unit_rows = read_csv(units_of_measure_file(root), UNIT_OF_MEASURE_COLUMNS, root, problems)
    units_of_measure = {row["unit_of_measure"]: row for row in unit_rows}
    indicator_rows = read_csv(root / "indicators.csv", INDICATOR_COLUMNS, root, problems)
    curated = Curated(root, units_of_measure, {}, {})
    if (root / "reporting_units.csv").exists():
        curated.reporting_units = {row["reporting_unit"]: row for row in
                                   read_csv(root / "reporting_units.csv", REPORTING_UNIT_COLUMNS, root, problems)}
    for row in indicator_rows:
        if row["indicator_id"] in curated.indicators:
            problems.append(Problem("curated/indicators.csv", row["_row"],
                                    f"mã chỉ tiêu “{row['indicator_id']}” bị trùng "
                                    f"(đã có ở dòng {curated.indicator_rows[row['indicator_id']]})",
                                    "đổi mã hoặc gộp hai dòng"))
            continue
        curated.indicators[row["indicator_id"]] = row
        curated.indicator_rows[row["indicator_id"]] = row["_row"]
    reports_dir = root / "reports"
    # Hidden folders are reports still being written by a publish (lib/pipeline/journal.py).
    folders = [p for p in reports_dir.iterdir() if p.is_dir() and not p.name.startswith(".")] if reports_dir.exists() else []
    for folder in sorted(folders):
        report = load_report(folder, data_dir, problems)
        if report is not None:
            curated.reports.append(report)
    notes_path = root / "notes.csv"
    curated.notes = read_csv(notes_path, NOTE_COLUMNS, root, problems) if notes_path.exists() else []
    if not curated.reports:
        problems.append(Problem("curated/reports", None, "không có báo cáo nào",
                                "thêm thư mục báo cáo có report.json và observations.csv"))
    return curated


def load_report(folder: Path, data_dir: Path, problems: list[Problem]) -> Report | None:
    """One folder of curated/reports/: report.json, the raw report it names (checked against
    SHA256SUMS), observations.csv and the optional ignored_numbers.csv."""
    root = data_dir / "curated"
    meta_path = folder / "report.json"
    name = relative_name(meta_path, root)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta = dict(zip(current_names(meta), meta.values())) if isinstance(meta, dict) else meta
    except (OSError, json.JSONDecodeError) as error:
        problems.append(Problem(name, None, f"không đọc được: {error}", "sửa report.json cho đúng JSON"))
        return None
    missing = [key for key in REPORT_KEYS if key not in meta]
    if missing:
        problems.append(Problem(name, None, f"thiếu khóa {', '.join(missing)}", "bổ sung vào report.json"))
        return None
    raw_path = data_dir / meta["raw_file"]
    if not raw_path.exists():
        problems.append(Problem(name, None, f"không thấy báo cáo gốc {meta['raw_file']}",
                                "chép báo cáo gốc vào data/raw, không sửa nội dung"))
        return None
    digest = file_sha256(raw_path)
    recorded = recorded_sha256(raw_path)
    if recorded != digest:
        problems.append(Problem(relative_name(raw_path, root), None,
                                f"sha256 của báo cáo gốc ({digest[:12]}…) khác số đã ghi ({(recorded or 'chưa ghi')[:12]}…)",
                                "báo cáo gốc không được sửa; nếu là báo cáo mới, ghi sha256 vào data/raw/SHA256SUMS"))
    text = read_report(raw_path)
    observations = read_csv(folder / "observations.csv", OBSERVATION_COLUMNS, root, problems,
                            optional=OPTIONAL_OBSERVATION_COLUMNS)
    ignore_path = folder / "ignored_numbers.csv"
    ignore_rows = read_csv(ignore_path, IGNORE_COLUMNS, root, problems) if ignore_path.exists() else []
    rules = [IgnoreRule(r["match"], r["number"], r["reason"], r["_row"]) for r in ignore_rows]
    report = Report(folder, meta, text, digest, observations, rules)
    # The report's words are optional: a report may be published with its numbers first.
    for attribute, file, columns in (("statements", "statements.csv", STATEMENT_COLUMNS),
                                     ("ignored_sentences", "ignored_sentences.csv", IGNORED_SENTENCE_COLUMNS)):
        if (folder / file).exists():
            setattr(report, attribute, read_csv(folder / file, columns, root, problems))
    marker = meta.get("targets_part_starts_with")
    report.targets_part_start = text.find(nfc(marker)) if marker else -1
    if marker and report.targets_part_start < 0:
        problems.append(Problem(name, None, "không thấy tiêu đề phần chỉ tiêu năm sau trong báo cáo",
                                "chép đúng dòng tiêu đề phần B vào targets_part_starts_with"))
    return report
