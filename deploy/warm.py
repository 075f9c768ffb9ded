"""Warm an app process before it is called ready, and the client of Streamlit's own websocket that
does it (bench/protocol.py drives its readers with the same client).

    python -m deploy.warm URL [URL ...]

A process that has just started has imported nothing of the app, read no snapshot and built no
chart or slide: its first reader waits for all of that (8 s for the first slide). Warming opens
every page of the registry once, and the overview as the meeting slides (`?present=1`), in
Vietnamese and in English (`lang=en`), each as a new session over /_stcore/stream: the same BackMsg a browser sends, the ForwardMsgs read until the
run is over. What is the same for every reader of a snapshot and view (readings, chart specs, the
deck) is then in the process's caches before the first reader comes.
"""
from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

RUN_TIMEOUT_S = 60
WATCH_S = 2.0  # how often a server looks for a newly published snapshot
log = logging.getLogger("chitieu.warm")
CHART = "vega_lite_chart"


ENGLISH = "lang=en"


def visits() -> list[tuple[str, str]]:
    """(page address, query) of each open a process gets before it is ready: every page of the
    registry with the default view and the first slide, in Vietnamese and in English (the readings,
    charts and deck are kept per language). The overview and the slides first: a meeting opens them."""
    from lib.web import registry

    pages = [(registry.url_path(key), "") for key in registry.PAGES]
    english = [(path, ENGLISH) for path, _ in pages]
    return (pages[:1] + [("", "present=1")] + english[:1] + [("", f"present=1&{ENGLISH}")]
            + pages[1:] + english[1:])


@asynccontextmanager
async def session(url: str):
    """A new reader's websocket to the app at `url` (http(s)://host:port)."""
    from websockets.asyncio.client import connect
    from websockets.typing import Subprotocol

    secure: dict[str, Any] = {}
    if url.startswith("https://"):
        from deploy.serve import insecure_context

        secure = {"ssl": insecure_context()}
    async with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=[Subprotocol("streamlit")],
                       max_size=None, open_timeout=RUN_TIMEOUT_S, ping_interval=None, **secure) as socket:
        yield socket


def rerun(path: str, page_hash: str = "", pills: str | None = None, statuses: tuple[str, ...] = (),
          query: str = "") -> bytes:
    """The browser's BackMsg: the page, the address it shows, and the status pills' state."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from lib.words import labels
    from lib.words.words import VIETNAMESE

    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = path
    message.rerun_script.page_script_hash = page_hash
    if pills is not None:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = pills
        state.string_array_value.data.extend(VIETNAMESE.label(labels.STATUSES, s) for s in statuses)
    return message.SerializeToString()


async def run_page(socket, message: bytes) -> dict:
    """Send one rerun and read the page's messages until the run is over: what it showed, and
    when (seconds after sending) the first chart and the end of the run arrived."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from lib.words.words import VIETNAMESE

    started = time.perf_counter()
    await socket.send(message)
    seen: dict[str, Any] = {"line": None, "pills": None, "page_hash": None, "query": None, "exception": False, "finished": False,
            "first_chart": None, "seconds": None}
    while not seen["finished"]:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(socket.recv(), RUN_TIMEOUT_S))
        kind = forward.WhichOneof("type")
        if kind == "page_info_changed":  # the app wrote the view into the address bar
            seen["query"] = forward.page_info_changed.query_string
        elif kind == "navigation":  # the page that ran: the next rerun names it, as the browser does
            seen["page_hash"] = forward.navigation.page_script_hash
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            what = element.WhichOneof("type")
            if what == CHART and seen["first_chart"] is None:
                seen["first_chart"] = time.perf_counter() - started
            elif what == "button_group" and element.button_group.label == VIETNAMESE.text("filter_status"):
                seen["pills"] = element.button_group.id
            elif what == "markdown" and element.markdown.body.startswith("Đang xem:"):
                seen["line"] = element.markdown.body
            elif what in ("exception", "alert") and (what == "exception" or element.alert.format == 1):
                seen["exception"] = True
        elif kind == "script_finished":
            seen["finished"] = True
    seen["seconds"] = time.perf_counter() - started
    return seen


async def open_page(url: str, path: str, query: str = "") -> dict:
    """A new reader opens `path?query`: the page's run, as `run_page` reads it."""
    async with session(url) as socket:
        return await run_page(socket, rerun(path, query=query))


async def warm_process(url: str) -> list[dict]:
    """Every visit of `visits()` once, one after the other, as new sessions of the process at `url`."""
    done = []
    for path, query in visits():
        try:
            seen = await open_page(url, path, query)
            done.append({"path": path, "query": query, "seconds": seen["seconds"],
                         "problem": "an error on the page" if seen["exception"] else None})
        except Exception as error:  # noqa: BLE001 - a page that fails to warm is reported, never fatal
            done.append({"path": path, "query": query, "seconds": None, "problem": f"{type(error).__name__}: {error}"})
    return done


def warm(urls: list[str], out=sys.stdout) -> dict[str, list[dict]]:
    """Warm the processes at `urls` together; one line each on `out`. Returns each one's visits."""
    return asyncio.run(warm_all(urls, out))


async def warm_all(urls: list[str], out=sys.stdout) -> dict[str, list[dict]]:
    """`warm`, from inside an event loop."""
    started = time.perf_counter()
    results = dict(zip(urls, await asyncio.gather(*(warm_process(url) for url in urls))))
    for url, done in results.items():
        problems = [f"/{v['path']}{'?' + v['query'] if v['query'] else ''}: {v['problem']}" for v in done if v["problem"]]
        print(f"Warmed {url}: {len(done)} pages in {time.perf_counter() - started:.1f} s"
              + (f"; not warmed: {'; '.join(problems)}" if problems else ""), file=out, flush=True)
    return results


def light_addresses() -> dict[str, str]:
    """The pages that have a light version (the overview and the domains), each with its address."""
    from lib.web import registry

    return registry.light_addresses()


def write_light(data_dir: Path) -> Path | None:
    """The light pages of the newest snapshot, unless they are there already: nginx and Streamlit serve
    them as files, so no reader's open writes them."""
    from lib.export.light_page import ensure_light_pages

    return ensure_light_pages(data_dir, light_addresses())


def shown_snapshot(data_dir: Path) -> str | None:
    """The id of the snapshot a reader is shown now (the app's own choice), None while there is none."""
    from lib.data.snapshot import DataUnavailable, choose

    try:
        return choose(Path(data_dir) / "snapshots").snapshot.snapshot_id
    except DataUnavailable:
        return None


def _listing(data_dir: Path) -> tuple[tuple[str, int], ...]:
    """The snapshots folder's entries with their modification times: what changes when one is published."""
    try:
        return tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in (Path(data_dir) / "snapshots").iterdir()))
    except OSError:
        return ()


def on_new_snapshot(data_dir: Path, act: Callable[[str], object], seen: str | None, stop: threading.Event,
                    every_s: float = WATCH_S) -> threading.Thread:
    """In a background thread, `act(snapshot_id)` each time another snapshot than `seen` becomes the one
    shown: a publish by any office or process, or `make data`."""
    listed: tuple = ()  # the first look scans: a publish may have come since `seen` was read

    def look() -> None:
        nonlocal seen, listed
        while not stop.wait(every_s):
            now_listed = _listing(data_dir)
            if now_listed == listed:  # nothing added, removed or repointed: no scan (nor its warnings)
                continue
            listed = now_listed
            try:
                now = shown_snapshot(data_dir)
            except OSError:  # a folder being replaced under the scan: the next look sees it whole
                listed = ()
                continue
            if now is not None and now != seen:
                seen = now
                try:
                    act(now)
                except Exception:  # noqa: BLE001 - the next snapshot is still watched for
                    log.exception("getting snapshot %s ready failed", now)

    thread = threading.Thread(target=look, name="new-snapshot", daemon=True)
    thread.start()
    return thread


def keep_warm(urls: list[str], data_dir: Path, seen: str | None, stop: threading.Event | None = None,
              out=sys.stdout, every_s: float = WATCH_S) -> threading.Thread:
    """Whenever a new snapshot is published, write its light pages and warm the processes at `urls`
    again: its readings, charts and deck are built before the next reader opens a page."""
    def rewarm(snapshot_id: str) -> None:
        written = write_light(data_dir)
        print(f"New snapshot {snapshot_id}: light pages {'written' if written else 'not written'}, "
              "opening every page once before the next reader…", file=out, flush=True)
        warm(urls, out)

    return on_new_snapshot(data_dir, rewarm, seen, stop or threading.Event(), every_s)


def main(argv: list[str] | None = None) -> int:
    urls = (argv if argv is not None else sys.argv[1:]) or ["http://127.0.0.1:8501"]
    results = warm(urls)
    return 0 if all(v["problem"] is None for done in results.values() for v in done) else 1


if __name__ == "__main__":
    sys.exit(main())
