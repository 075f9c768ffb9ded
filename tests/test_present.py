"""Meeting mode under AppTest: a link opens the deck on the slide it names, within the deck; leaving
returns to the overview; English slides are English."""
import json
import re
from pathlib import Path

import lxml.html
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def deck(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def shown_deck(at: AppTest) -> lxml.html.HtmlElement:
    """The deck the page sent: the markup its script writes into the page."""
    [body] = [h.proto.body for h in at.get("html") if "window.ctDeckMarkup" in h.proto.body]
    markup, _ = json.JSONDecoder().raw_decode(body.split("window.ctDeckMarkup = ", 1)[1])
    return lxml.html.fromstring(markup)


def test_present_link_opens_the_named_slide_without_the_overview():
    at = deck(present="1", slide="3")
    assert not at.exception
    tree = shown_deck(at)
    [shown] = tree.xpath("//section[contains(@class, ' on')]")
    assert shown.get("data-slide") == "3"
    assert tree.xpath("//*[@data-testid='ct-deck-count']")[0].text_content() == f"3/{tree.get('data-count')}"
    assert at.query_params["slide"] == "3"
    assert not at.get("download_button"), "no take-away clutter on a slide"
    assert not at.get("vega_lite_chart"), "slides draw their charts themselves"
    assert not at.title, "the overview is not drawn under the deck"


def test_a_too_large_slide_is_clamped_to_the_last():
    at = deck(present="1", slide="999")
    assert not at.exception
    count = shown_deck(at).get("data-count")
    assert at.query_params["slide"] == count
    assert shown_deck(at).xpath("//section[contains(@class, ' on')]")[0].get("data-slide") == count


def test_every_slide_has_a_title_and_a_body():
    tree = shown_deck(deck(present="1"))
    sections = tree.xpath("//section")
    assert len(sections) >= 15
    for section in sections:
        assert section.xpath("./h1")[0].text_content().strip()
        assert section.xpath("./div[@class='ct-body']")[0].text_content().strip() or section.xpath(".//svg")


def test_leaving_returns_to_the_overview_and_english_slides_are_english():
    at = deck(present="1", slide="4", lang="en")
    titles = [h.text_content() for h in shown_deck(at).xpath("//section/h1")]
    assert "Headline indicators (1/3)" in titles and any(t.startswith("Above the 2022 plan") for t in titles)
    assert not any(re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", t) for t in titles[1:]), titles
    at.button(key="slide_leave").click().run()
    assert "present" not in at.query_params and "slide" not in at.query_params
    assert at.title[0].value.startswith("Indicators")


def test_a_malformed_slide_gives_the_notice_and_the_first_slide():
    at = deck(present="1", slide="abc")
    assert not at.exception
    assert at.warning and "slide=abc" in at.warning[0].value
    assert shown_deck(at).xpath("//section[contains(@class, ' on')]")[0].get("data-slide") == "1"


def test_the_overview_offers_the_slides_to_take_away():
    """The deck as one file that presents offline, from the overview's take-away menu."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["take_away_menu"] = True
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Tải bản trình chiếu") for label in labels), labels
