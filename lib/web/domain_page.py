"""The layout the four domain pages share: filters, the three charts, counts, the table."""
from __future__ import annotations

import streamlit as st

from lib.judgement.rules import comparable
from lib.render import charts
from lib.view.filters import Filters
from lib.web import components, shell, widgets
from lib.web.vega import chart
from lib.words.labels import DOMAINS


def render(domain: str) -> None:
    page = shell.start(domain)
    words, explorer, scope = page.words, page.explorer, page.scope
    st.title(words.label(DOMAINS, domain))
    whole = Filters(domain=domain)
    components.year_paragraph(page, explorer.indicator_table(scope, whole), explorer.status_counts(scope, whole),
                              words.text("filter_domain_phrase", domain=words.label(DOMAINS, domain)))
    state = widgets.filter_widgets(page)
    filters = state.filters
    rows = explorer.indicator_table(scope, filters)
    st.caption(widgets.describe_filters(page, filters, len(rows)))
    if rows.empty:
        widgets.actions(page, state, filters)
        st.info(words.text("nothing_here"), icon=":material/filter_alt_off:")
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
    titles = {"attainment": words.text("attainment_title", year=page.results),
              "year_on_year": words.text("yoy_title", previous=page.results - 1),
              "next_year": words.text("next_title", results=page.results, targets=page.targets)}
    in_view = _with_rows(attainment, changes, targets)
    built = {"attainment": lambda: charts.attainment_chart(attainment, words),
             "year_on_year": lambda: charts.year_on_year_chart(changes, words),
             "next_year": lambda: charts.next_year_chart(targets, words)}
    figures = {key: (titles[key], build()) for key, build in built.items() if sections[key]}
    # Take away only the charts with something on them.
    widgets.actions(page, state, filters, {key: figure for key, figure in figures.items() if in_view[key]})

    if not sections["attainment"]:
        # Security and party figures are mostly counts: they lead, with no empty chart.
        st.caption(words.text("no_attainment", year=page.results))
        if not counts.empty:
            st.subheader(words.text("counts_title"))
            components.counts_cards(page, counts)
    else:
        st.subheader(titles["attainment"])
        st.caption(words.text("attainment_help", year=page.results) if in_view["attainment"]
                   else words.text("no_attainment", year=page.results))
        chart(figures["attainment"][1], key="attainment")
        components.judged_without_share(page, explorer.judged_without_share(scope, filters))

    if sections["year_on_year"]:
        st.subheader(titles["year_on_year"])
        if not in_view["year_on_year"]:
            st.caption(words.text("no_yoy", previous=page.results - 1))
        chart(figures["year_on_year"][1], key="year_on_year")

    st.subheader(titles["next_year"])
    if sections["next_year"]:
        st.caption(words.text("next_help", targets=page.targets) if in_view["next_year"] else words.text("no_next"))
        chart(figures["next_year"][1], key="next_year")
    else:
        st.caption(words.text("no_next"))
    components.targets_not_drawn(page, targets)

    if sections["attainment"] and not counts.empty:
        with widgets.folded(f"{words.text('counts_title')} ({len(counts)})", key="counts_menu") as menu:
            if menu.open:
                components.counts_cards(page, counts)

    st.subheader(words.text("table_title"))
    components.indicator_table(page, rows)
    components.domain_statements(page, domain)
    shell.finish(page, state)


def _with_rows(attainment, changes, targets) -> dict[str, bool]:
    """Which of the three charts have something to draw from these answers."""
    return {"attainment": not attainment.empty, "year_on_year": not changes.empty,
            "next_year": bool(comparable(targets).any())}
