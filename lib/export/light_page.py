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

import os
import tempfile
from pathlib import Path

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.export.templating import markup, render
from lib.judgement import reading
from lib.render import tables
from lib.view.filters import Filters
from lib.words import labels
from lib.words import number_format as fmt
from lib.words.labels import text

LANGS = ("vi", "en")
MARKER = "snapshot.txt"

def light_dir_of(data_dir: Path) -> Path:
    return data_dir / "light"


def file_name(address: str) -> str:
    """`kinh_te` → `kinh_te.html`; the overview (address "") → `index.html`."""
    return f"{address or 'index'}.html"


def _table(rows, lang: str, scope: Scope) -> dict:
    """The domain page's table, line for line: `tables.indicator_row` of every indicator's reading."""
    return {"headers": tables.indicator_columns(lang, scope.results_year, scope.targets_year),
            "rows": [{"indicator_id": read.indicator_id, "cells": markup(tables.indicator_cells_html(read))}
                     for read in reading.read_all(rows, lang)]}


def light_page_html(db: Database, scope: Scope, page: str, addresses: dict[str, str], lang: str) -> str:
    """One light page: `page` is "overview" or a domain; `addresses` maps each of them to the app's
    address of its full page ("" for the overview, "kinh_te", …)."""
    manifest = db.snapshot.manifest
    report = queries.reports(db).iloc[0]
    unit = report["unit_name_vi"] if lang == "vi" else report["unit_name_en"]
    domain = None if page == "overview" else page
    title = text("app_title", lang, unit=unit) if domain is None else labels.label(labels.DOMAINS, domain, lang)
    up = "../" if lang != "vi" else ""  # English pages sit one folder down
    view = Filters(domain=domain)
    cards, table, rows = "", None, None
    if domain is None:
        headline = queries.headline_indicators(db, scope)
        cards = "".join(tables.card_html(r) for r in reading.read_all(headline, lang))
    else:
        rows = queries.indicator_table(db, scope, view)
        table = _table(rows, lang, scope)
    return render(
        "light_page.html", lang=lang, title=title,
        nav=[{"href": file_name(addresses[key]), "text": labels.label(labels.PAGES, key, lang)} for key in addresses],
        other_href=("en/" if lang == "vi" else "../") + file_name(addresses[page]),
        other_lang="en" if lang == "vi" else "vi", other_text=text("light_other_lang", lang),
        subtitle=text("overview_subtitle", lang, results=scope.results_year, targets=scope.targets_year),
        snapshot_id=manifest.get("snapshot_id", ""),
        made=text("light_made", lang, snapshot=manifest.get("snapshot_id", ""),
                  created=fmt.local_time(manifest.get("created_at"), lang)),
        full_href=f"{up}../../{addresses[page]}" + ("?lang=en" if lang == "en" else ""), full_text=text("light_full", lang),
        counts_title=text("status_counts_title", lang, year=scope.results_year),
        counts=markup(tables.status_counts_html(queries.status_counts(db, scope, view), lang)),
        cards_title=text("headline_title", lang), cards=markup(cards),
        table_title=f"{text('table_title', lang)} ({0 if rows is None else len(rows)})", table=table,
        nothing_here=text("nothing_here", lang))


def _write(path: Path, content: str) -> None:
    """Atomically: a reader never gets half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def write_light_pages(data_dir: Path, addresses: dict[str, str]) -> Path | None:
    """The light pages of the newest snapshot, every page in both languages; returns their folder
    (None when there is no snapshot)."""
    snapshot = latest_snapshot(data_dir / "snapshots")
    if snapshot is None:
        return None
    db = Database(snapshot)
    report = queries.reports(db).iloc[0]
    scope = Scope(str(report["reporting_unit"]), int(report["results_year"]), int(report["targets_year"]))
    folder = light_dir_of(data_dir)
    for lang in LANGS:
        for page, address in addresses.items():
            _write(folder / ("" if lang == "vi" else lang) / file_name(address),
                   light_page_html(db, scope, page, addresses, lang))
    _write(folder / MARKER, snapshot.manifest.get("snapshot_id", snapshot.path.name) + "\n")
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
    return write_light_pages(data_dir, addresses)
