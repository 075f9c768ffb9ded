"""Where snapshots live and which one is current: the one the pointer file `CURRENT` names (written
by rename after each build, under the publish lock), when it is complete and readable; without a
pointer, or when the one it names is damaged, the most recently created valid snapshot."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lib.data.contract import (
    ADDED_FILES,
    ALL_FILES,
    FILES_BY_VERSION,
    MANIFEST,
    READABLE_SCHEMA_VERSIONS,
    SNAPSHOT_FILES,
)

log = logging.getLogger(__name__)
POINTER = "CURRENT"


def home_reporting_unit(reporting_units) -> str:
    """The unit a link without one opens, and the light pages show: CHITIEU_HOME_UNIT when set and
    known; otherwise the unit of the oldest report (`units` in the order of the newest reports), so
    publishing another unit's report never moves everyone's default view."""
    reporting_units = tuple(reporting_units)
    wanted = os.environ.get("CHITIEU_HOME_UNIT", "")
    return wanted if wanted in reporting_units else reporting_units[-1]


def read_pointer(snapshots_dir: Path) -> str | None:
    """The snapshot id the pointer names, or None (no pointer yet, or one that does not read)."""
    try:
        name = (snapshots_dir / POINTER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if name and not name.startswith(".") and "/" not in name else None


def write_pointer(snapshots_dir: Path, snapshot_id: str) -> None:
    """Make `snapshot_id` current in one step: every process reads either the old or the new name."""
    handle, scratch = tempfile.mkstemp(dir=snapshots_dir, prefix=".pointer-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(snapshot_id + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(scratch, 0o644)
        os.replace(scratch, snapshots_dir / POINTER)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    sync_folder(snapshots_dir)


def sync_folder(folder: Path) -> None:
    """A rename inside `folder` survives a power cut only once the folder itself is synced."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        pass


@dataclass(frozen=True)
class Snapshot:
    path: Path
    manifest: dict

    @property
    def snapshot_id(self) -> str:
        return self.manifest["snapshot_id"]

    @property
    def created_at(self) -> str:
        return self.manifest["created_at"]

    @property
    def schema_version(self) -> int:
        return self.manifest["schema_version"]

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables this snapshot's schema version has."""
        return FILES_BY_VERSION[self.schema_version]

    def file(self, table: str) -> Path:
        return self.path / ALL_FILES[table]

    def has(self, table: str) -> bool:
        """Whether the snapshot holds this table: a snapshot written before a table was added has not."""
        return table in self.tables or ALL_FILES[table] in self.manifest.get("files", {})


@dataclass(frozen=True)
class Rejected:
    """A snapshot folder that cannot be served, and why (for the log and the staff notice)."""

    path: Path
    reason: str


def inspect(folder: Path) -> Snapshot | Rejected:
    """A complete snapshot of a known schema whose files are all present, or the reason it is not.
    Never raises: a folder or file the server cannot read is a reason too."""
    try:
        return _inspect(folder)
    except OSError as error:
        return Rejected(folder, f"không đọc được thư mục hoặc tệp ({error})")


def _inspect(folder: Path) -> Snapshot | Rejected:
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        return Rejected(folder, "thiếu manifest.json")
    try:
        manifest = _manifest_of(manifest_path)
    except (OSError, ValueError) as error:
        return Rejected(folder, f"manifest.json không đọc được ({error})")
    if not isinstance(manifest, dict) or manifest.get("snapshot_id") != folder.name:
        return Rejected(folder, "manifest.json không khớp tên thư mục")
    # `true == 1` in Python: the version must be the integer itself.
    if type(manifest.get("schema_version")) is not int or manifest["schema_version"] not in READABLE_SCHEMA_VERSIONS:
        return Rejected(folder, f"phiên bản lược đồ {manifest.get('schema_version')!r} không được hỗ trợ "
                                f"(ứng dụng đọc phiên bản {', '.join(map(str, READABLE_SCHEMA_VERSIONS))})")
    if not isinstance(manifest.get("created_at"), str):
        return Rejected(folder, "manifest.json thiếu created_at")
    for name in _file_names(manifest):
        if not (folder / name).is_file():
            return Rejected(folder, f"thiếu tệp {name}")
    damaged = _damaged_file(folder, manifest)
    if damaged:
        return Rejected(folder, damaged)
    return Snapshot(folder, manifest)


# Manifests already parsed, keyed like the checksums below: every page run scans the snapshots, and
# a province's manifest (thousands of reports) takes tens of milliseconds to parse.
_manifests: dict[tuple[str, int, int], dict] = {}


def _manifest_of(path: Path) -> dict:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _manifests:
        _manifests[key] = json.loads(path.read_text(encoding="utf-8"))
    return _manifests[key]


# Checksums already verified, keyed by file, size and modification time: each file is hashed once.
_verified: dict[tuple[str, int, int], str] = {}


def _sha256_of(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _verified:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _verified[key] = digest.hexdigest()
    return _verified[key]


def _file_names(manifest: dict) -> list[str]:
    return [SNAPSHOT_FILES[table] for table in FILES_BY_VERSION[manifest["schema_version"]]]


def _damaged_file(folder: Path, manifest: dict) -> str | None:
    """Why the first damaged data file is damaged: a checksum that differs from the manifest's
    (a truncated copy, an edit), or a Parquet file that does not read."""
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return "manifest.json không ghi sha256 của các tệp"
    # The tables added later are checked wherever the manifest names them.
    added = [name for name in ADDED_FILES.values() if name in recorded]
    for name in [*_file_names(manifest), *added]:
        if not (folder / name).is_file():
            return f"thiếu tệp {name}"
        if recorded.get(name) != _sha256_of(folder / name):
            return f"tệp {name} bị hỏng hoặc bị sửa (sha256 không khớp manifest)"
        if name.endswith(".parquet") and not _parquet_footer_reads(folder / name):
            return f"tệp {name} không đọc được (Parquet hỏng, dù sha256 khớp manifest)"
    return None


_footers: dict[tuple[str, int, int], bool] = {}


def _parquet_footer_reads(path: Path) -> bool:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _footers:
        import pyarrow.parquet as pq  # only when a snapshot is first checked
        try:
            pq.read_metadata(path)
            _footers[key] = True
        except (OSError, ValueError):
            _footers[key] = False
    return _footers[key]


def scan(snapshots_dir: Path) -> tuple[list[Snapshot], list[Rejected]]:
    """Valid snapshots, the current one first (the pointer's), then the others newest first by their
    manifest's created_at; and the folders that were passed over."""
    if not snapshots_dir.is_dir():
        return [], []
    valid, rejected = [], []
    # Hidden folders are builds in progress; they are never served.
    try:
        folders = sorted((p for p in snapshots_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
                         reverse=True)
    except OSError as error:
        log.warning("snapshot folder %s cannot be listed: %s", snapshots_dir, error)
        return [], [Rejected(snapshots_dir, f"không đọc được thư mục ({error})")]
    for folder in folders:
        outcome = inspect(folder)
        if isinstance(outcome, Snapshot):
            valid.append(outcome)
        else:
            log.warning("snapshot %s passed over: %s", folder, outcome.reason)
            rejected.append(outcome)
    valid.sort(key=lambda s: (s.created_at, s.path.name), reverse=True)
    pointed = read_pointer(snapshots_dir)
    valid.sort(key=lambda s: s.path.name != pointed)  # stable: the pointer's snapshot first
    return valid, rejected


def latest_snapshot(snapshots_dir: Path) -> Snapshot | None:
    valid, _ = scan(snapshots_dir)
    return valid[0] if valid else None


class DataUnavailable(Exception):
    """No snapshot can be served; `rejected` says what was found and why it was passed over."""

    def __init__(self, rejected: list[Rejected]):
        self.rejected = rejected
        super().__init__("; ".join(f"{r.path.name}: {r.reason}" for r in rejected) or "no snapshot")


@dataclass(frozen=True)
class Current:
    snapshot: Snapshot  # the one shown
    passed_over: tuple[Rejected, ...]
    newest: Snapshot | None = None  # when an older snapshot is shown (a link named it): the newest
    served: tuple[str, ...] = ()  # the ids of every snapshot that can be shown, newest first


def choose(snapshots_dir: Path, snapshot_id: str | None = None) -> Current:
    """The newest valid snapshot, and any newer folders that had to be passed over; or the older
    snapshot `snapshot_id` a link names, while it is still in the folder and valid."""
    valid, rejected = scan(snapshots_dir)
    if not valid:
        raise DataUnavailable(rejected)
    newest = valid[0]
    pointed = read_pointer(snapshots_dir)
    # Passed over: the one the pointer names, when damaged; without a pointer, any newer folder.
    newer_rejected = tuple(r for r in rejected if r.path.name == pointed
                           or (pointed is None and r.path.name > newest.path.name))
    served = tuple(s.snapshot_id for s in valid)
    named = next((s for s in valid[1:] if s.snapshot_id == snapshot_id), None)
    if named is not None:
        return Current(named, newer_rejected, newest, served)
    return Current(newest, newer_rejected, None, served)
