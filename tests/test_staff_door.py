"""The staff door holds (issue 28): wrong passwords are counted per client and per account across
concurrent sessions and across processes, a forged X-Forwarded-For is believed only from a listed
proxy, and a sign-in is bound to the browser that gave the password, not to the session id."""
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lib.web import staff_access
from lib.web.staff_access import (
    FREE_ACCOUNT_ATTEMPTS,
    FREE_ATTEMPTS,
    LIMITER,
    client_address,
    hash_password,
    issue_token,
    lock_key,
    token_valid,
    try_password,
)

REPO = Path(__file__).resolve().parent.parent
RIGHT = "mat-khau-van-phong-2024"


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("CHITIEU_STATE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def stored():
    return hash_password(RIGHT)


def test_twelve_sessions_at_once_get_only_the_free_tries_checked(state, stored):
    """11 wrong guesses and the right one, all at once from one client: only FREE_ATTEMPTS are checked."""
    checked, results, start = [], [], threading.Barrier(12)
    real_verify = staff_access.verify_password

    def counting_verify(password, hashed):
        checked.append(password)
        return real_verify(password, hashed)

    staff_access.verify_password = counting_verify
    try:
        def session(password):
            start.wait()
            results.append(try_password(lock_key("10.0.0.7"), password, stored))

        threads = [threading.Thread(target=session, args=(f"sai-{i}",)) for i in range(11)]
        threads.append(threading.Thread(target=session, args=(RIGHT,)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        staff_access.verify_password = real_verify
    assert len(checked) <= FREE_ATTEMPTS, checked
    assert sum(1 for right, _ in results if right) <= 1
    assert LIMITER.wait_seconds(lock_key("10.0.0.7")) > 0 or any(right for right, _ in results)


CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from lib.web import staff_access
checked = []
real = staff_access.verify_password
staff_access.verify_password = lambda password, hashed: checked.append(password) or real(password, hashed)
for i in range(6):
    staff_access.try_password(staff_access.lock_key("10.0.0.8"), f"sai-{i}", sys.argv[1])
print(len(checked))
"""


def test_two_processes_share_one_count(state, stored):
    """APPS=2: each process once kept its own count (6 guesses for 2 × 3); now one file counts them."""
    env = {**os.environ, "CHITIEU_STATE_DIR": str(state)}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, stored, str(REPO)], cwd=REPO, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [child.communicate(timeout=120) for child in children]
    assert all(child.returncode == 0 for child in children), outputs
    assert LIMITER.wait_seconds(lock_key("10.0.0.8")) > 0
    assert sum(int(out.strip()) for out, _ in outputs) <= FREE_ATTEMPTS, outputs


def _guesses_with_forged_headers(stored, trusted) -> int:
    """60 wrong guesses from 127.0.0.1 (Streamlit says None), each with a new forged X-Forwarded-For."""
    checked = 0
    for i in range(60):
        client = client_address(None, f"203.0.113.{i}", trusted)
        right, wait = try_password(lock_key(client), f"sai-{i}", stored)
        checked += wait == 0
    return checked


def test_a_forged_forwarded_for_from_loopback_is_not_believed(state, stored, monkeypatch):
    monkeypatch.setattr(staff_access, "verify_password", lambda password, hashed: password == RIGHT)
    assert client_address(None, "203.0.113.9", None) == "local"
    assert client_address("127.0.0.1", "203.0.113.9", True) == "127.0.0.1", "the old `true` trusts nothing now"
    assert _guesses_with_forged_headers(stored, None) <= FREE_ATTEMPTS


def test_behind_a_listed_proxy_each_client_counts_and_the_account_locks(state, stored, monkeypatch):
    monkeypatch.setattr(staff_access, "verify_password", lambda password, hashed: password == RIGHT)
    assert client_address("127.0.0.1", "10.1.1.1, 203.0.113.9", ["127.0.0.1"]) == "203.0.113.9"
    assert client_address("10.9.9.9", "203.0.113.9", ["127.0.0.1"]) == "10.9.9.9", "not the listed proxy"
    assert _guesses_with_forged_headers(stored, ["127.0.0.1"]) <= FREE_ACCOUNT_ATTEMPTS


def test_a_sign_in_is_bound_to_its_browser_and_expires():
    token = issue_token("browser-a")
    assert token_valid(token, "browser-a")
    assert not token_valid(token, ""), "the session id alone, from another browser, does not sign in"
    assert not token_valid(token, "browser-b")
    assert not token_valid(True, "browser-a"), "the old flag is no sign-in"
    assert not token_valid(token, "browser-a", now=10**11), "expired"


def test_a_session_joined_from_another_browser_is_signed_out(monkeypatch):
    from staff_support import REPO as ROOT
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["staff_password_hash"] = hash_password(RIGHT)
    at.switch_page("pages/7_nhap_bao_cao.py")
    at.session_state["staff_signed_in"] = issue_token("the-staff-browser")
    at.run()
    assert not at.exception
    assert not at.get("file_uploader"), "a token of another browser opens nothing"
    assert at.text_input and at.button, "the password form instead"
    assert "staff_signed_in" not in at.session_state
