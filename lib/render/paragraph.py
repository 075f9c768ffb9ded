"""The year in a paragraph: what leaders read out to open a meeting ("Năm 2022, … chỉ tiêu đạt và
vượt, … chỉ tiêu không đạt …"), written from the data by fixed rules, in Vietnamese or English.

It is made of pieces: words, and figures that each say where they come from (a count of statuses,
or one indicator's reading: its result, its share of the plan, its next target), so a page can link
every figure to its indicator and a test can hold every figure to the data. Every figure is the
text of the indicator's reading (lib/judgement/reading.py), never worded again here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib.judgement.reading import Reading, read_all
from lib.render.templating import piece
from lib.words.words import Words

HEADLINES = 6  # headline figures and targets named in the paragraph, in the catalogue's order


@dataclass(frozen=True)
class Piece:
    text: str
    indicator_id: str | None = None  # a name or figure of this indicator
    source: str | None = None  # what a figure is: "count", "actual", "share", "next_target"
    statuses: tuple[str, ...] = ()  # for a count: the statuses it adds up


def _count(counts: dict[str, int], statuses: tuple[str, ...], words: Words) -> Piece:
    return Piece(words.number(sum(counts.get(s, 0) for s in statuses)), source="count", statuses=statuses)


def _listing(readings: list[Reading], figure: Callable[[Reading], tuple[str, str]], words: Words) -> list[Piece]:
    """"Name figure; Name figure" with each name and figure tied to its indicator. A target set on
    another measure names that measure itself ("Thu ngân sách Nhà nước 58,5 tỷ đồng")."""
    pieces: list[Piece] = []
    for index, read in enumerate(readings):
        if index:
            pieces.append(Piece("; "))
        source, shown = figure(read)
        if not (source == "next_target" and read.comparison == "other_measure"):
            pieces += [Piece(read.name, read.indicator_id), Piece(" ")]
        pieces.append(Piece(shown, read.indicator_id, source))
    return pieces


def year_paragraph(rows: pd.DataFrame, counts: dict[str, int], words: Words, results: int, targets: int,
                   where: str) -> list[Piece]:
    """The paragraph for the indicators in `rows` (queries.indicator_table of a view) whose status
    counts are `counts`; `where` names the unit or the domain ("Huyện Tiểu Cần", "khối Kinh tế")."""
    planned = ("exceeded", "met", "not_met")
    pieces = [Piece(words.text("para_opening", year=results, where=where))]
    if not sum(counts.get(s, 0) for s in planned):
        return pieces + [Piece(words.text("para_none_planned"))]
    pieces += [Piece(words.text("para_has")), _count(counts, planned, words), Piece(words.text("para_planned")),
               _count(counts, ("exceeded", "met"), words), Piece(words.text("para_reached")),
               _count(counts, ("exceeded",), words), Piece(words.text("para_exceeded")),
               _count(counts, ("met",), words), Piece(words.text("para_met")),
               _count(counts, ("not_met",), words), Piece(words.text("para_not_met"))]
    readings = read_all(rows, words)
    short = [r for r in readings if r.status == "not_met"]
    if short:
        pieces += [Piece(words.text("para_short_lead")), *_listing(short, lambda r: ("share", f"({r.share_figure})"), words),
                   Piece(". ")]
    order = rows["headline"].to_numpy() if "headline" in rows.columns else []
    ranked = sorted((rank, read) for rank, read in zip(order, readings) if not pd.isna(rank))
    headline = [read for _, read in ranked][:HEADLINES]
    if headline:
        pieces += [Piece(words.text("para_headline_lead")), *_listing(headline, lambda r: ("actual", r.actual), words),
                   Piece(". ")]
    aims = [read for _, read in ranked if read.next_target not in ("", "–")][:HEADLINES]
    if aims:
        pieces += [Piece(words.text("para_targets_lead", year=targets)),
                   *_listing(aims, lambda r: ("next_target", r.next_target), words), Piece(".")]
    return pieces


def as_text(pieces: list[Piece]) -> str:
    return "".join(piece.text for piece in pieces).strip()


def as_html(pieces: list[Piece], link: Callable[[str], str] | None = None) -> str:
    """The paragraph as HTML: figures in bold, each indicator's name a link where `link` gives one
    (lib/render/templates/cells.html)."""
    return piece("cells.html", "paragraph", pieces, link)


def opening(pieces: list[Piece]) -> str:
    """The paragraph's first sentence (the counts of the year), as a link preview's one-line summary."""
    whole = as_text(pieces)
    end = whole.find(". ")
    return whole if end < 0 else whole[:end + 1]
