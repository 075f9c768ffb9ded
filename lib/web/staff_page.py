"""Nhập báo cáo: staff upload a report, review the proposed figures beside its text, and publish
a new snapshot through the same validation as `make data`. Behind the staff password."""
from __future__ import annotations

import hashlib
import math
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import labels
from lib.data.cache import data_dir
from lib.data.contract import KINDS
from lib.labels import text
from lib.pipeline import ingest, publish
from lib.pipeline.problems import BuildError
from lib.web import shell
from lib.web.components import highlighted_sentence
from lib.web.staff_access import HASH_COMMAND, LIMITER, SECRET_KEY, verify_password

SIGNED_IN = "staff_signed_in"  # session flag; no widget has this key, so no client can set it


def _stored_hash() -> str | None:
    try:
        value = st.secrets.get(SECRET_KEY)
    except Exception:  # no secrets file at all
        return None
    return value if isinstance(value, str) and value else None


def signed_in() -> bool:
    return bool(st.session_state.get(SIGNED_IN))


def gate(lang: str) -> bool:
    """True once this session has given the staff password; otherwise shows the door (or how to
    set one up) and returns False."""
    stored = _stored_hash()
    if stored is None:
        st.warning(text("staff_no_secret", lang), icon=":material/lock:")
        st.markdown(text("staff_how_to_secret", lang))
        st.code(HASH_COMMAND, language="bash")
        return False
    if signed_in():
        return True
    address = st.context.ip_address
    # Behind a reverse proxy every client shares the proxy's address: stricter, never looser.
    client = address if isinstance(address, str) and address else "local"
    wait = LIMITER.wait_seconds(client)
    with st.form("staff_login"):
        password = st.text_input(text("staff_password", lang), type="password")
        submitted = st.form_submit_button(text("staff_enter", lang), disabled=wait > 0)
    if wait > 0:
        st.error(text("staff_wait", lang, seconds=math.ceil(wait)), icon=":material/timer:")
        return False
    if submitted:
        if verify_password(password, stored):
            LIMITER.succeeded(client)
            st.session_state[SIGNED_IN] = True
            st.rerun()
        delay = LIMITER.failed(client)
        st.error(text("staff_wrong", lang) + (" " + text("staff_wait", lang, seconds=math.ceil(delay)) if delay else ""),
                 icon=":material/lock:")
    return False


@st.cache_data(max_entries=8, show_spinner=False)
def _read_and_extract(name: str, content: bytes, data_folder: str) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / name
        path.write_bytes(content)
        report_text = ingest.read_report(path)
    catalogue = ingest.load_catalogue(Path(data_folder))
    candidates = ingest.extract(report_text, catalogue)
    candidates.insert(0, "accept", (candidates["indicator_id"] != "") & (candidates["confidence"] >= 0.7))
    return report_text, candidates, ingest.skipped_numbers(report_text)


def _metadata(lang: str, name: str, candidates: pd.DataFrame) -> dict:
    st.subheader(text("staff_meta", lang))
    years = candidates["year"].dropna()
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


def _new_indicator_form(lang: str, units: list[str]) -> None:
    with st.expander(text("staff_new_indicator", lang)), st.form("staff_new_indicator", clear_on_submit=True):
        left, right = st.columns(2)
        entry = {
            "indicator_id": left.text_input("indicator_id"),
            "name_vi": right.text_input("name_vi"),
            "name_en": left.text_input("name_en"),
            "domain": right.selectbox("domain", list(labels.DOMAINS)),
            "group": left.selectbox("group", list(labels.GROUPS)),
            "unit": right.selectbox("unit", units),
            "direction": left.selectbox("direction", list(labels.DIRECTIONS)),
            "measure": right.selectbox("measure", list(labels.MEASURES)),
        }
        if st.form_submit_button(text("staff_add_indicator", lang)) and entry["indicator_id"]:
            st.session_state.setdefault("staff_new_indicators", []).append(entry)


def _review(lang: str, candidates: pd.DataFrame, indicator_ids: list[str], units: list[str]) -> pd.DataFrame:
    st.subheader(text("staff_review", lang))
    st.caption(text("staff_review_help", lang))
    shown = ["accept", "indicator_id", "kind", "year", "number", "occurrence", "unit", "qualifier", "value",
             "confidence", "note", "quote"]
    vi = lang == "vi"
    config = {
        "accept": st.column_config.CheckboxColumn("Nhận" if vi else "Accept"),
        "indicator_id": st.column_config.SelectboxColumn("Mã chỉ tiêu" if vi else "Indicator",
                                                         options=[""] + indicator_ids, width="medium"),
        "kind": st.column_config.SelectboxColumn("Loại số" if vi else "Kind", options=list(KINDS)),
        "year": st.column_config.NumberColumn("Năm" if vi else "Year", format="%d"),
        "number": st.column_config.TextColumn("Số như báo cáo ghi" if vi else "As written"),
        "occurrence": st.column_config.NumberColumn("Lần xuất hiện" if vi else "Occurrence", format="%d"),
        "unit": st.column_config.SelectboxColumn("Đơn vị" if vi else "Unit", options=units),
        "qualifier": st.column_config.SelectboxColumn("Mức độ" if vi else "Qualifier",
                                                      options=[""] + list(labels.QUALIFIERS)),
        "value": st.column_config.NumberColumn("Giá trị đọc được" if vi else "Value read", disabled=True),
        "confidence": st.column_config.ProgressColumn("Độ tin cậy" if vi else "Confidence", min_value=0, max_value=1),
        "note": st.column_config.TextColumn("Ghi chú" if vi else "Note", disabled=True),
        "quote": st.column_config.TextColumn("Trích dẫn" if vi else "Quote", width="large"),
    }
    edited = st.data_editor(candidates[shown], column_config=config, hide_index=False, key="staff_review",
                            num_rows="fixed", width="stretch", height=420)
    return pd.concat([edited, candidates[["start", "end", "quote_start"]]], axis=1)


def _report_text(lang: str, report_text: str, reviewed: pd.DataFrame) -> None:
    focus = st.number_input(text("staff_focus", lang), 0, max(len(reviewed) - 1, 0), 0, key="staff_focus")
    row = reviewed.iloc[int(focus)]
    st.html(highlighted_sentence(str(row["quote"]), [str(row["number"])]))
    with st.container(height=360):
        st.text(report_text)


def _show_problems(lang: str, problems: list, draft: publish.ReportDraft) -> None:
    st.error(text("staff_problems", lang, n=len(problems)), icon=":material/error:")
    for problem in problems:
        where = problem.file
        if problem.row and problem.file.endswith("observations.csv") and 2 <= problem.row < 2 + len(draft.review_rows):
            where = f"{'dòng duyệt' if lang == 'vi' else 'review row'} {draft.review_rows[problem.row - 2]}"
        elif problem.row:
            where = f"{problem.file}, {'dòng' if lang == 'vi' else 'row'} {problem.row}"
        st.markdown(f"- **{where}**: {problem.message} → {problem.fix}")


def render() -> None:
    page = shell.start("staff")
    lang = page.lang
    st.title(text("staff_title", lang))
    if not gate(lang):
        shell.finish(page)
        return
    if st.sidebar.button(text("staff_logout", lang), key="staff_logout"):
        st.session_state.pop(SIGNED_IN, None)
        st.rerun()
    upload = st.file_uploader(text("staff_upload", lang), type=["txt", "docx"], key="staff_upload")
    if upload is None:
        shell.finish(page)
        return
    content = upload.getvalue()
    try:
        report_text, candidates, skipped = _read_and_extract(upload.name, content, str(data_dir()))
    except (ValueError, UnicodeDecodeError, KeyError) as error:
        st.error(text("staff_unreadable", lang, reason=error), icon=":material/error:")
        return
    catalogue = ingest.load_catalogue(data_dir())
    new_indicators = st.session_state.get("staff_new_indicators", [])
    indicator_ids = sorted(catalogue.indicators["indicator_id"]) + [i["indicator_id"] for i in new_indicators]
    units = sorted(catalogue.units)
    meta = _metadata(lang, upload.name, candidates)
    _new_indicator_form(lang, units)
    left, right = st.columns([3, 2])
    with left:
        reviewed = _review(lang, candidates, indicator_ids, units)
    with right:
        _report_text(lang, report_text, reviewed)
    raw_name = f"{meta['report_id']}-{hashlib.sha256(content).hexdigest()[:8]}{Path(upload.name).suffix.lower()}"
    draft = publish.draft_from_review(report_text, raw_name, content, meta, reviewed, skipped, new_indicators)
    check, publish_now, _ = st.columns([1, 1.4, 3])
    if check.button(text("staff_check", lang), key="staff_check", icon=":material/fact_check:"):
        problems = publish.check(data_dir(), draft)
        if problems:
            _show_problems(lang, problems, draft)
        else:
            st.success(text("staff_ok", lang), icon=":material/check_circle:")
    if publish_now.button(text("staff_publish", lang), key="staff_publish", type="primary", icon=":material/publish:"):
        if not signed_in():  # the button only exists behind the door; checked again where it acts
            st.stop()
        try:
            snapshot = publish.publish(data_dir(), draft)
        except BuildError as error:
            _show_problems(lang, error.problems, draft)
        else:
            st.session_state.pop("staff_new_indicators", None)
            st.success(text("staff_published", lang, snapshot=snapshot.name), icon=":material/check_circle:")
    shell.finish(page)
