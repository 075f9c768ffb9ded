"""Notes by staff: written on the staff page, kept in the curated source, carried by the snapshot
built at once, and shown to leaders beside the reading; a refused note writes nothing."""
from __future__ import annotations

import pytest
from staff_support import REPO, copied_data
from streamlit.testing.v1 import AppTest

from lib.data.db import Database
from lib.data.queries import indicator_notes
from lib.data.snapshot import latest_snapshot
from lib.pipeline.notes import NOTES_FILE, NoteError
from lib.pipeline.publish import publish_note
from lib.web.staff_access import hash_password, issue_token


@pytest.fixture
def data(tmp_path, monkeypatch):
    return copied_data(tmp_path, monkeypatch)


def test_a_note_reaches_a_new_snapshot_at_once(data):
    before = latest_snapshot(data / "snapshots").snapshot_id
    folder = publish_note(data, "health_insurance_coverage", "Nguyễn Văn A", "Số của tỉnh cao hơn số của huyện.")
    assert folder.name != before
    notes = indicator_notes(Database(latest_snapshot(data / "snapshots")), "health_insurance_coverage")
    assert list(notes["author"]) == ["Nguyễn Văn A"] and list(notes["text"]) == ["Số của tỉnh cao hơn số của huyện."]


@pytest.mark.parametrize("indicator, author, words", [("no_such_indicator", "A", "x"), ("rice_output", "", "x"),
                                                      ("rice_output", "A", "   ")])
def test_a_refused_note_writes_nothing(data, indicator, author, words):
    path = data / "curated" / NOTES_FILE
    before = path.read_bytes()
    snapshots = sorted(p.name for p in (data / "snapshots").iterdir())
    with pytest.raises(NoteError):
        publish_note(data, indicator, author, words)
    assert path.read_bytes() == before
    assert sorted(p.name for p in (data / "snapshots").iterdir()) == snapshots


def test_staff_write_a_note_on_the_page_and_leaders_see_it(data):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.secrets["staff_password_hash"] = hash_password("mat-khau-van-phong-2024")
    at.session_state["staff_signed_in"] = issue_token("")  # AppTest sends no cookie
    at.switch_page("pages/7_nhap_bao_cao.py").run()
    at.expander(key="staff_notes_menu").proto.expanded = True
    at.session_state["staff_notes_menu"] = True
    at.run()
    at.selectbox(key="staff_note_indicator").set_value("rice_output")
    at.text_input(key="staff_note_author").input("Trần Thị B")
    at.text_area(key="staff_note_text").input("Vụ Hè Thu mất mùa do hạn mặn.")
    at.button[[b.label for b in at.button].index("Lưu ghi chú")].click().run()
    assert not at.exception
    assert any("Đã lưu ghi chú" in s.value for s in at.success), [s.value for s in at.success]
    leader = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    leader.switch_page("pages/5_chi_tieu.py")
    leader.query_params["id"] = "rice_output"
    leader.run()
    shown = " ".join(h.proto.body for h in leader.get("html"))
    assert "Vụ Hè Thu mất mùa do hạn mặn." in shown and "Trần Thị B" in shown


def test_the_reports_statements_are_reviewed_and_published_with_it(data, monkeypatch):
    """The extractor's proposed statements sit under the figures; those kept go out with the report."""
    from staff_support import staff_page_with

    from lib.data.queries import Scope, domain_statements
    from lib.web.staff_statements import ROWS
    report = REPO / "tests" / "fixtures" / "bao-cao-ben-song-2023.txt"
    at = staff_page_with(report.name, report.read_bytes(), monkeypatch)
    proposed = at.session_state[ROWS]
    assert len(proposed) >= 5 and set(proposed["kind"]) <= {"danh_gia", "han_che", "nguyen_nhan", "nhiem_vu"}
    kept = proposed[proposed["accept"]]
    assert not kept.empty and kept["domain"].notna().all()
    at.text_input(key="staff_unit_vi").input("Huyện Bến Sông").run()
    at.button(key="staff_check").click().run()
    at.button(key="staff_publish").click().run()
    assert not at.exception
    db = Database(latest_snapshot(data / "snapshots"))
    meta = db.query("SELECT reporting_unit, results_year FROM reports WHERE reporting_unit <> 'tieu-can'").iloc[0]
    scope = Scope(meta["reporting_unit"], int(meta["results_year"]), int(meta["results_year"]) + 1)
    published = set()
    for domain in set(kept["domain"]):
        published |= set(domain_statements(db, scope, domain, kinds=("danh_gia", "han_che", "nguyen_nhan", "nhiem_vu"))
                         ["source_quote"])
    assert published == set(kept["quote"])
