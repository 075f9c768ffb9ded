"""The staff door: a password stored only as a salted scrypt hash, and a limit on wrong attempts.

    python -m lib.web.staff_access hash-password      # prints the line to put in .streamlit/secrets.toml

No password ships with the project; without the secret the staff page explains how to set one.
"""
from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import secrets
import sys
import threading
import time
from dataclasses import dataclass

SECRET_KEY = "staff_password_hash"
# What the administrator runs to set the password (README, and the staff page when none is set).
HASH_COMMAND = ".venv/bin/python -m lib.web.staff_access hash-password >> .streamlit/secrets.toml"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_LENGTH = 10
FREE_ATTEMPTS = 3  # wrong passwords allowed before each further try must wait
BASE_DELAY_S = 5.0
MAX_DELAY_S = 15 * 60.0


def hash_password(password: str, salt: bytes | None = None) -> str:
    """"scrypt$n$r$p$salt$hash", base64; a new random salt each time."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    encode = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${encode(salt)}${encode(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash; a malformed hash matches nothing."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), dklen=len(expected),
                                n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


class AttemptLimiter:
    """Wrong attempts per client, kept in the server process so a new browser session does not reset
    them: after FREE_ATTEMPTS failures each try waits twice as long as the last (up to MAX_DELAY_S)."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, client: str) -> float:
        with self._lock:
            record = self._records.get(client)
            return max(0.0, record.locked_until - self._clock()) if record else 0.0

    def failed(self, client: str) -> float:
        """Record a wrong password; returns how long this client must now wait."""
        with self._lock:
            record = self._records.setdefault(client, _Record())
            record.failures += 1
            if record.failures >= FREE_ATTEMPTS:
                delay = min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (record.failures - FREE_ATTEMPTS))
                record.locked_until = self._clock() + delay
                return delay
            return 0.0

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)


LIMITER = AttemptLimiter()


def main(argv: list[str]) -> int:
    if argv[:1] != ["hash-password"]:
        print(__doc__, file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("Mật khẩu: ")
    if len(password) < MIN_LENGTH:
        print(f"Mật khẩu cần ít nhất {MIN_LENGTH} ký tự.", file=sys.stderr)
        return 1
    print(f'{SECRET_KEY} = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
