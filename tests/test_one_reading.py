"""Every surface tells one story: for every indicator of the catalogue, in both languages, the page's
card or table row, each slide that shows it, the meeting brief and the workbook carry the same
status and the same comparison with next year's target — the words of its reading
(lib/judgement/reading.py), collected here from what each surface actually drew."""
from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest
from helpers import text
from openpyxl import load_workbook
from page_support import static_tables
from streamlit.testing.v1 import AppTest

from lib.data import queries
from lib.export import brief, deck, workbook
from lib.judgement import reading
from lib.view.filters import Filters
from lib.web.registry import PAGES
from lib.words.words import Words

APP = str(Path(__file__).resolve().parent.parent / "app.py")
LANGUAGES = ("vi", "en")


def _run(file: str | None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if file:
        at.switch_page(file)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def _said_in_html(body: str) -> dict[str, dict]:
    """What cards, judged lines and the brief's table rows say, by indicator."""
    said: dict[str, dict] = {}
    if "data-indicator" not in body:
        return said
    tree = lxml.html.fromstring(f"<div>{body}</div>")
    for node in tree.xpath("//*[@data-indicator]"):
        found = said.setdefault(node.get("data-indicator"), {})
        badge = node.xpath(".//span[contains(@class, 'ct-badge')]")
        if badge:
            found["status"] = next(c.removeprefix("ct-badge-") for c in badge[0].get("class").split()
                                   if c.startswith("ct-badge-"))
            if node.tag != "tbody":  # a table row's badge is its status cell, checked with the row
                found["status_words"] = badge[0].text_content()
        comparison = node.xpath(".//span[contains(@class, 'ct-comparison')]")
        if comparison:
            found["comparison"] = comparison[0].text_content()
        cells = node.xpath(".//tr[not(@class)]/td")
        if cells:  # a row of the brief's table: the page table's columns
            found["row"] = [td.text_content() for td in cells]
    return said


@pytest.fixture(scope="module")
def readings(built_snapshot, scope) -> dict[str, dict[str, reading.Reading]]:
    rows = queries.indicator_table(built_snapshot, scope)
    return {lang: {r.indicator_id: r for r in reading.read_all(rows, Words.of(lang))} for lang in LANGUAGES}


@pytest.fixture(scope="module")
def surfaces(built_snapshot, scope) -> dict[str, dict[str, list[tuple[str, dict]]]]:
    """lang → indicator → [(surface, what it said)], from every surface the app offers."""
    seen: dict[str, dict[str, list]] = {lang: defaultdict(list) for lang in LANGUAGES}
    for lang in LANGUAGES:
        query = {"lang": lang} if lang == "en" else {}
        headers = None
        # The domain pages' tables, and the overview's cards.
        for key, entry in PAGES.items():
            if entry.kind not in ("domain", "overview"):
                continue
            at = _run(None if entry.file == "app.py" else entry.file, **query)
            for body in _bodies(at):
                for indicator_id, said in _said_in_html(body).items():
                    seen[lang][indicator_id].append((f"page {key} card", said))
                for table in static_tables(body):
                    if text("col_against", lang, year=scope.results_year) not in table.columns:
                        continue
                    headers = list(table.columns)
                    for link, values in zip(table.attrs["links"], table.itertuples(index=False)):
                        indicator_id = link.split("id=")[1].split("&")[0]
                        seen[lang][indicator_id].append((f"page {key} table", {"row": list(values)}))
        assert headers is not None, "no indicator table on the domain pages"
        # Every slide: its cards, its judged lines, and the rows of its charts.
        for number, slide in enumerate(deck.make_slides(built_snapshot, scope, Words.of(lang), "Tiểu Cần"), 1):
            for indicator_id, said in _said_in_html(slide.body).items():
                seen[lang][indicator_id].append((f"slide {number}", said))
            for rows in slide.drawn:
                for row in rows.to_dict("records"):
                    said = {}
                    if "status" in row:
                        said["status_label"] = row["status"]
                    if "words" in row:
                        said["comparison"] = row["words"]
                    seen[lang][row["indicator_id"]].append((f"slide {number} chart", said))
        # The brief of the whole report.
        for indicator_id, said in _said_in_html(brief.meeting_brief_html(built_snapshot, scope, Filters(), Words.of(lang))).items():
            seen[lang][indicator_id].append(("brief", said))
        # The workbook of the whole report.
        book = load_workbook(io.BytesIO(workbook.workbook_for_view(built_snapshot, scope, Filters(), Words.of(lang))))
        columns = {c["key"]: c["header"] for c in workbook.columns(Words.of(lang), scope)}
        for sheet in book.worksheets[:-1]:
            names = [c.value for c in sheet[1]]
            for values in sheet.iter_rows(min_row=2, values_only=True):
                cells = dict(zip(names, values))
                seen[lang][cells[columns["indicator_id"]]].append(("workbook", {
                    "status_text": cells[columns["status"]], "comparison": cells[columns["comparison"]],
                    "reason": cells[columns["reason"]] or ""}))
    return seen


def disagreements(readings: dict[str, reading.Reading], surfaces: dict[str, list]) -> list[tuple]:
    """Where a surface says something other than the indicator's reading, or leaves it out."""
    found = []
    for indicator_id, read in readings.items():
        shown_on = surfaces.get(indicator_id, [])
        where = {surface.split(" ")[0] for surface, _ in shown_on}
        # Every indicator is on a page, in the brief and in the workbook.
        found += [(indicator_id, needed, "missing") for needed in ("page", "brief", "workbook") if needed not in where]
        expected = {"status": read.status, "status_label": read.status_label, "status_text": read.status_text,
                    # a judged card names its status; one without a plan says that it has none
                    "status_words": (read.status_text if read.judged else read.status_label if read.stated
                                     else read.plan_line),
                    "comparison": read.comparison_text, "reason": read.reason,
                    "row": [read.name, read.actual, read.plan, read.share, read.status_text, read.year_on_year,
                            read.next_target, read.comparison_text]}
        for surface, said in shown_on:
            found += [(indicator_id, surface, key, value, expected[key])
                      for key, value in said.items() if value != expected[key]]
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_surface_says_what_the_reading_says(readings, surfaces, lang):
    """Each indicator's status and comparison with next year, on every surface that shows it."""
    found = disagreements(readings[lang], surfaces[lang])
    assert not found, f"{len(found)} disagreements, first: {found[:5]}"


def test_the_check_sees_every_surface(surfaces):
    """The collection itself: cards, tables, slides, charts, brief and workbook all answered."""
    kinds = {surface.split(" ")[0] + (" chart" if surface.endswith("chart") else "")
             for by_indicator in surfaces["vi"].values() for surface, _ in by_indicator}
    assert {"page", "slide", "slide chart", "brief", "workbook"} <= kinds
    growth = dict(surfaces["vi"]["growth_rate"])
    assert "page overview card" in growth and "brief" in growth and "slide 3" in growth  # the headline cards


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_growth_card_reads_alike_on_the_page_and_in_the_brief(built_snapshot, scope, lang):
    """The brief's growth card, word for word the page's."""
    page = _run(None, **({"lang": lang} if lang == "en" else {}))
    on_page = next(b for b in _bodies(page) if "class='ct-card' data-indicator='growth_rate'" in b)
    card = lxml.html.fromstring(on_page).xpath("//div[@data-indicator='growth_rate']")[0].text_content()
    in_brief = lxml.html.fromstring(brief.meeting_brief_html(built_snapshot, scope, Filters(), Words.of(lang)))
    brief_card = in_brief.xpath("//div[contains(@class, 'ct-card')][@data-indicator='growth_rate']")[0].text_content()
    assert brief_card in card  # the page's card adds only its link to the indicator page
    expected = {"vi": "Chỉ tiêu 2023: 12% · thấp hơn kết quả 2022 4,02 điểm %",
                "en": "2023 target: 12% · 4.02 points below the 2022 result"}[lang]
    assert expected in card and "−25" not in card and "còn" not in card


def test_the_check_can_fail(readings, surfaces):
    """A surface that words one comparison its own way, or leaves an indicator out, is caught."""
    tampered = {key: list(value) for key, value in surfaces["vi"].items()}
    tampered["income_per_capita"] = [(s, {**d, "comparison": "còn +7,49 triệu đồng"}) if s == "brief" else (s, d)
                                     for s, d in tampered["income_per_capita"]]
    tampered["jobs_placed"] = [(s, d) for s, d in tampered["jobs_placed"] if s != "workbook"]
    found = disagreements(readings["vi"], tampered)
    assert [(f[0], f[1], f[2]) for f in found] == [("income_per_capita", "brief", "comparison"),
                                                   ("jobs_placed", "workbook", "missing")]
