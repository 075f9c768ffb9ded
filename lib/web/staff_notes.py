"""Notes by staff on an indicator (author, date, text): written here, kept in the curated source,
and in the snapshot built at once, so the leaders' pages show them beside the reading."""
from __future__ import annotations

import streamlit as st

from lib.data.cache import data_dir
from lib.offices import trail
from lib.pipeline.notes import NoteError
from lib.pipeline.problems import BuildError
from lib.pipeline.publish import publish_note
from lib.web.widgets import folded
from lib.words.words import Words

SAVED = "staff_note_saved"  # the snapshot that carries the note, said after the rerun


def section(words: Words, names: dict[str, str], who: str) -> None:
    """A folded form: the indicator (by its Vietnamese name), the author, the note; a saved note is
    written to the trail under the account signed in (`who`)."""
    saved = st.session_state.pop(SAVED, None)
    if saved:
        st.success(words.text("note_saved", snapshot=saved), icon=":material/check_circle:")
    with folded(words.text("note_title"), key="staff_notes_menu") as menu:
        if not menu.open:
            return
        with st.form("staff_note", clear_on_submit=False, border=False):
            indicator = st.selectbox(words.text("note_indicator"), options=sorted((i for i in names if i), key=names.__getitem__),
                                     format_func=names.__getitem__, index=None, key="staff_note_indicator",
                                     placeholder=words.text("note_indicator_help"))
            author = st.text_input(words.text("note_author"), max_chars=80, key="staff_note_author")
            note = st.text_area(words.text("note_text"), max_chars=1000, key="staff_note_text")
            if not st.form_submit_button(words.text("note_save"), icon=":material/edit_note:"):
                return
        if not indicator:
            st.warning(words.text("note_pick"))
            return
        try:
            snapshot = publish_note(data_dir(), indicator, author, note)
        except NoteError as problem:
            st.warning(words.text("note_refused", why=str(problem)))
            return
        except BuildError as problem:
            st.error(words.text("note_build_failed", why=str(problem)))
            return
        trail.record(trail.NOTE, who, snapshot=snapshot.name, indicator=indicator, author=author.strip(),
                     text=note.strip())
        st.session_state[SAVED] = snapshot.name
        st.rerun()
