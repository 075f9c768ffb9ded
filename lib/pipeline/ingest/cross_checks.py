"""Checks a row passes only as a whole: its year and period against the report's frame, its value against
what its kind and measure allow, and its indicator against the other rows of the report. A row that
fails one is proposed unsure with the reason; these checks never make a row sure."""
from __future__ import annotations

import re

import pandas as pd

from lib.words.vntext import fold

# A whole year's result this far under its plan is more often a misread kind ("vượt 17%") than a fact.
LOWEST_YEAR_SHARE = 50.0
HIGHEST_SHARE = 1000.0


def outside_frame(kind: str, year: int | None, period: str, results_year: int | None,
                  targets_year: int | None, results_period: str, of_targets: bool) -> str | None:
    """Why a row's year or period is not the report's own: a result of another year or period than the
    frame's, a target of neither the results year nor the targets year; None when it is."""
    if year is None:
        return None  # said by the extractor already: "không rõ năm của số"
    if kind == "target" or of_targets:
        if year not in (results_year, targets_year):
            return f"chỉ tiêu của năm {year}, không phải năm {results_year} hay {targets_year} của báo cáo: xem lại năm"
        return None
    if year != results_year:
        return f"số của năm {year}, báo cáo là kết quả năm {results_year}: xem lại năm"
    if period != results_period:
        return f"số của kỳ “{period}”, báo cáo là kết quả kỳ “{results_period}”: xem lại kỳ"
    return None


_YEAR_SAID = re.compile(r"(?<!so voi )(?<!so )(?<!cung ky )(?<!den )(?<!giai doan )\bnam ((?:19|20)\d{2})\b(?!\s*[-–])")


def later_year_before(text: str, start: int, kind: str, year: int | None) -> str | None:
    """Why a result may be a plan: its paragraph, before it, names a later year ("Thực hiện nhiệm vụ năm 2026,
    … Thu ngân sách đạt trên 154 tỷ đồng" read as 2025's); None when it names none."""
    if kind == "target" or year is None:
        return None
    paragraph = fold(text[text.rfind("\n", 0, start) + 1:start])
    later = [int(y) for y in _YEAR_SAID.findall(paragraph) if int(y) > year]
    return f"đoạn văn trước số này nói đến năm {later[-1]}: kết quả năm {year} hay chỉ tiêu?" if later else None


def implausible(kind: str, value: float, period: str, unit: str, measure: str) -> str | None:
    """Why a value cannot be what its kind and measure say: a share of plan out of reach, a rate over
    100%, a fall of more than all of it; None when it can."""
    if kind == "pct_of_target" and (value > HIGHEST_SHARE or value <= 0
                                    or (period == "year" and value < LOWEST_YEAR_SHARE)):
        return f"{value:g}% kế hoạch là khó tin cho kỳ này: xem lại loại số (đạt hay vượt?)"
    if kind == "yoy_change_pct" and value <= -100:
        return f"giảm {-value:g}% so với cùng kỳ là mất hết: xem lại loại số"
    if kind in ("actual", "target") and unit == "%" and measure == "rate" and not 0 <= value <= 100:
        return f"tỷ lệ {value:g}% ngoài 0–100%: xem lại loại số hoặc chỉ tiêu"
    return None


def disagreeing(rows: pd.DataFrame, sure: float) -> pd.Series:
    """The sure rows whose indicator, kind, year and period another row of the report names first among
    its choices with a different value: two readings of one fact, at least one of them wrong (boolean,
    aligned with `rows`)."""
    def first_word(cell) -> str:
        return cell.split()[0] if isinstance(cell, str) and cell.split() else ""

    named = rows["indicator_id"].map(first_word)
    about = named.where(named != "", rows["choices"].map(first_word))
    keyed = rows.assign(_about=about)[about != ""]
    values = keyed.groupby(["_about", "kind", "year", "period"], dropna=False)["value"].transform("nunique")
    clash = pd.Series(False, index=rows.index)
    clash.loc[keyed.index] = values > 1
    return clash & (rows["confidence"] >= sure)
