"""The URL and the widgets kept in step: a pasted link sets the widgets, a widget writes the URL,
so the address bar is always a link to exactly this view."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from lib.view import filters
from lib.view.state import ViewState
from lib.words import labels
from lib.words.words import Words

# Widget keys and the part of the view state each one holds (a filter's widget: `Filter.widget_key`).
WIDGETS = {"w_lang": "lang", **{f.widget_key: f.field for f in filters.FILTERS}, "w_indicator": "indicator_id",
           "w_unit": "reporting_unit", "w_year": "year"}
# Widgets whose option labels depend on the language keep one state per language: Streamlit
# remembers a choice by its shown label, so "Không đạt" would survive a switch to English.
LANGUAGE_BOUND = (*(f.widget_key for f in filters.FILTERS if f.vocabulary is not None), "w_indicator", "w_unit")


def widget_key(name: str, words: Words) -> str:
    return words.column(name) if name in LANGUAGE_BOUND else name


def query_now() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def canonical(query: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else (v,)) for k, v in query.items()))


def remember(state: ViewState, languages: tuple[str, ...], widgets=None) -> None:
    """Put a view state into the widgets (of the given languages) before they are drawn."""
    for widget, field in WIDGETS.items():
        if widgets is not None and widget not in widgets:
            continue
        value = getattr(state, field)
        value = list(value) if isinstance(value, tuple) else value
        for lang in languages:
            st.session_state[widget_key(widget, Words.of(lang))] = value


def seen_this_url(query: dict) -> bool:
    return st.session_state.get("_seen_query", ("", ()))[1] == canonical(query)


def take_link(key: str, query: dict, state: ViewState) -> None:
    """A URL changed from outside (a pasted link, a page link) wins over widget memory."""
    if st.session_state.get("_seen_query") != (key, canonical(query)):
        remember(state, labels.LANGUAGES)
        st.session_state["_seen_query"] = (key, canonical(query))


def keep_view_across_languages(key: str, state: ViewState) -> None:
    """The same view in the other language; the switch itself is already drawn."""
    last = st.session_state.get("_last_view")
    if last is not None and last[0] == key and last[1].lang != state.lang:
        remember(replace(last[1], lang=state.lang), (state.lang,), widgets=LANGUAGE_BOUND)


def write_url(key: str, kind: str, state: ViewState) -> None:
    """Write the view state into the URL so the address bar is always a shareable link."""
    wanted = state.to_query(kind)
    if canonical(wanted) != canonical(query_now()):
        st.query_params.from_dict(wanted)
    st.session_state["_seen_query"] = (key, canonical(wanted))
    st.session_state["_last_view"] = (key, state)


def share_link(kind: str, state: ViewState, snapshot_id: str | None = None) -> str:
    """The address of this exact view: page, filters, indicator, slide, language and the snapshot
    it shows (`snapshot_id`, else the one the state names), so the link keeps showing these numbers."""
    base = (st.context.url or "").split("?")[0]
    query = urlencode(replace(state, snapshot=snapshot_id or state.snapshot).to_query(kind), doseq=True)
    return f"{base}?{query}" if query else base
