"""The catalogue a proposal may belong to: the curated indicators and units, read as the extractor needs them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@dataclass
class Catalogue:
    """The indicators a candidate may belong to, and the units with their families."""

    indicators: pd.DataFrame  # indicator_id, name_vi, unit, measure (other columns kept)
    units: pd.DataFrame  # unit, family, scale

    def __post_init__(self) -> None:
        self._families = dict(zip(self.units["unit"], self.units["family"]))

    def family(self, unit: str | None) -> str | None:
        """The unit's family in units.csv (money, area, people…), None if the unit is not listed."""
        return self._families.get(unit) if unit else None


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """The curated catalogue (data/curated/indicators.csv and units.csv)."""
    root = Path(data_dir) / "curated"
    indicators = pd.read_csv(root / "indicators.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(root / "units.csv", dtype=str, keep_default_na=False)
    return Catalogue(indicators, units)


def empty_catalogue() -> Catalogue:
    return Catalogue(pd.DataFrame(columns=["indicator_id", "name_vi", "unit", "measure"]),
                     pd.DataFrame(columns=["unit", "family", "scale"]))
