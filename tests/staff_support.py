"""The staff page under AppTest, signed in, with a file as if just uploaded."""
from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.web.staff_access import hash_password, issue_token

REPO = Path(__file__).resolve().parent.parent


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
    import shutil
    folder = tmp_path / "data"
    for part in ("curated", "raw", "snapshots"):
        shutil.copytree(REPO / "data" / part, folder / part)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(folder))
    return folder
