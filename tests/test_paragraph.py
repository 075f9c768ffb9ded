"""The year in a paragraph (lib/render/paragraph.py): every figure in it is a count of the data or the text
of one indicator's reading, in both languages, for the district and for a second unit and year
published through the staff path; the overview, the first slide and the brief open with it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_publish import META, reviewed_draft

from bench.serving import copy_data
from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.export import brief, deck
from lib.judgement import reading
from lib.pipeline import publish
from lib.render import paragraph
from lib.view.filters import Filters
from lib.words.words import Words

APP = str(Path(__file__).resolve().parent.parent / "app.py")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def second_unit(tmp_path_factory):
    """Another district's report of another year, published the way the staff page publishes it."""
    folder = tmp_path_factory.mktemp("second") / "data"
    copy_data(folder)
    publish.publish(folder, reviewed_draft(folder))
    return Database(latest_snapshot(folder / "snapshots")), Scope(META["reporting_unit"], META["results_year"],
                                                                   META["targets_year"])


def disagreements(db: Database, scope: Scope, view: Filters, lang: str) -> list:
    """Every figure of the paragraph that is not what the data says, and any number in its own words."""
    rows = queries.indicator_table(db, scope, view)
    counts = queries.status_counts(db, scope, view)
    pieces = paragraph.year_paragraph(rows, counts, Words.of(lang), scope.results_year, scope.targets_year, "X")
    readings = {r.indicator_id: r for r in reading.read_all(rows, Words.of(lang))}
    expected = {"actual": lambda r: r.actual, "share": lambda r: f"({r.share_figure})", "next_target": lambda r: r.next_target}
    wrong = []
    for piece in pieces:
        if piece.source == "count":
            number = str(sum(counts.get(s, 0) for s in piece.statuses))
            if piece.text != number:
                wrong.append((piece, number))
        elif piece.source:
            right = expected[piece.source](readings[piece.indicator_id])
            if piece.text != right:
                wrong.append((piece, right))
        elif piece.indicator_id is None:
            words = piece.text.replace(str(scope.results_year), "").replace(str(scope.targets_year), "")
            if re.search(r"\d", words):
                wrong.append((piece, "a number in the paragraph's own words"))
    short = {p.indicator_id for p in pieces if p.source == "share"}
    if short != set(rows.loc[rows["status"] == "not_met", "indicator_id"]):
        wrong.append(("the indicators short of the plan", short))
    return wrong


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", [Filters(), Filters(domain="economy"), Filters(domain="culture_society"),
                                  Filters(domain="security_order")])
def test_every_figure_is_the_data(built_snapshot, scope, lang, view):
    assert disagreements(built_snapshot, scope, view, lang) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_is_the_data_for_another_unit_and_year(second_unit, lang):
    db, scope = second_unit
    pieces = paragraph.year_paragraph(queries.indicator_table(db, scope), queries.status_counts(db, scope), Words.of(lang),
                                      scope.results_year, scope.targets_year, "X")
    assert any(p.source for p in pieces), "the second report has figures to tell"
    assert str(scope.results_year) in paragraph.as_text(pieces)
    assert disagreements(db, scope, Filters(), lang) == []


def test_the_check_can_fail(built_snapshot, scope):
    rows = queries.indicator_table(built_snapshot, scope)
    counts = queries.status_counts(built_snapshot, scope)
    counts = {**counts, "not_met": counts["not_met"] + 1}
    pieces = paragraph.year_paragraph(rows, counts, Words.of("vi"), 2022, 2023, "X")
    real = queries.status_counts(built_snapshot, scope)
    assert [p for p in pieces if p.source == "count" and p.text != str(sum(real.get(s, 0) for s in p.statuses))]


def test_a_domain_without_plans_says_so(built_snapshot, scope):
    view = Filters(domain="security_order")
    pieces = paragraph.year_paragraph(queries.indicator_table(built_snapshot, scope, view),
                                      queries.status_counts(built_snapshot, scope, view), Words.of("vi"), 2022, 2023, "khối An ninh")
    assert paragraph.as_text(pieces) == "Năm 2022, khối An ninh không có chỉ tiêu nào có kế hoạch."


def test_the_overview_the_first_slide_and_the_brief_open_with_it(built_snapshot, scope):
    expected = paragraph.as_text(paragraph.year_paragraph(
        queries.indicator_table(built_snapshot, scope), queries.status_counts(built_snapshot, scope), Words.of("vi"), 2022, 2023,
        "Huyện Tiểu Cần"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    bodies = [h.proto.body for h in at.get("html")]
    [shown] = [b for b in bodies if b.startswith("<p class='ct-paragraph'>")]
    assert re.sub(r"<[^>]+>", "", shown).replace("&#x27;", "'") == expected
    assert "chi_tieu?id=rice_output" in shown, "each name opens its indicator"
    first = deck.make_slides(built_snapshot, scope, Words.of("vi"), "Huyện Tiểu Cần")[0]
    assert re.sub(r"<[^>]+>", "", first.body) == expected
    document = brief.meeting_brief_html(built_snapshot, scope, Filters(), Words.of("vi"))
    assert expected in re.sub(r"<[^>]+>", "", document)
    assert "href='#ind-rice_output'" in document and 'id="ind-rice_output"' in document
