"""Build an immutable snapshot from the curated source: validate, read every value from its quote,
derive implied targets, write Parquet atomically.

    python -m lib.build [--data DIR] [--force]

Exit status 0: a snapshot was written, or the newest one already holds the same data.
Exit status 1: the curated source has problems; each names its file, row and the fix. Nothing is written.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib import labels
from lib.coverage import Coverage, IgnoreRule, measure_coverage
from lib.numbers import KINDS, NumberFormatError, read_value
from lib.snapshot import MANIFEST, SCHEMA_VERSION, SNAPSHOT_FILES, latest_snapshot
from lib.vntext import fold, nfc

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

INDICATOR_COLUMNS = [
    "indicator_id", "domain", "group", "name_vi", "name_en", "unit", "direction", "measure",
    "paired_with", "baseline_id", "baseline_relation", "baseline_note_vi", "baseline_note_en",
    "headline", "definition_vi", "definition_en",
]
OBSERVATION_COLUMNS = ["indicator_id", "year", "kind", "number", "occurrence", "unit", "qualifier", "quote"]
UNIT_COLUMNS = ["unit", "name_en", "family", "scale"]
IGNORE_COLUMNS = ["match", "number", "reason"]
RELATIONS = ("adds_to", "not_comparable")
PERCENT_KINDS = ("pct_of_target", "yoy_change_pct")
_SLUG = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Problem:
    """One thing a staff member must fix before a snapshot can be built."""

    file: str
    row: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}, dòng {self.row}" if self.row else self.file
        return f"{where}: {self.message} → {self.fix}"


class BuildError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Report:
    folder: Path
    meta: dict
    text: str  # NFC
    raw_sha256: str
    observations: list[dict]
    ignore_rules: list[IgnoreRule]
    targets_part_start: int = -1


@dataclass
class Curated:
    root: Path
    units: dict[str, dict]
    indicators: dict[str, dict]
    indicator_rows: dict[str, int]
    reports: list[Report] = field(default_factory=list)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _read_csv(path: Path, columns: list[str], root: Path, problems: list[Problem]) -> list[dict]:
    """Rows as dicts of stripped strings, each with its line number in `_row`."""
    name = _relative(path, root)
    if not path.exists():
        problems.append(Problem(name, None, "không tìm thấy tệp", "tạo tệp hoặc khôi phục từ git"))
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
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
            clean = {key: (value or "").strip() for key, value in row.items()}
            clean["_row"] = reader.line_num
            rows.append(clean)
        return rows


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded_sha256(raw_path: Path) -> str | None:
    sums = raw_path.parent / "SHA256SUMS"
    if not sums.exists():
        return None
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition(" ")
        if name.strip().lstrip("*") == raw_path.name:
            return digest.strip()
    return None


def load_curated(data_dir: Path, problems: list[Problem]) -> Curated:
    root = data_dir / "curated"
    unit_rows = _read_csv(root / "units.csv", UNIT_COLUMNS, root, problems)
    units = {row["unit"]: row for row in unit_rows}
    indicator_rows = _read_csv(root / "indicators.csv", INDICATOR_COLUMNS, root, problems)
    curated = Curated(root, units, {}, {})
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
    for folder in sorted(p for p in reports_dir.iterdir() if p.is_dir()) if reports_dir.exists() else []:
        report = _load_report(folder, data_dir, problems)
        if report is not None:
            curated.reports.append(report)
    if not curated.reports:
        problems.append(Problem("curated/reports", None, "không có báo cáo nào",
                                "thêm thư mục báo cáo có report.json và observations.csv"))
    return curated


def _load_report(folder: Path, data_dir: Path, problems: list[Problem]) -> Report | None:
    root = data_dir / "curated"
    meta_path = folder / "report.json"
    name = _relative(meta_path, root)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        problems.append(Problem(name, None, f"không đọc được: {error}", "sửa report.json cho đúng JSON"))
        return None
    required = ["report_id", "reporting_unit", "unit_name_vi", "unit_name_en", "raw_file",
                "results_year", "targets_year"]
    missing = [key for key in required if key not in meta]
    if missing:
        problems.append(Problem(name, None, f"thiếu khóa {', '.join(missing)}", "bổ sung vào report.json"))
        return None
    raw_path = data_dir / meta["raw_file"]
    if not raw_path.exists():
        problems.append(Problem(name, None, f"không thấy báo cáo gốc {meta['raw_file']}",
                                "chép báo cáo gốc vào data/raw, không sửa nội dung"))
        return None
    digest = _sha256(raw_path)
    recorded = _recorded_sha256(raw_path)
    if recorded != digest:
        problems.append(Problem(_relative(raw_path, root), None,
                                f"sha256 của báo cáo gốc ({digest[:12]}…) khác số đã ghi ({(recorded or 'chưa ghi')[:12]}…)",
                                "báo cáo gốc không được sửa; nếu là báo cáo mới, ghi sha256 vào data/raw/SHA256SUMS"))
    if raw_path.suffix.lower() == ".docx":
        from lib.ingest import read_report  # python-docx is only needed for reports delivered as .docx
        text = nfc(read_report(raw_path))
    else:
        text = nfc(raw_path.read_text(encoding="utf-8-sig"))
    observations = _read_csv(folder / "observations.csv", OBSERVATION_COLUMNS, root, problems)
    ignore_path = folder / "ignored_numbers.csv"
    ignore_rows = _read_csv(ignore_path, IGNORE_COLUMNS, root, problems) if ignore_path.exists() else []
    rules = [IgnoreRule(r["match"], r["number"], r["reason"], r["_row"]) for r in ignore_rows]
    report = Report(folder, meta, text, digest, observations, rules)
    marker = meta.get("targets_part_starts_with")
    report.targets_part_start = text.find(nfc(marker)) if marker else -1
    if marker and report.targets_part_start < 0:
        problems.append(Problem(name, None, "không thấy tiêu đề phần chỉ tiêu năm sau trong báo cáo",
                                "chép đúng dòng tiêu đề phần B vào targets_part_starts_with"))
    return report


def validate_catalogue(curated: Curated, problems: list[Problem]) -> None:
    file = "curated/indicators.csv"
    headlines: dict[str, str] = {}
    for indicator_id, row in curated.indicators.items():
        line = row["_row"]
        if not _SLUG.fullmatch(indicator_id):
            problems.append(Problem(file, line, f"mã “{indicator_id}” không hợp lệ",
                                    "dùng chữ thường không dấu, số và dấu gạch dưới"))
        for column, vocabulary in (("domain", labels.DOMAINS), ("group", labels.GROUPS),
                                   ("direction", labels.DIRECTIONS), ("measure", labels.MEASURES)):
            if row[column] not in vocabulary:
                problems.append(Problem(file, line, f"{column} “{row[column]}” không có trong danh mục",
                                        f"chọn một trong: {', '.join(vocabulary)}"))
        if row["unit"] not in curated.units:
            problems.append(Problem(file, line, f"đơn vị “{row['unit']}” chưa có",
                                    "thêm đơn vị vào curated/units.csv hoặc sửa cho đúng"))
        for column in ("name_vi", "name_en"):
            if not row[column]:
                problems.append(Problem(file, line, f"thiếu {column}", "ghi tên chỉ tiêu"))
        for column in ("paired_with", "baseline_id"):
            if row[column] and row[column] not in curated.indicators:
                problems.append(Problem(file, line, f"{column} “{row[column]}” không phải mã chỉ tiêu nào",
                                        "sửa mã cho đúng hoặc để trống"))
        if row["headline"]:
            if not row["headline"].isdigit():
                problems.append(Problem(file, line, f"headline “{row['headline']}” không phải số thứ tự",
                                        "ghi số 1, 2, 3… hoặc để trống"))
            elif row["headline"] in headlines:
                problems.append(Problem(file, line, f"headline {row['headline']} trùng với {headlines[row['headline']]}",
                                        "mỗi thẻ nổi bật một số thứ tự riêng"))
            headlines[row["headline"]] = indicator_id
        _validate_baseline(curated, indicator_id, row, problems)


def _validate_baseline(curated: Curated, indicator_id: str, row: dict, problems: list[Problem]) -> None:
    file, line = "curated/indicators.csv", row["_row"]
    relation, baseline_id = row["baseline_relation"], row["baseline_id"]
    if relation and relation not in RELATIONS:
        problems.append(Problem(file, line, f"baseline_relation “{relation}” không hợp lệ",
                                f"chọn một trong: {', '.join(RELATIONS)}"))
        return
    if bool(relation) != bool(baseline_id):
        problems.append(Problem(file, line, "baseline_id và baseline_relation phải đi cùng nhau",
                                "ghi cả hai hoặc để trống cả hai"))
        return
    if not relation:
        return
    if not (row["baseline_note_vi"] and row["baseline_note_en"]):
        problems.append(Problem(file, line, "thiếu lý do so sánh (baseline_note_vi / baseline_note_en)",
                                "ghi vì sao hai số đo khác nhau, bằng tiếng Việt và tiếng Anh"))
    baseline = curated.indicators.get(baseline_id)
    if baseline is None or baseline_id == indicator_id:
        return
    if relation == "adds_to":
        same_unit = row["unit"] == baseline["unit"]
        if row["measure"] != "flow" or baseline["measure"] != "level" or not same_unit:
            problems.append(Problem(
                file, line,
                f"chỉ tiêu 2023 “{indicator_id}” ({row['measure']}, {row['unit']}) được cộng vào "
                f"“{baseline_id}” ({baseline['measure']}, {baseline['unit']}), khác loại số đo",
                "chỉ cộng một lượng trong năm (flow) vào một mức (level) cùng đơn vị; "
                "nếu không, ghi not_comparable kèm lý do"))


def _unit_scale(curated: Curated, unit: str) -> float:
    return float(curated.units[unit]["scale"])


def read_observations(curated: Curated, report: Report, problems: list[Problem]) -> list[dict]:
    """Validate each curated row and read its value from the quote."""
    file = _relative(report.folder / "observations.csv", curated.root)
    meta = report.meta
    seen: dict[tuple, int] = {}
    read_spans: dict[tuple[int, int], int] = {}
    rows = []
    for row in report.observations:
        line = row["_row"]
        indicator = curated.indicators.get(row["indicator_id"])
        if indicator is None:
            problems.append(Problem(file, line, f"mã chỉ tiêu “{row['indicator_id']}” chưa có trong danh mục",
                                    "thêm chỉ tiêu vào curated/indicators.csv hoặc sửa mã"))
            continue
        if indicator["unit"] not in curated.units:
            continue  # the catalogue check has already named this indicator's unknown unit
        if row["kind"] not in KINDS:
            problems.append(Problem(file, line, f"loại “{row['kind']}” không hợp lệ",
                                    f"chọn một trong: {', '.join(KINDS)}"))
            continue
        if row["unit"] not in curated.units:
            problems.append(Problem(file, line, f"đơn vị “{row['unit']}” chưa có",
                                    "thêm đơn vị vào curated/units.csv hoặc sửa cho đúng"))
            continue
        if row["qualifier"] and row["qualifier"] not in labels.QUALIFIERS:
            problems.append(Problem(file, line, f"từ chỉ mức độ “{row['qualifier']}” không hợp lệ",
                                    f"chọn một trong: {', '.join(labels.QUALIFIERS)} hoặc để trống"))
            continue
        if not row["year"].isdigit():
            problems.append(Problem(file, line, f"năm “{row['year']}” không hợp lệ", "ghi năm bằng 4 chữ số"))
            continue
        year = int(row["year"])
        if row["occurrence"] and not row["occurrence"].isdigit():
            problems.append(Problem(file, line, f"lần xuất hiện “{row['occurrence']}” không phải số",
                                    "ghi 1 cho lần đầu số đó xuất hiện trong trích dẫn, 2 cho lần thứ hai…"))
            continue
        occurrence = int(row["occurrence"] or 1)
        quote = nfc(row["quote"])
        position = report.text.find(quote)
        if not quote or position < 0:
            problems.append(Problem(file, line, "trích dẫn không có trong báo cáo gốc",
                                    "chép nguyên văn một đoạn của báo cáo, không sửa chữ"))
            continue
        if report.text.count(quote) > 1:
            problems.append(Problem(file, line, "trích dẫn xuất hiện nhiều lần trong báo cáo",
                                    "chép dài hơn để đoạn trích chỉ có một chỗ"))
            continue
        in_targets_part = position >= report.targets_part_start >= 0
        expected_year = meta["targets_year"] if in_targets_part else meta["results_year"]
        if year != expected_year:
            part = "phần chỉ tiêu năm sau" if in_targets_part else "phần kết quả"
            problems.append(Problem(file, line, f"năm {year} sai: trích dẫn nằm ở {part} của báo cáo",
                                    f"ghi năm {expected_year}"))
            continue
        if in_targets_part and row["kind"] not in ("target", "total"):
            problems.append(Problem(file, line, f"phần chỉ tiêu năm sau chỉ có chỉ tiêu, không có “{row['kind']}”",
                                    "ghi loại target (hoặc total cho mẫu số A/B)"))
            continue
        unit = row["unit"]
        if row["kind"] in PERCENT_KINDS:
            if unit != "%":
                problems.append(Problem(file, line, f"loại {row['kind']} phải có đơn vị %", "ghi đơn vị %"))
                continue
        elif curated.units[unit]["family"] != curated.units[indicator["unit"]]["family"]:
            problems.append(Problem(
                file, line,
                f"đơn vị “{unit}” không cùng loại với đơn vị “{indicator['unit']}” của chỉ tiêu {row['indicator_id']}",
                "đây là số đo khác: dùng một mã chỉ tiêu khác (và ghi quan hệ so sánh nếu có)"))
            continue
        try:
            reading = read_value(quote, row["number"], occurrence, row["kind"], indicator["measure"],
                                 unit_scale=_unit_scale(curated, unit))
        except NumberFormatError as error:
            problems.append(Problem(file, line, str(error),
                                    "ghi số đúng như trong trích dẫn (cột number) và lần xuất hiện (cột occurrence)"))
            continue
        key = (meta["report_id"], row["indicator_id"], year, row["kind"])
        if key in seen:
            problems.append(Problem(file, line,
                                    f"trùng chỉ tiêu–năm–loại với dòng {seen[key]} ({row['indicator_id']}, {year}, {row['kind']})",
                                    "xóa một dòng, hoặc tách thành hai chỉ tiêu nếu là hai số đo khác nhau"))
            continue
        seen[key] = line
        span = (position + reading.start, position + reading.end)
        if span in read_spans:
            problems.append(Problem(file, line, f"số “{reading.written}” đã được dòng {read_spans[span]} đọc",
                                    "mỗi số của báo cáo chỉ là một quan sát; kiểm tra cột occurrence"))
            continue
        read_spans[span] = line
        value, high = reading.value, reading.high
        if row["kind"] not in PERCENT_KINDS:
            to_indicator_unit = _unit_scale(curated, unit) / _unit_scale(curated, indicator["unit"])
            value = value * to_indicator_unit
            high = None if high is None else high * to_indicator_unit
        rows.append({
            "report_id": meta["report_id"],
            "reporting_unit": meta["reporting_unit"],
            "indicator_id": row["indicator_id"],
            "year": year,
            "kind": row["kind"],
            "value": value,
            "value_high": high,
            "unit": "%" if row["kind"] in PERCENT_KINDS else indicator["unit"],
            "qualifier": row["qualifier"] or None,
            "origin": "reported",
            "derivation": None,
            "source_quote": quote,
            "number_as_written": reading.written,
            "source_sentence": sentence_around(report.text, position, position + len(quote)),
            "quote_start": position,
            "number_start": position + reading.start,
            "number_end": position + reading.end,
            "curated_row": line,
        })
    return rows


_SENTENCE_BREAK = re.compile(r"[.;](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or clause between ';') that holds text[start:end]."""
    begin = 0
    for match in _SENTENCE_BREAK.finditer(text, 0, start):
        begin = match.end()
    stop = _SENTENCE_BREAK.search(text, max(end - 1, start))
    finish = stop.end() if stop else len(text)
    return text[begin:finish].strip(" \n-")


def _format_vi(value: float) -> str:
    from lib.format import number
    return number(value, "vi", decimals=2)


def derive(rows: list[dict], measures: dict[str, str]) -> list[dict]:
    """Implied targets from "đạt X% kế hoạch", and shares of target from "A/B" plans, marked derived.

    No share is derived for a change (a growth rate of 16,02% against 12% is not "133,5% of plan").
    """
    by_key: dict[tuple, dict] = {(r["report_id"], r["indicator_id"], r["year"], r["kind"]): r for r in rows}
    derived = []
    for (report_id, indicator_id, year, kind), actual in sorted(by_key.items()):
        if kind != "actual":
            continue
        target = by_key.get((report_id, indicator_id, year, "target"))
        share = by_key.get((report_id, indicator_id, year, "pct_of_target"))
        base = {key: actual[key] for key in ("report_id", "reporting_unit", "indicator_id", "year")}
        if share and not target and share["value"]:
            derived.append({
                **base, "kind": "target", "value": actual["value"] * 100.0 / share["value"],
                "unit": actual["unit"], "qualifier": None, "origin": "derived",
                "derivation": f"{actual['number_as_written']} ÷ {_format_vi(share['value'])}%",
                "source_quote": share["source_quote"], "number_as_written": share["number_as_written"],
                "source_sentence": share["source_sentence"], "quote_start": share["quote_start"],
                "number_start": share["number_start"], "number_end": share["number_end"],
                "curated_row": share["curated_row"],
            })
        elif target and not share and target["value"] and measures.get(indicator_id) != "change":
            derived.append({
                **base, "kind": "pct_of_target", "value": actual["value"] * 100.0 / target["value"],
                "unit": "%", "qualifier": None, "origin": "derived",
                "derivation": f"{actual['number_as_written']} ÷ {target['number_as_written']} × 100",
                "source_quote": target["source_quote"], "number_as_written": target["number_as_written"],
                "source_sentence": target["source_sentence"], "quote_start": target["quote_start"],
                "number_start": target["number_start"], "number_end": target["number_end"],
                "curated_row": target["curated_row"],
            })
    return derived


def report_coverage(report: Report, rows: list[dict]) -> Coverage:
    spans = {(r["number_start"], r["number_end"]) for r in rows
             if r["report_id"] == report.meta["report_id"] and r["origin"] == "reported"}
    return measure_coverage(report.text, spans, report.ignore_rules)


def validate_coverage(curated: Curated, report: Report, coverage: Coverage, problems: list[Problem]) -> None:
    file = _relative(report.folder / "ignored_numbers.csv", curated.root)
    for token, rule in coverage.conflicts:
        problems.append(Problem(file, rule.row, f"quy tắc bỏ qua che mất số “{token.text}” đã là một quan sát",
                                "thu hẹp quy tắc (cột match / number)"))
    for token in coverage.leftovers:
        line = report.text.count("\n", 0, token.start) + 1
        context = report.text[max(0, token.start - 30):token.end + 30].replace("\n", " ")
        problems.append(Problem(_relative(report.folder / "observations.csv", curated.root), None,
                                f"số “{token.text}” ở dòng {line} của báo cáo chưa được ghi nhận: “…{context}…”",
                                "thêm một quan sát cho số này, hoặc một dòng trong ignored_numbers.csv kèm lý do"))
    for rule in report.ignore_rules:
        if not rule.reason:
            problems.append(Problem(file, rule.row, "quy tắc bỏ qua thiếu lý do", "ghi vì sao số này không phải số liệu"))


ENGINE_SCHEMA = {
    "observations": pa.schema([
        ("report_id", pa.string()), ("reporting_unit", pa.string()), ("indicator_id", pa.string()),
        ("year", pa.int32()), ("kind", pa.string()), ("value", pa.float64()), ("value_high", pa.float64()),
        ("unit", pa.string()),
        ("qualifier", pa.string()), ("origin", pa.string()), ("derivation", pa.string()),
        ("source_quote", pa.string()), ("number_as_written", pa.string()), ("source_sentence", pa.string()),
        ("quote_start", pa.int32()), ("number_start", pa.int32()), ("number_end", pa.int32()),
        ("curated_row", pa.int32()),
    ]),
}


def build_tables(curated: Curated, problems: list[Problem]) -> tuple[dict[str, pa.Table], dict]:
    validate_catalogue(curated, problems)
    rows: list[dict] = []
    coverage_by_report = {}
    for report in curated.reports:
        report_rows = read_observations(curated, report, problems)
        rows.extend(report_rows)
        coverage = report_coverage(report, report_rows)
        validate_coverage(curated, report, coverage, problems)
        coverage_by_report[report.meta["report_id"]] = coverage.summary()
    rows.extend(derive(rows, {i: row["measure"] for i, row in curated.indicators.items()}))
    kind_order = {kind: index for index, kind in enumerate(KINDS)}
    # By unit and year first: Parquet statistics then let a question about one unit skip the rest.
    rows.sort(key=lambda r: (r["reporting_unit"], r["year"], r["report_id"], r["indicator_id"], kind_order[r["kind"]]))
    observations = pa.Table.from_pylist(rows, schema=ENGINE_SCHEMA["observations"])

    catalogue = []
    for indicator_id, row in curated.indicators.items():
        entry = {column: (row[column] or None) for column in INDICATOR_COLUMNS}
        entry["headline"] = int(row["headline"]) if row["headline"].isdigit() else None
        entry["unit_en"] = curated.units.get(row["unit"], {}).get("name_en")
        entry["search_text"] = fold(" ".join([indicator_id.replace("_", " "), row["name_vi"], row["name_en"]]))
        entry["sort_order"] = curated.indicator_rows[indicator_id]
        catalogue.append(entry)
    indicators = pa.Table.from_pandas(pd.DataFrame(catalogue), preserve_index=False)
    reports = pa.Table.from_pylist([{
        "report_id": r.meta["report_id"], "reporting_unit": r.meta["reporting_unit"],
        "unit_name_vi": r.meta["unit_name_vi"], "unit_name_en": r.meta["unit_name_en"],
        "title_vi": r.meta.get("title_vi"), "title_en": r.meta.get("title_en"),
        "results_year": int(r.meta["results_year"]), "targets_year": int(r.meta["targets_year"]),
        "raw_file": r.meta["raw_file"], "raw_sha256": r.raw_sha256,
    } for r in curated.reports])
    return {"observations": observations, "indicators": indicators, "reports": reports}, coverage_by_report


# Rows per Parquet row group. Observations are sorted by reporting unit and year, so a question
# about one unit reads only the row groups whose min/max statistics hold it; groups this size keep
# that read small and the footer short (docs/benchmark.md measures it).
ROW_GROUP_ROWS = {"observations": 50_000, "results_by_indicator": 100_000}

# Pre-aggregated: one row per indicator, results year and reporting unit that reported an actual,
# with the target and share of target beside it, sorted by indicator and year — the comparison of
# one indicator across units reads one row group instead of every observation of every unit.
RESULTS_BY_INDICATOR = """
SELECT indicator_id, year, reporting_unit,
       max(value) FILTER (kind = 'actual') AS actual,
       max(value) FILTER (kind = 'target') AS target,
       max(value) FILTER (kind = 'pct_of_target') AS attainment_pct
FROM observations
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
            path = "'" + str(observations).replace("'", "''") + "'"
            connection.execute(f"CREATE VIEW observations AS SELECT * FROM read_parquet({path})")
        table = connection.sql(RESULTS_BY_INDICATOR).to_arrow_table()
    finally:
        connection.close()
    schema = pa.schema([("indicator_id", pa.string()), ("year", pa.int32()), ("reporting_unit", pa.string()),
                        ("actual", pa.float64()), ("target", pa.float64()), ("attainment_pct", pa.float64())])
    return {"results_by_indicator": table.cast(schema)}


def _parquet_bytes(table: pa.Table, name: str | None = None) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", row_group_size=ROW_GROUP_ROWS.get(name))
    return sink.getvalue()


def write_snapshot(snapshots_dir: Path, files: dict[str, bytes], manifest: dict) -> Path:
    """Write files then the manifest into a hidden folder, and rename it into place in one step."""
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
    return final


def build(data_dir: Path = DATA_DIR, force: bool = False, now: datetime | None = None) -> tuple[Path, bool]:
    """Validate and write a snapshot. Returns (snapshot folder, whether it is new). Raises BuildError."""
    problems: list[Problem] = []
    curated = load_curated(data_dir, problems)
    tables, coverage = build_tables(curated, problems) if not problems else ({}, {})
    if problems:
        raise BuildError(problems)
    tables.update(derived_tables(tables["observations"]))
    files = {SNAPSHOT_FILES[name]: _parquet_bytes(table, name) for name, table in tables.items()}
    data_sha256 = hashlib.sha256(b"".join(hashlib.sha256(files[n]).digest() for n in sorted(files))).hexdigest()
    snapshots_dir = data_dir / "snapshots"
    newest = latest_snapshot(snapshots_dir)
    if newest is not None and newest.manifest.get("data_sha256") == data_sha256 and not force:
        return newest.path, False
    created = (now or datetime.now(timezone.utc)).replace(microsecond=0)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
