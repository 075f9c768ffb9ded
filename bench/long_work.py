"""A long report read while leaders filter: how much a staff member's extraction slows other readers,
with the extraction in the page's own process (as before) and in the worker process (lib/web/background).

    python -m bench.long_work

A reader is a thread answering the domain page's questions over and over (the query layer, the
readings and a chart); its median time alone is compared with its median while a long report (the
seed report eight times over, about 2 400 numbers) is read beside it.
"""
from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

from lib.data import queries
from lib.data.db import Database
from lib.data.snapshot import latest_snapshot
from lib.export.light_page import home_scope
from lib.judgement import reading
from lib.pipeline import ingest
from lib.render import charts
from lib.view.filters import Filters
from lib.web import background
from lib.words.words import VIETNAMESE

REPO = Path(__file__).resolve().parent.parent


def _reader(db: Database, seconds: float) -> list[float]:
    """One reader's page answers, timed, for `seconds`."""
    scope, times, end = home_scope(db), [], time.monotonic() + seconds
    for statuses in ((), ("not_met",), ("exceeded", "met")):
        queries.indicator_table(db, scope, Filters(domain="economy", statuses=statuses))  # the cache is warm
    while time.monotonic() < end:
        started = time.perf_counter()
        rows = queries.indicator_table(db, scope, Filters(domain="economy"))
        reading.read_all(rows, VIETNAMESE)
        charts.attainment_chart(queries.attainment(db, scope, Filters(domain="economy")), VIETNAMESE).to_dict()
        times.append(time.perf_counter() - started)
    return times


def _beside(work, db: Database) -> tuple[float, float]:
    """(the reader's median in ms while `work` runs, the work's seconds)."""
    result: dict[str, float] = {}

    def timed_work():
        started = time.perf_counter()
        work()
        result["work"] = time.perf_counter() - started

    worker = threading.Thread(target=timed_work)
    worker.start()
    times = []
    while worker.is_alive():
        times += _reader(db, 0.5)
    worker.join()
    return statistics.median(times) * 1000, result["work"]


def main() -> int:
    db = Database(latest_snapshot(REPO / "data" / "snapshots"))
    report = (REPO / "data" / "raw" / "tieu-can-2022-report.txt").read_text(encoding="utf-8") * 8
    catalogue = ingest.load_catalogue(REPO / "data")
    background.run(len, "")  # the worker started before the measurement
    alone = statistics.median(_reader(db, 5)) * 1000
    inline_ms, inline_s = _beside(lambda: ingest.extract(report, catalogue), db)
    worker_ms, worker_s = _beside(lambda: background.run(ingest.extract, report, catalogue), db)
    print("| reader's page answer (median) | ms | × alone | the long report read in |")
    print("|---|---:|---:|---:|")
    print(f"| alone | {alone:.0f} | 1,0 | – |")
    print(f"| beside a long report read in the page's process | {inline_ms:.0f} | {inline_ms / alone:.1f}".replace(".", ",") + f" | {inline_s:.0f} s |")
    print(f"| beside a long report read in the worker process | {worker_ms:.0f} | {worker_ms / alone:.1f}".replace(".", ",") + f" | {worker_s:.0f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
