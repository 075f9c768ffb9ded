"""Tiến độ: a year in progress — each indicator of a period's report against the year's target."""
import streamlit as st

from lib.render import charts_pace
from lib.web import shell, widgets
from lib.web.vega import chart
from lib.words import labels, look
from lib.words.labels import text

page = shell.start("pace")
lang, explorer = page.lang, page.explorer
periods = explorer.periods_reported()
if periods.empty:
    st.info(text("pace_none", lang))
    st.stop()
title = st.empty()  # the title names the year picked below
names = periods["unit_name_vi" if lang == "vi" else "unit_name_en"]
choices = {f"{unit}|{year}|{period}": (unit, int(year), period, as_of, name)
           for unit, year, period, as_of, name in zip(periods["reporting_unit"], periods["year"], periods["period"],
                                                      periods["as_of"], names)}
picked = st.selectbox(text("pace_period", lang), options=list(choices), key="w_pace_period",
                      format_func=lambda k: f"{choices[k][4]} · {charts_pace.period_name(choices[k][2], choices[k][1], lang)}")
unit, year, period, as_of, unit_name = choices[picked]
rows = explorer.pace(unit, year, period, as_of)
title.title(text("pace_title", lang, year=year))
st.caption(charts_pace.caption(rows, unit_name, period, year, as_of, lang))

counts = rows["pace"].value_counts()
st.markdown(" · ".join(f":{look.PACE_STREAMLIT[p]}-badge[{labels.label(labels.PACE, p, lang)}: {counts[p]}]"
                       for p in labels.PACE if p in counts))
if rows["share_pct"].notna().any():
    chart(charts_pace.pace_chart(rows, lang), key="pace")
figures = explorer.periods_line(unit, year)
st.dataframe(charts_pace.pace_table(rows, figures, lang), hide_index=True, width="stretch")
widgets.actions(page, page.state)
shell.finish(page)
