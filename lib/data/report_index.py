"""Which reports a snapshot holds and which report a view names, with no Streamlit: the app's
cache (lib/data/cache.py) keeps one per snapshot, the link previews (lib/export/link_preview.py)
read the same one."""
from __future__ import annotations

from dataclasses import dataclass

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import home_reporting_unit


@dataclass(frozen=True)
class ReportIndex:
    """Looked up by every page run: built once per snapshot (a province has 10,000 reports;
    filtering that frame on every run cost ~30 ms)."""
    reporting_units: tuple[str, ...]  # the home unit first, then in the order of the newest reports
    years: tuple[int, ...]  # results years, newest first
    years_by_reporting_unit: dict[str, tuple[int, ...]]
    scopes: dict[tuple[str, int | None], Scope]  # (unit, None) is the unit's newest report
    reporting_unit_names: dict[str, dict[str, str]]  # language → unit → name

    def scope_for(self, reporting_unit: str | None, year: int | None = None) -> Scope:
        """The report of `unit` for results `year`; by default the newest report of the home unit."""
        reporting_unit = reporting_unit if reporting_unit in self.reporting_units else self.reporting_units[0]
        return self.scopes.get((reporting_unit, year)) or self.scopes[(reporting_unit, None)]


def build(db: Database) -> ReportIndex:
    reports = queries.reports(db)
    # The year pages read whole years: a six-month report is the pace page's (lib.data.queries.pace).
    whole_years = reports[reports["period"] == "year"]
    reports = whole_years if not whole_years.empty else reports
    reporting_units = tuple(dict.fromkeys(reports["reporting_unit"]))
    first = home_reporting_unit(reporting_units)
    reporting_units = (first,) + tuple(u for u in reporting_units if u != first)
    scopes: dict[tuple[str, int | None], Scope] = {}
    years_by_reporting_unit: dict[str, list[int]] = {}
    for reporting_unit, results, targets in zip(reports["reporting_unit"], reports["results_year"], reports["targets_year"]):
        scope = Scope(str(reporting_unit), int(results), int(targets))
        scopes.setdefault((scope.reporting_unit, None), scope)  # newest first
        scopes.setdefault((scope.reporting_unit, scope.results_year), scope)
        years_by_reporting_unit.setdefault(scope.reporting_unit, []).append(scope.results_year)
    return ReportIndex(
        reporting_units=reporting_units,
        years=tuple(sorted({int(y) for y in reports["results_year"]}, reverse=True)),
        years_by_reporting_unit={reporting_unit: tuple(sorted(set(years), reverse=True)) for reporting_unit, years in years_by_reporting_unit.items()},
        scopes=scopes,
        reporting_unit_names={"vi": dict(zip(reports["reporting_unit"], reports["reporting_unit_name_vi"])),
                    "en": dict(zip(reports["reporting_unit"], reports["reporting_unit_name_en"]))})
