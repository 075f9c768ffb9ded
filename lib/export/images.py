"""Charts as files: PNG and SVG rendered offline by vl-convert, and SVG ready to sit inside an HTML page.

Static charts use the chart's own config (look, Vietnamese number locale) plus a font the renderer has
*with Vietnamese letters*: the Liberation Sans on this machine (fonts-liberation 1.07) lacks the
precomposed Vietnamese vowels (ạ, ả, ợ …, U+1EA0–1EF9), so text holding them fell back to a serif font
in PNGs. DejaVu Sans has them; the rest of the stack is for browsers opening an exported SVG or the
brief (narrower fonts than DejaVu never overflow).
"""
from __future__ import annotations

import html
import re

import altair as alt
import vl_convert as vlc

from lib import charts
from lib import format as fmt

EXPORT_FONT = f"DejaVu Sans, {charts.EXPORT_FONT}, Arial, Helvetica, sans-serif"
EXPORT_WIDTH = 900  # px of a downloaded chart; PNGs are drawn at twice that
PNG_SCALE = 2


def export_spec(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH) -> dict:
    """The chart's Vega-Lite spec with the export font and a fixed width.

    The builders `finish` charts for the browser (no font, width fitted to the page); here the
    width is fixed (the layout fits labels and bars into it) and every text gets the export font.
    A chart that was never finished gets the Vietnamese number locale, the app's default."""
    spec = chart.to_dict()
    config = dict(spec.get("config") or {})
    config["font"] = EXPORT_FONT
    config.setdefault("locale", {"number": fmt.VEGA_LOCALE_VI})
    spec["config"] = config
    spec["width"] = width
    return spec


def chart_svg(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH) -> str:
    """A standalone SVG file (text kept as text, so names and labels stay searchable)."""
    return vlc.vegalite_to_svg(export_spec(chart, width))


def chart_png(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, scale: int = PNG_SCALE) -> bytes:
    """A PNG at `scale` × `width` pixels wide, sharp on a projector and in a document."""
    return vlc.vegalite_to_png(export_spec(chart, width), scale=scale)


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """An SVG ready to sit inside an HTML5 page: no namespace URLs (HTML knows <svg>), ids made
    unique to this chart (two charts on one page would otherwise share `clip1`), an accessible
    name, and sized by CSS."""
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg, count=0)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1)

