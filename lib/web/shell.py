"""What every page does first: page config, the current snapshot, the URL state into the widgets,
the language switch, the unit and year menu, the sidebar. Stops with a short sentence (never a
traceback) when no data can be served."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import streamlit as st

from lib.data.cache import Current, DataUnavailable, Explorer, current, data_dir
from lib.data.queries import Scope
from lib.view.state import PAGE_KEYS, SNAPSHOT_ID, ViewState, parse
from lib.web import streamlit_words, url_sync, widgets
from lib.web.registry import PAGES
from lib.web.style import CSS, streamlit_words_css
from lib.web.then_and_now import older_snapshot_notice
from lib.words import labels
from lib.words.vntext import literal
from lib.words.words import Words

log = logging.getLogger("chitieu")


@dataclass
class Page:
    key: str
    kind: str
    state: ViewState
    explorer: Explorer
    scope: Scope
    current: Current

    @property
    def words(self) -> Words:
        """The page's words, in the language its URL and switch chose."""
        return Words.of(self.state.lang)

    @property
    def results(self) -> int:
        return self.scope.results_year

    @property
    def targets(self) -> int:
        return self.scope.targets_year

    @property
    def reporting_unit_name(self) -> str:
        return self.explorer.reporting_unit_name(self.scope.reporting_unit, self.words)


def start(key: str) -> Page:
    """Set up the page `key` of the registry: config, data, URL state into widgets, sidebar."""
    kind = PAGES[key].kind
    query = url_sync.query_now()
    guessed = Words.of(_language_now(query))
    st.set_page_config(page_title=guessed.label(labels.PAGES, key) + " · Chỉ tiêu",
                       page_icon="📊", layout="wide")  # a material favicon is fetched from a font CDN
    st.html(CSS + streamlit_words_css(guessed))
    named = (query.get("snap") or []) if "snap" in PAGE_KEYS[kind] else []
    try:
        # A link that names an older snapshot still kept shows that snapshot (lib/web/then_and_now.py).
        now = current(named[0]) if len(named) == 1 else current()
        explorer = Explorer(now.snapshot)
    except DataUnavailable as error:
        log.error("no snapshot can be served: %s", error)
        st.error(guessed.text("no_data"), icon=":material/database_off:")
        with st.expander(guessed.text("staff_details")):
            st.markdown(guessed.text("staff_searched", folder=data_dir() / "snapshots"))
            for rejected in error.rejected:
                st.markdown(f"- `{rejected.path.name}`: {rejected.reason}")
            st.markdown(guessed.text("staff_fix"))
        st.stop()
    default_scope = explorer.scope_for(None)
    domain = key if kind == "domain" else None
    allowed_groups = tuple(explorer.groups_present(default_scope, domain))
    parsed = parse(query, kind, allowed_groups, explorer.known_indicator_ids(), explorer.reporting_units, explorer.years,
                   now.served)
    url_sync.take_link(key, query, parsed.state)
    state = replace(parsed.state, lang=_language_switch(guessed))
    url_sync.keep_view_across_languages(key, state)
    state = _reporting_unit_and_year(explorer, state)
    scope = explorer.scope_for(state.reporting_unit, state.year)
    page = Page(key, kind, state, explorer, scope, now)
    _sidebar(page)
    if parsed.has_notice:
        st.warning(page.words.text("bad_link", items=", ".join(parsed.rejected)), icon=":material/link_off:")
    if len(named) == 1 and SNAPSHOT_ID.fullmatch(named[0]) and parsed.state.snapshot is None:
        st.info(page.words.text("snap_missing"), icon=":material/history_toggle_off:")
    older_snapshot_notice(page)
    if now.passed_over:
        log.warning("newer snapshots passed over: %s", [(r.path.name, r.reason) for r in now.passed_over])
        st.info(page.words.text("passed_over", snapshot=page.words.local_time(now.snapshot.created_at)),
                icon=":material/history:")
    return page


def finish(page: Page, state: ViewState | None = None) -> None:
    """The last call of a page run: the URL now names exactly what is on screen."""
    url_sync.write_url(page.key, page.kind, state or page.state)


def _language_now(query: dict) -> str:
    """The language switch's value once this session has seen this URL; the link's before that
    (the page title and the switch's own label are drawn before the switch is read)."""
    remembered = st.session_state.get("w_lang")
    if url_sync.seen_this_url(query) and remembered in labels.LANGUAGES:
        return remembered
    return "en" if query.get("lang") == ["en"] else "vi"


def _reporting_unit_and_year(explorer: Explorer, state: ViewState) -> ViewState:
    """Selectors for the reporting unit and the results year, shown only when there is a choice.

    They sit in one sidebar menu named after the unit and year shown, drawn only while open: a
    province has a thousand units, and a list that long is heavy to draw on every page."""
    words = Words.of(state.lang)
    unit_key = url_sync.widget_key("w_unit", words)
    several_units = len(explorer.reporting_units) > 1
    if several_units and st.session_state.get(unit_key) not in explorer.reporting_units:
        st.session_state[unit_key] = explorer.reporting_units[0]
    reporting_unit = st.session_state[unit_key] if several_units else state.reporting_unit
    years = explorer.years_of(reporting_unit or explorer.reporting_units[0])
    several_years = len(years) > 1
    if several_years and st.session_state.get("w_year") not in years:
        st.session_state["w_year"] = years[0]
    # Set on every run, so the choices hold through runs in which the menu is closed (a widget
    # not drawn in a run would lose its value).
    for key in [unit_key] * several_units + ["w_year"] * several_years:
        st.session_state[key] = st.session_state[key]
    if several_units or several_years:
        names = explorer.index.reporting_unit_names[words.lang]
        shown = " · ".join([names[reporting_unit or explorer.reporting_units[0]]] * several_units + [str(st.session_state["w_year"])] * several_years)
        with st.sidebar, st.popover(shown, icon=":material/location_city:", key="scope_menu", on_change="rerun",
                                    width="stretch", help=words.text("scope_help")) as menu:
            if menu.open and several_units:
                widgets.folded_picker(words.text("reporting_unit"), list(explorer.reporting_units), key=unit_key, words=words,
                                      format_func=names.__getitem__)
            if menu.open and several_years:
                st.selectbox(words.text("results_year"), options=years, key="w_year", placeholder=words.text("pick"))
    year = st.session_state["w_year"] if several_years else None
    return replace(state, reporting_unit=reporting_unit if several_units else None, year=year)


def _language_switch(default: Words) -> str:
    """The one place a reader chooses the page's language."""
    with st.sidebar:
        choice = st.segmented_control(default.text("language"), options=list(labels.LANGUAGES),
                                      format_func=lambda code: Words.of(code).text("language_name"),
                                      key="w_lang", selection_mode="single")
    return choice or "vi"


def _sidebar(page: Page) -> None:
    words = page.words
    links = words.link_query()
    if page.state.reporting_unit:
        links["unit"] = page.state.reporting_unit
    if page.state.year:
        links["year"] = str(page.state.year)
    if page.state.snapshot:
        links["snap"] = page.state.snapshot
    with st.sidebar:
        for key, entry in PAGES.items():
            if entry.in_navigation:
                st.page_link(entry.file, label=words.label(labels.PAGES, key), icon=entry.icon,
                             query_params=links)
        st.caption(snapshot_caption(page))
        for key, entry in PAGES.items():
            if not entry.in_navigation:  # the staff page loads reports, never an older snapshot
                st.page_link(entry.file, label=words.label(labels.PAGES, key), icon=entry.icon,
                             query_params={k: v for k, v in links.items() if k != "snap"})
        streamlit_words.show(words)


def snapshot_caption(page: Page) -> str:
    title = f"{literal(page.reporting_unit_name)} {page.results}"
    # To the minute: "01:32:51" in Markdown reads as an emoji code and pulls in the emoji library.
    created = page.words.local_time(page.current.snapshot.created_at)
    return page.words.text("snapshot_caption", title=title, snapshot=page.current.snapshot.snapshot_id, created=created)
