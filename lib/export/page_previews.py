"""What each page of the app says of the view a shared link names, for a chat app's preview and the
first paint on a weak link (lib/export/link_preview.py): its title, the line that sums it up and its
headline chart, each read by the lib calls the page itself makes (pages/*.py).

- the overview and a domain page: the unit's or the domain's title, the year's counts, the attainment chart;
- one indicator (`?id=`): its name, its reading (result, status against the plan, next year's target),
  its values chart;
- the data page: what the table holds with the link's filters, the attainment of those indicators;
- the pace page: the period it opens on, the indicators at each pace, the pace chart (or, with only a
  year-end report, the year's final reading as the overview draws it).
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from lib.data import pace_queries, queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.judgement import reading
from lib.judgement.reading import Reading
from lib.render import charts, charts_pace, paragraph
from lib.view import filters as view_filters
from lib.words import labels
from lib.words.words import Words


@dataclass(frozen=True)
class Told:
    """What a page says of its view: its title, its own part of the one-line summary, its headline
    chart (None where the page draws none for that view) and that chart's heading."""
    title: str
    lines: tuple[str, ...]
    chart: alt.TopLevelMixin | None
    heading: str


def year_opening(db: Database, scope: Scope, view: view_filters.Filters, words: Words, where: str) -> str:
    """The first sentence of the page's paragraph on the year: "Năm 2022, Huyện Tiểu Cần có 24 chỉ tiêu…"."""
    rows = queries.indicator_table(db, scope, view)
    return paragraph.opening(paragraph.year_paragraph(rows, queries.status_counts(db, scope, view), words,
                                                      scope.results_year, scope.targets_year, where))


def attainment(db: Database, scope: Scope, view: view_filters.Filters, words: Words) -> alt.TopLevelMixin | None:
    attained = queries.attainment(db, scope, view)
    return None if attained.empty else charts.attainment_chart(attained, words)


def status_line(read: Reading) -> str:
    """The headline card's status line (lib/render/tables.card_html) as plain text."""
    if read.judged:
        return f"{read.status_text} {read.share} · {read.plan_line}"
    if read.stated:
        return f"{read.status_label} · {read.plan_line}"
    return read.plan_line


def indicator(db: Database, scope: Scope, words: Words, reporting_unit_name: str, indicator_id: str | None) -> Told:
    """pages/5_chi_tieu.py: the indicator the link names (the first of the table without one)."""
    ids = queries.indicator_table(db, scope)["indicator_id"].tolist()
    shown = indicator_id if indicator_id is not None and indicator_id in ids else str(ids[0])
    read = reading.read(queries.indicator(db, scope, shown).iloc[0].to_dict(), words)
    values = queries.indicator_observations(db, scope, shown)
    chart = (charts.indicator_values_chart(values, words, against_estimate=read.against_estimate)
             if charts.draws_values(values) else None)
    where = words.text("preview_of_reporting_unit", reporting_unit=reporting_unit_name, year=scope.results_year)
    line = words.text("preview_indicator", where=where, actual=read.actual, status=status_line(read),
                      next=read.next_line[:1].upper() + read.next_line[1:])
    return Told(read.name, (line,), chart, words.text("values_title"))


def data(db: Database, scope: Scope, words: Words, reporting_unit_name: str, view: view_filters.Filters) -> Told:
    """pages/6_du_lieu.py: the unit and year, the filters with the indicators and figures they keep."""
    observations = queries.observations_in_view(db, scope, view)
    held = " ".join((words.text("preview_of_reporting_unit", reporting_unit=reporting_unit_name, year=scope.results_year) + ".",
                     words.text("in_view", what=view_filters.phrase(view, words, page_kind="data"),
                                n=observations["indicator_id"].nunique()),
                     words.text("data_caption", n=len(observations))))
    return Told(words.text("data_title"), (held,), attainment(db, scope, view, words),
                words.text("attainment_title", year=scope.results_year))


def pace(db: Database, scope: Scope, words: Words, reporting_unit_name: str) -> Told:
    """pages/8_tien_do.py: the period it opens on, or the year's reading when there is no period's report."""
    periods = pace_queries.periods_reported(db)
    if periods.empty:
        return Told(words.text("pace_title", year=scope.results_year), (words.text("pace_none"),), None, "")
    part_year = charts_pace.part_year(periods)
    if part_year.empty:
        year, whole = scope.results_year, view_filters.Filters()
        return Told(words.text("pace_title", year=year),
                    (words.text("pace_year_end_only", reporting_unit=reporting_unit_name, year=year), year_opening(db, scope, whole, words, reporting_unit_name)),
                    attainment(db, scope, whole, words), words.text("attainment_title", year=year))
    first = part_year.iloc[0]
    year, period, as_of = int(first["year"]), str(first["period"]), first["as_of"]
    rows = pace_queries.pace(db, str(first["reporting_unit"]), year, period, as_of)
    counts = " · ".join(f"{words.label(labels.PACE, p)} {n}" for p, n in charts_pace.pace_counts(rows))
    lines = (charts_pace.caption(rows, first[words.column("reporting_unit_name")], period, year, as_of, words),
             words.text("preview_pace_counts", counts=counts))
    chart = charts_pace.pace_chart(rows, words) if rows["share_pct"].notna().any() else None
    return Told(words.text("pace_title", year=year), lines, chart, words.text("pace_col_share"))
