"""The meeting brief: one self-contained HTML file that prints on A4. Its counts, cards and table are
the page's own (lib/render/tables.py rendering each indicator's reading), so the brief says what the page
says, in the same words."""
from __future__ import annotations

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
from lib.render.templating import markup, render
from lib.view import filters
from lib.view.filters import Filters
from lib.words import labels
from lib.words.words import VIETNAMESE, Words

BRIEF_CHART_WIDTH = 680  # px: the printable width of A4 with the brief's margins, text at real size
SHORT_FIGURE = 14  # characters of a figure kept on one line in a table cell
BRIEF_NAME_CHARS = 36  # characters of a name's line on a chart's axis
BRIEF_BARS = 14  # bars in one figure: a figure never needs more than a page

def _figures(chart_of: Callable[[pd.DataFrame], alt.TopLevelMixin], rows: pd.DataFrame, prefix: str,
             title: str, note: str) -> str:
    """A chart at the page's width, its title inside the image, every name in full and room past
    each bar for its label; a long one cut into figures of at most BRIEF_BARS bars on one axis, so
    no figure is taller than a page."""
    whole = chart_of(rows)
    axis = charts.drawn_extent(whole)
    by_id = rows.set_index("indicator_id", drop=False)
    runs = chunks(list(whole.data["indicator_id"]), BRIEF_BARS)
    figures = []
    for number, run in enumerate(runs, 1):
        heading = title if len(runs) == 1 else f"{title} ({number}/{len(runs)})"
        svg = chart_svg(chart_of(by_id.loc[run].reset_index(drop=True)), BRIEF_CHART_WIDTH,
                        name_chars=BRIEF_NAME_CHARS, caption=(heading,), x_domain=axis)
        figures.append({"svg": markup(inline_svg(svg, f"{prefix}-{number}", heading)),
                        "note": note if number == len(runs) else ""})
    return markup(render("brief_figures.html", figures=figures))


def _figure_class(cell: str) -> str:
    """A figure stays on one line; words in a figure's column ("+4,02 điểm % so kế hoạch") wrap."""
    return "num" if len(cell) <= SHORT_FIGURE else "num long"


def _domain_tables(rows: pd.DataFrame, words: Words, scope: Scope) -> list[dict]:
    """The filtered indicators, by domain and group, each row followed by its source sentences:
    the page's table columns (`tables.indicator_row`) for every indicator's reading."""
    headers = tables.indicator_columns(words, scope.results_year, scope.targets_year)
    domains = []
    for domain, members in by_domain(rows).items():
        indicators, group = [], None
        for row in members.to_dict("records"):
            read = reading.read(row, words)
            heading = ""
            if row["group"] != group:
                group = row["group"]
                heading = words.label(labels.GROUPS, group)
            notes = []
            if row["quote_results"]:
                notes.append(f"{words.text('brief_source')}: " + " · ".join(f"“{q}”" for q in row["quote_results"]))
            if row["quote_next"]:
                notes.append(f"{words.text('brief_next_source', year=scope.targets_year)}: "
                             + " · ".join(f"“{q}”" for q in row["quote_next"]))
            if read.reason:
                notes.append(f"{words.text('col_reason')}: {read.reason}")
            if row["derivations"]:
                notes.append("* " + derivation_notes(row["derivations"], words).replace("\n", "; "))
            indicators.append({"indicator_id": row["indicator_id"], "group": heading, "notes": notes,
                               "cells": markup(tables.indicator_cells_html(read, _figure_class))})
        # The domain's name heads its table: it comes back on every page and never stands alone at a foot.
        domains.append({"title": f"{words.label(labels.DOMAINS, domain)} ({len(members)})",
                        "headers": headers, "indicators": indicators})
    return domains


# The columns of the next-year table: name, result, target, comparison (of `tables.indicator_row`).
NEXT_COLUMNS = (0, 1, 6, 7)
COMPARISON_COLUMN = 7


def _next_year_rows(rows: pd.DataFrame, words: Words) -> list[dict]:
    """Next year's targets in view, each beside the result and in the words of its reading."""
    out = []
    for read in reading.read_all(rows, words):
        cells = tables.indicator_row(read)
        out.append({"indicator_id": read.indicator_id, "tone": read.tone, "cells": [
            {"kind": "num", "text": cells[i], "css": _figure_class(cells[i])} if i in tables.NUMERIC_COLUMNS else
            {"kind": "comparison" if i == COMPARISON_COLUMN else "text", "text": cells[i]} for i in NEXT_COLUMNS]})
    return out


def meeting_brief_html(db: Database, scope: Scope, view: Filters = Filters(), words: Words = VIETNAMESE) -> str:
    """One self-contained HTML file for a meeting that prints on A4: a summary of at most two pages
    (status counts, the headline cards in view, what fell short of the plan, next year's targets)
    and an appendix (the attainment and next-year charts as inline SVG, the full table with the
    report's sentences). No external resource of any kind."""
    manifest = db.snapshot.manifest
    report = report_of(db, scope)
    reporting_unit = (report[words.column("reporting_unit_name")]) if report is not None \
        else scope.reporting_unit
    title = words.text("app_title", reporting_unit=reporting_unit)
    rows = rows_with_sources(db, scope, view)
    counts = queries.status_counts(db, scope, view)
    headline = rows[rows["headline"].notna()].sort_values("headline", kind="stable")
    attained = queries.attainment(db, scope, view)
    judged_directly = queries.judged_without_share(db, scope, view)
    targets = queries.next_year_targets(db, scope, view)
    short = rows[rows["status"] == "not_met"]
    results, nxt = scope.results_year, scope.targets_year

    pieces = paragraph.year_paragraph(rows, counts, words, results, nxt,
                                      words.text("filter_domain_phrase", domain=words.label(labels.DOMAINS, view.domain))
                                      if view.domain else reporting_unit)
    cards = "".join(tables.card_html(r, said=tables.report_says(queries.indicator_statements(db, scope, r.indicator_id), words))
                    for r in reading.read_all(headline, words))
    side_by_side = comparable(targets)
    headers = tables.indicator_columns(words, results, nxt)
    appendix: list[str | dict[str, str]] = []  # HTML, or a note the template sets as a paragraph
    heading = words.text("attainment_title", year=results)
    if attained.empty:
        appendix.append({"help": f"{heading}: {words.text('no_attainment', year=results)}"})
    else:
        appendix.append(_figures(lambda part: charts.attainment_chart(part, words), attained, "attainment", heading,
                                 words.text("attainment_help", year=results)))
    appendix.extend(markup(tables.judged_line_html(r)) for r in reading.read_all(judged_directly, words))
    if side_by_side.any():
        appendix.append(_figures(lambda part: charts.next_year_chart(part, words), targets, "next-year",
                                 words.text("next_title", results=results, targets=nxt), words.text("next_help", targets=nxt)))
    statements = []
    for domain in ([view.domain] if view.domain else list(labels.DOMAINS)):
        said = queries.domain_statements(db, scope, domain)
        if not said.empty:
            statements.append({"title": f"{words.label(labels.DOMAINS, domain)}: {words.text('domain_statements_title')}",
                               "html": markup(tables.statements_html(said, words))})
    footer = words.text("brief_footer", report=report[words.column("title")],
                  file=report["raw_file"], sha=report["raw_sha256"]) if report is not None else ""
    return render(
        "brief.html", lang=words.lang, title=title,
        subtitle=words.text("overview_subtitle", results=results, targets=nxt),
        made=words.text("brief_made", snapshot=manifest.get("snapshot_id", ""),
                  created=words.local_time(manifest.get("created_at"))),
        in_view=words.text("brief_scope", what=filters.phrase(view, words), n=len(rows)),
        paragraph=markup(paragraph.as_html(pieces, link=lambda indicator_id: f"#ind-{indicator_id}")),
        counts_title=words.text("status_counts_title", year=results), counts=markup(tables.status_counts_html(counts, words)),
        cards_title=words.text("headline_title"), cards=markup(cards),
        short_title=words.text("brief_not_met", year=results),
        short=markup("".join(tables.judged_line_html(r) for r in reading.read_all(short, words))),
        none_short=words.text("brief_none_not_met", year=results),
        next_title=words.text("brief_next", targets=nxt), no_next=words.text("no_next"),
        next_headers=[{"text": headers[i], "num": i in tables.NUMERIC_COLUMNS} for i in NEXT_COLUMNS],
        next_rows=_next_year_rows(targets[side_by_side], words) if side_by_side.any() else [],
        others_title=words.text("brief_other_targets", targets=nxt, results=results),
        others="; ".join(f"{r.name}: {r.next_target}" for r in reading.read_all(targets[~side_by_side], words)),
        appendix_title=words.text("brief_appendix"), appendix=appendix, statements=statements,
        table_title=words.text("table_title"), domains=_domain_tables(rows, words, scope) if not rows.empty else [],
        nothing_here=words.text("nothing_here"), footer=footer)
