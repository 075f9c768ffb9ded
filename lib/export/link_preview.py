"""What a chat app shows for a shared link: the title, a one-line summary and the headline chart of
the view the link names (its page, `snap`, `unit`, `year`, `lang`, `id` and filters), read as the page
reads it (lib/view/state.parse against the snapshot's own whitelists, lib/data/report_index for the
report, lib/export/page_previews for what each page says of its view, light_page for the picture).

A link that names something no longer there (an older snapshot deleted, an unknown unit) previews
the current default of that part, and its summary says so in the page's own words. The pictures of
views other than the default ones (written with the light pages) are made on the first ask and kept
on disk per snapshot and view, at most MAX_PICTURES per snapshot and MAX_SNAPSHOTS snapshots.
"""
from __future__ import annotations

import hashlib
import shutil
import threading
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from urllib.parse import urlencode

from lib.data import queries, report_index
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import Current, choose
from lib.export import page_previews
from lib.export.images import NAME_CHARS, chart_svg, inline_svg
from lib.export.light_page import (
    MARKER,
    PREVIEW_WIDTH,
    file_name,
    light_dir_of,
    page_title,
    preview_name,
    titled_png,
    write_atomically,
)
from lib.export.page_previews import Told
from lib.render.templating import markup, render
from lib.view import filters as view_filters
from lib.view.state import SNAPSHOT_ID, ViewState, parse
from lib.words import labels
from lib.words.words import Words

MAX_PICTURES, MAX_SNAPSHOTS = 400, 4  # files (a picture and a first paint per view)
PICTURE_PATH = "/app/preview.png"


@dataclass(frozen=True)
class LinkView:
    """The view a shared link names, as far as it can be followed."""
    current: Current
    page: str  # the page's key in the registry: "overview", a domain, "indicator", "data", "pace"
    kind: str  # which URL keys the page takes (lib/view/state.PAGE_KEYS)
    address: str  # the page's address ("" for the overview)
    state: ViewState
    scope: Scope
    view: view_filters.Filters  # the filters the page applies (its domain included)
    notes: tuple[str, ...]  # what of the link was not followed, in the page's words

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def words(self) -> Words:
        return Words.of(self.state.lang)

    @property
    def is_default(self) -> bool:
        """The page's default view of the newest snapshot: a light page's picture is written with it."""
        return (self.current.newest is None and self.state.reporting_unit is None and self.state.year is None
                and self.state.indicator_id is None and not view_filters.narrowed(self.view))

    def query(self) -> dict[str, str]:
        """The view as a canonical query, the snapshot always named: what a picture is made from."""
        query = {key: ",".join(value) if isinstance(value, list) else value
                 for key, value in self.state.to_query(self.kind).items() if key not in ("present", "slide")}
        return {"page": self.address, **query, "snap": self.current.snapshot.snapshot_id}


LIGHT_PAGES = ("overview", *labels.DOMAINS)  # the pages with a light version (lib/export/light_page.py)


class Previews:
    """Link previews of the snapshots in `data_dir`; `addresses` maps each page a link can name to its
    address, `kinds` each to the URL keys it takes (the overview and the domains by default). One
    DuckDB connection per snapshot, kept while that snapshot is served."""

    def __init__(self, data_dir: Path, addresses: dict[str, str], cache_dir: Path, kinds: dict[str, str] | None = None):
        self.data_dir, self.addresses, self.cache_dir = data_dir, addresses, cache_dir
        self.kinds = kinds or {page: "overview" if page == "overview" else "domain" for page in addresses}
        self.pages = {address: page for page, address in addresses.items()}
        self._databases: dict[str, tuple[Database, report_index.ReportIndex]] = {}
        self._opening = threading.Lock()  # DuckDB's cursors are per query; only this dict is shared

    def _open(self, current: Current):
        snapshot = current.snapshot
        with self._opening:
            if snapshot.snapshot_id not in self._databases:
                for gone in set(self._databases) - set(current.served):
                    self._databases.pop(gone)
                db = Database(snapshot)
                self._databases[snapshot.snapshot_id] = (db, report_index.build(db))
            return self._databases[snapshot.snapshot_id]

    def read(self, path: str, query: dict[str, list[str]]) -> LinkView:
        """The view the link `path?query` names. An address that is no page previews the overview
        with the link's unit, year, language and snapshot."""
        address = path.strip("/")
        page = self.pages.get(address, "overview")
        kind = self.kinds[page]
        if address not in self.pages:
            address = self.addresses[page]
            query = {key: values for key, values in query.items() if key in ("lang", "unit", "year", "snap")}
        named = query.get("snap") or []
        current = choose(self.data_dir / "snapshots", named[0] if len(named) == 1 else None)
        db, index = self._open(current)
        domain = page if kind == "domain" else None
        parsed = parse(query, kind, tuple(queries.groups_present(db, index.scope_for(None), domain)),
                       frozenset(queries.known_indicator_ids(db)), index.reporting_units, index.years, current.served)
        state = replace(parsed.state, present=False, slide=1)
        words = Words.of(state.lang)
        notes = []
        if len(named) == 1 and SNAPSHOT_ID.fullmatch(named[0]) and state.snapshot is None:
            notes.append(words.text("snap_missing"))
        rejected = [piece for piece in parsed.rejected if not piece.startswith("snap=") or not notes]
        if rejected:
            notes.append(words.text("bad_link", items=", ".join(rejected)))
        view = {"domain": replace(state.filters, domain=domain), "data": state.filters}.get(kind, view_filters.Filters())
        return LinkView(current, page, kind, address, state, index.scope_for(state.reporting_unit, state.year), view, tuple(notes))

    def told(self, link: LinkView) -> Told:
        """What the link's page says of its view (lib/export/page_previews.py)."""
        db, index = self._open(link.current)
        words, scope = link.words, link.scope
        reporting_unit = index.reporting_unit_names[words.pick("vi", "en")][scope.reporting_unit]
        if link.page == "indicator":
            return page_previews.indicator(db, scope, words, reporting_unit, link.state.indicator_id)
        if link.page == "data":
            return page_previews.data(db, scope, words, reporting_unit, link.view)
        if link.page == "pace":
            return page_previews.pace(db, scope, words, reporting_unit)
        whole = view_filters.Filters(domain=link.view.domain)
        where = reporting_unit if link.page == "overview" else words.text("filter_domain_phrase",
                                                                domain=words.label(labels.DOMAINS, link.page))
        lines = []
        if view_filters.narrowed(link.view):
            shown = queries.indicator_table(db, scope, link.view)
            lines.append(words.text("in_view", n=len(shown),
                                    what=view_filters.phrase(link.view, words, page_kind=link.kind)))
        lines.append(page_previews.year_opening(db, scope, whole, words, where))
        return Told(page_title(db, scope, link.page, words), tuple(lines),
                    page_previews.attainment(db, scope, link.view, words),
                    words.text("attainment_title", year=scope.results_year))

    def summary(self, link: LinkView, told: Told | None = None) -> str:
        """The notes, then what the page says of its view (the filters in view, the year's counts), in one line."""
        words = link.words
        pieces = [*link.notes]
        if link.current.newest is not None:
            pieces.append(words.text("preview_older", created=words.local_time(link.current.snapshot.created_at)))
        return " ".join([*pieces, *(told or self.told(link)).lines])

    def title(self, link: LinkView) -> str:
        return self.told(link).title

    def picture_address(self, link: LinkView) -> str:
        """The default views' pictures of the light pages were written with them; any other is made on demand."""
        marker = light_dir_of(self.data_dir) / MARKER
        written = marker.exists() and marker.read_text(encoding="utf-8").strip() == link.current.snapshot.snapshot_id
        if link.page in LIGHT_PAGES and link.is_default and written:
            return f"/app/static/{link.words.pick('', link.lang + '/')}{preview_name(link.address)}"
        return f"{PICTURE_PATH}?{urlencode(link.query())}"

    def html(self, link: LinkView, origin: str, link_address: str) -> str:
        """The page a chat app reads: Open Graph title, summary and picture (absolute, at `origin`)."""
        lang, words, snapshot = link.lang, link.words, link.current.snapshot
        told = self.told(link)
        light_page = link.address if link.page in LIGHT_PAGES else self.addresses["overview"]
        light = f"/app/static/{words.pick('', lang + '/')}{file_name(light_page)}"
        image = origin + self.picture_address(link) if told.chart is not None else None
        return render("link_preview.html", lang=lang, title=told.title, summary=self.summary(link, told),
                      image=image, image_width=PREVIEW_WIDTH, image_alt=told.heading,
                      url=origin + link_address, snapshot_id=snapshot.snapshot_id,
                      made=words.text("preview_made", snapshot=snapshot.snapshot_id,
                                      created=words.local_time(snapshot.created_at)),
                      full_text=words.text("light_full"), light_href=origin + light, light_text=words.text("light_link"))

    def picture(self, link: LinkView) -> bytes | None:
        """The view's headline chart as a PNG, made once per snapshot and view and kept on disk; None
        where the page draws no chart for that view."""
        told = self.told(link)
        if told.chart is None:
            return None
        chart = told.chart
        return self._kept(link, ".png", lambda: titled_png(chart, told.title, told.heading))

    def first_paint(self, link: LinkView) -> str:
        """What a browser on a weak link draws before Streamlit's JavaScript has arrived: the view's
        title, summary and headline chart (inline SVG, no request of its own), inside the app's own
        page; the app's first chart (or its first finished run) hides it (first_paint.html)."""
        def make() -> bytes:
            told = self.told(link)
            drawn = ""
            if told.chart is not None:
                svg = chart_svg(told.chart, width=PREVIEW_WIDTH, name_chars=NAME_CHARS, caption=(told.heading,))
                drawn = inline_svg(svg, "ct-first", told.heading)
            return render("first_paint.html", lang=link.lang, title=told.title, summary=self.summary(link, told),
                          chart=markup(drawn), loading=link.words.text("first_paint_loading")).encode("utf-8")
        return self._kept(link, ".html", make).decode("utf-8")

    def first_paint_made(self, link: LinkView) -> str | None:
        """The first paint if it was made already; None otherwise (a page never waits for one)."""
        path = self._path(link, ".html")
        return path.read_text(encoding="utf-8") if path.exists() else None

    def _path(self, link: LinkView, suffix: str) -> Path:
        key = repr((link.page, link.lang, astuple(link.scope), astuple(link.view), link.state.indicator_id))
        folder = self.cache_dir / link.current.snapshot.snapshot_id
        return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}{suffix}"

    def _kept(self, link: LinkView, suffix: str, make) -> bytes:
        """Made once per snapshot and view, then read from disk."""
        path = self._path(link, suffix)
        folder = path.parent
        if path.exists():
            return path.read_bytes()
        made = make()
        self._keep(folder, path, made)
        return made

    def _keep(self, folder: Path, path: Path, made: bytes) -> None:
        """Written atomically; the oldest pictures and snapshots' folders go beyond the bounds."""
        write_atomically(path, made)
        kept = sorted(folder.glob("*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[MAX_PICTURES:]:
            old.unlink(missing_ok=True)
        folders = sorted((f for f in self.cache_dir.iterdir() if f.is_dir()), key=lambda f: f.stat().st_mtime,
                         reverse=True)
        for old in folders[MAX_SNAPSHOTS:]:
            shutil.rmtree(old, ignore_errors=True)

