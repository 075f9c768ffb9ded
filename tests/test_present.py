"""Meeting mode under AppTest: the slide lives in the URL, the buttons move through the deck."""
from pathlib import Path

import pytest
from page_support import charts as drawn_charts
from streamlit.testing.v1 import AppTest

from lib import charts, look
from lib.web.present import SLIDES

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def deck(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_present_link_opens_the_named_slide_without_the_overview():
    at = deck(present="1", slide="3")
    assert not at.exception
    assert at.title[0].value == "Chưa đạt hoặc vừa đạt kế hoạch 2022"
    assert at.query_params["slide"] == "3"
    assert not at.get("download_button"), "no take-away clutter on a slide"
    assert len(at.get("vega_lite_chart")) == 1


@pytest.mark.parametrize("slide, statuses", [("3", ["Đạt", "Không đạt"]), ("4", ["Vượt"])])
def test_a_status_slide_keys_only_the_statuses_it_shows(slide, statuses):
    """Slides 3 and 4 always show the same statuses: their colour key names those, each in its
    usual colour, and every bar drawn is one of them."""
    at = deck(present="1", slide=slide)
    [chart] = drawn_charts(at)
    scale = next(layer["encoding"]["color"]["scale"] for layer in chart["spec"]["layer"]
                 if "color" in layer.get("encoding", {}))
    assert scale["domain"] == statuses
    colours = {"Vượt": look.BLUE, "Đạt": look.GREEN, "Không đạt": look.VERMILLION}
    assert scale["range"] == [colours[s] for s in statuses]
    rows = chart["data"][charts.OWN_ROWS.name]
    assert len(rows) > 0
    assert set(rows["status"]) <= set(statuses)


@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_every_slide_renders(number):
    at = deck(present="1", slide=str(number))
    assert not at.exception
    assert at.title[0].value
    shown = [m.value for m in at.markdown] + [h.proto.body for h in at.get("html")]
    counter = [text for text in shown if f"{number} / {len(SLIDES)}" in text]
    assert counter, "the slide counter shows where the deck is"


def test_next_and_previous_move_through_the_deck_and_the_url():
    at = deck(present="1", slide="1")
    assert at.button(key="slide_previous").disabled
    at.button(key="slide_next").click().run()
    assert at.query_params["slide"] == "2"
    at.button(key="slide_next").click().run()
    assert at.query_params["slide"] == "3"
    at.button(key="slide_previous").click().run()
    assert at.query_params["slide"] == "2"
    assert at.title[0].value == "Chỉ tiêu chủ yếu"


def test_the_last_slide_cannot_go_further_and_a_too_large_slide_is_clamped():
    at = deck(present="1", slide=str(len(SLIDES)))
    assert at.button(key="slide_next").disabled
    beyond = deck(present="1", slide="999")
    assert not beyond.exception
    assert beyond.query_params["slide"] == str(len(SLIDES))


def test_keyboard_shortcuts_are_bound_for_clickers_and_arrow_keys():
    at = deck(present="1", slide="2")
    shortcuts = {key: at.button(key=key).proto.shortcut for key in
                 ("slide_previous", "slide_next", "slide_left", "slide_right", "slide_leave")}
    assert shortcuts == {"slide_previous": "pageup", "slide_next": "pagedown", "slide_left": "left",
                         "slide_right": "right", "slide_leave": "escape"}


def test_leaving_returns_to_the_overview_and_english_slides_are_english():
    at = deck(present="1", slide="4", lang="en")
    assert at.title[0].value == "Above the 2022 plan"
    at.button(key="slide_leave").click().run()
    assert "present" not in at.query_params and "slide" not in at.query_params
    assert at.title[0].value.startswith("Indicators")


def test_a_malformed_slide_gives_the_notice_and_the_first_slide():
    at = deck(present="1", slide="abc")
    assert not at.exception
    assert at.warning and "slide=abc" in at.warning[0].value
    assert at.title[0].value.startswith("Chỉ tiêu – ")
