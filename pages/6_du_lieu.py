"""Dữ liệu: the filtered observations with their source quotes, and a CSV that opens in Excel."""
import streamlit as st

from lib import tables, ui
from lib.labels import text

page = ui.start("data")
lang, explorer, scope = page.lang, page.explorer, page.scope
st.title(text("data_title", lang))
state = ui.filter_widgets(page, with_domain=True)
filters = ui.filters_of(state, state.domain)
observations = explorer.observations_in_view(scope, filters)
st.caption(ui.describe_filters(state, lang, observations["indicator_id"].nunique(), state.domain) + " "
           + text("data_caption", lang, n=len(observations)))
st.download_button(text("download_csv", lang), data=lambda: tables.csv_for_excel(observations),
                   file_name=f"chi-tieu-{scope.reporting_unit}-{page.results}.csv", mime="text/csv",
                   icon=":material/download:")
ui.actions(page, state, filters)
st.dataframe(tables.observations_table(observations, lang), hide_index=True, width="stretch", height=620)
ui.publish(page, state)
