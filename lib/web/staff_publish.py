"""Checking and publishing a reviewed report: problems in the review's words, what changes for
leaders before anything is written, and the new snapshot named at once after publishing. With named
accounts, the report is sent for approval as a draft of its unit instead (lib/offices/drafts.py)."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from lib.data.cache import data_dir
from lib.offices import drafts, trail
from lib.offices.accounts import PREPARE, Account, UnitTree, may
from lib.pipeline import publish
from lib.pipeline.problems import BuildError, Problem, in_review_words
from lib.words import labels
from lib.words import number_format as fmt
from lib.words.labels import text
from lib.words.vntext import literal

PUBLISHED = "staff_published_snapshot"  # shown after the rerun that lets every part of the page name it
RESUME = "staff_resume_draft"  # the sent-back draft a re-upload replaces
SAVED = "staff_saved_draft"


def _where(problem: Problem, draft: publish.ReportDraft, lang: str, names: dict[str, str],
           rows: pd.DataFrame) -> str:
    row = publish.review_row(problem, draft)
    if row is not None:
        figure = rows.loc[row]
        return text("staff_where_row", lang, row=row, number=figure["number"],
                    name=names.get(figure["indicator_id"], figure["indicator_id"]))
    if problem.file.endswith("indicators.csv"):
        return text("staff_where_indicator", lang)
    if problem.file.endswith("report.json"):
        return text("staff_where_meta", lang)
    return text("staff_where_report", lang)


def show_problems(lang: str, problems: list[Problem], draft: publish.ReportDraft, names: dict[str, str],
                  rows: pd.DataFrame) -> None:
    st.error(text("staff_problems", lang, n=len(problems)), icon=":material/error:")
    for problem in problems:
        where = _where(problem, draft, lang, names, rows)
        message = in_review_words(publish.in_review_rows(problem.message, draft))
        st.markdown(f"- **{where}**: {message} → {in_review_words(problem.fix)}")


def _change_table(frame: pd.DataFrame, names: dict[str, str], lang: str, columns: list[str]) -> pd.DataFrame:
    shown = pd.DataFrame({
        text("staff_col_unit", lang): frame["reporting_unit"],
        text("staff_col_indicator", lang): [names.get(i, i) for i in frame["indicator_id"]],
        text("staff_col_year", lang): frame["year"].astype(str),
        text("staff_col_kind", lang): [labels.label(labels.REVIEW_KINDS, k, lang) for k in frame["kind"]],
    })
    for column in columns:
        shown[text(f"staff_col_{column}", lang)] = [fmt.number(v, lang) for v in frame[column]]
    return shown


def show_changes(lang: str, changes: publish.Changes, names: dict[str, str]) -> None:
    """What leaders will see change, before anything is written."""
    st.markdown(text("staff_changes", lang, added=len(changes.added), changed=len(changes.changed),
                     removed=len(changes.removed)))
    if changes.new_units:
        st.markdown(text("staff_changes_units", lang, units=literal(", ".join(changes.new_units))))
    if changes.new_years:
        st.markdown(text("staff_changes_years", lang, years=", ".join(f"{u} {y}" for u, y in changes.new_years)))
    for key, frame, columns in (("staff_changes_added", changes.added, ["value"]),
                                ("staff_changes_changed", changes.changed, ["value_before", "value"]),
                                ("staff_changes_removed", changes.removed, ["value_before"])):
        if len(frame):
            with st.expander(f"{text(key, lang)} ({len(frame)})", expanded=key != "staff_changes_added"):
                st.dataframe(_change_table(frame, names, lang, columns), hide_index=True, width="stretch")


def actions(lang: str, draft: publish.ReportDraft, names: dict[str, str], rows: pd.DataFrame, allowed,
            after_publish, who: str = "van-phong", account: Account | None = None) -> None:
    """Kiểm tra (check and preview) and Công bố (publish); publishing reruns the page so its sidebar
    and every other page name the new snapshot. A named account sends the draft for approval instead."""
    unit = str(draft.meta.get("reporting_unit", ""))
    check, publish_now, save, _ = st.columns([1, 1.4, 1, 2])
    if check.button(text("staff_check", lang), key="staff_check", icon=":material/fact_check:"):
        problems, changes = publish.check_and_preview(data_dir(), draft)
        trail.record(trail.CHECK, who, unit=unit, file=draft.raw_name, problems=len(problems))
        if problems or changes is None:
            show_problems(lang, problems, draft, names, rows)
        else:
            st.success(text("staff_ok", lang), icon=":material/check_circle:")
            show_changes(lang, changes, names)
    if account is not None:
        _send_for_approval(lang, draft, account, publish_now, save, allowed)
        return
    if publish_now.button(text("staff_publish", lang), key="staff_publish", type="primary", icon=":material/publish:"):
        if not allowed():  # the button only exists behind the door; checked again where it acts
            st.stop()
        try:
            snapshot = publish.publish(data_dir(), draft)
        except BuildError as error:
            trail.record(trail.PUBLISH, who, unit=unit, file=draft.raw_name, failed=len(error.problems))
            show_problems(lang, error.problems, draft, names, rows)
        else:
            trail.record(trail.PUBLISH, who, unit=unit, snapshot=snapshot.name, file=draft.raw_name,
                         sha256=hashlib.sha256(draft.raw_bytes).hexdigest())
            st.session_state[PUBLISHED] = snapshot.name
            after_publish()
            st.rerun()


def _send_for_approval(lang: str, draft: publish.ReportDraft, account: Account, submit_column, save_column,
                       allowed) -> None:
    """Each row edit is already in the trail, written as it happened (staff_review.log_edits)."""
    unit = str(draft.meta.get("reporting_unit", ""))
    tree = UnitTree.of(data_dir())
    permitted = may(account, PREPARE, unit, tree)
    if not permitted:
        st.warning(text("staff_not_your_unit", lang, unit=unit), icon=":material/block:")
    submit = submit_column.button(text("draft_submit", lang), key="staff_submit", type="primary",
                                  icon=":material/send:", disabled=not permitted)
    keep = save_column.button(text("draft_save", lang), key="staff_save", disabled=not permitted)
    if not (submit or keep) or not allowed():
        return
    try:
        record = drafts.save(draft, account, submit=submit, draft_id=st.session_state.get(RESUME), tree=tree)
    except drafts.DraftRefused as refused:
        st.error(text("draft_refused", lang, why=str(refused)), icon=":material/block:")
        return
    st.session_state.pop(RESUME, None)
    st.session_state[SAVED] = (record.draft_id, record.state)
    st.rerun()


def published_notice(lang: str) -> bool:
    """After a publish: say so, naming the snapshot that the sidebar now names too (or the draft saved)."""
    saved = st.session_state.pop(SAVED, None)
    if saved:
        st.success(text("draft_saved", lang, draft=saved[0], state=text(f"draft_state_{saved[1]}", lang)),
                   icon=":material/check_circle:")
    snapshot = st.session_state.pop(PUBLISHED, None)
    if snapshot:
        st.success(text("staff_published", lang, snapshot=snapshot), icon=":material/check_circle:")
    return bool(snapshot)
