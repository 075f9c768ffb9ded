"""Drafts and approval (issue 26): one account prepares, another approves and publishes; the trail
and the snapshot's sidecar say who did what; another unit's account is refused and logged."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.serving import copy_data
from lib.data.snapshot import latest_snapshot
from lib.offices import drafts, trail
from lib.offices.accounts import DUYET, NHAP_LIEU, Account, ReportingUnitTree
from lib.offices.drafts import DraftRefused
from tests.test_publish import reviewed_draft

REPO = Path(__file__).resolve().parent.parent
TREE = ReportingUnitTree({"mau": "tinh-mau", "mau-hai": "tinh-mau", "tinh-mau": None, "khac": None})
LAN = Account("lan", NHAP_LIEU, ("mau",))
MINH = Account("minh", NHAP_LIEU, ("mau-hai",))
HOA = Account("hoa", DUYET, ("tinh-mau",))
OTHER = Account("tuan", DUYET, ("khac",))


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("CHITIEU_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    copy_data(folder)
    return folder


def second_unit(draft):
    """The same report as if from another district: its own id, unit and file name."""
    draft.meta = {**draft.meta, "report_id": "mau-hai-2024", "reporting_unit": "mau-hai",
                  "reporting_unit_name_vi": "Huyện Mẫu Hai", "reporting_unit_name_en": "Mẫu Hai district"}
    draft.raw_name = "mau-hai-2024.txt"
    return draft


def test_prepare_send_back_approve(state, data):
    record = drafts.save(reviewed_draft(data), LAN, submit=True, tree=TREE)
    assert record.state == drafts.CHO_DUYET and record.reporting_unit == "mau"
    with pytest.raises(DraftRefused, match="không tự duyệt"):
        drafts.approve(data, record.draft_id, Account("lan", DUYET, ("mau",)), tree=TREE)
    with pytest.raises(DraftRefused, match="không được xem"):
        drafts.load(record.draft_id, MINH, tree=TREE)
    with pytest.raises(DraftRefused, match="không được nhập"):
        drafts.save(reviewed_draft(data), MINH, tree=TREE)
    assert [r.draft_id for r in drafts.listing(HOA, tree=TREE)] == [record.draft_id]
    assert drafts.listing(MINH, tree=TREE) == [] and drafts.listing(OTHER, tree=TREE) == []
    _, problems, changes = drafts.preview(data, record.draft_id, HOA, tree=TREE)
    assert problems == [] and len(changes.added) > 0 and changes.new_reporting_units == ["mau"]
    back = drafts.send_back(record.draft_id, HOA, "Số dân chưa đúng, xem lại dòng 3", tree=TREE)
    assert back.state == drafts.TRA_LAI and back.history[-1]["note"].startswith("Số dân")
    with pytest.raises(DraftRefused, match="không chờ duyệt"):
        drafts.approve(data, record.draft_id, HOA, tree=TREE)
    again = drafts.save(reviewed_draft(data), LAN, draft_id=record.draft_id, tree=TREE)
    assert again.state == drafts.CHO_DUYET and len(again.history) == 3
    snapshot = drafts.approve(data, record.draft_id, HOA, tree=TREE)
    assert latest_snapshot(data / "snapshots").path == snapshot
    sidecar = drafts.provenance(snapshot)
    assert (sidecar["prepared_by"], sidecar["approved_by"], sidecar["file"]) == ("lan", "hoa", "mau-2024.txt")
    assert drafts.load(record.draft_id, LAN, tree=TREE)[0].state == drafts.DA_CONG_BO
    with pytest.raises(DraftRefused):
        drafts.approve(data, record.draft_id, HOA, tree=TREE)  # published once only
    actions = [(e["who"], e["action"]) for e in trail.entries()]
    assert ("minh", trail.REFUSED) in actions and ("lan", trail.REFUSED) in actions
    assert actions[-3:] == [("hoa", trail.APPROVE), ("hoa", trail.PUBLISH), ("hoa", trail.REFUSED)]
    assert trail.entries()[-2]["snapshot"] == snapshot.name
    assert trail.verify().ok


def test_a_draft_survives_a_restart(state, data):
    record = drafts.save(reviewed_draft(data), LAN, submit=False, tree=TREE)
    code = ("from lib.offices import drafts; from lib.offices.accounts import Account, ReportingUnitTree\n"
            f"r, d = drafts.load({record.draft_id!r}, Account('lan', 'nhap_lieu', ('mau',)), ReportingUnitTree({{'mau': None}}))\n"
            "print(r.state, len(d.observations), d.meta['reporting_unit'])")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "CHITIEU_STATE_DIR": str(state)})
    assert run.returncode == 0, run.stderr
    state_name, rows, unit = run.stdout.split()
    assert (state_name, unit) == (drafts.SOAN_THAO, "mau") and int(rows) == len(reviewed_draft(data).observations)


def test_two_approvals_at_once_both_land(state, data):
    first = drafts.save(reviewed_draft(data), LAN, tree=TREE)
    second = drafts.save(second_unit(reviewed_draft(data)), MINH, tree=TREE)
    code = ("import sys; from lib.offices import drafts; from lib.offices.accounts import Account, ReportingUnitTree\n"
            "tree = ReportingUnitTree({'mau': 'tinh-mau', 'mau-hai': 'tinh-mau', 'tinh-mau': None})\n"
            "print(drafts.approve(sys.argv[1], sys.argv[2], Account(sys.argv[3], 'duyet', ('tinh-mau',)), tree).name)")
    env = {**os.environ, "CHITIEU_STATE_DIR": str(state)}
    runs = [subprocess.Popen([sys.executable, "-c", code, str(data), draft_id, who], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for draft_id, who in ((first.draft_id, "hoa"), (second.draft_id, "thu"))]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err[-2000:] for _, err in outputs]
    snapshots = {out.strip() for out, _ in outputs}
    assert len(snapshots) == 2
    from lib.data.db import Database
    from lib.data.queries import reports
    units = set(reports(Database(latest_snapshot(data / "snapshots")))["reporting_unit"])
    assert {"mau", "mau-hai"} <= units, "the later snapshot holds both approvals"
    sidecars = [json.loads((data / "snapshots" / f"{name}{drafts.PROVENANCE}").read_text()) for name in snapshots]
    assert {s["approved_by"] for s in sidecars} == {"hoa", "thu"}
    assert trail.verify().ok and [e["action"] for e in trail.entries()].count(trail.PUBLISH) == 2
