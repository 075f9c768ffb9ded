"""The staff page under AppTest, signed in, with a file as if just uploaded."""
from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.serving import copy_data
from lib.offices.accounts import DUYET, NHAP_LIEU, QUAN_TRI, Accounts
from lib.web.staff_access import hash_password, issue_token

REPO = Path(__file__).resolve().parent.parent
# The commune report the named-accounts tests prepare, send back and approve.
OFFICE_REPORT = REPO / "tests" / "fixtures" / "bao-cao-ben-song-2023.txt"


class Upload:
    """What the page reads of an uploaded file."""

    def __init__(self, name: str, content: bytes):
        self.name, self._content = name, content

    def getvalue(self) -> bytes:
        return self._content


def staff_page_with(name: str, content: bytes, monkeypatch, query: dict | None = None) -> AppTest:
    """Streamlit's uploader cannot be fed under AppTest: the page's uploader hands over `name`."""
    real = st.file_uploader
    monkeypatch.setattr(st, "file_uploader", lambda label, *a, **k: Upload(name, content)
                        if k.get("key") == "staff_upload_0" else real(label, *a, **k))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.secrets["staff_password_hash"] = hash_password("mat-khau-van-phong-2024")
    at.session_state["staff_signed_in"] = issue_token("")  # AppTest sends no cookie
    at.switch_page("pages/7_nhap_bao_cao.py")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def copied_data(tmp_path: Path, monkeypatch) -> Path:
    """A copy of data/ (curated, raw, snapshots) that the app under test reads and writes."""
    folder = tmp_path / "data"
    copy_data(folder)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(folder))
    return folder


def office_with_accounts(tmp_path: Path, monkeypatch, administrator: bool = False) -> Path:
    """A copy of data/ and a state folder with lan (nhập liệu) and hoa (duyệt) for Bến Sông, and quan
    (quản trị) when asked."""
    monkeypatch.setenv("CHITIEU_STATE_DIR", str(tmp_path / "state"))
    store = Accounts()
    store.add("lan", NHAP_LIEU, ["ben-song"], "mat-khau-cua-lan")
    store.add("hoa", DUYET, ["ben-song"], "mat-khau-cua-hoa")
    if administrator:
        store.add("quan", QUAN_TRI, [], "mat-khau-quan-tri")
    return copied_data(tmp_path, monkeypatch)


def signed_in_page(name: str | None = None) -> AppTest:
    """The staff page, signed in as the named account (or not signed in)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    if name:
        at.session_state["staff_account_name"] = name
        at.session_state["staff_signed_in"] = issue_token(f"|{name}")  # AppTest sends no cookie
    at.switch_page("pages/7_nhap_bao_cao.py")
    return at.run()


def with_office_upload(monkeypatch, name: str) -> AppTest:
    """The staff page of `name` with the Bến Sông report as if just uploaded, its unit named."""
    real = st.file_uploader
    monkeypatch.setattr(st, "file_uploader", lambda label, *a, **k: Upload(OFFICE_REPORT.name, OFFICE_REPORT.read_bytes())
                        if k.get("key") == "staff_upload_0" else real(label, *a, **k))
    at = signed_in_page(name)
    at.text_input(key="staff_unit_vi").input("Huyện Bến Sông").run()
    return at
