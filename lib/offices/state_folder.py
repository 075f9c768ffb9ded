"""Where the server keeps its own state (accounts, drafts, the trail, wrong sign-in attempts):
CHITIEU_STATE_DIR, or .run/ beside data/. Never committed (.gitignore)."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STATE_DIR = Path(__file__).resolve().parents[2] / ".run"


def state_dir() -> Path:
    return Path(os.environ.get("CHITIEU_STATE_DIR") or DEFAULT_STATE_DIR)
