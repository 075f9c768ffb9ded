"""Twenty people open the link as the meeting starts, and keep filtering.

    python -m bench.many_users [--sessions 20] [--seconds 60]
    python -m bench.many_users --burst 10 --within 10 [--apps N] [--link /]   # the meeting's first minute

One server, N browser sessions (contexts of one headless Chromium) on the domain pages. Each session
types its own searches for the whole run and checks, after every change, that the page shows
exactly its own answer: the "Đang xem: “…” — N chỉ tiêu." line names its own search and the number
of indicators the query layer gives for that search on that page. Any exception box, error, or
answer belonging to another session's filter is counted. Prints p50/p95 of filter → page updated
and exits non-zero on any error or cross-talk.

`--burst N --within S`: N new readers (each a browser context with an empty cache) open the same
link through `make serve` (its default processes, one per core, warmed as it warms them) at moments
spread at random over S seconds. Counted: open → first chart drawn, open → run over, errors (an
error box, or nothing drawn within two minutes). The row goes into docs/benchmark.md's burst table.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.network import home_env
from bench.serving import APP_IDLE, CHART, CHROMIUM, CHROMIUM_ARGS, REPO, streamlit_server
from deploy import warm
from deploy.serve import served
from lib.data.db import Database
from lib.data.queries import Scope, indicator_table
from lib.data.snapshot import latest_snapshot
from lib.view.filters import Filters

PAGES = {"kinh_te": "economy", "van_hoa_xa_hoi": "culture_society", "an_ninh_trat_tu": "security_order",
         "xay_dung_dang": "party_politics"}
SEARCHES = ["lua", "bao hiem", "dang vien", "doanh nghiep", "ho ngheo", "tai nan", "thuy san", "von",
            "ty le", "hop tac xa", "ma tuy", "cong dan", "truong", "dien", "nuoc", "gia suc", "xa", "thu"]


def expected_counts(data_dir: Path) -> dict[tuple[str, str], int]:
    """How many indicators each page shows for each search, from the query layer itself."""
    db = Database(latest_snapshot(data_dir / "snapshots"))
    report = db.query("SELECT * FROM reports ORDER BY results_year DESC LIMIT 1").iloc[0]
    scope = Scope(str(report["reporting_unit"]), int(report["results_year"]), int(report["targets_year"]))
    return {(path, search): len(indicator_table(db, scope, Filters(domain=domain, search=search)))
            for path, domain in PAGES.items() for search in SEARCHES + [""]}


def caption(search: str, count: int) -> str:
    what = f"“{search}”" if search else "tất cả"
    return f"Đang xem: {what} — {count} chỉ tiêu."


async def open_session(number: int, browser, url: str):
    path = list(PAGES)[number % len(PAGES)]
    context = await browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.set_default_timeout(180_000)  # twenty pages opening at once on two cores
    page = await context.new_page()
    await page.goto(f"{url}/{path}")
    await page.wait_for_selector(APP_IDLE)
    await page.get_by_role("button", name="Lọc thêm").click()  # the search sits in this menu
    box = page.get_by_role("textbox", name="Tìm chỉ tiêu")
    await box.wait_for()
    return context, page, box, path


async def keep_filtering(number: int, opened, until: float, expected: dict, results: dict) -> None:
    rng = random.Random(number)
    context, page, box, path = opened
    try:
        while time.monotonic() < until:
            # A new search, then back to everything: each change must show this session's own answer.
            for search in (rng.choice(SEARCHES), ""):
                wanted = caption(search, expected[(path, search)])
                started = time.perf_counter()
                await box.fill(search)
                await box.press("Enter")
                try:
                    await page.wait_for_function(
                        "wanted => document.body.innerText.includes(wanted)", arg=wanted, timeout=60_000)
                    await page.wait_for_selector(APP_IDLE, timeout=60_000)
                except Exception as error:  # noqa: BLE001 - not showing its own answer is what we count
                    results["wrong"].append((number, path, search, type(error).__name__))
                    continue
                results["latency"].append(time.perf_counter() - started)
                results["changes"] += 1
                if await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count():
                    results["errors"].append((number, path, search))
    except Exception as error:  # noqa: BLE001 - a session that breaks is an error of the run
        results["errors"].append((number, path, f"session stopped: {type(error).__name__}"))
    finally:
        await context.close()


async def run(sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    data_dir = REPO / "data"
    expected = expected_counts(data_dir)
    results = {"latency": [], "changes": 0, "errors": [], "wrong": []}
    with tempfile.TemporaryDirectory(prefix="chitieu-users-") as home, streamlit_server(Path(home)) as server:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            opened = await asyncio.gather(*(open_session(n, browser, server["url"]) for n in range(sessions)))
            until = time.monotonic() + seconds  # the minute starts once all are open
            await asyncio.gather(*(keep_filtering(n, o, until, expected, results) for n, o in enumerate(opened)))
            await browser.close()
    return results


ERROR_BOX = '[data-testid="stException"], [data-testid="stAlertContentError"]'


async def _burst_reader(browser, delay: float, url: str, results: dict) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                                        ignore_https_errors=True)
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=120_000)
        await page.wait_for_selector(CHART, timeout=120_000)
        results["first_chart"].append(time.perf_counter() - started)
        await page.wait_for_selector(APP_IDLE, timeout=120_000)
        results["finished"].append(time.perf_counter() - started)
        if await page.locator(ERROR_BOX).count():
            results["errors"].append((round(delay, 2), "an error on the page"))
    except Exception as error:  # noqa: BLE001 - a reader who gets nothing is an error of the run
        results["errors"].append((round(delay, 2), type(error).__name__))
    finally:
        await context.close()


async def burst(readers: int, within: float, apps: int, link: str = "/") -> dict:
    """`readers` browsers open `link` within `within` seconds through nginx and `apps` warmed processes."""
    from playwright.async_api import async_playwright

    results = {"readers": readers, "who": "browsers", "within": within, "apps": apps, "link": link,
               "first_chart": [], "finished": [], "errors": []}
    with tempfile.TemporaryDirectory(prefix="chitieu-burst-") as home, \
            served(apps=apps, run_dir=Path(home) / "run", env=home_env(Path(home) / "home")) as running:
        await warm.warm_all([app["url"] for app in running["apps"]])  # as `make serve` does before it says ready
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            rng = random.Random(27)
            delays = sorted(rng.uniform(0, within) for _ in range(readers))
            results["load_start"] = os.getloadavg()[0]
            await asyncio.gather(*(_burst_reader(browser, d, running["url"] + link, results) for d in delays))
            await browser.close()
    results["load_end"] = os.getloadavg()[0]
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--burst", type=int, default=0, help="this many browsers open one link at a meeting's start")
    parser.add_argument("--within", type=float, default=10)
    parser.add_argument("--apps", type=int, default=os.cpu_count() or 1, help="app processes behind nginx (--burst)")
    parser.add_argument("--link", default="/")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        print("Debian's chromium is not installed (make chromium)", file=sys.stderr)
        return 2
    if args.burst:
        from bench import protocol

        outcome = asyncio.run(burst(args.burst, args.within, args.apps, args.link))
        row = protocol.burst_report(outcome)
        print(protocol.BURST_HEAD)
        print(row)
        for item in outcome["errors"][:10]:
            print("  ", item)
        if not args.no_write:
            protocol.write_burst_doc(row)
        return 0 if outcome["first_chart"] and not outcome["errors"] else 1
    results = asyncio.run(run(args.sessions, args.seconds))
    latency = results["latency"]
    print(f"{args.sessions} sessions × {args.seconds:.0f} s: {results['changes']} filter changes, "
          f"{len(results['errors'])} errors, {len(results['wrong'])} answers not the session's own")
    if latency:
        print(f"filter → page updated: p50 {statistics.median(latency) * 1000:.0f} ms, "
              f"p95 {percentile(latency, 0.95) * 1000:.0f} ms, max {max(latency) * 1000:.0f} ms")
    for item in (results["errors"] + results["wrong"])[:10]:
        print("  ", item)
    return 0 if results["changes"] and not results["errors"] and not results["wrong"] else 1


if __name__ == "__main__":
    sys.exit(main())
