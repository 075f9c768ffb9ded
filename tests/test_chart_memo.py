"""lib/charts.py keeps built charts by the content of their rows (a page rerun asks for the same
chart again), validated once: the memo must never change what is drawn, nor hide a bad spec."""
from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from lib import charts
from lib import queries as q


def test_same_rows_give_the_same_chart_and_other_rows_another(built_snapshot, scope):
    rows = q.attainment(built_snapshot, scope)
    again = q.attainment(built_snapshot, scope)  # equal content, another object (as from st.cache_data)
    assert rows is not again
    assert charts.attainment_chart(rows, "vi") is charts.attainment_chart(again, "vi")
    assert charts.attainment_chart(rows, "vi") is not charts.attainment_chart(rows, "en")
    assert charts.attainment_chart(rows, "vi") is not charts.attainment_chart(rows.iloc[1:], "vi")
    assert charts.attainment_chart(rows, "vi", text_size=20) is not charts.attainment_chart(rows, "vi")


@pytest.mark.parametrize("builder, question", [
    ("attainment_chart", q.attainment), ("year_on_year_chart", q.year_on_year),
    ("next_year_chart", q.next_year_targets)])
def test_the_memo_draws_exactly_what_a_fresh_build_draws(built_snapshot, scope, builder, question):
    rows = question(built_snapshot, scope)
    memoised = getattr(charts, builder)
    fresh = memoised.__wrapped__(rows, "vi")
    assert memoised(rows, "vi").to_dict() == fresh.to_dict()
    assert memoised(rows, "vi").to_dict() == fresh.to_dict(validate=True)


def test_a_bad_spec_still_fails_when_the_chart_is_built():
    @charts._memoized
    def broken(rows: pd.DataFrame, lang: str) -> alt.Chart:
        chart = alt.Chart(rows).mark_bar().encode(x="a:Q")
        chart.mark = "no_such_mark"  # set after construction: only a full validation sees it
        return chart

    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        broken(pd.DataFrame({"a": [1, 2]}), "vi")
