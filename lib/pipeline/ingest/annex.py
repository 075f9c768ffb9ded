"""Tables: an annex "TT | Chỉ tiêu | ĐVT | TH 2023 | KH 2024 | Ước TH 2024 | % KH | KH 2025", as
lib.pipeline.raw reads a .docx table (one row a line, cells between "|"). The header decides each
column's kind and year, the "Chỉ tiêu" cell names the row and the "ĐVT" cell gives its unit."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lib.pipeline.ingest.mentions import Mention
from lib.pipeline.ingest.periods import RESULTS, Period, period_at
from lib.words.vntext import fold

_LABEL = re.compile(r"^(?:ten\s+)?(?:chi tieu|noi dung|danh muc|linh vuc)\b")
_INDEX = re.compile(r"^(?:s?tt|so tt)$")
_UNIT = re.compile(r"^(?:dvt|don vi(?: tinh)?)$")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_PLAN = re.compile(r"\b(?:kh|ke hoach|nq|nghi quyet|chi tieu|du toan|muc tieu)\b")
_DONE = re.compile(r"\b(?:th|thuc hien|uoc|uoc th|uoc thuc hien|ket qua|thuc te)\b")
_SAME_PERIOD = re.compile(r"\b(?:cung ky|ck|so voi nam|nam truoc)\b|/")
_IGNORED = re.compile(r"\b(?:ghi chu|danh gia|xep loai)\b")
NOTE_INDEX = "cột so sánh cùng kỳ là chỉ số (%): đã trừ 100; trích dẫn không ghi “bằng” nên cần xem lại"


@dataclass(frozen=True)
class Column:
    role: str  # index, label, unit, value, ignored
    kind: str = ""
    year: int | None = None


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a table line, positions in the report."""
    cells, start = [], 0
    for part in line.split("|"):
        cells.append((offset + start, offset + start + len(part), part.strip()))
        start += len(part) + 1
    return cells


def read_header(cells: list[str], results_year: int | None) -> list[Column] | None:
    """Each column's meaning, or None when the row is not a table header."""
    folded = [fold(c).strip(" .:()") for c in cells]
    if not any(_LABEL.match(c) for c in folded):
        return None
    columns: list[Column] = []
    last_done_year = results_year
    for cell in folded:
        years = [int(y) for y in _YEAR.findall(cell)]
        year = years[-1] if years else results_year
        if _INDEX.match(cell):
            columns.append(Column("index"))
        elif _LABEL.match(cell):
            columns.append(Column("label"))
        elif _UNIT.match(cell):
            columns.append(Column("unit"))
        elif _IGNORED.search(cell) or not cell:
            columns.append(Column("ignored"))
        elif "%" in cell or "ty le" in cell or "so sanh" in cell:
            if _PLAN.search(cell):
                columns.append(Column("value", "pct_of_target", last_done_year))
            elif _SAME_PERIOD.search(cell):
                columns.append(Column("value", "yoy_index", last_done_year))
            else:
                columns.append(Column("ignored"))
        elif _PLAN.search(cell):
            columns.append(Column("value", "target", year))
        elif _DONE.search(cell) or years:
            columns.append(Column("value", "actual", year))
            last_done_year = year
        else:
            columns.append(Column("ignored"))
    if not any(c.role == "value" for c in columns):
        return None
    return columns


def read_tables(text: str, mentions: list[Mention], periods: list[Period]) -> dict[int, str]:
    """Give each number in a table row the kind and year of its column, the unit of its row and the row's
    name (Mention.label); returns the mentions that are not facts (row numbers, numbers in names or
    units), each with the reason."""
    dropped: dict[int, str] = {}
    by_line: dict[int, list[int]] = {}
    for index, m in enumerate(mentions):
        by_line.setdefault(text.count("\n", 0, m.start), []).append(index)
    columns: list[Column] | None = None
    offset = 0
    for number, line in enumerate(text.split("\n")):
        cells = _cells(line, offset) if "|" in line else []
        if not cells:
            columns = None
        else:
            period = period_at(periods, offset)
            results_year = period.year if period.mode == RESULTS or period.year is None else period.year - 1
            header = read_header([c[2] for c in cells], results_year)
            if header is not None:
                columns = header
            elif columns is not None:
                dropped |= _read_row(cells, columns, [mentions[i] for i in by_line.get(number, [])],
                                     by_line.get(number, []))
        offset += len(line) + 1
    return dropped


def _read_row(cells, columns: list[Column], row: list[Mention], indices: list[int]) -> dict[int, str]:
    label = next(((s, e) for (s, e, _), c in zip(cells, columns) if c.role == "label"), None)
    unit_cell = next((t for (_, _, t), c in zip(cells, columns) if c.role == "unit"), "")
    unit = {"%": "%"}.get(unit_cell, unit_cell.lower()) if unit_cell else None
    dropped: dict[int, str] = {}
    done: dict[int | None, int] = {}  # the row's value mention of each column year
    for index, m in zip(indices, row):
        column_number = next((k for k, (s, e, _) in enumerate(cells) if s <= m.start < e), None)
        if column_number is None or column_number >= len(columns):
            continue
        column = columns[column_number]
        if column.role != "value":
            if column.role in ("index", "label", "unit"):
                dropped[index] = {"index": "số thứ tự của bảng", "label": "số trong tên chỉ tiêu",
                                  "unit": "số trong đơn vị tính"}[column.role]
            continue
        m.label, m.year, m.subject, m.relational = label, column.year, None, False
        m.rule, m.confidence, m.note = f"bảng: cột {cells[column_number][2] or column.kind}", 0.9, ""
        m.kind = column.kind
        if column.kind in ("pct_of_target", "yoy_index"):
            m.unit, m.unit_known = "%", True
            m.subject = done.get(column.year)
            m.relational = m.subject is not None
            if column.kind == "yoy_index":
                m.kind, m.value, m.confidence, m.note = "yoy_change_pct", m.value - 100.0, 0.5, NOTE_INDEX
        elif unit is not None and (m.unit is None or not m.unit_known):
            m.unit, m.unit_known = unit, True
        if column.kind == "actual":
            done[column.year] = index
    return dropped
