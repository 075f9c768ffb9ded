"""The province's view of its units, on the indicator page: when the unit shown has units under it,
each of them on this indicator for the latest whole year (or the year the link names), ranked
(lib/judgement/ranking.py), as a chart and a table whose names open that unit's own pages, and the
units without a figure named apart ("Chưa có báo cáo"). No SQL and no judging here."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from lib.judgement.ranking import ascending, rank_reporting_units
from lib.render import charts_province
from lib.web import components, static_table, vega
from lib.web.registry import url_path
from lib.web.shell import Page
from lib.words.vntext import literal


def reporting_unit_address(page: Page, reporting_unit: str, indicator_id: str) -> str:
    """The indicator page of `unit` (its own newest report), in this page's language and snapshot."""
    query = {"id": indicator_id, "unit": reporting_unit,
             **{key: value for key, value in page.state.to_query("indicator").items() if key in ("lang", "snap")}}
    return f"./{url_path('indicator')}?{urlencode(query)}"


def missing_html(lines: list[str]) -> str:
    """The units without a figure, one line each ("Xã An Phú: chưa có báo cáo")."""
    return components.html("province_missing", lines)


def section(page: Page, indicator_id: str) -> bool:
    """Draw the view; False (nothing drawn) when no unit stands under the unit shown."""
    explorer, words, reporting_unit = page.explorer, page.words, page.scope.reporting_unit
    if not explorer.has_reporting_units_under(reporting_unit):
        return False
    rows = explorer.reporting_units_under(reporting_unit, indicator_id, page.state.year)
    if rows.empty:
        return False
    found = rank_reporting_units(rows)
    year = rows["year"].iloc[0]
    st.subheader(words.text("province_title", reporting_unit=literal(page.reporting_unit_name), year=year))
    if found.ranked.empty:
        st.info(words.text("province_none_ranked", year=year), icon=":material/info:")
    else:
        direction = "lower" if ascending(str(rows["direction"].iloc[0])) else "higher"
        st.caption(words.text(f"province_help_{direction}", n=len(found.ranked)))
        vega.chart(charts_province.province_chart(found.ranked, words), key="province_units")
        shown = charts_province.ranked_table(found.ranked, words)
        static_table.show(shown, words, links=[reporting_unit_address(page, u, indicator_id) for u in found.ranked["reporting_unit"]],
                          numeric=list(shown.columns[1:4]),
                          statuses=list(found.ranked["status"].fillna("no_target")), testid="ct-province-table")
    if not found.unranked.empty:
        lines = charts_province.missing_lines(found.unranked, words)
        st.markdown(f"**{words.text('province_missing_title', n=len(lines))}**")
        st.html(missing_html(lines))
    return True
