"""The review of a new report's proposed figures, in the staff member's words: Vietnamese indicator
names, kinds as the report says them, the unit list, numbers as 1.234,5, and the selected row's
sentence beside the grid."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.offices import trail
from lib.web import components
from lib.words import labels
from lib.words.labels_staff import REVIEW_COLUMNS, UNPUBLISHED_KINDS
from lib.words.vntext import fold, literal
from lib.words.words import VIETNAMESE, Words

ROWS, LATEST, VERSION, FOCUS = "staff_rows", "staff_rows_latest", "staff_review_version", "staff_focus_row"
LOGGED = "staff_rows_logged"  # the review as last written to the trail: each later change is an edit
# What the grid shows, in order; the rest of a proposal travels with it unseen.
SHOWN = ["accept", "indicator_id", "kind", "year", "number", "value_shown", "unit_of_measure", "attention", "qualifier"]
EDITABLE = {"accept", "indicator_id", "kind", "year", "unit_of_measure", "qualifier"}
# What a staff member can change about a row, by the grid or by a decision (1, 2, 3, N, X, Tìm chỉ tiêu).
DECIDED = ["accept", "indicator_id", "kind", "year", "unit_of_measure", "qualifier", "decision", "value", "period"]


def start(rows: pd.DataFrame) -> None:
    """A new upload: the proposals become the review, and the grid starts afresh."""
    rows = rows.copy()
    rows.index = range(1, len(rows) + 1)  # the rows as staff count them, and as a problem names them
    if "decision" not in rows.columns:
        rows["decision"] = ""  # "not_indicator" once staff say the figure is no indicator
    for column in ("indicator_id", "qualifier", "attention", "unit_of_measure", "decision"):
        rows[column] = rows[column].fillna("").astype(str)  # an empty cell, not the word "None"
    rows["value_shown"] = [VIETNAMESE.number(v) for v in rows["value"]]
    st.session_state[ROWS] = rows
    st.session_state[LATEST] = rows
    st.session_state[LOGGED] = rows
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    st.session_state[FOCUS] = first_to_look_at(rows)


def to_look_at(rows: pd.DataFrame) -> list[int]:
    """The rows that still need a look: a reason shown and no decision taken."""
    return [int(i) for i in rows.index[(rows["attention"] != "") & (rows["decision"] == "")]]


def first_to_look_at(rows: pd.DataFrame, after: int | None = None) -> int:
    """The next row needing a look after `after` (wrapping round), or the first row when none does."""
    left = to_look_at(rows)
    later = [i for i in left if after is None or i > after]
    return (later or left or [int(rows.index[0]) if len(rows) else 1])[0]


def move_focus(step: int) -> None:
    """J/K: the row before or after the one in focus."""
    indexes = list(st.session_state[LATEST].index)
    at = indexes.index(st.session_state[FOCUS]) if st.session_state.get(FOCUS) in indexes else 0
    st.session_state[FOCUS] = indexes[max(0, min(len(indexes) - 1, at + step))]


def rows_now() -> pd.DataFrame:
    return st.session_state[LATEST]


def change_rows(change) -> None:
    """Apply `change(frame)` to the review as it stands (ticks included) and redraw the grid with it:
    a grid's edits cannot be set from outside, so the grid is drawn anew from the changed frame."""
    rows = st.session_state[LATEST].copy()
    change(rows)
    st.session_state[ROWS] = rows
    st.session_state[LATEST] = rows
    st.session_state[LOGGED] = rows
    st.session_state[VERSION] += 1


def indicator_names(catalogue: pd.DataFrame, new_indicators: list[dict], words: Words) -> dict[str, str]:
    """indicator_id → the name staff read; a name two indicators share gets its code."""
    column = words.column("name")
    pairs = list(zip(catalogue["indicator_id"], catalogue[column]))
    pairs += [(i["indicator_id"], i.get(column) or i.get("name_vi") or i["indicator_id"]) for i in new_indicators]
    counts = pd.Series([name for _, name in pairs]).value_counts()
    return {"": "—"} | {i: (name if counts[name] == 1 else f"{name} ({i})") for i, name in pairs}


def grid(words: Words, names: dict[str, str], units_of_measure: list[str]) -> pd.DataFrame:
    """The editable grid; returns the review with the staff member's edits."""
    kinds = labels.REVIEW_KINDS
    config = {
        "accept": st.column_config.CheckboxColumn(words.label(REVIEW_COLUMNS, "accept"), width=64),
        "indicator_id": st.column_config.SelectboxColumn(
            words.label(REVIEW_COLUMNS, "indicator_id"), options=list(names), format_func=lambda i: names.get(str(i or ""), str(i)),
            width=210),
        "kind": st.column_config.SelectboxColumn(words.label(REVIEW_COLUMNS, "kind"), options=list(kinds), width=100,
                                                 format_func=lambda k: words.label(kinds, str(k))),
        "year": st.column_config.NumberColumn(words.label(REVIEW_COLUMNS, "year"), format="%d", width=56),
        "number": st.column_config.TextColumn(words.label(REVIEW_COLUMNS, "number"), width=88),
        "value_shown": st.column_config.TextColumn(words.label(REVIEW_COLUMNS, "value_shown"), width=88),
        "unit_of_measure": st.column_config.SelectboxColumn(words.label(REVIEW_COLUMNS, "unit_of_measure"), options=units_of_measure, width=76),
        "qualifier": st.column_config.SelectboxColumn(words.label(REVIEW_COLUMNS, "qualifier"), width=80,
                                                      options=[""] + list(labels.QUALIFIERS)),
        "attention": st.column_config.TextColumn(words.label(REVIEW_COLUMNS, "attention"), width=170),
    }
    base = st.session_state[ROWS]
    edited = st.data_editor(base[SHOWN], column_config=config, column_order=SHOWN, hide_index=False,
                            disabled=[c for c in SHOWN if c not in EDITABLE], num_rows="fixed", width="stretch",
                            height=460, placeholder="—", key=f"staff_review_{st.session_state[VERSION]}")
    rows = base.copy()
    for column in EDITABLE:
        rows[column] = edited[column]
    st.session_state[LATEST] = rows
    return rows


def changed_rows(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[int, dict, dict]]:
    """(row number as staff count it, what it was, what it is) for each review row that differs."""
    columns = [c for c in DECIDED if c in before.columns and c in after.columns]
    changed = []
    for index in after.index.intersection(before.index):
        was = {c: _plain(before.at[index, c]) for c in columns}
        now = {c: _plain(after.at[index, c]) for c in columns}
        if was != now:
            changed.append((int(index), {c: was[c] for c in columns if was[c] != now[c]},
                            {c: now[c] for c in columns if was[c] != now[c]}))
    return changed


def _plain(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else (
        value.item() if hasattr(value, "item") else value)


def log_edits(rows: pd.DataFrame, who: str, reporting_unit: str | None, file: str, sha256: str, draft: str | None) -> None:
    """Each row changed since the last page run, written to the trail as it happens (by the grid or a
    decision), with the uploaded file's name and sha256 (the draft's, once it is saved)."""
    before = st.session_state.get(LOGGED)
    st.session_state[LOGGED] = rows.copy()
    if before is None:
        return
    for row, was, now in changed_rows(before, rows):
        trail.record(trail.EDIT, who, reporting_unit=reporting_unit or None, draft=draft, row=row, before=was, after=now,
                     file=file, sha256=sha256)


def _row_label(rows: pd.DataFrame, index: int) -> str:
    """What never changes about a row (a picker keeps the words it showed when chosen)."""
    row = rows.loc[index]
    return f"{index} · {row['number']} · {str(row['quote'])[:60]}"


def _row_state(words: Words, row: pd.Series, names: dict[str, str]) -> str:
    tick = "☑" if bool(row["accept"]) else "☐"
    kind = words.label({**labels.REVIEW_KINDS, **UNPUBLISHED_KINDS}, row["kind"])
    year = int(row["year"]) if pd.notna(row["year"]) else ""
    return f"{tick} {words.text('staff_accept')} · **{literal(names.get(row['indicator_id'] or '', row['indicator_id']))}** · {kind} {year}"


def _paragraph(report_text: str, start: int, end: int) -> str:
    """The report's line around a figure, the figure's sentence marked inside it."""
    left = report_text.rfind("\n", 0, start) + 1
    right = report_text.find("\n", end)
    right = len(report_text) if right < 0 else right
    return components.html("marked", [(report_text[left:start], False), (report_text[start:end], True),
                                      (report_text[end:right], False)])


def sentence_panel(words: Words, report_text: str, rows: pd.DataFrame, names: dict[str, str]) -> int:
    """Beside the grid: pick a row, read its sentence with the figure marked, and its place in the
    report. Returns the row in focus."""
    indexes = list(rows.index)
    if st.session_state.get(FOCUS) not in indexes:
        st.session_state[FOCUS] = indexes[0]
    focus = st.selectbox(words.text("staff_focus_row"), indexes, key=FOCUS,
                         format_func=lambda i: _row_label(rows, i))
    row = rows.loc[focus]
    st.markdown(_row_state(words, row, names))
    st.html(components.highlighted_sentence(str(row["quote"]), [str(row["number"])]))
    if row["attention"]:
        st.warning(str(row["attention"]), icon=":material/visibility:")
    start, end = int(row["start"]), int(row["end"])
    st.html(f"<div class='ct-quote' style='max-height:9rem;overflow:auto;opacity:.85'>"
            f"{_paragraph(report_text, start, end)}</div>")
    return int(focus)


def matching_indicators(query: str, names: dict[str, str]) -> list[str]:
    """Indicators in which every word of `query` begins a word of the name or code, diacritics or
    not ("tong dan heo" finds "Tổng đàn heo", and "heo" does not find "khéo")."""
    wanted = fold(query).split()
    found = []
    for indicator_id, name in names.items():
        words = fold(f"{name} {indicator_id.replace('_', ' ')}").replace("“", " ").replace("”", " ").split()
        if indicator_id and all(any(word.startswith(w) for word in words) for w in wanted):
            found.append(indicator_id)
    return found


def assign_indicator(words: Words, names: dict[str, str], focus: int) -> None:
    """Search the catalogue without diacritics and give the found indicator to the row in focus."""
    query = st.text_input(words.text("staff_find_indicator"), key="staff_find_indicator",
                          placeholder="tong gia tri san xuat")
    if not query.strip():
        return
    found = matching_indicators(query, names)
    if not found:
        st.caption(words.text("staff_found_none"))
        return
    chosen = st.selectbox(words.text("staff_found", n=len(found)), found, format_func=lambda i: names[i],
                          key="staff_found_indicator")

    def give(rows: pd.DataFrame) -> None:
        rows.at[focus, "indicator_id"] = chosen
        rows.at[focus, "accept"] = True
        rows.at[focus, "attention"] = ""  # the staff member has looked and decided

    st.button(words.text("staff_give_indicator", row=focus), key="staff_give", on_click=change_rows, args=(give,))
