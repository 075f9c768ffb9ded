"""Shared fixtures of the dataset-layer tests, and the browser tests' server and browser.

The real data folder is only ever read. Tests that break data work on a copy in a tmp folder
(`fixture_data`); the query tests share one snapshot of the real curated data, built once per session
into a tmp folder (`built_snapshot`), so the committed snapshots are never touched.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Under test a missing word fails (the pages, AppTest and the servers the browser tests start all
# inherit this); a reader's server shows "–" and logs it rather than stop the page.
os.environ["CHITIEU_STRICT_WORDS"] = "1"

import pytest

# Wrong staff passwords are counted in a file shared by processes: the tests' own, not the server's.
os.environ.setdefault("CHITIEU_STATE_DIR", tempfile.mkdtemp(prefix="chitieu-state-"))

from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.pipeline.build import build

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"


def copy_sources(source: Path, target: Path) -> Path:
    """Copy curated/ and raw/ of the data folder `source` into `target` (no snapshots)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "curated", target / "curated")
    shutil.copytree(source / "raw", target / "raw")
    return target


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real data folder. Read it, never write it."""
    return DATA_DIR


@pytest.fixture
def fixture_data(tmp_path, data_dir):
    """Factory: a fresh copy of the real curated + raw data in a tmp data folder, to break at will.

        data = fixture_data()          # tmp_path/data-1 with curated/ and raw/, no snapshots/
    """
    made = []

    def make() -> Path:
        target = tmp_path / f"data-{len(made) + 1}"
        made.append(target)
        return copy_sources(data_dir, target)

    return make


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory, data_dir) -> Path:
    """A tmp data folder holding one snapshot built from the real curated data."""
    target = copy_sources(data_dir, tmp_path_factory.mktemp("built") / "data")
    build(target)
    return target


@pytest.fixture(scope="session")
def built_snapshot(built_data_dir) -> Database:
    """A Database over a snapshot of the real curated data, built once per session."""
    snapshot = latest_snapshot(built_data_dir / "snapshots")
    assert snapshot is not None, "the session build wrote no readable snapshot"
    return Database(snapshot)


@pytest.fixture(scope="session")
def scope() -> Scope:
    return Scope("tieu-can", 2022, 2023)


# The browser tests' module-wide server and browser (tests/browser_support.py has the helpers).
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A freshly started Streamlit server for one test module; no page has been requested from it yet."""
    from browser_support import streamlit_server

    try:
        with streamlit_server(tmp_path_factory.mktemp("streamlit")) as running:
            yield running
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, one for a test module."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
