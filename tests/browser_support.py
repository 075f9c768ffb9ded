"""The real-browser helpers, shared with the benchmark (bench/serving.py)."""
from bench.serving import (APP_IDLE, CHART, CHROMIUM, CHROMIUM_ARGS, REPO, WAIT_MS, free_port, healthy,  # noqa: F401
                           streamlit_server, wait_idle)
