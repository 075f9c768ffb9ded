"""The staff door: a password stored only as a salted scrypt hash, and a limit on wrong attempts.

    make staff-password                               # asks twice, writes the hash into .streamlit/secrets.toml
    python -m lib.web.staff_access set-password FILE  # what it runs; STAFF_PASSWORD in the environment skips the prompt
    python -m lib.web.staff_access hash-password      # prints the line only

No password ships with the project; without the secret the staff page explains how to set one.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from lib.offices.passwords import MIN_LENGTH, hash_password, verify_password
from lib.offices.passwords import ask_password as _ask_password
from lib.offices.state_folder import state_dir

SECRET_KEY = "staff_password_hash"
# What the administrator runs to set the password (README, and the staff page when none is set).
HASH_COMMAND = "make staff-password"
SECRETS_FILE = Path(".streamlit") / "secrets.toml"
TRUSTED_PROXY_KEY = "staff_trusted_proxies"  # secrets.toml: the proxy's addresses, e.g. ["127.0.0.1"]
ACCOUNT = "van-phong"  # the one staff account; the lock is kept per account and client
FREE_ATTEMPTS = 3  # wrong passwords allowed before each further try must wait
BASE_DELAY_S = 5.0
MAX_DELAY_S = 15 * 60.0


FREE_ACCOUNT_ATTEMPTS = 10  # wrong passwords for the account from anywhere before each further try waits
SESSION_HOURS = 8  # a sign-in lasts a working day
_SESSION_KEY = secrets.token_bytes(32)  # per process: a Streamlit session lives in one process


def _state_file() -> Path:
    """Where wrong attempts are counted for every process of this server (CHITIEU_STATE_DIR in tests)."""
    return state_dir() / "staff-attempts.sqlite"


class AttemptLimiter:
    """Wrong attempts per account and per client, in a small SQLite file shared by every app process
    and session: a try is counted *before* its password is checked, in one locked transaction, so
    many sessions at once cannot each slip a guess in before the lock. After FREE_ATTEMPTS failures of
    a client (FREE_ACCOUNT_ATTEMPTS of the account) each try waits twice as long as the last."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self._clock = clock
        self._fallback: sqlite3.Connection | None = None  # the state folder not writable: this process only
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if self._fallback is None:
            try:
                path = _state_file()
                path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(path, timeout=30, isolation_level=None)
                connection.execute("CREATE TABLE IF NOT EXISTS attempts "
                                   "(key TEXT PRIMARY KEY, failures INTEGER, locked_until REAL)")
                return connection
            except (OSError, sqlite3.Error):
                self._fallback = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                self._fallback.execute("CREATE TABLE attempts (key TEXT PRIMARY KEY, failures INTEGER, "
                                       "locked_until REAL)")
        return self._fallback

    def _run(self, work):
        with self._lock:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes
                try:
                    result = work(connection)
                    connection.execute("COMMIT")
                    return result
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
            finally:
                if connection is not self._fallback:
                    connection.close()

    @staticmethod
    def _keys(key: str) -> list[tuple[str, int]]:
        """(key, free tries): a client's key "account@client" also counts against its account."""
        if "@" not in key:
            return [(key, FREE_ATTEMPTS)]
        return [(key, FREE_ATTEMPTS), ("account:" + key.split("@")[0], FREE_ACCOUNT_ATTEMPTS)]

    def _wait(self, connection, keyed: list[tuple[str, int]]) -> float:
        now, keys = self._clock(), [key for key, _ in keyed]
        rows = connection.execute(f"SELECT locked_until FROM attempts WHERE key IN ({','.join('?' * len(keys))})",
                                  keys).fetchall()
        return max([0.0, *(until - now for (until,) in rows)])

    def wait_seconds(self, key: str) -> float:
        return self._run(lambda connection: self._wait(connection, self._keys(key)))

    def _count(self, connection, keyed: list[tuple[str, int]]) -> float:
        now, longest = self._clock(), 0.0
        for key, free in keyed:
            row = connection.execute("SELECT failures, locked_until FROM attempts WHERE key = ?", (key,)).fetchone()
            failures = (row[0] if row else 0) + 1
            until = row[1] if row else 0.0
            if failures >= free:
                delay = min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - free))
                until, longest = now + delay, max(longest, delay)
            connection.execute("INSERT OR REPLACE INTO attempts VALUES (?, ?, ?)", (key, failures, until))
        return longest

    def reserve(self, key: str) -> float:
        """Before a password is checked: 0 when this try may go ahead (it is already counted as a
        failure, taken back by `succeeded`); otherwise the seconds to wait, nothing counted."""
        def work(connection):
            keys = self._keys(key)
            wait = self._wait(connection, keys)
            if wait > 0:
                return wait
            self._count(connection, keys)
            return 0.0
        return self._run(work)

    def failed(self, key: str) -> float:
        """Record a wrong password; returns how long this client must now wait."""
        return self._run(lambda connection: self._count(connection, self._keys(key)))

    def succeeded(self, key: str) -> None:
        keys = [name for name, _ in self._keys(key)]
        self._run(lambda connection: connection.execute(
            f"DELETE FROM attempts WHERE key IN ({','.join('?' * len(keys))})", keys))


LIMITER = AttemptLimiter()


def try_password(key: str, password: str, stored: str) -> tuple[bool, float]:
    """One sign-in try: (whether the password is right, seconds the client must now wait). The try is
    counted before the (slow) check, so concurrent tries cannot all pass the lock."""
    return try_check(key, lambda: verify_password(password, stored))


def try_check(key: str, check) -> tuple[bool, float]:
    """One sign-in try by any check (the shared password, or a named account's): counted first."""
    wait = LIMITER.reserve(key)
    if wait > 0:
        return False, wait
    if check():
        LIMITER.succeeded(key)
        return True, 0.0
    return False, LIMITER.wait_seconds(key)


def lock_key(client: str, account: str = ACCOUNT) -> str:
    """Wrong attempts count per account and client, so one office's mistakes lock no one else."""
    return f"{account}@{client}"


def client_address(peer: str | None, forwarded_for: str | None, trusted_proxies) -> str:
    """The client to count attempts against. X-Forwarded-For is believed only when the connection
    comes from a proxy address listed in secrets (`staff_trusted_proxies`): anyone can send the
    header; its last entry is the one that proxy itself added. Streamlit gives no address (None)
    for a loopback connection."""
    trusted = {str(a) for a in trusted_proxies} if isinstance(trusted_proxies, (list, tuple)) else set()
    if forwarded_for and (peer or "127.0.0.1") in trusted:
        last = forwarded_for.split(",")[-1].strip()
        if last:
            return last
    return peer or "local"


def issue_token(binding: str, now: float | None = None) -> str:
    """A sign-in: its expiry and an HMAC, under this process's secret, of the expiry and the browser it
    was given to (`binding`). Whoever joins the session from another browser does not match it."""
    expiry = int((now or time.time()) + SESSION_HOURS * 3600)
    mac = hmac.new(_SESSION_KEY, f"{expiry}|{binding}".encode(), hashlib.sha256).hexdigest()
    return f"{expiry}.{mac}"


def token_valid(token, binding: str, now: float | None = None) -> bool:
    if not isinstance(token, str) or "." not in token:
        return False
    expiry, _, mac = token.partition(".")
    if not expiry.isdigit() or int(expiry) < (now or time.time()):
        return False
    expected = hmac.new(_SESSION_KEY, f"{expiry}|{binding}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, expected)


def unreadable_secrets(paths: list[str]) -> tuple[str, str] | None:
    """The first secrets file that exists but is not valid TOML, with the parser's reason."""
    for name in paths:
        path = Path(name).expanduser()
        if path.suffix != ".toml" or not path.is_file():
            continue
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            return str(path), str(error)
    return None


_KEY_LINE = re.compile(rf"^\s*{SECRET_KEY}\s*=.*$\n?", re.MULTILINE)


def write_secret(path: Path, stored: str) -> None:
    """Put the hash into the secrets file, replacing an earlier one (a duplicate key makes the whole
    file unreadable); the file is replaced in one step, so it is never left empty or half written."""
    path = Path(path)
    earlier = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = _KEY_LINE.sub("", earlier)
    if kept and not kept.endswith("\n"):
        kept += "\n"
    # Top-level keys must come before any [table] header, so the line goes first.
    content = f'{SECRET_KEY} = "{stored}"\n' + kept
    tomllib.loads(content)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=".secrets-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.chmod(scratch, 0o600)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def main(argv: list[str]) -> int:
    if argv[:1] not in (["hash-password"], ["set-password"]):
        print(__doc__, file=sys.stderr)
        return 2
    password = _ask_password()
    if password is None:
        return 1
    if len(password) < MIN_LENGTH:
        print(f"Mật khẩu cần ít nhất {MIN_LENGTH} ký tự; chưa đổi gì.", file=sys.stderr)
        return 1
    if argv[0] == "hash-password":
        print(f'{SECRET_KEY} = "{hash_password(password)}"')
        return 0
    target = Path(argv[1]) if len(argv) > 1 else SECRETS_FILE
    try:
        write_secret(target, hash_password(password))
    except tomllib.TOMLDecodeError as error:
        print(f"{target} đang hỏng ({error}); sửa hoặc xóa tệp đó rồi chạy lại. Chưa đổi gì.", file=sys.stderr)
        return 1
    print(f"Đã lưu mật khẩu (dạng băm) vào {target}. Khởi động lại ứng dụng để dùng mật khẩu mới.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
