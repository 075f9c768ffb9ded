"""Chỉ tiêu: one indicator — every value, its status, the report's sentences, unit, definition."""
from dataclasses import replace

import streamlit as st

from lib.judgement import reading
from lib.render import charts
from lib.web import components, province_view, shell, url_sync, widgets
from lib.web.vega import chart
from lib.words import labels, look
from lib.words.vntext import literal

page = shell.start("indicator")
words, explorer, scope = page.words, page.explorer, page.scope
everything = explorer.indicator_table(scope)
names = dict(zip(everything["indicator_id"], everything[words.column("name")]))
picker = url_sync.widget_key("w_indicator", words)
if st.session_state.get(picker) not in names:
    st.session_state[picker] = everything["indicator_id"].iloc[0]
domains = dict(zip(everything["indicator_id"], everything["domain"]))
indicator_id = widgets.folded_picker(words.text("pick_indicator"), list(names), key=picker, words=words,
                                     format_func=lambda i: f"{names[i]} ({words.label(labels.DOMAINS, domains[i])})")
row = explorer.indicator(scope, indicator_id).iloc[0]
entry = explorer.indicator_catalogue_entry(indicator_id).iloc[0]
read = reading.read(row.to_dict(), words)

st.title(literal(read.name))
st.caption(f"{words.label(labels.DOMAINS, row['domain'])} · {words.label(labels.GROUPS, row['group'])}")
# Four in a row on a screen, two by two on a phone (columns would stack them, one screen-wide row each).
with st.grid(4, min_column_width=150):
    st.metric(words.text("col_value", year=page.results), read.actual)
    # spending is set against its estimate ("dự toán"), not a plan (docs/judgements.md)
    st.metric(words.text("card_estimate" if read.against_estimate else "col_target", year=page.results), read.plan)
    st.metric(words.text("col_share_of_estimate" if read.against_estimate else "col_attainment"), read.share)
    st.metric(words.text("col_next", year=page.targets), read.next_target)
st.markdown(f":{look.STATUS_STREAMLIT[read.status]}-badge[{read.status_text}] · "
            f"{words.text('direction')}: {words.label(labels.DIRECTIONS, row['direction'])} · "
            f"{words.text('measure')}: {words.label(labels.MEASURES, row['measure'])} · "
            f"{words.text('unit_of_measure')}: {read.unit_of_measure}")
# Beside the reading: the report's own word on it, and the staff's notes.
components.report_says_line(page, indicator_id)
components.indicator_notes(page, indicator_id)

values = explorer.indicator_observations(scope, indicator_id)
if charts.draws_values(values):
    st.subheader(words.text("values_title"))
    chart(charts.indicator_values_chart(values, words, against_estimate=read.against_estimate), key="values")
components.observation_list(page, values)
components.figure_sources(page, values)
# a province's leaders see the units under it; any other unit, every unit side by side
if not province_view.section(page, indicator_id):
    components.across_reporting_units(page, indicator_id)

st.subheader(words.text("sources_title"))
for sentence, number in values[values["origin"] == "reported"].groupby("source_sentence", sort=False)["number_as_written"]:
    st.html(components.highlighted_sentence(sentence, list(number)))

definition = entry[words.column("definition")]
if isinstance(definition, str):
    st.markdown(f"**{words.text('definition')}.** {definition}")
st.markdown(f"**{words.text('comparison')}.** {read.next_line}" + (f" — {read.reason}" if read.reason else ""))
components.indicator_statements(page, indicator_id)
components.related_links(page, explorer.related_indicators(indicator_id))

state = replace(page.state, indicator_id=indicator_id)
widgets.actions(page, state)
shell.finish(page, state)
