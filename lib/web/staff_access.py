"""The staff door: a password stored only as a salted scrypt hash, and a limit on wrong attempts.

    make staff-password                               # asks twice, writes the hash into .streamlit/secrets.toml
    python -m lib.web.staff_access set-password FILE  # what it runs; STAFF_PASSWORD in the environment skips the prompt
    python -m lib.web.staff_access hash-password      # prints the line only

No password ships with the project; without the secret the staff page explains how to set one.
"""
from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import re
import secrets
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

SECRET_KEY = "staff_password_hash"
# What the administrator runs to set the password (README, and the staff page when none is set).
HASH_COMMAND = "make staff-password"
SECRETS_FILE = Path(".streamlit") / "secrets.toml"
TRUSTED_PROXY_KEY = "staff_trusted_proxy"  # secrets.toml: true only when a reverse proxy sets X-Forwarded-For
ACCOUNT = "van-phong"  # the one staff account; the lock is kept per account and client
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


def lock_key(client: str, account: str = ACCOUNT) -> str:
    """Wrong attempts count per account and client, so one office's mistakes lock no one else."""
    return f"{account}@{client}"


def client_address(peer: str | None, forwarded_for: str | None, trust_proxy: bool) -> str:
    """The client to count attempts against. X-Forwarded-For is believed only behind a declared
    proxy (anyone can send the header); its last entry is the one that proxy itself added."""
    if trust_proxy and forwarded_for:
        last = forwarded_for.split(",")[-1].strip()
        if last:
            return last
    return peer if peer else "local"


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


def _ask_password() -> str | None:
    """STAFF_PASSWORD when set; otherwise asked twice at a terminal (once from a pipe)."""
    if os.environ.get("STAFF_PASSWORD"):
        return os.environ["STAFF_PASSWORD"]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Mật khẩu văn phòng (ít nhất 10 ký tự): ")
    second = getpass.getpass("Nhập lại mật khẩu: ")
    if first != second:
        print("Hai lần nhập không khớp; chưa đổi gì. Chạy lại lệnh.", file=sys.stderr)
        return None
    return first


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
