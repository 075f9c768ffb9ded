"""The staff page with named accounts (issue 26): sign-in by name, a report prepared by one account
and sent for approval, sent back with a note, reworked, then approved and published by another."""
from __future__ import annotations

import json

import pytest
from helpers import text
from staff_support import OFFICE_REPORT, REPO, office_with_accounts
from staff_support import signed_in_page as page
from staff_support import with_office_upload as with_upload
from streamlit.testing.v1 import AppTest

from lib.offices import drafts, trail
from lib.offices.accounts import NHAP_LIEU, Accounts
from lib.web.staff_access import issue_token
from lib.web.staff_review import LATEST, ROWS, VERSION

REPORT = OFFICE_REPORT


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_with_accounts(tmp_path, monkeypatch, administrator=True)


def test_accounts_sign_in_by_name_and_the_shared_password_no_longer_opens(office):
    at = page()
    names = [t for t in at.text_input if t.label == text("staff_name", "vi")]
    assert names, "the door asks for a name once accounts exist"
    names[0].input("lan")
    [t for t in at.text_input if t.label == text("staff_password", "vi")][0].input("sai-mat-khau-roi")
    at.button[0].click().run()
    assert any(e.value == text("staff_wrong_named", "vi") for e in at.error)
    [t for t in at.text_input if t.label == text("staff_name", "vi")][0].input("lan")
    [t for t in at.text_input if t.label == text("staff_password", "vi")][0].input("mat-khau-cua-lan")
    at.button[0].click().run()
    assert any("**lan**" in m.value for m in at.sidebar.markdown)
    assert [(e["who"], e["action"]) for e in trail.entries()] == [("lan", trail.SIGN_IN_FAILED), ("lan", trail.SIGN_IN)]
    Accounts().set_disabled("lan")
    at.run()
    assert [t for t in at.text_input if t.label == text("staff_name", "vi")], "a disabled account is signed out"
    legacy = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    legacy.session_state["staff_signed_in"] = issue_token("")  # a shared-password sign-in from before
    legacy.switch_page("pages/7_nhap_bao_cao.py")
    legacy.run()
    assert [t for t in legacy.text_input if t.label == text("staff_name", "vi")]
    assert not page("quan").exception


def test_prepare_send_back_rework_approve(office, monkeypatch):
    with monkeypatch.context() as m:
        lan = with_upload(m, "lan")
        assert not [b for b in lan.button if b.key == "staff_publish"], "an account sends for approval"
        assert [b for b in lan.button if b.key == "staff_submit"]
        rows = lan.session_state[LATEST].copy()
        first = int(rows.index[rows["accept"]][0])
        rows.loc[first, "accept"] = False  # one edit, to be found in the trail
        lan.session_state[ROWS] = rows
        lan.session_state[LATEST] = rows
        lan.session_state[VERSION] = lan.session_state[VERSION] + 1
        lan.run()
        lan.button(key="staff_submit").click().run()
        assert any("chờ duyệt" in s.value for s in lan.success)
    (record,) = drafts.listing(Accounts().get("hoa"))
    assert (record.state, record.prepared_by, record.reporting_unit) == (drafts.CHO_DUYET, "lan", "ben-song")
    key = record.draft_id

    hoa = page("hoa")
    hoa.text_input(key=f"draft_note_{key}").input("Thiếu dòng số dân, nhận lại dòng đó")
    hoa.button(key=f"draft_back_{key}").click().run()
    assert drafts.listing(Accounts().get("hoa"))[0].state == drafts.TRA_LAI

    with monkeypatch.context() as m:
        lan = with_upload(m, "lan")
        assert any("Thiếu dòng số dân" in c.value for c in lan.caption)
        lan.button(key=f"draft_resume_{key}").click().run()
        lan.text_input(key="staff_unit_vi").input("Huyện Bến Sông").run()
        lan.button(key="staff_submit").click().run()
    assert [r.draft_id for r in drafts.listing(Accounts().get("hoa"))] == [key], "the same draft, replaced"

    hoa = page("hoa")
    hoa.button(key=f"draft_look_{key}").click().run()
    assert any(m.value.startswith("Khi công bố") for m in hoa.markdown), "the approver sees the changes"
    hoa.button(key=f"draft_ok_{key}").click().run()
    published = drafts.listing(Accounts().get("hoa"))[0]
    assert published.state == drafts.DA_CONG_BO and any(published.snapshot in s.value for s in hoa.success)
    sidecar = json.loads((office / "snapshots" / f"{published.snapshot}{drafts.PROVENANCE}").read_text())
    assert (sidecar["prepared_by"], sidecar["approved_by"], sidecar["file"]) == ("lan", "hoa", published.file_name)
    walk = [(e["who"], e["action"]) for e in trail.entries()]
    for step in [("lan", trail.UPLOAD), ("lan", trail.EDIT), ("lan", trail.SUBMIT), ("hoa", trail.SEND_BACK),
                 ("hoa", trail.CHECK), ("hoa", trail.APPROVE), ("hoa", trail.PUBLISH)]:
        assert step in walk, step
    assert walk.index(("hoa", trail.SEND_BACK)) < walk.index(("hoa", trail.APPROVE))
    assert trail.verify().ok


def test_the_administrator_adds_and_disables_accounts(office):
    at = page("quan")
    assert not at.exception and not [b for b in at.button if b.key == "staff_submit"]
    at.text_input(key="accounts_new_name").input("minh")
    at.selectbox(key="accounts_new_role").set_value(NHAP_LIEU)
    at.multiselect(key="accounts_new_units").set_value(["tieu-can"])
    at.text_input(key="accounts_new_password").input("mat-khau-cua-minh")
    [b for b in at.button if b.label == text("accounts_add", "vi")][0].click().run()
    assert Accounts().authenticate("minh", "mat-khau-cua-minh").reporting_units == ("tieu-can",)
    at.button(key="accounts_toggle_lan").click().run()
    assert Accounts().get("lan").disabled
    changes = [e["detail"]["account"] for e in trail.entries() if e["action"] == trail.ACCOUNT_CHANGE]
    assert changes == ["minh", "lan"] and trail.verify().ok
    assert not [b for b in page("hoa").button if (b.key or "").startswith("accounts_")], "only quan_tri manages"
