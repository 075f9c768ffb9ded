"""Query results turned into the tables and cards a reader sees: labels in the reader's language,
numbers in Vietnamese notation with their units. Pure functions, no Streamlit calls."""
from __future__ import annotations

import math

import pandas as pd

from lib import format as fmt
from lib import labels
from lib.labels import text


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def unit_of(row, lang: str) -> str | None:
    if lang == "en" and isinstance(row.get("unit_en"), str):
        return row["unit_en"]
    return row.get("unit")


def value_text(value, row, lang: str, decimals: int | None = None) -> str:
    """A value with the indicator's unit, or a dash."""
    if _missing(value):
        return "–"
    return fmt.with_unit(value, row.get("unit"), lang, decimals, unit_en=row.get("unit_en"))


def target_text(row, lang: str) -> str:
    """The plan; an implied one (from "đạt X% kế hoạch") is marked ≈ and rounded to one decimal."""
    if _missing(row.get("target")):
        return "–"
    if row.get("target_derived"):
        return "≈ " + value_text(row["target"], row, lang, decimals=1)
    return value_text(row["target"], row, lang)


def actual_text(row, lang: str) -> str:
    """The result, with its total when the report gives one: "22/45 trường"."""
    if _missing(row.get("actual")):
        return "–"
    if _missing(row.get("total")):
        return value_text(row["actual"], row, lang)
    return f"{fmt.number(row['actual'], lang)}/{value_text(row['total'], row, lang)}"


def difference_text(row, lang: str) -> str:
    """Result minus plan, for changes such as a growth rate where a share of plan means nothing."""
    if _missing(row.get("actual")) or _missing(row.get("target")):
        return "–"
    points = " điểm %" if lang == "vi" else " pts"
    unit = points if row.get("unit") == "%" else " " + (unit_of(row, lang) or "")
    return fmt.signed(row["actual"] - row["target"], lang) + unit


def change_text(row, lang: str) -> str:
    """Change still needed: points for rates in %, the unit otherwise, and the relative change."""
    if _missing(row.get("change_needed")):
        return "–"
    if row.get("unit") == "%":
        absolute = fmt.signed(row["change_needed"], lang) + (" điểm %" if lang == "vi" else " pts")
    else:
        absolute = fmt.signed(row["change_needed"], lang) + " " + (unit_of(row, lang) or "")
    if _missing(row.get("change_needed_pct")):
        return absolute
    return f"{absolute} ({fmt.signed(row['change_needed_pct'], lang, decimals=1)}%)"


def comparison_text(row, lang: str, results: int, targets: int) -> str:
    """Why a next-year target can or cannot be set beside this year's result."""
    comparability = row.get("comparability")
    if comparability == "same_measure":
        return text("comparable_same", lang, results=results)
    if comparability == "converted":
        return text("comparable_converted", lang, baseline=fmt.number(row["related_actual"], lang),
                    added=fmt.number(row["next_target"], lang), level=fmt.number(row["target_level"], lang),
                    results=results, targets=targets)
    if comparability == "not_comparable":
        note = row.get("baseline_note_vi") if lang == "vi" else row.get("baseline_note_en")
        return note if isinstance(note, str) else labels.label(labels.COMPARABILITY, comparability, lang)
    if comparability == "no_baseline":
        return text("comparable_none", lang, results=results)
    return text("no_next_target", lang, targets=targets)


def indicator_table(rows: pd.DataFrame, lang: str, results: int, targets: int) -> pd.DataFrame:
    """The domain page's table: one line per indicator, every number formatted with its unit."""
    name = labels.name_column(lang)
    records = []
    for _, row in rows.iterrows():
        target = target_text(row, lang)
        records.append({
            text("col_indicator", lang): row[name],
            text("col_value", lang, year=results): actual_text(row, lang),
            text("col_target", lang, year=results): target,
            text("col_attainment", lang): "–" if _missing(row["attainment_pct"]) else fmt.percent(row["attainment_pct"], lang),
            text("col_status", lang): labels.label(labels.STATUSES, row["status"], lang),
            text("col_yoy", lang): "–" if _missing(row["yoy_change_pct"]) else fmt.signed(row["yoy_change_pct"], lang) + "%",
            text("col_next", lang, year=targets): value_text(row["next_target"], row, lang),
            text("col_change", lang): change_text(row, lang),
        })
    return pd.DataFrame(records)


def not_comparable_table(rows: pd.DataFrame, lang: str, results: int, targets: int) -> pd.DataFrame:
    """Next-year targets that are listed with their reason, never drawn."""
    name = labels.name_column(lang)
    return pd.DataFrame([{
        text("col_indicator", lang): row[name],
        text("col_next", lang, year=targets): value_text(row["next_target"], row, lang),
        text("col_reason", lang): comparison_text(row, lang, results, targets),
    } for _, row in rows.iterrows()])


def observations_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The long table of the Data page, values formatted, with the quote each came from."""
    name = labels.name_column(lang)
    return pd.DataFrame([{
        text("col_indicator", lang): row[name],
        text("col_domain", lang): labels.label(labels.DOMAINS, row["domain"], lang),
        text("col_year", lang): str(row["year"]),
        text("col_kind", lang): labels.label(labels.KINDS, row["kind"], lang),
        text("col_value", lang, year="").strip(): ("≈ " + fmt.number(row["value"], lang, decimals=1)
                                                    if row["origin"] == "derived" else fmt.number(row["value"], lang)),
        text("col_unit", lang): row["unit"],
        text("col_qualifier", lang): "" if _missing(row["qualifier"]) else row["qualifier"],
        text("col_origin", lang): labels.label(labels.ORIGINS, row["origin"], lang)
        + ("" if _missing(row["derivation"]) else f" ({row['derivation']})"),
        text("col_quote", lang): row["source_quote"],
    } for _, row in rows.iterrows()])


def csv_for_excel(rows: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark and real numbers, so Excel opens Vietnamese text intact."""
    columns = ["indicator_id", "name_vi", "name_en", "domain", "group", "year", "kind", "value", "unit",
               "qualifier", "origin", "derivation", "source_quote", "report_id"]
    return rows[columns].to_csv(index=False).encode("utf-8-sig")
