"""Many readers, measured without browsers: websocket clients that speak Streamlit's own messages.

    python -m bench.protocol [--sessions 100] [--seconds 120] [--apps N] [--no-write]
    CHITIEU_PROTOCOL_SECONDS=10 python -m bench.protocol      # a shorter run (the tests use it)

One app process. Each session connects to /_stcore/stream as the browser does, asks for its domain
page (a BackMsg `rerun_script`), then for the whole run taps statuses on and off in the page's status
pills (the widget state the browser would send, the pills' id taken from the page's own messages),
with a pause of 0,5–2 s between taps as a reader makes. After every change it reads the page's
"Đang xem: … — N chỉ tiêu." line from the ForwardMsgs and checks it is exactly its own answer: the
phrase of its own statuses and the number of indicators the query layer gives for them. Counted:
time from the message sent to `script_finished` (p50/p95), errors (an exception on the page, a run
not finished, a dropped connection), answers that are not the session's own (cross-talk), and the
server's resident memory. With `--apps N` (N > 1) the sessions go through the proxy of
`make serve` (wss, nginx spreading new sessions over N processes). Exits 1 on any error or cross-talk.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from bench.many_users import PAGES, percentile
from bench.network import home_env
from bench.serving import REPO, streamlit_server
from deploy.serve import insecure_context, served
from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.view import filters
from lib.view.filters import Filters
from lib.words import labels

DOC = REPO / "docs" / "benchmark.md"
BEGIN, END = "<!-- bench:protocol -->", "<!-- /bench:protocol -->"
STATUSES = [key for key in labels.STATUSES]
RUN_TIMEOUT_S = 60


def in_view_line(domain: str, statuses: tuple[str, ...], count: int) -> str:
    view = Filters(domain=domain, statuses=statuses)
    return labels.text("in_view", "vi", what=filters.phrase(view, "vi", search_as_code=True, page_kind="domain"), n=count)


def expected_lines(data_dir: Path) -> dict[tuple[str, tuple[str, ...]], str]:
    """Each page's line for every set of statuses, from the query layer itself."""
    db = Database(latest_snapshot(data_dir / "snapshots"))
    report = queries.reports(db).iloc[0]
    scope = Scope(str(report["reporting_unit"]), int(report["results_year"]), int(report["targets_year"]))
    lines = {}
    for path, domain in PAGES.items():
        for mask in range(2 ** len(STATUSES)):
            chosen = tuple(s for i, s in enumerate(STATUSES) if mask >> i & 1)
            count = len(queries.indicator_table(db, scope, Filters(domain=domain, statuses=chosen)))
            lines[(path, chosen)] = in_view_line(domain, chosen, count)
    return lines


async def _run_page(socket, message: bytes) -> dict:
    """Send one rerun and read the page's messages until the run is over."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await socket.send(message)
    seen = {"line": None, "pills": None, "page_hash": None, "query": None, "exception": False, "finished": False}
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
            if what == "button_group" and element.button_group.label == labels.text("filter_status", "vi"):
                seen["pills"] = element.button_group.id
            elif what == "markdown" and element.markdown.body.startswith("Đang xem:"):
                seen["line"] = element.markdown.body
            elif what in ("exception", "alert") and (what == "exception" or element.alert.format == 1):
                seen["exception"] = True
        elif kind == "script_finished":
            seen["finished"] = True
    return seen


def _rerun(path: str, page_hash: str = "", pills: str | None = None, statuses: tuple[str, ...] = (),
           query: str = "") -> bytes:
    """The browser's BackMsg: the page, the address it shows, and the pills' state."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = path
    message.rerun_script.page_script_hash = page_hash
    if pills is not None:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = pills
        state.string_array_value.data.extend(labels.label(labels.STATUSES, s, "vi") for s in statuses)
    return message.SerializeToString()


async def reader(number: int, url: str, until: float, expected: dict, results: dict) -> None:
    from websockets.asyncio.client import connect

    rng = random.Random(number)
    path = list(PAGES)[number % len(PAGES)]
    secure = {"ssl": insecure_context()} if url.startswith("https://") else {}
    try:
        async with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None, open_timeout=RUN_TIMEOUT_S, ping_interval=None, **secure) as socket:
            first = await _run_page(socket, _rerun(path))
            if first["pills"] is None or first["line"] != expected[(path, ())]:
                results["wrong"].append((number, path, "first run", first["line"]))
                return
            chosen: tuple[str, ...] = ()
            query = first["query"] or ""
            while time.monotonic() < until:
                await asyncio.sleep(rng.uniform(0.5, 2.0))
                tapped = rng.choice(STATUSES)
                chosen = tuple(s for s in STATUSES if (s in chosen) != (s == tapped))
                started = time.perf_counter()
                seen = await _run_page(socket, _rerun(path, first["page_hash"], first["pills"], chosen, query))
                query = seen["query"] if seen["query"] is not None else query
                results["latency"].append(time.perf_counter() - started)
                results["changes"] += 1
                if seen["exception"]:
                    results["errors"].append((number, path, chosen, "exception on the page"))
                if seen["line"] != expected[(path, chosen)]:
                    results["wrong"].append((number, path, chosen, seen["line"]))
    except Exception as error:  # noqa: BLE001 - a session that breaks is an error of the run
        results["errors"].append((number, path, f"session stopped: {type(error).__name__}: {error}"))


def resident_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total, pids = 0, [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pids.extend(int(child) for child in children)
    return total / 1024


async def _all(sessions: int, seconds: float, url: str, expected: dict, results: dict) -> None:
    until = time.monotonic() + seconds
    await asyncio.gather(*(reader(n, url, until, expected, results) for n in range(sessions)))


@contextmanager
def _servers(home: Path, apps: int):
    """One app process as `make run` serves it, or N behind the proxy as `make serve APPS=N` does."""
    if apps <= 1:
        with streamlit_server(home) as server:
            yield server["url"], [server["pid"]]
    else:
        with served(apps=apps, run_dir=home / "run", env=home_env(home / "home")) as running:
            yield running["url"], [app["process"].pid for app in running["apps"]]


def run(sessions: int, seconds: float, apps: int = 1) -> dict:
    expected = expected_lines(REPO / "data")
    results = {"latency": [], "changes": 0, "errors": [], "wrong": [], "memory": [], "sessions": sessions,
               "seconds": seconds, "apps": apps, "load_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="chitieu-protocol-") as home, _servers(Path(home), apps) as (url, pids):
        results["memory_start"] = sum(resident_mb(pid) for pid in pids)
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(1.0):
                results["memory"].append(sum(resident_mb(pid) for pid in pids))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            asyncio.run(_all(sessions, seconds, url, expected, results))
        finally:
            stop.set()
            sampler.join()
    results["load_end"] = os.getloadavg()[0]
    return results


def report(results: dict) -> str:
    latency = results["latency"]
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"| {now} | {results['sessions']} × {results['seconds']:.0f} s | "
             + ("1 process, direct" if results["apps"] <= 1 else f"{results['apps']} processes, through nginx")
             + f" | {results['load_start']:.1f} → {results['load_end']:.1f} | {results['changes']} "
             f"({results['changes'] / results['seconds']:.1f}/s) |"]
    if latency:
        lines[0] += (f" {statistics.median(latency) * 1000:.0f} ms | "
                     f"{percentile(latency, 0.95) * 1000:.0f} ms | {max(latency) * 1000:.0f} ms | "
                     f"{len(results['errors'])} | {len(results['wrong'])} | {results['memory_start']:.0f} MB | "
                     f"{max(results['memory'] or [0]):.0f} MB |")
    return "\n".join(lines)


TABLE_HEAD = ("| run | sessions | served by | load average (1 min) | filter changes | server time per rerun p50 "
              "| p95 | max | errors | cross-talk | memory at start | peak |\n"
              "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")


def write_doc(row: str) -> None:
    """The table between the markers keeps one row per way of serving; this run's replaces its own."""
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN not in doc:
        doc += f"\n{BEGIN}\n{END}\n"
    head, rest = doc.split(BEGIN, 1)
    inside, tail = rest.split(END, 1)
    served_by = row.split(" | ")[2]
    rows = [line for line in inside.splitlines() if line.startswith("| 20") and line.split(" | ")[2] != served_by]
    DOC.write_text(head + BEGIN + "\n" + TABLE_HEAD + "\n" + "\n".join(sorted(rows + [row])) + "\n" + END + tail,
                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("CHITIEU_PROTOCOL_SECONDS", 120)))
    parser.add_argument("--apps", type=int, default=1, help="N > 1: N processes behind the proxy")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    results = run(args.sessions, args.seconds, args.apps)
    text = report(results)
    print(TABLE_HEAD)
    print(text)
    for item in (results["errors"] + results["wrong"])[:10]:
        print("  ", item)
    if not args.no_write:
        write_doc(text)
    return 0 if results["changes"] and not results["errors"] and not results["wrong"] else 1


if __name__ == "__main__":
    sys.exit(main())
