"""The two caches of the app's own (a snapshot's rows in lib/data/db.py, built charts in
lib/render/charts.py) are functools.lru_cache: each keeps what was used last and drops the least
recently used first. The page's questions (lib/data/cache.py) are Streamlit's cache, one per question."""
from __future__ import annotations

import pyarrow as pa
import streamlit as st

from lib.data import db as db_module
from lib.data import queries as q
from lib.data.cache import Explorer, current
from lib.data.db import Database
from lib.render import charts
from lib.view.filters import Filters
from lib.words.words import Words


def test_a_snapshot_keeps_its_last_answers_and_drops_the_least_recently_used(built_snapshot, monkeypatch):
    monkeypatch.setattr(db_module, "MEMO_ENTRIES", 2)
    database = Database(built_snapshot.snapshot)
    computed = []

    def answer(key: str) -> pa.Table:
        def compute() -> pa.Table:  # a new function each time: the key alone decides
            computed.append(key)
            return pa.table({"key": [key]})
        return database.memo((key,), compute)

    assert answer("a").column("key").to_pylist() == ["a"]
    answer("b")
    answer("a")  # kept, and now the most recent
    answer("c")  # the third: "b", used least recently, is dropped
    answer("a")
    assert answer("b").column("key").to_pylist() == ["b"]
    assert computed == ["a", "b", "c", "b"]


def test_a_chart_builder_keeps_its_last_charts_and_drops_the_least_recently_used(built_snapshot, scope):
    rows = q.attainment(built_snapshot, scope)
    views = [rows.assign(probe=number) for number in range(charts.MEMO_ENTRIES + 1)]
    first = charts.attainment_chart(views[0], Words.of("vi"))
    second = charts.attainment_chart(views[1], Words.of("vi"))
    assert charts.attainment_chart(views[0], Words.of("vi")) is first  # kept, and now the most recent
    for view in views[2:]:  # MEMO_ENTRIES - 1 more charts: only the first two were there before them
        charts.attainment_chart(view, Words.of("vi"))
    assert charts.attainment_chart(views[0], Words.of("vi")) is first
    rebuilt = charts.attainment_chart(views[1], Words.of("vi"))
    assert rebuilt is not second and rebuilt.to_dict() == second.to_dict()


def test_the_explorer_asks_each_query_once_per_snapshot_and_arguments(built_data_dir, monkeypatch):
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(built_data_dir))
    st.cache_data.clear()
    asked = []
    real = q.attainment

    def attainment(db, scope, filters=Filters()):
        asked.append(filters)
        return real(db, scope, filters)

    monkeypatch.setattr(q, "attainment", attainment)
    explorer = Explorer(current().snapshot)
    scope = explorer.scope_for(None)
    whole = explorer.attainment(scope)
    assert explorer.attainment(scope).equals(whole)
    economy = explorer.attainment(scope, Filters(domain="economy"))
    assert asked == [Filters(), Filters(domain="economy")]
    assert set(economy["domain"]) == {"economy"} and len(economy) < len(whole)
    # Another question with the same arguments is another answer.
    assert not explorer.next_year_targets(scope).equals(whole)
