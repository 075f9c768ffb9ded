"""The administrative units of a snapshot (level, parent, end date, successor) and the period of each
report: from data/curated/reporting_units.csv where a unit is listed, otherwise from its report.json."""
from __future__ import annotations

from datetime import date

from lib.data.contract import LEVELS, level_from_name
from lib.judgement.pace import PERIODS, YEAR, first_month, last_month, period_end
from lib.pipeline.curated import Curated
from lib.pipeline.problems import Problem

REPORTING_UNITS_FILE = "curated/reporting_units.csv"


def _date(written: str) -> date | None:
    try:
        return date.fromisoformat(written)
    except ValueError:
        return None


def report_period(meta: dict, problems: list[Problem]) -> dict:
    """The period a report's results cover ("6 tháng đầu năm 2023": m6, as of 2023-06-30); a
    year-end report by default."""
    name = f"curated/reports/{meta.get('report_id')}/report.json"
    year = int(meta["results_year"])
    period = meta.get("period") or YEAR
    if period not in PERIODS:
        problems.append(Problem(name, None, f"kỳ báo cáo “{period}” không hợp lệ",
                                "ghi year, q1…q4, m6, m9, m11 hoặc month01…month12"))
        return {"period": YEAR, "as_of": period_end(YEAR, year)}
    as_of = _date(str(meta["as_of"])) if meta.get("as_of") else period_end(period, year)
    if as_of is None or as_of.year != year or not first_month(period) <= as_of.month <= last_month(period):
        problems.append(Problem(name, None, f"ngày số liệu “{meta.get('as_of')}” không nằm trong kỳ {period} năm {year}",
                                "ghi as_of dạng YYYY-MM-DD (ví dụ 2023-06-30) hoặc bỏ khóa này"))
        as_of = period_end(period, year)
    return {"period": period, "as_of": as_of}


def reporting_units(curated: Curated, problems: list[Problem]) -> list[dict]:
    """One row per unit: every row of reporting_units.csv, then each report's unit not listed there
    (its level from report.json's `level`, or read from its name; null if neither says)."""
    rows = []
    for reporting_unit, row in curated.reporting_units.items():
        if row["level"] not in LEVELS:
            problems.append(Problem(REPORTING_UNITS_FILE, row["_row"], f"cấp “{row['level']}” không hợp lệ",
                                    f"chọn một trong: {', '.join(LEVELS)}"))
            continue
        ceased = _date(row["ceased"]) if row["ceased"] else None
        if row["ceased"] and ceased is None:
            problems.append(Problem(REPORTING_UNITS_FILE, row["_row"], f"ngày kết thúc “{row['ceased']}” không hợp lệ",
                                    "ghi ngày cuối cùng đơn vị hoạt động, dạng YYYY-MM-DD, hoặc để trống"))
            continue
        rows.append({"reporting_unit": reporting_unit, "name_vi": row["name_vi"], "name_en": row["name_en"],
                     "level": row["level"], "parent": row["parent"] or None, "ceased": ceased,
                     "successor": row["successor"] or None})
    for report in curated.reports:
        meta = report.meta
        if meta["reporting_unit"] in curated.reporting_units or meta["reporting_unit"] in {r["reporting_unit"] for r in rows}:
            continue
        # Unknown (null) where neither report.json nor the name says: a new unit is never held back for it.
        level = meta.get("level") or level_from_name(meta["reporting_unit_name_vi"])
        if level is not None and level not in LEVELS:
            problems.append(Problem(f"curated/reports/{meta['report_id']}/report.json", None,
                                    f"cấp “{level}” của đơn vị “{meta['reporting_unit_name_vi']}” không hợp lệ",
                                    f"ghi khóa level là một trong: {', '.join(LEVELS)}, hoặc bỏ khóa này"))
            continue
        rows.append({"reporting_unit": meta["reporting_unit"], "name_vi": meta["reporting_unit_name_vi"],
                     "name_en": meta["reporting_unit_name_en"], "level": level, "parent": meta.get("parent"),
                     "ceased": None, "successor": None})
    return rows
