"""The report's words and the staff's notes where the numbers are (indicator page, headline cards,
domain pages), and links that keep their word (`snap=`: an older snapshot reopened with its change
list). Under AppTest, on a data folder of the test's own; expected texts come from the queries."""
from __future__ import annotations

import html
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import copy_sources
from helpers import text
from page_support import static_tables
from streamlit.testing.v1 import AppTest
from test_fresh_snapshot import newer_snapshot

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import inspect, latest_snapshot
from lib.judgement.reading import read
from lib.pipeline.build import build
from lib.pipeline.notes import append_note
from lib.render import tables
from lib.web.registry import PAGES
from lib.words import number_format as fmt
from lib.words.words import Words

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60
SCOPE = Scope("tieu-can", 2022, 2023)
NOTE = "Số 2022 là số của Bảo hiểm xã hội huyện đến ngày 30/11, chưa gồm thẻ cấp trong tháng 12."
DOMAINS = [key for key, entry in PAGES.items() if entry.kind == "domain"]


@pytest.fixture(scope="module")
def served(tmp_path_factory, data_dir):
    """A data folder with two snapshots of the real curated data plus one note: an older one and the
    newest, in which every share of target moved by 2 points."""
    target = copy_sources(data_dir, tmp_path_factory.mktemp("words") / "data")
    append_note(target, "health_insurance_coverage", "Phòng Y tế", NOTE, "2023-01-06")
    older, _ = build(target, now=datetime(2030, 1, 1, 8, tzinfo=UTC))
    older = inspect(older)
    newest = newer_snapshot(target / "snapshots", older, shift_pct=2.0)
    patch = pytest.MonkeyPatch()
    patch.setenv("CHITIEU_DATA_DIR", str(target))
    yield {"data": target, "older": older, "newest": newest}
    patch.undo()


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if PAGES[page].file != "app.py":
        at.switch_page(PAGES[page].file)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def page_html(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [h.proto.body for h in at.get("html")])


def caption_naming_snapshot(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "20" in c.value and "-" in c.value)


# --- the report's words -------------------------------------------------------------------------


def test_the_indicator_page_shows_the_reports_word_beside_the_reading_and_the_notes(served):
    db = Database(served["newest"])
    said = queries.indicator_statements(db, SCOPE, "health_insurance_coverage")
    assert not said.empty
    at = run("indicator", id="health_insurance_coverage")
    body = page_html(at)
    line = tables.report_says(said, Words.of("vi"))
    assert line.startswith("Báo cáo nhận định: “") and html.escape(line) in body
    for quote in said["source_quote"]:
        assert html.escape(tables.quoted(quote)) in body
    assert body.count("data-testid='ct-note'") == 1
    assert f"data-testid='ct-note'>{html.escape(NOTE)}</div><div class='ct-note-by'>Phòng Y tế · 06/01/2023</div>" in body
    # an indicator the report says nothing of in words shows no such line
    quiet = next(i for i in queries.known_indicator_ids(db)
                 if queries.indicator_statements(db, SCOPE, i).empty)
    assert "data-testid='ct-report-says'" not in page_html(run("indicator", id=quiet))


def test_a_headline_card_carries_the_reports_word(served):
    db = Database(served["newest"])
    at = run("overview")
    body = page_html(at)
    headlines = queries.headline_indicators(db, SCOPE)
    with_words = 0
    for indicator_id in headlines["indicator_id"]:
        card = body.split(f"<div class='ct-card' data-indicator='{indicator_id}'", 1)[1].split("<div class='ct-card'", 1)[0]
        line = tables.report_says(queries.indicator_statements(db, SCOPE, indicator_id), Words.of("vi"))
        if line:
            with_words += 1
            assert html.escape(line) in card, indicator_id
        else:
            assert "data-testid='ct-card-said'" not in card, indicator_id
    assert with_words >= 1  # health insurance at least


def test_the_card_line_is_optional_and_escaped():
    row = {"indicator_id": "x", "name_vi": "Tên", "name_en": "Name", "unit_of_measure": "%", "unit_of_measure_en": "%", "direction": "higher",
           "measure": "rate", "status": "no_target", "comparability": "no_baseline", "results_year": 2022,
           "targets_year": 2023, "actual": 1.0}
    reading = read(row, Words.of("vi"))
    assert "ct-card-said" not in tables.card_html(reading) == tables.card_html(reading, None, "")
    card = tables.card_html(reading, said="Báo cáo nhận định: “<b>a & b</b>”")
    assert "&lt;b&gt;a &amp; b&lt;/b&gt;" in card and "<b>a" not in card


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domain_page_lists_its_shortcomings_and_tasks(served, domain):
    db = Database(served["newest"])
    at = run(domain)
    assert text("domain_statements_title", "vi") in [s.value for s in at.subheader]
    said = queries.domain_statements(db, SCOPE, domain)
    body = page_html(at)
    for statement_id, quote in zip(said["statement_id"], said["source_quote"]):
        assert f"data-statement='{statement_id}'>{html.escape(tables.quoted(quote))}" in body
    if said.empty:
        assert text("no_domain_statements", "vi") in [c.value for c in at.caption]
    others = queries.domain_statements(db, SCOPE, next(d for d in DOMAINS if d != domain))
    assert not any(f"data-statement='{i}'" in body for i in others["statement_id"])


# --- links that keep their word -----------------------------------------------------------------


def test_an_old_link_reopens_the_data_as_it_was_with_the_values_changed_since(served):
    older, newest = served["older"], served["newest"]
    at = run("economy", snap=older.snapshot_id)
    assert older.snapshot_id in caption_naming_snapshot(at)
    # the notice names the two by the day they were published and the report in words, never by id
    older_day, newest_day = fmt.local_time(older.created_at, "vi"), fmt.local_time(newest.created_at, "vi")
    notice = [i.value for i in at.info if older_day in i.value]
    assert len(notice) == 1 and newest_day in notice[0] and "báo cáo năm 2022 của Huyện Tiểu Cần" in notice[0]
    assert older.snapshot_id not in notice[0] and newest.snapshot_id not in notice[0]
    assert at.query_params["snap"] == older.snapshot_id  # the address bar keeps naming it
    # the change list is the diff of the two (the figures themselves: the next test)
    changes = queries.values_changed(Database(older), Database(newest), SCOPE.reporting_unit)
    assert len(changes) > 0
    label = text("changed_since", "vi", day=older_day, n=len(changes))
    assert label in [e.label for e in at.expander]
    listed = [t for h in at.get("html") for t in static_tables(h.proto.body)
              if text("col_then", "vi", snapshot=older_day) in t.columns]
    assert len(listed) == 1 and len(listed[0]) == len(changes)
    table_links = [t for h in at.get("html") for t in static_tables(h.proto.body) if t.attrs["links"]]
    assert table_links and all(f"snap={older.snapshot_id}" in link for link in table_links[0].attrs["links"])
    # leaving it takes `snap` out of the address: a reload (and the share link) shows the current data
    at.button(key="to_current").click().run()
    assert not at.exception
    assert "snap" not in at.query_params
    assert not [i.value for i in at.info if older_day in i.value]
    reloaded = run("economy", **{k: at.query_params[k] for k in at.query_params})
    assert not [i.value for i in reloaded.info if older_day in i.value]


def test_an_old_link_shows_the_older_figures(served):
    older, newest = served["older"], served["newest"]
    db_old, db_new = Database(older), Database(newest)
    indicator_id = queries.attainment(db_old, SCOPE)["indicator_id"].iloc[0]
    old_share = read(queries.indicator(db_old, SCOPE, indicator_id).iloc[0].to_dict(), Words.of("vi")).share
    new_share = read(queries.indicator(db_new, SCOPE, indicator_id).iloc[0].to_dict(), Words.of("vi")).share
    assert old_share != new_share
    then = [m.value for m in run("indicator", id=indicator_id, snap=older.snapshot_id).metric]
    now = [m.value for m in run("indicator", id=indicator_id).metric]
    assert old_share in then and new_share not in then
    assert new_share in now


def test_the_newest_snapshot_named_or_not_gives_no_notice(served):
    newest = served["newest"]
    for params in ({}, {"snap": newest.snapshot_id}):
        at = run("overview", **params)
        assert newest.snapshot_id in caption_naming_snapshot(at)
        assert not [i.value for i in at.info if "bản" in i.value], params
        assert not at.warning


@pytest.mark.parametrize("snap", ["20200101T000000Z-0123abcd", "hôm qua", "../../etc"])
def test_a_bad_or_missing_snapshot_gives_a_short_notice_and_the_current_data(served, snap):
    at = run("indicator", snap=snap, id="growth_rate")
    assert served["newest"].snapshot_id in caption_naming_snapshot(at)
    assert len(at.warning) == 1 and at.warning[0].value.startswith("Đường dẫn có tham số không hợp lệ")
    assert "snap" not in at.query_params
    missing = [i.value for i in at.info if i.value == text("snap_missing", "vi")]
    assert len(missing) == (1 if snap[0].isdigit() else 0)


def test_the_share_link_names_the_snapshot_shown(served):
    for params, shown in (({}, served["newest"]), ({"snap": served["older"].snapshot_id}, served["older"])):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.switch_page(PAGES["economy"].file)
        for key, value in params.items():
            at.query_params[key] = value
        at.session_state["share_menu"] = True
        at.run()
        boxes = [h.proto.body for h in at.get("html") if "ct-share-link" in h.proto.body]
        assert len(boxes) == 1 and f"snap={shown.snapshot_id}" in boxes[0]


def test_a_snapshot_from_before_statements_reopens_without_them(served, tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "snapshots").mkdir(parents=True)
    for snapshot in (served["older"], served["newest"]):
        shutil.copytree(snapshot.path, data / "snapshots" / snapshot.path.name)
    old = data / "snapshots" / served["older"].path.name
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    for name in ("statements.parquet", "notes.parquet"):
        (old / name).unlink()
        manifest["files"].pop(name)
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    at = run("indicator", id="health_insurance_coverage", snap=served["older"].snapshot_id)
    assert served["older"].snapshot_id in caption_naming_snapshot(at)
    assert "data-testid='ct-report-says'" not in page_html(at) and "data-testid='ct-note'" not in page_html(at)
    assert latest_snapshot(data / "snapshots").snapshot_id == served["newest"].snapshot_id
