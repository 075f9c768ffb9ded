"""A snapshot published while the servers run (an office's approval, `make data`) is made ready before
its first reader: the app processes open every page again, the light pages are written and the
preview server makes the default views' first paints (deploy/warm.py, deploy/preview.py)."""
from __future__ import annotations

import asyncio
import io
import logging
import queue
import threading
import time
from pathlib import Path

import pytest

from bench.serving import copy_data, streamlit_server
from deploy import preview, warm
from lib.export.light_page import MARKER, light_dir_of
from lib.pipeline.publish import publish_note

WAIT_S = 180


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    copy_data(data)
    return data


def publish(data: Path) -> str:
    """A staff note on one indicator, published: a new snapshot, shown from now on."""
    snapshot = publish_note(data, "rice_output", "lan", "Sản lượng lúa giảm do hạn mặn đầu năm.")
    shown = warm.shown_snapshot(data)
    assert shown == snapshot.name
    return shown


def wait_until(check, what: str):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {WAIT_S} s: {what}")


def test_the_watch_acts_once_for_each_snapshot_published_and_never_for_the_one_seen(tmp_path):
    data = data_copy(tmp_path)
    seen = warm.shown_snapshot(data)
    assert seen is not None
    acted: list[str] = []
    stop = threading.Event()
    warm.on_new_snapshot(data, acted.append, seen, stop, every_s=0.1)
    try:
        time.sleep(1.0)
        assert acted == [], "nothing was published"
        first = publish(data)
        wait_until(lambda: acted, "the watch sees the first publish")
        second = publish(data)
        wait_until(lambda: len(acted) == 2, "the watch sees the second publish")
        time.sleep(0.5)
        assert acted == [first, second] and len({seen, first, second}) == 3
    finally:
        stop.set()


def test_a_publish_before_the_watch_starts_is_still_acted_on(tmp_path):
    data = data_copy(tmp_path)
    seen = warm.shown_snapshot(data)
    new = publish(data)  # while the process was being warmed, say
    acted: list[str] = []
    stop = threading.Event()
    warm.on_new_snapshot(data, acted.append, seen, stop, every_s=0.1)
    try:
        wait_until(lambda: acted, "the watch sees the publish it started after")
        assert acted == [new]
    finally:
        stop.set()


def test_a_failed_getting_ready_does_not_stop_the_watch(tmp_path):
    data = data_copy(tmp_path)
    tried: list[str] = []

    def act(snapshot_id: str) -> None:
        tried.append(snapshot_id)
        if len(tried) == 1:
            raise OSError("disk full")

    stop = threading.Event()
    warm.on_new_snapshot(data, act, warm.shown_snapshot(data), stop, every_s=0.1)
    try:
        first = publish(data)
        wait_until(lambda: tried, "the first publish is tried")
        second = publish(data)
        wait_until(lambda: len(tried) == 2, "the watch goes on after a failure")
        assert tried == [first, second]
    finally:
        stop.set()


def test_a_damaged_folder_is_reported_once_not_at_every_look(tmp_path, caplog):
    data = data_copy(tmp_path)
    damaged = data / "snapshots" / "20991231T000000Z-0badc0de"
    damaged.mkdir()
    (damaged / "manifest.json").write_text("{", encoding="utf-8")
    acted: list[str] = []
    stop = threading.Event()
    seen = warm.shown_snapshot(data)
    caplog.clear()  # the warning of that scan
    with caplog.at_level(logging.WARNING, logger="lib.data.snapshot"):
        warm.on_new_snapshot(data, acted.append, seen, stop, every_s=0.05)
        time.sleep(1.5)
        stop.set()
    passed_over = [r for r in caplog.records if damaged.name in r.getMessage()]
    assert len(passed_over) == 1, [r.getMessage() for r in caplog.records]
    assert acted == [], "the snapshot shown did not change"


def test_a_running_process_is_warmed_and_the_light_pages_written_for_a_new_snapshot(tmp_path):
    data = data_copy(tmp_path)
    env = {"CHITIEU_DATA_DIR": str(data)}
    with streamlit_server(tmp_path / "home", env) as server:
        warm.write_light(data)
        before = (light_dir_of(data) / MARKER).read_text(encoding="utf-8").strip()
        said = io.StringIO()
        warm.warm([server["url"]], out=said)
        stop = threading.Event()
        warm.keep_warm([server["url"]], data, warm.shown_snapshot(data), stop, out=said, every_s=0.2)
        try:
            new = publish(data)
            text = wait_until(lambda: (t := said.getvalue()).count(f"Warmed {server['url']}") == 2 and t,
                              "the process warmed again")
        finally:
            stop.set()
        after_publish = text.split(f"New snapshot {new}:", 1)
        assert len(after_publish) == 2, text
        assert after_publish[1].strip().startswith("light pages written"), text
        assert f"Warmed {server['url']}: {len(warm.visits())} pages" in after_publish[1], text
        assert "not warmed" not in after_publish[1], text
        # No reader opened anything: the light pages a weak link is sent to are the new snapshot's.
        assert before != new
        assert (light_dir_of(data) / MARKER).read_text(encoding="utf-8").strip() == new
        seen = asyncio.run(warm.open_page(server["url"], "", ""))
        assert seen["first_chart"] is not None and not seen["exception"]


def test_the_preview_server_makes_the_new_snapshots_first_paints_unasked(tmp_path, monkeypatch):
    from lib.export.link_preview import Previews
    from lib.web.registry import reader_pages

    data = data_copy(tmp_path)
    pages = reader_pages()
    previews = Previews(data, {key: address for key, (address, _) in pages.items()}, tmp_path / "previews",
                        {key: kind for key, (_, kind) in pages.items()})
    monkeypatch.setattr(preview.Handler, "prepared", threading.Event())
    monkeypatch.setattr(preview.Handler, "wanted", queue.Queue(maxsize=64))
    threading.Thread(target=preview.prepare, args=(previews,), daemon=True).start()
    assert preview.Handler.prepared.wait(WAIT_S)
    defaults = [(f"/{address}", query) for address in previews.addresses.values() for query in ({}, {"lang": ["en"]})]
    old = warm.shown_snapshot(data)
    assert all(previews.first_paint_made(previews.read(*d)) for d in defaults)
    new = publish(data)

    def made() -> bool:
        links = [previews.read(*d) for d in defaults]
        assert {link.current.snapshot.snapshot_id for link in links} == {new}
        return all(previews.first_paint_made(link) for link in links)

    wait_until(made, "the default views' first paints of the new snapshot")
    assert {p.name for p in (tmp_path / "previews").iterdir()} >= {old, new}
    assert preview.Handler.wanted.empty(), "made without anyone asking"


@pytest.mark.parametrize("nothing", ["no snapshots folder", "an empty snapshots folder"])
def test_no_snapshot_is_none_not_an_error(tmp_path, nothing):
    if nothing == "an empty snapshots folder":
        (tmp_path / "snapshots").mkdir()
    assert warm.shown_snapshot(tmp_path) is None
