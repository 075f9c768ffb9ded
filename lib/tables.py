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
    for row in rows.to_dict("records"):
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
    } for row in rows.to_dict("records")])


def observations_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The long table of the Data page, values formatted, with the quote each came from.
    Built column by column: a province's unit has thousands of observations."""
    if rows.empty:
        return pd.DataFrame([])
    name = labels.name_column(lang)
    column = {key: rows[key].tolist() for key in (name, "domain", "year", "kind", "value", "unit", "qualifier",
                                                   "origin", "derivation", "source_quote")}
    domains, kinds, origins = ({key: labels.label(vocabulary, key, lang) for key in set(column[key_column])}
                               for vocabulary, key_column in ((labels.DOMAINS, "domain"), (labels.KINDS, "kind"),
                                                              (labels.ORIGINS, "origin")))
    return pd.DataFrame({
        text("col_indicator", lang): column[name],
        text("col_domain", lang): [domains[d] for d in column["domain"]],
        text("col_year", lang): [str(y) for y in column["year"]],
        text("col_kind", lang): [kinds[k] for k in column["kind"]],
        text("col_value", lang, year="").strip(): [("≈ " + fmt.number(v, lang, decimals=1)) if o == "derived"
                                                   else fmt.number(v, lang)
                                                   for v, o in zip(column["value"], column["origin"])],
        text("col_unit", lang): column["unit"],
        text("col_qualifier", lang): ["" if _missing(q) else q for q in column["qualifier"]],
        text("col_origin", lang): [origins[o] + ("" if _missing(d) else f" ({d})")
                                   for o, d in zip(column["origin"], column["derivation"])],
        text("col_quote", lang): column["source_quote"],
    })


def filters_phrase(filters, lang: str, search_as_code: bool = False) -> str:
    """The active filters as a short phrase ("khối Kinh tế; Nông nghiệp; Không đạt") or "tất cả".

    On a page the search goes in a code span, so what a link carries can never become a link or
    markup; in exports the caller escapes the phrase itself.
    """
    parts = []
    if filters.domain:
        parts.append(text("filter_domain_phrase", lang, domain=labels.label(labels.DOMAINS, filters.domain, lang)))
    if filters.groups:
        parts.append(", ".join(labels.label(labels.GROUPS, g, lang) for g in filters.groups))
    if filters.statuses:
        parts.append(", ".join(labels.label(labels.STATUSES, s, lang) for s in filters.statuses))
    if filters.comparable_only:
        parts.append(text("filter_comparable", lang).lower())
    search = filters.search.strip()
    if search:
        parts.append("“`" + search.replace("`", "'") + "`”" if search_as_code else f"“{search}”")
    return "; ".join(parts) or text("everything", lang)


def csv_for_excel(rows: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark and real numbers, so Excel opens Vietnamese text intact."""
    columns = ["indicator_id", "name_vi", "name_en", "domain", "group", "year", "kind", "value", "unit",
               "qualifier", "origin", "derivation", "source_quote", "report_id"]
    return rows[columns].to_csv(index=False).encode("utf-8-sig")
