"""The meeting deck: every slide of meeting mode, as HTML that fits any screen.

A slide is laid out on a 4:3 frame measured in `u`, a hundredth of its height (the CSS variable
--u in lib/render/templates/deck.css): text, cards and charts all scale with the screen, so what fits on
the narrowest projector (1024×768) fits on every wider one. A chart or a list longer than one frame
continues on the next slide, "(1/2)". Charts are drawn here as SVG at 10 design pixels per u, with
every name in full on as many lines as it needs. Every figure is the indicator's reading
(lib/judgement/reading.py), in the words of the page, the brief and the workbook. Its HTML, look and keys
are the templates deck*.html, deck.css and deck.js (lib/render/templating.py, autoescape on).
"""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
from markupsafe import Markup

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.export.images import chart_svg, inline_svg
from lib.judgement import reading
from lib.judgement.rules import comparable
from lib.render import charts, paragraph, tables
from lib.render.templating import markup, piece, render
from lib.view.filters import Filters
from lib.words import labels
from lib.words.words import Words

PX_PER_U = 10  # design pixels of a chart per u
CHART_TEXT = 34  # design px: 3,4 u, 26 px on a 16:9 screen 768 pixels high (19 px on a 4:3 one, scaled down)
CHART_WIDTH = 1700  # design px: a 16:9 frame less its side margins; a 4:3 screen scales the chart down
NAME_CHARS = 30  # characters of a name's line on a slide's axis
FRAME = 89.0  # u: the frame's height less its top margin and the footer
BARS = 7  # at most this many bars on one slide (rows of 26-px text), fewer when their names take two lines
WIDTH = 125.0  # u: the 4:3 frame's width less its margins, the narrowest a slide is laid out on
ACROSS = 3  # cards side by side
# The cards' and lines' texts: font size in u and whether bold (lib/render/templates/deck.css), to
# foresee the lines each takes on the narrowest frame. Widths are a wide font's (DejaVu Sans).
CARD_TEXT = {"title": (3.4, True), "big": (4.8, True), "status": (3.4, False), "next": (3.4, False),
             "value": (4.4, True), "name": (3.4, False), "said": (3.0, False)}
LINE_TEXT = 3.4  # 26 px on a screen 768 pixels high
PARAGRAPH_TEXT = 3.4
# The footer's buttons, for a mouse or a finger; their words are labels.deck_<action>.
DECK_ACTIONS = ("prev", "next", "black", "full", "leave")


@dataclass(frozen=True)
class Block:
    """A piece of a slide: its HTML, the height it takes in u, and the rows it draws if a chart."""
    html: str
    height: float
    drawn: tuple[pd.DataFrame, ...] = ()


@dataclass(frozen=True)
class Slide:
    key: str  # which slide of the deck ("exceeded"), the same on each of its parts
    title: str
    body: str
    subtitle: str = ""
    part: int = 1
    parts: int = 1
    drawn: tuple[pd.DataFrame, ...] = ()  # the rows each chart on the slide draws
    height: float = 0.0  # u its body takes on the narrowest frame
    items: int = 1  # blocks on it (a row of cards, a chart, a line)

    @property
    def heading(self) -> str:
        return self.title if self.parts == 1 else f"{self.title} ({self.part}/{self.parts})"


def chunks(items: list, most: int) -> list[list]:
    """`items` in the fewest runs of at most `most`, as even as can be (18 → 6, 6, 6, not 8, 8, 2)."""
    if not items:
        return []
    count = math.ceil(len(items) / most)
    size = math.ceil(len(items) / count)
    return [items[start:start + size] for start in range(0, len(items), size)]


def _built(made: str) -> Markup:
    """HTML a template or vl-convert made, its texts escaped already: the one place the deck marks markup."""
    return markup(made)


def _block(macro: str, *args) -> str:
    """One piece of a slide (lib/render/templates/deck_blocks.html)."""
    return piece("deck_blocks.html", macro, *args)


def _chart(chart: alt.TopLevelMixin, prefix: str, title: str,
           x_domain: tuple[float, float] | None = None) -> Block:
    """A chart as inline SVG sized in u, and the height it takes."""
    svg = chart_svg(_fixed_axis(chart) if x_domain else chart, CHART_WIDTH, name_chars=NAME_CHARS, x_domain=x_domain)
    size = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
    if size is None:
        raise ValueError("vl-convert gave an SVG without its width and height")
    width, height = (float(v) for v in size.groups())
    # As wide as a 16:9 frame; narrower, it is scaled down at the top of the room its height keeps.
    svg = inline_svg(svg, prefix, title).replace(
        "<svg ", f'<svg preserveAspectRatio="xMidYMin meet" style="width:calc(var(--u)*{width / PX_PER_U:.1f});'
                 f'height:calc(var(--u)*{height / PX_PER_U:.1f})" ', 1)
    ids = " ".join(chart.data["indicator_id"])
    return Block(_block("figure", ids, _built(svg)), height / PX_PER_U + 1, (chart.data,))


def _fixed_axis(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart without its unseen layer that stretches the axis in the browser: on a slide the axis
    is fixed (`charts.x_extent`) and that layer would reach past the picture."""
    if not isinstance(chart, alt.LayerChart) or not isinstance(chart.layer, list):
        return chart
    kept = chart.copy(deep=False)
    kept.layer = [layer for layer in chart.layer if getattr(getattr(layer, "mark", None), "opacity", None) != 0]
    return kept


def _packed(heights: list[float], budget: float) -> list[int]:
    """Where each page starts when blocks of `heights` fill pages of `budget` in order."""
    starts: list[int] = []
    used = budget + 1
    for index, height in enumerate(heights):
        if used + height > budget and not (starts and starts[-1] == index):
            starts.append(index)
            used = 0.0
        used += height
    return starts


def body_height(title: str, subtitle: str = "") -> float:
    """The height in u left for a slide's body under its title (with room for "(1/2)") and subtitle."""
    heading = text_height(title + " (1/2)", 5.0, WIDTH, bold=True) * 1.15 / 1.25 + 1.2
    return FRAME - heading - (text_height(subtitle, 2.8, WIDTH) + 1.5 if subtitle else 0.0)


def _pages(key: str, title: str, blocks: list[Block], subtitle: str = "") -> list[Slide]:
    """Blocks (HTML and the height it takes, in u) in order on as few slides as hold them, shared
    out evenly (a last slide with one line left over reads as an afterthought)."""
    budget = body_height(title, subtitle)
    heights = [block.height for block in blocks]
    starts = _packed(heights, budget)
    low, high = max(heights, default=0.0), budget
    for _ in range(24):  # the smallest page height that needs no more slides
        middle = (low + high) / 2
        if len(_packed(heights, middle)) <= len(starts):
            high = middle
        else:
            low = middle
    starts = _packed(heights, high) if len(_packed(heights, high)) <= len(starts) else starts
    bounds = [*starts, len(blocks)]
    pages = [blocks[bounds[n]:bounds[n + 1]] for n in range(len(starts))]
    return [Slide(key, title, "".join(block.html for block in page), subtitle, number, len(pages),
                  tuple(frame for block in page for frame in block.drawn), sum(block.height for block in page),
                  len(page))
            for number, page in enumerate(pages, 1)]


GROUP_HEADING = 5.0  # u a merged slide's heading of the next part takes


def merged(slides: list[Slide], prefix: str, title: str) -> list[Slide]:
    """Short one-part slides of one kind (a domain's shortcomings in two lines) shared out on as few
    slides as hold them, each under its own heading: no slide of one or two lines."""
    out: list[Slide] = []
    for slide in slides:
        last = out[-1] if out else None
        if (last is not None and last.key.startswith(prefix) and slide.key.startswith(prefix) and slide.parts == 1
                and last.parts == 1 and last.height + GROUP_HEADING + slide.height <= body_height(title)):
            body = _block("group", slide.title) + slide.body
            if not last.body.startswith('<h2 class="ct-group">'):
                body = _block("group", last.title) + last.body + body
                last = Slide(last.key, title, "", last.subtitle, 1, 1, last.drawn, last.height + GROUP_HEADING, last.items)
            else:
                body = last.body + body
            out[-1] = Slide(last.key, title, body, last.subtitle, 1, 1, last.drawn + slide.drawn,
                            last.height + GROUP_HEADING + slide.height, last.items + slide.items)
        else:
            out.append(slide)
    return out


def text_height(words: str, size: float, width: float, bold: bool = False) -> float:
    """The height in u of `words` at `size` u in a box `width` u wide (line height 1,25)."""
    per_line = max(1, int(width / (size * (0.64 if bold else 0.58))))
    return math.ceil(max(len(words), 1) / per_line) * size * 1.25


def _plain(made: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", made))


def card_height(card: str) -> float:
    """The height in u of one card of lib/render/tables.py on the narrowest frame."""
    inner = (WIDTH - (ACROSS - 1) * 1.5) / ACROSS - 3.4
    parts = re.findall(r"<div class='ct-card-(\w+)'[^>]*>(.*?)</div>", card)
    height = 2.6
    for kind, words in parts:
        size, bold = CARD_TEXT.get(kind, (2.5, False))
        height += text_height(_plain(words), size, inner, bold) + 0.5
    return height


def _lines(contents: Sequence[str]) -> list[Block]:
    """A line a block: text, or markup (`_built`) such as a judged line of lib/render/tables.py."""
    lines = [_block("line", content) for content in contents]
    return [Block(line, text_height(_plain(line), LINE_TEXT, WIDTH) + 1.0) for line in lines]


def _bars(rows: pd.DataFrame, drawn: list[tuple[str, float]], build: Callable[[pd.DataFrame], alt.TopLevelMixin],
          floor: float, prefix: str, title: str, budget: float) -> list[Block]:
    """A chart in as few parts as fit a slide each (`drawn`: id and value, in the order the chart
    draws them), every part on the axis of the whole, with room for the longest label."""
    by_id = rows.set_index("indicator_id", drop=False)
    axis = charts.x_extent([value for _, value in drawn], floor)
    ids = [indicator for indicator, _ in drawn]
    parts = math.ceil(len(ids) / BARS)
    while parts:
        runs = chunks(ids, math.ceil(len(ids) / parts))
        made = [_chart(build(by_id.loc[run].reset_index(drop=True)), f"{prefix}-{number}", title, axis)
                for number, run in enumerate(runs, 1)]
        if all(block.height <= budget for block in made) or len(runs) == len(ids):
            return made
        parts = len(runs) + 1
    return []


def _cards(cards: list[str], heading: str = "") -> list[Block]:
    """Rows of cards, each as tall as its tallest card; a group's heading keeps to its first row."""
    blocks = []
    for start in range(0, len(cards), ACROSS):
        row = cards[start:start + ACROSS]
        height = max(card_height(card) for card in row) + 1.5
        headed = heading if start == 0 else ""
        blocks.append(Block(_block("cards", [_built(card) for card in row], headed), height + (5.0 if headed else 0.0)))
    return blocks


class DeckMaker:
    """The slides of one report in one language, from the database the pages ask."""

    def __init__(self, db: Database, scope: Scope, words: Words, reporting_unit_name: str):
        self.db, self.scope, self.words, self.reporting_unit_name = db, scope, words, reporting_unit_name
        self.results, self.targets = scope.results_year, scope.targets_year

    def t(self, key: str, **values) -> str:
        return self.words.text(key, **values)

    def report_says(self, indicator_id: str) -> str | None:
        return tables.report_says(queries.indicator_statements(self.db, self.scope, indicator_id), self.words)

    def slides(self) -> list[Slide]:
        made = [*self.opening(), *self.headlines(),
                *self.attainment("missed", ("not_met", "met"), self.t("slide_missed", year=self.results)),
                *self.attainment("exceeded", ("exceeded",), self.t("slide_exceeded", year=self.results)),
                *self.next_year(None, self.t("next_title", results=self.results, targets=self.targets)),
                *self.year_on_year("economy")]
        culture = self.words.label(labels.DOMAINS, "culture_society")
        made += self.attainment("culture_society", None, f"{culture}: {self.t('attainment_title', year=self.results)}",
                                domain="culture_society")
        made += self.next_year("culture_society",
                               f"{culture}: {self.t('next_title', results=self.results, targets=self.targets)}")
        made += self.counts("security_order", ("crime", "drugs", "traffic"))
        made += self.counts("party_politics", ("party_building",))
        shortcomings = [s for domain in labels.DOMAINS for s in self.shortcomings(domain)]
        return made + merged(shortcomings, "shortcomings_", self.words.label(labels.STATEMENT_KINDS, "han_che"))

    def opening(self) -> list[Slide]:
        """The year in a paragraph, then the counts it opens with."""
        counts = queries.status_counts(self.db, self.scope)
        pieces = paragraph.year_paragraph(queries.indicator_table(self.db, self.scope), counts, self.words,
                                          self.results, self.targets, self.reporting_unit_name)
        words = paragraph.as_html(pieces)
        title = self.t("app_title", reporting_unit=self.reporting_unit_name)
        subtitle = self.t("overview_subtitle", results=self.results, targets=self.targets)
        made = _pages("opening", title, [Block(words, text_height(paragraph.as_text(pieces), PARAGRAPH_TEXT, WIDTH))],
                      subtitle)
        return made + [Slide("counts", self.t("status_counts_title", year=self.results),
                             tables.status_counts_html(counts, self.words))]

    def headlines(self) -> list[Slide]:
        rows = queries.headline_indicators(self.db, self.scope)
        cards = [tables.card_html(r, said=self.report_says(r.indicator_id)) for r in reading.read_all(rows, self.words)]
        return _pages("headlines", self.t("headline_title"), _cards(cards))

    def attainment(self, key: str, statuses: tuple[str, ...] | None, title: str, domain: str | None = None) -> list[Slide]:
        view = Filters(domain=domain, statuses=statuses or ())
        rows = queries.attainment(self.db, self.scope, view)
        judged = queries.judged_without_share(self.db, self.scope, view)
        lines = _lines([_built(tables.judged_line_html(r)) for r in reading.read_all(judged, self.words)])
        # A few lines under the bars are kept room for on every part, so the last part takes them.
        room = body_height(title) - sum(line.height for line in lines) * (len(lines) <= 4)
        drawn = list(zip(rows["indicator_id"], rows["attainment_pct"]))
        blocks = _bars(rows, drawn, lambda part: charts.attainment_chart(part, self.words, text_size=CHART_TEXT,
                                                                          statuses=statuses),
                       charts.BAR_VALUES["attainment_pct"], key, title, room)
        return _pages(key, title, blocks + lines)

    def next_year(self, domain: str | None, title: str) -> list[Slide]:
        key = f"next_{domain or 'all'}"
        rows = queries.next_year_targets(self.db, self.scope, Filters(domain=domain))
        drawn = sorted(((r.indicator_id, gap) for r in reading.read_all(rows[comparable(rows)], self.words)
                        if r.side_by_side and (gap := r.gap_value) is not None), key=lambda pair: pair[1])
        blocks = _bars(rows, drawn,
                       lambda part: charts.next_year_chart(part, self.words, text_size=CHART_TEXT),
                       0.0, key, title, body_height(title, self.t("slide_next_help")))
        slides = _pages(key, title, blocks, self.t("slide_next_help"))
        listed = [r for r in reading.read_all(rows, self.words)
                  if r.comparison in ("not_comparable", "reduction", "no_baseline")]
        lines = [_built(_block("listed", r)) for r in listed]
        if lines:
            listed_title = self.t("not_comparable_title", results=self.results, targets=self.targets)
            if domain:
                listed_title = f"{self.words.label(labels.DOMAINS, domain)}: {listed_title}"
            slides += _pages(f"{key}_listed", listed_title, _lines(lines))
        return slides

    def year_on_year(self, domain: str) -> list[Slide]:
        rows = queries.year_on_year(self.db, self.scope, Filters(domain=domain))
        title = f"{self.words.label(labels.DOMAINS, domain)}: {self.t('yoy_title', previous=self.results - 1)}"
        blocks = _bars(rows, list(zip(rows["indicator_id"], rows["yoy_change_pct"])),
                       lambda part: charts.year_on_year_chart(part, self.words, text_size=CHART_TEXT),
                       0.0, "yoy", title, body_height(title))
        return _pages(f"yoy_{domain}", title, blocks)

    def shortcomings(self, domain: str) -> list[Slide]:
        """What the report says fell short in a domain, and why, in its own words."""
        said = queries.domain_statements(self.db, self.scope, domain, kinds=("han_che", "nguyen_nhan"))
        title = f"{self.words.label(labels.DOMAINS, domain)}: {self.words.label(labels.STATEMENT_KINDS, 'han_che')}"
        return _pages(f"shortcomings_{domain}", title, _lines([tables.quoted(q) for q in said["source_quote"]]))

    def counts(self, domain: str, groups: tuple[str, ...]) -> list[Slide]:
        rows = queries.counts_with_pairs(self.db, self.scope, Filters(domain=domain, groups=groups))
        blocks = []
        for group, cards in tables.counts_cards(rows, self.words).items():
            blocks += _cards(cards, self.words.label(labels.GROUPS, group))
        return _pages(domain, self.words.label(labels.DOMAINS, domain), blocks)


def first_slides(db: Database, scope: Scope, words: Words, reporting_unit_name: str) -> list[Slide]:
    """The deck's opening slides alone (no chart): what a room sees while the rest is drawn."""
    return DeckMaker(db, scope, words, reporting_unit_name).opening()


def make_slides(db: Database, scope: Scope, words: Words, reporting_unit_name: str) -> list[Slide]:
    """Every slide of the meeting, each long chart or list cut over as many slides as it needs."""
    return DeckMaker(db, scope, words, reporting_unit_name).slides()


def deck_html(slides: list[Slide], words: Words, start: int = 1, standalone: bool = False) -> str:
    """The slides as one HTML block with its look and its keys; `start` is the slide shown first.
    Standalone, it is a whole file that presents offline (no button leaves it)."""
    start = min(max(start, 1), len(slides))
    frame = render("deck_frame.html", lang=words.lang, rotate=words.text("deck_rotate"), start=start,
                   slides=slides, bodies=[_built(slide.body) for slide in slides],
                   said={action: words.text(f"deck_{action}") for action in DECK_ACTIONS}, leave=not standalone)
    if standalone:
        return render("deck.html", lang=words.lang, title=slides[0].title, frame=_built(frame))
    # The page writes the frame in with its script: JSON without a "<", which Streamlit's sanitiser refuses.
    return render("deck_mount.html", frame_json=_built(json.dumps(frame, ensure_ascii=False).replace("<", "\\u003c")))


def deck_css() -> str:
    """The deck's look (lib/render/templates/deck.css), as the page and the file take it."""
    return render("deck.css")
