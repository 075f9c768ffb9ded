"""Meeting mode: full-screen slides, one idea each, moved with buttons, arrow keys or a clicker
(PageUp/PageDown); the slide number lives in the URL so a link opens the same slide."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import streamlit as st

from lib import charts
from lib.labels import DOMAINS, label, text
from lib.view.filters import Filters
from lib.view.state import ViewState
from lib.web import components
from lib.web.shell import Page
from lib.web.vega import chart

TEXT_SIZE = 20  # chart text on a projector, read from the back of the room
SLIDE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display: none !important;}
html {font-size: clamp(16px, 1.15vw, 26px);}
.block-container {padding-top: 1.2rem !important; max-width: 100% !important; padding-left: 3vw; padding-right: 3vw;}
h1 {font-size: 2.4rem !important;}
div[data-testid="stMetricValue"] {font-size: 3rem !important;}
div[data-testid="stMetricLabel"] p {font-size: 1.3rem !important;}
.st-key-slide_left, .st-key-slide_right {position: absolute; left: -9999px;}
</style>
"""


@dataclass(frozen=True)
class Slide:
    title: Callable[[Page], str]
    show: Callable[[Page], None]


def _counts(page: Page) -> None:
    st.caption(text("overview_subtitle", page.lang, results=page.results, targets=page.targets))
    components.status_counts(page, page.explorer.status_counts(page.scope))


def _headlines(page: Page) -> None:
    components.headline_cards(page, page.explorer.headline_indicators(page.scope), links=False)


def _attainment(statuses: tuple[str, ...]) -> Callable[[Page], None]:
    def show(page: Page) -> None:
        view = Filters(statuses=statuses)
        rows = page.explorer.attainment(page.scope, view)
        chart(charts.attainment_chart(rows, page.lang, text_size=TEXT_SIZE, statuses=statuses),
              key=f"slide_attainment_{'_'.join(statuses)}")
        # Every indicator of these statuses: those judged without a share are listed under the bars.
        components.judged_without_share(page, page.explorer.judged_without_share(page.scope, view))
    return show


def _next_year(domain: str | None) -> Callable[[Page], None]:
    def show(page: Page) -> None:
        rows = page.explorer.next_year_targets(page.scope, Filters(domain=domain))
        chart(charts.next_year_chart(rows, page.lang, text_size=TEXT_SIZE), key=f"slide_next_{domain}")
        components.targets_not_drawn(page, rows[rows["comparability"] == "not_comparable"])
    return show


def _year_on_year(page: Page) -> None:
    rows = page.explorer.year_on_year(page.scope, Filters(domain="economy"))
    chart(charts.year_on_year_chart(rows, page.lang, text_size=TEXT_SIZE), key="slide_yoy")


def _domain_plan_and_targets(domain: str) -> Callable[[Page], None]:
    def show(page: Page) -> None:
        left, right = st.columns(2)
        with left:
            st.subheader(text("attainment_title", page.lang, year=page.results))
            rows = page.explorer.attainment(page.scope, Filters(domain=domain))
            chart(charts.attainment_chart(rows, page.lang, text_size=TEXT_SIZE), key=f"slide_att_{domain}")
        with right:
            st.subheader(text("next_title", page.lang, results=page.results, targets=page.targets))
            rows = page.explorer.next_year_targets(page.scope, Filters(domain=domain))
            chart(charts.next_year_chart(rows, page.lang, text_size=TEXT_SIZE), key=f"slide_next_{domain}")
    return show


def _key_counts(domain: str, groups: tuple[str, ...]) -> Callable[[Page], None]:
    def show(page: Page) -> None:
        rows = page.explorer.counts_with_pairs(page.scope, Filters(domain=domain, groups=groups))
        components.counts_cards(page, rows)
    return show


SLIDES = (
    Slide(lambda p: text("app_title", p.lang, unit=p.unit_name), _counts),
    Slide(lambda p: text("headline_title", p.lang), _headlines),
    Slide(lambda p: text("slide_missed", p.lang, year=p.results), _attainment(("not_met", "met"))),
    Slide(lambda p: text("slide_exceeded", p.lang, year=p.results), _attainment(("exceeded",))),
    Slide(lambda p: text("next_title", p.lang, results=p.results, targets=p.targets), _next_year(None)),
    Slide(lambda p: f"{label(DOMAINS, 'economy', p.lang)}: {text('yoy_title', p.lang, previous=p.results - 1)}",
          _year_on_year),
    Slide(lambda p: label(DOMAINS, "culture_society", p.lang), _domain_plan_and_targets("culture_society")),
    Slide(lambda p: label(DOMAINS, "security_order", p.lang),
          _key_counts("security_order", ("crime", "drugs", "traffic"))),
    Slide(lambda p: label(DOMAINS, "party_politics", p.lang),
          _key_counts("party_politics", ("party_building",))),
)


def _move(to: int) -> None:
    st.query_params["slide"] = str(min(max(to, 1), len(SLIDES)))


def _leave() -> None:
    for key in ("present", "slide"):
        if key in st.query_params:
            del st.query_params[key]


def show(page: Page) -> ViewState:
    """The slide named in the URL, with the controls to move and to leave; returns the view state
    with the slide number kept within the deck."""
    st.html(SLIDE_CSS)
    number = min(page.state.slide, len(SLIDES))
    slide = SLIDES[number - 1]
    lang = page.lang
    st.title(slide.title(page))
    slide.show(page)
    previous, counter, following, leave = st.columns([1, 1, 1, 1])
    previous.button(text("slide_previous", lang), on_click=_move, args=(number - 1,), disabled=number == 1,
                    shortcut="PageUp", key="slide_previous", width="stretch", icon=":material/chevron_left:")
    with counter:
        st.html(f"<div style='text-align:center;font-size:1.3rem;padding-top:.3rem'>{number} / {len(SLIDES)}</div>")
    following.button(text("slide_next", lang), on_click=_move, args=(number + 1,), disabled=number == len(SLIDES),
                     shortcut="PageDown", key="slide_next", width="stretch", icon=":material/chevron_right:")
    leave.button(text("slide_leave", lang), on_click=_leave, shortcut="Esc", key="slide_leave", width="stretch",
                 icon=":material/close_fullscreen:")
    # Arrow keys too; these buttons sit off-screen, their shortcuts stay live.
    st.button("←", on_click=_move, args=(number - 1,), shortcut="Left", key="slide_left")
    st.button("→", on_click=_move, args=(number + 1,), shortcut="Right", key="slide_right")
    return replace(page.state, slide=number)


def enter_button(page: Page) -> None:
    def enter() -> None:
        st.query_params["present"] = "1"
        st.query_params["slide"] = "1"
    st.button(text("slide_enter", page.lang), on_click=enter, icon=":material/slideshow:", key="slide_enter")
