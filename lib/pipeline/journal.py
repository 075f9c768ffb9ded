"""Publishing as a transaction. Before a publish (or a note) touches data/, a journal is put in
place in one rename: the files it will replace (their old bytes kept beside it), the paths it will
create, the snapshot folders and the pointer as they were. The snapshot pointer is the commit point
(lib/data/snapshot.py): once it names a new snapshot the publish has happened and the journal is
dropped. A journal still there at the next start (a killed process, a power cut) is finished when
the pointer moved, and otherwise rolled back: created paths removed, replaced files put back,
half-written snapshots and scratch files removed. Everything here runs under the publish lock."""
from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from lib.data.snapshot import read_pointer, sync_folder

log = logging.getLogger(__name__)
JOURNAL = ".publish-journal"
SCRATCH = ".publish-tmp-"  # files and folders being written; renamed into place when whole
LOCK_FILE = ".publish.lock"


@contextmanager
def publishing_lock(data_dir: Path, wait: bool = True):
    """One publish at a time, across sessions and processes. With wait=False, yields False at once
    when another holder has it."""
    with open(Path(data_dir) / LOCK_FILE, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def atomic_write(path: Path, payload: bytes) -> None:
    """Write a file whole or not at all: a scratch file beside it, synced, renamed over it."""
    path = Path(path)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=SCRATCH)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(scratch, 0o644)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def begin(data_dir: Path, what: str, replaces: list[str], creates: list[str]) -> None:
    """Record, in one rename, what a publish is about to do (paths relative to data_dir)."""
    data_dir = Path(data_dir)
    new = data_dir / (JOURNAL + ".new")
    if new.exists():
        shutil.rmtree(new)
    new.mkdir()
    kept: dict[str, str | None] = {}
    for index, relative in enumerate(replaces):
        source = data_dir / relative
        if source.exists():
            shutil.copyfile(source, new / f"kept-{index}")
            kept[relative] = f"kept-{index}"
        else:
            kept[relative] = None
    snapshots = data_dir / "snapshots"
    entry = {"what": what, "started": time.strftime("%Y-%m-%d %H:%M:%S"), "replaces": kept, "creates": creates,
             "pointer": read_pointer(snapshots),
             "snapshots": sorted(p.name for p in snapshots.iterdir()) if snapshots.is_dir() else []}
    with open(new / "journal.json", "w", encoding="utf-8") as out:
        json.dump(entry, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.rename(new, data_dir / JOURNAL)
    sync_folder(data_dir)


def end(data_dir: Path) -> None:
    """The publish is complete (or was rolled back): drop the journal, in one rename."""
    data_dir = Path(data_dir)
    old = data_dir / (JOURNAL + ".old")
    if old.exists():
        shutil.rmtree(old)
    if (data_dir / JOURNAL).exists():
        os.rename(data_dir / JOURNAL, old)
        sync_folder(data_dir)
    shutil.rmtree(old, ignore_errors=True)


def roll_back(data_dir: Path) -> list[str]:
    """Undo what the journal says a publish did; returns what was undone, in words."""
    data_dir = Path(data_dir)
    folder = data_dir / JOURNAL
    entry = json.loads((folder / "journal.json").read_text(encoding="utf-8"))
    undone = []
    for relative in reversed(entry["creates"]):
        path = data_dir / relative
        if path.exists() or path.is_symlink():
            _remove(path)
            undone.append(f"xóa {relative}")
    for relative, kept in entry["replaces"].items():
        path = data_dir / relative
        if kept is None:
            if path.exists():
                path.unlink()
                undone.append(f"xóa {relative}")
        elif not path.exists() or path.read_bytes() != (folder / kept).read_bytes():
            atomic_write(path, (folder / kept).read_bytes())
            undone.append(f"trả lại {relative} như trước")
    snapshots = data_dir / "snapshots"
    if snapshots.is_dir() and read_pointer(snapshots) == entry["pointer"]:
        for path in snapshots.iterdir():  # snapshots written but never made current
            if path.name not in entry["snapshots"] and path.is_dir():
                _remove(path)
                undone.append(f"xóa snapshot chưa hoàn tất {path.name}")
    end(data_dir)
    return undone


def _scratch_left(data_dir: Path) -> list[Path]:
    """Scratch files and half-built snapshots a killed process left (they are never read)."""
    places = [data_dir / "raw", data_dir / "curated", data_dir / "curated" / "reports", data_dir / "snapshots"]
    return [path for place in places if place.is_dir() for path in place.iterdir()
            if path.name.startswith((SCRATCH, ".building-", ".pointer-"))]


def recover(data_dir: Path) -> str | None:
    """Finish or roll back a publish that was interrupted, and clear scratch files; call under the
    publish lock. Returns what happened in Vietnamese, or None when there was nothing to do."""
    data_dir = Path(data_dir)
    said = []
    for leftover in (JOURNAL + ".new", JOURNAL + ".old"):
        if (data_dir / leftover).exists():
            shutil.rmtree(data_dir / leftover, ignore_errors=True)
    journal = data_dir / JOURNAL
    if journal.exists():
        try:
            entry = json.loads((journal / "journal.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return (f"Có nhật ký công bố hỏng ở {journal} ({error}); chưa tự sửa được. "
                    "Sao lưu thư mục data/ rồi xóa thư mục đó và chạy lại make data.")
        if read_pointer(data_dir / "snapshots") != entry["pointer"]:
            end(data_dir)
            said.append(f"Lần công bố “{entry['what']}” lúc {entry['started']} bị ngắt sau khi snapshot mới "
                        "đã được dùng: đã hoàn tất.")
        else:
            undone = roll_back(data_dir)
            said.append(f"Lần công bố “{entry['what']}” lúc {entry['started']} bị ngắt giữa chừng: đã hoàn tác "
                        f"({'; '.join(undone) or 'chưa ghi gì'}). Dữ liệu như trước lần đó; có thể công bố lại.")
    scratch = _scratch_left(data_dir)
    for path in scratch:
        _remove(path)
    if scratch:
        said.append("Đã xóa tệp ghi dở của lần chạy bị ngắt: " + ", ".join(p.name for p in scratch) + ".")
    if said:
        log.warning("publish recovery in %s: %s", data_dir, " ".join(said))
    return " ".join(said) or None


def recover_if_idle(data_dir: Path) -> str | None:
    """recover() when no publish is running now (one that is running recovers first itself)."""
    with publishing_lock(data_dir, wait=False) as held:
        return recover(data_dir) if held else None
