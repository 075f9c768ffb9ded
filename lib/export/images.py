"""Charts as files: PNG and SVG rendered offline by vl-convert, and SVG ready to sit inside an HTML page.

Static charts use the chart's own config (look, Vietnamese number locale) plus a font the renderer has
*with Vietnamese letters*: the Liberation Sans on this machine (fonts-liberation 1.07) lacks the
precomposed Vietnamese vowels (ạ, ả, ợ …, U+1EA0–1EF9), so text holding them fell back to a serif font
in PNGs. DejaVu Sans has them; the rest of the stack is for browsers opening an exported SVG or the
brief (narrower fonts than DejaVu never overflow).
"""
from __future__ import annotations

import re

import altair as alt
import vl_convert as vlc

from lib.render import charts
from lib.render.templating import piece
from lib.words import number_format as fmt

EXPORT_FONT = f"DejaVu Sans, {charts.EXPORT_FONT}, Arial, Helvetica, sans-serif"
EXPORT_WIDTH = 900  # px of a downloaded chart; PNGs are drawn at twice that
PNG_SCALE = 2
NAME_CHARS = 34  # an indicator name's line in a downloaded chart


def export_spec(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, name_chars: int | None = None,
                caption: tuple[str, ...] = (), x_domain: tuple[float, float] | None = None) -> dict:
    """The chart's Vega-Lite spec with the export font and a fixed width.

    The builders `finish` charts for the browser (no font, width fitted to the page); here the
    width is fixed (the layout fits labels and bars into it) and every text gets the export font.
    A chart that was never finished gets the Vietnamese number locale, the app's default.
    A static chart has no tooltip to show a shortened name, so names are written in full, wrapped
    at `name_chars` characters when given; its legend lists only what it draws; `caption` (title,
    then lines under it) travels inside the image; `x_domain` keeps one axis over the parts of a
    chart cut over several slides."""
    spec = chart.to_dict()
    config = dict(spec.get("config") or {})
    config["font"] = EXPORT_FONT
    config.setdefault("locale", {"number": fmt.VEGA_LOCALE_VI})
    spec["config"] = config
    spec["width"] = width
    _legend_lists_what_is_drawn(spec)
    x_domain = x_domain or charts.drawn_extent(chart)
    if name_chars:
        _names_in_full(spec, name_chars)
    if x_domain:
        # The unseen layer that stretches a page's axis for its labels has no work on a fixed axis.
        if isinstance(spec.get("layer"), list):
            spec["layer"] = [layer for layer in spec["layer"] if not _is_reach(layer)]
        for layer in _layers(spec):
            x = (layer.get("encoding") or {}).get("x")
            if isinstance(x, dict) and x.get("type") == "quantitative":
                x["scale"] = {**(x.get("scale") or {}), "domain": list(x_domain), "nice": False}
    if caption:
        size = (config.get("axis") or {}).get("labelFontSize", 13)
        lines = [line for words in caption[1:] for line in wrap(words, int(width / (size * 0.55)))]
        spec["title"] = {"text": caption[0], "subtitle": lines, "anchor": "start", "fontSize": size * 1.25,
                         "subtitleFontSize": size * 0.9, "subtitleColor": "#4A5160", "offset": size * 0.8}
    return spec


def _is_reach(layer: dict) -> bool:
    """The axis-stretching layer of lib/render/axes.reach: an unseen rule."""
    mark = layer.get("mark")
    return isinstance(mark, dict) and mark.get("type") == "rule" and mark.get("opacity") == 0


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer") or [spec]


def _rows(spec: dict) -> list[dict]:
    return [row for rows in (spec.get("datasets") or {}).values() for row in rows if isinstance(row, dict)]


def _legend_lists_what_is_drawn(spec: dict) -> None:
    """A colour key fixed for the browser (so a filter swaps rows without a new chart) names
    only the entries present in the rows: an image shows no legend entry it does not draw."""
    rows = _rows(spec)
    for layer in _layers(spec):
        colour = (layer.get("encoding") or {}).get("color")
        if not isinstance(colour, dict) or not isinstance((colour.get("scale") or {}).get("domain"), list):
            continue
        drawn = {row.get(colour["field"]) for row in rows}
        colour["legend"] = {**(colour.get("legend") or {}),
                            "values": [value for value in colour["scale"]["domain"] if value in drawn]}


def _names_in_full(spec: dict, chars: int) -> None:
    """Each indicator's full name on its axis, broken into lines between words, every row tall
    enough for the longest name."""
    lines = 1
    for row in _rows(spec):
        if "full_name" in row and "indicator" in row:
            wrapped = wrap(str(row["full_name"]), chars)
            row["indicator"] = "\n".join(wrapped)
            lines = max(lines, len(wrapped))
    for layer in _layers(spec):
        y = (layer.get("encoding") or {}).get("y")
        if isinstance(y, dict) and y.get("field") == "indicator" and "axis" in y:
            y["axis"] = {**y["axis"], "labelLimit": 0, "labelExpr": "split(datum.label, '\\n')"}
    height = spec.get("height")
    if isinstance(height, dict) and "step" in height:
        size = (spec.get("config") or {}).get("axis", {}).get("labelFontSize", 13)
        spec["height"] = {"step": max(height["step"], int(lines * size * 1.1 + size * 0.5))}


def wrap(name: str, chars: int) -> list[str]:
    """`name` in lines of at most `chars` characters, broken between words (a word longer than a
    line stays whole)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


def chart_svg(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, name_chars: int | None = None,
              caption: tuple[str, ...] = (), x_domain: tuple[float, float] | None = None) -> str:
    """A standalone SVG file (text kept as text, so names and labels stay searchable)."""
    return vlc.vegalite_to_svg(export_spec(chart, width, name_chars, caption, x_domain))


def chart_png(chart: alt.TopLevelMixin, width: int = EXPORT_WIDTH, scale: int = PNG_SCALE,
              caption: tuple[str, ...] = ()) -> bytes:
    """A PNG at `scale` × `width` pixels wide, sharp on a projector and in a document."""
    return vlc.vegalite_to_png(export_spec(chart, width, NAME_CHARS, caption), scale=scale)


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """An SVG ready to sit inside an HTML5 page: no namespace URLs (HTML knows <svg>), ids made
    unique to this chart (two charts on one page would otherwise share `clip1`), an accessible
    name, and sized by CSS."""
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg, count=0)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    return svg.replace("<svg ", piece("svg.html", "opening", title), 1)

