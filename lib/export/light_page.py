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

import html
import logging
import os
import tempfile
from pathlib import Path

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import home_unit, latest_snapshot
from lib.judgement import reading
from lib.render import tables
from lib.view.filters import Filters
from lib.words import labels, look
from lib.words import number_format as fmt
from lib.words.labels import text

log = logging.getLogger(__name__)
LANGS = ("vi", "en")
MARKER = "snapshot.txt"

LIGHT_CSS = f"""
body {{ font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: {look.INK};
       margin: 0 auto; max-width: 60rem; padding: 0.8rem; line-height: 1.4; font-size: 1rem; }}
nav a {{ margin-right: 0.8rem; white-space: nowrap; }}
h1 {{ font-size: 1.5rem; margin: 0.6rem 0 0.3rem; }} h2 {{ font-size: 1.15rem; margin: 1.2rem 0 0.4rem; }}
.meta {{ color: #5A5F6B; font-size: 0.85rem; }}
.full {{ display: inline-block; margin: 0.4rem 0; font-weight: 600; }}
.ct-counts {{ display: flex; flex-wrap: wrap; gap: 0.5rem; }}
.ct-count {{ flex: 1 1 8rem; border: 1px solid #D0D4DA; border-top: 4px solid; border-radius: 6px; padding: 0.4rem 0.6rem; }}
.ct-count-value {{ font-size: 1.5rem; font-weight: 700; }}
.ct-cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.6rem; }}
.ct-card {{ border: 1px solid #D0D4DA; border-radius: 6px; padding: 0.5rem 0.7rem; font-size: 0.9rem; }}
.ct-card-title {{ font-weight: 600; }} .ct-card-big {{ font-size: 1.3rem; font-weight: 700; }}
.ct-badge {{ display: inline-block; padding: 0 0.3rem; border-radius: 4px; font-weight: 600; white-space: nowrap; }}
{look.status_css("ct-badge")}
{look.tone_css("ct-tone")}
.wide {{ overflow-x: auto; }}
table {{ border-collapse: collapse; font-size: 0.85rem; min-width: 40rem; }}
th {{ text-align: left; background: #E8EEF4; padding: 0.3rem; vertical-align: bottom; }}
td {{ padding: 0.25rem 0.3rem; vertical-align: top; border-top: 1px solid #E1E4E8; }}
td.num {{ text-align: right; white-space: nowrap; }}
"""


def _e(value) -> str:
    return html.escape("" if reading.missing(value) else str(value), quote=True)


def light_dir_of(data_dir: Path) -> Path:
    return data_dir / "light"


def file_name(address: str) -> str:
    """`kinh_te` → `kinh_te.html`; the overview (address "") → `index.html`."""
    return f"{address or 'index'}.html"


def _table(rows, lang: str, scope: Scope) -> str:
    """The domain page's table, line for line: `tables.indicator_row` of every indicator's reading."""
    headers = tables.indicator_columns(lang, scope.results_year, scope.targets_year)
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for read in reading.read_all(rows, lang):
        body.append(f'<tr data-indicator="{_e(read.indicator_id)}">{tables.indicator_cells_html(read)}</tr>')
    return f'<div class="wide"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def light_page_html(db: Database, scope: Scope, page: str, addresses: dict[str, str], lang: str) -> str:
    """One light page: `page` is "overview" or a domain; `addresses` maps each of them to the app's
    address of its full page ("" for the overview, "kinh_te", …)."""
    manifest = db.snapshot.manifest
    reports = queries.reports(db)
    report = reports[reports["reporting_unit"] == scope.reporting_unit].iloc[0]
    unit = report["unit_name_vi"] if lang == "vi" else report["unit_name_en"]
    domain = None if page == "overview" else page
    title = text("app_title", lang, unit=unit) if domain is None else labels.label(labels.DOMAINS, domain, lang)
    up = "../" if lang != "vi" else ""  # English pages sit one folder down
    full = f"{up}../../{addresses[page]}" + ("?lang=en" if lang == "en" else "")
    other = ("en/" if lang == "vi" else "../") + file_name(addresses[page])
    nav = " ".join(f'<a href="{_e(file_name(addresses[key]))}">{_e(labels.label(labels.PAGES, key, lang))}</a>'
                   for key in addresses)
    out = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(title)}</title><style>{LIGHT_CSS}</style></head><body>",
           f'<nav>{nav} · <a href="{_e(other)}" lang="{"en" if lang == "vi" else "vi"}">'
           f'{_e(text("light_other_lang", lang))}</a></nav>',
           f"<h1>{_e(title)}</h1>",
           f"<p>{_e(text('overview_subtitle', lang, results=scope.results_year, targets=scope.targets_year))}</p>",
           f'<p class="meta" data-snapshot="{_e(manifest.get("snapshot_id", ""))}">'
           f'{_e(text("light_made", lang, snapshot=manifest.get("snapshot_id", ""), created=fmt.local_time(manifest.get("created_at"), lang)))}</p>',
           f'<a class="full" href="{_e(full)}">{_e(text("light_full", lang))} →</a>']
    view = Filters(domain=domain)
    out.append(f'<h2>{_e(text("status_counts_title", lang, year=scope.results_year))}</h2>'
               f"{tables.status_counts_html(queries.status_counts(db, scope, view), lang)}")
    if domain is None:
        headline = queries.headline_indicators(db, scope)
        if not headline.empty:
            cards = "".join(tables.card_html(r) for r in reading.read_all(headline, lang))
            out.append(f'<h2>{_e(text("headline_title", lang))}</h2><div class="ct-cards">{cards}</div>')
    else:
        rows = queries.indicator_table(db, scope, view)
        out.append(f'<h2>{_e(text("table_title", lang))} ({len(rows)})</h2>')
        out.append(_table(rows, lang, scope) if not rows.empty else f"<p>{_e(text('nothing_here', lang))}</p>")
    out.append("</body></html>")
    return "".join(out)


def home_scope(db: Database) -> Scope:
    """The newest whole-year report of the home unit: the app's own default view (one rule,
    lib.data.snapshot.home_unit, for the app and the light pages)."""
    reports = queries.reports(db)
    whole_years = reports[reports["period"] == "year"]
    reports = whole_years if not whole_years.empty else reports
    home = home_unit(dict.fromkeys(reports["reporting_unit"]))
    report = reports[reports["reporting_unit"] == home].iloc[0]
    return Scope(str(report["reporting_unit"]), int(report["results_year"]), int(report["targets_year"]))


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
    scope = home_scope(db)
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
    try:
        return write_light_pages(data_dir, addresses)
    except OSError as error:  # a read-only or full data folder: the app goes on without them
        log.warning("light pages not written to %s: %s", light_dir_of(data_dir), error)
        return None
