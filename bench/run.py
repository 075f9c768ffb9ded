"""`make bench`: the explorer at seed size and at ~12 M observations, against its budgets.

    python -m bench.run [--repeats 7] [--no-browser] [--no-naive] [--no-write]

One run measures, at both sizes:
  (a) every public `lib.data.queries` function through `lib.data.db.Database` — the first ask of a scope
      (per-scope rows not yet computed) and repeated asks — median of `--repeats`;
  (b) the server-side run time of every page script under `streamlit.testing` AppTest, cold and
      warm (median of warm runs), and a server-side filter change;
  (c) in headless Chromium against a real `streamlit run`: open page → charts visible, and filter
      change → charts updated (a status chosen or removed on /kinh_te), against a bare Streamlit
      page with one Altair chart (bench/bare_app.py) opened in turns with the app's pages;
  (d) the server's resident memory (the streamlit process and its children, from /proc) while 20
      browser sessions are open at ~12 M rows;
  (e) the same questions the naive way — pandas loading the whole observations.parquet and
      filtering — as a ratio to DuckDB.
It prints PASS/FAIL per budget, writes the tables into docs/benchmark.md and exits 1 on any FAIL.
The synthetic snapshot is made on demand under bench-data/ (git-ignored) by bench/synthetic.py.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.serving import APP_IDLE as IDLE
from bench.serving import CHART, CHROMIUM_ARGS, streamlit_server
from lib.web import registry

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATA = ROOT / "bench-data"
DOC = ROOT / "docs" / "benchmark.md"
BEGIN, END = "<!-- bench:results -->", "<!-- /bench:results -->"

BUDGETS_MS = {  # (page script median, filter change → charts updated)
    "seed": (100, 300),
    "12M": (250, 400),
}
OPEN_RATIO = 1.3
MEMORY_MB = 1000
SESSIONS = 20

# The app's own page registry: page → (file to switch to, address Streamlit serves it at, the
# file name without its number prefix).
PAGES = {key: (None if entry.file == "app.py" else entry.file, "/" + registry.url_path(key))
         for key, entry in registry.PAGES.items() if entry.in_navigation}
# Seven filter changes on /kinh_te as a reader makes them: statuses tapped on one by one, then
# off again. Every set is new to the server (none was seen before in the run).
FILTER_STEPS = [("+", "not_met"), ("+", "exceeded"), ("+", "met"), ("+", "no_target"), ("-", "not_met"),
                ("-", "exceeded"), ("-", "met")]
# The charts on screen (their SVG sizes and mark counts), to tell whether a rerun redrew them.
CHART_SIGNATURE = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg'))
    .map(s => s.outerHTML.length + ':' + s.querySelectorAll('path').length).join('|')"""
# Before a filter change: watch the app's script state, so a run is seen however short it is, and
# note when the tap lands (the browser's clock: the driver's own checks before a click are not the
# app's time).
WATCH_RUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__benchRan = false;
  window.__benchTapAt = null;
  window.__benchDoneAt = null;
  document.addEventListener('click', () => { window.__benchTapAt = performance.now(); }, {capture: true, once: true});
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchObserver = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__benchRan = true;
  });
  window.__benchObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# After it: the rerun it caused has finished and every chart on the page is drawn (checked every
# frame; the moment is noted in the browser's clock).
RUN_DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!window.__benchRan || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]')).every(c => c.querySelector('svg'))) return false;
  window.__benchDoneAt = window.__benchDoneAt || performance.now();
  return true;
}"""
TAP_TO_DONE_MS = "() => window.__benchDoneAt - window.__benchTapAt"
# An open is over when every chart on the page is drawn, not only the first.
EVERY_CHART_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    .every(c => c.querySelector('svg'))"""
WAIT_MS = 120_000
OPENED = ("/", "/kinh_te")  # the pages timed from open to charts visible


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


# --- (a) queries ---------------------------------------------------------------------------------


def query_calls(db, scope, indicator_id: str) -> dict:
    from lib.data import queries as q
    from lib.view.filters import Filters

    domain = Filters(domain="economy")
    return {
        "indicator_table": lambda: q.indicator_table(db, scope, domain),
        "attainment": lambda: q.attainment(db, scope, Filters(domain="economy", statuses=("not_met",))),
        "judged_without_share": lambda: q.judged_without_share(db, scope, domain),
        "year_on_year": lambda: q.year_on_year(db, scope, domain),
        "next_year_targets": lambda: q.next_year_targets(db, scope, domain),
        "status_counts": lambda: q.status_counts(db, scope),
        "headline_indicators": lambda: q.headline_indicators(db, scope),
        "counts_with_pairs": lambda: q.counts_with_pairs(db, scope, domain),
        "groups_present": lambda: q.groups_present(db, scope, "economy"),
        "indicator": lambda: q.indicator(db, scope, indicator_id),
        "indicator_catalogue_entry": lambda: q.indicator_catalogue_entry(db, indicator_id),
        "indicator_observations": lambda: q.indicator_observations(db, scope, indicator_id),
        "related_indicators": lambda: q.related_indicators(db, indicator_id),
        "search_indicators": lambda: q.search_indicators(db, "lua"),
        "observations_in_view": lambda: q.observations_in_view(db, scope, domain),
        "indicator_across_reporting_units": lambda: q.indicator_across_reporting_units(db, indicator_id, scope.results_year),
        "reports": lambda: q.reports(db),
        "known_indicator_ids": lambda: q.known_indicator_ids(db),
    }


def default_scope(db):
    from lib.data import queries as q
    from lib.data.queries import Scope

    first = q.reports(db).iloc[0]
    return Scope(str(first["reporting_unit"]), int(first["results_year"]), int(first["targets_year"]))


def measure_queries(snapshot, repeats: int) -> dict:
    """Per function: `cold` = the scope's rows not yet computed (as after a new snapshot or for a
    scope nobody asked yet), `warm` = asked again; medians of `repeats`."""
    from lib.data import queries as q
    from lib.data.db import Database

    db = Database(snapshot)
    scope = default_scope(db)
    table = q.indicator_table(db, scope)
    indicator_id = str(table.loc[table["actual"].notna(), "indicator_id"].iloc[0])
    out = {"scope": [scope.reporting_unit, scope.results_year, scope.targets_year], "indicator_id": indicator_id,
           "functions": {}}
    for name, call in query_calls(db, scope, indicator_id).items():
        cold, warm = [], []
        for _ in range(repeats):
            db._memo.cache_clear()
            cold.append(timed(call)[0])
            warm.append(timed(call)[0])
        out["functions"][name] = {"cold_ms": median_ms(cold), "warm_ms": median_ms(warm)}
    out["pushdown"] = pushdown(db, scope)
    return out


def pushdown(db, scope) -> dict:
    """What DuckDB reads for one unit's question: row groups scanned of all, and bytes read."""
    cursor = db._connection.cursor()
    try:
        plan = cursor.execute("EXPLAIN ANALYZE SELECT count(*), sum(value) FROM observations "
                              "WHERE reporting_unit = $unit AND year IN ($results_year, $targets_year)",
                              scope.params()).fetchall()[0][1]
    finally:
        cursor.close()
    groups = re.search(r"Row Groups Scanned:\s*([\d,]+)\s*/\s*([\d,]+)", plan)
    read = re.search(r"Data Read:\s*([\d.,]+\s*\w+)", plan)
    return {"row_groups_scanned": groups.group(1) if groups else "?", "row_groups": groups.group(2) if groups else "?",
            "data_read": read.group(1) if read else "?"}


# --- (e) the naive way ------------------------------------------------------------------------------


def measure_naive(snapshot, scope: list, indicator_id: str, duck: dict) -> dict:
    """pandas loads the whole observations.parquet (timed once: every naive question starts with
    the same load) and filters it for each question; ratio = naive / DuckDB (first ask)."""
    import numpy as np
    import pandas as pd

    unit, results_year, targets_year = scope
    load_s, obs = timed(pd.read_parquet, snapshot.file("observations"))
    catalogue = pd.read_parquet(snapshot.file("indicators"))
    reports = pd.read_parquet(snapshot.file("reports"))

    def per_indicator(frame: pd.DataFrame) -> pd.DataFrame:
        results = frame[frame["year"] == results_year]
        wide = results.pivot_table(index="indicator_id", columns="kind", values="value", aggfunc="max")
        nxt = frame[(frame["year"] == targets_year) & (frame["kind"] == "target")].groupby("indicator_id")["value"].max()
        wide = wide.reindex(columns=["actual", "target", "pct_of_target", "yoy_change_pct", "total"])
        return wide.join(nxt.rename("next_target"), how="outer")

    def indicator_table() -> pd.DataFrame:
        mine = obs[obs["reporting_unit"] == unit]
        rows = catalogue.merge(per_indicator(mine), left_on="indicator_id", right_index=True)
        pct, direction = rows["pct_of_target"], rows["direction"]
        rows["status"] = np.select(
            [pct.isna().to_numpy(), (direction == "neutral").to_numpy(), (direction == "lower").to_numpy()],
            [np.where(rows["actual"].notna() & rows["target"].notna(), "judged", "no_target"), "not_rated",
             np.where(pct < 99.995, "exceeded", np.where(pct <= 100.005, "met", "not_met"))],
            default=np.where(pct > 100.005, "exceeded", np.where(pct >= 99.995, "met", "not_met")))
        return rows[rows["domain"] == "economy"].sort_values("sort_order")

    def across_reporting_units() -> pd.DataFrame:
        mine = obs[(obs["indicator_id"] == indicator_id) & (obs["year"] == results_year)]
        wide = mine.pivot_table(index="reporting_unit", columns="kind", values="value", aggfunc="max")
        names = reports.drop_duplicates("reporting_unit")[["reporting_unit", "reporting_unit_name_vi", "reporting_unit_name_en"]]
        return wide.reset_index().merge(names, on="reporting_unit")

    def indicator_observations() -> pd.DataFrame:
        return obs[(obs["reporting_unit"] == unit) & (obs["indicator_id"] == indicator_id)].sort_values(["year", "kind"])

    def observations_in_view() -> pd.DataFrame:
        ids = indicator_table()["indicator_id"]
        mine = obs[(obs["reporting_unit"] == unit) & obs["indicator_id"].isin(ids)]
        return mine.sort_values(["indicator_id", "year", "kind"])

    out = {"load_s": load_s, "rows": len(obs), "questions": {}}
    for name, call in {"indicator_table": indicator_table, "indicator_across_reporting_units": across_reporting_units,
                       "indicator_observations": indicator_observations,
                       "observations_in_view": observations_in_view}.items():
        filter_s = timed(call)[0]
        naive_ms = (load_s + filter_s) * 1000
        out["questions"][name] = {"naive_ms": naive_ms, "filter_ms": filter_s * 1000,
                                  "ratio": naive_ms / max(duck["functions"][name]["cold_ms"], 1e-6)}
    obs = None  # free the loaded frame before the next measurement
    gc.collect()
    return out


# --- (b) page scripts under AppTest ------------------------------------------------------------------


def measure_pages(data_dir: Path, repeats: int) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["CHITIEU_DATA_DIR"] = str(data_dir)
    out = {}
    for page, (path, _) in PAGES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        if path:
            at.switch_page(path)
        cold, _ = timed(at.run)
        if at.exception:
            raise RuntimeError(f"{page} failed under AppTest: {at.exception}")
        warm = [timed(at.run)[0] for _ in range(repeats)]
        out[page] = {"cold_ms": cold * 1000, "warm_ms": median_ms(warm)}
        if page == "economy":
            out["economy_filter_change"] = {"server_ms": apptest_filter_changes(at)}
    return out


def apptest_filter_changes(at) -> float:
    chosen: list[str] = []
    samples = []
    for sign, status in FILTER_STEPS:
        chosen = chosen + [status] if sign == "+" else [s for s in chosen if s != status]
        widget = next(m for m in at.pills if "w_statuses" in (m.key or ""))
        samples.append(timed(widget.set_value(list(chosen)).run)[0])
    return median_ms(samples)


# --- (c, d) the browser --------------------------------------------------------------------------------


@contextlib.contextmanager
def server(script: str, data_dir: Path | None, home: Path):
    """`streamlit run <script>` with the data folder set; yields (url, pid)."""
    extra = {"CHITIEU_DATA_DIR": str(data_dir)} if data_dir is not None else {}
    with streamlit_server(home, extra, script=script) as running:
        yield running["url"], running["pid"]


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (OSError, AttributeError):
            continue
    return total


class RssSampler(threading.Thread):
    def __init__(self, pid: int, every_s: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every_s, self.peak, self.samples = pid, every_s, 0, []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            rss = tree_rss_bytes(self.pid)
            self.peak = max(self.peak, rss)
            self.samples.append(rss)
            time.sleep(self.every_s)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def open_page(browser, url: str, expect_chart: bool = True) -> float:
    """A fresh session (new context): navigation until every chart is drawn and the run is over."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        if expect_chart:
            page.wait_for_selector(CHART, timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        if expect_chart:
            page.wait_for_function(EVERY_CHART_DRAWN, polling="raf", timeout=WAIT_MS)
        return time.perf_counter() - start
    finally:
        context.close()


def measure_opens(browser, bare_url: str, url: str, repeats: int) -> dict:
    """The bare page and the app's page opened in turns, `repeats` pairs: medians of each, and the
    median of each pair's ratio. A pair is taken within seconds, so a machine that slows down or
    speeds up over minutes weighs on both of its opens alike."""
    for first in (bare_url, url):
        open_page(browser, first)  # the server's first run of a page (imports, caches) is not a reader's
    bare, app = [], []
    for _ in range(repeats):
        bare.append(open_page(browser, bare_url))
        app.append(open_page(browser, url))
    return {"bare_ms": median_ms(bare), "app_ms": median_ms(app),
            "ratio": statistics.median(a / b for a, b in zip(app, bare)),
            "ratios": [round(a / b, 2) for a, b in zip(app, bare)]}


def measure_filter_changes(browser, url: str) -> dict:
    """On a domain page: tap statuses on one by one, then off again, and time each tap until the
    rerun it causes is over and every chart is drawn, both moments taken in the page."""
    from lib.words import labels
    from lib.words.words import VIETNAMESE

    label = VIETNAMESE.text("filter_status")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(CHART, timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        pills = page.locator('[data-testid="stButtonGroup"]').filter(has_text=label)
        samples, redrawn = [], 0
        for _, status in FILTER_STEPS:
            pill = pills.get_by_role("button", name=VIETNAMESE.label(labels.STATUSES, status), exact=True)
            page.wait_for_timeout(400)
            before = page.evaluate(CHART_SIGNATURE)
            page.evaluate(WATCH_RUN)
            pill.click()
            page.wait_for_function(RUN_DONE, timeout=WAIT_MS)
            samples.append(page.evaluate(TAP_TO_DONE_MS) / 1000)
            redrawn += page.evaluate(CHART_SIGNATURE) != before
        return {"median_ms": median_ms(samples), "samples_ms": [round(s * 1000) for s in samples],
                "charts_changed": f"{redrawn}/{len(samples)}"}
    finally:
        context.close()


def measure_sessions(browser, base: str, pid: int, units: list[str]) -> dict:
    """20 sessions at once, over every page and several reporting units; RSS sampled throughout."""
    urls = []
    for index in range(SESSIONS):
        _, path = list(PAGES.values())[index % len(PAGES)]
        unit = units[index % len(units)]
        urls.append((f"{base}{path}?unit={unit}", path in ("/", "/kinh_te", "/van_hoa_xa_hoi")))
    before = tree_rss_bytes(pid)
    sampler = RssSampler(pid)
    sampler.start()
    contexts, start = [], time.perf_counter()
    try:
        for url, _ in urls:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
            page = context.new_page()
            page.goto(url, wait_until="commit")
            contexts.append((context, page))
        for (_context, page), (_, charts) in zip(contexts, urls):
            page.wait_for_selector("h1", timeout=WAIT_MS * 3)  # every page has a title: its script ran
            if charts:
                page.wait_for_selector(CHART, timeout=WAIT_MS * 3)
            page.wait_for_selector(IDLE, timeout=WAIT_MS * 3)
        loaded_s = time.perf_counter() - start
        time.sleep(3)  # settled, all 20 sessions still open
        after = tree_rss_bytes(pid)
    finally:
        sampler.stop()
        for context, _ in contexts:
            context.close()
    return {"sessions": SESSIONS, "before_mb": before / 1e6, "peak_mb": sampler.peak / 1e6, "after_mb": after / 1e6,
            "all_loaded_s": loaded_s}


def measure_browser(seed_dir: Path, big_dir: Path, units: list[str], repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("Debian's chromium is needed: `make chromium`")
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="chitieu-bench-") as temp, sync_playwright() as playwright:
        home = Path(temp)
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                             env={**os.environ, "HOME": str(home / "chromium"),
                                                  "XDG_CONFIG_HOME": str(home / "chromium/.config"),
                                                  "XDG_CACHE_HOME": str(home / "chromium/.cache"), "TMPDIR": temp})
        try:
            with server("bench/bare_app.py", None, home / "bare") as (bare_url, _):
                for size, data_dir in (("seed", seed_dir), ("12M", big_dir)):
                    log(f"browser: app at {size}, in turns with the bare page")
                    with server("app.py", data_dir, home / size) as (url, pid):
                        # The bare page at the same address as each page it is compared with:
                        # Streamlit's own start-up differs by address (on a sub-path it first looks
                        # for its server under that path, ~0,1 s).
                        opens = {path: measure_opens(browser, bare_url + path, url + path, repeats) for path in OPENED}
                        out[size] = {"bare_open_ms": {path: measured["bare_ms"] for path, measured in opens.items()},
                                     "open_ms": {path: measured["app_ms"] for path, measured in opens.items()},
                                     "open_ratio": {path: measured["ratio"] for path, measured in opens.items()},
                                     "open_ratios": {path: measured["ratios"] for path, measured in opens.items()},
                                     "filter_change": measure_filter_changes(browser, url + "/kinh_te")}
                        if size == "12M":
                            log(f"browser: {SESSIONS} sessions at {size}")
                            out[size]["memory"] = measure_sessions(browser, url, pid, units)
        finally:
            browser.close()
    return out


# --- the report ---------------------------------------------------------------------------------------


def machine() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import duckdb
    import streamlit

    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit + (" (with uncommitted changes)" if dirty else ""), "cores": os.cpu_count(), "cpu": cpu,
            "python": platform.python_version(), "streamlit": streamlit.__version__, "duckdb": duckdb.__version__}


def dataset(snapshot) -> dict:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(snapshot.file("observations")).metadata
    return {"snapshot": snapshot.snapshot_id, "observations": meta.num_rows, "row_groups": meta.num_row_groups,
            "reports": snapshot.manifest["row_counts"].get("reports"),
            "indicators": snapshot.manifest["row_counts"].get("indicators"),
            "mb": sum(snapshot.file(t).stat().st_size for t in ("observations", "indicators", "reports",
                                                               "results_by_indicator")) / 1e6}


def budgets(results: dict) -> list[tuple[str, str, str, bool]]:
    """(budget, limit, measured, passed) for every budget the run could measure."""
    rows = []
    for size, (page_ms, filter_ms) in BUDGETS_MS.items():
        pages = results.get("pages", {}).get(size)
        if pages:
            for page in PAGES:
                measured = pages[page]["warm_ms"]
                rows.append((f"{size}: page script `{page}` (median, warm)", f"≤ {page_ms} ms", f"{measured:.0f} ms",
                             measured <= page_ms))
        browser = results.get("browser", {}).get(size)
        if browser:
            measured = browser["filter_change"]["median_ms"]
            rows.append((f"{size}: filter change → charts updated (browser, median)", f"≤ {filter_ms} ms",
                         f"{measured:.0f} ms", measured <= filter_ms))
            for path, measured in browser["open_ms"].items():
                bare, ratio = browser["bare_open_ms"][path], browser["open_ratio"][path]
                rows.append((f"{size}: open `{path}` → charts visible vs bare page at `{path}`", f"≤ {OPEN_RATIO}× bare",
                             f"{ratio:.2f}× ({measured:.0f} ms, bare {bare:.0f} ms)", ratio <= OPEN_RATIO))
    memory = results.get("browser", {}).get("12M", {}).get("memory")
    if memory:
        rows.append((f"12M: server memory with {memory['sessions']} sessions (peak RSS)", f"≤ {MEMORY_MB} MB",
                     f"{memory['peak_mb']:.0f} MB", memory["peak_mb"] <= MEMORY_MB))
    return rows


def markdown(results: dict) -> str:
    m, sizes = results["machine"], [s for s in ("seed", "12M") if s in results["datasets"]]
    lines = [f"Run of {m['date']} on commit `{m['commit']}`: {m['cores']} cores ({m['cpu']}), Python {m['python']}, "
             f"Streamlit {m['streamlit']}, DuckDB {m['duckdb']}. Load average (1 min) at start "
             f"{results['load'][0]:.2f}, at end {results['load'][1]:.2f} — other work shares the machine, so "
             f"every figure is a median. Whole run: {results['total_s'] / 60:.1f} min.", ""]
    lines += ["| data | snapshot | observations | row groups | reports | indicators | files |",
              "|---|---|--:|--:|--:|--:|--:|"]
    for size in sizes:
        d = results["datasets"][size]
        lines.append(f"| {size} | `{d['snapshot']}` | {d['observations']:,} | {d['row_groups']} | {d['reports']:,} | "
                     f"{d['indicators']} | {d['mb']:.1f} MB |")
    lines += ["", "### Budgets", "", "| budget | limit | measured | |", "|---|---|---|---|"]
    for name, limit, measured, passed in budgets(results):
        lines.append(f"| {name} | {limit} | {measured} | {'PASS' if passed else '**FAIL**'} |")
    if "queries" in results:
        lines += ["", "### (a) Queries through `lib.data.db.Database` (ms, median; first ask of a scope / asked again)", ""]
        naive = results.get("naive", {}).get("12M", {}).get("questions", {})
        head = "| function | " + " | ".join(f"{s} first | {s} again" for s in sizes) + " | naive pandas 12M | naive ÷ DuckDB |"
        lines += [head, "|---|" + "--:|--:|" * len(sizes) + "--:|--:|"]
        for name in results["queries"][sizes[0]]["functions"]:
            cells = []
            for size in sizes:
                f = results["queries"][size]["functions"][name]
                cells += [f"{f['cold_ms']:.1f}", f"{f['warm_ms']:.1f}"]
            n = naive.get(name)
            cells += [f"{n['naive_ms']:,.0f}" if n else "", f"{n['ratio']:,.0f}×" if n else ""]
            lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
        if naive:
            load_s = results["naive"]["12M"]["load_s"]
            lines += ["", f"Naive: `pandas.read_parquet` of the whole observations.parquet ({load_s:.1f} s, once; every "
                          "naive question starts with it) plus filtering in pandas; the ratio is against DuckDB's first ask."]
        for size in sizes:
            p = results["queries"][size]["pushdown"]
            lines.append(f"- Pushdown at {size}: one unit's question scans {p['row_groups_scanned']} of "
                         f"{p['row_groups']} row groups ({p['data_read']} read).")
    if "pages" in results:
        lines += ["", "### (b) Page scripts under AppTest (ms; cold = first run in the process, warm = median)", "",
                  "| page | " + " | ".join(f"{s} cold | {s} warm" for s in sizes) + " |",
                  "|---|" + "--:|--:|" * len(sizes)]
        for page in PAGES:
            cells = []
            for size in sizes:
                p = results["pages"][size][page]
                cells += [f"{p['cold_ms']:.0f}", f"{p['warm_ms']:.0f}"]
            lines.append(f"| {page} | " + " | ".join(cells) + " |")
        lines.append("| economy: filter change (server only, median of 7) | " + " | ".join(
            f"| {results['pages'][s]['economy_filter_change']['server_ms']:.0f}" for s in sizes) + " |")
    if "browser" in results:
        b = results["browser"]
        lines += ["", "### (c) Headless Chromium against `streamlit run` (ms, median)", "",
                  "Bare = a Streamlit page with one Altair chart, opened in turns with the app's page (the same "
                  "bare page at both addresses; Streamlit's start-up looks for its server under a sub-path first). "
                  "Open = a new session: navigation until every chart is drawn and the run is over; the ratio is the "
                  "median of each pair's (app ÷ the bare page opened just before it). Filter change = "
                  "on /kinh_te, statuses tapped on one by one in the pills, then off again (7 "
                  "changes) until the rerun is over and every chart is drawn.", "",
                  "| data | page | open (bare) | ratio | each pair's ratio |", "|---|---|--:|--:|---|"]
        for size in sizes:
            s = b[size]
            for path in OPENED:
                lines.append(f"| {size} | `{path}` | {s['open_ms'][path]:.0f} ({s['bare_open_ms'][path]:.0f}) | "
                             f"{s['open_ratio'][path]:.2f}× | {', '.join(f'{r:.2f}' for r in s['open_ratios'][path])} |")
        lines += ["", "| data | filter change → charts updated | samples | charts changed |", "|---|--:|---|--:|"]
        for size in sizes:
            change = b[size]["filter_change"]
            lines.append(f"| {size} | {change['median_ms']:.0f} | {change['samples_ms']} | {change['charts_changed']} |")
        memory = b.get("12M", {}).get("memory")
        if memory:
            lines += ["", "### (d) Server memory at 12M", "",
                      f"{memory['sessions']} browser sessions at once over every page and several units: RSS of the "
                      f"streamlit process tree {memory['before_mb']:.0f} MB before, **{memory['peak_mb']:.0f} MB peak**, "
                      f"{memory['after_mb']:.0f} MB with all open; all loaded in {memory['all_loaded_s']:.1f} s."]
    return "\n".join(lines) + "\n"


def write_doc(text: str) -> None:
    block = f"{BEGIN}\n{text}{END}"
    if DOC.exists() and BEGIN in DOC.read_text(encoding="utf-8"):
        current = DOC.read_text(encoding="utf-8")
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1] if END in rest else ""
        DOC.write_text(head + block + tail, encoding="utf-8")
    else:
        DOC.write_text("# Benchmark\n\nWritten by `make bench` (bench/run.py).\n\n" + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the explorer at seed size and ~12 M observations.")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--browser-repeats", type=int, default=11, help="pairs of opens (bare, app) per page")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/benchmark.md alone")
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=300)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    started = time.perf_counter()
    load_start = os.getloadavg()[0]

    from bench import synthetic
    from lib.data.snapshot import latest_snapshot

    seed_dir = ROOT / "data"
    seed = latest_snapshot(seed_dir / "snapshots")
    if seed is None:
        log("no valid committed snapshot: building one (python -m lib.pipeline.build)")
        subprocess.run([sys.executable, "-m", "lib.pipeline.build"], cwd=ROOT, check=True)
        seed = latest_snapshot(seed_dir / "snapshots")
    big_dir = BENCH_DATA / f"synthetic-{args.units}u-{args.years}y-{args.indicators}i"
    log(f"synthetic snapshot in {big_dir.relative_to(ROOT)}")
    big = latest_snapshot(synthetic.ensure(big_dir, args.units, args.years, args.indicators).parent)
    snapshots = {"seed": (seed_dir, seed), "12M": (big_dir, big)}

    results: dict = {"machine": machine(), "datasets": {k: dataset(s) for k, (_, s) in snapshots.items()},
                     "queries": {}, "pages": {}}
    for size, (_, snapshot) in snapshots.items():
        log(f"queries at {size}")
        results["queries"][size] = measure_queries(snapshot, args.repeats)
    for size, (data_dir, _) in snapshots.items():
        log(f"page scripts at {size}")
        results["pages"][size] = measure_pages(data_dir, args.repeats)
    if not args.no_browser:
        import pyarrow.parquet as pq

        units = sorted(set(pq.read_table(big.file("reports"), columns=["reporting_unit"]).column(0).to_pylist()))
        results["browser"] = measure_browser(seed_dir, big_dir, units[:: max(1, len(units) // 10)][:10], args.browser_repeats)
    if not args.no_naive:
        results["naive"] = {}
        for size, (_, snapshot) in snapshots.items():
            log(f"naive pandas at {size}")
            duck = results["queries"][size]
            results["naive"][size] = measure_naive(snapshot, duck["scope"], duck["indicator_id"], duck)
    results["load"] = (load_start, os.getloadavg()[0])
    results["total_s"] = time.perf_counter() - started

    text = markdown(results)
    print(text)
    verdicts = budgets(results)
    for name, limit, measured, passed in verdicts:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {measured} ({limit})")
    if not args.no_write:
        write_doc(text)
        (BENCH_DATA / "last-run.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
        log(f"written to {DOC.relative_to(ROOT)} and bench-data/last-run.json")
    return 0 if all(passed for *_, passed in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
