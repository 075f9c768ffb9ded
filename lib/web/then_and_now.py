"""A link that keeps its word: when it names an older snapshot, the page shows the data as it was,
says so, links to the current data, and lists the values that changed since."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.data.cache import Explorer
from lib.render import tables
from lib.web import static_table
from lib.words import number_format as fmt
from lib.words.labels import text
from lib.words.vntext import literal


def snapshot_day(snapshot, lang: str) -> str:
    """A snapshot as a reader names it: the day and hour its data were published, never its id."""
    return fmt.local_time(snapshot.created_at, lang)


def _leave_older_snapshot(query: dict) -> None:
    """The address (and so the share link and a reload) drops `snap`: the current data from now on."""
    st.query_params.from_dict(query)


def older_snapshot_notice(page) -> None:
    """Above the page, when the link names an older snapshot than the newest (`page.current.newest`)."""
    shown, newest = page.current.snapshot, page.current.newest
    if newest is None:
        return
    lang = page.lang
    report = text("report_words", lang, year=page.results, unit=literal(page.unit_name))
    st.info(text("old_snapshot", lang, created=snapshot_day(shown, lang), report=report,
                 newest=snapshot_day(newest, lang)), icon=":material/history:")
    st.button(text("to_current", lang), icon=":material/update:", key="to_current",
              on_click=_leave_older_snapshot, args=(replace(page.state, snapshot=None).to_query(page.kind),))
    changes = Explorer(newest).values_changed_since(shown, page.scope.reporting_unit)
    day = snapshot_day(shown, lang)
    with st.expander(text("changed_since", lang, day=day, n=len(changes))):
        if changes.empty:
            st.caption(text("no_changes", lang, unit=literal(page.unit_name)))
        else:
            static_table.show(tables.changes_table(changes, lang, day), lang, numeric=[],
                              testid="ct-changes-table")
