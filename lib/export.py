"""Take-aways of a view: charts as PNG/SVG, the filtered table as an Excel workbook, and a one-file
meeting brief (HTML, prints on A4). Pure functions, no Streamlit calls; bytes/str out, so a page
can hand them to `st.download_button`.

Static charts are rendered offline by vl-convert with the chart's own config (look, Vietnamese
number locale) plus a font the renderer has *with Vietnamese letters*: the Liberation Sans on this
machine (fonts-liberation 1.07) lacks the precomposed Vietnamese vowels (ạ, ả, ợ …, U+1EA0–1EF9),
so text holding them fell back to a serif font in PNGs. DejaVu Sans has them; the rest of the stack
is for browsers opening an exported SVG or the brief (narrower fonts than DejaVu never overflow).
"""
from __future__ import annotations

import html
import io
import math
import re
import time
import unicodedata
from datetime import datetime

import altair as alt
import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lib import charts, labels, queries, tables
from lib import format as fmt
from lib.db import Database
from lib.labels import text
from lib.queries import Filters, Scope
from lib.rules import COMPARABLE, comparable

EXPORT_FONT = f"DejaVu Sans, {charts.EXPORT_FONT}, Arial, Helvetica, sans-serif"
EXPORT_WIDTH = 900  # px of a downloaded chart; PNGs are drawn at twice that
BRIEF_CHART_WIDTH = 680  # px: the printable width of A4 with the brief's margins, text at real size
PNG_SCALE = 2
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_KIND_ORDER = {"actual": 0, "target": 1, "total": 2, "pct_of_target": 3, "yoy_change_pct": 4}



_t = text  # the export's sentences live with every other label, in lib/labels.py


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

def export_spec(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH) -> dict:
    """The chart's Vega-Lite spec with the export font and a fixed width.

    The builders `finish` charts for the browser (no font, width fitted to the page); here the
    width is fixed (the layout fits labels and bars into it) and every text gets the export font.
    A chart that was never finished gets the Vietnamese number locale, the app's default."""
    spec = chart.to_dict()
    config = dict(spec.get("config") or {})
    config["font"] = EXPORT_FONT
    config.setdefault("locale", {"number": fmt.VEGA_LOCALE_VI})
    spec["config"] = config
    spec["width"] = width
    return spec


def chart_svg(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH) -> str:
    """A standalone SVG file (text kept as text, so names and labels stay searchable)."""
    return vlc.vegalite_to_svg(export_spec(chart, width))


def chart_png(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, scale: int = PNG_SCALE) -> bytes:
    """A PNG at `scale` × `width` pixels wide, sharp on a projector and in a document."""
    return vlc.vegalite_to_png(export_spec(chart, width), scale=scale)


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """An SVG ready to sit inside an HTML5 page: no namespace URLs (HTML knows <svg>), ids made
    unique to this chart (two charts on one page would otherwise share `clip1`), an accessible
    name, and sized by CSS."""
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg, count=0)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1)


# ---------------------------------------------------------------------------------------------
# The filtered table with its sources
# ---------------------------------------------------------------------------------------------

def rows_with_sources(db: Database, scope: Scope, filters: Filters = Filters()) -> pd.DataFrame:
    """`queries.indicator_table` plus, per indicator, the report's sentences and how derived
    figures were computed: `quote_results` (results year), `quote_next` (targets year) and
    `derivations` (list of (kind, year, how))."""
    rows = queries.indicator_table(db, scope, filters)
    observations = queries.observations_in_view(db, scope, filters)
    results_quotes: dict[str, list[str]] = {}
    next_quotes: dict[str, list[str]] = {}
    derivations: dict[str, list[tuple[str, int, str]]] = {}
    ordered = observations.assign(_kind=observations["kind"].map(_KIND_ORDER).fillna(9))
    for obs in ordered.sort_values(["year", "_kind"], kind="stable").itertuples():
        quote = obs.source_quote
        if isinstance(quote, str) and quote:
            target = results_quotes if obs.year == scope.results_year else next_quotes
            bucket = target.setdefault(obs.indicator_id, [])
            if quote not in bucket:
                bucket.append(quote)
        if obs.origin == "derived" and isinstance(obs.derivation, str):
            derivations.setdefault(obs.indicator_id, []).append((obs.kind, int(obs.year), obs.derivation))
    rows = rows.copy()
    rows["quote_results"] = [results_quotes.get(i, []) for i in rows["indicator_id"]]
    rows["quote_next"] = [next_quotes.get(i, []) for i in rows["indicator_id"]]
    rows["derivations"] = [derivations.get(i, []) for i in rows["indicator_id"]]
    return rows


def by_domain(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Rows split by domain, in the catalogue's domain order; empty domains left out."""
    known = [d for d in labels.DOMAINS if (rows["domain"] == d).any()]
    others = [d for d in dict.fromkeys(rows["domain"]) if d not in labels.DOMAINS]
    return {d: rows[rows["domain"] == d].reset_index(drop=True) for d in known + others}


def _derivation_notes(derivations: list, lang: str) -> str:
    return "\n".join(f"{labels.label(labels.KINDS, kind, lang)} {year}: {how}" for kind, year, how in derivations)


def export_file_name(scope: Scope, filters: Filters, extension: str) -> str:
    """An ASCII file name saying what is inside: chi-tieu_tieu-can_2022_economy.xlsx"""
    parts = ["chi-tieu", scope.reporting_unit, str(scope.results_year)]
    if filters.domain:
        parts.append(filters.domain)
    if filters.groups or filters.statuses or filters.comparable_only or filters.search.strip():
        parts.append("loc")  # filtered: the sources sheet / the brief names the filters
    name = "_".join(re.sub(r"[^a-z0-9-]+", "-", p.lower()) for p in parts)
    return f"{name}.{extension.lstrip('.')}"


# ---------------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------------

def sheet_name(title: str, taken: set[str] = frozenset()) -> str:
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


def _decimals(value: float, most: int = 3) -> int:
    """How many decimals the number has (at most `most`): 8839.9 → 1, 1216000 → 0."""
    digits = f"{round(float(value), most):.{most}f}".rstrip("0")
    return len(digits.split(".")[1]) if "." in digits else 0


def _number_format(decimals: int) -> str:
    # Standard format codes: Excel shows the separators of the reader's locale (1.216.000 / 8.839,9
    # in Vietnamese). One format per cell, so integers show no dangling decimal mark.
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


PERCENT_FORMAT = "0.00%"
SIGNED_PERCENT_FORMAT = "+0.00%;-0.00%;0.00%"


def _columns(lang: str, scope: Scope) -> list[dict]:
    """The workbook's columns: key, header, how a cell is written, width limits."""
    results, targets = scope.results_year, scope.targets_year
    return [
        {"key": "name", "header": text("col_indicator", lang), "kind": "text", "max": 48, "wrap": True},
        {"key": "group", "header": text("col_group", lang), "kind": "text", "max": 28},
        {"key": "unit", "header": text("col_unit", lang), "kind": "text", "max": 18},
        {"key": "actual", "header": text("col_value", lang, year=results), "kind": "number"},
        {"key": "actual_qualifier", "header": text("col_qualifier", lang), "kind": "text", "max": 14},
        {"key": "total", "header": _t("col_total", lang), "kind": "number"},
        {"key": "target", "header": text("col_target", lang, year=results), "kind": "number"},
        {"key": "target_origin", "header": _t("col_target_origin", lang, year=results), "kind": "text", "max": 18},
        {"key": "attainment_pct", "header": text("col_attainment", lang), "kind": "percent"},
        {"key": "status", "header": text("col_status", lang), "kind": "text", "max": 18},
        {"key": "yoy_change_pct", "header": text("col_yoy", lang), "kind": "signed_percent"},
        {"key": "next_target", "header": text("col_next", lang, year=targets), "kind": "number"},
        {"key": "comparison", "header": text("col_comparable", lang), "kind": "text", "max": 48, "wrap": True},
        {"key": "change_needed", "header": text("col_change", lang), "kind": "number"},
        {"key": "change_needed_pct", "header": _t("col_change_pct", lang), "kind": "signed_percent"},
        {"key": "notes", "header": _t("col_notes", lang), "kind": "text", "max": 36, "wrap": True},
        {"key": "quote_results", "header": _t("col_quote_results", lang, year=results), "kind": "text",
         "max": 70, "wrap": True},
        {"key": "quote_next", "header": _t("col_quote_next", lang, year=targets), "kind": "text",
         "max": 60, "wrap": True},
        {"key": "indicator_id", "header": _t("col_id", lang), "kind": "text", "max": 32},
    ]


def _cells(row, lang: str, scope: Scope) -> dict:
    """One indicator's values for the workbook: numbers stay numbers, texts in `lang`."""
    name = labels.name_column(lang)
    unit = tables.unit_of(row, lang)
    has_target = not _missing(row.get("target"))
    derivations = row.get("derivations")
    return {
        "name": row[name],
        "group": labels.label(labels.GROUPS, row["group"], lang),
        "unit": unit if isinstance(unit, str) else None,
        "actual": row.get("actual"),
        "actual_qualifier": labels.label(labels.QUALIFIERS, row["actual_qualifier"], lang)
        if isinstance(row.get("actual_qualifier"), str) else None,
        "total": row.get("total"),
        "target": row.get("target"),
        "target_origin": labels.label(labels.ORIGINS, "derived" if row["target_derived"] else "reported", lang)
        if has_target else None,
        "attainment_pct": row.get("attainment_pct"),
        "status": labels.label(labels.STATUSES, row["status"], lang),
        "yoy_change_pct": row.get("yoy_change_pct"),
        "next_target": row.get("next_target"),
        "comparison": tables.comparison_text(row, lang, scope.results_year, scope.targets_year),
        "change_needed": row.get("change_needed"),
        "change_needed_pct": row.get("change_needed_pct"),
        "notes": _derivation_notes(derivations, lang) if isinstance(derivations, list) and derivations else None,
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
    if _missing(value):
        return 0
    if isinstance(value, float):
        return len(fmt.number(value)) + 1
    return max((len(line) for line in str(value).split("\n")), default=0)


def _write_domain_sheet(ws, rows: pd.DataFrame, lang: str, scope: Scope) -> None:
    columns = _columns(lang, scope)
    _write_header(ws, [c["header"] for c in columns])
    widths = [min(max(len(w) for w in c["header"].split()) + 2, 40) for c in columns]
    for _, row in rows.iterrows():
        values = _cells(row, lang, scope)
        ws.append([None] * len(columns))
        r = ws.max_row
        derived_target = bool(row["target_derived"]) and not _missing(row.get("target"))
        for index, column in enumerate(columns, start=1):
            value = values[column["key"]]
            cell = ws.cell(row=r, column=index)
            if _missing(value):
                continue
            kind = column["kind"]
            if kind == "number":
                number = float(value)
                if column["key"] == "change_needed":
                    number = round(number, 6)  # a difference: drop float noise (6.859999… → 6.86)
                decimals = 2 if column["key"] == "target" and derived_target else _decimals(number)
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
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(widths[index - 1], column.get("max", 16))
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def sources_rows(db: Database, scope: Scope, filters: Filters, lang: str, count: int | None = None) -> list[tuple[str, str]]:
    """What the numbers are: report, raw file checksum, snapshot and its checksums, filters."""
    manifest = db.snapshot.manifest
    reports = queries.reports(db)
    report = reports[reports["reporting_unit"] == scope.reporting_unit]
    rows: list[tuple[str, str]] = []
    if not report.empty:
        r = report.iloc[0]
        rows += [
            (_t("src_unit", lang), r["unit_name_vi"] if lang == "vi" else r["unit_name_en"]),
            (_t("src_report", lang), r["title_vi"] if lang == "vi" else r["title_en"]),
            (_t("src_report_id", lang), r["report_id"]),
            (_t("src_raw_file", lang), r["raw_file"]),
            (_t("src_raw_sha", lang), r["raw_sha256"]),
        ]
    rows += [
        (_t("src_snapshot", lang), manifest.get("snapshot_id", "")),
        (_t("src_created", lang), manifest.get("created_at", "")),
        (_t("src_data_sha", lang), manifest.get("data_sha256", "")),
    ]
    rows += [(_t("src_file_sha", lang, file=name), sha) for name, sha in (manifest.get("files") or {}).items()]
    rows.append((_t("src_filters", lang), tables.filters_phrase(filters, lang)))
    if count is not None:
        rows.append((_t("src_count", lang), str(count)))
    rows.append((_t("src_note_numbers", lang), _t("note_numbers", lang)))
    rows.append(("", _t("note_derived", lang)))
    return rows


def workbook_xlsx(tables_by_domain: dict[str, pd.DataFrame], lang: str, scope: Scope,
                  sources: list[tuple[str, str]] | None = None) -> bytes:
    """An Excel workbook: one sheet per domain (rows as from `rows_with_sources`), then a sources
    sheet. Headers in `lang`, numbers as numbers with number formats, percentages as Excel
    percentages, the report's sentence beside every row, header bold and frozen."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for domain, rows in tables_by_domain.items():
        title = sheet_name(labels.label(labels.DOMAINS, domain, lang), taken)
        taken.add(title)
        _write_domain_sheet(wb.create_sheet(title), rows, lang, scope)
    ws = wb.create_sheet(sheet_name(_t("sources_sheet", lang), taken))
    _write_header(ws, [_t("src_item", lang), _t("src_value", lang)])
    if not tables_by_domain:
        ws.append(["", _t("nothing", lang)])
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


def workbook_for_view(db: Database, scope: Scope, filters: Filters, lang: str) -> bytes:
    """The workbook of what the reader is looking at (see `workbook_xlsx`)."""
    rows = rows_with_sources(db, scope, filters)
    return workbook_xlsx(by_domain(rows), lang, scope, sources_rows(db, scope, filters, lang, len(rows)))


# ---------------------------------------------------------------------------------------------
# Meeting brief
# ---------------------------------------------------------------------------------------------

BRIEF_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, Helvetica, sans-serif;
       font-size: 10.5pt; line-height: 1.35; color: #31333F; margin: 0 auto; max-width: 182mm; padding: 8mm 0; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #D0D4DA; padding-bottom: 1mm;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
.meta, .help { color: #5A5F6B; font-size: 9pt; }
.counts { display: flex; gap: 3mm; margin: 2mm 0; }
.count { flex: 1; border: 1px solid #D0D4DA; border-radius: 2mm; padding: 2mm 3mm; }
.count .n { font-size: 18pt; font-weight: 700; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.card, .count, figure, .keep { break-inside: avoid; page-break-inside: avoid; }
.card { border: 1px solid #D0D4DA; border-radius: 2mm; padding: 2.5mm 3mm; }
.card .name { font-weight: 600; font-size: 9.5pt; }
.card .value { font-size: 15pt; font-weight: 700; margin: 1mm 0; }
.card .line { font-size: 8.5pt; }
figure { margin: 2mm 0 4mm; }
figure svg { display: block; max-width: 100%; height: auto; }
.s-exceeded { color: #0072B2; } .s-met { color: #009E73; } .s-not_met { color: #D55E00; }
.s-not_rated, .s-no_target { color: #6B6F78; }
.gap-to_go { color: #B36F00; } .gap-reached { color: #0072B2; } .gap-not_rated { color: #6B6F78; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
thead { display: table-header-group; }
th { text-align: left; background: #E8EEF4; padding: 1mm 1.2mm; vertical-align: bottom; }
td { padding: 0.8mm 1.2mm; vertical-align: top; border-top: 1px solid #E1E4E8; }
td.num { text-align: right; white-space: nowrap; }
tbody.ind { break-inside: avoid; page-break-inside: avoid; }
tr.group td { background: #F4F6F8; font-weight: 600; border-top: 1px solid #C9CED6; }
tr.quote td { border-top: none; color: #5A5F6B; font-size: 7.8pt; padding-top: 0; padding-bottom: 1.4mm; }
footer { margin-top: 8mm; color: #5A5F6B; font-size: 8pt; border-top: 1px solid #D0D4DA; padding-top: 2mm; }
"""

STATUS_MARK = {"exceeded": "▲", "met": "●", "not_met": "▼", "not_rated": "–", "no_target": "–"}


def _e(value) -> str:
    return html.escape("" if _missing(value) else str(value), quote=True)


def _created(created_at: str, lang: str) -> str:
    try:
        moment = datetime.strptime(created_at, "%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return str(created_at or "")
    return moment.strftime("%d/%m/%Y %H:%M UTC" if lang == "vi" else "%Y-%m-%d %H:%M UTC")


def _counts_html(counts: dict[str, int], lang: str) -> str:
    boxes = []
    for status in ("exceeded", "met", "not_met", "no_target"):
        value = counts.get(status, 0) + (counts.get("not_rated", 0) if status == "no_target" else 0)
        boxes.append(f'<div class="count"><div class="n s-{status}">{_e(fmt.number(value, lang))}</div>'
                     f'<div>{_e(STATUS_MARK[status])} {_e(labels.label(labels.STATUSES, status, lang))}</div></div>')
    return f'<div class="counts">{"".join(boxes)}</div>'


def _card_html(row, lang: str, scope: Scope) -> str:
    """A headline card, worded as the overview page words it."""
    name = labels.name_column(lang)
    lines = []
    if row["status"] in ("exceeded", "met", "not_met"):
        target = tables.value_text(row["target"], row, lang, decimals=2)
        plan = (f"{text('card_plan_derived', lang, year=scope.results_year)} {target}" if row["target_derived"]
                else f"{text('card_plan', lang, year=scope.results_year)}: {target}")
        lines.append(f'<span class="s-{_e(row["status"])}">{_e(STATUS_MARK[row["status"]])} '
                     f'{_e(labels.label(labels.STATUSES, row["status"], lang))}</span> '
                     f'{_e(fmt.percent(row["attainment_pct"], lang))} · {_e(plan)}')
    else:
        lines.append(f'<span class="s-no_target">{_e(text("card_no_plan", lang, year=scope.results_year))}</span>')
    if _missing(row["next_target"]):
        lines.append(_e(text("no_next_target", lang, targets=scope.targets_year)))
    else:
        label = text("card_next", lang, year=scope.targets_year)
        target = tables.value_text(row["next_target"], row, lang)
        if row["comparability"] not in COMPARABLE:
            lines.append(f'{_e(label)}: {_e(target)} · <span class="gap-not_rated">'
                         f'{_e(text("card_not_comparable", lang))}</span>')
        elif row["gap"] == "reached":
            lines.append(f'{_e(label)}: {_e(target)} · <span class="gap-reached">'
                         f'{_e(text("card_reached", lang, year=scope.targets_year))}</span>')
        else:
            lines.append(f'{_e(label)}: {_e(target)} · <span class="gap-to_go">'
                         f'{_e(text("card_to_go", lang, change=tables.change_text(row, lang)))}</span>')
    body = "".join(f'<div class="line">{line}</div>' for line in lines)
    return (f'<div class="card"><div class="name">{_e(row[name])}</div>'
            f'<div class="value">{_e(tables.actual_text(row, lang))}</div>{body}</div>')


def _figure(chart: alt.TopLevelMixin, prefix: str, title: str) -> str:
    svg = inline_svg(chart_svg(chart, BRIEF_CHART_WIDTH), prefix, title)
    return f"<figure>{svg}</figure>"


def _table_html(rows: pd.DataFrame, lang: str, scope: Scope) -> str:
    """The filtered indicators, by domain and group, each row followed by its source sentence."""
    name = labels.name_column(lang)
    headers = [text("col_indicator", lang), text("col_value", lang, year=scope.results_year),
               text("col_target", lang, year=scope.results_year), text("col_attainment", lang),
               text("col_status", lang), text("col_yoy", lang), text("col_next", lang, year=scope.targets_year),
               text("col_change", lang)]
    numeric = {1, 2, 3, 5, 6}
    parts = []
    for domain, members in by_domain(rows).items():
        parts.append(f"<h3>{_e(labels.label(labels.DOMAINS, domain, lang))} ({len(members)})</h3>")
        head = "".join(f"<th>{_e(h)}</th>" for h in headers)
        parts.append(f"<table><thead><tr>{head}</tr></thead>")
        group = None
        for _, row in members.iterrows():
            body = []
            if row["group"] != group:
                group = row["group"]
                body.append(f'<tr class="group"><td colspan="{len(headers)}">'
                            f'{_e(labels.label(labels.GROUPS, group, lang))}</td></tr>')
            target = tables.value_text(row["target"], row, lang, decimals=2)
            if not _missing(row["target"]) and row["target_derived"]:
                target += " *"
            cells = [
                row[name],
                tables.actual_text(row, lang),
                target,
                "–" if _missing(row["attainment_pct"]) else fmt.percent(row["attainment_pct"], lang),
                f"{STATUS_MARK[row['status']]} {labels.label(labels.STATUSES, row['status'], lang)}",
                "–" if _missing(row["yoy_change_pct"]) else fmt.signed(row["yoy_change_pct"], lang) + "%",
                tables.value_text(row["next_target"], row, lang),
                tables.change_text(row, lang),
            ]
            tds = "".join(
                f'<td class="num">{_e(c)}</td>' if i in numeric else
                (f'<td class="s-{_e(row["status"])}">{_e(c)}</td>' if i == 4 else f"<td>{_e(c)}</td>")
                for i, c in enumerate(cells))
            body.append(f"<tr>{tds}</tr>")
            notes = []
            if row["quote_results"]:
                notes.append(f"{_e(_t('brief_source', lang))}: "
                             + " · ".join(f"“{_e(q)}”" for q in row["quote_results"]))
            if row["quote_next"]:
                notes.append(f"{_e(_t('brief_next_source', lang, year=scope.targets_year))}: "
                             + " · ".join(f"“{_e(q)}”" for q in row["quote_next"]))
            if row["derivations"]:
                notes.append("* " + _e(_derivation_notes(row["derivations"], lang)).replace("\n", "; "))
            if notes:
                body.append(f'<tr class="quote"><td colspan="{len(headers)}">{"<br>".join(notes)}</td></tr>')
            parts.append(f'<tbody class="ind">{"".join(body)}</tbody>')
        parts.append("</table>")
    return "".join(parts)


def meeting_brief_html(db: Database, scope: Scope, filters: Filters = Filters(), lang: str = "vi") -> str:
    """One self-contained HTML file for a meeting: status counts, headline cards, the attainment
    and next-year charts (inline SVG) and the filtered table with the report's sentences.
    No external resource of any kind; prints on A4."""
    manifest = db.snapshot.manifest
    reports = queries.reports(db)
    report = reports[reports["reporting_unit"] == scope.reporting_unit]
    report = report.iloc[0] if not report.empty else None
    unit = (report["unit_name_vi"] if lang == "vi" else report["unit_name_en"]) if report is not None \
        else scope.reporting_unit
    title = text("app_title", lang, unit=unit)
    rows = rows_with_sources(db, scope, filters)
    counts = queries.status_counts(db, scope, filters)
    headline = queries.headline_indicators(db, scope)
    attained = queries.attainment(db, scope, filters)
    targets = queries.next_year_targets(db, scope, filters)
    results, nxt = scope.results_year, scope.targets_year

    out = [f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title)}</title><style>{BRIEF_CSS}</style></head><body>",
           f"<header><h1>{_e(title)}</h1>",
           f"<p>{_e(text('overview_subtitle', lang, results=results, targets=nxt))}</p>",
           f'<p class="meta">{_e(_t("brief_made", lang, snapshot=manifest.get("snapshot_id", ""), created=_created(manifest.get("created_at", ""), lang)))}</p>',
           f'<p class="meta">{_e(_t("brief_scope", lang, what=tables.filters_phrase(filters, lang), n=len(rows)))}</p>',
           "</header>"]

    out.append(f'<section class="keep"><h2>{_e(text("status_counts_title", lang, year=results))}</h2>'
               f"{_counts_html(counts, lang)}</section>")
    if not headline.empty:
        cards = "".join(_card_html(row, lang, scope) for _, row in headline.iterrows())
        out.append(f'<section><h2>{_e(text("headline_title", lang))}</h2><div class="cards">{cards}</div></section>')

    heading = text("attainment_title", lang, year=results)
    out.append(f"<section><h2>{_e(heading)}</h2>")
    if attained.empty:
        out.append(f'<p class="help">{_e(text("no_attainment", lang, year=results))}</p>')
    else:
        out.append(f'<p class="help">{_e(text("attainment_help", lang, year=results))}</p>')
        out.append(_figure(charts.attainment_chart(attained, lang), "attainment", heading))
    out.append("</section>")

    heading = text("next_title", lang, results=results, targets=nxt)
    out.append(f"<section><h2>{_e(heading)}</h2>")
    if comparable(targets).any():
        out.append(f'<p class="help">{_e(text("next_help", lang, targets=nxt))}</p>')
        out.append(_figure(charts.next_year_chart(targets, lang), "next-year", heading))
    else:
        out.append(f'<p class="help">{_e(text("no_next", lang))}</p>')
    out.append("</section>")

    out.append(f'<section><h2>{_e(text("table_title", lang))}</h2>')
    if rows.empty:
        out.append(f'<p class="help">{_e(text("nothing_here", lang))}</p>')
    else:
        out.append(_table_html(rows, lang, scope))
    out.append("</section>")

    if report is not None:
        footer = _t("brief_footer", lang, report=report["title_vi"] if lang == "vi" else report["title_en"],
                    file=report["raw_file"], sha=report["raw_sha256"])
        out.append(f"<footer>{_e(footer)}</footer>")
    out.append("</body></html>")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Size and time of each export on the current snapshot: python -m lib.export
# ---------------------------------------------------------------------------------------------

def measure(db: Database, scope: Scope, filters: Filters = Filters(), lang: str = "vi") -> list[tuple[str, int, float]]:
    """(export, bytes, seconds) of every export of one view."""
    measured = []

    def timed(label: str, make):
        start = time.perf_counter()
        result = make()
        seconds = time.perf_counter() - start
        size = len(result.encode("utf-8")) if isinstance(result, str) else len(result)
        measured.append((label, size, seconds))
        return result

    attained = queries.attainment(db, scope, filters)
    timed("chart_svg (attainment, first call)", lambda: chart_svg(charts.attainment_chart(attained, lang)))
    timed("chart_svg (attainment)", lambda: chart_svg(charts.attainment_chart(attained, lang)))
    timed("chart_png (attainment, scale 2)", lambda: chart_png(charts.attainment_chart(attained, lang)))
    timed("workbook_for_view", lambda: workbook_for_view(db, scope, filters, lang))
    timed("meeting_brief_html", lambda: meeting_brief_html(db, scope, filters, lang))
    return measured


if __name__ == "__main__":
    from pathlib import Path

    from lib.snapshot import latest_snapshot

    snapshot = latest_snapshot(Path(__file__).resolve().parent.parent / "data" / "snapshots")
    database = Database(snapshot)
    view = Scope("tieu-can", 2022, 2023)
    for what, filters in (("all", Filters()), ("economy", Filters(domain="economy"))):
        for label, size, seconds in measure(database, view, filters):
            print(f"{what:8} {label:38} {size:>10,} B {seconds * 1000:8.0f} ms")
