"""Bản nháp và duyệt: the drafts of the signed-in account's units with their state; for an approver
(never the one who prepared it) the changes, a send-back with a note, or approve-and-publish; for the
one who prepared a sent-back draft, the way back to rework it."""
from __future__ import annotations

import streamlit as st

from lib.data.cache import data_dir
from lib.offices import drafts
from lib.offices.accounts import APPROVE, Account, ReportingUnitTree, may
from lib.pipeline.problems import BuildError, in_review_words
from lib.web import staff_publish
from lib.words.words import Words

SHOWN = 30  # the newest drafts; older ones stay in the state folder


def _problems(words: Words, problems) -> None:
    st.error(words.text("staff_problems", n=len(problems)), icon=":material/error:")
    for problem in problems:
        st.markdown(f"- {in_review_words(problem.message)} → {in_review_words(problem.fix)}")


def _approver(words: Words, record: drafts.DraftRecord, account: Account, names: dict[str, str]) -> None:
    key = record.draft_id
    look, back, approve = st.columns([1, 1, 1.4])
    if look.button(words.text("drafts_preview"), key=f"draft_look_{key}", icon=":material/fact_check:"):
        _, problems, changes = drafts.preview(data_dir(), key, account, ReportingUnitTree.of(data_dir()))
        if problems:
            _problems(words, problems)
        else:
            staff_publish.show_changes(words, changes, names)
    note = st.text_input(words.text("drafts_note"), key=f"draft_note_{key}")
    if back.button(words.text("drafts_send_back"), key=f"draft_back_{key}", icon=":material/undo:"):
        try:
            drafts.send_back(key, account, note, ReportingUnitTree.of(data_dir()))
        except drafts.DraftRefused as refused:
            st.error(words.text("draft_refused", why=str(refused)), icon=":material/block:")
        else:
            st.session_state[staff_publish.SAVED] = (key, drafts.TRA_LAI)
            st.rerun()
    if approve.button(words.text("drafts_approve"), key=f"draft_ok_{key}", type="primary", icon=":material/publish:"):
        try:
            snapshot = drafts.approve(data_dir(), key, account, ReportingUnitTree.of(data_dir()))
        except drafts.DraftRefused as refused:
            st.error(words.text("draft_refused", why=str(refused)), icon=":material/block:")
        except BuildError as error:
            _problems(words, error.problems)
        else:
            st.session_state[staff_publish.PUBLISHED] = snapshot.name
            st.rerun()


def section(words: Words, account: Account, names: dict[str, str]) -> None:
    st.subheader(words.text("drafts_title"))
    tree = ReportingUnitTree.of(data_dir())
    records = drafts.listing(account, tree)
    if not records:
        st.caption(words.text("drafts_none"))
    for record in records[:SHOWN]:
        with st.container(border=True):
            st.markdown(words.text("drafts_line", report=record.report_id, reporting_unit=record.reporting_unit,
                             state=words.text(f"draft_state_{record.state}"), who=record.prepared_by,
                             file=record.file_name))
            backs = [h for h in record.history if h["what"] == drafts.TRA_LAI]
            if backs:
                st.caption(words.text("drafts_last_note", who=backs[-1]["who"], note=backs[-1]["note"]))
            if (record.state == drafts.CHO_DUYET and account.name != record.prepared_by
                    and may(account, APPROVE, record.reporting_unit, tree)):
                _approver(words, record, account, names)
            elif record.state in (drafts.TRA_LAI, drafts.SOAN_THAO) and account.name == record.prepared_by:
                if st.button(words.text("drafts_resume"), key=f"draft_resume_{record.draft_id}"):
                    st.session_state[staff_publish.RESUME] = record.draft_id
                if st.session_state.get(staff_publish.RESUME) == record.draft_id:
                    st.info(words.text("drafts_resume_help", draft=record.draft_id), icon=":material/edit:")
