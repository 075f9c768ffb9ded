"""Named accounts (issue 26): roles and units as one rule, stored hashed in the state folder."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.offices.accounts import (
    ACTIONS,
    APPROVE,
    DUYET,
    MANAGE,
    NHAP_LIEU,
    PREPARE,
    QUAN_TRI,
    ROLES,
    SEE,
    Account,
    AccountError,
    Accounts,
    ReportingUnitTree,
    may,
)

REPO = Path(__file__).resolve().parent.parent
# A province with a district with a commune, and a commune of another province.
TREE = ReportingUnitTree({"tinh-a": None, "huyen-a": "tinh-a", "xa-a": "huyen-a", "tinh-b": None, "xa-b": "tinh-b"})
WHERE = {"own": "huyen-a", "child": "xa-a", "other": "xa-b"}
ALLOWED = {  # (role, action) → the places it is allowed
    (NHAP_LIEU, PREPARE): {"own"}, (NHAP_LIEU, SEE): {"own"}, (NHAP_LIEU, APPROVE): set(), (NHAP_LIEU, MANAGE): set(),
    (DUYET, PREPARE): {"own", "child"}, (DUYET, SEE): {"own", "child"}, (DUYET, APPROVE): {"own", "child"},
    (DUYET, MANAGE): set(),
    (QUAN_TRI, PREPARE): set(), (QUAN_TRI, SEE): set(), (QUAN_TRI, APPROVE): set(),
    (QUAN_TRI, MANAGE): {"own", "child", "other"},
}
CASES = [(role, action, place) for role in ROLES for action in ACTIONS for place in WHERE]


def test_the_table_covers_every_role_and_action():
    assert set(ALLOWED) == {(role, action) for role in ROLES for action in ACTIONS}


@pytest.mark.parametrize("role,action,place", CASES)
def test_may_by_role_action_and_unit(role, action, place):
    account = Account("lan", role, ("huyen-a",))
    assert may(account, action, WHERE[place], TREE) is (place in ALLOWED[(role, action)])
    assert may(Account("lan", role, ("huyen-a",), disabled=True), action, WHERE[place], TREE) is False


def test_an_approver_of_a_merged_province_approves_its_former_districts():
    """tra-vinh ceased into vinh-long (reporting_units.csv): vinh-long's approver covers tieu-can."""
    tree = ReportingUnitTree.from_csv()
    assert may(Account("hoa", DUYET, ("vinh-long",)), APPROVE, "tieu-can", tree)
    assert not may(Account("hoa", DUYET, ("tieu-can",)), APPROVE, "vinh-long", tree)
    assert not may(None, SEE, "tieu-can", tree)


def test_accounts_are_stored_hashed_and_sign_in_by_name(tmp_path):
    store = Accounts(tmp_path / "staff.sqlite")
    assert not store.exist()
    store.add("lan", NHAP_LIEU, ["tieu-can"], "mat-khau-cua-lan")
    assert store.exist()
    assert b"mat-khau-cua-lan" not in (tmp_path / "staff.sqlite").read_bytes()
    assert store.authenticate("lan", "mat-khau-cua-lan").reporting_units == ("tieu-can",)
    assert store.authenticate("lan", "sai-mat-khau-roi") is None
    assert store.authenticate("khong-co", "mat-khau-cua-lan") is None
    store.set_role("lan", DUYET)
    store.set_units("lan", ["tra-vinh", "tieu-can"])
    assert store.get("lan") == Account("lan", DUYET, ("tra-vinh", "tieu-can"), False, store.get("lan").password_hash)
    store.set_disabled("lan")
    assert store.authenticate("lan", "mat-khau-cua-lan") is None
    with pytest.raises(AccountError, match="đã có"):
        store.add("lan", NHAP_LIEU, ["tieu-can"], "mat-khau-khac-1")
    with pytest.raises(AccountError, match="10 ký tự"):
        store.add("minh", NHAP_LIEU, ["tieu-can"], "ngan")
    with pytest.raises(AccountError, match="không có tài khoản"):
        store.set_role("minh", DUYET)


def test_the_command_adds_lists_and_disables(tmp_path):
    env = {**os.environ, "CHITIEU_STATE_DIR": str(tmp_path), "STAFF_PASSWORD": "mat-khau-cua-hoa"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "lib.offices.accounts", *args], cwd=REPO, env=env,  # noqa: E731
                                       capture_output=True, text=True)
    assert run("add", "hoa", "--role", "duyet", "--units", "tieu-can").returncode == 0
    assert run("add", "hoa", "--role", "duyet", "--units", "tieu-can").returncode == 1
    assert run("add", "lan", "--role", "nhap_lieu").returncode == 1  # no unit
    assert run("disable", "hoa").returncode == 0
    listed = run("list")
    assert listed.returncode == 0 and listed.stdout.strip() == "hoa\tduyet\ttieu-can (đã khóa)"
    assert Accounts(tmp_path / "staff.sqlite").authenticate("hoa", "mat-khau-cua-hoa") is None
