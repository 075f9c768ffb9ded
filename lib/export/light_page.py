"""The light pages: for each snapshot, the overview and each domain page as plain HTML, in Vietnamese
and English, readable with no JavaScript on a weak link. Their counts, cards and tables are the
app's own (lib/render/tables.py rendering each indicator's reading), as in the meeting brief.

They are written to `<data>/light/` (`index.html`, `kinh_te.html`, …, and `en/…`), which the proxy
serves at /app/static/ and Streamlit too (`static` is a link to `data/light`,
`server.enableStaticServing`). `snapshot.txt` names the snapshot they were written from, last.
The share menu writes them on its first draw after a publish (`ensure_light_pages`), `make serve`
and `make light` before serving.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import home_reporting_unit, latest_snapshot
from lib.export.images import chart_png
from lib.judgement import reading
from lib.render import charts, paragraph, tables
from lib.render.templating import markup, render
from lib.view.filters import Filters
from lib.words import labels
from lib.words.words import ENGLISH, VIETNAMESE, Words

log = logging.getLogger(__name__)
MARKER = "snapshot.txt"

def light_dir_of(data_dir: Path) -> Path:
    return data_dir / "light"


def file_name(address: str) -> str:
    """`kinh_te` → `kinh_te.html`; the overview (address "") → `index.html`."""
    return f"{address or 'index'}.html"


def _table(rows, words: Words, scope: Scope) -> dict:
    """The domain page's table, line for line: `tables.indicator_row` of every indicator's reading."""
    return {"headers": tables.indicator_columns(words, scope.results_year, scope.targets_year),
            "rows": [{"indicator_id": read.indicator_id, "cells": markup(tables.indicator_cells_html(read))}
                     for read in reading.read_all(rows, words)]}


def reporting_unit_report(db: Database, scope: Scope):
    """The report of the scope's unit (its names and title)."""
    reports = queries.reports(db)
    return reports[reports["reporting_unit"] == scope.reporting_unit].iloc[0]


def page_title(db: Database, scope: Scope, page: str, words: Words) -> str:
    """The overview's title names the unit; a domain page's, the domain."""
    if page != "overview":
        return words.label(labels.DOMAINS, page)
    report = reporting_unit_report(db, scope)
    return words.text("app_title", reporting_unit=report[words.column("reporting_unit_name")])


def light_page_html(db: Database, scope: Scope, page: str, addresses: dict[str, str], words: Words) -> str:
    """One light page: `page` is "overview" or a domain; `addresses` maps each of them to the app's
    address of its full page ("" for the overview, "kinh_te", …)."""
    manifest = db.snapshot.manifest
    report = reporting_unit_report(db, scope)
    reporting_unit = report[words.column("reporting_unit_name")]
    domain = None if page == "overview" else page
    title = page_title(db, scope, page, words)
    up = words.pick("", "../")  # English pages sit one folder down
    view = Filters(domain=domain)
    cards, table = "", None
    rows = queries.indicator_table(db, scope, view)
    if domain is None:
        headline = queries.headline_indicators(db, scope)
        cards = "".join(tables.card_html(r) for r in reading.read_all(headline, words))
    else:
        table = _table(rows, words, scope)
    where = reporting_unit if domain is None else words.text("filter_domain_phrase", domain=title)
    counts = queries.status_counts(db, scope, view)
    summary = paragraph.opening(paragraph.year_paragraph(rows, counts, words, scope.results_year, scope.targets_year, where))
    return render(
        "light_page.html", lang=words.lang, title=title,
        nav=[{"href": file_name(addresses[key]), "text": words.label(labels.PAGES, key)} for key in addresses],
        other_href=words.pick("en/", "../") + file_name(addresses[page]),
        other_lang=words.other.lang, other_text=words.text("light_other_lang"),
        subtitle=words.text("overview_subtitle", results=scope.results_year, targets=scope.targets_year),
        snapshot_id=manifest.get("snapshot_id", ""),
        made=words.text("light_made", snapshot=manifest.get("snapshot_id", ""),
                  created=words.local_time(manifest.get("created_at"))),
        full_href=f"{up}../../{addresses[page]}" + words.pick("", "?lang=en"), full_text=words.text("light_full"),
        counts_title=words.text("status_counts_title", year=scope.results_year),
        counts=markup(tables.status_counts_html(counts, words)), summary=summary,
        preview_image=f"/app/static/{words.pick('', words.lang + '/')}{preview_name(addresses[page])}",
        cards_title=words.text("headline_title"), cards=markup(cards),
        table_title=f"{words.text('table_title')} ({len(rows)})", table=table,
        nothing_here=words.text("nothing_here"))


def preview_name(address: str) -> str:
    """The picture a chat app shows beside a shared link of the page: `kinh_te` → `preview-kinh_te.png`."""
    return f"preview-{address or 'index'}.png"


def headline_chart(db: Database, scope: Scope, page: str, words: Words, view: Filters | None = None):
    """The page's headline chart: its attainment of the plan, with the filters of `view`."""
    attained = queries.attainment(db, scope, view or Filters(domain=None if page == "overview" else page))
    return charts.attainment_chart(attained, words)


def preview_png(db: Database, scope: Scope, page: str, words: Words, title: str, view: Filters | None = None) -> bytes:
    """The headline chart, titled, as the link preview's picture."""
    return titled_png(headline_chart(db, scope, page, words, view), title,
                      words.text("attainment_title", year=scope.results_year))


def titled_png(chart, title: str, heading: str) -> bytes:
    """A page's chart as a link preview's picture: the page's title and the chart's heading above it."""
    return chart_png(chart, width=PREVIEW_WIDTH, scale=1, caption=(title, heading))


PREVIEW_WIDTH = 600  # px: chat apps show a preview picture at most about this wide


def home_scope(db: Database) -> Scope:
    """The newest whole-year report of the home unit: the app's own default view (one rule,
    lib.data.snapshot.home_reporting_unit, for the app and the light pages)."""
    reports = queries.reports(db)
    whole_years = reports[reports["period"] == "year"]
    reports = whole_years if not whole_years.empty else reports
    home = home_reporting_unit(dict.fromkeys(reports["reporting_unit"]))
    report = reports[reports["reporting_unit"] == home].iloc[0]
    return Scope(str(report["reporting_unit"]), int(report["results_year"]), int(report["targets_year"]))


def write_atomically(path: Path, content: str | bytes) -> None:
    """Atomically: a reader never gets half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    with os.fdopen(handle, "wb") as out:
        out.write(content.encode("utf-8") if isinstance(content, str) else content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def write_light_pages(data_dir: Path, addresses: dict[str, str]) -> Path | None:
    """The light pages of the newest snapshot, every page in both languages; returns their folder
    (None when there is no snapshot)."""
    snapshot = latest_snapshot(data_dir / "snapshots")
    if snapshot is None:
        return None
    db = Database(snapshot)
    scope = home_scope(db)
    folder = light_dir_of(data_dir)
    for words in (VIETNAMESE, ENGLISH):
        for page, address in addresses.items():
            write_atomically(folder / words.pick("", words.lang) / file_name(address),
                             light_page_html(db, scope, page, addresses, words))
            write_atomically(folder / words.pick("", words.lang) / preview_name(address),
                             preview_png(db, scope, page, words, page_title(db, scope, page, words)))
    write_atomically(folder / MARKER, snapshot.manifest.get("snapshot_id", snapshot.path.name) + "\n")
    return folder


def ensure_light_pages(data_dir: Path, addresses: dict[str, str]) -> Path | None:
    """Write the light pages unless those of the newest snapshot are already there."""
    snapshot = latest_snapshot(data_dir / "snapshots")
    if snapshot is None:
        return None
    marker = light_dir_of(data_dir) / MARKER
    wanted = snapshot.manifest.get("snapshot_id", snapshot.path.name)
    if marker.exists() and marker.read_text(encoding="utf-8").strip() == wanted:
        return marker.parent
    try:
        return write_light_pages(data_dir, addresses)
    except OSError as error:  # a read-only or full data folder: the app goes on without them
        log.warning("light pages not written to %s: %s", light_dir_of(data_dir), error)
        return None
