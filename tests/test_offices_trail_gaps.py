"""The trail holds every staff action when it happens: a row edited in the review is written at once
(before the report is sent, and once), and a staff note is written with who saved it."""
from __future__ import annotations

import pytest
from staff_support import office_with_accounts
from staff_support import signed_in_page as page
from staff_support import with_office_upload as with_upload

from lib.offices import trail
from lib.web.staff_review import LATEST, ROWS, VERSION


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_with_accounts(tmp_path, monkeypatch)


def _edits() -> list[dict]:
    return [e for e in trail.entries() if e["action"] == trail.EDIT]


def test_a_row_edit_is_in_the_trail_when_it_happens_and_once(office, monkeypatch):
    lan = with_upload(monkeypatch, "lan")
    assert not _edits(), "nothing edited yet"
    rows = lan.session_state[LATEST].copy()
    first = int(rows.index[rows["accept"]][0])
    rows.loc[first, "accept"] = False
    lan.session_state[ROWS] = rows
    lan.session_state[LATEST] = rows
    lan.session_state[VERSION] = lan.session_state[VERSION] + 1
    lan.run()
    (edit,) = _edits()
    assert (edit["who"], edit["reporting_unit"], edit["detail"]["row"]) == ("lan", "ben-song", first)
    assert (edit["detail"]["before"], edit["detail"]["after"]) == ({"accept": True}, {"accept": False})
    upload = next(e for e in trail.entries() if e["action"] == trail.UPLOAD)
    assert edit["detail"]["sha256"] == upload["detail"]["sha256"]
    assert not [e for e in trail.entries() if e["action"] == trail.SUBMIT], "written before the report is sent"
    lan.run()
    assert len(_edits()) == 1, "a page run without a change writes nothing"
    lan.button(key="staff_submit").click().run()
    assert [e["detail"]["row"] for e in _edits()] == [first], "sending does not write the edit again"
    assert trail.verify().ok


def test_a_decision_by_key_is_an_edit_too(office, monkeypatch):
    lan = with_upload(monkeypatch, "lan")
    rows = lan.session_state[LATEST].copy()
    second = int(rows.index[1])
    rows.loc[second, "decision"] = "not_indicator"
    rows.loc[second, "accept"] = False
    lan.session_state[ROWS] = rows
    lan.session_state[VERSION] = lan.session_state[VERSION] + 1
    lan.run()
    (edit,) = _edits()
    assert edit["detail"]["row"] == second and edit["detail"]["after"]["decision"] == "not_indicator"


def test_a_staff_note_is_in_the_trail(office):
    at = page("hoa")
    at.session_state["staff_notes_menu"] = True
    at.run()
    at.selectbox(key="staff_note_indicator").set_value("rice_output")
    at.text_input(key="staff_note_author").input("Trần Thị B")
    at.text_area(key="staff_note_text").input("Vụ Hè Thu mất mùa do hạn mặn.")
    at.button[[b.label for b in at.button].index("Lưu ghi chú")].click().run()
    assert not at.exception
    (note,) = [e for e in trail.entries() if e["action"] == trail.NOTE]
    assert note["who"] == "hoa" and note["snapshot"] and note["detail"]["indicator"] == "rice_output"
    assert note["detail"]["text"] == "Vụ Hè Thu mất mùa do hạn mặn." and trail.verify().ok
    assert (office / "snapshots" / note["snapshot"]).is_dir()
