"""Which reports a snapshot holds and which report a view names, with no Streamlit: the app's
cache (lib/data/cache.py) keeps one per snapshot, the link previews (lib/export/link_preview.py)
read the same one."""
from __future__ import annotations

from dataclasses import dataclass

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import home_unit


@dataclass(frozen=True)
class ReportIndex:
    """Looked up by every page run: built once per snapshot (a province has 10,000 reports;
    filtering that frame on every run cost ~30 ms)."""
    units: tuple[str, ...]  # the home unit first, then in the order of the newest reports
    years: tuple[int, ...]  # results years, newest first
    years_by_unit: dict[str, tuple[int, ...]]
    scopes: dict[tuple[str, int | None], Scope]  # (unit, None) is the unit's newest report
    unit_names: dict[str, dict[str, str]]  # language → unit → name

    def scope_for(self, unit: str | None, year: int | None = None) -> Scope:
        """The report of `unit` for results `year`; by default the newest report of the home unit."""
        unit = unit if unit in self.units else self.units[0]
        return self.scopes.get((unit, year)) or self.scopes[(unit, None)]


def build(db: Database) -> ReportIndex:
    reports = queries.reports(db)
    # The year pages read whole years: a six-month report is the pace page's (lib.data.queries.pace).
    whole_years = reports[reports["period"] == "year"]
    reports = whole_years if not whole_years.empty else reports
    units = tuple(dict.fromkeys(reports["reporting_unit"]))
    first = home_unit(units)
    units = (first,) + tuple(u for u in units if u != first)
    scopes: dict[tuple[str, int | None], Scope] = {}
    years_by_unit: dict[str, list[int]] = {}
    for unit, results, targets in zip(reports["reporting_unit"], reports["results_year"], reports["targets_year"]):
        scope = Scope(str(unit), int(results), int(targets))
        scopes.setdefault((scope.reporting_unit, None), scope)  # newest first
        scopes.setdefault((scope.reporting_unit, scope.results_year), scope)
        years_by_unit.setdefault(scope.reporting_unit, []).append(scope.results_year)
    return ReportIndex(
        units=units,
        years=tuple(sorted({int(y) for y in reports["results_year"]}, reverse=True)),
        years_by_unit={unit: tuple(sorted(set(years), reverse=True)) for unit, years in years_by_unit.items()},
        scopes=scopes,
        unit_names={"vi": dict(zip(reports["reporting_unit"], reports["unit_name_vi"])),
                    "en": dict(zip(reports["reporting_unit"], reports["unit_name_en"]))})
