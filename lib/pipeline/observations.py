"""Each curated observation checked against the catalogue and its report, and its value read from
its quote (lib.pipeline.numbers): the rows of observations.parquet that the report states ("reported")."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from lib.data.contract import KINDS
from lib.judgement.pace import PERIODS, YEAR, first_month, last_month, period_end
from lib.pipeline.curated import Curated, Report
from lib.pipeline.numbers import NumberFormatError, read_value
from lib.pipeline.problems import Problem, relative_name
from lib.words import labels
from lib.words.vntext import nfc

PERCENT_KINDS = ("pct_of_target", "yoy_change_pct")


def unit_fits(kind: str, unit_of_measure: str, indicator_unit: str, family_of: Callable[[str], str | None]) -> bool:
    """A row's unit can stand for its indicator's: the kinds in % are of anything (a share of plan, a
    change); any other is of the indicator's unit family (tỷ đồng for triệu đồng, never %)."""
    if kind in PERCENT_KINDS:
        return True
    family = family_of(unit_of_measure)
    return unit_of_measure == indicator_unit or (family is not None and family == family_of(indicator_unit))


def _unit_of_measure_scale(curated: Curated, unit_of_measure: str) -> float:
    return float(curated.units_of_measure[unit_of_measure]["scale"])


def read_observations(curated: Curated, report: Report, problems: list[Problem]) -> list[dict]:
    """Validate each curated row and read its value from the quote."""
    file = relative_name(report.folder / "observations.csv", curated.root)
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
        if indicator["unit_of_measure"] not in curated.units_of_measure:
            continue  # the catalogue check has already named this indicator's unknown unit
        if row["kind"] not in KINDS:
            problems.append(Problem(file, line, f"loại “{row['kind']}” không hợp lệ",
                                    f"chọn một trong: {', '.join(KINDS)}"))
            continue
        if row["unit_of_measure"] not in curated.units_of_measure:
            problems.append(Problem(file, line, f"đơn vị “{row['unit_of_measure']}” chưa có",
                                    "thêm đơn vị vào curated/units_of_measure.csv hoặc sửa cho đúng"))
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
        period = row["period"] or YEAR
        if period not in PERIODS:
            problems.append(Problem(file, line, f"kỳ “{period}” không hợp lệ",
                                    "ghi year (cả năm), q1…q4 (quý), m6/m9/m11 (6, 9, 11 tháng) "
                                    "hoặc month01…month12 (một tháng); để trống là cả năm"))
            continue
        as_of = _as_of(row["as_of"], period, year)
        if as_of is None:
            problems.append(Problem(file, line, f"ngày số liệu “{row['as_of']}” không hợp lệ cho kỳ {period} năm {year}",
                                    "ghi ngày dạng YYYY-MM-DD trong kỳ của số liệu (ví dụ 2023-06-30), hoặc để trống"))
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
        unit_of_measure = row["unit_of_measure"]
        if row["kind"] in PERCENT_KINDS:
            if unit_of_measure != "%":
                problems.append(Problem(file, line, f"loại {row['kind']} phải có đơn vị %", "ghi đơn vị %"))
                continue
        elif not unit_fits(row["kind"], unit_of_measure, indicator["unit_of_measure"],
                           lambda unit: curated.units_of_measure.get(unit, {}).get("family")):
            problems.append(Problem(
                file, line,
                f"đơn vị “{unit_of_measure}” không cùng loại với đơn vị “{indicator['unit_of_measure']}” của chỉ tiêu {row['indicator_id']}",
                "đây là số đo khác: dùng một mã chỉ tiêu khác (và ghi quan hệ so sánh nếu có)"))
            continue
        try:
            reading = read_value(quote, row["number"], occurrence, row["kind"], indicator["measure"],
                                 unit_of_measure_scale=_unit_of_measure_scale(curated, unit_of_measure))
        except NumberFormatError as error:
            problems.append(Problem(file, line, str(error),
                                    "ghi số đúng như trong trích dẫn (cột number) và lần xuất hiện (cột occurrence)"))
            continue
        # One indicator may be reported at two dates of one period (to 16/12, estimated to 31/12).
        key = (meta["report_id"], row["indicator_id"], year, period, as_of, row["kind"])
        if key in seen:
            problems.append(Problem(file, line,
                                    f"trùng chỉ tiêu–năm–kỳ–ngày–loại với dòng {seen[key]} "
                                    f"({row['indicator_id']}, {year}, {period}, {as_of:%d/%m/%Y}, {row['kind']})",
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
            to_indicator_unit = _unit_of_measure_scale(curated, unit_of_measure) / _unit_of_measure_scale(curated, indicator["unit_of_measure"])
            value = value * to_indicator_unit
            high = None if high is None else high * to_indicator_unit
        rows.append({
            "report_id": meta["report_id"],
            "reporting_unit": meta["reporting_unit"],
            "indicator_id": row["indicator_id"],
            "year": year,
            "kind": row["kind"],
            "period": period,
            "as_of": as_of,
            "value": value,
            "value_high": high,
            "unit_of_measure": "%" if row["kind"] in PERCENT_KINDS else indicator["unit_of_measure"],
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


def _as_of(written: str, period: str, year: int) -> date | None:
    """The day a figure is about: as written (YYYY-MM-DD, inside the period), or the period's last day."""
    if not written:
        return period_end(period, year)
    try:
        day = date.fromisoformat(written)
    except ValueError:
        return None
    inside = day.year == year and first_month(period) <= day.month <= last_month(period)
    return day if inside else None


_SENTENCE_BREAK = re.compile(r"[.;](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or clause between ';') that holds text[start:end]."""
    begin = 0
    for match in _SENTENCE_BREAK.finditer(text, 0, start):
        begin = match.end()
    stop = _SENTENCE_BREAK.search(text, max(end - 1, start))
    finish = stop.end() if stop else len(text)
    return text[begin:finish].strip(" \n-")
