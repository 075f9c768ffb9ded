"""Helpers for tests that edit a copy of the curated data, and the app's words by language (no fixtures
here: see conftest.py)."""
from __future__ import annotations

import csv
from pathlib import Path

from lib.words.words import Words

REPORT_ID = "tieu-can-2022"
OBSERVATIONS = f"curated/reports/{REPORT_ID}/observations.csv"
INDICATORS = "curated/indicators.csv"
IGNORED = f"curated/reports/{REPORT_ID}/ignored_numbers.csv"
RAW_REPORT = "raw/tieu-can-2022-report.txt"


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def csv_line(index: int) -> int:
    """The file line of data row `index` (0-based): the header is line 1 and no cell spans lines."""
    return index + 2


def find_row(rows: list[dict], **match) -> int:
    """The index of the only row whose cells equal `match`."""
    found = [i for i, row in enumerate(rows) if all(row[k] == v for k, v in match.items())]
    assert len(found) == 1, f"expected one row matching {match}, found {len(found)}"
    return found[0]


def text(key: str, lang: str, **fields) -> str:
    """The sentence `key` as the page in `lang` shows it (the app asks its words object the same)."""
    return Words.of(lang).text(key, **fields)
