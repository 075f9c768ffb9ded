"""The report's frame, confirmed before its rows: which unit and at what level, the year and the part
of the year its results cover, the year of its targets. Read from the text (lib.pipeline.ingest.frame)
and shown with the words it was read from; a correction re-reads every row (lib/web/staff_page.py)."""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from lib.data.contract import LEVELS, level_from_name
from lib.pipeline.ingest.frame import ReportFrame
from lib.words import labels
from lib.words.vntext import fold, slug
from lib.words.words import Words

PERIODS = ("year", "m6", "m9", "m11", "q1", "q2", "q3", "q4")  # the parts of a year a report's results cover
CONFIRMED = "staff_frame_confirmed"
KEYS = ("staff_unit_vi", "staff_unit_en", "staff_unit_id", "staff_level", "staff_results", "staff_period",
        "staff_targets", CONFIRMED)
_LEVEL_WORD = re.compile(r"^(?:xa|phuong|thi tran|dac khu|huyen|quan|thi xa|tinh|thanh pho)\s+")


def forget() -> None:
    """A new file: its own frame is read, nothing of the last report's is kept."""
    for key in KEYS:
        st.session_state.pop(key, None)


def _level_from_name() -> None:
    """A name typed with its tier ("Huyện Bến Sông") gives the level, unless staff chose one."""
    if not st.session_state.get("staff_level"):
        st.session_state["staff_level"] = level_from_name(st.session_state.get("staff_unit_vi", "")) or ""


def reporting_unit_code(name: str, fallback: str) -> str:
    """The unit's code from its name, as the curated units are coded ("Xã Vĩnh Lộc" → vinh-loc)."""
    code = slug(_LEVEL_WORD.sub("", fold(name).strip()), "-")[:40]
    return code if code[:1].isalpha() else fallback


def section(words: Words, file_name: str, frame: ReportFrame, results_guess: int) -> dict:
    """The frame's fields, filled with what the text says; returns the report's metadata as confirmed."""
    st.subheader(words.text("staff_frame"))
    if frame.evidence:
        st.caption(words.text("staff_frame_read_from", words=" ".join(frame.evidence.split())[:200]))
    if not frame.sure:
        st.warning(words.text("staff_frame_unsure"), icon=":material/visibility:")
        st.checkbox(words.text("staff_frame_confirm"), key=CONFIRMED)
    name_box, level_box, code_box = st.columns([3, 1.4, 2])
    reporting_unit_name_vi = name_box.text_input(words.text("staff_unit_vi"), value=frame.unit_name, key="staff_unit_vi",
                                  on_change=_level_from_name).strip()
    levels = ["", *LEVELS]
    read_level = frame.level or level_from_name(reporting_unit_name_vi) or ""
    level = level_box.selectbox(words.text("staff_level"), levels, index=levels.index(read_level), key="staff_level",
                                format_func=lambda k: words.label(labels.LEVELS, k) if k else "—")
    stem = Path(file_name).stem.lower().rsplit("-", 1)[0][:40]
    code = code_box.text_input(words.text("staff_unit_id"), key="staff_unit_id",
                               placeholder=reporting_unit_code(reporting_unit_name_vi, stem)).strip() or reporting_unit_code(reporting_unit_name_vi, stem)
    results_box, period_box, targets_box, english_box = st.columns([1, 1, 1, 2.4])
    results_year = int(results_box.number_input(words.text("staff_results_year"), 2000, 2100,
                                                frame.results_year or results_guess, key="staff_results"))
    period = period_box.selectbox(words.text("staff_period"), PERIODS, key="staff_period",
                                  index=PERIODS.index(frame.period) if frame.period in PERIODS else 0,
                                  format_func=lambda k: words.label(labels.PERIODS, k))
    targets_year = int(targets_box.number_input(words.text("staff_targets_year"), 2000, 2100,
                                                frame.targets_year or results_year + 1, key="staff_targets"))
    reporting_unit_name_en = english_box.text_input(words.text("staff_unit_en"), key="staff_unit_en").strip()
    report_id = f"{code}-{results_year}" + ("" if period == "year" else f"-{period}")
    meta = {"report_id": report_id, "reporting_unit": code, "reporting_unit_name_vi": reporting_unit_name_vi or code,
            "reporting_unit_name_en": reporting_unit_name_en or reporting_unit_name_vi or code, "results_year": results_year,
            "targets_year": targets_year, "period": period}
    if level:
        meta["level"] = level
    return meta


def confirmed(frame: ReportFrame) -> bool:
    """The frame is read sure, or the staff member ticked that its years and period are right."""
    return frame.sure or bool(st.session_state.get(CONFIRMED, False))


def corrections(frame: ReportFrame, meta: dict, confirmed: bool = False) -> dict:
    """What the staff member changed or confirmed in the frame, as the extractor's overrides (nothing when
    a sure frame is left as read: an unsure one confirmed is passed whole, so its rows may be sure)."""
    read = {"results_year": frame.results_year, "targets_year": frame.targets_year, "period": frame.period}
    if confirmed and not frame.sure:
        return {key: meta[key] for key in read}
    return {key: meta[key] for key, value in read.items() if meta[key] != value}
