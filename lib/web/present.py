"""Meeting mode: the deck of lib/export/deck.py full screen. The slides move in the browser, at
once, with the keys a clicker sends; the slide shown is kept in the URL (`?present=1&slide=4`), so a
link opens the same slide."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.data.db import Database
from lib.data.queries import Scope
from lib.export import deck
from lib.view.state import ViewState
from lib.web.shell import Page
from lib.words.words import Words

# Streamlit's own frame stays out of the room's sight; the leave button is pressed by the deck's Esc.
HIDE_FRAME = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display: none !important;}
.st-key-slide_leave {position: absolute; left: -9999px;}
</style>"""


@st.cache_data(max_entries=16, show_spinner=False)
def slides(snapshot_id: str, scope: Scope, words: Words, reporting_unit_name: str, _db: Database) -> list[deck.Slide]:
    """The deck of one report in one language, made once per snapshot (charts drawn as SVG)."""
    return deck.make_slides(_db, scope, words, reporting_unit_name)


@st.cache_data(max_entries=16, show_spinner=False)
def first_slides(snapshot_id: str, scope: Scope, words: Words, reporting_unit_name: str, _db: Database) -> list[deck.Slide]:
    """The opening slides (the year in words, the counts): no chart, on screen in a moment while the
    rest of the deck is drawn."""
    return deck.first_slides(_db, scope, words, reporting_unit_name)


def page_slides(page: Page) -> list[deck.Slide]:
    return slides(page.current.snapshot.snapshot_id, page.scope, page.words, page.reporting_unit_name, page.explorer.database)


def _leave() -> None:
    for key in ("present", "slide"):
        if key in st.query_params:
            del st.query_params[key]


def show(page: Page) -> ViewState:
    """The deck, opened on the slide the URL names (kept within the deck); returns the view state
    with that slide number."""
    st.html(HIDE_FRAME)
    shown = st.empty()
    first = first_slides(page.current.snapshot.snapshot_id, page.scope, page.words, page.reporting_unit_name,
                         page.explorer.database)
    if page.state.slide <= len(first):  # the opening on screen at once; the whole deck replaces it
        shown.html(deck.deck_html(first, page.words, start=max(page.state.slide, 1)), unsafe_allow_javascript=True)
    with st.spinner(page.words.text("deck_loading")):  # a sign while the charts are drawn
        made = page_slides(page)
    number = min(max(page.state.slide, 1), len(made))
    shown.html(deck.deck_html(made, page.words, start=number), unsafe_allow_javascript=True)
    st.button(page.words.text("slide_leave"), on_click=_leave, key="slide_leave")
    return replace(page.state, slide=number)


def enter_button(page: Page) -> None:
    def enter() -> None:
        st.query_params["present"] = "1"
        st.query_params["slide"] = "1"
    st.button(page.words.text("slide_enter"), on_click=enter, icon=":material/slideshow:", key="slide_enter")
