"""A helper process of `make serve` kept alive: when it exits, it is started again after a back-off
that grows with each failure in a row (0,5 s up to 30 s) and falls back once it has run a while;
each exit and restart is logged (to `make serve`'s output and to the process's own log).

Used for the link preview server (deploy/preview.py): without it nginx gives chat apps the static
light page and browsers no first paint, so its death must not last.
"""
from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
HEALTHY_AFTER_S = 60.0  # a process that ran this long starts the back-off again from its first step
POLL_S = 0.25
log = logging.getLogger("chitieu.serve")


class Supervised:
    """`start()` run once now and again whenever its process exits, until `stop()`."""

    def __init__(self, start: Callable[[], subprocess.Popen], name: str, log_file: Path | None = None):
        self._start, self.name, self.log_file = start, name, log_file
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.process = start()
        self.started_at = time.monotonic()
        self.restarts = 0

    def watch(self) -> Supervised:
        """Start watching (once the first process answers: a process that cannot start is an error)."""
        self._thread = threading.Thread(target=self._watch, name=f"supervise {self.name}", daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        failures = 0
        while not self._stopping.wait(POLL_S):
            code = self.process.poll()
            if code is None:
                continue
            if time.monotonic() - self.started_at >= HEALTHY_AFTER_S:
                failures = 0
            delay = BACKOFF_S[min(failures, len(BACKOFF_S) - 1)]
            self._note(f"{self.name} exited with {code}; starting it again in {delay:g} s")
            if self._stopping.wait(delay):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self.process = self._start()
                self.started_at = time.monotonic()
                self.restarts += 1
            failures += 1
            self._note(f"{self.name} started again (restart {self.restarts}, pid {self.process.pid})")

    def _note(self, message: str) -> None:
        log.warning(message)
        if self.log_file is not None:
            with self.log_file.open("a", encoding="utf-8") as out:
                out.write(f"[{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC] supervisor: {message}\n")

    def stop(self, stop_process: Callable[[subprocess.Popen], object] | None = None) -> None:
        """No more restarts; the current process stopped with `stop_process` (killed by default)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            if stop_process is not None:
                stop_process(self.process)
            elif self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)

    # The current process's own controls, so a caller may treat this as the process.
    def poll(self) -> int | None:
        return self.process.poll()

    def kill(self) -> None:
        self.process.kill()

    @property
    def pid(self) -> int:
        return self.process.pid
