"""Long work of a page (reading a long report) done in a worker process: the page's thread waits
without holding the interpreter, so every other reader's page runs at full speed meanwhile."""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
# One worker: the other core stays with the readers; a second staff member's report waits its turn.
WORKERS = 1


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:  # "spawn": forking a server that runs threads can copy a held lock
            _pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def run(function, *args, **kwargs):
    """`function(*args, **kwargs)` in the worker process; a worker that died is replaced once."""
    global _pool
    try:
        return _executor().submit(function, *args, **kwargs).result()
    except BrokenProcessPool:
        with _lock:
            _pool = None
        return _executor().submit(function, *args, **kwargs).result()
