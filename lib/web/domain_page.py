"""The layout the four domain pages share: filters, the three charts, counts, the table."""
from __future__ import annotations

import streamlit as st

from lib.judgement.rules import comparable
from lib.render import charts
from lib.view.filters import Filters
from lib.web import components, shell, widgets
from lib.web.vega import chart
from lib.words.labels import DOMAINS, label, text


def render(domain: str) -> None:
    page = shell.start(domain)
    lang, explorer, scope = page.lang, page.explorer, page.scope
    st.title(label(DOMAINS, domain, lang))
    whole = Filters(domain=domain)
    components.year_paragraph(page, explorer.indicator_table(scope, whole), explorer.status_counts(scope, whole),
                              text("filter_domain_phrase", lang, domain=label(DOMAINS, domain, lang)))
    state = widgets.filter_widgets(page)
    filters = state.filters
    rows = explorer.indicator_table(scope, filters)
    st.caption(widgets.describe_filters(page, filters, len(rows)))
    if rows.empty:
        widgets.actions(page, state, filters)
        st.info(text("nothing_here", lang), icon=":material/filter_alt_off:")
        shell.finish(page, state)
        return

    # The answers and their charts first: the take-away menu above offers the same charts.
    attainment = explorer.attainment(scope, filters)
    counts = explorer.counts_with_pairs(scope, filters)
    changes = explorer.year_on_year(scope, filters)
    targets = explorer.next_year_targets(scope, filters)
    # The sections follow the domain, not the filters: a chart the domain has stays in place with
    # whatever rows the filters keep, even none. A filter then swaps rows into the charts on screen
    # instead of adding or removing them, and the page does not jump under the reader's eyes.
    sections = _with_rows(explorer.attainment(scope, whole), explorer.year_on_year(scope, whole),
                          explorer.next_year_targets(scope, whole))
    titles = {"attainment": text("attainment_title", lang, year=page.results),
              "year_on_year": text("yoy_title", lang, previous=page.results - 1),
              "next_year": text("next_title", lang, results=page.results, targets=page.targets)}
    in_view = _with_rows(attainment, changes, targets)
    built = {"attainment": lambda: charts.attainment_chart(attainment, lang),
             "year_on_year": lambda: charts.year_on_year_chart(changes, lang),
             "next_year": lambda: charts.next_year_chart(targets, lang)}
    figures = {key: (titles[key], build()) for key, build in built.items() if sections[key]}
    # Take away only the charts with something on them.
    widgets.actions(page, state, filters, {key: figure for key, figure in figures.items() if in_view[key]})

    if not sections["attainment"]:
        # Security and party figures are mostly counts: they lead, with no empty chart.
        st.caption(text("no_attainment", lang, year=page.results))
        if not counts.empty:
            st.subheader(text("counts_title", lang))
            components.counts_cards(page, counts)
    else:
        st.subheader(titles["attainment"])
        st.caption(text("attainment_help", lang, year=page.results) if in_view["attainment"]
                   else text("no_attainment", lang, year=page.results))
        chart(figures["attainment"][1], key="attainment")
        components.judged_without_share(page, explorer.judged_without_share(scope, filters))

    if sections["year_on_year"]:
        st.subheader(titles["year_on_year"])
        if not in_view["year_on_year"]:
            st.caption(text("no_yoy", lang, previous=page.results - 1))
        chart(figures["year_on_year"][1], key="year_on_year")

    st.subheader(titles["next_year"])
    if sections["next_year"]:
        st.caption(text("next_help", lang, targets=page.targets) if in_view["next_year"] else text("no_next", lang))
        chart(figures["next_year"][1], key="next_year")
    else:
        st.caption(text("no_next", lang))
    components.targets_not_drawn(page, targets)

    if sections["attainment"] and not counts.empty:
        with widgets.folded(f"{text('counts_title', lang)} ({len(counts)})", key="counts_menu") as menu:
            if menu.open:
                components.counts_cards(page, counts)

    st.subheader(text("table_title", lang))
    components.indicator_table(page, rows)
    components.domain_statements(page, domain)
    shell.finish(page, state)


def _with_rows(attainment, changes, targets) -> dict[str, bool]:
    """Which of the three charts have something to draw from these answers."""
    return {"attainment": not attainment.empty, "year_on_year": not changes.empty,
            "next_year": bool(comparable(targets).any())}
