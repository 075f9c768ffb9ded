"""The catalogue a proposal may belong to: the curated indicators and units, read as the extractor needs
them, and the reference catalogue data/reference/indicator_catalogue.csv (the indicators of the statistical
indicator system of Quyết định 54/2016/QĐ-TTg and those year-end reports commonly carry, each with the
wordings reports use for it, `aliases`), beside the older built-in common_indicators.csv, so that
neighbours' reports share ids. A reference indicator not yet curated is proposed as a new one, never as an
id; a curated indicator that the reference catalogue also has takes its aliases."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.data.contract import current_names
from lib.pipeline.curated import units_of_measure_file
from lib.words import vntext

DATA_DIR = Path(__file__).resolve().parents[3] / "data"
COMMON_INDICATORS = Path(__file__).with_name("common_indicators.csv")
REFERENCE_CATALOGUE = DATA_DIR / "reference" / "indicator_catalogue.csv"
CURATED, COMMON = "curated", "common"


@dataclass
class Catalogue:
    """The indicators a candidate may belong to, and the units with their families."""

    indicators: pd.DataFrame  # indicator_id, name_vi, unit, measure (other columns kept)
    units_of_measure: pd.DataFrame  # unit, family, scale

    def __post_init__(self) -> None:
        self._families = dict(zip(self.units_of_measure["unit_of_measure"], self.units_of_measure["family"]))
        if "origin" not in self.indicators.columns:
            self.indicators = self.indicators.assign(origin=CURATED)

    def family(self, unit: str | None) -> str | None:
        """The unit's family in units_of_measure.csv (money, area, people…), None if the unit is not listed."""
        return self._families.get(unit) if unit else None

    def is_common(self, indicator_id: str) -> bool:
        """A built-in common indicator that the curated catalogue does not have yet."""
        rows = self.indicators[self.indicators["indicator_id"] == indicator_id]
        return bool(len(rows)) and rows.iloc[0]["origin"] == COMMON

    def indicator(self, indicator_id: str) -> dict:
        """One indicator's row (for a new indicator made in the review: name, unit, direction, measure)."""
        rows = self.indicators[self.indicators["indicator_id"] == indicator_id]
        return {k: v for k, v in rows.iloc[0].items() if k != "origin"} if len(rows) else {}


def _read(path: Path) -> pd.DataFrame:
    """A catalogue CSV as text, its columns from before the rename (`unit`) read by their names now."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.set_axis(current_names(frame.columns), axis="columns")


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """The curated catalogue (data/curated/indicators.csv and units_of_measure.csv)."""
    root = Path(data_dir) / "curated"
    indicators = _read(root / "indicators.csv")
    units_of_measure = _read(units_of_measure_file(root))
    return Catalogue(indicators, units_of_measure)


@functools.lru_cache(maxsize=8)
def _read_table(path: Path, modified: float) -> pd.DataFrame:
    return _read(path)


def _table(path: Path) -> pd.DataFrame:
    """A catalogue file read once per process and version of the file (the staff page asks on every rerun)."""
    return _read_table(path, path.stat().st_mtime).copy()


def common_indicators() -> pd.DataFrame:
    """The built-in common indicators (id, domain, group, names, unit, direction, measure)."""
    return _table(COMMON_INDICATORS)


def makeable_indicators() -> dict[str, dict]:
    """By id, every indicator a review may name and a publish makes from its row when the curated catalogue
    lacks it (domain, group, names, unit, direction, measure): the reference catalogue's and the built-in
    common ones."""
    built_in = common_indicators()
    rows = pd.concat([built_in, reference_catalogue()[list(built_in.columns)]], ignore_index=True)
    return {row["indicator_id"]: row for row in rows.drop_duplicates("indicator_id").to_dict("records")}


def reference_catalogue() -> pd.DataFrame:
    """The reference catalogue (indicator_id, code, levels, domain, group, names, unit, direction,
    measure, aliases `|`-separated, source official|common)."""
    return _table(REFERENCE_CATALOGUE)


def with_common(catalogue: Catalogue) -> Catalogue:
    """The catalogue, with the aliases the reference catalogue gives its indicators, and the reference
    and common indicators it lacks whose unit it knows (marked origin=common)."""
    if catalogue.units_of_measure.empty:
        return catalogue
    reference = reference_catalogue()
    aliases = dict(zip(reference["indicator_id"], reference["aliases"]))
    known = set(catalogue.indicators["indicator_id"])
    units_of_measure = set(catalogue.units_of_measure["unit_of_measure"])
    common = common_indicators()
    extra = pd.concat([reference[~reference["indicator_id"].isin(known)],
                       common[~common["indicator_id"].isin(known | set(reference["indicator_id"]))]],
                      ignore_index=True)
    extra = extra[extra["unit_of_measure"].isin(units_of_measure)].assign(origin=COMMON)
    own = catalogue.indicators.assign(aliases=[aliases.get(i, "") for i in catalogue.indicators["indicator_id"]])
    merged = pd.concat([own, extra], ignore_index=True).fillna("")
    return Catalogue(merged, catalogue.units_of_measure)


def empty_catalogue() -> Catalogue:
    return Catalogue(pd.DataFrame(columns=["indicator_id", "name_vi", "unit_of_measure", "measure"]),
                     pd.DataFrame(columns=["unit_of_measure", "family", "scale"]))


# What the name says when less is better (poverty, accidents, violations…).
_LOWER_IS_BETTER = re.compile(r"(?i)nghèo|tai nạn|vi phạm|tội phạm|ma túy|suy dinh dưỡng|thất nghiệp|thiệt hại|"
                              r"bị thương|chết|tử vong|cháy|dịch bệnh|bỏ học|ô nhiễm")
_LEVEL_WORDS = re.compile(r"(?i)^(?:tổng đàn|đàn|tổng số|số .* (?:đạt|có)|hiện có)")
_PER_UNIT = re.compile(r"(?i)\bbình quân\b|/\s*(?:xã|hộ|người|ha|thôn|ấp)\b|\bmỗi (?:xã|hộ|người)\b")
_FAMILY_GROUP = {"area": "agriculture", "mass": "agriculture", "yield": "agriculture", "animals": "agriculture",
                 "money": "finance", "people": "labour", "communes": "new_rural", "enterprises": "enterprises",
                 "cooperatives": "cooperatives", "incidents": "crime"}


def propose_indicator(name: str, unit: str, catalogue: Catalogue) -> dict:
    """A new indicator for a proposal no curated one fits: the common indicator of that name if there is
    one, otherwise a slug of the name, its unit, and the direction and measure its words and unit say."""
    common = common_indicators()
    same = common[common["name_vi"] == name]
    if len(same):
        return same.iloc[0].to_dict()
    family = catalogue.family(unit)
    if unit == "%":
        measure = "change" if re.match(r"(?i)tốc độ tăng|mức (?:tăng|giảm)", name) else "rate"
    elif family == "yield":
        measure = "rate"
    elif _PER_UNIT.search(name) and family != "money":
        measure = "average"  # "16,10 tiêu chí/xã": a mean per commune, neither a level nor a flow
    else:
        measure = "level" if _LEVEL_WORDS.match(name) or family == "animals" else "flow"
    group = _FAMILY_GROUP.get(family or "", "growth")
    domain = {"labour": "culture_society", "crime": "security_order"}.get(group, "economy")
    slug = vntext.slug(name)[:60] or "chi_tieu_moi"
    return {"indicator_id": slug, "domain": domain, "group": group, "name_vi": name, "name_en": "",
            "unit_of_measure": unit, "direction": "lower" if _LOWER_IS_BETTER.search(name) else "higher", "measure": measure}


def proposed_indicators(candidates: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """One new indicator per proposed name among the candidates no indicator matched (for the review)."""
    rows = candidates[(candidates["indicator_id"] == "") & (candidates["proposed_name"] != "")
                      & ~candidates["kind"].isin(["pct_of_target", "yoy_change_pct", "change_abs"])]
    seen, proposals = set(), []
    for row in rows.itertuples():
        if row.proposed_name not in seen:
            seen.add(row.proposed_name)
            proposals.append(propose_indicator(row.proposed_name, row.unit_of_measure, catalogue))
    return pd.DataFrame(proposals, columns=["indicator_id", "domain", "group", "name_vi", "name_en", "unit_of_measure",
                                            "direction", "measure"])
