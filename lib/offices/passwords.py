"""Passwords are kept only as salted scrypt hashes: the one home of hashing for the shared staff
password (lib/web/staff_access.py) and for named accounts (accounts.py)."""
from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import secrets
import sys

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_LENGTH = 10


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


def ask_password(prompt: str = "Mật khẩu văn phòng (ít nhất 10 ký tự): ") -> str | None:
    """STAFF_PASSWORD when set; otherwise asked twice at a terminal (once from a pipe)."""
    if os.environ.get("STAFF_PASSWORD"):
        return os.environ["STAFF_PASSWORD"]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    second = getpass.getpass("Nhập lại mật khẩu: ")
    if first != second:
        print("Hai lần nhập không khớp; chưa đổi gì. Chạy lại lệnh.", file=sys.stderr)
        return None
    return first
