"""Tổng quan: how the year went against the plan, and how far next year's targets are.
With ?present=1 the same page runs the meeting slides."""
import streamlit as st

from lib.render import charts
from lib.view.filters import Filters
from lib.web import components, present, shell, widgets
from lib.web.vega import chart
from lib.words.vntext import literal

page = shell.start("overview")
words, explorer, scope = page.words, page.explorer, page.scope

if page.state.present:
    shell.finish(page, present.show(page))
    st.stop()

targets = explorer.next_year_targets(scope)
attainment = charts.attainment_chart(explorer.attainment(scope), words)
next_year = charts.next_year_chart(targets, words)
attainment_title = words.text("attainment_title", year=page.results)
next_title = words.text("next_title", results=page.results, targets=page.targets)

st.title(words.text("app_title", reporting_unit=literal(page.reporting_unit_name)))
st.caption(words.text("overview_subtitle", results=page.results, targets=page.targets))
with widgets.button_row():
    present.enter_button(page)
    widgets.share(page, page.state)
    widgets.take_away(page, Filters(), {"attainment": (attainment_title, attainment),
                                        "next_year": (next_title, next_year)})

counts = explorer.status_counts(scope)
components.year_paragraph(page, explorer.indicator_table(scope), counts, page.reporting_unit_name)
components.status_counts(page, counts)

st.subheader(words.text("headline_title"))
components.headline_cards(page, explorer.headline_indicators(scope))

st.subheader(attainment_title)
st.caption(words.text("attainment_help", year=page.results))
chart(attainment, key="attainment")
components.judged_without_share(page, explorer.judged_without_share(scope))

st.subheader(next_title)
components.next_year_chart(page, targets, next_year)
components.targets_not_drawn(page, targets)

shell.finish(page)
