"""Drafts and approval: a report reviewed by one account is kept as a draft of its unit in the state
folder (surviving a restart), and an approver of that unit, never the person who prepared it, sees
its changes against the published data, sends it back with a note, or approves it, which publishes
it (lib/pipeline/publish.py). Every step is checked by `may` and written to the trail; each snapshot
published this way gets a sidecar `<snapshot>.provenance.json` beside it naming who prepared and who
approved it and from which file."""
from __future__ import annotations

import fcntl
import hashlib
import json
import pickle
import secrets
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lib.offices import trail
from lib.offices.accounts import APPROVE, PREPARE, SEE, Account, ReportingUnitTree, may
from lib.offices.state_folder import state_dir
from lib.pipeline import publish
from lib.pipeline.journal import atomic_write
from lib.pipeline.problems import BuildError

SOAN_THAO, CHO_DUYET, TRA_LAI, DA_CONG_BO = "soan_thao", "cho_duyet", "tra_lai", "da_cong_bo"
PROVENANCE = ".provenance.json"  # the sidecar's suffix, after the snapshot's name


class DraftRefused(Exception):
    """Not allowed, or not in a state for it; the message in Vietnamese says why."""


@dataclass
class DraftRecord:
    draft_id: str
    reporting_unit: str
    report_id: str
    state: str
    prepared_by: str
    file_name: str
    sha256: str
    updated: str
    approved_by: str | None = None
    snapshot: str | None = None
    history: list[dict] = field(default_factory=list)  # {at, who, what, note}


def drafts_dir() -> Path:
    return state_dir() / "drafts"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@contextmanager
def _locked(draft_id: str):
    """One change at a time to one draft, across processes; other drafts are not held up."""
    folder = drafts_dir() / draft_id
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(folder: Path, record: DraftRecord, draft: publish.ReportDraft | None = None) -> None:
    if draft is not None:
        atomic_write(folder / "draft.pickle", pickle.dumps(draft, protocol=pickle.HIGHEST_PROTOCOL))
    atomic_write(folder / "record.json", (json.dumps(asdict(record), ensure_ascii=False, indent=1) + "\n").encode())


def _record(folder: Path) -> DraftRecord:
    fields = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    if "unit" in fields:  # a draft saved before the reporting unit had its own name
        fields["reporting_unit"] = fields.pop("unit")
    return DraftRecord(**fields)


def _refuse(account: Account | None, why: str, draft_id: str | None, reporting_unit: str | None, action: str) -> None:
    trail.record(trail.REFUSED, account.name if account else None, reporting_unit=reporting_unit, draft=draft_id, tried=action, why=why)
    raise DraftRefused(why)


def save(draft: publish.ReportDraft, account: Account, submit: bool = True, draft_id: str | None = None,
         tree: ReportingUnitTree | None = None) -> DraftRecord:
    """Keep a reviewed report as a draft of its unit: waiting for approval (`submit`) or still being
    written. Given `draft_id`, replaces a draft that was sent back or not yet submitted."""
    reporting_unit = str(draft.meta.get("reporting_unit", ""))
    if not may(account, PREPARE, reporting_unit, tree):
        _refuse(account, f"tài khoản {account.name} không được nhập báo cáo cho đơn vị “{reporting_unit}”", draft_id, reporting_unit, "save")
    draft_id = draft_id or f"{draft.report_id}-{secrets.token_hex(3)}"
    with _locked(draft_id) as folder:
        if (folder / "record.json").exists():
            earlier = _record(folder)
            if earlier.reporting_unit != reporting_unit or earlier.state not in (SOAN_THAO, TRA_LAI):
                _refuse(account, f"bản nháp {draft_id} đang ở trạng thái {earlier.state}, không sửa được", draft_id,
                        reporting_unit, "save")
            history = earlier.history
        else:
            history = []
        state = CHO_DUYET if submit else SOAN_THAO
        digest = hashlib.sha256(draft.raw_bytes).hexdigest()
        record = DraftRecord(draft_id, reporting_unit, draft.report_id, state, account.name, draft.raw_name, digest, _now(),
                             history=[*history, {"at": _now(), "who": account.name, "what": state, "note": ""}])
        _write(folder, record, draft)
    trail.record(trail.SUBMIT if submit else trail.SAVE, account.name, reporting_unit=reporting_unit, draft=draft_id,
                 file=draft.raw_name, sha256=digest)
    return record


def listing(account: Account, tree: ReportingUnitTree | None = None) -> list[DraftRecord]:
    """Every draft this account may see (its units, and for an approver the units under them), newest first."""
    folder = drafts_dir()
    records = [_record(path) for path in folder.iterdir() if (path / "record.json").exists()] if folder.exists() else []
    return sorted((r for r in records if may(account, SEE, r.reporting_unit, tree)), key=lambda r: r.updated, reverse=True)


def load(draft_id: str, account: Account, tree: ReportingUnitTree | None = None) -> tuple[DraftRecord, publish.ReportDraft]:
    folder = drafts_dir() / draft_id
    if "/" in draft_id or draft_id.startswith(".") or not (folder / "record.json").exists():
        _refuse(account, f"không có bản nháp “{draft_id}”", draft_id, None, "load")
    record = _record(folder)
    if not may(account, SEE, record.reporting_unit, tree):
        _refuse(account, f"tài khoản {account.name} không được xem báo cáo của đơn vị “{record.reporting_unit}”", draft_id,
                record.reporting_unit, "load")
    with open(folder / "draft.pickle", "rb") as handle:
        draft = pickle.load(handle)  # our own state folder, written only by save()
    return record, publish.with_current_names(draft)


def _approvable(record: DraftRecord, account: Account, tree: ReportingUnitTree | None, action: str) -> None:
    if not may(account, APPROVE, record.reporting_unit, tree):
        _refuse(account, f"tài khoản {account.name} không được duyệt báo cáo của đơn vị “{record.reporting_unit}”",
                record.draft_id, record.reporting_unit, action)
    if account.name == record.prepared_by:
        _refuse(account, "người nhập báo cáo không tự duyệt được; một người duyệt khác của đơn vị phải duyệt",
                record.draft_id, record.reporting_unit, action)
    if record.state != CHO_DUYET:
        _refuse(account, f"bản nháp {record.draft_id} không chờ duyệt (đang: {record.state})", record.draft_id,
                record.reporting_unit, action)


def preview(data_dir: Path, draft_id: str, account: Account, tree: ReportingUnitTree | None = None):
    """The approver's look: every problem, or what leaders will see change (publish.check_and_preview)."""
    record, draft = load(draft_id, account, tree)
    problems, changes = publish.check_and_preview(Path(data_dir), draft)
    trail.record(trail.CHECK, account.name, reporting_unit=record.reporting_unit, draft=draft_id, problems=len(problems))
    return record, problems, changes


def send_back(draft_id: str, account: Account, note: str, tree: ReportingUnitTree | None = None) -> DraftRecord:
    """Back to the person who prepared it, with what to fix."""
    if not note.strip():
        raise DraftRefused("ghi rõ cần sửa gì trước khi trả lại")
    record, _ = load(draft_id, account, tree)
    with _locked(draft_id) as folder:
        record = _record(folder)
        _approvable(record, account, tree, "send_back")
        record.state, record.updated = TRA_LAI, _now()
        record.history.append({"at": _now(), "who": account.name, "what": TRA_LAI, "note": note.strip()})
        _write(folder, record)
    trail.record(trail.SEND_BACK, account.name, reporting_unit=record.reporting_unit, draft=draft_id, note=note.strip())
    return record


def approve(data_dir: Path, draft_id: str, account: Account, tree: ReportingUnitTree | None = None) -> Path:
    """Approve and publish: the new snapshot's folder. Two approvals at once land one after the other
    (the publish lock); the same draft approved twice publishes once."""
    record, draft = load(draft_id, account, tree)
    with _locked(draft_id) as folder:
        record = _record(folder)
        _approvable(record, account, tree, "approve")
        trail.record(trail.APPROVE, account.name, reporting_unit=record.reporting_unit, draft=draft_id)
        try:
            snapshot = publish.publish(Path(data_dir), draft)
        except BuildError as error:
            trail.record(trail.PUBLISH, account.name, reporting_unit=record.reporting_unit, draft=draft_id, failed=len(error.problems))
            raise
        record.state, record.updated = DA_CONG_BO, _now()
        record.approved_by, record.snapshot = account.name, snapshot.name
        record.history.append({"at": _now(), "who": account.name, "what": DA_CONG_BO, "note": snapshot.name})
        _write(folder, record)
        atomic_write(snapshot.parent / f"{snapshot.name}{PROVENANCE}", (json.dumps({
            "snapshot": snapshot.name, "report_id": record.report_id, "reporting_unit": record.reporting_unit,
            "draft": draft_id, "file": record.file_name, "sha256": record.sha256,
            "prepared_by": record.prepared_by, "approved_by": account.name, "approved_at": record.updated,
        }, ensure_ascii=False, indent=1) + "\n").encode())
    trail.record(trail.PUBLISH, account.name, reporting_unit=record.reporting_unit, draft=draft_id, snapshot=snapshot.name,
                 prepared_by=record.prepared_by, file=record.file_name, sha256=record.sha256)
    return snapshot


def provenance(snapshot: Path) -> dict | None:
    """Who prepared and who approved a snapshot, from its sidecar; None for one published otherwise."""
    path = snapshot.parent / f"{snapshot.name}{PROVENANCE}"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
