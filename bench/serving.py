"""What every real-browser run needs, tests and benchmark alike: a freshly started Streamlit server
and Debian's Chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WAIT_MS = 30_000
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stVegaLiteChart"] svg'
MAIN_ELEMENT = '[data-testid="stMain"] [data-testid="stElementContainer"]'
# Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM = shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def copy_data(folder: Path) -> Path:
    """A copy of data/ (curated, raw, snapshots) at `folder`: what a server, a publish or a benchmark
    reads and writes instead of the shipped data."""
    for part in ("curated", "raw", "snapshots"):
        shutil.copytree(REPO / "data" / part, folder / part)
    return folder


@contextmanager
def streamlit_server(home: Path, env_extra: dict[str, str] | None = None, timeout_s: float = 90,
                     script: str = "app.py"):
    """`streamlit run <script>` on a free port with HOME, XDG and TMPDIR in `home`; yields
    {"url", "log", "pid"} once healthy and stops the server afterwards."""
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(home)}
    env.pop("CHITIEU_DATA_DIR", None)
    env.update(env_extra or {})
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = home / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(REPO / ".venv/bin/streamlit"), "run", script, "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout_s
            while not healthy(url):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {process.returncode}: {log_path.read_text()[-2000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit not healthy after {timeout_s} s: {log_path.read_text()[-2000:]}")
                time.sleep(0.25)
            yield {"url": url, "log": log_path, "pid": process.pid}
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def wait_idle(page) -> None:
    """Wait until the current script run has finished (a rerun may start just after an action)."""
    page.wait_for_timeout(300)
    page.wait_for_selector(APP_IDLE, timeout=WAIT_MS)
    # A page still connecting has drawn nothing yet; every page draws at least one element.
    page.wait_for_selector(MAIN_ELEMENT, timeout=WAIT_MS)
