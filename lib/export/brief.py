"""The meeting brief: one self-contained HTML file that prints on A4. Its counts, cards and table are
the page's own (lib/render/tables.py rendering each indicator's reading), so the brief says what the page
says, in the same words."""
from __future__ import annotations

import html
from collections.abc import Callable

import altair as alt
import pandas as pd

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.export.deck import chunks
from lib.export.images import chart_svg, inline_svg
from lib.export.sources import by_domain, derivation_notes, report_of, rows_with_sources
from lib.judgement import reading
from lib.judgement.rules import comparable
from lib.render import charts, paragraph, tables
from lib.view import filters
from lib.view.filters import Filters
from lib.words import labels, look
from lib.words import number_format as fmt
from lib.words.labels import text

BRIEF_CHART_WIDTH = 680  # px: the printable width of A4 with the brief's margins, text at real size
SHORT_FIGURE = 14  # characters of a figure kept on one line in a table cell
BRIEF_NAME_CHARS = 36  # characters of a name's line on a chart's axis
BRIEF_BARS = 14  # bars in one figure: a figure never needs more than a page

BRIEF_CSS = f"""
@page {{ size: A4; margin: 14mm 14mm 16mm 14mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, Helvetica, sans-serif;
       font-size: 10.5pt; line-height: 1.35; color: {look.INK}; margin: 0 auto; max-width: 182mm; padding: 8mm 0; }}
@media print {{ body {{ max-width: none; padding: 0; }} }}
h1 {{ font-size: 20pt; margin: 0 0 2mm; }}
h2 {{ font-size: 13.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #D0D4DA; padding-bottom: 1mm;
     break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }}
p {{ margin: 0 0 1.5mm; }}
.meta, .help {{ color: #5A5F6B; font-size: 9pt; }}
.ct-counts {{ display: flex; gap: 3mm; margin: 2mm 0; }}
.ct-count {{ flex: 1; border: 1px solid #D0D4DA; border-top: 4px solid; border-radius: 2mm; padding: 2mm 3mm; }}
.ct-count-value {{ font-size: 18pt; font-weight: 700; }}
.ct-cards {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }}
.ct-card, .ct-count, figure, .keep {{ break-inside: avoid; page-break-inside: avoid; }}
.ct-card {{ border: 1px solid #D0D4DA; border-radius: 2mm; padding: 2.5mm 3mm; font-size: 8.5pt; }}
.ct-card-title {{ font-weight: 600; font-size: 9.5pt; }}
.ct-card-big {{ font-size: 15pt; font-weight: 700; margin: 1mm 0; }}
.ct-badge {{ display: inline-block; padding: 0 1.2mm; border-radius: 1mm; font-weight: 600; white-space: nowrap; }}
{look.status_css("ct-badge")}
{look.tone_css("ct-tone")}
.ct-judged {{ margin: 1mm 0; font-size: 9pt; }}
figure {{ margin: 2mm 0 4mm; }}
figure svg {{ display: block; max-width: 100%; height: auto; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8.5pt; }}
thead {{ display: table-header-group; }}
th {{ text-align: left; background: #E8EEF4; padding: 1mm 1.2mm; vertical-align: bottom; }}
td {{ padding: 0.8mm 1.2mm; vertical-align: top; border-top: 1px solid #E1E4E8; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.num.long {{ white-space: normal; }}
td.status {{ white-space: nowrap; }}
table.full td:first-child {{ min-width: 30mm; }}
tr.domain th {{ background: none; padding: 3mm 0 1mm; }}
tr.domain h3 {{ margin: 0; }}
table.next td:first-child {{ width: 32%; }}
.appendix {{ break-before: page; page-break-before: always; }}
table.full {{ font-size: 7.8pt; }}
table.next {{ font-size: 7.8pt; }}
.summary h2 {{ margin-top: 4.5mm; }}
.summary .ct-count-value {{ font-size: 15pt; }}
.summary .ct-count {{ padding: 1.2mm 3mm; }}
table.next td:nth-child(4) {{ width: 36%; }}
p.ct-paragraph {{ font-size: 9.5pt; line-height: 1.4; margin: 1mm 0 1mm; }}
p.ct-paragraph a {{ color: inherit; text-decoration: none; }}
.ct-card-said {{ font-style: italic; color: #3A4150; border-left: 2px solid {look.BLUE}; padding-left: 1.5mm; }}
.ct-statements ul {{ margin: 0.5mm 0 2mm; padding-left: 5mm; font-size: 9pt; }}
p.others {{ font-size: 7.6pt; margin-top: 1.5mm; }}
.summary .ct-card {{ font-size: 7.8pt; padding: 1.8mm 2.4mm; }}
.summary .ct-card-big {{ font-size: 13pt; margin: 0.5mm 0; }}
table.full td, table.full th {{ padding: 0.6mm 0.8mm; }}
h2.appendix-title {{ margin-top: 0; }}
.ct-judged {{ break-inside: avoid; page-break-inside: avoid; }}
tbody.ind {{ break-inside: avoid; page-break-inside: avoid; }}
tr.group td {{ background: #F4F6F8; font-weight: 600; border-top: 1px solid #C9CED6; }}
tr.quote td {{ border-top: none; color: #5A5F6B; font-size: 7.8pt; padding-top: 0; padding-bottom: 1.4mm; }}
footer {{ margin-top: 8mm; color: #5A5F6B; font-size: 8pt; border-top: 1px solid #D0D4DA; padding-top: 2mm; }}
"""


def _e(value) -> str:
    return html.escape("" if reading.missing(value) else str(value), quote=True)


def _figures(chart_of: Callable[[pd.DataFrame], alt.TopLevelMixin], rows: pd.DataFrame, prefix: str,
             title: str, note: str) -> str:
    """A chart at the page's width, its title inside the image, every name in full and room past
    each bar for its label; a long one cut into figures of at most BRIEF_BARS bars on one axis, so
    no figure is taller than a page."""
    whole = chart_of(rows)
    axis = charts.drawn_extent(whole)
    by_id = rows.set_index("indicator_id", drop=False)
    runs = chunks(list(whole.data["indicator_id"]), BRIEF_BARS)
    out = []
    for number, run in enumerate(runs, 1):
        heading = title if len(runs) == 1 else f"{title} ({number}/{len(runs)})"
        svg = chart_svg(chart_of(by_id.loc[run].reset_index(drop=True)), BRIEF_CHART_WIDTH,
                        name_chars=BRIEF_NAME_CHARS, caption=(heading,), x_domain=axis)
        caption = f'<figcaption class="help">{_e(note)}</figcaption>' if number == len(runs) else ""
        out.append(f"<figure>{inline_svg(svg, f'{prefix}-{number}', heading)}{caption}</figure>")
    return "".join(out)


def _figure_class(cell: str) -> str:
    """A figure stays on one line; words in a figure's column ("+4,02 điểm % so kế hoạch") wrap."""
    return "num" if len(cell) <= SHORT_FIGURE else "num long"


def _table_html(rows: pd.DataFrame, lang: str, scope: Scope) -> str:
    """The filtered indicators, by domain and group, each row followed by its source sentences:
    the page's table columns (`tables.indicator_row`) for every indicator's reading."""
    headers = tables.indicator_columns(lang, scope.results_year, scope.targets_year)
    parts = []
    for domain, members in by_domain(rows).items():
        # The domain's name heads its table: it comes back on every page and never stands alone at a foot.
        head = "".join(f"<th>{_e(h)}</th>" for h in headers)
        parts.append(f'<table class="full"><thead><tr class="domain"><th colspan="{len(headers)}"><h3>'
                     f'{_e(labels.label(labels.DOMAINS, domain, lang))} ({len(members)})</h3></th></tr>'
                     f"<tr>{head}</tr></thead>")
        group = None
        for row in members.to_dict("records"):
            read = reading.read(row, lang)
            body = []
            if row["group"] != group:
                group = row["group"]
                body.append(f'<tr class="group"><td colspan="{len(headers)}">'
                            f'{_e(labels.label(labels.GROUPS, group, lang))}</td></tr>')
            body.append(f"<tr>{tables.indicator_cells_html(read, _figure_class)}</tr>")
            notes = []
            if row["quote_results"]:
                notes.append(f"{_e(text('brief_source', lang))}: "
                             + " · ".join(f"“{_e(q)}”" for q in row["quote_results"]))
            if row["quote_next"]:
                notes.append(f"{_e(text('brief_next_source', lang, year=scope.targets_year))}: "
                             + " · ".join(f"“{_e(q)}”" for q in row["quote_next"]))
            if read.reason:
                notes.append(f"{_e(text('col_reason', lang))}: {_e(read.reason)}")
            if row["derivations"]:
                notes.append("* " + _e(derivation_notes(row["derivations"], lang)).replace("\n", "; "))
            if notes:
                body.append(f'<tr class="quote"><td colspan="{len(headers)}">{"<br>".join(notes)}</td></tr>')
            parts.append(f'<tbody class="ind" id="ind-{_e(row["indicator_id"])}" data-indicator="{_e(row["indicator_id"])}">'
                         f'{"".join(body)}</tbody>')
        parts.append("</table>")
    return "".join(parts)


def _next_year_html(rows: pd.DataFrame, lang: str, scope: Scope) -> str:
    """Next year's targets in view, each beside the result and in the words of its reading: the
    page table's name, result, target and comparison columns."""
    shown = (0, 1, 6, 7)
    headers = tables.indicator_columns(lang, scope.results_year, scope.targets_year)
    head = "".join(f'<th{" class=num" if i in tables.NUMERIC_COLUMNS else ""}>{_e(headers[i])}</th>' for i in shown)
    body = []
    for read in reading.read_all(rows, lang):
        cells = tables.indicator_row(read)
        body.append(f'<tr data-indicator="{_e(read.indicator_id)}">' + "".join(
            f'<td class="{_figure_class(cells[i])}">{_e(cells[i])}</td>' if i in tables.NUMERIC_COLUMNS else
            (f'<td><span class="ct-tone-{_e(read.tone)} ct-comparison">{_e(cells[i])}</span></td>' if i == 7
             else f"<td>{_e(cells[i])}</td>") for i in shown) + "</tr>")
    return f'<table class="next"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def meeting_brief_html(db: Database, scope: Scope, view: Filters = Filters(), lang: str = "vi") -> str:
    """One self-contained HTML file for a meeting that prints on A4: a summary of at most two pages
    (status counts, the headline cards in view, what fell short of the plan, next year's targets)
    and an appendix (the attainment and next-year charts as inline SVG, the full table with the
    report's sentences). No external resource of any kind."""
    manifest = db.snapshot.manifest
    report = report_of(db, scope)
    unit = (report["unit_name_vi"] if lang == "vi" else report["unit_name_en"]) if report is not None \
        else scope.reporting_unit
    title = text("app_title", lang, unit=unit)
    rows = rows_with_sources(db, scope, view)
    counts = queries.status_counts(db, scope, view)
    headline = rows[rows["headline"].notna()].sort_values("headline", kind="stable")
    attained = queries.attainment(db, scope, view)
    judged_directly = queries.judged_without_share(db, scope, view)
    targets = queries.next_year_targets(db, scope, view)
    short = rows[rows["status"] == "not_met"]
    results, nxt = scope.results_year, scope.targets_year

    out = [f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title)}</title><style>{BRIEF_CSS}</style></head><body>",
           f'<section class="summary"><header><h1>{_e(title)}</h1>',
           f"<p>{_e(text('overview_subtitle', lang, results=results, targets=nxt))}</p>",
           f'<p class="meta">{_e(text("brief_made", lang, snapshot=manifest.get("snapshot_id", ""), created=fmt.local_time(manifest.get("created_at"), lang)))}</p>',
           f'<p class="meta">{_e(text("brief_scope", lang, what=filters.phrase(view, lang), n=len(rows)))}</p>',
           "</header>"]
    pieces = paragraph.year_paragraph(rows, counts, lang, results, nxt,
                                      text("filter_domain_phrase", lang, domain=labels.label(labels.DOMAINS, view.domain, lang))
                                      if view.domain else unit)
    out.append(paragraph.as_html(pieces, link=lambda indicator_id: f"#ind-{indicator_id}"))
    out.append(f'<section class="keep"><h2>{_e(text("status_counts_title", lang, year=results))}</h2>'
               f"{tables.status_counts_html(counts, lang)}</section>")
    if not headline.empty:
        cards = "".join(tables.card_html(r, said=tables.report_says(queries.indicator_statements(db, scope, r.indicator_id), lang))
                        for r in reading.read_all(headline, lang))
        out.append(f'<section><h2>{_e(text("headline_title", lang))}</h2><div class="ct-cards">{cards}</div></section>')
    lines = "".join(tables.judged_line_html(r) for r in reading.read_all(short, lang)) or \
        f'<p class="help">{_e(text("brief_none_not_met", lang, year=results))}</p>'
    out.append(f'<section class="keep"><h2>{_e(text("brief_not_met", lang, year=results))}</h2>{lines}</section>')
    side_by_side = comparable(targets)
    others = "; ".join(f"{r.name}: {r.next_target}" for r in reading.read_all(targets[~side_by_side], lang))
    out.append(f'<section><h2>{_e(text("brief_next", lang, targets=nxt))}</h2>'
               + (_next_year_html(targets[side_by_side], lang, scope) if side_by_side.any()
                  else f'<p class="help">{_e(text("no_next", lang))}</p>')
               + (f'<p class="others"><b>{_e(text("brief_other_targets", lang, targets=nxt, results=results))}</b> '
                  f"{_e(others)}.</p>" if others else "") + "</section>")
    out.append("</section>")

    out.append(f'<section class="appendix"><h2 class="appendix-title">{_e(text("brief_appendix", lang))}</h2>')
    heading = text("attainment_title", lang, year=results)
    if attained.empty:
        out.append(f'<p class="help">{_e(heading)}: {_e(text("no_attainment", lang, year=results))}</p>')
    else:
        out.append(_figures(lambda part: charts.attainment_chart(part, lang), attained, "attainment", heading,
                            text("attainment_help", lang, year=results)))
    out.extend(tables.judged_line_html(r) for r in reading.read_all(judged_directly, lang))
    if comparable(targets).any():
        out.append(_figures(lambda part: charts.next_year_chart(part, lang), targets, "next-year",
                            text("next_title", lang, results=results, targets=nxt), text("next_help", lang, targets=nxt)))
    for domain in ([view.domain] if view.domain else list(labels.DOMAINS)):
        said = queries.domain_statements(db, scope, domain)
        if not said.empty:
            out.append(f'<section class="statements"><h3>{_e(labels.label(labels.DOMAINS, domain, lang))}: '
                       f'{_e(text("domain_statements_title", lang))}</h3>{tables.statements_html(said, lang)}</section>')
    out.append(f'<h3 class="table-title">{_e(text("table_title", lang))}</h3>')
    if rows.empty:
        out.append(f'<p class="help">{_e(text("nothing_here", lang))}</p>')
    else:
        out.append(_table_html(rows, lang, scope))
    out.append("</section>")

    if report is not None:
        footer = text("brief_footer", lang, report=report["title_vi"] if lang == "vi" else report["title_en"],
                      file=report["raw_file"], sha=report["raw_sha256"])
        out.append(f"<footer>{_e(footer)}</footer>")
    out.append("</body></html>")
    return "".join(out)
