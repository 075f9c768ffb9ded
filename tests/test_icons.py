"""The icon font the proxy sends instead of Streamlit's (deploy/icons.py): every icon the app can
draw is in it, drawn as in the original, and it is a small part of the original's size."""
from __future__ import annotations

import io

import pytest

from deploy import icons
from lib.web.registry import PAGES

pytest.importorskip("fontTools", reason="fontTools is pinned in requirements.txt")
from fontTools.ttLib import TTFont  # noqa: E402


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("icons")
    block = icons.nginx_location(folder)
    served = next(folder.glob("icons-*.woff2"))
    source = icons.original_font()
    original, subset = TTFont(source), TTFont(io.BytesIO(served.read_bytes()))
    return {"folder": folder, "block": block, "served": served, "source": source, "names": icons.icon_names(),
            "original": original, "subset": subset,
            "ligatures": {"original": icons.ligatures(original), "subset": icons.ligatures(subset)}}


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
    apps_own = icons.icon_names(frontend=False)
    drawn = 0
    for name in sorted(made["names"]):
        before = icons.icon_glyph(original, name, table["original"])
        if before is None:  # a name Streamlit's frontend draws as a picture (star_filled)
            assert name not in apps_own, f"the app names {name}, which the font does not have"
            continue
        after = icons.icon_glyph(subset, name, table["subset"])
        assert after is not None, f"{name} is not an icon of the subset"
        assert _outline(subset, after) == _outline(original, before), name
        drawn += 1
    assert drawn >= len(apps_own) >= len(PAGES)


def test_the_subset_holds_no_other_icon_and_is_far_smaller(made):
    unasked = [name for name in ("rocket_launch", "pets", "sports_soccer") if name not in made["names"]]
    assert unasked
    for name in unasked:
        assert icons.icon_glyph(made["original"], name, made["ligatures"]["original"]) is not None
        assert icons.icon_glyph(made["subset"], name, made["ligatures"]["subset"]) is None, name
    assert made["served"].stat().st_size < made["source"].stat().st_size / 10
    assert made["served"].read_bytes()[:4] == b"wOF2"


def test_nginx_answers_streamlits_font_address_with_the_subset(made):
    assert f"location = /static/media/{made['source'].name} {{" in made["block"]
    assert f"alias {made['served']};" in made["block"]
    assert icons.nginx_location(made["folder"]) == made["block"]  # made once per font and set of names
