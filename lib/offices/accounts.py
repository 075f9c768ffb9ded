"""Named staff accounts with a role and their units, in a SQLite file of the state folder
(lib/offices/state_folder.py), and the one rule of who may do what for which unit (`may`).

    make staff-user ARGS="add lan --role nhap_lieu --units tieu-can"   # asks the password twice
    python -m lib.offices.accounts add NAME --role duyet --units tra-vinh [--units …]
    python -m lib.offices.accounts set-password NAME      # asks twice, or reads STAFF_PASSWORD
    python -m lib.offices.accounts set-role NAME ROLE
    python -m lib.offices.accounts set-units NAME UNIT [UNIT …]
    python -m lib.offices.accounts disable NAME | enable NAME
    python -m lib.offices.accounts list

Roles: nhap_lieu prepares reports for its units; duyet approves and publishes for its units and every
unit under them; quan_tri manages accounts. Until the first account exists the shared staff password
(make staff-password) keeps working; after that only accounts sign in.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lib.offices.passwords import MIN_LENGTH, ask_password, hash_password, verify_password
from lib.offices.state_folder import state_dir

NHAP_LIEU, DUYET, QUAN_TRI = "nhap_lieu", "duyet", "quan_tri"
ROLES = (NHAP_LIEU, DUYET, QUAN_TRI)
PREPARE, SEE, APPROVE, MANAGE = "prepare", "see", "approve", "manage"
ACTIONS = (PREPARE, SEE, APPROVE, MANAGE)
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
REPORTING_UNITS_CSV = Path(__file__).resolve().parents[2] / "data" / "curated" / "reporting_units.csv"


class AccountError(ValueError):
    """A refused account change, in Vietnamese, naming what to fix."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    reporting_units: tuple[str, ...]
    disabled: bool = False
    password_hash: str = ""


class ReportingUnitTree:
    """Each unit's parent from reporting_units.csv; a parent that ceased hands its units to its
    successor (the communes of a merged province are the new province's)."""

    def __init__(self, parents: dict[str, str | None], successors: dict[str, str | None] | None = None):
        self.parents, self.successors = dict(parents), dict(successors or {})

    @classmethod
    def of(cls, data_dir: Path) -> ReportingUnitTree:
        """The tree of a data folder (the one the app serves)."""
        return cls.from_csv(Path(data_dir) / "curated" / "reporting_units.csv")

    @classmethod
    def from_csv(cls, path: Path = REPORTING_UNITS_CSV) -> ReportingUnitTree:
        parents, successors = {}, {}
        if Path(path).exists():
            with open(path, encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    parents[row["reporting_unit"]] = row.get("parent") or None
                    successors[row["reporting_unit"]] = row.get("successor") or None
        return cls(parents, successors)

    def above(self, reporting_unit: str) -> set[str]:
        """Every unit `unit` reports to: parents, their successors, theirs, and so on."""
        found, todo = set(), [self.parents.get(reporting_unit), self.successors.get(reporting_unit)]
        while todo:
            other = todo.pop()
            if other and other not in found and other != reporting_unit:
                found.add(other)
                todo += [self.parents.get(other), self.successors.get(other)]
        return found


def may(account: Account | None, action: str, reporting_unit: str | None, tree: ReportingUnitTree | None = None) -> bool:
    """The one rule of roles and units. nhap_lieu: prepare and see its own units' drafts.
    duyet: prepare, see and approve (publish) for its units and every unit under them.
    quan_tri: manage accounts, nothing else. A disabled or unknown account: nothing."""
    if account is None or account.disabled or action not in ACTIONS:
        return False
    if account.role == QUAN_TRI:
        return action == MANAGE
    if action == MANAGE or not reporting_unit:
        return False
    own = reporting_unit in account.reporting_units
    if account.role == NHAP_LIEU:
        return action in (PREPARE, SEE) and own
    if account.role == DUYET:
        below = bool(set(account.reporting_units) & (tree or ReportingUnitTree.from_csv()).above(reporting_unit))
        return own or below
    return False


def accounts_file() -> Path:
    return Path(os.environ.get("CHITIEU_ACCOUNTS_FILE") or state_dir() / "staff.sqlite")


class Accounts:
    """The accounts file; every change is one transaction, safe across app processes."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else accounts_file()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, password_hash TEXT, "
                           "role TEXT, units TEXT, disabled INTEGER DEFAULT 0, created TEXT)")
        return connection

    def _change(self, sql: str, values: tuple, name: str) -> None:
        connection = self._connect()
        try:
            with connection:
                if connection.execute(sql, values).rowcount != 1:
                    raise AccountError(f"không có tài khoản “{name}”; xem danh sách bằng lệnh list")
        finally:
            connection.close()

    def exist(self) -> bool:
        """Whether any account exists (then the shared password no longer opens the door)."""
        if not self.path.exists():
            return False
        connection = self._connect()
        try:
            return connection.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None
        finally:
            connection.close()

    def get(self, name: str) -> Account | None:
        if not self.path.exists():
            return None
        connection = self._connect()
        try:
            row = connection.execute("SELECT name, role, units, disabled, password_hash FROM accounts WHERE name = ?",
                                     (name,)).fetchone()
        finally:
            connection.close()
        return _account(row) if row else None

    def all(self) -> list[Account]:
        connection = self._connect()
        try:
            rows = connection.execute("SELECT name, role, units, disabled, password_hash FROM accounts "
                                      "ORDER BY name").fetchall()
        finally:
            connection.close()
        return [_account(row) for row in rows]

    def add(self, name: str, role: str, reporting_units: list[str], password: str) -> Account:
        _check(name=name, role=role, reporting_units=reporting_units, password=password)
        account = Account(name, role, tuple(reporting_units), password_hash=hash_password(password))
        connection = self._connect()
        try:
            with connection:
                connection.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, 0, ?)",
                                   (name, account.password_hash, role, " ".join(reporting_units),
                                    datetime.now(UTC).isoformat(timespec="seconds")))
        except sqlite3.IntegrityError as error:
            raise AccountError(f"tài khoản “{name}” đã có; đổi vai trò bằng set-role, đơn vị bằng set-units") from error
        finally:
            connection.close()
        return account

    def set_password(self, name: str, password: str) -> None:
        _check(password=password)
        self._change("UPDATE accounts SET password_hash = ? WHERE name = ?", (hash_password(password), name), name)

    def set_role(self, name: str, role: str) -> None:
        _check(role=role)
        self._change("UPDATE accounts SET role = ? WHERE name = ?", (role, name), name)

    def set_units(self, name: str, reporting_units: list[str]) -> None:
        _check(reporting_units=reporting_units)
        self._change("UPDATE accounts SET units = ? WHERE name = ?", (" ".join(reporting_units), name), name)

    def set_disabled(self, name: str, disabled: bool = True) -> None:
        self._change("UPDATE accounts SET disabled = ? WHERE name = ?", (int(disabled), name), name)

    def authenticate(self, name: str, password: str) -> Account | None:
        """The account when the name and password are right and it is not disabled; the hash is
        checked even for an unknown name, so timing does not tell which names exist."""
        account = self.get(name)
        stored = account.password_hash if account else _DUMMY
        right = verify_password(password, stored)
        return account if account and right and not account.disabled else None


_DUMMY = hash_password("khong-phai-mat-khau-nao")


def _account(row) -> Account:
    return Account(name=row[0], role=row[1], reporting_units=tuple((row[2] or "").split()), disabled=bool(row[3]),
                   password_hash=row[4] or "")


def _check(name: str | None = None, role: str | None = None, reporting_units: list[str] | None = None,
           password: str | None = None) -> None:
    if name is not None and not NAME.fullmatch(name):
        raise AccountError(f"tên “{name}” không hợp lệ: dùng chữ thường không dấu, số, dấu chấm hoặc gạch nối "
                           "(2–40 ký tự), ví dụ lan.nguyen")
    if role is not None and role not in ROLES:
        raise AccountError(f"vai trò “{role}” không có; chọn một trong: {', '.join(ROLES)}")
    if reporting_units is not None and not all(re.fullmatch(r"[a-z][a-z0-9-]{1,60}", u) for u in reporting_units):
        raise AccountError("mã đơn vị không hợp lệ: dùng mã trong data/curated/reporting_units.csv, ví dụ tieu-can")
    if password is not None and len(password) < MIN_LENGTH:
        raise AccountError(f"mật khẩu cần ít nhất {MIN_LENGTH} ký tự")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.offices.accounts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--units", dest="reporting_units", nargs="*", action="extend", default=[])
    commands.add_parser("set-password").add_argument("name")
    role = commands.add_parser("set-role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    reporting_units = commands.add_parser("set-units")
    reporting_units.add_argument("name")
    reporting_units.add_argument("reporting_units", nargs="+", metavar="UNIT")
    commands.add_parser("disable").add_argument("name")
    commands.add_parser("enable").add_argument("name")
    commands.add_parser("list")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    store = Accounts()
    try:
        if args.command == "list":
            for account in store.all():
                state = " (đã khóa)" if account.disabled else ""
                print(f"{account.name}\t{account.role}\t{' '.join(account.reporting_units) or '-'}{state}")
            return 0
        if args.command in ("add", "set-password"):
            if args.command == "add" and args.role != QUAN_TRI and not args.reporting_units:
                raise AccountError("tài khoản nhập liệu hoặc duyệt cần ít nhất một đơn vị: thêm --units MA-DON-VI")
            password = ask_password(f"Mật khẩu của {args.name} (ít nhất {MIN_LENGTH} ký tự): ")
            if password is None:
                return 1
            if args.command == "add":
                store.add(args.name, args.role, args.reporting_units, password)
                unknown = [u for u in args.reporting_units if u not in ReportingUnitTree.from_csv().parents]
                if unknown:
                    print(f"Lưu ý: {', '.join(unknown)} chưa có trong {REPORTING_UNITS_CSV.name}.", file=sys.stderr)
            else:
                store.set_password(args.name, password)
        elif args.command == "set-role":
            store.set_role(args.name, args.role)
        elif args.command == "set-units":
            store.set_units(args.name, args.reporting_units)
        else:
            store.set_disabled(args.name, args.command == "disable")
    except AccountError as error:
        print(f"Chưa đổi gì: {error}.", file=sys.stderr)
        return 1
    print(f"Đã lưu tài khoản {args.name} vào {store.path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
