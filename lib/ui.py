"""What every page shares: set-up, navigation, language, the URL ↔ widget state, and the pieces
pages are built from (cards, tables, source quotes). Pages call these; no SQL here."""
from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from lib import charts, export, labels, tables
from lib import format as fmt
from lib.data import Current, DataUnavailable, Explorer, current, data_dir
from lib.labels import text
from lib.queries import Filters, Scope
from lib.state import ViewState, parse

log = logging.getLogger("chitieu")

PAGE_FILES = {
    "overview": "app.py",
    "economy": "pages/1_kinh_te.py",
    "culture_society": "pages/2_van_hoa_xa_hoi.py",
    "security_order": "pages/3_an_ninh_trat_tu.py",
    "party_politics": "pages/4_xay_dung_dang.py",
    "indicator": "pages/5_chi_tieu.py",
    "data": "pages/6_du_lieu.py",
}
STAFF_PAGE = "pages/7_nhap_bao_cao.py"  # not in the leaders' navigation; behind the staff password
PAGE_KINDS = {"overview": "overview", "indicator": "indicator", "data": "data", "staff": "staff",
              **{domain: "domain" for domain in labels.DOMAINS}}
ICONS = {"overview": ":material/dashboard:", "economy": ":material/agriculture:",
         "culture_society": ":material/school:", "security_order": ":material/local_police:",
         "party_politics": ":material/groups:", "indicator": ":material/query_stats:", "data": ":material/table:"}
STATUS_BADGE = {"exceeded": "blue", "met": "green", "not_met": "orange", "not_rated": "gray", "no_target": "gray"}
STATUS_MARK = {"exceeded": "▲", "met": "●", "not_met": "▼", "not_rated": "–", "no_target": "–"}

CSS = """
<style>
.block-container {padding-top: 2.2rem; max-width: 1400px;}
mark.ct-number {background: #FFE08A; padding: 0 .15em; border-radius: 3px; font-weight: 600;}
.ct-quote {border-left: 4px solid #0072B2; padding: .4rem .8rem; margin: .3rem 0 .8rem; background: #F4F8FB;}
div[data-testid="stMetricValue"] {font-size: 1.9rem;}
/* A figure wraps rather than lose its end (and unit) to an ellipsis in a narrow cell. */
div[data-testid="stMetricValue"] * {white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
.ct-counts {display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: .6rem; margin-bottom: .5rem;}
.ct-count {border: 1px solid #E2E6EA; border-top: 5px solid; border-radius: .4rem; padding: .5rem .8rem;}
.ct-count-label {font-size: .95rem; color: #4A5160;}
.ct-count-value {font-size: 2.1rem; font-weight: 600; line-height: 1.2;}
.ct-cards {display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: .6rem; margin-bottom: .8rem;}
.ct-card {border: 1px solid #E2E6EA; border-radius: .4rem; padding: .6rem .9rem;}
.ct-card-value {font-size: 1.4rem; font-weight: 600; line-height: 1.3;}
.ct-card-name {font-size: .9rem; color: #5A6170; margin-top: .2rem;}
.ct-headlines {grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));}
.ct-headlines .ct-card {display: flex; flex-direction: column; gap: .35rem; padding: .8rem 1rem;}
.ct-card-title {font-weight: 600;}
.ct-card-big {font-size: 1.8rem; font-weight: 600; line-height: 1.2;}
.ct-badge {display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .9rem; font-weight: 600;}
.ct-badge-exceeded {background: #DCEBF7; color: #005A8C;}
.ct-badge-met {background: #D5F0E6; color: #00704F;}
.ct-badge-not_met {background: #FBE3D6; color: #A34700;}
.ct-badge-no_target, .ct-badge-not_rated {background: #ECEEF1; color: #4A5160;}
.ct-tone-blue {color: #005A8C;} .ct-tone-orange {color: #A34700;} .ct-tone-violet {color: #6A3D9A;}
.ct-tone-gray {color: #5A6170;}
.ct-card-link {font-size: .9rem; margin-top: auto;}
.ct-judged {margin: .25rem 0;}
h5.ct-group {font-size: 1rem; font-weight: 600; margin: .6rem 0 .4rem; padding: 0;}
.ct-table-wrap {content-visibility: auto; max-height: 640px; overflow: auto; border: 1px solid #E2E6EA; border-radius: .4rem; margin-bottom: 1rem;}
.ct-table {border-collapse: separate; border-spacing: 0; width: 100%; font-size: .9rem;}
.ct-table .ct-badge {white-space: nowrap;}
.ct-table th {position: sticky; top: 0; z-index: 1; background: #F2F5F8; text-align: left; font-weight: 600;
  padding: .45rem .5rem; border-bottom: 1px solid #D5DAE0;}
.ct-table td {padding: .4rem .5rem; border-bottom: 1px solid #EEF0F3; vertical-align: top;}
.ct-table th:first-child, .ct-table td:first-child {position: sticky; left: 0; background: #FFFFFF; min-width: 10rem;
  max-width: 18rem;}
.ct-table th:first-child {background: #F2F5F8; z-index: 2;}
.ct-table .ct-num {text-align: right; white-space: nowrap;}
.ct-table tbody tr:hover td {background: #F7F9FB;}
</style>
"""


@dataclass
class Page:
    key: str
    kind: str
    state: ViewState
    explorer: Explorer
    scope: Scope
    current: Current

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def results(self) -> int:
        return self.scope.results_year

    @property
    def targets(self) -> int:
        return self.scope.targets_year


def _query_now() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _canonical(query: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else (v,)) for k, v in query.items()))


# Widgets whose option labels depend on the language keep one state per language: Streamlit
# remembers a choice by its shown label, so "Không đạt" would survive a switch to English.
LANGUAGE_BOUND = ("w_groups", "w_statuses", "w_domain", "w_indicator", "w_unit")


def widget_key(name: str, lang: str) -> str:
    return f"{name}_{lang}" if name in LANGUAGE_BOUND else name


def _remember(state: ViewState, languages: tuple[str, ...], widgets=None) -> None:
    """Put a view state into the widgets (of the given languages) before they are drawn."""
    for widget, field in WIDGETS.items():
        if widgets is not None and widget not in widgets:
            continue
        value = getattr(state, field)
        value = list(value) if isinstance(value, tuple) else value
        for lang in languages:
            st.session_state[widget_key(widget, lang)] = value


# Widget keys and the part of the view state each one holds.
WIDGETS = {"w_lang": "lang", "w_groups": "groups", "w_statuses": "statuses", "w_comparable": "comparable_only",
           "w_search": "search", "w_domain": "domain", "w_indicator": "indicator_id", "w_unit": "unit",
           "w_year": "year"}


def start(key: str) -> Page:
    """Set up a page: config, data, URL state into widgets, sidebar. Stops with a short sentence
    (never a traceback) when no data can be served."""
    kind = PAGE_KINDS[key]
    query = _query_now()
    guessed_lang = _language_now(query)
    st.set_page_config(page_title=labels.label(labels.PAGES, key, guessed_lang) + " · Chỉ tiêu",
                       page_icon=":material/monitoring:", layout="wide")
    st.html(CSS)
    try:
        now = current()
        explorer = Explorer(now.snapshot)
    except DataUnavailable as error:
        log.error("no snapshot can be served: %s", error)
        st.error(text("no_data", guessed_lang), icon=":material/database_off:")
        with st.expander(text("staff_details", guessed_lang)):
            st.markdown(text("staff_searched", guessed_lang, folder=data_dir() / "snapshots"))
            for rejected in error.rejected:
                st.markdown(f"- `{rejected.path.name}`: {rejected.reason}")
            st.markdown(text("staff_fix", guessed_lang))
        st.stop()
    default_scope = explorer.scope_for(None)
    domain = key if kind == "domain" else None
    allowed_groups = tuple(explorer.groups_present(default_scope, domain))
    parsed = parse(query, kind, allowed_groups, explorer.known_indicator_ids(), explorer.units, explorer.years)
    seen = st.session_state.get("_seen_query")
    if seen != (key, _canonical(query)):
        # The URL changed from outside (a pasted link, a page link): it wins over widget memory.
        _remember(parsed.state, labels.LANGUAGES)
        st.session_state["_seen_query"] = (key, _canonical(query))
    state = replace(parsed.state, lang=_language_switch(guessed_lang))
    last = st.session_state.get("_last_view")
    if last is not None and last[0] == key and last[1].lang != state.lang:
        # The same view in the other language; the switch itself is already drawn.
        _remember(replace(last[1], lang=state.lang), (state.lang,), widgets=LANGUAGE_BOUND)
    state = _unit_and_year(explorer, state)
    scope = explorer.scope_for(state.unit, state.year)
    page = Page(key, kind, state, explorer, scope, now)
    _sidebar(page)
    if parsed.has_notice:
        st.warning(text("bad_link", page.lang, items=", ".join(parsed.rejected)), icon=":material/link_off:")
    if now.passed_over:
        log.warning("newer snapshots passed over: %s", [(r.path.name, r.reason) for r in now.passed_over])
        st.info(text("passed_over", page.lang, snapshot=now.snapshot.snapshot_id), icon=":material/history:")
    return page


def _language_now(query: dict) -> str:
    """The language switch's value once this session has seen this URL; the link's before that
    (the page title and the switch's own label are drawn before the switch is read)."""
    seen_this_url = st.session_state.get("_seen_query", ("", ()))[1] == _canonical(query)
    remembered = st.session_state.get("w_lang")
    if seen_this_url and remembered in labels.LANGUAGES:
        return remembered
    return "en" if query.get("lang") == ["en"] else "vi"


def _unit_and_year(explorer: Explorer, state: ViewState) -> ViewState:
    """Selectors for the reporting unit and the results year, shown only when there is a choice.

    They sit in one sidebar menu named after the unit and year shown, drawn only while open: a
    province has a thousand units, and a list that long is heavy to draw on every page."""
    lang = state.lang
    unit_key = widget_key("w_unit", lang)
    several_units = len(explorer.units) > 1
    if several_units and st.session_state.get(unit_key) not in explorer.units:
        st.session_state[unit_key] = explorer.units[0]
    unit = st.session_state[unit_key] if several_units else state.unit
    years = explorer.years_of(unit or explorer.units[0])
    several_years = len(years) > 1
    if several_years and st.session_state.get("w_year") not in years:
        st.session_state["w_year"] = years[0]
    # Set on every run, so the choices hold through runs in which the menu is closed (a widget
    # not drawn in a run would lose its value).
    for key in [unit_key] * several_units + ["w_year"] * several_years:
        st.session_state[key] = st.session_state[key]
    if several_units or several_years:
        names = explorer.index.unit_names["vi" if lang == "vi" else "en"]
        shown = " · ".join([names[unit]] * several_units + [str(st.session_state["w_year"])] * several_years)
        with st.sidebar, st.popover(shown, icon=":material/location_city:", key="scope_menu", on_change="rerun",
                                    width="stretch", help=text("scope_help", lang)) as menu:
            if menu.open and several_units:
                st.selectbox(text("reporting_unit", lang), options=list(explorer.units), key=unit_key,
                             format_func=names.__getitem__)
            if menu.open and several_years:
                st.selectbox(text("results_year", lang), options=years, key="w_year")
    year = st.session_state["w_year"] if several_years else None
    return replace(state, unit=unit if several_units else None, year=year)


def _language_switch(default: str) -> str:
    with st.sidebar:
        choice = st.segmented_control(text("language", default), options=list(labels.LANGUAGES),
                                      format_func=lambda code: "Tiếng Việt" if code == "vi" else "English",
                                      key="w_lang", selection_mode="single")
    return choice or "vi"


def _sidebar(page: Page) -> None:
    lang = page.lang
    links = {"lang": lang} if lang != "vi" else {}
    if page.state.unit:
        links["unit"] = page.state.unit
    if page.state.year:
        links["year"] = str(page.state.year)
    with st.sidebar:
        for key, path in PAGE_FILES.items():
            st.page_link(path, label=labels.label(labels.PAGES, key, lang), icon=ICONS[key], query_params=links)
        st.caption(snapshot_caption(page))
        st.page_link(STAFF_PAGE, label=labels.label(labels.PAGES, "staff", lang), icon=":material/lock:",
                     query_params=links)


def snapshot_caption(page: Page) -> str:
    title = f"{unit_name(page)} {page.results}"
    # To the minute: "01:32:51" in Markdown reads as an emoji code and pulls in the emoji library.
    created = page.current.snapshot.created_at[:16].replace("T", " ") + " UTC"
    return text("snapshot_caption", page.lang, title=title, snapshot=page.current.snapshot.snapshot_id,
                created=created)


def publish(page: Page, state: ViewState) -> None:
    """Write the view state into the URL so the address bar is always a shareable link."""
    wanted = state.to_query(page.kind)
    if _canonical(wanted) != _canonical(_query_now()):
        st.query_params.from_dict(wanted)
    st.session_state["_seen_query"] = (page.key, _canonical(wanted))
    st.session_state["_last_view"] = (page.key, state)


def share_link(page: Page, state: ViewState) -> str:
    """The address of this exact view: page, filters, indicator, slide and language."""
    base = (st.context.url or "").split("?")[0]
    query = urlencode(state.to_query(page.kind), doseq=True)
    return f"{base}?{query}" if query else base


# The share and take-away menus draw their content only while open: a dozen buttons fewer to send
# and draw on every rerun of every page, for one quick rerun when a menu is opened.
def share(page: Page, state: ViewState) -> None:
    with st.popover(text("share", page.lang), icon=":material/share:", key="share_menu", on_change="rerun") as menu:
        if menu.open:
            st.caption(text("share_help", page.lang))
            st.code(share_link(page, state), language=None, wrap_lines=True)


def folded(label: str, key: str, expanded: bool = False):
    """An expander whose content is drawn only while it is open (`.open`): what sits folded
    costs nothing to send or draw on every rerun."""
    return st.expander(label, expanded=expanded, key=key, on_change="rerun")


def unit_name(page: Page) -> str:
    return page.explorer.unit_name(page.scope.reporting_unit, page.lang)


def filter_widgets(page: Page, with_domain: bool = False) -> ViewState:
    """Group, status, comparable-only and search; returns the view state they describe.

    On a domain page the statuses are pills in sight (one tap each, readable on a projector) and
    the rest sits in one "more filters" menu drawn only while open: a page opens with a third
    fewer widgets to draw. The data page, across every domain, shows every filter at once, with
    a drop-down for its many groups."""
    lang = page.lang
    keys = {name: widget_key(name, lang) for name in ("w_domain", "w_groups", "w_statuses")}
    domain = st.session_state.get(keys["w_domain"]) if with_domain else (page.key if page.kind == "domain" else None)
    if with_domain:
        columns = st.columns([1, 1.2, 1.5, 0.9, 1.1])
        with columns[0]:
            domain = st.selectbox(text("filter_domain", lang), options=[None, *labels.DOMAINS], key=keys["w_domain"],
                                  placeholder=text("all", lang),
                                  format_func=lambda d: text("all", lang) if d is None else labels.label(labels.DOMAINS, d, lang))
    groups = page.explorer.groups_present(page.scope, domain)
    # Kept across runs in which the menu holding their widgets is closed (and not drawn).
    st.session_state[keys["w_groups"]] = [g for g in st.session_state.get(keys["w_groups"]) or [] if g in groups]
    st.session_state["w_comparable"] = bool(st.session_state.get("w_comparable"))
    st.session_state["w_search"] = st.session_state.get("w_search") or ""

    def statuses() -> None:
        st.pills(text("filter_status", lang), options=list(labels.STATUSES), key=keys["w_statuses"],
                 selection_mode="multi", format_func=lambda s: labels.label(labels.STATUSES, s, lang), wrap=True)

    def comparable() -> None:
        st.toggle(text("filter_comparable", lang), key="w_comparable")

    def search() -> None:
        st.text_input(text("filter_search", lang), key="w_search", max_chars=80,
                      placeholder=text("filter_search_placeholder", lang))

    if with_domain:
        with columns[1]:
            st.multiselect(text("filter_group", lang), options=groups, key=keys["w_groups"],
                           format_func=lambda g: labels.label(labels.GROUPS, g, lang), placeholder=text("all", lang))
        with columns[2]:
            statuses()
        with columns[3]:
            comparable()
        with columns[4]:
            search()
    else:
        status_place, more_place = st.columns([3, 1], vertical_alignment="bottom")
        with status_place:
            statuses()
        # A fixed label: a menu whose label changes is a new menu, and closes under the reader's
        # finger. The caption under the filters names every filter in force.
        with more_place, st.popover(text("filter_more", lang), icon=":material/tune:", key="filters_menu",
                                    on_change="rerun", width="stretch") as menu:
            if menu.open:
                st.pills(text("filter_group", lang), options=groups, key=keys["w_groups"], selection_mode="multi",
                         format_func=lambda g: labels.label(labels.GROUPS, g, lang), wrap=True)
                comparable()
                search()
    return replace(page.state, domain=domain, groups=tuple(st.session_state[keys["w_groups"]] or ()),
                   statuses=tuple(st.session_state[keys["w_statuses"]] or ()),
                   comparable_only=bool(st.session_state["w_comparable"]),
                   search=(st.session_state["w_search"] or "").strip())


def filters_of(state: ViewState, domain: str | None) -> Filters:
    return Filters(domain=domain, groups=state.groups, statuses=state.statuses,
                   comparable_only=state.comparable_only, search=state.search)


def describe_filters(state: ViewState, lang: str, count: int, domain: str | None = None) -> str:
    """The active filters as one sentence, so a projected screen says what it shows."""
    phrase = tables.filters_phrase(filters_of(state, domain), lang, search_as_code=True)
    return text("in_view", lang, what=phrase, n=count)


def status_counts(page: Page, counts: dict[str, int]) -> None:
    """Four counts in a grid that keeps two per row on a phone instead of four stacked screens."""
    st.subheader(text("status_counts_title", page.lang, year=page.results))
    boxes = []
    for status in ("exceeded", "met", "not_met", "no_target"):
        value = counts.get(status, 0) + (counts.get("not_rated", 0) if status == "no_target" else 0)
        label = html.escape(f"{STATUS_MARK[status]} {labels.label(labels.STATUSES, status, page.lang)}")
        boxes.append(f"<div class='ct-count' data-testid='ct-count-{status}' style='border-top-color:"
                     f"{charts.STATUS_COLOURS[status]}'><div class='ct-count-label'>{label}</div>"
                     f"<div class='ct-count-value'>{fmt.number(value, page.lang)}</div></div>")
    st.html(f"<div class='ct-counts'>{''.join(boxes)}</div>")


def headline_cards(page: Page, rows: pd.DataFrame, links: bool = True) -> None:
    """Cards for the headline indicators: this year's value, status against plan, next year's target
    (or, where next year's target measures something else, that target with the word that it does).
    One HTML grid: light to draw, and it stacks on a phone. Every text is escaped."""
    targets = page.explorer.next_year_targets(page.scope)
    other_measure = targets[targets["comparability"] == "not_comparable"].set_index("baseline_id")
    cards = [_card_html(page, row, other_measure, links) for row in rows.to_dict("records")]
    st.html(f"<div class='ct-cards ct-headlines'>{''.join(cards)}</div>")


def _tone(colour: str, body: str) -> str:
    return f"<span class='ct-tone-{colour}'>{html.escape(body)}</span>"


def _card_html(page: Page, row: dict, other_measure: pd.DataFrame, link: bool) -> str:
    lang = page.lang
    parts = [f"<div class='ct-card-title'>{html.escape(row[labels.name_column(lang)])}</div>",
             f"<div class='ct-card-big'>{html.escape(tables.actual_text(row, lang))}</div>"]
    if row["status"] in ("exceeded", "met", "not_met"):
        target = tables.value_text(row["target"], row, lang, decimals=1 if row["target_derived"] else None)
        plan = (f"{text('card_plan_derived', lang, year=page.results)} {target}" if row["target_derived"]
                else f"{text('card_plan', lang, year=page.results)}: {target}")
        share = (fmt.percent(row["attainment_pct"], lang) if not pd.isna(row["attainment_pct"])
                 else text("card_against_plan", lang, difference=tables.difference_text(row, lang)))
        badge = f"{STATUS_MARK[row['status']]} {labels.label(labels.STATUSES, row['status'], lang)}"
        parts.append(f"<div><span class='ct-badge ct-badge-{row['status']}'>{html.escape(badge)}</span> "
                     f"{html.escape(f'{share} · {plan}')}</div>")
    else:
        parts.append(f"<div><span class='ct-badge ct-badge-no_target'>"
                     f"{html.escape(text('card_no_plan', lang, year=page.results))}</span></div>")
    if pd.isna(row["next_target"]) and row["indicator_id"] in other_measure.index:
        parts.append(f"<div>{_other_measure_line(page, other_measure.loc[[row['indicator_id']]].iloc[0])}</div>")
    else:
        parts.append(f"<div>{_next_year_line(page, row)}</div>")
    if link:
        parts.append(f"<a class='ct-card-link' href='{html.escape(indicator_address(page, row['indicator_id']))}'>"
                     f"{html.escape(text('open_indicator', lang))} →</a>")
    return f"<div class='ct-card'>{''.join(parts)}</div>"


def _other_measure_line(page: Page, target) -> str:
    lang = page.lang
    shown = (f"{text('card_next', lang, year=page.targets)}: {target[labels.name_column(lang)]} "
             f"{tables.value_text(target['next_target'], target, lang)} · ")
    return html.escape(shown) + _tone("gray", text("card_not_comparable", lang))


def _next_year_line(page: Page, row) -> str:
    lang = page.lang
    if pd.isna(row["next_target"]):
        return _tone("gray", text("card_no_next", lang, year=page.targets))
    lead = html.escape(f"{text('card_next', lang, year=page.targets)}: {tables.value_text(row['next_target'], row, lang)} · ")
    if row["comparability"] not in ("same_measure", "converted"):
        return lead + _tone("gray", text("card_not_comparable", lang))
    change = tables.change_text(row, lang)
    if row["gap"] == "reached":
        return lead + _tone("blue", text("card_reached", lang, year=page.targets))
    if row["gap"] == "above_result":
        return lead + _tone("violet", text("card_above", lang, change=change))
    if row["gap"] == "below_result":
        return lead + _tone("gray", text("card_below", lang, change=change))
    return lead + _tone("orange", text("card_to_go", lang, change=change))


def judged_without_share(page: Page, rows: pd.DataFrame) -> None:
    """Under the attainment chart: results judged against their target without a share (growth)."""
    lang = page.lang
    name = labels.name_column(lang)
    lines = []
    for row in rows.to_dict("records"):
        badge = f"{STATUS_MARK[row['status']]} {labels.label(labels.STATUSES, row['status'], lang)}"
        figures = (f"{tables.value_text(row['actual'], row, lang)} · {text('card_plan', lang, year=page.results)}: "
                   f"{tables.value_text(row['target'], row, lang)} "
                   f"({text('card_against_plan', lang, difference=tables.difference_text(row, lang))})")
        lines.append(f"<div class='ct-judged'><span class='ct-badge ct-badge-{html.escape(row['status'])}'>"
                     f"{html.escape(badge)}</span> <b>{html.escape(row[name])}</b>: {html.escape(figures)}</div>")
    if lines:
        st.html("".join(lines))


def chart(figure, key: str) -> None:
    st.vega_lite_chart(_drawn_spec(figure), width="stretch", key=key)


def _drawn_spec(figure) -> dict:
    """The chart's spec with its rows already in Arrow, as Streamlit sends them (it passes bytes
    through). Made once and kept on the chart object, which the builders' memo keeps while in use,
    so a rerun or another session reuses it; for a chart made of a layout and rows, only the rows
    are new."""
    spec = figure.__dict__.get("_drawn_spec")
    if spec is None:
        parts = charts.layout_spec(figure)
        if parts is None:
            spec = charts.stable_dataset_names(figure.to_dict(validate=False))
            datasets = spec.get("datasets") or {}
        else:
            spec, rows = parts
            datasets = {**spec.get("datasets", {}), charts.OWN_ROWS.name: rows}
        spec = {**spec, "datasets": {name: dataframe_util.convert_anything_to_arrow_bytes(rows)
                                     for name, rows in datasets.items()}}
        object.__setattr__(figure, "_drawn_spec", spec)  # an instance attribute, not part of the spec
    return spec


def actions(page: Page, state: ViewState, filters: Filters | None = None, figures: dict | None = None) -> None:
    """Share this exact view, and (for a filtered view) take it away: Excel, the brief, the charts."""
    with button_row():
        share(page, state)
        if filters is not None:
            take_away(page, filters, figures or {})


def button_row():
    """Buttons side by side at their own width: columns would stack them on a phone, three
    screen-wide rows before the first chart."""
    return st.container(horizontal=True, gap="small")


def take_away(page: Page, filters: Filters, figures: dict) -> None:
    """One menu: the view as an Excel workbook, as a one-file meeting brief that prints on A4, and
    each chart as PNG and SVG, rendered offline only when clicked. `figures`: key → (title, chart)."""
    lang, db, scope = page.lang, page.explorer.database, page.scope
    with st.popover(text("take_away", lang), icon=":material/download:", key="take_away_menu",
                    on_change="rerun") as menu:
        if not menu.open:
            return
        st.download_button(text("download_xlsx", lang), icon=":material/table_view:",
                           data=lambda: export.workbook_for_view(db, scope, filters, lang),
                           file_name=export.export_file_name(scope, filters, "xlsx"),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="take_away_xlsx")
        st.download_button(text("download_brief", lang), icon=":material/description:",
                           data=lambda: export.meeting_brief_html(db, scope, filters, lang),
                           file_name=export.export_file_name(scope, filters, "html"), mime="text/html",
                           key="take_away_brief")
        for key, (title, figure) in figures.items():
            png, svg = st.columns(2)
            png.download_button(f"{title} (PNG)", data=lambda figure=figure: export.chart_png(figure),
                                file_name=f"{key}.png", mime="image/png", key=f"{key}_png", type="tertiary",
                                icon=":material/image:")
            svg.download_button(f"{title} (SVG)", data=lambda figure=figure: export.chart_svg(figure),
                                file_name=f"{key}.svg", mime="image/svg+xml", key=f"{key}_svg", type="tertiary",
                                icon=":material/image:")


def indicator_table(page: Page, rows: pd.DataFrame) -> None:
    """The table whose indicator names open the indicator page."""
    shown = tables.indicator_table(rows, page.lang, page.results, page.targets)
    st.caption(text("table_help", page.lang))
    links = [indicator_address(page, indicator_id) for indicator_id in rows["indicator_id"]]
    words = {text("col_indicator", page.lang), text("col_status", page.lang)}
    static_table(shown, page.lang, links=links, numeric=[c for c in shown.columns if c not in words],
                 statuses=list(rows["status"]), testid="ct-indicator-table")


def indicator_address(page: Page, indicator_id: str) -> str:
    """The indicator page's address, in this page's language, unit and year."""
    query = {"id": indicator_id, **{key: value for key, value in page.state.to_query("indicator").items()
                                    if key in ("lang", "unit", "year")}}
    return f"./chi_tieu?{urlencode(query, doseq=True)}"


def static_table(shown: pd.DataFrame, lang: str, links: list[str] | None = None, numeric=(),
                 statuses: list[str] | None = None, testid: str = "ct-table") -> None:
    st.html(static_table_html(shown, lang, links, numeric, statuses, testid), unsafe_allow_javascript=True)


def static_table_html(shown: pd.DataFrame, lang: str, links: list[str] | None = None, numeric=(),
                      statuses: list[str] | None = None, testid: str = "ct-table") -> str:
    """A table of already formatted texts, far lighter to draw than an interactive grid, readable on
    a projector, scrolling inside its box on a phone. The first column links to `links[i]` when
    given; `numeric` names the columns set right; `statuses` colours the status cell of each row.

    Its cells go as JSON and a few lines of script build the table, every cell set as text (never
    parsed as HTML): Streamlit cleans every HTML element it is sent with DOMPurify, which took
    ~25 ms for a 184-row table, where building it takes ~2 ms."""
    columns = [str(column) for column in shown.columns]
    status_column = text("col_status", lang)
    cells = {"head": columns, "numeric": [column in set(numeric) for column in columns],
             "status": columns.index(status_column) if statuses is not None and status_column in columns else -1,
             "rows": [["" if value is None else str(value) for value in values]
                      for values in shown.itertuples(index=False)],
             "links": links, "statuses": statuses}
    # No "<", ">" or "&" inside the script element: no cell can end it or open a comment in it.
    payload = json.dumps(cells, ensure_ascii=False)
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        payload = payload.replace(character, escaped)
    # Below the fold the browser lays the table out only when it is scrolled near: a height to keep
    # meanwhile (a header and ~2 lines a row, at most the box's 640 px) keeps the page from jumping.
    estimate = min(640, 40 + 44 * len(shown))
    return (f"<div class='ct-table-wrap' data-testid='{html.escape(testid)}' "
            f"style='contain-intrinsic-size: auto {estimate}px'></div><script>{TABLE_SCRIPT}({payload})</script>")


# Builds the table from its cells in the box just before this script (see static_table_html).
TABLE_SCRIPT = """(function (cells) {
  const box = document.currentScript.previousElementSibling, table = document.createElement("table");
  const add = (parent, tag, content, className) => {
    const element = parent.appendChild(document.createElement(tag));
    if (className) element.className = className;
    if (content !== undefined) element.textContent = content;
    return element;
  };
  table.className = "ct-table";
  const head = table.createTHead().insertRow();
  cells.head.forEach((name, i) => add(head, "th", name, cells.numeric[i] && "ct-num"));
  const body = table.createTBody();
  cells.rows.forEach((values, r) => {
    const row = body.insertRow();
    values.forEach((value, i) => {
      if (i === 0 && cells.links) add(add(row, "td"), "a", value).href = cells.links[r];
      else if (i === cells.status) add(add(row, "td"), "span", value, "ct-badge ct-badge-" + cells.statuses[r]);
      else add(row, "td", value, cells.numeric[i] && "ct-num");
    });
  });
  box.replaceChildren(table);
})"""


def highlighted_sentence(sentence: str, numbers: list[str]) -> str:
    """The report's sentence with its numbers marked (whole numbers only); everything escaped."""
    from lib.vntext import numeric_tokens
    wanted = set(numbers)
    pieces, last = [], 0
    for token in numeric_tokens(sentence):
        if token.text in wanted:
            pieces.append(html.escape(sentence[last:token.start]))
            pieces.append(f"<mark class='ct-number'>{html.escape(token.text)}</mark>")
            last = token.end
    pieces.append(html.escape(sentence[last:]))
    return f"<div class='ct-quote'>{''.join(pieces)}</div>"


def counts_cards(page: Page, rows: pd.DataFrame) -> None:
    """Counts without a target, each with its pair (19 vụ / 18 lượt đối tượng), grouped: one light
    HTML grid per group (dozens of bordered containers slow the page down), wrapping on a phone."""
    lang = page.lang
    name = labels.name_column(lang)
    pair_name = "pair_name_vi" if lang == "vi" else "pair_name_en"
    by_group: dict[str, list[dict]] = {}
    for row in rows.to_dict("records"):  # once: per-group frames cost ~2 ms each to turn into dicts
        by_group.setdefault(row["group"], []).append(row)
    blocks = []
    for group, members in by_group.items():
        cards = []
        for row in members:
            value = tables.actual_text(row, lang)
            detail = row[name]
            if not pd.isna(row.get("pair_actual")):
                pair_unit = row["pair_unit_en"] if lang == "en" and isinstance(row["pair_unit_en"], str) else row["pair_unit"]
                value += f" / {fmt.with_unit(row['pair_actual'], pair_unit, lang)}"
                detail += f" / {row[pair_name]}"
            cards.append(f"<div class='ct-card'><div class='ct-card-value'>{html.escape(value)}</div>"
                         f"<div class='ct-card-name'>{html.escape(detail)}</div></div>")
        blocks.append(f"<h5 class='ct-group'>{html.escape(labels.label(labels.GROUPS, group, lang))}</h5>"
                      f"<div class='ct-cards'>{''.join(cards)}</div>")
    st.html("".join(blocks))


def targets_not_drawn(page: Page, targets: pd.DataFrame) -> None:
    """Next-year targets that cannot be set beside this year's result: listed with the reason."""
    lang = page.lang
    for comparability, title in (("not_comparable", "not_comparable_title"), ("no_baseline", "no_baseline_title")):
        listed = targets[targets["comparability"] == comparability]
        if listed.empty:
            continue
        with folded(f"{text(title, lang, results=page.results, targets=page.targets)} ({len(listed)})",
                    key=f"{comparability}_menu", expanded=comparability == "not_comparable") as menu:
            if not menu.open:
                continue
            # A static table wraps the reasons instead of cutting them off.
            shown = tables.not_comparable_table(listed, lang, page.results, page.targets)
            static_table(shown, lang, links=[indicator_address(page, i) for i in listed["indicator_id"]],
                         numeric=[text("col_next", lang, year=page.targets)], testid=f"ct-{comparability}-table")


def observation_list(page: Page, values: pd.DataFrame) -> None:
    """Every value of one indicator by year and kind; derived ones say how."""
    lang = page.lang
    shown = pd.DataFrame([{
        text("col_year", lang): str(v["year"]),
        text("col_kind", lang): labels.label(labels.KINDS, v["kind"], lang),
        text("col_value", lang, year="").strip(): (("≈ " if v["origin"] == "derived" else "")
                                                    + fmt.with_unit(v["value"], v["unit"], lang,
                                                                    decimals=1 if v["origin"] == "derived" else None)),
        text("col_qualifier", lang): v["qualifier"] if isinstance(v["qualifier"], str) else "",
        text("col_origin", lang): labels.label(labels.ORIGINS, v["origin"], lang)
        + (f" ({v['derivation']})" if isinstance(v["derivation"], str) else ""),
    } for _, v in values.iterrows()])
    st.dataframe(shown, hide_index=True, width="stretch")


def across_units(page: Page, indicator_id: str) -> None:
    """The same indicator in every reporting unit, best first; shown once there are several units."""
    if len(page.explorer.units) < 2:
        return
    rows = page.explorer.indicator_across_units(indicator_id, page.results)
    if len(rows) < 2:
        return
    st.subheader(text("across_units_title", page.lang, year=page.results))
    chart(charts.units_chart(rows, page.lang), key="across_units")


def related_links(page: Page, related: pd.DataFrame) -> None:
    if related.empty:
        return
    st.markdown(f"**{text('related', page.lang)}**")
    name = labels.name_column(page.lang)
    for _, other in related.iterrows():
        st.page_link(PAGE_FILES["indicator"], label=other[name], icon=":material/link:",
                     query_params={"id": other["indicator_id"], **({"lang": page.lang} if page.lang != "vi" else {})})
