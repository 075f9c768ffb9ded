"""Nhập báo cáo: staff upload a report, review the proposed figures beside its text, and publish
a new snapshot through the same validation as `make data`. Behind the staff password."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.data.cache import data_dir
from lib.pipeline import ingest, publish
from lib.pipeline.raw import MAX_FILE_MB, UnreadableReport, report_text
from lib.web import shell, staff_indicators, staff_notes, staff_publish, staff_review, staff_statements
from lib.web.staff_door import gate, sign_out, signed_in
from lib.words.labels import text

log = logging.getLogger(__name__)
UPLOADS = "staff_upload_count"  # a new uploader after each publish, so the published file is not offered again
LOADED = "staff_loaded_file"


@st.cache_data(max_entries=8, show_spinner=False)
def _read_and_extract(name: str, content: bytes, data_folder: str) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """The report's text, its proposals (each ticked only if it would pass the check as proposed,
    the others saying why they need a look), and the numbers that are not facts."""
    report = report_text(name, content)
    catalogue = ingest.load_catalogue(Path(data_folder))
    candidates = ingest.extract(report, catalogue)
    skipped = ingest.skipped_numbers(report)
    years = candidates["year"].dropna()
    results = int(years.min()) if len(years) else 2023
    meta = {"unit_name_vi": "-", "unit_name_en": "-", "results_year": results, "targets_year": results + 1}
    rows = publish.proposals_for_review(Path(data_folder), report, candidates, skipped, name, content, meta)
    return report, rows, skipped


def _metadata(lang: str, name: str, rows: pd.DataFrame) -> dict:
    st.subheader(text("staff_meta", lang))
    years = rows["year"].dropna()
    results_guess = int(years.min()) if len(years) else 2023
    stem = Path(name).stem.lower()
    left, middle, right = st.columns(3)
    unit_id = left.text_input(text("staff_unit_id", lang), value=stem.rsplit("-", 1)[0][:40], key="staff_unit_id")
    unit_vi = middle.text_input(text("staff_unit_vi", lang), key="staff_unit_vi")
    unit_en = right.text_input(text("staff_unit_en", lang), key="staff_unit_en")
    results_year = left.number_input(text("staff_results_year", lang), 2000, 2100, results_guess, key="staff_results")
    targets_year = middle.number_input(text("staff_targets_year", lang), 2000, 2100, results_guess + 1,
                                       key="staff_targets")
    return {"report_id": f"{unit_id}-{int(results_year)}", "reporting_unit": unit_id,
            "unit_name_vi": unit_vi or unit_id, "unit_name_en": unit_en or unit_vi or unit_id,
            "results_year": int(results_year), "targets_year": int(targets_year)}


def _read(lang: str, upload) -> tuple[str, pd.DataFrame, pd.DataFrame] | None:
    """The upload read and proposed; a file that is not a report gets its reason and fix, and the
    uploader stays for the next file."""
    try:
        return _read_and_extract(upload.name, upload.getvalue(), str(data_dir()))
    except UnreadableReport as error:
        st.error(text(error.key, lang, **error.details), icon=":material/error:")
    except Exception:  # a file no rule foresaw: a sentence for staff, the traceback for the log
        log.exception("reading the uploaded report %s failed", upload.name)
        st.error(text("staff_file_other", lang, name=upload.name), icon=":material/error:")
    st.caption(text("staff_file_next", lang))
    return None


def render() -> None:
    page = shell.start("staff")
    lang = page.lang
    st.title(text("staff_title", lang))
    if not gate(lang):
        shell.finish(page)
        return
    if st.sidebar.button(text("staff_logout", lang), key="staff_logout"):
        sign_out()
        st.rerun()
    staff_publish.published_notice(lang)
    catalogue = ingest.load_catalogue(data_dir())
    staff_notes.section(lang, staff_review.indicator_names(catalogue.indicators, [], lang))
    upload = st.file_uploader(text("staff_upload_any", lang), key=f"staff_upload_{st.session_state.get(UPLOADS, 0)}",
                              max_upload_size=MAX_FILE_MB + 8)
    read = _read(lang, upload) if upload is not None else None
    if read is None:
        shell.finish(page)
        return
    report, proposals, skipped = read
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    if st.session_state.get(LOADED) != digest:
        staff_review.start(proposals)
        staff_statements.start(report, catalogue.indicators)
        st.session_state[LOADED] = digest
    units = sorted(catalogue.units["unit"])
    meta = _metadata(lang, upload.name, proposals)
    staff_indicators.section(lang, units, set(catalogue.indicators["indicator_id"]))
    made = staff_indicators.made()
    names = staff_review.indicator_names(catalogue.indicators, made, lang)
    st.subheader(text("staff_review", lang))
    st.caption(text("staff_review_help", lang))
    beside = st.container()  # the row's sentence sits just above the grid, filled once the grid has its edits
    rows = staff_review.grid(lang, names, units)
    with beside:
        left, right = st.columns([3, 2])
        with left:
            focus = staff_review.sentence_panel(lang, report, rows, names)
        with right:
            staff_review.assign_indicator(lang, names, focus)
    raw_name = f"{meta['report_id']}-{digest[:8]}{Path(upload.name).suffix.lower() or '.txt'}"
    statements = staff_statements.section(lang)
    draft = publish.draft_from_review(report, raw_name, content, meta, rows, skipped, made, statements)
    staff_publish.actions(lang, draft, names, rows, signed_in, _start_over)
    shell.finish(page)


def _start_over() -> None:
    """Published: the uploader empties and the indicators made for this report are now in the catalogue."""
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    st.session_state.pop(staff_indicators.NEW, None)
    st.session_state.pop(LOADED, None)
    st.session_state.pop(staff_statements.ROWS, None)
