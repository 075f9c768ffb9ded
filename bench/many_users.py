"""Twenty people open the link as the meeting starts, and keep filtering.

    python -m bench.many_users [--sessions 20] [--seconds 60]

One server, N browser sessions (contexts of one headless Chromium) on the domain pages. Each session
types its own searches for the whole run and checks, after every change, that the page shows
exactly its own answer: the "Đang xem: “…” — N chỉ tiêu." line names its own search and the number
of indicators the query layer gives for that search on that page. Any exception box, error, or
answer belonging to another session's filter is counted. Prints p50/p95 of filter → page updated
and exits non-zero on any error or cross-talk.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.serving import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, REPO, streamlit_server
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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        print("Debian's chromium is not installed (make chromium)", file=sys.stderr)
        return 2
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
