"""The parts of a report: where the results of a year start, and where next year's targets start."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lib.words.vntext import fold

RESULTS, TARGETS = "results", "targets"


@dataclass(frozen=True)
class Period:
    start: int
    mode: str  # RESULTS or TARGETS
    year: int | None
    heading: str


_HEADING_START = re.compile(r"^\s*(?:(?:PHẦN|Phần)\s+[A-Z0-9IVX]+|[A-D]|[IVX]+)\s*[.:)\-–]")
_YEAR_IN_HEADING = re.compile(r"\bnam\s+((?:19|20)\d{2})\b")
_RESULT_WORDS = ("ket qua", "tinh hinh", "thuc hien", "danh gia", "tong ket", "so ket")
_TARGET_WORDS = ("chi tieu", "phuong huong", "ke hoach", "nhiem vu", "giai phap", "muc tieu")
_MONTHS_OF_YEAR = re.compile(r"\b\d{1,2}\s+tháng\s+(?:đầu\s+)?năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_COMPARED_YEAR = re.compile(r"\bso\s+(?:với\s+)?(?:cùng\s+kỳ\s+)?năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _is_heading(line: str) -> bool:
    folded = fold(line)
    if not _YEAR_IN_HEADING.search(folded):
        return False
    if _HEADING_START.match(line):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def find_periods(text: str, results_year: int | None = None, targets_year: int | None = None) -> list[Period]:
    """The parts of a report: where results of a year start, and where next year's targets start.

    Headings decide ("PHẦN A: KẾT QUẢ … NĂM 2022", "B. CÁC CHỈ TIÊU … NĂM 2023"); text before any heading
    reads as results of the year its phrases name ("11 tháng năm 2022", "so với năm 2021" → 2022).
    Explicit years override what the text says.
    """
    periods: list[Period] = []
    position = 0
    for line in text.split("\n"):
        if _is_heading(line):
            folded = fold(line)
            year = int(_YEAR_IN_HEADING.search(folded).group(1))
            if any(word in folded for word in _RESULT_WORDS):
                mode = RESULTS
            elif any(word in folded for word in _TARGET_WORDS):
                mode = TARGETS
            elif periods and year > (periods[-1].year or 0):
                mode = TARGETS
            else:
                mode = RESULTS
            periods.append(Period(position, mode, year, line.strip()))
        position += len(line) + 1
    if not periods or periods[0].start > 0:
        periods.insert(0, Period(0, RESULTS, _default_results_year(text), ""))
    if not any(p.mode == TARGETS for p in periods):
        inline = _inline_targets(text, periods[-1].year)
        if inline is not None:
            periods.append(inline)
    fixed = []
    for period in periods:
        year = period.year
        if period.mode == RESULTS and results_year is not None:
            year = results_year
        if period.mode == TARGETS and targets_year is not None:
            year = targets_year
        fixed.append(Period(period.start, period.mode, year, period.heading))
    return fixed


# "Năm 2026, phường phấn đấu thực hiện các chỉ tiêu: …" — next year's targets in a paragraph, no heading.
_INLINE_TARGETS = re.compile(r"(?:(?<=\n)|(?<=[.;]\s)|^)((?:Năm|Trong năm|Sang năm)\s+((?:19|20)\d{2})\s*,?[^.\n\d]{0,80}?"
                             r"\b(?:phấn đấu|mục tiêu|chỉ tiêu|nhiệm vụ)\b)", re.IGNORECASE)


def _inline_targets(text: str, results_year: int | None) -> Period | None:
    """Where a paragraph that sets a later year's targets starts, as the part of the targets."""
    for match in _INLINE_TARGETS.finditer(text):
        year = int(match.group(2))
        if results_year is not None and year > results_year:
            return Period(match.start(1), TARGETS, year, match.group(1))
    return None


def _default_results_year(text: str) -> int | None:
    match = _MONTHS_OF_YEAR.search(text)
    if match:
        return int(match.group(1))
    compared = [int(m.group(1)) for m in _COMPARED_YEAR.finditer(text)]
    if compared:
        return max(compared) + 1
    match = _ANY_YEAR.search(text)
    return int(match.group(1)) if match else None


def period_at(periods: list[Period], position: int) -> Period:
    """The part of the report that holds `position`."""
    current = periods[0]
    for period in periods:
        if period.start <= position:
            current = period
    return current


# --- the part of the year a figure covers, and the level of the unit a report is about ---------

# Phrases that name a part of the year, folded (no diacritics). "6 tháng cuối năm" is the half still
# to come (tasks), not a result: it names no period here.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD_PHRASES = re.compile(
    r"\b(?P<months>6|9|11|sau|chin|muoi mot)\s+thang(?!\s+cuoi)"
    r"|\bquy\s+(?P<quarter>iv|iii|ii|i|[1-4])\b"
    r"|\b(?P<whole>(?:uoc\s+)?(?:thuc hien\s+)?ca\s+nam)\b")
_MONTH_WORDS = {"6": "m6", "sau": "m6", "9": "m9", "chin": "m9", "11": "m11", "muoi mot": "m11"}
_UNTIL_DAY = re.compile(r"\b(?:den|tinh den)\s+(?:ngay\s+)?(\d{1,2})/(\d{1,2})(?:/((?:19|20)\d{2}))?")


def period_in(phrase: str) -> str | None:
    """The last part of the year a piece of text names: "6 tháng đầu năm 2023" → m6, "quý I" → q1,
    "ước cả năm" → year; None when it names none."""
    found = None
    for match in _PERIOD_PHRASES.finditer(fold(phrase)):
        if match.group("months"):
            found = _MONTH_WORDS[match.group("months")]
        elif match.group("quarter"):
            found = f"q{_ROMAN[match.group('quarter')]}"
        else:
            found = "year"
    return found


def until_day(phrase: str, year: int | None) -> tuple[int, int] | None:
    """"đến ngày 31/10" → (10, 31): the day a figure runs to, where the text says so."""
    match = _UNTIL_DAY.search(fold(phrase))
    if not match or (match.group(3) and year is not None and int(match.group(3)) != year):
        return None
    day, month = int(match.group(1)), int(match.group(2))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def report_period(text: str) -> str:
    """The period of a report's results, from its title (the first lines that name one): a
    six-month report is m6; a year-end report, or one that names no period, is year."""
    for line in text.split("\n")[:12]:
        found = period_in(line)
        if found:
            return found
    return "year"


_LEVEL_WORDS = (("phuong", "xa_phuong"), ("xa", "xa_phuong"), ("dac khu", "xa_phuong"), ("huyen", "huyen"),
                ("thi xa", "huyen"), ("quan", "huyen"), ("tinh", "tinh"))
_LEVEL_IN_TITLE = re.compile(r"\b(?:uy ban nhan dan|ubnd|hdnd|hoi dong nhan dan|dang uy|dang bo)\s+"
                             r"(thi xa|dac khu|phuong|xa|huyen|quan|tinh)\b")


def report_level(text: str) -> str | None:
    """The level of the unit a report is about, from the body that issues it ("UBND XÃ …",
    "HĐND phường …", "Ủy ban nhân dân tỉnh …"); None if its first lines do not say."""
    head = fold("\n".join(text.split("\n")[:12]))
    match = _LEVEL_IN_TITLE.search(head)
    return dict(_LEVEL_WORDS).get(match.group(1)) if match else None


_CLAUSE_START = re.compile(r"[.;\n]")


def figure_period(text: str, start: int, mode: str, kind: str, results_period: str) -> str:
    """The period of the figure at `start`: a target is the whole year's; otherwise the last period
    its sentence names before it ("6 tháng … đạt 120 tỷ, ước cả năm 250 tỷ": m6, then year), else
    the results part's period (the report's), or the year in the targets part."""
    if kind == "target" or mode == TARGETS:
        return "year"
    begin = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    return period_in(text[begin:start]) or results_period


def figure_until(text: str, start: int, year: int | None) -> tuple[int, int] | None:
    """The day the figure at `start` runs to, where its sentence says ("đến ngày 31/10")."""
    begin = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    return until_day(text[begin:start + 60], year)
