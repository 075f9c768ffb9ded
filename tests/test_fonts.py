"""The fonts the proxy sends instead of Streamlit's (deploy/fonts.py): every icon the app can draw
is in the icon subset, drawn as in the original, and it is a small part of the original's size; the
text subsets have every Vietnamese letter and every weight."""
from __future__ import annotations

import io

import pytest

from deploy import fonts
from deploy.serve import ASSETS
from lib.web.registry import PAGES

pytest.importorskip("fontTools", reason="fontTools is pinned in requirements.txt")
from fontTools.ttLib import TTFont  # noqa: E402


@pytest.fixture(scope="module")
def made():
    folder = ASSETS / "fonts"  # the cache `make serve` uses: made there once per font and set of names
    blocks = fonts.nginx_locations(folder)
    served = fonts.served_subsets(folder)
    source = fonts.original_font(fonts.ICON_FONT)
    icons = served[f"/static/media/{source.name}"]
    original, subset = TTFont(source), TTFont(io.BytesIO(icons.read_bytes()))
    return {"folder": folder, "blocks": blocks, "served": served, "icons": icons, "source": source,
            "names": fonts.icon_names(), "original": original, "subset": subset,
            "ligatures": {"original": fonts.ligatures(original), "subset": fonts.ligatures(subset)}}


def _outline(font, glyph: str):
    table = font["glyf"]
    return list(table[glyph].getCoordinates(table)[0])


def test_the_names_include_the_apps_own_and_streamlits(made):
    names = made["names"]
    assert {entry.icon.split("/")[1].rstrip(":") for entry in PAGES.values()} <= names
    # The sidebar's own arrows and an expander's chevron are named by Streamlit's frontend, not by the app.
    assert {"keyboard_double_arrow_left", "expand_more"} <= names


def test_every_icon_name_draws_the_same_glyph_as_in_the_original(made):
    original, subset, table = made["original"], made["subset"], made["ligatures"]
    apps_own = fonts.icon_names(frontend=False)
    drawn = 0
    for name in sorted(made["names"]):
        before = fonts.icon_glyph(original, name, table["original"])
        if before is None:  # a name Streamlit's frontend draws as a picture (star_filled)
            assert name not in apps_own, f"the app names {name}, which the font does not have"
            continue
        after = fonts.icon_glyph(subset, name, table["subset"])
        assert after is not None, f"{name} is not an icon of the subset"
        assert _outline(subset, after) == _outline(original, before), name
        drawn += 1
    assert drawn >= len(apps_own) >= len(PAGES)


def test_the_icon_subset_holds_no_other_icon_and_is_far_smaller(made):
    unasked = [name for name in ("rocket_launch", "pets", "sports_soccer") if name not in made["names"]]
    assert unasked
    for name in unasked:
        assert fonts.icon_glyph(made["original"], name, made["ligatures"]["original"]) is not None
        assert fonts.icon_glyph(made["subset"], name, made["ligatures"]["subset"]) is None, name
    assert made["icons"].stat().st_size < made["source"].stat().st_size / 10
    assert made["icons"].read_bytes()[:4] == b"wOF2"


def test_the_text_subsets_have_every_vietnamese_letter_and_every_weight(made):
    for pattern in fonts.TEXT_FONTS:
        source = fonts.original_font(pattern)
        text = TTFont(io.BytesIO(made["served"][f"/static/media/{source.name}"].read_bytes()))
        cmap = text.getBestCmap()
        for letter in "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ₫–“”≈":
            assert ord(letter) in cmap, (source.name, letter)
        assert ord("Ж") in TTFont(source).getBestCmap() and ord("Ж") not in cmap  # the original has Cyrillic
        assert [axis.axisTag for axis in text["fvar"].axes] == ["wght"]  # bold stays bold, not faked
        assert made["served"][f"/static/media/{source.name}"].stat().st_size < source.stat().st_size / 3


def test_nginx_answers_streamlits_font_addresses_with_the_subsets(made):
    for address, path in made["served"].items():
        assert f"location = {address} {{\n            alias {path};" in made["blocks"]
    assert len(made["served"]) == 1 + len(fonts.TEXT_FONTS)
    assert fonts.nginx_locations(made["folder"]) == made["blocks"]  # made once per font and set of names
