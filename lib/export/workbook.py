"""The view as an Excel workbook: one sheet per domain, then a sheet of sources. Numbers stay numbers
(with number formats); every word — status, comparison with next year, reason — is the indicator's
reading (lib/judgement/reading.py), as on the page."""
from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Set as AbstractSet

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lib.data.db import Database
from lib.data.queries import Scope
from lib.export.sources import by_domain, derivation_notes, rows_with_sources, sources_rows
from lib.judgement import reading
from lib.judgement.reading import decimals_of, missing
from lib.view.filters import Filters
from lib.words import labels
from lib.words import number_format as fmt
from lib.words.words import Words

SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
PERCENT_FORMAT = "0.00%"
SIGNED_PERCENT_FORMAT = "+0.00%;-0.00%;0.00%"


def sheet_name(title: str, taken: AbstractSet[str] = frozenset()) -> str:
    """A legal, unique Excel sheet name: ≤ 31 characters, none of []:*?/\\, no edge apostrophe;
    shortened at a word boundary with "…" so the cut shows."""
    name = unicodedata.normalize("NFC", _SHEET_FORBIDDEN.sub("-", title)).strip().strip("'").strip() or "Sheet"
    if len(name) > SHEET_NAME_MAX:
        cut = name[: SHEET_NAME_MAX - 1]
        if " " in cut and name[len(cut)] != " ":  # never leave half a word
            cut = cut[: cut.rindex(" ")]
        name = cut.rstrip(" –-,;") + "…"
    base, number = name, 2
    lowered = {t.lower() for t in taken}
    while name.lower() in lowered:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        number += 1
    return name


def _number_format(decimals: int) -> str:
    # Standard format codes: Excel shows the separators of the reader's locale (1.216.000 / 8.839,9
    # in Vietnamese). One format per cell, so integers show no dangling decimal mark.
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def columns(words: Words, scope: Scope) -> list[dict]:
    """The workbook's columns: key, header, how a cell is written, width limits."""
    results, targets = scope.results_year, scope.targets_year
    return [
        {"key": "name", "header": words.text("col_indicator"), "kind": "text", "max": 48, "wrap": True},
        {"key": "group", "header": words.text("col_group"), "kind": "text", "max": 28},
        {"key": "unit_of_measure", "header": words.text("col_unit_of_measure"), "kind": "text", "max": 18},
        {"key": "actual", "header": words.text("col_value", year=results), "kind": "number"},
        {"key": "actual_qualifier", "header": words.text("col_qualifier"), "kind": "text", "max": 14},
        {"key": "total", "header": words.text("col_total"), "kind": "number"},
        {"key": "target", "header": words.text("col_target", year=results), "kind": "number"},
        {"key": "target_origin", "header": words.text("col_target_origin", year=results), "kind": "text", "max": 18},
        {"key": "attainment_pct", "header": words.text("col_attainment"), "kind": "percent"},
        {"key": "status", "header": words.text("col_status"), "kind": "text", "max": 18},
        {"key": "yoy_change_pct", "header": words.text("col_yoy"), "kind": "signed_percent"},
        {"key": "next_target", "header": words.text("col_next", year=targets), "kind": "number"},
        {"key": "comparison", "header": words.text("col_against", year=results), "kind": "text", "max": 48,
         "wrap": True},
        {"key": "reason", "header": words.text("col_reason"), "kind": "text", "max": 48, "wrap": True},
        {"key": "difference", "header": words.text("col_difference", results=results, targets=targets),
         "kind": "number"},
        {"key": "difference_pct", "header": words.text("col_difference_pct"), "kind": "signed_percent"},
        {"key": "notes", "header": words.text("col_notes"), "kind": "text", "max": 36, "wrap": True},
        {"key": "quote_results", "header": words.text("col_quote_results", year=results), "kind": "text",
         "max": 70, "wrap": True},
        {"key": "quote_next", "header": words.text("col_quote_next", year=targets), "kind": "text",
         "max": 60, "wrap": True},
        {"key": "indicator_id", "header": words.text("col_id"), "kind": "text", "max": 32},
    ]


def cells(row, read: reading.Reading) -> dict:
    """One indicator's values for the workbook: numbers stay numbers, words are the reading's."""
    words = read.words
    has_target = not missing(row.get("target"))
    derivations = row.get("derivations")
    side_by_side = read.side_by_side and not missing(row.get("change_needed"))
    return {
        "name": read.name,
        "group": words.label(labels.GROUPS, row["group"]),
        "unit_of_measure": read.unit_of_measure or None,
        "actual": row.get("actual"),
        "actual_qualifier": words.label(labels.QUALIFIERS, row["actual_qualifier"])
        if isinstance(row.get("actual_qualifier"), str) else None,
        "total": row.get("total"),
        "target": row.get("target"),
        "target_origin": words.label(labels.ORIGINS, "derived" if read.plan_derived else "reported")
        if has_target else None,
        "attainment_pct": row.get("attainment_pct"),
        "status": read.status_text,
        "yoy_change_pct": row.get("yoy_change_pct"),
        "next_target": row.get("next_target"),
        "comparison": read.comparison_text,
        "reason": read.reason or None,
        # Differences stand only where the two figures measure the same thing; a rate's in points.
        "difference": round(float(row["change_needed"]), 6) if side_by_side else None,
        "difference_pct": row.get("change_needed_pct") if side_by_side and not read.is_rate else None,
        "notes": derivation_notes(derivations, words) if isinstance(derivations, list) and derivations else None,
        "quote_results": "\n".join(row.get("quote_results") or []) or None,
        "quote_next": "\n".join(row.get("quote_next") or []) or None,
        "indicator_id": row["indicator_id"],
    }


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _write_header(ws, headers: list[str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
    ws.freeze_panes = "A2"


def _display_length(value) -> int:
    if missing(value):
        return 0
    if isinstance(value, float):
        return len(fmt.number(value)) + 1
    return max((len(line) for line in str(value).split("\n")), default=0)


def _write_domain_sheet(ws, rows: pd.DataFrame, words: Words, scope: Scope) -> None:
    sheet_columns = columns(words, scope)
    _write_header(ws, [c["header"] for c in sheet_columns])
    widths = [min(max(len(w) for w in c["header"].split()) + 2, 40) for c in sheet_columns]
    for row in rows.to_dict("records"):
        read = reading.read(row, words)
        values = cells(row, read)
        ws.append([None] * len(sheet_columns))
        r = ws.max_row
        for index, column in enumerate(sheet_columns, start=1):
            value = values[column["key"]]
            cell = ws.cell(row=r, column=index)
            if missing(value):
                continue
            kind = column["kind"]
            if kind == "number":
                number = float(value)
                decimals = (read.plan_decimals if column["key"] == "target" and read.plan_decimals is not None
                            else decimals_of(number))
                cell.value = number
                cell.number_format = _number_format(decimals)
            elif kind in ("percent", "signed_percent"):
                cell.value = round(float(value) / 100, 8)
                cell.number_format = PERCENT_FORMAT if kind == "percent" else SIGNED_PERCENT_FORMAT
            else:
                cell.value = str(value)
                cell.data_type = "s"  # text stays text: "=…" in a name or quote is never a formula
            cell.alignment = _WRAP if column.get("wrap") else _TOP
            widths[index - 1] = max(widths[index - 1], _display_length(value) + 1)
    for index, column in enumerate(sheet_columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(widths[index - 1], column.get("max", 16))
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def workbook_xlsx(tables_by_domain: dict[str, pd.DataFrame], words: Words, scope: Scope,
                  sources: list[tuple[str, str]] | None = None) -> bytes:
    """An Excel workbook: one sheet per domain (rows as from `rows_with_sources`), then a sources
    sheet. Headers in the language of `words`, numbers as numbers with number formats, percentages as Excel
    percentages, the report's sentence beside every row, header bold and frozen."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for domain, rows in tables_by_domain.items():
        title = sheet_name(words.label(labels.DOMAINS, domain), taken)
        taken.add(title)
        _write_domain_sheet(wb.create_sheet(title), rows, words, scope)
    ws = wb.create_sheet(sheet_name(words.text("sources_sheet"), taken))
    _write_header(ws, [words.text("src_item"), words.text("src_value")])
    if not tables_by_domain:
        ws.append(["", words.text("nothing")])
    for item, value in sources or []:
        ws.append([item, value])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workbook_for_view(db: Database, scope: Scope, view: Filters, words: Words) -> bytes:
    """The workbook of what the reader is looking at (see `workbook_xlsx`)."""
    rows = rows_with_sources(db, scope, view)
    return workbook_xlsx(by_domain(rows), words, scope, sources_rows(db, scope, view, words, len(rows)))
