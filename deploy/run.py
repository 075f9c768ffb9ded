"""`make run`: one Streamlit process on http://localhost:PORT, warmed before it says it is ready.

    python -m deploy.run [--port 8501]

Starts `streamlit run app.py`, waits for /_stcore/health, opens every page once (deploy/warm.py),
then prints the address; opens them again each time a new snapshot is published. Ctrl-C or SIGTERM
stops Streamlit too; its exit code is this one's.
Streamlit's own "You can now view…" lines are left out: the address is printed once it is warm.
"""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import threading
import time

from deploy import warm
from deploy.preview import data_dir
from deploy.serve import REPO, answers

HEALTH_TIMEOUT_S = 120
STREAMLIT_BANNER = ("You can now view", "URL: http", "Local URL:", "Network URL:", "External URL:")


def _relay(stream, out) -> None:
    """Streamlit's output passed on, less its own start-up banner (and the blank lines around it)."""
    for line in stream:
        if line.strip() and not any(mark in line for mark in STREAMLIT_BANNER):
            out.write(line)
            out.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501)
    args = parser.parse_args(argv)
    url = f"http://127.0.0.1:{args.port}"
    process = subprocess.Popen([str(REPO / ".venv/bin/streamlit"), "run", "app.py", "--server.port", str(args.port)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                               start_new_session=True)  # a Ctrl-C reaches it once, through `stop`
    threading.Thread(target=_relay, args=(process.stdout, sys.stdout), daemon=True).start()

    def stop(signum, _frame) -> None:
        if process.poll() is None:
            process.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while process.poll() is None and not answers(url, "/_stcore/health"):
        if time.monotonic() > deadline:
            print(f"Streamlit did not answer on {url} within {HEALTH_TIMEOUT_S} s; stopping it.", file=sys.stderr)
            process.terminate()
            break
        time.sleep(0.2)
    if process.poll() is None:
        print("Opening every page once before the first reader…", flush=True)
        seen = warm.shown_snapshot(data_dir())
        warm.warm([url])
        warm.keep_warm([url], data_dir(), seen)
    if process.poll() is None:
        print(f"Chỉ tiêu is ready: http://localhost:{args.port}/ (Ctrl-C stops)", flush=True)
    return process.wait()


if __name__ == "__main__":
    sys.exit(main())
