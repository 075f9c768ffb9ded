"""Chart builders: pure functions from a query's DataFrame to an `alt.Chart`, no Streamlit calls.

The same charts render in the browser and in static exports, with Vietnamese number formatting
(Altair locale) and a colour-blind-safe palette (Okabe–Ito).
"""
from __future__ import annotations

import functools
import hashlib
import pickle

import altair as alt
import pandas as pd

from lib.judgement import reading
from lib.render.axes import ATTAINMENT_REACH, BAR_VALUES, TICKS, drawn_extent, reach, title_lines, x_extent  # noqa: F401
from lib.words import labels, look
from lib.words.look import BLUE, INK, ORANGE
from lib.words.words import VIETNAMESE, Words

NAME_WIDTH = 46  # characters of an indicator name on an axis before it is shortened
# On a phone the names may take at most ~45% of the chart's width; the bars keep the rest.
NAME_LIMIT = "min({limit}, max(110, containerSize()[0] * 0.45))"
ROW_HEIGHT = 28
EXPORT_FONT = "DejaVu Sans"  # has every Vietnamese letter; this Liberation Sans lacks ạ, ả, ợ



# Building an Altair chart costs tens of milliseconds (the spec is copied on every layer and
# configure call). Every rerun of a page (a widget touched, another reader on the same view) asks for
# the very same chart again. A chart is a pure function of its rows and arguments, so each builder
# keeps its recent charts (functools.lru_cache) keyed by the rows' content. Charts are never changed once built (Altair's
# methods return copies), so one object serves every rerun and session.
#
# Charts are not checked against the Vega-Lite schema at run time: they come from these fixed
# builders, and the tests validate every builder's output in both languages on the real data and on
# edge cases. Checking again on every new filter would cost ~15 ms a chart in front of the room.
#
# Altair also checks every part of a chart as it is made ("debug mode", ~10 ms a chart); the same
# tests cover that, so it is off.
alt.utils.schemapi.disable_debug_mode()
MEMO_ENTRIES = 64  # charts kept per builder: the warm-up builds every page and slide in two languages


def _unchecked(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """`chart` whose `to_dict()` skips the schema check (see above)."""
    unvalidated = type(chart).to_dict

    def to_dict(validate: bool = True, **kwargs) -> dict:
        return unvalidated(chart, validate=False, **kwargs)

    object.__setattr__(chart, "to_dict", to_dict)  # an instance attribute, not part of the spec
    return chart


class _Rows:
    """A query's rows as a cache key: equal when their content is (equal bytes mean equal rows; rows
    that pickle differently only cost a rebuild)."""

    __slots__ = ("frame", "_digest")

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._digest = hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).digest()

    def __hash__(self) -> int:
        return hash(self._digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Rows) and other._digest == self._digest


def _memoized(builder):
    @functools.lru_cache(maxsize=MEMO_ENTRIES)
    def cached(rows: _Rows, *args, **kwargs) -> alt.TopLevelMixin:
        return _unchecked(builder(rows.frame, *args, **kwargs))

    @functools.wraps(builder)
    def build(rows: pd.DataFrame, *args, **kwargs):
        return cached(_Rows(rows), *args, **kwargs)
    return build


# A chart a filter redraws is its layout (every layer, scale and axis, the same for every filter)
# plus its rows. The layout is kept per argument, and its spec is worked out once
# (`layout_spec`): a new filter only prepares rows (~10 ms a chart less).
OWN_ROWS = alt.NamedData(name="rows")  # what a layout draws: the rows its chart is given


def _layout(build):
    return functools.lru_cache(maxsize=32)(build)


def _with_rows(layout: alt.LayerChart, data: pd.DataFrame) -> alt.LayerChart:
    """`layout` drawing `data`: a copy of its top level only; the layers are shared, never changed."""
    chart = layout.copy(deep=False)
    chart.data = data
    object.__setattr__(chart, "_layout", layout)  # an instance attribute, not part of the spec
    return chart


def layout_spec(chart: alt.TopLevelMixin) -> tuple[dict, pd.DataFrame] | None:
    """For a chart made of a layout and rows: the layout's spec (made once per layout, its rows
    named "rows", its own small datasets named by place) and the rows; None for any other chart."""
    layout = chart.__dict__.get("_layout")
    if layout is None:
        return None
    spec = layout.__dict__.get("_spec")
    if spec is None:
        spec = stable_dataset_names(layout.to_dict(validate=False))
        object.__setattr__(layout, "_spec", spec)
    return spec, chart.data


def _short(name: str) -> str:
    """A long name cut between words (the tooltip and the static charts give it whole)."""
    if len(name) <= NAME_WIDTH:
        return name
    cut = name[: NAME_WIDTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,–-(") + "…"


# Channels are given as objects, never as "field:Q" strings: Altair turns a string into a channel
# through its schema lookup (~8 ms each).
def finish(layers: list, words: Words, height, text_size: int = 13, data=None, **layer_options) -> alt.LayerChart:
    """The layers as one chart with the app's look and the reader's number format.

    The charts a filter redraws keep one spec for every filter: rows in data order (no sort
    list), a row step instead of a height, a fixed colour domain and axis ranges Vega takes from
    the rows. The browser then swaps the rows into the chart it has instead of building it again.

    Built in one step: every `alt.layer`, `properties`, `resolve_scale` or `encode` call on a
    layered chart deep-copies all of it (~5 ms each), and charts are built on every new filter.
    The page's own font is used (a font Vega cannot measure cuts labels off); static exports
    set one the renderer has (lib/export.py).
    """
    number_locale = words.vega_locale
    config = alt.Config(
        locale=alt.Locale(number=number_locale),
        axis=alt.AxisConfig(labelFontSize=text_size, titleFontSize=text_size, labelColor=INK,
                            titleColor=INK, gridColor="#E6E6E6"),
        legend=alt.LegendConfig(labelFontSize=text_size, titleFontSize=text_size, orient="top", symbolType="square",
                                columns=1, labelLimit=int(400 * text_size / 13)),
        view=alt.ViewConfig(stroke=None))
    # Top-level "fit-x": the width follows the page, the height stays what the rows need
    # (without it Streamlit sets "fit", which squeezes every row into its default height).
    # Layers without rows of their own draw `data`: the rows are prepared and sent once, not per layer.
    return alt.LayerChart(layer=layers, data=alt.Undefined if data is None else data, height=height, config=config,
                          autosize=alt.AutoSizeParams(type="fit-x", contains="padding"), **layer_options)


def stable_dataset_names(spec: dict) -> dict:
    """`spec` with its datasets named by their place ("rows-0", "rows-1", …) instead of by their
    content: the same chart with other rows keeps the same spec, and the browser swaps the rows
    in without building the chart again."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    names = {old: f"rows-{index}" for index, old in enumerate(datasets)}

    def renamed(node):
        if isinstance(node, dict):
            return {key: (names.get(value, value) if key == "name" and isinstance(value, str) else renamed(value))
                    for key, value in node.items() if key != "datasets"}
        if isinstance(node, list):
            return [renamed(value) for value in node]
        return node

    return {**renamed(spec), "datasets": {names[old]: rows for old, rows in datasets.items()}}


def name_axis(text_size: int) -> alt.Axis:
    return alt.Axis(labelLimit=alt.expr(NAME_LIMIT.format(limit=int(340 * text_size / 13))))


def _row_step(text_size: int = 13) -> alt.Step:
    """Each indicator's row height; Vega sizes the chart from its rows, so the spec is the same
    whatever the filters keep (see `finish`)."""
    return alt.Step(int(ROW_HEIGHT * text_size / 13))


@_memoized
def attainment_chart(rows: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13,
                     statuses: tuple[str, ...] | None = None) -> alt.TopLevelMixin:
    """Share of the target attained per indicator, a rule at 100%, coloured by direction-aware status.
    The colour key lists every status a share of target can have, so that it stays the same whatever
    a filter keeps; a view that always shows the same statuses (a slide) names them in `statuses`."""
    read = reading.read_all(rows, words)
    data = pd.DataFrame({
        "indicator": [_short(r.name) for r in read],
        "full_name": [r.name for r in read],
        "indicator_id": [r.indicator_id for r in read],
        "attainment_pct": rows["attainment_pct"].to_numpy(),
        "status": [r.status_label for r in read],
        "label": [r.share_figure for r in read],
        "actual": [r.actual for r in read],
        "target": [r.plan + (f" ({words.text('chart_derived')})" if r.plan_derived else "") for r in read],
    })
    return _with_rows(_attainment_layout(words, text_size, statuses), data)


@_layout
def _attainment_layout(words: Words, text_size: int, shown: tuple[str, ...] | None) -> alt.LayerChart:
    statuses = [s for s in look.STATUS_COLOURS if s != "no_target" and (shown is None or s in shown)]
    colour = alt.Color("status:N", title=words.text("chart_status"),
                       scale=alt.Scale(domain=[words.label(labels.STATUSES, s) for s in statuses],
                                       range=[look.STATUS_COLOURS[s] for s in statuses]))
    base = alt.Chart()  # every layer but the 100% rule draws the chart's rows
    bars = base.mark_bar(height=int(18 * text_size / 13)).encode(
        x=alt.X("attainment_pct:Q", title=title_lines(words.text("chart_share_of_target")), scale=alt.Scale(nice=False, zero=True),
                axis=alt.Axis(format=",.0f", labelExpr="datum.label + '%'", tickCount=alt.expr(TICKS),
                              labelOverlap="greedy", labelFlush=True)),
        y=alt.Y("indicator:N", sort=None, title=None, axis=name_axis(text_size)),
        color=colour,
        tooltip=[alt.Tooltip("full_name:N", title=words.text("chart_indicator")),
                 alt.Tooltip("label:N", title=words.text("chart_share_of_target")),
                 alt.Tooltip("actual:N", title=words.text("chart_actual")),
                 alt.Tooltip("target:N", title=words.text("chart_target")),
                 alt.Tooltip("status:N", title=words.text("chart_status"))],
    )
    text = base.mark_text(align="left", dx=4, fontSize=text_size, color=INK).encode(
        x=alt.X("attainment_pct:Q"), y=alt.Y("indicator:N", sort=None), text=alt.Text("label:N"))
    hundred = alt.Chart(alt.InlineData(values=[{"x": 100}])).mark_rule(color=INK, strokeDash=[4, 3]).encode(
        x=alt.X("x:Q"))
    # The axis reaches 120% at least, and a fifth past the longest bar: room for its label.
    room = reach(base, "attainment_pct", ATTAINMENT_REACH[1], text_size)
    return finish([hundred, bars, text, room], words, _row_step(text_size), text_size, data=OWN_ROWS)


def change_judgement(value: float, direction: str) -> str:
    """Whether a signed change moves the right way for this indicator."""
    if direction == "neutral" or value == 0:
        return "neutral"
    return "good" if (value > 0) == (direction == "higher") else "bad"


def _diverging(field: str, title: str, colour: alt.Color, tooltip: list, words: Words, text_size: int = 13,
               unit_suffix: bool = True):
    base = alt.Chart()  # every layer but the zero rule draws the chart's rows
    bars = base.mark_bar(height=int(18 * text_size / 13)).encode(
        # About eight ticks, so a projector-wide axis does not print one every 10%.
        x=alt.X(f"{field}:Q", title=title_lines(title), scale=alt.Scale(nice=False, zero=True),
                axis=alt.Axis(format=",.0f", tickCount=alt.expr(TICKS), labelOverlap="greedy", labelFlush=True,
                              labelExpr="datum.label + '%'" if unit_suffix else alt.Undefined)),
        y=alt.Y("indicator:N", sort=None, title=None, axis=name_axis(text_size)),
        color=colour, tooltip=tooltip)
    # A label sits right of its bar's end, or for a fall right of zero: a label left of a falling bar
    # ran into the names on a phone ("−20,92%" over "Diện tích thả nuôi thủy sản").
    text = base.mark_text(fontSize=text_size, color=INK, align="left", dx=4).encode(
        x=alt.X("label_at:Q"), y=alt.Y("indicator:N", sort=None), text=alt.Text("label:N")).transform_calculate(
        label_at=f"max(datum.{field}, 0)")
    zero = alt.Chart(alt.InlineData(values=[{"x": 0}])).mark_rule(color=INK).encode(x=alt.X("x:Q"))
    return finish([bars, text, zero, reach(base, field, 0.0, text_size)], words, _row_step(text_size), text_size,
                  data=OWN_ROWS)


@_memoized
def year_on_year_chart(rows: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13) -> alt.TopLevelMixin:
    """Signed change on the previous year, diverging from zero; colour says better or worse."""
    read = reading.read_all(rows, words)
    judgements = [change_judgement(v, d) for v, d in zip(rows["yoy_change_pct"], rows["direction"])]
    data = pd.DataFrame({
        "indicator": [_short(r.name) for r in read],
        "full_name": [r.name for r in read],
        "indicator_id": [r.indicator_id for r in read],
        "yoy_change_pct": rows["yoy_change_pct"].to_numpy(),
        "judgement": [words.label(labels.CHANGES, j) for j in judgements],
        "label": [r.year_on_year for r in read],
        "actual": [r.actual for r in read],
    })
    return _with_rows(_diverging_layout("year_on_year", words, text_size), data)


@_memoized
def next_year_chart(rows: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13) -> alt.TopLevelMixin:
    """How far each result stands from next year's target, for the pairs that measure the same
    thing: in points for a rate (never a percent of a percent), in % for an amount. Each bar's
    words are the indicator's reading."""
    gaps = sorted(((r, gap) for r in reading.read_all(rows, words) if r.side_by_side and (gap := r.gap_value) is not None),
                  key=lambda pair: pair[1])
    read = [r for r, _ in gaps]
    by_id = rows.set_index("indicator_id")
    # An addition to a stock is drawn under the stock's name (6 communes + 1), the others under their own.
    baseline_name = words.column("baseline_name")
    names = [by_id.at[r.indicator_id, baseline_name]
             if r.comparison == "adds_to_stock" else r.name for r in read]
    data = pd.DataFrame({
        "indicator": [_short(n) for n in names],
        "full_name": names,
        "indicator_id": [r.indicator_id for r in read],
        "change_shown": [r.gap_value for r in read],
        "comparison": [words.label(labels.COMPARISONS, r.comparison) for r in read],
        "label": [_gap_label(r) for r in read],
        "baseline": [r.actual for r in read],
        "target": [r.next_target for r in read],
        "words": [r.comparison_text for r in read],
    }, columns=["indicator", "full_name", "indicator_id", "change_shown", "comparison", "label", "baseline", "target", "words"])
    return _with_rows(_diverging_layout("next_year", words, text_size), data)


def _gap_label(read: reading.Reading) -> str:
    """A bar's label: the drawn value in its measure."""
    if read.is_rate:
        return f"{read.words.signed(read.gap_value)} {reading.points(read.words)}"
    return f"{read.words.signed(read.gap_value, decimals=1)}%"


# The two diverging charts: the value drawn and the word of its axis, the field coloured with its words
# and colours, the tooltip's fields and words, and whether values carry their unit.
_DIVERGING = {
    "year_on_year": ("yoy_change_pct", "yoy", "judgement", labels.CHANGES, look.CHANGE_COLOURS,
                     (("full_name", "indicator"), ("label", "yoy"), ("actual", "actual")), True),
    "next_year": ("change_shown", "change_needed", "comparison", labels.COMPARISONS, look.COMPARISON_COLOURS,
                  (("full_name", "indicator"), ("baseline", "baseline"), ("target", "next_target"),
                   ("words", "comparison"), ("label", "change_needed")), False),
}


@_layout
def _diverging_layout(chart: str, words: Words, text_size: int) -> alt.LayerChart:
    field, title, coloured, vocabulary, colours, tips, unit_suffix = _DIVERGING[chart]
    colour = alt.Color(f"{coloured}:N", title=None,
                       scale=alt.Scale(domain=[words.label(vocabulary, k) for k in colours],
                                       range=list(colours.values())))
    tooltip = [alt.Tooltip(f"{name}:N", title=words.text(f"chart_{word}")) for name, word in tips]
    return _diverging(field, words.text(f"chart_{title}"), colour, tooltip, words, text_size, unit_suffix=unit_suffix)


def draws_values(values: pd.DataFrame) -> bool:
    """The indicator page draws its values chart only when a result or a target is among them."""
    return bool(values["kind"].isin(["actual", "target"]).any())


@_memoized
def indicator_values_chart(values: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13,
                           against_estimate: bool = False) -> alt.TopLevelMixin:
    """One indicator's results and targets by year, in its own unit; spending's targets are its estimates."""
    data = values[values["kind"].isin(["actual", "target"])].copy()

    def kind_word(kind: str) -> str:
        return words.text("kind_estimate") if against_estimate and kind == "target" else words.label(labels.KINDS, kind)
    data["what"] = [f"{kind_word(k)} {y}" + (" *" if o == "derived" else "")
                    for k, y, o in zip(data["kind"], data["year"], data["origin"])]
    data["kind_label"] = [kind_word(k) for k in data["kind"]]
    data["label"] = [words.number(v) for v in data["value"]]
    kinds = [kind_word(k) for k in ("actual", "target")]
    base = alt.Chart()
    bars = base.mark_bar(size=46).encode(
        x=alt.X("what:N", title=None, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=200)),
        y=alt.Y("value:Q", title=words.text("chart_value"), axis=alt.Axis(format=",~f")),
        color=alt.Color("kind_label:N", title=None, scale=alt.Scale(domain=kinds, range=[BLUE, ORANGE])),
        tooltip=[alt.Tooltip("what:N", title=words.text("chart_indicator")), alt.Tooltip("label:N", title=words.text("chart_value"))])
    text = base.mark_text(dy=-8, fontSize=text_size, color=INK).encode(x=alt.X("what:N", sort=None), y=alt.Y("value:Q"),
                                                                      text=alt.Text("label:N"))
    return finish([bars, text], words, 260, text_size, data=data[["what", "kind_label", "value", "label"]])


@_memoized
def reporting_units_chart(rows: pd.DataFrame, words: Words = VIETNAMESE, text_size: int = 13) -> alt.TopLevelMixin:
    """One indicator across reporting units, best first (lower first where lower is better)."""
    names = rows[words.column("reporting_unit_name")]
    records = rows.to_dict("records")
    data = pd.DataFrame({
        "reporting_unit_name": names,
        "actual": rows["actual"],
        "label": [reading.amount(r["actual"], r, words) for r in records],
        "status": [words.label(labels.STATUSES, s) for s in rows["status"]],
    })
    statuses = [s for s in look.STATUS_COLOURS if words.label(labels.STATUSES, s) in set(data["status"])]
    colour = alt.Color("status:N", title=words.text("chart_status"),
                       scale=alt.Scale(domain=[words.label(labels.STATUSES, s) for s in statuses],
                                       range=[look.STATUS_COLOURS[s] for s in statuses]))
    base = alt.Chart()
    bars = base.mark_bar(height=int(18 * text_size / 13)).encode(
        x=alt.X("actual:Q", title=words.text("chart_actual"), axis=alt.Axis(format=",~f")),
        y=alt.Y("reporting_unit_name:N", sort=None, title=None, axis=name_axis(text_size)),
        color=colour, tooltip=[alt.Tooltip("reporting_unit_name:N", title=""), alt.Tooltip("label:N", title=words.text("chart_actual"))])
    text = base.mark_text(align="left", dx=4, fontSize=text_size, color=INK).encode(
        x=alt.X("actual:Q"), y=alt.Y("reporting_unit_name:N", sort=None), text=alt.Text("label:N"))
    return finish([bars, text], words, _row_step(text_size), text_size, data=data)
