"""Dữ liệu: the filtered observations with their source quotes, and a CSV that opens in Excel."""
import streamlit as st

from lib.render import tables
from lib.web import shell, widgets

page = shell.start("data")
words, explorer, scope = page.words, page.explorer, page.scope
st.title(words.text("data_title"))
state = widgets.filter_widgets(page, with_domain=True)
observations = explorer.observations_in_view(scope, state.filters)
st.caption(widgets.describe_filters(page, state.filters, observations["indicator_id"].nunique()) + " "
           + words.text("data_caption", n=len(observations)))
st.download_button(words.text("download_csv"), data=lambda: tables.csv_for_excel(observations),
                   file_name=f"chi-tieu-{scope.reporting_unit}-{page.results}.csv", mime="text/csv",
                   icon=":material/download:")
widgets.actions(page, state, state.filters)
shown = tables.observations_table(observations, words)
st.dataframe(shown, hide_index=True, width="stretch", height=620, placeholder="–",
             column_config={c: st.column_config.Column(width=w) for c, w in tables.column_widths(shown).items()})
shell.finish(page, state)
