"""The meeting deck (lib/export/deck.py): every indicator of a status on its slides, long charts cut
into parts that fit, one axis over the parts, legends that name only what is drawn, and markup that
survives Streamlit's sanitiser."""
from __future__ import annotations

import json
import re

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.data import queries
from lib.export import deck, images
from lib.judgement import reading
from lib.render import charts
from lib.view.filters import Filters
from lib.words import look
from lib.words.words import Words


@pytest.fixture(scope="module", params=["vi", "en"])
def slides(request, built_snapshot, scope):
    return request.param, deck.make_slides(built_snapshot, scope, Words.of(request.param), "Tiểu Cần")


def _ids_on(slides: list[deck.Slide], key: str) -> set[str]:
    """Indicators a slide shows: the bars of its charts and its listed lines and cards."""
    found = set()
    for slide in slides:
        if slide.key != key:
            continue
        tree = lxml.html.fromstring(f"<div>{slide.body}</div>")
        for figure in tree.xpath("//figure[@data-indicators]"):
            found |= set(figure.get("data-indicators").split())
        found |= {node.get("data-indicator") for node in tree.xpath("//*[@data-indicator]")}
    return found


@given(st.lists(st.integers(), max_size=60), st.integers(min_value=1, max_value=12))
def test_chunks_keep_order_and_share_out_evenly(items, most):
    parts = deck.chunks(items, most)
    assert [x for part in parts for x in part] == items
    assert all(len(part) <= most for part in parts)
    if parts:
        assert max(map(len, parts)) - min(map(len, parts)) <= len(parts)
        assert len(parts) == -(-len(items) // most)


def test_each_status_slide_shows_every_indicator_of_that_status(slides, built_snapshot, scope):
    _, made = slides
    for key, statuses in (("missed", ("not_met", "met")), ("exceeded", ("exceeded",))):
        expected = set(queries.indicator_table(built_snapshot, scope, Filters(statuses=statuses))["indicator_id"])
        assert expected and _ids_on(made, key) == expected, key


def test_next_year_slides_draw_or_list_every_target(slides, built_snapshot, scope):
    lang, made = slides
    rows = queries.next_year_targets(built_snapshot, scope)
    shown = _ids_on(made, "next_all") | _ids_on(made, "next_all_listed")
    listed_kinds = ("not_comparable", "reduction", "no_baseline")
    expected = {r.indicator_id for r in reading.read_all(rows, Words.of(lang))
                if r.comparison in listed_kinds or (r.side_by_side and r.gap_value is not None)}
    assert expected and shown == expected


def test_a_long_chart_continues_on_numbered_slides_on_one_axis(slides):
    lang, made = slides
    parts = [s for s in made if s.key == "exceeded"]
    assert len(parts) >= 2, "18 bars do not fit one slide"
    assert [s.part for s in parts] == list(range(1, len(parts) + 1))
    assert all(s.heading.endswith(f"({s.part}/{len(parts)})") for s in parts)
    axes = set()
    for slide in parts:
        for svg in re.findall(r"<svg.*?</svg>", slide.body, re.S):
            ticks = re.findall(r'text-anchor="middle"[^>]*>([^<]+)</text>', svg)
            axes.add(tuple(ticks))
    assert len(axes) == 1, axes


def test_every_slide_body_fits_its_frame_as_foreseen(slides):
    """The heights the packing foresees: every chart and card row of a slide within its frame."""
    _, made = slides
    for slide in made:
        heights = [float(h) for h in re.findall(r"height:calc\(var\(--u\)\*([\d.]+)\)", slide.body)]
        assert sum(heights) <= deck.body_height(slide.title, slide.subtitle) + 1e-6, slide.heading


def test_legends_name_only_the_entries_drawn(built_snapshot, scope):
    rows = queries.next_year_targets(built_snapshot, scope)
    spec = images.export_spec(charts.next_year_chart(rows, Words.of("vi")))
    drawn = set(charts.next_year_chart(rows, Words.of("vi")).data["comparison"])
    [colour] = [layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {})]
    assert set(colour["legend"]["values"]) == drawn
    assert len(colour["legend"]["values"]) < len(colour["scale"]["domain"]), "the seed draws some, not all"


def test_every_colour_of_a_key_is_its_own():
    """Two greys side by side in a legend read as one colour on a projector."""
    def grey(colour: str) -> bool:
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return max(red, green, blue) - min(red, green, blue) < 16
    for palette in (look.COMPARISON_COLOURS, look.CHANGE_COLOURS):
        assert len(set(palette.values())) == len(palette), palette
        assert sum(map(grey, palette.values())) <= 1, palette


def test_slide_names_are_whole_never_cut(slides):
    """A static chart has no tooltip: names are written in full, over lines."""
    _, made = slides
    for slide in made:
        for svg in re.findall(r"<svg.*?</svg>", slide.body, re.S):
            assert "…" not in svg, slide.heading


def test_the_app_deck_carries_no_tag_in_its_script(built_snapshot, scope):
    """Streamlit's sanitiser drops a script whose text holds a tag; the deck's markup travels escaped."""
    made = deck.make_slides(built_snapshot, scope, Words.of("vi"), "Tiểu Cần")
    block = deck.deck_html(made, Words.of("vi"), start=3)
    script = block.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert not re.search(r"<[/\w!]", script)
    markup, _ = json.JSONDecoder().raw_decode(script.split("window.ctDeckMarkup = ", 1)[1])
    tree = lxml.html.fromstring(markup)
    assert len(tree.xpath("//section")) == len(made)
    assert tree.xpath("//section[contains(@class, 'on')]/@data-slide") == ["3"]


def test_a_standalone_deck_is_a_whole_file_without_the_leave_button(built_snapshot, scope):
    made = deck.make_slides(built_snapshot, scope, Words.of("en"), "Tiểu Cần")
    page = deck.deck_html(made, Words.of("en"), standalone=True)
    assert page.startswith("<!DOCTYPE html>") and 'lang="en"' in page
    buttons = re.findall(r'<button[^>]*data-deck="(\w+)"', page)
    assert buttons == ["prev", "next", "black", "full"]
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_a_slide_s_words_are_escaped_and_its_body_kept_as_markup():
    """Titles, keys and subtitles are text (escaped by the templates' autoescape); a body is markup the deck made."""
    hostile = "<script>alert(1)</script> & \"Vượt\" 'kế hoạch'"
    slide = deck.Slide(key=f"k{hostile}", title=hostile, subtitle=hostile, body="<div class=\"ct-line\"><b>12</b></div>")
    for standalone in (True, False):
        page = deck.deck_html([slide], Words.of("vi"), standalone=standalone)
        if not standalone:
            page = json.JSONDecoder().raw_decode(page.split("window.ctDeckMarkup = ", 1)[1])[0]
        tree = lxml.html.fromstring(page)
        assert not tree.xpath("//section//script"), standalone
        section = tree.xpath("//section")[0]
        assert section.get("aria-label") == hostile and section.get("data-key") == f"k{hostile}"
        assert section.xpath("string(h1)") == hostile and section.xpath("string(p[@class='ct-sub'])") == hostile
        assert section.xpath("string(.//div[@class='ct-line']/b)") == "12"
    assert "<title>&lt;script&gt;" in deck.deck_html([slide], Words.of("vi"), standalone=True)


def test_names_on_the_pages_charts_are_cut_between_words_never_inside_one(built_snapshot, scope):
    """On the page a long name is shortened (its tooltip holds it whole), never cut mid-word."""
    rows = queries.next_year_targets(built_snapshot, scope)
    data = charts.next_year_chart(rows, Words.of("vi")).data
    shortened = data[data["indicator"] != data["full_name"]]
    assert not shortened.empty, "the seed has names too long for an axis"
    for short, full in zip(shortened["indicator"], shortened["full_name"]):
        kept = short.removesuffix("…")
        assert short.endswith("…") and full.startswith(kept) and full[len(kept)] in " ,–-(", (short, full)


def test_the_report_s_judgement_rides_on_the_card_on_the_slide_and_in_the_brief(built_snapshot, scope):
    """Health insurance: no district plan in figures, but the report judges it in words."""
    from lib.export import brief
    judgement = "đạt theo chỉ tiêu tỉnh giao nhưng so với chỉ tiêu phấn đấu của huyện là chưa đạt"
    said = [s for s in deck.make_slides(built_snapshot, scope, Words.of("vi"), "Tiểu Cần") if s.key == "headlines"]
    cards = lxml.html.fromstring("<div>" + "".join(s.body for s in said) + "</div>")
    [card] = cards.xpath("//div[@data-indicator='health_insurance_coverage']")
    assert "Báo cáo nhận định" in card.text_content() and judgement in card.text_content()
    document = lxml.html.fromstring(brief.meeting_brief_html(built_snapshot, scope, Filters(), Words.of("vi")))
    [in_brief] = document.xpath("//div[contains(@class, 'ct-card')][@data-indicator='health_insurance_coverage']")
    assert judgement in in_brief.text_content()
    assert [s for s in deck.make_slides(built_snapshot, scope, Words.of("vi"), "Tiểu Cần") if s.key.startswith("shortcomings_")]
