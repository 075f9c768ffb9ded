"""The reference indicator catalogue (data/reference/indicator_catalogue.csv; official system: Quyết định
05/2023/QĐ-TTg, which replaced 54/2016/QĐ-TTg): its rows are well formed, its ids mean what the curated ids
mean, its aliases name one indicator each, and its units are known."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.pipeline.ingest.catalogue import REFERENCE_CATALOGUE, load_catalogue
from lib.words.vntext import fold

DATA = Path(__file__).resolve().parent.parent / "data"
COLUMNS = ["indicator_id", "code", "levels", "domain", "group", "name_vi", "name_en", "unit_of_measure", "direction",
           "measure", "aliases", "source"]
# Documented in data/reference/README.md: a per-head or per-hectare figure is an average; spending
# against its estimate is neither better higher nor lower.
KNOWN_DIFFERENCES = {("income_per_capita", "measure"), ("rice_yield", "measure"),
                     ("budget_expenditure_local", "direction")}


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_CATALOGUE, dtype=str, keep_default_na=False)


def test_columns_and_ids(reference):
    assert list(reference.columns) == COLUMNS
    assert reference["indicator_id"].is_unique
    assert len(reference) >= 150
    assert reference["indicator_id"].str.fullmatch(r"[a-z][a-z0-9_]*").all()


def test_allowed_values(reference):
    assert set(reference["domain"]) <= {"economy", "culture_society", "security_order", "party_politics"}
    assert set(reference["direction"]) <= {"higher", "lower", "neutral"}
    assert set(reference["measure"]) <= {"level", "flow", "rate", "change", "average"}
    assert set(reference["source"]) <= {"official", "common"}
    official = reference[reference["source"] == "official"]
    assert official["levels"].str.fullmatch(r"(?:tinh|huyen|xa)(?: (?:tinh|huyen|xa))*").all()


def test_codes_and_levels_only_on_official_rows(reference):
    # A code or a level is a claim about the official list; a row only seen in reports makes none.
    common = reference[reference["source"] == "common"]
    assert (common["code"] == "").all() and (common["levels"] == "").all()
    codes = reference.loc[reference["code"] != "", "code"]
    assert codes.str.fullmatch(r"[THX]?\d{4}").all()
    assert codes.is_unique


def test_reused_ids_mean_the_same(reference):
    curated = pd.read_csv(DATA / "curated" / "indicators.csv", dtype=str, keep_default_na=False)
    shared = reference.merge(curated, on="indicator_id", suffixes=("", "_curated"))
    assert len(shared) >= 50
    differences = {(row.indicator_id, field) for row in shared.itertuples()
                   for field in ("domain", "group", "unit_of_measure", "direction", "measure")
                   if getattr(row, field) != getattr(row, f"{field}_curated")}
    assert differences == KNOWN_DIFFERENCES


def test_every_row_has_aliases_and_no_alias_names_two(reference):
    owner: dict[str, str] = {}
    for row in reference.itertuples():
        aliases = [a for a in row.aliases.split("|") if a.strip()]
        assert aliases, row.indicator_id
        for alias in aliases:
            key = " ".join(fold(alias).split())
            assert owner.setdefault(key, row.indicator_id) == row.indicator_id, (alias, owner[key], row.indicator_id)


def test_units_are_known(reference):
    units = set(pd.read_csv(DATA / "curated" / "units_of_measure.csv", dtype=str, keep_default_na=False)["unit_of_measure"])
    assert set(reference["unit_of_measure"]) - units == set()
    catalogue = load_catalogue(DATA)
    assert all(catalogue.family(u) for u in reference["unit_of_measure"])
