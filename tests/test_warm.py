"""A process warmed as `make run` and `make serve` warm it (deploy/warm.py): its first reader of the
overview and of the first slide waits about as long as the next one. A loose factor only: the speed
budgets live in the benchmark (docs/benchmark.md)."""
from __future__ import annotations

import asyncio
import io
import tempfile
from pathlib import Path

import pytest

from bench.serving import streamlit_server
from deploy import warm

# First open ≤ this × the second, or ≤ the second plus a second: unwarmed, the first open imports the
# app, reads the snapshot and builds every chart (or the whole deck) and takes many times longer.
LOOSE_FACTOR, LOOSE_SLACK_S = 3.0, 1.0


@pytest.fixture(scope="module")
def warmed():
    with tempfile.TemporaryDirectory(prefix="chitieu-warm-") as home, streamlit_server(Path(home)) as server:
        said = io.StringIO()
        done = warm.warm([server["url"]], out=said)
        yield {"url": server["url"], "done": done[server["url"]], "said": said.getvalue()}


def test_warming_opens_every_page_and_the_first_slide_without_error(warmed):
    opened = {(v["path"], v["query"]) for v in warmed["done"]}
    assert opened == set(warm.visits())
    assert ("", "present=1") in opened and ("kinh_te", "") in opened
    assert ("", "lang=en") in opened and ("", "present=1&lang=en") in opened and ("kinh_te", "lang=en") in opened
    assert all(v["problem"] is None and v["seconds"] > 0 for v in warmed["done"]), warmed["done"]
    assert warmed["said"].startswith(f"Warmed {warmed['url']}: {len(opened)} pages")


@pytest.mark.parametrize("query", ["", "present=1", "lang=en", "present=1&lang=en"],
                         ids=["overview", "first slide", "overview in English", "first slide in English"])
def test_the_first_open_after_warming_is_about_as_fast_as_the_second(warmed, query):
    first, second = (asyncio.run(warm.open_page(warmed["url"], "", query)) for _ in range(2))
    assert not first["exception"] and not second["exception"]
    if not query:
        assert first["first_chart"] is not None
    assert first["seconds"] <= max(LOOSE_FACTOR * second["seconds"], second["seconds"] + LOOSE_SLACK_S), \
        (first["seconds"], second["seconds"])
