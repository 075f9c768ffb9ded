"""Axes a phone and a projector can read (lib/render/axes.py) and slides that use the room
(lib/export/deck.py, lib/render/templates/deck.css)."""
from __future__ import annotations

import re

import pytest

from lib.export import deck
from lib.render import axes


@pytest.mark.parametrize(("values", "floor"), [([154.62, 75.0], 120.0), ([146.36, 100.0], 120.0), ([112.96, -20.92], 0.0)])
def test_a_fixed_axis_ends_near_the_data(values, floor):
    low, high = axes.x_extent(values, floor)
    assert low == min(min(values), 0.0)  # a fall's label sits right of zero: no room to its left
    assert max(max(values), floor) < high <= max(max(values), floor) * 1.3  # 154,62% no longer runs past 200%


def test_a_fall_alone_still_has_room_right_of_zero_for_its_label():
    low, high = axes.x_extent([-20.92, -8.6])
    assert low == -20.92 and high > 0


def test_ticks_follow_the_width_so_they_never_touch():
    assert "width / 90" in axes.TICKS and "max(2," in axes.TICKS


def test_a_long_axis_title_wraps_between_words():
    lines = axes.title_lines("Chênh lệch đến chỉ tiêu năm sau (%; tỷ lệ: điểm %)")
    assert isinstance(lines, list) and all(len(line) <= axes.TITLE_LINE for line in lines)
    assert " ".join(lines) == "Chênh lệch đến chỉ tiêu năm sau (%; tỷ lệ: điểm %)"
    assert axes.title_lines("% so với năm trước") == "% so với năm trước"


def test_slide_text_is_26_px_on_a_screen_768_pixels_high():
    u = 768 / 100
    # --u is the frame's hundredth before a slide's text grows (deck.css's --grow, up to 1,6×)
    css = deck.deck_css()
    body = float(re.search(r"\.ct-deck \{--frame-u:[^}]*font-size: calc\(var\(--u\) \* ([\d.]+)\)", css).group(1))
    line = float(re.search(r"\.ct-line \{font-size: calc\(var\(--u\) \* ([\d.]+)\)", css).group(1))
    assert body * u >= 26 and line * u >= 26 and deck.LINE_TEXT == line
    assert deck.CHART_TEXT / deck.PX_PER_U * u >= 26  # a chart's text, drawn as wide as a 16:9 frame
    assert deck.CHART_WIDTH / deck.PX_PER_U >= 1366 / 768 * 100 - 10  # charts as wide as a 16:9 screen


def test_short_slides_of_one_kind_share_a_slide():
    short = [deck.Slide(f"shortcomings_{d}", f"{d}: Hạn chế", f"<div class='ct-line'>{d}</div>", height=8.0)
             for d in ("economy", "culture_society", "security_order")]
    merged = deck.merged(short, "shortcomings_", "Hạn chế")
    assert len(merged) == 1 and merged[0].body.count('<h2 class="ct-group">') == 3
    tall = [deck.Slide("shortcomings_a", "a", "x", height=60.0), deck.Slide("shortcomings_b", "b", "y", height=60.0)]
    assert len(deck.merged(tall, "shortcomings_", "Hạn chế")) == 2
