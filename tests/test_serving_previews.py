"""Every page's shared link previews its own view (lib/export/page_previews.py): one indicator, the
data, the pace of a year, fetched as a chat app fetches them through nginx and the real preview server
(deploy/preview.py) as `make serve` runs them; and a preview server that dies is started again
(deploy/supervise.py). Expected words come from the lib's own reading, never written here."""
from __future__ import annotations

import html
import re
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from test_serving import CHAT_APPS, _picture, _preview

from bench.network import home_env
from deploy.serve import free_port, preview_process, served
from lib.data import queries, report_index
from lib.data.db import Database
from lib.data.snapshot import choose
from lib.judgement import reading
from lib.render import charts
from lib.view.filters import Filters
from lib.words import labels
from lib.words.words import Words

pytestmark = pytest.mark.browser  # a real nginx and app process, as tests/test_serving.py
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def proxied():
    with tempfile.TemporaryDirectory(prefix="chitieu-previews-") as home:
        with served(apps=1, env=home_env(Path(home) / "home"), run_dir=Path(home) / "run") as running:
            yield running


@pytest.fixture(scope="module")
def current():
    """The current snapshot's database and default scope, as the pages read them."""
    db = Database(choose(REPO / "data" / "snapshots").snapshot)
    return db, report_index.build(db).scope_for(None)


def _judged_with_chart(db, scope) -> str:
    """An indicator judged against its plan whose page draws its values chart, other than the page's first."""
    table = queries.indicator_table(db, scope)
    for indicator_id in table["indicator_id"].iloc[1:]:
        row = queries.indicator(db, scope, indicator_id).iloc[0]
        if row["status"] in reading.JUDGED and charts.draws_values(queries.indicator_observations(db, scope, indicator_id)):
            return indicator_id
    raise AssertionError("no judged indicator with values")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_indicator_link_previews_that_indicator_and_its_values_chart(proxied, current, lang):
    db, scope = current
    words = Words.of(lang)
    indicator_id = _judged_with_chart(db, scope)
    row = queries.indicator(db, scope, indicator_id).iloc[0]
    read = reading.read(row.to_dict(), words)
    meta = _preview(proxied["url"], f"/chi_tieu?id={indicator_id}" + words.pick("", "&lang=en"), CHAT_APPS[1])
    summary = meta["og:description"]
    assert meta["og:title"] == read.name, meta
    assert str(scope.results_year) in summary and read.status_text in summary and read.plan_line in summary, summary
    # the result in the words object's number format: 1.234,5 in Vietnamese, 1,234.5 in English
    assert words.number(row["actual"], reading.decimals_of(row["actual"])) in summary, (summary, row["actual"])
    assert f"id={indicator_id}" in meta["og:image"], meta["og:image"]
    values = _picture(proxied["url"], meta["og:image"])
    overview = _picture(proxied["url"], _preview(proxied["url"], words.pick("/", "/?lang=en"))["og:image"])
    assert values != overview  # the indicator's own chart, not the overview's


def test_an_indicator_link_without_an_id_previews_the_pages_first_indicator(proxied, current):
    db, scope = current
    first = queries.indicator_table(db, scope)["indicator_id"].iloc[0]
    name = reading.read(queries.indicator(db, scope, first).iloc[0].to_dict(), Words.of("vi")).name
    meta = _preview(proxied["url"], "/chi_tieu")
    assert meta["og:title"] == name, meta
    _picture(proxied["url"], meta["og:image"])


def test_a_data_link_previews_what_its_table_holds_with_the_filters(proxied, current):
    db, scope = current
    kept = queries.observations_in_view(db, scope, Filters(statuses=("not_met",)))
    every = queries.observations_in_view(db, scope, Filters())
    meta = _preview(proxied["url"], "/du_lieu?status=not_met", CHAT_APPS[2])
    summary = meta["og:description"]
    assert meta["og:title"] == Words.of("vi").text("data_title"), meta
    assert f"Không đạt — {kept['indicator_id'].nunique()} chỉ tiêu" in summary, summary
    assert f"{len(kept)} quan sát" in summary and str(scope.results_year) in summary, summary
    whole = _preview(proxied["url"], "/du_lieu")
    assert f"{len(every)} quan sát" in whole["og:description"], whole
    assert _picture(proxied["url"], meta["og:image"]) != _picture(proxied["url"], whole["og:image"])


def test_a_pace_link_previews_the_pace_page(proxied, current):
    """The seed has a year-end report only: the pace page says so and shows the year's reading."""
    db, scope = current
    words = Words.of("en")
    reporting_unit_name = report_index.build(db).reporting_unit_names["en"][scope.reporting_unit]
    meta = _preview(proxied["url"], "/tien_do?lang=en")
    assert meta["og:title"] == words.text("pace_title", year=scope.results_year), meta
    assert meta["og:description"].startswith(words.text("pace_year_end_only", reporting_unit=reporting_unit_name, year=scope.results_year)), meta
    assert re.search(rf"In {scope.results_year}, .* had \d+ indicators with a plan", meta["og:description"]), meta
    _picture(proxied["url"], meta["og:image"])


def test_a_pace_link_of_a_year_in_progress_previews_its_period(tmp_path):
    """A six-month report published: the preview server names the period the page opens on, the count
    at each pace and draws the pace chart."""
    from test_pace import publish_six_months

    from lib.data import pace_queries
    from lib.render import charts_pace

    data = publish_six_months(tmp_path / "data")
    db = Database(choose(data / "snapshots").snapshot)
    first = charts_pace.part_year(pace_queries.periods_reported(db)).iloc[0]
    rows = pace_queries.pace(db, first["reporting_unit"], int(first["year"]), first["period"], first["as_of"])
    words = Words.of("vi")
    port = free_port()
    env = {**home_env(tmp_path / "home"), "CHITIEU_DATA_DIR": str(data)}
    with preview_process(port, tmp_path / "preview.log", tmp_path / "previews", env):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/app/link/tien_do", headers={"User-Agent": CHAT_APPS[0]})
        with urllib.request.urlopen(request, timeout=60) as answer:
            page = answer.read().decode("utf-8")
        meta = {m.group(1): html.unescape(m.group(2))
                for m in re.finditer(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)}
        assert meta["og:title"] == words.text("pace_title", year=int(first["year"])), meta
        summary = meta["og:description"]
        assert summary.startswith(charts_pace.caption(rows, first["reporting_unit_name_vi"], first["period"], int(first["year"]),
                                                      first["as_of"], words)), summary
        for pace, n in charts_pace.pace_counts(rows):
            assert f"{words.label(labels.PACE, pace)} {n}" in summary, (pace, n, summary)
        picture = re.sub(r"^https://[^/]+", f"http://127.0.0.1:{port}", meta["og:image"])
        with urllib.request.urlopen(picture, timeout=60) as answer:
            assert answer.status == 200 and answer.headers["Content-Type"] == "image/png"
            assert answer.read()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_dead_preview_server_is_started_again_and_chat_apps_get_previews_again(proxied, current):
    """Killed, the preview server comes back by itself within seconds; meanwhile chat apps get the
    light page, and then the real preview of the link again."""
    db, scope = current
    indicator_id = _judged_with_chart(db, scope)
    name = reading.read(queries.indicator(db, scope, indicator_id).iloc[0].to_dict(), Words.of("vi")).name
    preview = proxied["preview"]
    killed = preview.pid
    preview.kill()
    start, titles = time.monotonic(), []
    while time.monotonic() - start < 30:
        titles.append(_preview(proxied["url"], f"/chi_tieu?id={indicator_id}")["og:title"])
        if titles[-1] == name:
            break
        time.sleep(0.25)
    back_after = time.monotonic() - start
    assert titles[-1] == name, titles[-5:]
    assert preview.pid != killed and preview.restarts >= 1
    assert "started again" in (proxied["run_dir"] / "preview.log").read_text(encoding="utf-8")
    print(f"preview back after {back_after:.1f} s ({len(titles)} fetches)")
    assert back_after <= 15, back_after
