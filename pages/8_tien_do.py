"""Tiến độ: a year in progress — each indicator of a period's report against the year's target.
With only a year-end report there is no pace to show: the page says so and shows the year's reading."""
import streamlit as st

from lib.render import charts, charts_pace
from lib.web import components, shell, widgets
from lib.web.registry import PAGES
from lib.web.vega import chart
from lib.words import labels, look
from lib.words.vntext import literal

page = shell.start("pace")
words, explorer = page.words, page.explorer
periods = explorer.periods_reported()
if periods.empty:
    st.info(words.text("pace_none"))
    st.stop()
title = st.empty()  # the title names the year picked below
part_year = charts_pace.part_year(periods)
if part_year.empty:
    reporting_unit, year = page.scope.reporting_unit, page.scope.results_year
    title.title(words.text("pace_title", year=year))
    st.info(words.text("pace_year_end_only", reporting_unit=literal(page.reporting_unit_name), year=year))
    scope = explorer.scope_for(reporting_unit, year)
    components.status_counts(page, explorer.status_counts(scope))
    attained = explorer.attainment(scope)
    if not attained.empty:  # the year's final reading, as the overview draws it
        st.subheader(words.text("attainment_title", year=year))
        chart(charts.attainment_chart(attained, words), key="year_end_attainment")
    st.page_link(PAGES["overview"].file, label=words.text("pace_open_overview", year=year), icon=":material/summarize:",
                 query_params={k: v for k, v in st.query_params.to_dict().items() if k in ("lang", "unit", "year", "snap")})
    widgets.actions(page, page.state)
    shell.finish(page)
    st.stop()
names = part_year[words.column("reporting_unit_name")]
choices = {f"{reporting_unit}|{year}|{period}": (reporting_unit, int(year), period, as_of, name)
           for reporting_unit, year, period, as_of, name in zip(part_year["reporting_unit"], part_year["year"],
                                                      part_year["period"], part_year["as_of"], names)}
picked = st.selectbox(words.text("pace_period"), options=list(choices), key="w_pace_period", placeholder=words.text("pick"),
                      format_func=lambda k: f"{choices[k][4]} · {charts_pace.period_name(choices[k][2], choices[k][1], words)}")
reporting_unit, year, period, as_of, reporting_unit_name = choices[picked]
rows = explorer.pace(reporting_unit, year, period, as_of)
title.title(words.text("pace_title", year=year))
st.caption(charts_pace.caption(rows, reporting_unit_name, period, year, as_of, words))

st.markdown(" · ".join(f":{look.PACE_STREAMLIT[p]}-badge[{words.label(labels.PACE, p)}: {n}]"
                       for p, n in charts_pace.pace_counts(rows)))
if rows["share_pct"].notna().any():
    chart(charts_pace.pace_chart(rows, words), key="pace")
figures = explorer.periods_line(reporting_unit, year)
st.dataframe(charts_pace.pace_table(rows, figures, words), hide_index=True, width="stretch", placeholder="–")
widgets.actions(page, page.state)
shell.finish(page)
