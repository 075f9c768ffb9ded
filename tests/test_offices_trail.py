"""The trail (issue 26): append-only, hash-chained; an edited byte or a removed line is named."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.offices import trail

REPO = Path(__file__).resolve().parent.parent
ACTIONS = [trail.SIGN_IN, trail.UPLOAD, trail.EDIT, trail.CHECK, trail.SAVE, trail.SEND_BACK, trail.APPROVE,
           trail.PUBLISH, trail.NOTE, trail.SIGN_IN_FAILED]


@pytest.fixture
def walk(tmp_path):
    path = tmp_path / "trail.jsonl"
    for i in range(100):
        trail.record(ACTIONS[i % len(ACTIONS)], f"nguoi-{i % 3}", reporting_unit="tieu-can", draft=f"d{i // 10}",
                     path=path, file="bao-cao.txt", sha256=f"{i:064x}")
    return path


def _verify(path: Path):
    return subprocess.run([sys.executable, "-m", "lib.offices.trail", "verify", str(path)], cwd=REPO,
                          capture_output=True, text=True, env=os.environ)


def test_a_hundred_actions_verify(walk):
    verdict = trail.verify(walk)
    assert verdict.ok and verdict.entries == 100
    entries = trail.entries(walk)
    assert [e["n"] for e in entries] == list(range(1, 101))
    assert entries[1]["action"] == trail.UPLOAD and entries[1]["detail"]["file"] == "bao-cao.txt"
    assert entries[0]["at"].endswith("Z") and entries[0]["who"] == "nguoi-0"
    run = _verify(walk)
    assert run.returncode == 0 and "100 mục" in run.stdout


@pytest.mark.parametrize("line", [1, 37, 99])
def test_one_byte_edited_is_named(walk, line):
    lines = walk.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b"tieu-can", b"tieu-cao", 1)
    walk.write_bytes(b"\n".join(lines))
    verdict = trail.verify(walk)
    assert verdict.broken_at == line and verdict.entries == line - 1
    run = _verify(walk)
    assert run.returncode == 1 and f"mục {line}:" in run.stdout


def test_the_last_entry_edited_is_named(walk):
    lines = walk.read_bytes().rstrip(b"\n").split(b"\n")
    lines[-1] = lines[-1].replace(b"nguoi-0", b"nguoi-2", 1)
    walk.write_bytes(b"\n".join(lines) + b"\n")
    assert trail.verify(walk).broken_at == 100


@pytest.mark.parametrize("line", [1, 50, 100])
def test_a_removed_line_is_named(walk, line):
    lines = walk.read_bytes().rstrip(b"\n").split(b"\n")
    del lines[line - 1]
    walk.write_bytes(b"\n".join(lines) + b"\n")
    verdict = trail.verify(walk)
    assert verdict.broken_at == line
    assert _verify(walk).returncode == 1


def test_processes_append_without_breaking_the_chain(tmp_path):
    path = tmp_path / "trail.jsonl"
    code = f"from lib.offices import trail\nfor i in range(25): trail.record('check', 'p', path={str(path)!r})"
    runs = [subprocess.Popen([sys.executable, "-c", code], cwd=REPO) for _ in range(4)]
    assert all(run.wait() == 0 for run in runs)
    assert trail.verify(path).ok and trail.verify(path).entries == 100
    assert json.loads(path.read_text().splitlines()[-1])["n"] == 100


@pytest.mark.parametrize("target,module", [("audit-verify", "lib.offices.trail verify"),
                                           ("staff-user", "lib.offices.accounts list")])
def test_the_make_targets_run_the_modules(target, module):
    # Under `make test` the parent make's flags would add "Entering/Leaving directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    run = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True, env=env)
    assert run.returncode == 0 and any(f"-m {module}" in line for line in run.stdout.splitlines()), run.stdout
