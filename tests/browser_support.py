"""The real-browser helpers, shared with the benchmark (bench/serving.py)."""
from bench.serving import (  # noqa: F401
                           APP_IDLE,
                           CHART,
                           CHROMIUM,
                           CHROMIUM_ARGS,
                           REPO,
                           WAIT_MS,
                           free_port,
                           healthy,
                           streamlit_server,
                           wait_idle,
)
