"""The pieces pages are built from: status counts, headline cards, the indicator table, counts
without a plan, the next-year targets not drawn, the report's sentences. Each renders readings
(lib/judgement/reading.py); none judges or words a figure itself. No SQL here."""
from __future__ import annotations

import html
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from lib.judgement import reading
from lib.judgement.rules import comparable
from lib.render import charts, charts_pace, paragraph, tables
from lib.web import static_table, vega
from lib.web.registry import PAGES, url_path
from lib.web.shell import Page
from lib.web.widgets import folded
from lib.words import labels
from lib.words import number_format as fmt
from lib.words.labels import text
from lib.words.vntext import literal, numeric_tokens


def readings(page: Page, rows: pd.DataFrame) -> list[reading.Reading]:
    return reading.read_all(rows, page.lang)


def year_paragraph(page: Page, rows: pd.DataFrame, counts: dict[str, int], where: str) -> None:
    """The year in a paragraph (lib/render/paragraph.py), each indicator's name opening its page."""
    pieces = paragraph.year_paragraph(rows, counts, page.lang, page.results, page.targets, where)
    st.html(paragraph.as_html(pieces, link=lambda indicator_id: indicator_address(page, indicator_id)))


def status_counts(page: Page, counts: dict[str, int]) -> None:
    """Four counts in a grid that keeps two per row on a phone instead of four stacked screens."""
    st.subheader(text("status_counts_title", page.lang, year=page.results))
    st.html(tables.status_counts_html(counts, page.lang))


def headline_cards(page: Page, rows: pd.DataFrame, links: bool = True) -> None:
    """Cards for the headline indicators (`tables.card_html`): one HTML grid, light to draw, and it
    stacks on a phone. Every text is escaped."""
    cards = [tables.card_html(r, indicator_address(page, r.indicator_id) if links else None,
                              text("open_indicator", page.lang), said=report_says(page, r.indicator_id))
             for r in readings(page, rows)]
    st.html(f"<div class='ct-cards ct-headlines'>{''.join(cards)}</div>")


def judged_without_share(page: Page, rows: pd.DataFrame) -> None:
    """Under an attainment chart: results judged against their target without a share (growth)."""
    lines = [tables.judged_line_html(r) for r in readings(page, rows)]
    if lines:
        st.html("".join(lines))


def indicator_table(page: Page, rows: pd.DataFrame) -> None:
    """The table whose indicator names open the indicator page."""
    shown = tables.indicator_table(readings(page, rows), page.lang, page.results, page.targets)
    st.caption(text("table_help", page.lang))
    links = [indicator_address(page, indicator_id) for indicator_id in rows["indicator_id"]]
    static_table.show(shown, page.lang, links=links, numeric=[shown.columns[i] for i in tables.NUMERIC_COLUMNS],
                      statuses=list(rows["status"]), testid="ct-indicator-table")


def indicator_address(page: Page, indicator_id: str) -> str:
    """The indicator page's address, in this page's language, unit and year."""
    query = {"id": indicator_id, **{key: value for key, value in page.state.to_query("indicator").items()
                                    if key in ("lang", "unit", "year", "snap")}}
    return f"./{url_path('indicator')}?{urlencode(query, doseq=True)}"


def highlighted_sentence(sentence: str, numbers: list[str]) -> str:
    """The report's sentence with its numbers marked (whole numbers only); everything escaped."""
    wanted = set(numbers)
    pieces, last = [], 0
    for token in numeric_tokens(sentence):
        if token.text in wanted:
            pieces.append(html.escape(sentence[last:token.start]))
            pieces.append(f"<mark class='ct-number'>{html.escape(token.text)}</mark>")
            last = token.end
    pieces.append(html.escape(sentence[last:]))
    return f"<div class='ct-quote'>{''.join(pieces)}</div>"


def counts_cards(page: Page, rows: pd.DataFrame) -> None:
    """Counts without a target, each with its pair (19 vụ / 18 lượt đối tượng), grouped: one light
    HTML grid per group (dozens of bordered containers slow the page down), wrapping on a phone."""
    st.html("".join(f"<h5 class='ct-group'>{html.escape(labels.label(labels.GROUPS, group, page.lang))}</h5>"
                    f"<div class='ct-cards'>{''.join(cards)}</div>"
                    for group, cards in tables.counts_cards(rows, page.lang).items()))


def targets_not_drawn(page: Page, targets: pd.DataFrame) -> None:
    """Next-year targets that cannot be set beside this year's result: listed with the reason."""
    lang = page.lang
    read = readings(page, targets)
    for listed_kinds, title in ((("not_comparable", "reduction"), "not_comparable_title"),
                                (("no_baseline",), "no_baseline_title")):
        listed = [r for r in read if r.comparison in listed_kinds]
        if not listed:
            continue
        key = f"{listed_kinds[0]}_menu"
        with folded(f"{text(title, lang, results=page.results, targets=page.targets)} ({len(listed)})",
                    key=key, expanded=listed_kinds[0] == "not_comparable") as menu:
            if not menu.open:
                continue
            # A static table wraps the reasons instead of cutting them off.
            shown = tables.not_comparable_table(listed, lang, page.results, page.targets)
            static_table.show(shown, lang, links=[indicator_address(page, r.indicator_id) for r in listed],
                              numeric=[text("col_next", lang, year=page.targets)], testid=f"ct-{listed_kinds[0]}-table")


def observation_list(page: Page, values: pd.DataFrame) -> None:
    """Every value of one indicator by year and kind; derived ones say how, to the report's precision."""
    lang = page.lang
    decimals = reading.derived_decimals(values)
    shown = pd.DataFrame([{
        text("col_year", lang): str(v["year"]),
        text("col_kind", lang): labels.label(labels.KINDS, v["kind"], lang),
        text("col_value", lang, year="").strip(): (("≈ " if v["origin"] == "derived" else "")
                                                    + fmt.with_unit(v["value"], v["unit"], lang,
                                                                    decimals=d if v["origin"] == "derived" else None)),
        text("col_qualifier", lang): labels.label(labels.QUALIFIERS, v["qualifier"], lang)
        if isinstance(v["qualifier"], str) else "",
        text("col_origin", lang): labels.label(labels.ORIGINS, v["origin"], lang)
        + (f" ({v['derivation']})" if isinstance(v["derivation"], str) else ""),
    } for (_, v), d in zip(values.iterrows(), decimals)])
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="–")


def across_units(page: Page, indicator_id: str) -> None:
    """The same indicator in every reporting unit, best first; shown once there are several units.
    Where fewer than two units reported the page's year, each unit's latest whole year, so commune
    and province reports stand beside the districts' historical ones; a unit that ceased says when."""
    if len(page.explorer.units) < 2:
        return
    rows, title = page.explorer.indicator_across_units(indicator_id, page.results), "across_units_title"
    if len(rows) < 2:
        rows, title = page.explorer.indicator_across_units(indicator_id, None), "across_units_latest"
    st.subheader(text(title, page.lang, year=page.results))
    years_differ(page)
    if len(rows) >= 2:
        named = charts_pace.units_named(rows, with_year=title == "across_units_latest")
        vega.chart(charts.units_chart(named, page.lang), key="across_units")


def related_links(page: Page, related: pd.DataFrame) -> None:
    if related.empty:
        return
    st.markdown(f"**{text('related', page.lang)}**")
    name = labels.name_column(page.lang)
    for _, other in related.iterrows():
        st.page_link(PAGES["indicator"].file, label=other[name], icon=":material/link:",
                     query_params={"id": other["indicator_id"], **({"lang": page.lang} if page.lang != "vi" else {})})


def next_year_chart(page: Page, targets: pd.DataFrame, figure, key: str = "next_year") -> None:
    """The results-to-targets chart; when nothing can be drawn, a sentence that says why instead of
    an empty frame."""
    if comparable(targets).any():
        st.caption(text("next_help", page.lang, targets=page.targets))
        vega.chart(figure, key=key)
    elif targets.empty:
        st.info(text("next_none", page.lang, unit=literal(page.unit_name), targets=page.targets), icon=":material/info:")
    else:
        st.info(text("next_none_comparable", page.lang, results=page.results, targets=page.targets, n=len(targets)),
                icon=":material/info:")


def years_differ(page: Page) -> None:
    """Across units: say which units have no report for the year shown, and offer the nearest year
    that every unit reports."""
    explorer, lang = page.explorer, page.lang
    missing = [u for u in explorer.units if page.results not in explorer.years_of(u)]
    if not missing:
        return
    names = ", ".join(f"{explorer.unit_name(u, lang)} ({', '.join(map(str, explorer.years_of(u)))})" for u in missing)
    common = set.intersection(*(set(explorer.years_of(u)) for u in explorer.units))
    if not common:
        st.caption(text("years_differ_none", lang, year=page.results, units=literal(names)))
        return
    nearest = min(common, key=lambda y: (abs(y - page.results), -y))
    st.caption(text("years_differ", lang, year=page.results, units=literal(names), nearest=nearest))
    st.page_link(PAGES[page.key].file, label=text("years_differ_go", lang, year=nearest), icon=":material/event:",
                 query_params={**st.query_params.to_dict(), "year": str(nearest)})


def report_says(page: Page, indicator_id: str) -> str | None:
    """The card's line of what the report says of an indicator ("Báo cáo nhận định: …")."""
    return tables.report_says(page.explorer.indicator_statements(page.scope, indicator_id), page.lang)


def report_says_line(page: Page, indicator_id: str) -> None:
    """The report's word on an indicator beside its reading on the indicator page, as on its card."""
    said = report_says(page, indicator_id)
    if said:
        st.html(f"<div class='ct-said' data-testid='ct-report-says'><b>{html.escape(said)}</b></div>")


def indicator_statements(page: Page, indicator_id: str) -> None:
    """Everything the report says in words of one indicator, by kind."""
    statements = page.explorer.indicator_statements(page.scope, indicator_id)
    if not statements.empty:
        st.subheader(text("statements_title", page.lang))
        st.html(tables.statements_html(statements, page.lang))


def indicator_notes(page: Page, indicator_id: str) -> None:
    """The staff's notes on one indicator, newest first: author, date, text."""
    notes = page.explorer.indicator_notes(indicator_id)
    if notes.empty:
        return
    e = html.escape
    items = "".join(f"<div class='ct-note' data-testid='ct-note'>{e(note.text)}</div>"
                    f"<div class='ct-note-by'>{e(note.author)} · {e(fmt.date(note.date, page.lang))}</div>"
                    for note in notes.itertuples())
    st.html(f"<div><b>{e(text('notes_title', page.lang))}</b>{items}</div>")


def domain_statements(page: Page, domain: str) -> None:
    """The domain's shortcomings, their causes and next year's tasks, as the report words them."""
    st.subheader(text("domain_statements_title", page.lang))
    statements = page.explorer.domain_statements(page.scope, domain)
    if statements.empty:
        st.caption(text("no_domain_statements", page.lang))
    else:
        st.html(tables.statements_html(statements, page.lang))
