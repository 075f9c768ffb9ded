"""What every take-away carries besides the figures: the report's sentences behind each indicator,
how derived figures were computed, the snapshot and its checksums, the filters, a file name."""
from __future__ import annotations

import re

import pandas as pd

from lib.data import queries
from lib.data.contract import KINDS
from lib.data.db import Database
from lib.data.queries import Scope
from lib.view import filters
from lib.view.filters import Filters
from lib.words import labels
from lib.words.vntext import fold, slug
from lib.words.words import Words

_KIND_ORDER = {kind: place for place, kind in enumerate(KINDS)}


def rows_with_sources(db: Database, scope: Scope, view: Filters = Filters()) -> pd.DataFrame:
    """`queries.indicator_table` plus, per indicator, the report's sentences and how derived
    figures were computed: `quote_results` (results year), `quote_next` (targets year) and
    `derivations` (list of (kind, year, how))."""
    rows = queries.indicator_table(db, scope, view)
    observations = queries.observations_in_view(db, scope, view)
    results_quotes: dict[str, list[str]] = {}
    next_quotes: dict[str, list[str]] = {}
    derivations: dict[str, list[tuple[str, int, str]]] = {}
    ordered = observations.assign(_kind=observations["kind"].map(_KIND_ORDER).fillna(9))
    for obs in ordered.sort_values(["year", "_kind"], kind="stable").itertuples():
        quote = obs.source_quote
        if isinstance(quote, str) and quote:
            target = results_quotes if obs.year == scope.results_year else next_quotes
            bucket = target.setdefault(obs.indicator_id, [])
            if quote not in bucket:
                bucket.append(quote)
        if obs.origin == "derived" and isinstance(obs.derivation, str):
            derivations.setdefault(obs.indicator_id, []).append((obs.kind, int(obs.year), obs.derivation))
    rows = rows.copy()
    rows["quote_results"] = [results_quotes.get(i, []) for i in rows["indicator_id"]]
    rows["quote_next"] = [next_quotes.get(i, []) for i in rows["indicator_id"]]
    rows["derivations"] = [derivations.get(i, []) for i in rows["indicator_id"]]
    return rows


def by_domain(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Rows split by domain, in the catalogue's domain order; empty domains left out."""
    known = [d for d in labels.DOMAINS if (rows["domain"] == d).any()]
    others = [d for d in dict.fromkeys(rows["domain"]) if d not in labels.DOMAINS]
    return {d: rows[rows["domain"] == d].reset_index(drop=True) for d in known + others}


def derivation_notes(derivations: list, words: Words) -> str:
    return "\n".join(f"{words.label(labels.KINDS, kind)} {year}: {how}" for kind, year, how in derivations)


def export_file_name(scope: Scope, view: Filters, extension: str) -> str:
    """An ASCII file name saying what is inside: chi-tieu_tieu-can_2022_economy.xlsx"""
    parts = ["chi-tieu", scope.reporting_unit, str(scope.results_year)]
    if view.domain:
        parts.append(view.domain)
    if filters.narrowed(view):
        parts.append("loc")  # filtered: the sources sheet / the brief names the filters
    name = "_".join(re.sub(r"[^a-z0-9-]+", "-", p.lower()) for p in parts)
    return f"{name}.{extension.lstrip('.')}"


def report_of(db: Database, scope: Scope):
    """The report row of the scope's unit (title, file, checksum), or None."""
    reports = queries.reports(db)
    report = reports[reports["reporting_unit"] == scope.reporting_unit]
    return report.iloc[0] if not report.empty else None


def sources_rows(db: Database, scope: Scope, view: Filters, words: Words, count: int | None = None) -> list[tuple[str, str]]:
    """What the numbers are: report, raw file checksum, snapshot and its checksums, filters."""
    manifest = db.snapshot.manifest
    rows: list[tuple[str, str]] = []
    report = report_of(db, scope)
    if report is not None:
        rows += [
            (words.text("src_unit"), report[words.column("reporting_unit_name")]),
            (words.text("src_report"), report[words.column("title")]),
            (words.text("src_report_id"), report["report_id"]),
            (words.text("src_raw_file"), report["raw_file"]),
            (words.text("src_raw_sha"), report["raw_sha256"]),
        ]
    rows += [
        (words.text("src_snapshot"), manifest.get("snapshot_id", "")),
        (words.text("src_created"), words.local_time(manifest.get("created_at"))),
        (words.text("src_data_sha"), manifest.get("data_sha256", "")),
    ]
    rows += [(words.text("src_file_sha", file=name), sha) for name, sha in (manifest.get("files") or {}).items()]
    rows.append((words.text("src_filters"), filters.phrase(view, words)))
    if count is not None:
        rows.append((words.text("src_count"), str(count)))
    rows.append((words.text("src_note_numbers"), words.text("note_numbers")))
    rows.append(("", words.text("note_derived")))
    return rows


def chart_caption(db: Database, scope: Scope, view: Filters, title: str, words: Words) -> tuple[str, ...]:
    """What a chart saved as an image says of itself: its title (with the year), the unit and the
    filters, and where its figures come from (report and snapshot)."""
    report = report_of(db, scope)
    reporting_unit = scope.reporting_unit if report is None else report[words.column("reporting_unit_name")]
    where = f"{reporting_unit} · {filters.phrase(view, words)}" if view.domain or filters.narrowed(view) else reporting_unit
    manifest = db.snapshot.manifest
    source = words.text("chart_source", report=scope.reporting_unit if report is None else
                  report[words.column("title")])
    snapshot = words.text("chart_snapshot", snapshot=manifest.get("snapshot_id", ""),
                    created=words.local_time(manifest.get("created_at")))
    return title, where, source, snapshot


def chart_file_name(scope: Scope, view: Filters, chart: str, words: Words, extension: str) -> str:
    """An ASCII file name saying what a chart image holds: tieu-can-2022_kinh-te_muc-dat-ke-hoach.png"""
    where = fold(words.label(labels.DOMAINS, view.domain)) if view.domain else words.text("file_overview")
    parts = [f"{scope.reporting_unit}-{scope.results_year}", where, words.text(f"file_{chart}")]
    if filters.narrowed(view):
        parts.append(words.text("file_filtered"))
    name = "_".join(slug(part, "-") for part in parts)
    return f"{name}.{extension.lstrip('.')}"
