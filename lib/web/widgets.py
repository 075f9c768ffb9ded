"""The widgets a reader touches: the filters (drawn from their declarations in lib/view/filters.py),
the share and take-away menus, folded sections, a row of buttons."""
from __future__ import annotations

from functools import partial

import streamlit as st

from lib.export import brief, deck, images, light_page, sources, workbook
from lib.render.templating import piece
from lib.view import filters
from lib.view.filters import Filter, Filters
from lib.view.state import ViewState
from lib.web import registry, url_sync
from lib.words import labels
from lib.words.vntext import matches
from lib.words.words import Words


def folded(label: str, key: str, expanded: bool = False):
    """An expander whose content is drawn only while it is open (`.open`): what sits folded
    costs nothing to send or draw on every rerun."""
    return st.expander(label, expanded=expanded, key=key, on_change="rerun")


def folded_picker(label: str, options: list, format_func, key: str, words: Words):
    """A drop-down a leader picks from, with a search box above it that finds an option with or
    without diacritics ("thu ngan sach"): Streamlit's own filter matches the letters as typed only."""
    query = st.text_input(words.text("picker_search"), key=f"{key}_search",
                          placeholder=words.text("filter_search_placeholder"), max_chars=filters.MAX_SEARCH_LENGTH)
    found = [o for o in options if matches(query, format_func(o))] if query.strip() else list(options)
    if not found:
        st.caption(words.text("picker_none"))
        found = list(options)
    if st.session_state.get(key) not in found:
        st.session_state[key] = found[0]
    return st.selectbox(label, options=found, key=key, format_func=format_func, placeholder=words.text("pick"))


def button_row():
    """Buttons side by side at their own width: columns would stack them on a phone, three
    screen-wide rows before the first chart."""
    return st.container(horizontal=True, gap="small")


def _options(f: Filter, groups: list[str]) -> list:
    if f.field == "groups":
        return groups  # the groups this page's indicators fall in
    if f.field == "domain":
        return [None, *labels.DOMAINS]
    return list(f.vocabulary or ())


def _draw(f: Filter, words: Words, groups: list[str], compact: bool) -> None:
    """One filter's widget: a choice of one, pills (in sight) or a drop-down (`compact`) for a
    choice of several, a toggle for a flag, a text box for a search."""
    key = url_sync.widget_key(f.widget_key, words)
    label = words.text(f.label)

    def shown(value) -> str:
        return words.text("all") if value is None else words.label(f.vocabulary or {}, value)

    if f.default is None:
        st.selectbox(label, options=_options(f, groups), key=key, placeholder=words.text("all"), format_func=shown)
    elif isinstance(f.default, tuple) and compact:
        st.multiselect(label, options=_options(f, groups), key=key, format_func=shown, placeholder=words.text("all"))
    elif isinstance(f.default, tuple):
        st.pills(label, options=_options(f, groups), key=key, selection_mode="multi", format_func=shown, wrap=True)
    elif isinstance(f.default, bool):
        st.toggle(label, key=key)
    else:
        st.text_input(label, key=key, max_chars=filters.MAX_SEARCH_LENGTH,
                      placeholder=words.text("filter_search_placeholder"))


def filter_widgets(page, with_domain: bool = False) -> ViewState:
    """The page kind's filters; returns the view state they describe.

    On a domain page the statuses are pills in sight (one tap each, readable on a projector) and
    the rest sits in one "more filters" menu drawn only while open: a page opens with a third
    fewer widgets to draw. The data page, across every domain, shows every filter at once, with
    a drop-down for its many groups."""
    words = page.words
    shown = [f for f in filters.FILTERS if page.kind in f.pages]
    key = {f.field: url_sync.widget_key(f.widget_key, words) for f in filters.FILTERS}
    domain = st.session_state.get(key["domain"]) if with_domain else (page.key if page.kind == "domain" else None)
    if with_domain:
        columns = dict(zip([f.field for f in shown], st.columns([1, 1.2, 1.5, 0.9, 1.1][:len(shown)])))
        with columns["domain"]:
            _draw(filters.BY_FIELD["domain"], words, [], compact=True)
        domain = st.session_state.get(key["domain"])
    groups = page.explorer.groups_present(page.scope, domain)
    # Kept across runs in which the menu holding their widgets is closed (and not drawn).
    for f in shown:
        if f.field == "domain":
            continue  # drawn above, and already holding its value
        value = st.session_state.get(key[f.field])
        if f.field == "groups":
            value = [g for g in value or [] if g in groups]
        elif isinstance(f.default, tuple):
            value = list(value or [])
        elif isinstance(f.default, bool):
            value = bool(value)
        elif isinstance(f.default, str):
            value = value or ""
        st.session_state[key[f.field]] = value
    if with_domain:
        for f in shown:
            if f.field != "domain":
                with columns[f.field]:
                    _draw(f, words, groups, compact=True)
    else:
        in_sight, more = [f for f in shown if f.field == "statuses"], [f for f in shown if f.field != "statuses"]
        status_place, more_place = st.columns([3, 1], vertical_alignment="bottom")
        with status_place:
            for f in in_sight:
                _draw(f, words, groups, compact=False)
        # A fixed label: a menu whose label changes is a new menu, and closes under the reader's
        # finger. The caption under the filters names every filter in force.
        with more_place, st.popover(words.text("filter_more"), icon=":material/tune:", key="filters_menu",
                                    on_change="rerun", width="stretch") as menu:
            if menu.open:
                for f in more:
                    _draw(f, words, groups, compact=False)
    values = {f.field: _value_of(st.session_state.get(key[f.field])) for f in shown}
    values["domain"] = domain
    return page.state.with_filters(**values)


def _value_of(held):
    """A filter's value from what its widget holds (kept above in the widget's own form)."""
    if isinstance(held, list):
        return tuple(held)
    return held.strip() if isinstance(held, str) else held


def describe_filters(page, view: Filters, count: int) -> str:
    """The active filters as one sentence, so a projected screen says what it shows."""
    return page.words.text("in_view", what=filters.phrase(view, page.words, search_as_code=True, page_kind=page.kind), n=count)


# The share and take-away menus draw their content only while open: a dozen buttons fewer to send
# and draw on every rerun of every page, for one quick rerun when a menu is opened.
def _share_box(link: str, words: Words) -> str:
    """The link in a box, its copy button and the script behind it (lib/render/templates/share.js)."""
    return piece("components.html", "share_box", link, words.text("share"), words.text("share_copy"),
                 words.text("share_copied"))


def share(page, state: ViewState) -> None:
    """The link as text a finger can select, and a button that copies it (no icon that shows only
    under a mouse)."""
    with st.popover(page.words.text("share"), icon=":material/share:", key="share_menu", on_change="rerun") as menu:
        if menu.open:
            st.caption(page.words.text("share_help"))
            st.html(_share_box(url_sync.share_link(page.kind, state, page.current.snapshot.snapshot_id), page.words),
                    unsafe_allow_javascript=True)
            light_link(page)


def light_link(page) -> None:
    """"Bản nhẹ": the page as plain HTML for a weak link, written on the first draw after a publish."""
    light = registry.light_addresses()
    if page.key in light and light_page.ensure_light_pages(page.explorer.database.snapshot.path.parent.parent, light):
        address = page.words.pick("", "en/") + light_page.file_name(light[page.key])
        st.markdown(f"[{page.words.text('light_link')}](app/static/{address})")


def actions(page, state: ViewState, view: Filters | None = None, figures: dict | None = None) -> None:
    """Share this exact view, and (for a filtered view) take it away: Excel, the brief, the charts."""
    with button_row():
        share(page, state)
        if view is not None:
            take_away(page, view, figures or {})


def take_away(page, view: Filters, figures: dict) -> None:
    """One menu: the view as an Excel workbook, as a one-file meeting brief that prints on A4, and
    each chart as PNG and SVG, rendered offline only when clicked. `figures`: key → (title, chart)."""
    words, db, scope = page.words, page.explorer.database, page.scope
    with st.popover(words.text("take_away"), icon=":material/download:", key="take_away_menu",
                    on_change="rerun") as menu:
        if not menu.open:
            return
        st.download_button(words.text("download_xlsx"), icon=":material/table_view:",
                           data=lambda: workbook.workbook_for_view(db, scope, view, words),
                           file_name=sources.export_file_name(scope, view, "xlsx"),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="take_away_xlsx")
        st.download_button(words.text("download_brief"), icon=":material/description:",
                           data=lambda: brief.meeting_brief_html(db, scope, view, words),
                           file_name=sources.export_file_name(scope, view, "html"), mime="text/html",
                           key="take_away_brief")
        if page.kind == "overview":  # the slides are the whole report's, taken away from its overview
            st.download_button(words.text("download_deck"), icon=":material/slideshow:",
                               data=lambda: deck.deck_html(deck.make_slides(db, scope, words, page.reporting_unit_name), words,
                                                           standalone=True),
                               file_name=sources.export_file_name(scope, view, "html").replace(".html", "_trinh-chieu.html"),
                               mime="text/html", key="take_away_deck")
        for key, (title, figure) in figures.items():
            caption = sources.chart_caption(db, scope, view, title, words)
            png, svg = st.columns(2)
            # Each image carries its title, unit, filters and source; its file name says what it holds.
            png.download_button(f"{title} (PNG)", data=partial(images.chart_png, figure, caption=caption),
                                file_name=sources.chart_file_name(scope, view, key, words, "png"), mime="image/png",
                                key=f"{key}_png", type="tertiary", icon=":material/image:")
            svg.download_button(f"{title} (SVG)", data=partial(images.chart_svg, figure, name_chars=images.NAME_CHARS,
                                                               caption=caption),
                                file_name=sources.chart_file_name(scope, view, key, words, "svg"), mime="image/svg+xml",
                                key=f"{key}_svg", type="tertiary", icon=":material/image:")
