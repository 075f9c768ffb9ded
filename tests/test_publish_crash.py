"""A publish killed (SIGKILL) at any step is rolled back, or finished, at the next start: the build
(`python -m lib.pipeline.build`) says what happened and succeeds, and the same report publishes again."""
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.serving import copy_data
from lib.data.snapshot import latest_snapshot, read_pointer
from lib.pipeline import publish
from tests.test_publish import META, REPO, reviewed_draft

# Runs in a child process: publish the sample report, killing the process itself at STEP.
CHILD = r"""
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from tests.test_publish import reviewed_draft
from lib.pipeline import journal, publish, writer

data, step = Path(sys.argv[1]), sys.argv[2]
die = lambda: os.kill(os.getpid(), signal.SIGKILL)
real_write, real_rename = publish.atomic_write, os.rename

def atomic_write(path, payload):
    path = Path(path)
    if step == "curated-half" and path.name == "observations.csv" and path.parent.parent == data / "curated" / "reports":
        die()  # the report's folder half written
    real_write(path, payload)
    if path.parent == data / "raw" and (step, path.name) in {("raw", "mau-2024.txt"), ("sums", "SHA256SUMS")}:
        die()

def rename(source, target):
    source, target = Path(source), Path(target)
    if step == "snapshot" and target.parent == data / "snapshots":
        die()  # every file of the snapshot written, the folder not yet renamed into place
    real_rename(source, target)
    if step == "curated" and target == data / "curated" / "reports" / "mau-2024":
        die()

def at(name, real):
    def wrapped(*args, **kwargs):
        if step == name and Path(args[0]) == data:
            die()
        return real(*args, **kwargs)
    return wrapped

def pointer(snapshots_dir, snapshot_id):
    if step == "pointer" and Path(snapshots_dir) == data / "snapshots":
        die()  # the snapshot in place, not yet current
    real_pointer(snapshots_dir, snapshot_id)

real_pointer = writer.write_pointer
publish.atomic_write, os.rename, writer.write_pointer = atomic_write, rename, pointer
publish.journal.end = at("end", journal.end)
publish.publish(data, reviewed_draft(data))
print("published")
"""

ROLLED_BACK = ["raw", "sums", "curated-half", "curated", "snapshot", "pointer"]


@pytest.fixture
def data(tmp_path):

    folder = tmp_path / "data"
    copy_data(folder)
    return folder


def _build(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.pipeline.build", "--data", str(data)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def _hidden_left(data: Path) -> list[str]:
    return sorted(str(p.relative_to(data)) for p in data.rglob(".*") if p.name != ".publish.lock")


@pytest.mark.parametrize("step", [*ROLLED_BACK, "end"])
def test_a_publish_killed_at_each_step_is_rolled_back_or_finished(data, step):
    sums_before = (data / "raw" / "SHA256SUMS").read_bytes()
    indicators_before = (data / "curated" / "indicators.csv").read_bytes()
    current_before = latest_snapshot(data / "snapshots").snapshot_id
    child = subprocess.run([sys.executable, "-c", CHILD, str(data), step, str(REPO)], cwd=REPO,
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr

    built = _build(data)  # `make data` after the kill
    assert built.returncode == 0, built.stderr
    assert "bị ngắt" in built.stderr, built.stderr
    assert _hidden_left(data) == [], "no journal, scratch file or half-built snapshot is left"
    current = latest_snapshot(data / "snapshots")
    sources = {s["report_id"] for s in current.manifest["sources"]}
    if step in ROLLED_BACK:
        assert "đã hoàn tác" in built.stderr
        assert not (data / "raw" / "mau-2024.txt").exists()
        assert not (data / "curated" / "reports" / "mau-2024").exists()
        assert (data / "raw" / "SHA256SUMS").read_bytes() == sums_before
        assert (data / "curated" / "indicators.csv").read_bytes() == indicators_before
        assert current.snapshot_id == current_before and "mau-2024" not in sources
        # …and the same report publishes at once, and the build after it agrees
        snapshot = publish.publish(data, reviewed_draft(data))
        assert read_pointer(data / "snapshots") == snapshot.name
        assert META["report_id"] in {s["report_id"] for s in latest_snapshot(data / "snapshots").manifest["sources"]}
        again = _build(data)
        assert again.returncode == 0 and "đã có cùng dữ liệu" in again.stdout, again.stdout + again.stderr
    else:
        assert "đã hoàn tất" in built.stderr
        assert "mau-2024" in sources and current.snapshot_id != current_before
        report = json.loads((data / "curated" / "reports" / "mau-2024" / "report.json").read_text(encoding="utf-8"))
        assert report["raw_file"] == "raw/mau-2024.txt"
