"""Indicators made during a review: created, edited or removed without losing the review, each with a
preview of how it will read on the leaders' pages."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.web import staff_review
from lib.words import labels
from lib.words.vntext import literal
from lib.words.vntext import slug as slug_of
from lib.words.words import Words

NEW = "staff_new_indicators"
EDITING = "staff_editing_indicator"
NOTICE = "staff_indicator_notice"


def made() -> list[dict]:
    return st.session_state.setdefault(NEW, [])


def slug(name: str, taken: set[str]) -> str:
    """A code from the Vietnamese name ("Đàn heo" → dan_heo), made unique."""
    base = slug_of(name) or "chi_tieu"
    base = base if base[0].isalpha() else f"ct_{base}"
    code, n = base[:50], 2
    while code in taken:
        code, n = f"{base[:46]}_{n}", n + 1
    return code


def preview(entry: dict, rows: pd.DataFrame, words: Words) -> str:
    """The indicator as a leader will meet it: name, unit, where it sits, how it is judged, its figures."""
    name = entry.get(words.column("name")) or entry["name_vi"]
    place = f"{words.label(labels.DOMAINS, entry['domain'])} › {words.label(labels.GROUPS, entry['group'])}"
    judged = words.label(labels.DIRECTIONS, entry["direction"])
    figures = []
    mine = rows[(rows["indicator_id"] == entry["indicator_id"]) & rows["accept"].fillna(False).astype(bool)]
    for row in mine.itertuples():
        kind = words.label(labels.REVIEW_KINDS, row.kind)
        unit_of_measure = entry["unit_of_measure"] if row.kind in ("actual", "target", "total") else "%"
        figures.append(f"{kind} {int(row.year) if pd.notna(row.year) else ''}: {words.with_unit(row.value, unit_of_measure)}")
    shown = "; ".join(figures) if figures else words.text("staff_preview_no_figure")
    return f"**{name}** ({entry['unit_of_measure']}) — {place} · {judged} · {shown}"


def _fields(words: Words, units_of_measure: list[str], entry: dict | None, key: str) -> dict:
    entry = entry or {}

    def pick(label_key: str, vocabulary: dict, column: str, where):
        options = list(vocabulary)
        return where.selectbox(words.text(label_key), options, key=f"{key}_{column}",
                               index=options.index(entry[column]) if entry.get(column) in options else 0,
                               format_func=lambda k: words.label(vocabulary, k))

    left, right = st.columns(2)
    values = {
        "name_vi": left.text_input(words.text("staff_ind_name_vi"), value=entry.get("name_vi", ""), key=f"{key}_vi"),
        "name_en": right.text_input(words.text("staff_ind_name_en"), value=entry.get("name_en", ""), key=f"{key}_en"),
        "unit_of_measure": left.selectbox(words.text("staff_ind_unit"), units_of_measure, key=f"{key}_unit",
                               index=units_of_measure.index(entry["unit_of_measure"]) if entry.get("unit_of_measure") in units_of_measure else 0),
        "domain": pick("staff_ind_domain", labels.DOMAINS, "domain", right),
        "group": pick("staff_ind_group", labels.GROUPS, "group", left),
        "direction": pick("staff_ind_direction", labels.DIRECTIONS, "direction", right),
        "measure": pick("staff_ind_measure", labels.MEASURES, "measure", left),
    }
    values["name_en"] = values["name_en"] or values["name_vi"]
    return values


def _forget(indicator_id: str) -> None:
    """Remove an indicator made here; rows that used it lose it and their tick."""
    st.session_state[NEW] = [i for i in made() if i["indicator_id"] != indicator_id]

    def clear(rows: pd.DataFrame) -> None:
        used = rows["indicator_id"] == indicator_id
        rows.loc[used, "indicator_id"] = ""
        rows.loc[used, "accept"] = False

    staff_review.change_rows(clear)
    st.session_state[NOTICE] = ("staff_ind_removed", indicator_id)


def section(words: Words, units_of_measure: list[str], known_ids: set[str]) -> None:
    """Create an indicator; list those made, each editable and removable, with its preview."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(words.text(notice[0], name=literal(notice[1])), icon=":material/check_circle:")
    with st.expander(words.text("staff_new_indicator"), expanded=bool(made())):
        with st.form("staff_new_indicator", clear_on_submit=True):
            entry = _fields(words, units_of_measure, None, "staff_ind_new")
            added = st.form_submit_button(words.text("staff_add_indicator"))
        if added:
            if not entry["name_vi"].strip():
                st.error(words.text("staff_ind_needs_name"), icon=":material/error:")
            else:
                entry["indicator_id"] = slug(entry["name_vi"], known_ids | {i["indicator_id"] for i in made()})
                made().append(entry)
                st.session_state[NOTICE] = ("staff_ind_added", entry["name_vi"])
                st.rerun()
        for index, entry in enumerate(made()):
            st.markdown(preview(entry, staff_review.rows_now(), words))
            edit, remove, _ = st.columns([1, 1, 4])
            if edit.button(words.text("staff_ind_edit"), key=f"staff_ind_edit_{entry['indicator_id']}"):
                st.session_state[EDITING] = entry["indicator_id"]
            remove.button(words.text("staff_ind_remove"), key=f"staff_ind_remove_{entry['indicator_id']}",
                          on_click=_forget, args=(entry["indicator_id"],))
            if st.session_state.get(EDITING) == entry["indicator_id"]:
                with st.form(f"staff_ind_form_{entry['indicator_id']}"):
                    changed = _fields(words, units_of_measure, entry, f"staff_ind_{entry['indicator_id']}")
                    if st.form_submit_button(words.text("staff_ind_save")):
                        made()[index] = {**entry, **changed}
                        st.session_state.pop(EDITING, None)
                        st.session_state[NOTICE] = ("staff_ind_saved", changed["name_vi"])
                        st.rerun()
