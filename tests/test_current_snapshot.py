"""The current snapshot is the one published last, by the pointer file, never guessed from folder
names: two publishes in one second from two processes, or a clock set back between two publishes,
leave the later one current in every process; older snapshots stay readable by their id."""
import subprocess
import sys
from pathlib import Path

import pytest

from bench.serving import copy_data
from lib.data.snapshot import POINTER, latest_snapshot, read_pointer, scan
from tests.test_publish import REPO

# A child process: publish the sample report under its own id and unit, the build's clock at NOW.
CHILD = r"""
import functools, sys
from datetime import datetime
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from tests.test_publish import META, reviewed_draft
from lib.pipeline import publish

data, name, now = Path(sys.argv[1]), sys.argv[2], datetime.fromisoformat(sys.argv[3])
publish.build = functools.partial(publish.build, now=now)
draft = reviewed_draft(data)
draft.meta.update(report_id=f"{name}-2024", reporting_unit=name, reporting_unit_name_vi=f"Huyện {name}")
draft.raw_name = f"{name}-2024.txt"
print(publish.publish(data, draft).name)
"""

LATEST = "import sys; from pathlib import Path; from lib.data.snapshot import latest_snapshot; " \
         "print(latest_snapshot(Path(sys.argv[1])).snapshot_id)"


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    copy_data(folder)
    return folder


def _publish(data: Path, name: str, now: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(data), name, now, str(REPO)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _sources(snapshot) -> set[str]:
    return {source["report_id"] for source in snapshot.manifest["sources"]}


def _current_in_another_process(data: Path) -> str:
    out = subprocess.run([sys.executable, "-c", LATEST, str(data / "snapshots")], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_two_publishes_in_one_second_from_two_processes_leave_the_later_current(data):
    committed = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    children = [_publish(data, name, "2031-05-01T08:00:00+00:00") for name in ("mot", "hai")]
    names = []
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        names.append(out.strip().splitlines()[-1])
    assert names[0][:16] == names[1][:16] == "20310501T080000Z", names  # the same second
    current = latest_snapshot(data / "snapshots")
    assert read_pointer(data / "snapshots") == current.snapshot_id
    assert _sources(current) >= {"mot-2024", "hai-2024"}, "the later publish holds both reports"
    assert _current_in_another_process(data) == current.snapshot_id
    valid = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    assert committed | set(names) <= valid, "the earlier publish and the committed snapshots stay readable"


def test_a_clock_set_back_between_two_publishes_still_leaves_the_later_current(data):
    first = _publish(data, "mot", "2031-05-01T08:00:05+00:00")
    assert first.wait(timeout=600) == 0, first.stderr.read()
    second = _publish(data, "hai", "2031-05-01T08:00:00+00:00")  # the clock corrected backwards
    assert second.wait(timeout=600) == 0, second.stderr.read()
    later = second.stdout.read().strip().splitlines()[-1]
    assert latest_snapshot(data / "snapshots").snapshot_id == later
    assert _current_in_another_process(data) == later


def test_without_a_pointer_the_newest_by_creation_is_current_and_a_damaged_pointer_is_passed_over(data):
    """The committed data/snapshots has no pointer: the most recently created snapshot is served."""
    valid, _ = scan(data / "snapshots")
    newest = max(valid, key=lambda s: s.created_at)
    assert read_pointer(data / "snapshots") is None
    assert latest_snapshot(data / "snapshots").snapshot_id == newest.snapshot_id
    (data / "snapshots" / POINTER).write_text("20000101T000000Z-gone\n", encoding="utf-8")
    assert latest_snapshot(data / "snapshots").snapshot_id == newest.snapshot_id
    oldest = min(valid, key=lambda s: s.created_at)
    (data / "snapshots" / POINTER).write_text(oldest.snapshot_id + "\n", encoding="utf-8")
    assert latest_snapshot(data / "snapshots").snapshot_id == oldest.snapshot_id
