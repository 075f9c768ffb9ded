"""The checks of meaning that collect Problems: the catalogue (vocabularies, units, links between
indicators, the baseline of a target) and each report's coverage (every number of the report is an
observation, or ignored with a reason)."""
from __future__ import annotations

import re

from lib.pipeline.coverage import Coverage, measure_coverage
from lib.pipeline.curated import Curated, Report
from lib.pipeline.problems import Problem, relative_name
from lib.words import labels

RELATIONS = ("adds_to", "not_comparable")
_SLUG = re.compile(r"[a-z][a-z0-9_]*")


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
        if row["unit_of_measure"] not in curated.units_of_measure:
            problems.append(Problem(file, line, f"đơn vị “{row['unit_of_measure']}” chưa có",
                                    "thêm đơn vị vào curated/units_of_measure.csv hoặc sửa cho đúng"))
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
        validate_baseline(curated, indicator_id, row, problems)


def validate_baseline(curated: Curated, indicator_id: str, row: dict, problems: list[Problem]) -> None:
    """A target compared with another indicator's result says how (adds_to / not_comparable) and why."""
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
        same_unit = row["unit_of_measure"] == baseline["unit_of_measure"]
        if row["measure"] != "flow" or baseline["measure"] != "level" or not same_unit:
            problems.append(Problem(
                file, line,
                f"chỉ tiêu 2023 “{indicator_id}” ({row['measure']}, {row['unit_of_measure']}) được cộng vào "
                f"“{baseline_id}” ({baseline['measure']}, {baseline['unit_of_measure']}), khác loại số đo",
                "chỉ cộng một lượng trong năm (flow) vào một mức (level) cùng đơn vị; "
                "nếu không, ghi not_comparable kèm lý do"))


def report_coverage(report: Report, rows: list[dict]) -> Coverage:
    spans = {(r["number_start"], r["number_end"]) for r in rows
             if r["report_id"] == report.meta["report_id"] and r["origin"] == "reported"}
    return measure_coverage(report.text, spans, report.ignore_rules)


def validate_coverage(curated: Curated, report: Report, coverage: Coverage, problems: list[Problem]) -> None:
    file = relative_name(report.folder / "ignored_numbers.csv", curated.root)
    for token, rule in coverage.conflicts:
        problems.append(Problem(file, rule.row, f"quy tắc bỏ qua che mất số “{token.text}” đã là một quan sát",
                                "thu hẹp quy tắc (cột match / number)"))
    for token in coverage.leftovers:
        line = report.text.count("\n", 0, token.start) + 1
        context = report.text[max(0, token.start - 30):token.end + 30].replace("\n", " ")
        problems.append(Problem(relative_name(report.folder / "observations.csv", curated.root), None,
                                f"số “{token.text}” ở dòng {line} của báo cáo chưa được ghi nhận: “…{context}…”",
                                "thêm một quan sát cho số này, hoặc một dòng trong ignored_numbers.csv kèm lý do"))
    for rule in report.ignore_rules:
        if not rule.reason:
            problems.append(Problem(file, rule.row, "quy tắc bỏ qua thiếu lý do", "ghi vì sao số này không phải số liệu"))
