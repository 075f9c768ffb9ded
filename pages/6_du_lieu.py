"""Dữ liệu: the filtered observations with their source quotes, and a CSV that opens in Excel."""
import streamlit as st

from lib.render import tables
from lib.web import shell, widgets
from lib.words.labels import text

page = shell.start("data")
lang, explorer, scope = page.lang, page.explorer, page.scope
st.title(text("data_title", lang))
state = widgets.filter_widgets(page, with_domain=True)
observations = explorer.observations_in_view(scope, state.filters)
st.caption(widgets.describe_filters(page, state.filters, observations["indicator_id"].nunique()) + " "
           + text("data_caption", lang, n=len(observations)))
st.download_button(text("download_csv", lang), data=lambda: tables.csv_for_excel(observations),
                   file_name=f"chi-tieu-{scope.reporting_unit}-{page.results}.csv", mime="text/csv",
                   icon=":material/download:")
widgets.actions(page, state, state.filters)
shown = tables.observations_table(observations, lang)
st.dataframe(shown, hide_index=True, width="stretch", height=620, placeholder="–",
             column_config={c: st.column_config.Column(width=w) for c, w in tables.column_widths(shown).items()})
shell.finish(page, state)
