"""Chỉ tiêu: one indicator — every value, its status, the report's sentences, unit, definition."""
from dataclasses import replace

import streamlit as st

from lib import charts, labels, tables, ui
from lib import format as fmt
from lib.labels import text

page = ui.start("indicator")
lang, explorer, scope = page.lang, page.explorer, page.scope
everything = explorer.indicator_table(scope)
names = dict(zip(everything["indicator_id"], everything[labels.name_column(lang)]))
picker = ui.widget_key("w_indicator", lang)
if st.session_state.get(picker) not in names:
    st.session_state[picker] = everything["indicator_id"].iloc[0]
domains = dict(zip(everything["indicator_id"], everything["domain"]))
indicator_id = st.selectbox(text("pick_indicator", lang), options=list(names), key=picker,
                            format_func=lambda i: f"{names[i]} ({labels.label(labels.DOMAINS, domains[i], lang)})")
row = explorer.indicator(scope, indicator_id).iloc[0]
entry = explorer.indicator_catalogue_entry(indicator_id).iloc[0]

st.title(row[labels.name_column(lang)])
st.caption(f"{labels.label(labels.DOMAINS, row['domain'], lang)} · {labels.label(labels.GROUPS, row['group'], lang)}")
# Four in a row on a screen, two by two on a phone (columns would stack them, one screen-wide row each).
with st.grid(4, min_column_width=150):
    st.metric(text("col_value", lang, year=page.results), tables.actual_text(row, lang))
    st.metric(text("col_target", lang, year=page.results), tables.target_text(row, lang))
    st.metric(text("col_attainment", lang), "–" if row["attainment_pct"] != row["attainment_pct"]
              else fmt.percent(row["attainment_pct"], lang))
    st.metric(text("col_next", lang, year=page.targets), tables.value_text(row["next_target"], row, lang))
st.markdown(f":{ui.STATUS_BADGE[row['status']]}-badge[{ui.STATUS_MARK[row['status']]} "
            f"{labels.label(labels.STATUSES, row['status'], lang)}] · "
            f"{text('direction', lang)}: {labels.label(labels.DIRECTIONS, row['direction'], lang)} · "
            f"{text('measure', lang)}: {labels.label(labels.MEASURES, row['measure'], lang)} · "
            f"{text('unit', lang)}: {tables.unit_of(row, lang)}")

values = explorer.indicator_observations(scope, indicator_id)
if values["kind"].isin(["actual", "target"]).any():
    st.subheader(text("values_title", lang))
    ui.chart(charts.indicator_values_chart(values, lang), key="values")
ui.observation_list(page, values)
ui.across_units(page, indicator_id)

st.subheader(text("sources_title", lang))
for sentence, number in values[values["origin"] == "reported"].groupby("source_sentence", sort=False)["number_as_written"]:
    st.html(ui.highlighted_sentence(sentence, list(number)))

definition = entry[f"definition_{lang}"]
if isinstance(definition, str):
    st.markdown(f"**{text('definition', lang)}.** {definition}")
st.markdown(f"**{text('comparison', lang)}.** {tables.comparison_text(row, lang, page.results, page.targets)}")
ui.related_links(page, explorer.related_indicators(indicator_id))

state = replace(page.state, indicator_id=indicator_id)
ui.actions(page, state)
ui.publish(page, state)
