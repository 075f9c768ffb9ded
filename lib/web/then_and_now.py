"""A link that keeps its word: when it names an older snapshot, the page shows the data as it was,
says so, links to the current data, and lists the values that changed since."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.data.cache import Explorer
from lib.render import tables
from lib.web import static_table
from lib.words.vntext import literal
from lib.words.words import Words


def snapshot_day(snapshot, words: Words) -> str:
    """A snapshot as a reader names it: the day and hour its data were published, never its id."""
    return words.local_time(snapshot.created_at)


def _leave_older_snapshot(query: dict) -> None:
    """The address (and so the share link and a reload) drops `snap`: the current data from now on."""
    st.query_params.from_dict(query)


def older_snapshot_notice(page) -> None:
    """Above the page, when the link names an older snapshot than the newest (`page.current.newest`)."""
    shown, newest = page.current.snapshot, page.current.newest
    if newest is None:
        return
    words = page.words
    report = words.text("report_words", year=page.results, reporting_unit=literal(page.reporting_unit_name))
    st.info(words.text("old_snapshot", created=snapshot_day(shown, words), report=report,
                 newest=snapshot_day(newest, words)), icon=":material/history:")
    st.button(words.text("to_current"), icon=":material/update:", key="to_current",
              on_click=_leave_older_snapshot, args=(replace(page.state, snapshot=None).to_query(page.kind),))
    changes = Explorer(newest).values_changed_since(shown, page.scope.reporting_unit)
    day = snapshot_day(shown, words)
    with st.expander(words.text("changed_since", day=day, n=len(changes))):
        if changes.empty:
            st.caption(words.text("no_changes", reporting_unit=literal(page.reporting_unit_name)))
        else:
            static_table.show(tables.changes_table(changes, words, day), words, numeric=[],
                              testid="ct-changes-table")
