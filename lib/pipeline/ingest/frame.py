"""The report's frame, read before its figures: which unit it is about and at what level, the year and
the part of the year its results cover, and the year of the targets it sets. The staff member confirms
it before the rows, and every row follows a correction (extract(..., results_year=, period=))."""
from __future__ import annotations

from dataclasses import dataclass

from lib.pipeline.ingest.periods import RESULTS, TARGETS, find_periods, report_level, report_period
from lib.words.vntext import nfc


@dataclass(frozen=True)
class ReportFrame:
    unit_name: str  # "Xã Vĩnh Lộc"; empty when the text does not say
    level: str  # xa_phuong | huyen | tinh | "" (lib/data/contract.py LEVELS)
    results_year: int | None
    period: str  # year | m6 | m9 | m11 | q1 … q4: the part of the year the results cover
    targets_year: int | None
    evidence: str  # the words the results year and period were read from
    sure: bool  # False when the year or the period was guessed


def read_frame(text: str) -> ReportFrame:
    """The frame as the text states it (a first reading; lib.pipeline.ingest.frame owns the rules)."""
    text = nfc(text)
    periods = find_periods(text)
    results = next((p for p in periods if p.mode == RESULTS), None)
    targets = next((p for p in periods if p.mode == TARGETS), None)
    results_year = results.year if results else None
    return ReportFrame(unit_name="", level=report_level(text) or "", results_year=results_year,
                       period=report_period(text),
                       targets_year=targets.year if targets else (results_year + 1 if results_year else None),
                       evidence=results.heading if results else "", sure=bool(results and results.heading))
