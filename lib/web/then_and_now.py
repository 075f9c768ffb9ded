"""A link that keeps its word: when it names an older snapshot, the page shows the data as it was,
says so, links to the current data, and lists the values that changed since."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.data.cache import Explorer
from lib.render import tables
from lib.web import static_table
from lib.web.registry import PAGES
from lib.words import number_format as fmt
from lib.words.labels import text


def older_snapshot_notice(page) -> None:
    """Above the page, when the link names an older snapshot than the newest (`page.current.newest`)."""
    shown, newest = page.current.snapshot, page.current.newest
    if newest is None:
        return
    lang = page.lang
    st.info(text("old_snapshot", lang, snapshot=shown.snapshot_id, created=fmt.local_time(shown.created_at, lang),
                 newest=newest.snapshot_id), icon=":material/history:")
    st.page_link(PAGES[page.key].file, label=text("to_current", lang), icon=":material/update:",
                 query_params=replace(page.state, snapshot=None).to_query(page.kind))
    changes = Explorer(newest).values_changed_since(shown, page.scope.reporting_unit)
    with st.expander(text("changed_since", lang, snapshot=shown.snapshot_id, n=len(changes))):
        if changes.empty:
            st.caption(text("no_changes", lang, unit=page.unit_name))
        else:
            static_table.show(tables.changes_table(changes, lang, shown.snapshot_id), lang, numeric=[],
                              testid="ct-changes-table")
