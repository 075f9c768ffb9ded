"""Checking and publishing a reviewed report: problems in the review's words, what changes for
leaders before anything is written, and the new snapshot named at once after publishing. With named
accounts, the report is sent for approval as a draft of its unit instead (lib/offices/drafts.py)."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from lib.data.cache import data_dir
from lib.offices import drafts, trail
from lib.offices.accounts import PREPARE, Account, ReportingUnitTree, may
from lib.pipeline import publish
from lib.pipeline.problems import BuildError, Problem, in_review_words
from lib.words import labels
from lib.words.vntext import literal
from lib.words.words import Words

PUBLISHED = "staff_published_snapshot"  # shown after the rerun that lets every part of the page name it
RESUME = "staff_resume_draft"  # the sent-back draft a re-upload replaces
SAVED = "staff_saved_draft"


def _where(problem: Problem, draft: publish.ReportDraft, words: Words, names: dict[str, str],
           rows: pd.DataFrame) -> str:
    row = publish.review_row(problem, draft)
    if row is not None:
        figure = rows.loc[row]
        return words.text("staff_where_row", row=row, number=figure["number"],
                    name=names.get(figure["indicator_id"], figure["indicator_id"]))
    if problem.file.endswith("indicators.csv"):
        return words.text("staff_where_indicator")
    if problem.file.endswith("report.json"):
        return words.text("staff_where_meta")
    return words.text("staff_where_report")


def show_problems(words: Words, problems: list[Problem], draft: publish.ReportDraft, names: dict[str, str],
                  rows: pd.DataFrame) -> None:
    st.error(words.text("staff_problems", n=len(problems)), icon=":material/error:")
    for problem in problems:
        where = _where(problem, draft, words, names, rows)
        message = in_review_words(publish.in_review_rows(problem.message, draft))
        st.markdown(f"- **{where}**: {message} → {in_review_words(problem.fix)}")


def _change_table(frame: pd.DataFrame, names: dict[str, str], words: Words, columns: list[str]) -> pd.DataFrame:
    shown = pd.DataFrame({
        words.text("staff_col_reporting_unit"): frame["reporting_unit"],
        words.text("staff_col_indicator"): [names.get(i, i) for i in frame["indicator_id"]],
        words.text("staff_col_year"): frame["year"].astype(str),
        words.text("staff_col_kind"): [words.label(labels.REVIEW_KINDS, k) for k in frame["kind"]],
    })
    for column in columns:
        shown[words.text(f"staff_col_{column}")] = [words.number(v) for v in frame[column]]
    return shown


def show_changes(words: Words, changes: publish.Changes, names: dict[str, str]) -> None:
    """What leaders will see change, before anything is written."""
    st.markdown(words.text("staff_changes", added=len(changes.added), changed=len(changes.changed),
                     removed=len(changes.removed)))
    if changes.new_reporting_units:
        st.markdown(words.text("staff_changes_units", reporting_units=literal(", ".join(changes.new_reporting_units))))
    if changes.new_years:
        st.markdown(words.text("staff_changes_years", years=", ".join(f"{u} {y}" for u, y in changes.new_years)))
    for key, frame, columns in (("staff_changes_added", changes.added, ["value"]),
                                ("staff_changes_changed", changes.changed, ["value_before", "value"]),
                                ("staff_changes_removed", changes.removed, ["value_before"])):
        if len(frame):
            with st.expander(f"{words.text(key)} ({len(frame)})", expanded=key != "staff_changes_added"):
                st.dataframe(_change_table(frame, names, words, columns), hide_index=True, width="stretch")


def actions(words: Words, draft: publish.ReportDraft, names: dict[str, str], rows: pd.DataFrame, allowed,
            after_publish, who: str = "van-phong", account: Account | None = None) -> None:
    """Kiểm tra (check and preview) and Công bố (publish); publishing reruns the page so its sidebar
    and every other page name the new snapshot. A named account sends the draft for approval instead."""
    reporting_unit = str(draft.meta.get("reporting_unit", ""))
    check, publish_now, save, _ = st.columns([1, 1.4, 1, 2])
    if check.button(words.text("staff_check"), key="staff_check", icon=":material/fact_check:"):
        problems, changes = publish.check_and_preview(data_dir(), draft)
        trail.record(trail.CHECK, who, reporting_unit=reporting_unit, file=draft.raw_name, problems=len(problems))
        if problems or changes is None:
            show_problems(words, problems, draft, names, rows)
        else:
            st.success(words.text("staff_ok"), icon=":material/check_circle:")
            show_changes(words, changes, names)
    if account is not None:
        _send_for_approval(words, draft, account, publish_now, save, allowed)
        return
    if publish_now.button(words.text("staff_publish"), key="staff_publish", type="primary", icon=":material/publish:"):
        if not allowed():  # the button only exists behind the door; checked again where it acts
            st.stop()
        try:
            snapshot = publish.publish(data_dir(), draft)
        except BuildError as error:
            trail.record(trail.PUBLISH, who, reporting_unit=reporting_unit, file=draft.raw_name, failed=len(error.problems))
            show_problems(words, error.problems, draft, names, rows)
        else:
            trail.record(trail.PUBLISH, who, reporting_unit=reporting_unit, snapshot=snapshot.name, file=draft.raw_name,
                         sha256=hashlib.sha256(draft.raw_bytes).hexdigest())
            st.session_state[PUBLISHED] = snapshot.name
            after_publish()
            st.rerun()


def _send_for_approval(words: Words, draft: publish.ReportDraft, account: Account, submit_column, save_column,
                       allowed) -> None:
    """Each row edit is already in the trail, written as it happened (staff_review.log_edits)."""
    reporting_unit = str(draft.meta.get("reporting_unit", ""))
    tree = ReportingUnitTree.of(data_dir())
    permitted = may(account, PREPARE, reporting_unit, tree)
    if not permitted:
        st.warning(words.text("staff_not_your_unit", reporting_unit=reporting_unit), icon=":material/block:")
    submit = submit_column.button(words.text("draft_submit"), key="staff_submit", type="primary",
                                  icon=":material/send:", disabled=not permitted)
    keep = save_column.button(words.text("draft_save"), key="staff_save", disabled=not permitted)
    if not (submit or keep) or not allowed():
        return
    try:
        record = drafts.save(draft, account, submit=submit, draft_id=st.session_state.get(RESUME), tree=tree)
    except drafts.DraftRefused as refused:
        st.error(words.text("draft_refused", why=str(refused)), icon=":material/block:")
        return
    st.session_state.pop(RESUME, None)
    st.session_state[SAVED] = (record.draft_id, record.state)
    st.rerun()


def published_notice(words: Words) -> bool:
    """After a publish: say so, naming the snapshot that the sidebar now names too (or the draft saved)."""
    saved = st.session_state.pop(SAVED, None)
    if saved:
        st.success(words.text("draft_saved", draft=saved[0], state=words.text(f"draft_state_{saved[1]}")),
                   icon=":material/check_circle:")
    snapshot = st.session_state.pop(PUBLISHED, None)
    if snapshot:
        st.success(words.text("staff_published", snapshot=snapshot), icon=":material/check_circle:")
    return bool(snapshot)
