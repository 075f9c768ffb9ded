"""The pieces pages are built from: status counts, headline cards, the indicator table, counts
without a plan, the next-year targets not drawn, the report's sentences. Each renders readings
(lib/judgement/reading.py); none judges or words a figure itself. No SQL here; their HTML is the macros
of lib/render/templates/components.html, every text escaped there."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from markupsafe import Markup

from lib.judgement import reading
from lib.judgement.rules import comparable
from lib.offices import figure_sources as provenance
from lib.render import charts, charts_pace, paragraph, tables
from lib.render.templating import piece
from lib.web import static_table, vega
from lib.web.registry import PAGES, url_path
from lib.web.shell import Page
from lib.web.widgets import folded
from lib.words import labels
from lib.words.vntext import literal, numeric_tokens


def html(macro: str, *args) -> str:
    """One macro of lib/render/templates/components.html: its texts escaped, markup (`markup`) kept."""
    return piece("components.html", macro, *args)


def markup(made: str) -> Markup:
    """HTML a template made already (a card of lib/render/tables.py): the one place a page marks markup."""
    return Markup(made)


def readings(page: Page, rows: pd.DataFrame) -> list[reading.Reading]:
    return reading.read_all(rows, page.words)


def year_paragraph(page: Page, rows: pd.DataFrame, counts: dict[str, int], where: str) -> None:
    """The year in a paragraph (lib/render/paragraph.py), each indicator's name opening its page."""
    pieces = paragraph.year_paragraph(rows, counts, page.words, page.results, page.targets, where)
    st.html(paragraph.as_html(pieces, link=lambda indicator_id: indicator_address(page, indicator_id)))


def status_counts(page: Page, counts: dict[str, int]) -> None:
    """Four counts in a grid that keeps two per row on a phone instead of four stacked screens."""
    st.subheader(page.words.text("status_counts_title", year=page.results))
    st.html(tables.status_counts_html(counts, page.words))


def headline_cards(page: Page, rows: pd.DataFrame, links: bool = True) -> None:
    """Cards for the headline indicators (`tables.card_html`): one HTML grid, light to draw, and it
    stacks on a phone. Every text is escaped."""
    cards = [tables.card_html(r, indicator_address(page, r.indicator_id) if links else None,
                              page.words.text("open_indicator"), said=report_says(page, r.indicator_id))
             for r in readings(page, rows)]
    st.html(html("headline_cards", [markup(card) for card in cards]))


def judged_without_share(page: Page, rows: pd.DataFrame) -> None:
    """Under an attainment chart: results judged against their target without a share (growth)."""
    lines = [tables.judged_line_html(r) for r in readings(page, rows)]
    if lines:
        st.html("".join(lines))


def indicator_table(page: Page, rows: pd.DataFrame) -> None:
    """The table whose indicator names open the indicator page."""
    shown = tables.indicator_table(readings(page, rows), page.words, page.results, page.targets)
    st.caption(page.words.text("table_help"))
    links = [indicator_address(page, indicator_id) for indicator_id in rows["indicator_id"]]
    static_table.show(shown, page.words, links=links, numeric=[shown.columns[i] for i in tables.NUMERIC_COLUMNS],
                      statuses=list(rows["status"]), testid="ct-indicator-table")


def indicator_address(page: Page, indicator_id: str) -> str:
    """The indicator page's address, in this page's language, unit and year."""
    query = {"id": indicator_id, **{key: value for key, value in page.state.to_query("indicator").items()
                                    if key in ("lang", "unit", "year", "snap")}}
    return f"./{url_path('indicator')}?{urlencode(query, doseq=True)}"


def highlighted_sentence(sentence: str, numbers: list[str]) -> str:
    """The report's sentence with its numbers marked (whole numbers only); everything escaped."""
    wanted = set(numbers)
    parts, last = [], 0
    for token in numeric_tokens(sentence):
        if token.text in wanted:
            parts += [(sentence[last:token.start], False), (token.text, True)]
            last = token.end
    return html("quote", [*parts, (sentence[last:], False)])


def counts_cards(page: Page, rows: pd.DataFrame) -> None:
    """Counts without a target, each with its pair (19 vụ / 18 lượt đối tượng), grouped: one light
    HTML grid per group (dozens of bordered containers slow the page down), wrapping on a phone."""
    st.html(html("count_groups", [(page.words.label(labels.GROUPS, group), [markup(card) for card in cards])
                                  for group, cards in tables.counts_cards(rows, page.words).items()]))


def targets_not_drawn(page: Page, targets: pd.DataFrame) -> None:
    """Next-year targets that cannot be set beside this year's result: listed with the reason."""
    words = page.words
    read = readings(page, targets)
    for listed_kinds, title in ((("not_comparable", "reduction"), "not_comparable_title"),
                                (("no_baseline",), "no_baseline_title")):
        listed = [r for r in read if r.comparison in listed_kinds]
        if not listed:
            continue
        key = f"{listed_kinds[0]}_menu"
        with folded(f"{words.text(title, results=page.results, targets=page.targets)} ({len(listed)})",
                    key=key, expanded=listed_kinds[0] == "not_comparable") as menu:
            if not menu.open:
                continue
            # A static table wraps the reasons instead of cutting them off.
            shown = tables.not_comparable_table(listed, words, page.results, page.targets)
            static_table.show(shown, words, links=[indicator_address(page, r.indicator_id) for r in listed],
                              numeric=[words.text("col_next", year=page.targets)], testid=f"ct-{listed_kinds[0]}-table")


def observation_list(page: Page, values: pd.DataFrame) -> None:
    """Every value of one indicator by year and kind; derived ones say how, to the report's precision."""
    words = page.words
    decimals = reading.derived_decimals(values)
    shown = pd.DataFrame([{
        words.text("col_year"): str(v["year"]),
        words.text("col_kind"): words.label(labels.KINDS, v["kind"]),
        words.text("col_value", year="").strip(): (("≈ " if v["origin"] == "derived" else "")
                                                    + words.with_unit(v["value"], v["unit_of_measure"],
                                                                    decimals=d if v["origin"] == "derived" else None)),
        words.text("col_qualifier"): words.label(labels.QUALIFIERS, v["qualifier"])
        if isinstance(v["qualifier"], str) else "",
        words.text("col_origin"): words.label(labels.ORIGINS, v["origin"])
        + (f" ({v['derivation']})" if isinstance(v["derivation"], str) else ""),
        words.text("col_report"): v["report_id"],
    } for (_, v), d in zip(values.iterrows(), decimals)])
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="–")


def figure_sources(page: Page, values: pd.DataFrame) -> None:
    """For the reports the figures above came from: the raw file, and who prepared and approved it
    and when, or that it was published directly (lib/offices/figure_sources.py)."""
    words = page.words
    known = provenance.report_sources(page.explorer.snapshot.path, page.explorer.reports())
    shown = [known[r] for r in dict.fromkeys(values["report_id"].astype(str)) if r in known]
    if not shown:
        return
    st.markdown(f"**{words.text('provenance_title')}**")
    for source in shown:
        how = (words.text("provenance_approved", approver=literal(source.approved_by),
                          preparer=literal(source.prepared_by), date=words.local_time(source.approved_at))
               if source.approved else words.text("provenance_direct"))
        st.markdown(words.text("provenance_line", report=literal(source.report_id), file=literal(source.raw_file),
                               how=how))


def across_reporting_units(page: Page, indicator_id: str) -> None:
    """The same indicator in every reporting unit, best first; shown once there are several units.
    Where fewer than two units reported the page's year, each unit's latest whole year, so commune
    and province reports stand beside the districts' historical ones; a unit that ceased says when."""
    if len(page.explorer.reporting_units) < 2:
        return
    rows, title = page.explorer.indicator_across_reporting_units(indicator_id, page.results), "across_units_title"
    if len(rows) < 2:
        rows, title = page.explorer.indicator_across_reporting_units(indicator_id, None), "across_units_latest"
    st.subheader(page.words.text(title, year=page.results))
    years_differ(page)
    if len(rows) >= 2:
        named = charts_pace.reporting_units_named(rows, with_year=title == "across_units_latest")
        vega.chart(charts.reporting_units_chart(named, page.words), key="across_reporting_units")


def related_links(page: Page, related: pd.DataFrame) -> None:
    if related.empty:
        return
    st.markdown(f"**{page.words.text('related')}**")
    name = page.words.column("name")
    for _, other in related.iterrows():
        st.page_link(PAGES["indicator"].file, label=other[name], icon=":material/link:",
                     query_params={"id": other["indicator_id"], **page.words.link_query()})


def next_year_chart(page: Page, targets: pd.DataFrame, figure, key: str = "next_year") -> None:
    """The results-to-targets chart; when nothing can be drawn, a sentence that says why instead of
    an empty frame."""
    if comparable(targets).any():
        st.caption(page.words.text("next_help", targets=page.targets))
        vega.chart(figure, key=key)
    elif targets.empty:
        st.info(page.words.text("next_none", reporting_unit=literal(page.reporting_unit_name), targets=page.targets), icon=":material/info:")
    else:
        st.info(page.words.text("next_none_comparable", results=page.results, targets=page.targets, n=len(targets)),
                icon=":material/info:")


def years_differ(page: Page) -> None:
    """Across units: say which units have no report for the year shown, and offer the nearest year
    that every unit reports."""
    explorer, words = page.explorer, page.words
    missing = [u for u in explorer.reporting_units if page.results not in explorer.years_of(u)]
    if not missing:
        return
    names = ", ".join(f"{explorer.reporting_unit_name(u, words)} ({', '.join(map(str, explorer.years_of(u)))})" for u in missing)
    common = set.intersection(*(set(explorer.years_of(u)) for u in explorer.reporting_units))
    if not common:
        st.caption(words.text("years_differ_none", year=page.results, reporting_units=literal(names)))
        return
    nearest = min(common, key=lambda y: (abs(y - page.results), -y))
    st.caption(words.text("years_differ", year=page.results, reporting_units=literal(names), nearest=nearest))
    st.page_link(PAGES[page.key].file, label=words.text("years_differ_go", year=nearest), icon=":material/event:",
                 query_params={**st.query_params.to_dict(), "year": str(nearest)})


def report_says(page: Page, indicator_id: str) -> str | None:
    """The card's line of what the report says of an indicator ("Báo cáo nhận định: …")."""
    return tables.report_says(page.explorer.indicator_statements(page.scope, indicator_id), page.words)


def report_says_line(page: Page, indicator_id: str) -> None:
    """The report's word on an indicator beside its reading on the indicator page, as on its card."""
    said = report_says(page, indicator_id)
    if said:
        st.html(html("report_says", said))


def indicator_statements(page: Page, indicator_id: str) -> None:
    """Everything the report says in words of one indicator, by kind."""
    statements = page.explorer.indicator_statements(page.scope, indicator_id)
    if not statements.empty:
        st.subheader(page.words.text("statements_title"))
        st.html(tables.statements_html(statements, page.words))


def indicator_notes(page: Page, indicator_id: str) -> None:
    """The staff's notes on one indicator, newest first: author, date, text."""
    notes = page.explorer.indicator_notes(indicator_id)
    if notes.empty:
        return
    st.html(html("notes", page.words.text("notes_title"),
                 [(note.text, note.author, page.words.date(note.date)) for note in notes.itertuples()]))


def domain_statements(page: Page, domain: str) -> None:
    """The domain's shortcomings, their causes and next year's tasks, as the report words them."""
    st.subheader(page.words.text("domain_statements_title"))
    statements = page.explorer.domain_statements(page.scope, domain)
    if statements.empty:
        st.caption(page.words.text("no_domain_statements"))
    else:
        st.html(tables.statements_html(statements, page.words))
