"""What the review ticks as proposed passes the build (issue 15, item 4, on the passages of issue 19): on
every labelled passage set, the rows the extractor marks sure and names an indicator for are published
into a scratch copy of the data without a single problem; anything else is left unticked with a reason."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib.pipeline import ingest, publish
from lib.pipeline.ingest.evaluate import PASSAGES, load_passage_set
from lib.pipeline.ingest.periods import RESULTS, TARGETS

REPO = Path(__file__).resolve().parent.parent
SETS = sorted(p.stem for p in PASSAGES.glob("*.csv"))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publishable") / "data"
    for part in ("curated", "raw"):
        shutil.copytree(REPO / "data" / part, folder / part)
    (folder / "snapshots").mkdir()
    return folder


@pytest.mark.parametrize("name", SETS)
def test_sure_proposals_pass_the_check(name, data):
    text, _ = load_passage_set(PASSAGES / f"{name}.csv")
    periods = ingest.find_periods(text)
    results = next(p.year for p in periods if p.mode == RESULTS and p.year)
    targets = next((p.year for p in periods if p.mode == TARGETS), results + 1)
    candidates = ingest.extract(text, ingest.load_catalogue(data))
    candidates.insert(0, "accept", (candidates["indicator_id"] != "") & (candidates["confidence"] >= ingest.SURE))
    assert candidates["accept"].sum() >= 8  # enough sure rows for the publish below to mean something
    meta = {"report_id": f"{name}-{results}", "reporting_unit": name, "reporting_unit_name_vi": name, "reporting_unit_name_en": name,
            "results_year": results, "targets_year": targets}
    draft = publish.draft_from_review(text, f"{name}.txt", text.encode("utf-8"), meta, candidates,
                                      ingest.skipped_numbers(text))
    problems = publish.check(data, draft)
    assert problems == [], [f"{p.row}: {p.message}" for p in problems]
