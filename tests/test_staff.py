"""The staff password: hashed, verified in constant time, wrong attempts slowed down."""
import subprocess
import sys

import pytest

from lib.web.staff_access import FREE_ATTEMPTS, MAX_DELAY_S, AttemptLimiter, hash_password, verify_password


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
