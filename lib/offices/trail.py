"""The trail: every staff action (sign-in, failed sign-in, upload, row edit, check, send-back,
approval, publish, note) appended as one JSON line with who, when (UTC), which unit and which draft
or snapshot. Each line carries the sha256 of the line before it, and a head file the count and hash
of the last, so an entry edited, removed or cut off the end is found by

    make audit-verify          # python -m lib.offices.trail verify [FILE]; exit 1 when broken
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lib.offices.state_folder import state_dir

SIGN_IN, SIGN_IN_FAILED, UPLOAD, EDIT, CHECK = "sign_in", "sign_in_failed", "upload", "edit_row", "check"
SAVE, SUBMIT, SEND_BACK, APPROVE, PUBLISH, NOTE, REFUSED = ("save_draft", "submit", "send_back", "approve",
                                                           "publish", "note", "refused")
ACCOUNT_CHANGE = "account_change"
GENESIS = "0" * 64


def trail_file() -> Path:
    return Path(os.environ.get("CHITIEU_TRAIL_FILE") or state_dir() / "trail.jsonl")


def _head_file(path: Path) -> Path:
    return path.with_name(path.name + ".head")


def _sha(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def _last_line(handle) -> bytes:
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    step, chunk = 4096, b""
    while size > 0:
        start = max(0, size - step)
        handle.seek(start)
        chunk = handle.read(size - start) + chunk
        size = start
        if chunk.rstrip(b"\n").count(b"\n") >= 1:
            break
    lines = chunk.rstrip(b"\n").split(b"\n")
    return lines[-1] if lines and lines[-1] else b""


def record(action: str, who: str | None, reporting_unit: str | None = None, draft: str | None = None,
           snapshot: str | None = None, path: Path | None = None, **detail) -> dict:
    """Append one entry, under a lock shared by every app process; returns it."""
    path = Path(path) if path else trail_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            last = _last_line(handle)
            previous = json.loads(last) if last else None
            entry = {"n": previous["n"] + 1 if previous else 1,
                     "at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                     "who": who, "action": action, "reporting_unit": reporting_unit, "draft": draft, "snapshot": snapshot,
                     "detail": detail, "prev": _sha(last) if last else GENESIS}
            line = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
            handle.seek(0, os.SEEK_END)
            handle.write(line + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
            head = _head_file(path)
            scratch = head.with_name(head.name + ".tmp")
            scratch.write_text(json.dumps({"n": entry["n"], "sha256": _sha(line)}) + "\n", encoding="utf-8")
            os.replace(scratch, head)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return entry


@dataclass
class Verdict:
    entries: int
    broken_at: int | None = None  # the line number of the first entry that does not hold
    why: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(path: Path | None = None) -> Verdict:
    """Walk the chain: each line must parse, be numbered one more than the last, and name the hash of
    the line before; the last must be the one the head file names."""
    path = Path(path) if path else trail_file()
    if not path.exists():
        return Verdict(0)
    previous, count = GENESIS, 0
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip(b"\n")
            try:
                entry = json.loads(line)
            except ValueError:
                return Verdict(count, number, "dòng không đọc được (đã bị sửa)")
            if entry.get("n") != number:
                return Verdict(count, number, f"số thứ tự {entry.get('n')} thay vì {number} (mục {number} bị xóa)")
            if entry.get("prev") != previous:  # this one is in its place: the one before it changed
                return Verdict(count - 1, number - 1, f"nội dung khác với mã băm mục {number} ghi lại (đã bị sửa)")
            previous, count = _sha(line), number
    head = _head_file(path)
    try:
        stored = json.loads(head.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Verdict(count, count + 1 if count else 1, f"thiếu hoặc hỏng tệp {head.name}")
    if stored.get("n") != count:
        return Verdict(count, count + 1, f"tệp {head.name} ghi {stored.get('n')} mục: các mục cuối bị xóa")
    if stored.get("sha256") != previous:
        return Verdict(count - 1, count, f"mục cuối không khớp mã băm trong {head.name} (đã bị sửa)")
    return Verdict(count)


def entries(path: Path | None = None) -> list[dict]:
    path = Path(path) if path else trail_file()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str]) -> int:
    if argv[:1] != ["verify"]:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1]) if len(argv) > 1 else trail_file()
    verdict = verify(path)
    print(f"Nhật ký {path}: {verdict.entries} mục nguyên vẹn.")
    if verdict.ok:
        print("Chuỗi mã băm khớp từ đầu đến cuối.")
        return 0
    print(f"HỎNG ở mục {verdict.broken_at}: {verdict.why}.")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
