"""Nhập báo cáo: staff upload a report, review the proposed figures beside its text, and publish
a new snapshot through the same validation as `make data`. Behind the staff password."""
from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.data.cache import data_dir
from lib.offices import trail
from lib.offices.accounts import DUYET, QUAN_TRI, ReportingUnitTree
from lib.pipeline import ingest, journal, publish
from lib.pipeline.ingest.catalogue import with_common
from lib.pipeline.ingest.frame import ReportFrame, read_frame
from lib.pipeline.raw import MAX_FILE_MB, UnreadableReport, report_text
from lib.web import (
    background,
    shell,
    staff_accounts,
    staff_choices,
    staff_drafts,
    staff_frame,
    staff_indicators,
    staff_notes,
    staff_publish,
    staff_review,
    staff_statements,
)
from lib.web.staff_door import current_account, gate, sign_out, signed_in, who
from lib.words.vntext import literal
from lib.words.words import Words

log = logging.getLogger(__name__)
UPLOADS = "staff_upload_count"  # a new uploader after each publish, so the published file is not offered again
LOADED = "staff_loaded_file"


@st.cache_data(max_entries=8, show_spinner=False)
def _read_text(name: str, content: bytes) -> tuple[str, ReportFrame, pd.DataFrame]:
    """The report's text, its frame as the text states it, and the numbers that are not facts."""
    report = report_text(name, content)
    return report, read_frame(report), ingest.skipped_numbers(report)


@st.cache_data(max_entries=8, show_spinner=False)
def _proposals(name: str, content: bytes, data_folder: str, overrides: dict, frame: dict) -> pd.DataFrame:
    """The proposals under the frame as confirmed (`overrides`: what the staff member corrected), each
    ticked only if it would pass the check as proposed, the others saying why they need a look."""
    report, _, skipped = _read_text(name, content)
    catalogue = ingest.load_catalogue(Path(data_folder))
    years = {k: v for k, v in overrides.items() if k != "period"}
    period = overrides.get("period")
    candidates = background.run(ingest.extract, report, catalogue, **years, **({"period": period} if period else {}))
    meta = {"reporting_unit_name_vi": "-", "reporting_unit_name_en": "-", **frame}
    return publish.proposals_for_review(Path(data_folder), report, candidates, skipped, name, content, meta)


@st.cache_data(max_entries=8, show_spinner=False)
def _results_guess(name: str, content: bytes, data_folder: str) -> int:
    """The results year when the text states none: the earliest year of its figures."""
    years = ingest.extract(_read_text(name, content)[0], ingest.load_catalogue(Path(data_folder)))["year"].dropna()
    return int(years.min()) if len(years) else date.today().year - 1


def _read(words: Words, upload) -> tuple[str, ReportFrame, pd.DataFrame] | None:
    """The upload read; a file that is not a report gets its reason and fix, and the uploader stays
    for the next file."""
    try:
        return _read_text(upload.name, upload.getvalue())
    except UnreadableReport as error:
        st.error(words.text(error.key, **error.details), icon=":material/error:")
    except Exception:  # a file no rule foresaw: a sentence for staff, the traceback for the log
        log.exception("reading the uploaded report %s failed", upload.name)
        st.error(words.text("staff_file_other", name=literal(upload.name)), icon=":material/error:")
    st.caption(words.text("staff_file_next"))
    return None


def render() -> None:
    page = shell.start("staff")
    words = page.words
    st.title(words.text("staff_title"))
    if not gate(words):
        shell.finish(page)
        return
    if st.sidebar.button(words.text("staff_logout"), key="staff_logout"):
        sign_out()
        st.rerun()
    staff_publish.published_notice(words)
    recovered = journal.recover_if_idle(data_dir())  # a publish cut off earlier is undone or finished now
    if recovered:
        st.warning(words.text("staff_recovered", what=recovered), icon=":material/history:")
    account = current_account()
    catalogue = ingest.load_catalogue(data_dir())
    known = staff_review.indicator_names(catalogue.indicators, [], words)
    if account is not None:
        st.sidebar.markdown(words.text("staff_signed_as", name=account.name, role=words.text(f"role_{account.role}"),
                                 reporting_units=", ".join(account.reporting_units) or "-"))
        if account.role == QUAN_TRI:  # manages accounts, prepares and publishes nothing
            staff_accounts.section(words, account, ReportingUnitTree.of(data_dir()))
            shell.finish(page)
            return
        staff_drafts.section(words, account, known)
    if account is None or account.role == DUYET:  # a note publishes at once: an approver's step
        staff_notes.section(words, known, who())
    upload = st.file_uploader(words.text("staff_upload_any"), key=f"staff_upload_{st.session_state.get(UPLOADS, 0)}",
                              max_upload_size=MAX_FILE_MB + 8)
    read = _read(words, upload) if upload is not None else None
    if upload is None or read is None:
        shell.finish(page)
        return
    report, frame, skipped = read
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    if st.session_state.get(LOADED, ("",))[0] != digest:
        trail.record(trail.UPLOAD, who(), reporting_unit_name=frame.unit_name, file=upload.name, sha256=digest, size=len(content))
        staff_frame.forget()
        staff_statements.start(report, catalogue.indicators)
    guess = frame.results_year or _results_guess(upload.name, content, str(data_dir()))
    meta = staff_frame.section(words, upload.name, frame, guess)
    with st.spinner(words.text("staff_reading"), show_time=True):
        sure_frame = staff_frame.confirmed(frame)
        proposals = _proposals(upload.name, content, str(data_dir()),
                               staff_frame.corrections(frame, meta, sure_frame), _frame_of(meta))
    loaded = (digest, *_frame_of(meta).values(), sure_frame)
    if st.session_state.get(LOADED) != loaded:  # a new file, or a corrected frame: every row follows
        staff_review.start(proposals)
        st.session_state[LOADED] = loaded
    units_of_measure = sorted(catalogue.units_of_measure["unit_of_measure"])
    staff_indicators.section(words, units_of_measure, set(catalogue.indicators["indicator_id"]))
    made = staff_indicators.made()
    names = staff_review.indicator_names(with_common(catalogue).indicators, made, words)
    st.subheader(words.text("staff_review"))
    st.caption(words.text("staff_review_help"))
    beside = st.container()  # the row's sentence sits just above the grid, filled once the grid has its edits
    rows = staff_review.grid(words, names, units_of_measure)
    staff_review.log_edits(rows, who(), meta.get("reporting_unit"), upload.name, digest,
                           st.session_state.get(staff_publish.RESUME))
    with beside:
        left, right = st.columns([3, 2])
        with left:
            focus = staff_review.sentence_panel(words, report, rows, names)
        with right:
            staff_choices.panel(words, names, focus, catalogue, units_of_measure)
            staff_review.assign_indicator(words, names, focus)
    raw_name = f"{meta['report_id']}-{digest[:8]}{Path(upload.name).suffix.lower() or '.txt'}"
    statements = staff_statements.section(words)
    draft = publish.draft_from_review(report, raw_name, content, meta, rows, skipped, made, statements)
    staff_publish.actions(words, draft, names, rows, signed_in, _start_over, who=who(), account=account)
    shell.finish(page)


def _frame_of(meta: dict) -> dict:
    """The part of the metadata the rows depend on (the proposals are cached by it)."""
    return {key: meta[key] for key in ("results_year", "targets_year", "period")}


def _start_over() -> None:
    """Published: the uploader empties and the indicators made for this report are now in the catalogue."""
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    st.session_state.pop(staff_indicators.NEW, None)
    st.session_state.pop(LOADED, None)
    st.session_state.pop(staff_statements.ROWS, None)
