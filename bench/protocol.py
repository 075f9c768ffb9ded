"""Many readers, measured without browsers: websocket clients that speak Streamlit's own messages.

    python -m bench.protocol [--sessions 100] [--seconds 120] [--apps N] [--no-write]
    CHITIEU_PROTOCOL_SECONDS=10 python -m bench.protocol      # a shorter run (the tests use it)
    python -m bench.protocol --burst 40 --within 10 [--apps N] [--link /kinh_te]   # a meeting opens
    python -m bench.protocol --first-open       # the first reader of a fresh process, warmed or not

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

`--burst N --within S`: the start of a meeting. `make serve` with its default processes (one per
core), warmed as it warms them before it says it is ready; then N readers open the same shared link
(the overview by default), each at its own moment spread at random over S seconds, each a new
session through nginx. Counted per reader: time from its first byte to the page's first chart
(connection included) and to the end of the run, and errors (a page that fails, shows no chart,
or a dropped connection). Exits 1 on any error.

`--first-open`: one process as `make run` starts it, and one not warmed; then, in a running warmed
process, a snapshot published (a staff note), with the process warmed again for it as `make run`
and `make serve` do, and without. In each, the overview and the first slide, in Vietnamese and in
English, opened once, then five times more: the first open's run time ÷ the median of the next
five. Exits 1 when a warmed process's first open is over 1,2× (issue 27).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
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
from bench.serving import REPO, copy_data, streamlit_server
from deploy import warm
from deploy.serve import served
from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.pipeline.publish import publish_note
from lib.view import filters
from lib.view.filters import Filters
from lib.words import labels
from lib.words.words import VIETNAMESE

DOC = REPO / "docs" / "benchmark.md"
BEGIN, END = "<!-- bench:protocol -->", "<!-- /bench:protocol -->"
BURST_BEGIN, BURST_END = "<!-- bench:burst -->", "<!-- /bench:burst -->"
FIRST_BEGIN, FIRST_END = "<!-- bench:first-open -->", "<!-- /bench:first-open -->"
FIRST_OPEN_LIMIT = 1.2
FIRST_OPEN_QUERIES = ("", "present=1", "lang=en", "present=1&lang=en")  # the overview and the first slide, vi and en
STATUSES = [key for key in labels.STATUSES]


def in_view_line(domain: str, statuses: tuple[str, ...], count: int) -> str:
    view = Filters(domain=domain, statuses=statuses)
    return VIETNAMESE.text("in_view", what=filters.phrase(view, VIETNAMESE, search_as_code=True, page_kind="domain"),
                           n=count)


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


async def reader(number: int, url: str, until: float, expected: dict, results: dict) -> None:
    rng = random.Random(number)
    path = list(PAGES)[number % len(PAGES)]
    try:
        async with warm.session(url) as socket:
            first = await warm.run_page(socket, warm.rerun(path))
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
                seen = await warm.run_page(socket, warm.rerun(path, first["page_hash"], first["pills"], chosen, query))
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
        if apps == 1:  # as `make run` and `make serve` do before they say ready: the pages built once
            warm.warm([url], out=io.StringIO())
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


async def _burst_reader(delay: float, url: str, path: str, query: str, results: dict) -> None:
    await asyncio.sleep(delay)
    started = time.perf_counter()
    try:
        async with warm.session(url) as socket:
            connected = time.perf_counter() - started
            seen = await warm.run_page(socket, warm.rerun(path, query=query))
    except Exception as error:  # noqa: BLE001 - a reader who gets nothing is an error of the run
        results["errors"].append((round(delay, 2), f"{type(error).__name__}: {error}"))
        return
    results["finished"].append(connected + seen["seconds"])
    if seen["first_chart"] is None:
        results["errors"].append((round(delay, 2), "no chart"))
    else:
        results["first_chart"].append(connected + seen["first_chart"])
    if seen["exception"]:
        results["errors"].append((round(delay, 2), "an error on the page"))


def burst(readers: int, within: float, apps: int, link: str = "/") -> dict:
    """`readers` new sessions on `link` within `within` seconds, through nginx in front of `apps`
    warmed processes."""
    path, _, query = link.lstrip("/").partition("?")
    results = {"readers": readers, "within": within, "apps": apps, "link": link, "first_chart": [],
               "finished": [], "errors": []}
    with tempfile.TemporaryDirectory(prefix="chitieu-burst-") as home, \
            served(apps=apps, run_dir=Path(home) / "run", env=home_env(Path(home) / "home")) as running:
        warm.warm([app["url"] for app in running["apps"]])  # as `make serve` does before it says ready
        rng = random.Random(27)
        delays = sorted(rng.uniform(0, within) for _ in range(readers))
        results["load_start"] = os.getloadavg()[0]

        async def everyone() -> None:
            await asyncio.gather(*(_burst_reader(d, running["url"], path, query, results) for d in delays))

        asyncio.run(everyone())
    results["load_end"] = os.getloadavg()[0]
    return results


BURST_HEAD = ("| run | readers | link | served by | load average (1 min) | open → first chart p50 | p95 | max "
              "| open → run over p95 | errors |\n|---|---|---|---|---|--:|--:|--:|--:|--:|")


def burst_report(results: dict) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    charts, finished = results["first_chart"], results["finished"]
    row = (f"| {now} | {results['readers']} {results.get('who', 'protocol readers')} within {results['within']:.0f} s | "
           f"`{results['link']}` | "
           f"{results['apps']} process(es), warmed, through nginx | "
           f"{results['load_start']:.1f} → {results['load_end']:.1f} |")
    if charts:
        row += (f" {statistics.median(charts) * 1000:.0f} ms | {percentile(charts, 0.95) * 1000:.0f} ms | "
                f"{max(charts) * 1000:.0f} ms |")
    else:
        row += " – | – | – |"
    row += f" {percentile(finished, 0.95) * 1000:.0f} ms |" if finished else " – |"
    return row + f" {len(results['errors'])} |"


def write_burst_doc(row: str) -> None:
    """The burst table keeps one row per (readers, link, processes); this run's replaces its own."""
    doc = DOC.read_text(encoding="utf-8")
    if BURST_BEGIN not in doc:
        doc += f"\n{BURST_BEGIN}\n{BURST_END}\n"
    head, rest = doc.split(BURST_BEGIN, 1)
    inside, tail = rest.split(BURST_END, 1)

    def kind(line: str) -> list[str]:
        return [part for i, part in enumerate(line.split(" | ")) if i in (1, 2, 3)]

    rows = [line for line in inside.splitlines() if line.startswith("| 20") and kind(line) != kind(row)]
    DOC.write_text(head + BURST_BEGIN + "\n" + BURST_HEAD + "\n" + "\n".join(sorted(rows + [row])) + "\n"
                   + BURST_END + tail, encoding="utf-8")


NOT_WARMED, WARMED, PUBLISHED_COLD, PUBLISHED_WARM = (
    "not warmed", "warmed", "warmed at start, then a snapshot published", "warmed at start and again on a publish")


def first_opens() -> list[dict]:
    """The overview and the first slide: in a fresh process, warmed as `make run` warms it and not; then
    after a new snapshot is published into a running warmed process, kept warm (deploy/warm.keep_warm)
    and not."""
    rows = []
    for process in (NOT_WARMED, WARMED, PUBLISHED_COLD, PUBLISHED_WARM):
        with tempfile.TemporaryDirectory(prefix="chitieu-first-") as home:
            data = Path(home) / "data"
            copy_data(data)
            with streamlit_server(Path(home) / "home", {"CHITIEU_DATA_DIR": str(data)}) as server:
                warming = time.perf_counter()
                if process != NOT_WARMED:
                    warm.warm([server["url"]])
                warming = time.perf_counter() - warming
                if process in (PUBLISHED_COLD, PUBLISHED_WARM):
                    warming = _publish_while_running(server["url"], data, keep_warm=process == PUBLISHED_WARM)
                for query in FIRST_OPEN_QUERIES:
                    times = [asyncio.run(warm.open_page(server["url"], "", query))["seconds"] for _ in range(6)]
                    rows.append({"process": process, "query": query, "first": times[0],
                                 "next": statistics.median(times[1:]), "load": os.getloadavg()[0], "warming": warming})
    return rows


def _publish_while_running(url: str, data: Path, keep_warm: bool) -> float:
    """A staff note published as an office would (a new snapshot); kept warm, the seconds from the
    publish to the process warmed for it."""
    said = io.StringIO()
    stop = threading.Event()
    if keep_warm:
        warm.keep_warm([url], data, warm.shown_snapshot(data), stop, out=said, every_s=warm.WATCH_S)
    try:
        publish_note(data, "rice_output", "lan", "Sản lượng lúa giảm do hạn mặn đầu năm.")
        published = time.perf_counter()
        while keep_warm and f"Warmed {url}" not in said.getvalue():
            time.sleep(0.1)
        return time.perf_counter() - published
    finally:
        stop.set()


def write_first_doc(rows: list[dict]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([f"Run of {now}.", "",
                      "| process | page | first open | next five (median) | first ÷ next | load average (1 min) |",
                      "|---|---|--:|--:|--:|--:|"]
                     + [f"| {r['process']} | `/{'?' + r['query'] if r['query'] else ''}` | "
                        f"{r['first'] * 1000:.0f} ms | {r['next'] * 1000:.0f} ms | {r['first'] / r['next']:.2f}× | "
                        f"{r['load']:.1f} |" for r in rows]
                     + ["", f"Warming before ready (`deploy/warm.py`, {len(warm.visits())} opens): "
                        f"{next(r['warming'] for r in rows if r['process'] == WARMED):.1f} s. "
                        "A publish to the process warmed again for it (light pages written, every page opened): "
                        f"{next(r['warming'] for r in rows if r['process'] == PUBLISHED_WARM):.1f} s."])
    doc = DOC.read_text(encoding="utf-8")
    if FIRST_BEGIN not in doc:
        doc += f"\n{FIRST_BEGIN}\n{FIRST_END}\n"
    head, rest = doc.split(FIRST_BEGIN, 1)
    DOC.write_text(head + FIRST_BEGIN + "\n" + text + "\n" + FIRST_END + rest.split(FIRST_END, 1)[1], encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("CHITIEU_PROTOCOL_SECONDS", 120)))
    parser.add_argument("--apps", type=int, default=None,
                        help="N > 1: N processes behind the proxy (default 1; with --burst one per core)")
    parser.add_argument("--burst", type=int, default=0, help="this many readers open one link at a meeting's start")
    parser.add_argument("--within", type=float, default=10, help="seconds over which the burst's readers arrive")
    parser.add_argument("--link", default="/", help="the shared link the burst's readers open")
    parser.add_argument("--first-open", action="store_true", help="a fresh process's first reader, warmed or not")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if args.first_open:
        rows = first_opens()
        for r in rows:
            print(r)
        if not args.no_write:
            print(write_first_doc(rows))
        return 0 if all(r["first"] <= FIRST_OPEN_LIMIT * r["next"] for r in rows
                        if r["process"] in (WARMED, PUBLISHED_WARM)) else 1
    if args.burst:
        outcome = burst(args.burst, args.within, args.apps or os.cpu_count() or 1, args.link)
        row = burst_report(outcome)
        print(BURST_HEAD)
        print(row)
        for item in outcome["errors"][:10]:
            print("  ", item)
        if not args.no_write:
            write_burst_doc(row)
        return 0 if outcome["first_chart"] and not outcome["errors"] else 1
    args.apps = args.apps or 1
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
