"""The staff password: hashed, verified in constant time, wrong attempts slowed down."""
import subprocess
import sys
from pathlib import Path

import pytest

from lib.web.staff_access import FREE_ATTEMPTS, MAX_DELAY_S, AttemptLimiter, hash_password, verify_password

ROOT = Path(__file__).resolve().parent.parent


def test_hash_verifies_only_the_right_password():
    stored = hash_password("mat-khau-van-phong")
    assert stored.startswith("scrypt$")
    assert "mat-khau-van-phong" not in stored
    assert verify_password("mat-khau-van-phong", stored)
    assert not verify_password("mat-khau-van-phonG", stored)
    assert not verify_password("", stored)


def test_each_hash_has_its_own_salt():
    assert hash_password("cùng-một-mật-khẩu") != hash_password("cùng-một-mật-khẩu")


@pytest.mark.parametrize("stored", ["", "plain-text", "scrypt$1$2$3", "md5$a$b$c$d$e", "scrypt$x$8$1$AAAA$AAAA"])
def test_a_malformed_hash_matches_nothing(stored):
    assert not verify_password("anything", stored)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_wrong_attempts_are_slowed_down_per_client():
    clock = FakeClock()
    limiter = AttemptLimiter(clock)
    for _ in range(FREE_ATTEMPTS - 1):
        assert limiter.failed("10.0.0.1") == 0.0
    first_wait = limiter.failed("10.0.0.1")
    assert first_wait > 0
    assert limiter.wait_seconds("10.0.0.1") == pytest.approx(first_wait)
    assert limiter.wait_seconds("10.0.0.2") == 0.0  # another client is not slowed
    clock.now += first_wait
    assert limiter.wait_seconds("10.0.0.1") == 0.0
    assert limiter.failed("10.0.0.1") == pytest.approx(first_wait * 2)  # doubles each time
    for _ in range(30):
        limiter.failed("10.0.0.1")
    assert limiter.wait_seconds("10.0.0.1") <= MAX_DELAY_S
    limiter.succeeded("10.0.0.1")
    assert limiter.wait_seconds("10.0.0.1") == 0.0


def test_cli_prints_a_secrets_line_and_refuses_short_passwords():
    ok = subprocess.run([sys.executable, "-m", "lib.web.staff_access", "hash-password"], input="mot-mat-khau-du-dai\n",
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0
    line = ok.stdout.strip()
    assert line.startswith('staff_password_hash = "scrypt$')
    assert verify_password("mot-mat-khau-du-dai", line.split('"')[1])
    short = subprocess.run([sys.executable, "-m", "lib.web.staff_access", "hash-password"], input="ngan\n",
                           capture_output=True, text=True, check=False)
    assert short.returncode == 1 and "ít nhất" in short.stderr


def set_password(secrets_file, password, **env):
    import os
    return subprocess.run([sys.executable, "-m", "lib.web.staff_access", "set-password", str(secrets_file)],
                          input="", capture_output=True, text=True, check=False,
                          env={**os.environ, "STAFF_PASSWORD": password, **env})


def stored_hashes(secrets_file):
    import tomllib
    parsed = tomllib.loads(secrets_file.read_text(encoding="utf-8"))
    return parsed, [line for line in secrets_file.read_text().splitlines() if line.startswith("staff_password_hash")]


def test_set_password_creates_the_file_then_replaces_the_password(tmp_path):
    secrets_file = tmp_path / ".streamlit" / "secrets.toml"
    assert set_password(secrets_file, "mat-khau-thu-nhat").returncode == 0
    assert set_password(secrets_file, "mat-khau-thu-hai-moi").returncode == 0
    parsed, lines = stored_hashes(secrets_file)
    assert len(lines) == 1, "changed, not duplicated"
    assert verify_password("mat-khau-thu-hai-moi", parsed["staff_password_hash"])
    assert not verify_password("mat-khau-thu-nhat", parsed["staff_password_hash"])


def test_set_password_keeps_other_settings_and_mends_a_duplicated_key(tmp_path):
    secrets_file = tmp_path / "secrets.toml"
    old = hash_password("cu-cu-cu-cu-cu")
    secrets_file.write_text(f'staff_password_hash = "{old}"\nstaff_trusted_proxy = true\n'
                            f'staff_password_hash = "{old}"\n[mail]\nhost = "smtp"\n', encoding="utf-8")
    assert set_password(secrets_file, "mat-khau-moi-dai-du").returncode == 0
    parsed, lines = stored_hashes(secrets_file)
    assert len(lines) == 1 and parsed["staff_trusted_proxy"] is True and parsed["mail"]["host"] == "smtp"
    assert verify_password("mat-khau-moi-dai-du", parsed["staff_password_hash"])


def test_a_refused_password_leaves_no_file_behind(tmp_path):
    secrets_file = tmp_path / ".streamlit" / "secrets.toml"
    result = set_password(secrets_file, "ngan")
    assert result.returncode == 1 and "ít nhất" in result.stderr
    assert not secrets_file.exists() and not secrets_file.parent.exists()


def test_the_make_target_runs_the_setter_after_the_venv():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rule = makefile.split("\nstaff-password:", 1)[1].split("\n\n", 1)[0]
    assert rule.lstrip().startswith("$(VENV)/.app-installed"), "a fresh clone gets its venv first"
    assert "set-password .streamlit/secrets.toml" in rule
    dry = subprocess.run(["make", "-n", "staff-password"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert dry.returncode == 0 and "set-password" in dry.stdout


def test_a_broken_secrets_file_is_named_with_its_reason(tmp_path):
    from lib.web.staff_access import unreadable_secrets
    broken = tmp_path / "secrets.toml"
    broken.write_text('staff_password_hash = "a"\nstaff_password_hash = "b"\n', encoding="utf-8")
    fine = tmp_path / "fine.toml"
    fine.write_text('x = 1\n', encoding="utf-8")
    assert unreadable_secrets([str(fine), str(tmp_path / "missing.toml")]) is None
    found = unreadable_secrets([str(fine), str(broken)])
    assert found and found[0] == str(broken) and "line 2" in found[1]


def test_the_client_comes_from_x_forwarded_for_only_behind_a_trusted_proxy():
    from lib.web.staff_access import client_address
    assert client_address("127.0.0.1", "203.0.113.9", None) == "127.0.0.1"
    assert client_address("127.0.0.1", "203.0.113.9", ["127.0.0.1"]) == "203.0.113.9"
    # A client may send its own header; the proxy appends the address it saw, which is the last.
    assert client_address("127.0.0.1", "1.2.3.4, 203.0.113.9", ["127.0.0.1"]) == "203.0.113.9"
    assert client_address(None, None, ["127.0.0.1"]) == "local"


def test_the_lock_is_per_account_and_client():
    from lib.web.staff_access import lock_key
    clock = FakeClock()
    limiter = AttemptLimiter(clock)
    for _ in range(FREE_ATTEMPTS):
        limiter.failed(lock_key("203.0.113.9"))
    assert limiter.wait_seconds(lock_key("203.0.113.9")) > 0
    assert limiter.wait_seconds(lock_key("203.0.113.10")) == 0, "another office behind the same proxy"
    assert limiter.wait_seconds(lock_key("203.0.113.9", account="admin")) == 0
