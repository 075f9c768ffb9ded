"""Broken data (issue 7, part 2) and the production settings (part 5).

A data folder will one day be half-copied. Every case below is made in a tmp folder from a copy of
the newest committed snapshot, then broken; the real data/ folder is only read.

For each case the overview and one domain page run under AppTest with CHITIEU_DATA_DIR pointing at
the broken folder:
- no valid snapshot left → no exception, an error sentence in Vietnamese ("... dữ liệu ..."), the
  staff details expander naming the folder and the reason (or the fix, when there is no folder);
- an older valid snapshot beside the broken newer one → the page renders from the older one (charts
  drawn) and says, in an st.info, that a newer snapshot was passed over;
- either way the folder name and the reason are in the log.
`lib.data.snapshot.scan` is tested on its own for the same cases and a few more.
"""
from __future__ import annotations

import json
import logging
import shutil
import tomllib
from pathlib import Path

import pytest
from helpers import text
from streamlit.testing.v1 import AppTest

from lib.data import snapshot as snapshot_module
from lib.data.cache import DataUnavailable, current
from lib.data.contract import MANIFEST
from lib.data.snapshot import Snapshot, scan

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
TIMEOUT = 60
NEWER = "29991231T235959Z-0badc0de"  # sorts after every real snapshot id
PAGES = {"overview": None, "economy": "pages/1_kinh_te.py"}
PASSED_OVER = text("passed_over", "vi", snapshot="{}").split("{}")  # the sentence around the snapshot id
STAFF_DETAILS = text("staff_details", "vi")


# ---------------------------------------------------------------------------------------------
# making broken folders


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A private copy of the newest valid committed snapshot (others may rebuild data/ meanwhile)."""
    valid, _ = scan(REPO / "data" / "snapshots")
    assert valid, "no valid snapshot in data/snapshots (make data)"
    target = tmp_path_factory.mktemp("pristine") / valid[0].path.name
    shutil.copytree(valid[0].path, target)
    return target


def _manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def _write_manifest(folder: Path, manifest: dict) -> None:
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def copy_snapshot(source: Path, snapshots: Path, name: str | None = None) -> Path:
    """A copy of `source` in `snapshots`, renamed consistently (folder and manifest) when `name`."""
    target = snapshots / (name or source.name)
    shutil.copytree(source, target)
    if name:
        manifest = _manifest(target)
        manifest["snapshot_id"] = name
        _write_manifest(target, manifest)
    return target


def deny_reading(monkeypatch, folder: Path) -> None:
    """Every file of `folder` fails to open, as on a copy the server's user may not read."""
    real = snapshot_module._sha256_of

    def deny(path: Path) -> str:
        if folder.name in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(snapshot_module, "_sha256_of", deny)



def truncate(folder: Path) -> None:
    data = (folder / "observations.parquet").read_bytes()
    (folder / "observations.parquet").write_bytes(data[: len(data) // 2])


def corrupt_middle(folder: Path) -> None:
    path = folder / "observations.parquet"
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes((b ^ 0xFF) for b in data[middle:middle + 64])
    path.write_bytes(bytes(data))  # same size: only the checksum can tell


def delete_indicators(folder: Path) -> None:
    (folder / "indicators.parquet").unlink()


def schema_99(folder: Path) -> None:
    manifest = _manifest(folder)
    manifest["schema_version"] = 99
    _write_manifest(folder, manifest)


def invalid_json(folder: Path) -> None:
    (folder / MANIFEST).write_text((folder / MANIFEST).read_text(encoding="utf-8")[:120], encoding="utf-8")


def no_manifest(folder: Path) -> None:
    (folder / MANIFEST).unlink()  # a copy interrupted before the manifest arrived


def no_created_at(folder: Path) -> None:
    manifest = _manifest(folder)
    del manifest["created_at"]
    _write_manifest(folder, manifest)


def schema_true(folder: Path) -> None:
    manifest = _manifest(folder)
    manifest["schema_version"] = True  # equal to 1 in Python, not a schema version
    _write_manifest(folder, manifest)


# case → (how to break a copy, words the reason must contain)
CASES = {
    "truncated_parquet": (truncate, ["observations.parquet", "hỏng"]),
    "corrupt_bytes_in_parquet": (corrupt_middle, ["observations.parquet", "hỏng"]),
    "manifest_names_missing_file": (delete_indicators, ["thiếu tệp indicators.parquet"]),
    "unknown_schema_version": (schema_99, ["phiên bản lược đồ 99"]),
    "invalid_json_manifest": (invalid_json, ["manifest.json không đọc được"]),
    "missing_manifest": (no_manifest, ["thiếu manifest.json"]),
    "manifest_without_created_at": (no_created_at, ["created_at"]),
    "schema_version_true": (schema_true, ["phiên bản lược đồ True"]),
}


def broken_data(tmp_path: Path, pristine: Path, case: str, beside_valid: bool) -> tuple[Path, Path]:
    """A data folder holding the broken snapshot NEWER, and the valid one when `beside_valid`."""
    data = tmp_path / "data"
    snapshots = data / "snapshots"
    snapshots.mkdir(parents=True)
    if beside_valid:
        copy_snapshot(pristine, snapshots)
    broken = copy_snapshot(pristine, snapshots, NEWER)
    CASES[case][0](broken)
    return data, broken


# ---------------------------------------------------------------------------------------------
# reading pages


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if PAGES[page]:
        at.switch_page(PAGES[page])
    return at.run()


def staff_details(at: AppTest) -> str:
    """The text inside the staff details expander ('' when there is none)."""
    return "\n".join(m.value for e in at.expander if e.label == STAFF_DETAILS for m in e.markdown)


def charts(at: AppTest) -> int:
    return len(at.get("vega_lite_chart"))


def assert_no_data_page(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    message = at.error[0].value
    assert "dữ liệu" in message and "Traceback" not in message, message
    assert any(e.label == STAFF_DETAILS for e in at.expander)
    assert "make data" in staff_details(at)  # what staff should do
    assert charts(at) == 0


def assert_served_from(at: AppTest, snapshot_id: str, passed_over: bool) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title and charts(at) >= 1
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert snapshot_id in sidebar, sidebar  # the page names the snapshot it shows
    infos = [i.value for i in at.info if i.value.startswith(PASSED_OVER[0])]
    if passed_over:
        # named by the day it was published, never by its id
        assert len(infos) == 1 and infos[0].endswith(PASSED_OVER[1]) and snapshot_id not in infos[0], infos
    else:
        assert not infos


# ---------------------------------------------------------------------------------------------
# pages over broken data


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("case", list(CASES))
def test_broken_snapshot_alone_gives_the_staff_page(case, page, pristine, tmp_path, monkeypatch, caplog):
    data, broken = broken_data(tmp_path, pristine, case, beside_valid=False)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    caplog.set_level(logging.WARNING)
    at = run_page(page)
    assert_no_data_page(at)
    details = staff_details(at)
    assert broken.name in details, details
    for words in CASES[case][1]:
        assert words in details, (words, details)
        assert words in caplog.text, (words, caplog.text[-2000:])
    assert broken.name in caplog.text


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("case", list(CASES))
def test_broken_newer_snapshot_falls_back_to_the_older(case, page, pristine, tmp_path, monkeypatch, caplog):
    data, broken = broken_data(tmp_path, pristine, case, beside_valid=True)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    caplog.set_level(logging.WARNING)
    at = run_page(page)
    assert_served_from(at, pristine.name, passed_over=True)
    assert broken.name in caplog.text
    for words in CASES[case][1]:
        assert words in caplog.text, (words, caplog.text[-2000:])


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("layout", ["no_data_folder", "empty_data_folder", "no_snapshots_folder",
                                    "empty_snapshots_folder", "only_a_build_in_progress"])
def test_no_snapshot_at_all(layout, page, tmp_path, pristine, monkeypatch, caplog):
    data = tmp_path / "data"
    if layout != "no_data_folder":
        data.mkdir()
    if layout == "no_snapshots_folder":
        (data / "curated").mkdir()
    if layout in ("empty_snapshots_folder", "only_a_build_in_progress"):
        (data / "snapshots").mkdir()
    if layout == "only_a_build_in_progress":
        copy_snapshot(pristine, data / "snapshots", ".building-x")
        truncate(data / "snapshots" / ".building-x")
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    caplog.set_level(logging.WARNING)
    at = run_page(page)
    assert_no_data_page(at)
    assert "no snapshot can be served" in caplog.text
    assert ".building" not in staff_details(at)  # a build in progress is not reported as damage


@pytest.mark.parametrize("page", list(PAGES))
def test_half_written_build_newer_than_the_valid_one_is_ignored(page, tmp_path, pristine, monkeypatch):
    data = tmp_path / "data"
    copy_snapshot(pristine, data / "snapshots")
    building = copy_snapshot(pristine, data / "snapshots", ".building-x")
    truncate(building)
    no_manifest(building)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    at = run_page(page)
    assert_served_from(at, pristine.name, passed_over=False)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_copied_folder_under_another_name_is_passed_over(page, tmp_path, pristine, monkeypatch, caplog):
    """A folder copied by hand ("... - Copy") sorts after the real one; its manifest names another."""
    data = tmp_path / "data"
    copy_snapshot(pristine, data / "snapshots")
    shutil.copytree(pristine, data / "snapshots" / f"{pristine.name} - Copy")
    (data / "snapshots" / "README.txt").write_text("a stray file", encoding="utf-8")
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    caplog.set_level(logging.WARNING)
    at = run_page(page)
    assert_served_from(at, pristine.name, passed_over=True)
    assert "không khớp tên thư mục" in caplog.text and f"{pristine.name} - Copy" in caplog.text


@pytest.mark.parametrize("beside_valid", [False, True])
def test_unreadable_file(beside_valid, tmp_path, pristine, monkeypatch, caplog):
    """A file the server may not read (permissions; tests run as root, so the read is made to fail)."""
    data = tmp_path / "data"
    if beside_valid:
        copy_snapshot(pristine, data / "snapshots")
    broken = copy_snapshot(pristine, data / "snapshots", NEWER)
    deny_reading(monkeypatch, broken)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    caplog.set_level(logging.WARNING)
    at = run_page("economy")
    if beside_valid:
        assert_served_from(at, pristine.name, passed_over=True)
    else:
        assert_no_data_page(at)
        assert broken.name in staff_details(at) and "Permission denied" in staff_details(at)
    assert broken.name in caplog.text and "Permission denied" in caplog.text


@pytest.mark.parametrize("beside_valid", [False, True])
def test_damaged_while_the_app_is_serving(beside_valid, tmp_path, pristine, monkeypatch, caplog):
    """The snapshot being served is truncated between two runs of the same session."""
    data = tmp_path / "data"
    if beside_valid:
        copy_snapshot(pristine, data / "snapshots")
    newest = copy_snapshot(pristine, data / "snapshots", NEWER)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.switch_page(PAGES["economy"])
    at.run()
    assert_served_from(at, NEWER, passed_over=False)
    truncate(newest)
    caplog.set_level(logging.WARNING)
    at.run()
    if beside_valid:
        assert_served_from(at, pristine.name, passed_over=True)
    else:
        assert_no_data_page(at)
    assert NEWER in caplog.text and "observations.parquet" in caplog.text


@pytest.mark.parametrize("beside_valid", [False, True])
def test_damage_behind_a_re_signed_manifest_is_caught_by_the_parquet_footer(beside_valid, tmp_path, pristine,
                                                                             monkeypatch, caplog):
    """A truncated file whose checksum was recomputed into the manifest passes the checksum test, but
    its Parquet footer does not read: the snapshot is passed over like any damaged one."""
    import hashlib
    data = tmp_path / "data"
    if beside_valid:
        copy_snapshot(pristine, data / "snapshots")
    broken = copy_snapshot(pristine, data / "snapshots", NEWER)
    truncate(broken)
    manifest = _manifest(broken)
    manifest["files"]["observations.parquet"] = hashlib.sha256((broken / "observations.parquet").read_bytes()).hexdigest()
    _write_manifest(broken, manifest)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    caplog.set_level(logging.WARNING)
    for page in PAGES:
        at = run_page(page)
        assert not at.exception, [e.value for e in at.exception]
        if beside_valid:
            assert not at.error and at.get("vega_lite_chart"), "the older snapshot is served"
            assert any("bản mới hơn bị lỗi" in i.value for i in at.info)
        else:
            assert len(at.error) == 1 and "dữ liệu" in at.error[0].value, [e.value for e in at.error]
            assert "Traceback" not in at.error[0].value
    assert NEWER in caplog.text and "Parquet hỏng" in caplog.text


def test_damaged_between_the_choice_and_the_first_query(tmp_path, pristine, monkeypatch):
    """The window of a race: the page chose the snapshot, then its file was cut before the
    connection was opened. Reproduced by handing the page the choice made before the damage."""
    import lib.data.cache
    import lib.web.shell
    data = tmp_path / "data"
    newest = copy_snapshot(pristine, data / "snapshots", NEWER)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    chosen = current()
    truncate(newest)
    monkeypatch.setattr(lib.data.cache, "current", lambda: chosen)
    monkeypatch.setattr(lib.web.shell, "current", lambda: chosen, raising=False)
    at = run_page("economy")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "dữ liệu" in at.error[0].value


# ---------------------------------------------------------------------------------------------
# lib.data.snapshot.scan on its own


@pytest.mark.parametrize("case", list(CASES))
def test_scan_rejects_each_broken_case_with_its_reason(case, tmp_path, pristine, caplog):
    snapshots = tmp_path / "snapshots"
    copy_snapshot(pristine, snapshots)
    broken = copy_snapshot(pristine, snapshots, NEWER)
    CASES[case][0](broken)
    caplog.set_level(logging.WARNING, logger="lib.data.snapshot")
    valid, rejected = scan(snapshots)
    assert [s.path.name for s in valid] == [pristine.name]
    assert [r.path.name for r in rejected] == [NEWER]
    for words in CASES[case][1]:
        assert words in rejected[0].reason, rejected[0].reason
        assert words in caplog.text
    assert str(broken) in caplog.text


def test_scan_of_a_valid_copy(tmp_path, pristine):
    snapshots = tmp_path / "snapshots"
    copy_snapshot(pristine, snapshots)
    copy_snapshot(pristine, snapshots, NEWER)
    valid, rejected = scan(snapshots)
    assert [s.path.name for s in valid] == [NEWER, pristine.name] and rejected == []
    assert all(isinstance(s, Snapshot) for s in valid)


@pytest.mark.parametrize("layout", ["missing", "a_file", "empty"])
def test_scan_of_no_snapshots(layout, tmp_path):
    snapshots = tmp_path / "snapshots"
    if layout == "a_file":
        snapshots.write_text("not a folder", encoding="utf-8")
    if layout == "empty":
        snapshots.mkdir()
    assert scan(snapshots) == ([], [])


def test_scan_skips_builds_in_progress_and_stray_files(tmp_path, pristine):
    snapshots = tmp_path / "snapshots"
    copy_snapshot(pristine, snapshots)
    half = copy_snapshot(pristine, snapshots, ".building-x")
    truncate(half)
    (snapshots / "notes.txt").write_text("x", encoding="utf-8")
    valid, rejected = scan(snapshots)
    assert [s.path.name for s in valid] == [pristine.name] and rejected == []


@pytest.mark.parametrize("manifest_text", ["[]", "42", "null", '"text"', "\udcff"])
def test_scan_rejects_manifests_that_are_not_objects(manifest_text, tmp_path, pristine):
    snapshots = tmp_path / "snapshots"
    broken = copy_snapshot(pristine, snapshots, NEWER)
    if manifest_text == "\udcff":  # not UTF-8 at all
        (broken / MANIFEST).write_bytes(b"\xff\xfe{\x00")
    else:
        (broken / MANIFEST).write_text(manifest_text, encoding="utf-8")
    valid, rejected = scan(snapshots)
    assert valid == [] and [r.path.name for r in rejected] == [NEWER]


def test_scan_rejects_a_manifest_that_is_a_folder_and_a_data_file_that_is_a_folder(tmp_path, pristine):
    snapshots = tmp_path / "snapshots"
    first = copy_snapshot(pristine, snapshots, "29990101T000000Z-aaaaaaaa")
    (first / MANIFEST).unlink()
    (first / MANIFEST).mkdir()
    second = copy_snapshot(pristine, snapshots, "29990102T000000Z-bbbbbbbb")
    (second / "reports.parquet").unlink()
    (second / "reports.parquet").mkdir()
    valid, rejected = scan(snapshots)
    assert valid == []
    reasons = {r.path.name: r.reason for r in rejected}
    assert "manifest.json" in reasons[first.name]
    assert "reports.parquet" in reasons[second.name]


def test_scan_never_raises_on_an_unreadable_file(tmp_path, pristine, monkeypatch):
    snapshots = tmp_path / "snapshots"
    copy_snapshot(pristine, snapshots)
    broken = copy_snapshot(pristine, snapshots, NEWER)
    deny_reading(monkeypatch, broken)
    valid, rejected = scan(snapshots)
    assert [s.path.name for s in valid] == [pristine.name]
    assert [r.path.name for r in rejected] == [NEWER] and "Permission denied" in rejected[0].reason


def test_scan_never_raises_on_an_unlistable_folder(tmp_path, monkeypatch):
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", deny)
    valid, rejected = scan(snapshots)
    assert valid == [] and len(rejected) == 1 and "Permission denied" in rejected[0].reason


def test_current_names_only_newer_broken_folders_as_passed_over(tmp_path, pristine, monkeypatch):
    """A broken folder older than the one served is logged but not announced to leaders."""
    snapshots = tmp_path / "data" / "snapshots"
    older = copy_snapshot(pristine, snapshots, "20000101T000000Z-00000000")
    no_manifest(older)
    copy_snapshot(pristine, snapshots)
    newer = copy_snapshot(pristine, snapshots, NEWER)
    schema_99(newer)
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(tmp_path / "data"))
    now = current()
    assert now.snapshot.path.name == pristine.name
    assert [r.path.name for r in now.passed_over] == [NEWER]
    older_only = tmp_path / "older"
    copy_snapshot(older, older_only / "snapshots")
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(older_only))
    with pytest.raises(DataUnavailable) as raised:
        current()
    assert [r.path.name for r in raised.value.rejected] == [older.name]


# ---------------------------------------------------------------------------------------------
# production settings (part 5)


def test_production_settings():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # no tracebacks, not even messages
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    upload = config["server"]["maxUploadSize"]
    assert isinstance(upload, int) and 1 <= upload <= 50, upload  # MB; the default is 200
    assert config["server"]["headless"] is True
    assert config["server"].get("runOnSave") is not True
    assert config["server"].get("enableCORS", True) is True  # CORS protection not switched off
    address, port = config["server"]["address"], config["server"]["port"]
    assert address == "127.0.0.1"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{address}:{port}" in readme  # the README says where the server listens
    assert f"proxy_pass http://{address}:{port}" in readme  # and the proxy forwards there
    lowered = readme.lower()
    assert "reverse proxy" in lowered and "https" in lowered
    assert "listen 443 ssl" in readme and "ssl_certificate" in readme
    assert "upgrade" in lowered  # the WebSocket upgrade, without which Streamlit does not run behind a proxy


def test_production_settings_are_what_the_server_runs_with(tmp_path):
    """The values are read by Streamlit itself from the project's config (not only present in the file)."""
    import subprocess
    script = ("import json; from streamlit import config; config.get_config_options(force_reparse=True); "
              "print(json.dumps({k: config.get_option(k) for k in ('client.showErrorDetails', "
              "'server.enableXsrfProtection', 'browser.gatherUsageStats', 'server.maxUploadSize', 'server.address')}))")
    result = subprocess.run([str(REPO / ".venv/bin/python"), "-c", script], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["client.showErrorDetails"] == "none"
    assert options["server.enableXsrfProtection"] is True
    assert options["browser.gatherUsageStats"] is False
    assert options["server.maxUploadSize"] <= 50
    assert options["server.address"] == "127.0.0.1"
