"""The report's frame, read before its figures: which unit it is about and at what level, the year and
the part of the year its results cover, and the year of the targets it sets. The staff member confirms
it before the rows, and every row follows a correction (extract(..., results_year=, period=)).

The body decides, not a headline: "Năm 2026, xã Vĩnh Lộc đề ra 24 chỉ tiêu …" above "Theo báo cáo tại kỳ
họp, năm 2025, …" is a report of 2025 that sets targets for 2026 (lib.pipeline.ingest.periods.years_named
says what each named year is of); "Quý I/2025" is the first quarter of 2025, "6 tháng đầu năm 2024" m6."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lib.pipeline.ingest.periods import (
    RESULTS,
    TARGETS,
    find_periods,
    is_heading,
    period_in,
    report_level,
    report_period,
    results_year_of,
    years_named,
)
from lib.words.vntext import fold, nfc


@dataclass(frozen=True)
class ReportFrame:
    unit_name: str  # "Xã Vĩnh Lộc"; empty when the text does not say
    level: str  # xa_phuong | huyen | tinh | "" (lib/data/contract.py LEVELS)
    results_year: int | None
    period: str  # year | m6 | m9 | m11 | q1 … q4: the part of the year the results cover
    targets_year: int | None
    evidence: str  # the words the results year and period were read from
    sure: bool  # False when the year or the period was guessed


_UNIT_WORDS = {"xã": "xa_phuong", "phường": "xa_phuong", "thị trấn": "xa_phuong", "đặc khu": "xa_phuong",
               "huyện": "huyen", "thị xã": "huyen", "quận": "huyen", "thành phố": "huyen", "tỉnh": "tinh"}
_UNIT = re.compile(r"(?<![\w])((?i:thị trấn|đặc khu|thị xã|thành phố|xã|phường|huyện|quận|tỉnh))[ \t]+"
                   r"([^\W\d_]+(?:[ \t-]+[^\W\d_]+){0,3})")
# Words after a unit word that start a proper name but are not one ("tỉnh Trung du" is a region).
_NOT_NAMES = {"trung", "miền", "nhà", "ủy", "uỷ", "hđnd", "ubnd", "đảng"}
_ISSUER = re.compile(r"(?i)(?:hđnd|ubnd|ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân|đảng ủy|đảng uỷ|"
                     r"đảng bộ)\s*$")
_BARE_LEVEL = re.compile(r"\b(?:của|toàn|trên địa bàn)\s+(xã|phường|huyện|tỉnh)\b")  # accents kept: "dự toán tỉnh"


def _proper_name(word: str, after: str) -> str:
    """The capitalised words after a unit word ("xã Vĩnh Lộc tổ chức" → "Vĩnh Lộc"); in a title written
    in capitals ("UBND HUYỆN TIỂU CẦN") the capitals are the name. "xã hội" is society, not a commune."""
    words = after.replace("-", " - ").split()
    if fold(word) == "xa" and fold(words[0]) == "hoi" or words[0].lower() in _NOT_NAMES:
        return ""
    title = word.isupper()
    name = []
    for w in words:
        if w == "-" or not w[0].isupper() or (w.isupper() and len(w) > 1 and not title):
            break
        name.append(w.capitalize() if title else w)
    return " ".join(name)


def read_unit(text: str) -> tuple[str, str]:
    """(name, level) of the unit the report is about: the unit named most, an issuing body's ("UBND
    huyện Lắk") counting twice; without a name, the level of "toàn huyện", "của tỉnh"."""
    counts: Counter = Counter()
    first: dict[tuple[str, str], int] = {}
    for match in _UNIT.finditer(text):
        word, name = match.group(1), _proper_name(match.group(1), match.group(2))
        if not name:
            continue
        key = (word.lower(), name.strip())
        counts[key] += 2 if _ISSUER.search(text[max(0, match.start() - 25):match.start()]) else 1
        first.setdefault(key, match.start())
    if counts:
        (word, name), _ = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]]))
        return f"{word[:1].upper()}{word[1:]} {name}", _UNIT_WORDS[word]
    level = report_level(text)
    if level:
        return "", level
    bare = Counter(fold(m.group(1)) for m in _BARE_LEVEL.finditer(text.lower()))
    if bare:
        word = bare.most_common(1)[0][0]
        return "", {"xa": "xa_phuong", "phuong": "xa_phuong", "huyen": "huyen", "tinh": "tinh"}[word]
    return "", ""


_MONTH_OF_YEAR = re.compile(r"(?i)(?<!\d )\btháng\s+(?:1[0-2]|0?[1-9])\s*(?:/|năm\s+)(?:19|20)\d{2}")


def _period_guessed(text: str, period: str, named: list) -> bool:
    """The period was not named by a phrase: read from the day a figure runs to ("tính đến ngày 30-11"), or a
    whole year assumed for a text about one month ("tình hình … tháng 11/2025")."""
    titled = any(period_in(line) for line in text.split("\n")[:12]) or any(n.period for n in named)
    if period != "year":
        return not titled
    return not titled and bool(_MONTH_OF_YEAR.search(text[:600]))


def read_frame(text: str) -> ReportFrame:
    """The frame as the text states it: the unit and its level, the results year and period from the
    body (a heading of results, "Năm 2025, xã …", "Quý I/2025", "9 tháng năm 2023"), and the later year
    the text sets targets for (else the year after the results)."""
    text = nfc(text)
    unit_name, level = read_unit(text)
    periods = find_periods(text)
    heading = next((p for p in periods if p.mode == RESULTS and p.heading), None)
    every_year = years_named(text)
    year, named = results_year_of(text, every_year)
    evidence, period, sure = "", "year", False
    if heading is not None:
        year, evidence, sure = heading.year, heading.heading, True
        period = period_in(heading.heading) or report_period(text)  # the heading's own part of the year first
    elif named:
        # Unsure when the text also sets targets for that year, or names it once in passing: the staff member confirms it.
        evidence = named[0].words
        sure = (len(named) > 1 or named[0].leading) and not any(
            n.mode == TARGETS and n.year == year for n in every_year)
        period = next((n.period for n in named if n.period), None) or report_period(text)
    elif year is not None:
        period = report_period(text)
    compared = {n.year for n in every_year if n.mode == "compared" and year is not None and n.year < year}
    if sure and year is not None and compared and year - 1 not in compared:
        sure = False  # "tăng 11% so với năm 2022" in a report read as of 2024: one of the two is misread
    headed = heading is not None and is_heading(heading.heading)  # a real heading line states the year
    if sure and not headed and any(n.mode == RESULTS and n.year != year for n in every_year):
        # Results told of two years ("9 tháng năm 2024", "quý I/2025"; "Trong năm 2024, huyện tập trung …" in a
        # text read as of 2023): which is the report's?
        sure = False
    if sure and _period_guessed(text, period, named):
        sure = False  # "tính đến ngày 30-11" in a year-end text, "báo cáo tháng 11/2025": which period is it?
    later = [n.year for n in every_year if n.mode == TARGETS and year is not None and n.year > year]
    later += [p.year for p in periods if p.mode == TARGETS and p.year and year is not None and p.year > year]
    targets_year = min(later) if later else (year + 1 if year is not None else None)
    return ReportFrame(unit_name=unit_name, level=level, results_year=year, period=period,
                       targets_year=targets_year, evidence=evidence, sure=sure)
