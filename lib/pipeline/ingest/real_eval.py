"""How the extractor reads real reports of other units: every figure scored on value, kind, year, period
AND indicator, per report and for the development and held-out parts apart.

    python -m lib.pipeline.ingest.evaluate --real tests/real [-v]      (make eval-real)

tests/real/sources.csv lists the reports (slug,level,unit_name,doc_kind,period,results_year,query,address,
part; part is dev or holdout). Their texts are not in the repository: tests/real/texts/<slug>.txt is made
again from the query and address by a person, and a report whose text is absent is named as missing.
tests/real/<slug>.csv is `;`-separated number;value;kind;year;unit;period;indicator in text order, each
number the first token written so after the previous row's (as the passage sets); an empty period is the
whole year. `indicator` is a catalogue id or `new:<clean name>`.

A proposal's indicator is right when it is the label's id, or when the names agree: a new-indicator
proposal whose clean name has the same words as `new:NAME`, or an id whose name or an alias has them, or
a new-indicator proposal named like the labelled id. Names agree when, folded (no accents, lower case,
đ → d) and split into words, the words they share are at least NAME_AGREEMENT of the longer one's.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.pipeline.ingest.catalogue import COMMON_INDICATORS, DATA_DIR, REFERENCE_CATALOGUE, Catalogue
from lib.pipeline.ingest.extractor import SURE, extract
from lib.words.vntext import fold, nfc, numeric_tokens

NAME_AGREEMENT = 0.6
NEW = "new:"


def name_words(name: str) -> set[str]:
    """The words of a name, folded: "Tổng giá trị sản phẩm" → {tong, gia, tri, san, pham}."""
    return set(re.findall(r"[a-z0-9]+", fold(name)))


def names_agree(a: str, b: str) -> bool:
    """Two names say the same thing: shared words ≥ NAME_AGREEMENT of the longer name's words."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / max(len(wa), len(wb)) >= NAME_AGREEMENT


def indicator_names(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """Every known indicator id with its names: the curated name, the common one, the reference
    catalogue's name and aliases."""
    names: dict[str, list[str]] = {}
    sources = [(Path(data_dir) / "curated" / "indicators.csv", None), (COMMON_INDICATORS, None),
               (REFERENCE_CATALOGUE, "aliases")]
    for path, aliases in sources:
        if not path.exists():
            continue
        for row in pd.read_csv(path, dtype=str, keep_default_na=False).itertuples():
            found = names.setdefault(row.indicator_id, [])
            found.append(row.name_vi)
            if aliases:
                found.extend(a for a in getattr(row, aliases).split("|") if a)
    return names


def indicator_right(label: str, indicator_id: str, proposed_name: str, names: dict[str, list[str]]) -> bool:
    """The proposal's indicator (an id, or a new name when the id is empty) is the labelled one."""
    if not label.startswith(NEW):
        if indicator_id:
            return indicator_id == label
        return bool(proposed_name) and any(names_agree(proposed_name, n) for n in names.get(label, []))
    wanted = label[len(NEW):]
    if indicator_id:
        return any(names_agree(wanted, n) for n in names.get(indicator_id, []))
    return names_agree(wanted, proposed_name)


@dataclass
class Report:
    slug: str
    part: str
    facts: int = 0
    candidates: int = 0
    recovered: int = 0  # facts found with value, kind and year right
    right: int = 0  # candidates whose value, kind and year are a fact's
    full: int = 0  # facts found with value, kind, year, period and indicator right
    sure: int = 0
    sure_wrong: int = 0
    lines: list = field(default_factory=list)  # what went wrong, for -v

    @property
    def recall(self) -> float:
        return self.recovered / self.facts if self.facts else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.candidates if self.candidates else 0.0

    @property
    def full_rate(self) -> float:
        return self.full / self.facts if self.facts else 0.0

    @property
    def sure_error(self) -> float:
        return self.sure_wrong / self.sure if self.sure else 0.0


def real_facts(text: str, rows: list[dict]) -> list[dict]:
    """The labelled facts with the position of their number (each after the one before)."""
    tokens = numeric_tokens(text)
    facts, after = [], -1
    for line, row in enumerate(rows, start=2):
        token = next((t for t in tokens if t.text == row["number"] and t.start > after), None)
        if token is None:
            raise ValueError(f"dòng {line}: số “{row['number']}” không có trong văn bản sau vị trí {after}")
        after = token.start
        facts.append({"number": row["number"], "value": float(row["value"]), "kind": row["kind"],
                      "year": int(row["year"]), "period": row.get("period") or "year",
                      "indicator": row["indicator"], "start": token.start, "end": token.end})
    return facts


def _found(c, f) -> bool:
    return (c.start < f["end"] and f["start"] < c.end and abs(float(c.value) - f["value"]) < 1e-6
            and c.kind == f["kind"] and not pd.isna(c.year) and int(c.year) == f["year"])


def _full(c, f, names) -> bool:
    return _found(c, f) and c.period == f["period"] and indicator_right(
        f["indicator"], c.indicator_id or "", c.proposed_name or "", names)


def score_report(slug: str, part: str, text: str, rows: list[dict], candidates: pd.DataFrame,
                 names: dict[str, list[str]]) -> Report:
    """One report's facts against the proposals."""
    facts = real_facts(text, rows)
    cands = list(candidates.itertuples())
    report = Report(slug, part, len(facts), len(cands))
    for f in facts:
        found = [c for c in cands if _found(c, f)]
        report.recovered += bool(found)
        full = any(_full(c, f, names) for c in found)
        report.full += full
        if not found:
            report.lines.append(f"missed {f['number']} {f['kind']} {f['year']} {f['indicator']}")
        elif not full:
            c = found[0]
            report.lines.append(f"{f['number']}: {c.period}/{f['period']} indicator "
                                f"“{c.indicator_id or c.proposed_name}” ≠ {f['indicator']} ({c.confidence})")
    for c in cands:
        matched = [f for f in facts if _found(c, f)]
        report.right += bool(matched)
        if c.confidence >= SURE:
            report.sure += 1
            if not any(_full(c, f, names) for f in matched):
                report.sure_wrong += 1
                report.lines.append(f"sure but wrong: “{c.number}” {c.kind} {c.year} {c.period} "
                                    f"{c.indicator_id or c.proposed_name} — {c.quote[:70]}")
    return report


def sources(folder: Path) -> list[dict]:
    with (Path(folder) / "sources.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def evaluate_real(folder: Path, catalogue: Catalogue, data_dir: Path = DATA_DIR) -> tuple[list[Report], list[str]]:
    """Every report whose text is present, scored; and the slugs whose text is missing."""
    names = indicator_names(data_dir)
    reports, missing = [], []
    for source in sources(folder):
        slug, part = source["slug"], source["part"]
        path = Path(folder) / "texts" / f"{slug}.txt"
        if not path.exists():
            missing.append(f"{slug} ({part})")
            continue
        text = nfc(path.read_text(encoding="utf-8"))
        with (Path(folder) / f"{slug}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))
        reports.append(score_report(slug, part, text, rows, extract(text, catalogue), names))
    return reports, missing


def _total(name: str, reports: list[Report]) -> Report:
    total = Report(name, "")
    for attribute in ("facts", "candidates", "recovered", "right", "full", "sure", "sure_wrong"):
        setattr(total, attribute, sum(getattr(r, attribute) for r in reports))
    return total


def real_table(reports: list[Report], missing: list[str]) -> str:
    """Per report, then each part (dev, holdout, …) apart: facts, recall, precision, right in full, sure rows."""
    lines = ["| report | part | facts | recall | precision | right in full | sure rows | sure wrong |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    parts = list(dict.fromkeys(r.part for r in reports))  # in the order sources.csv names them
    rows = list(reports) + [_total(f"**{part}**", [r for r in reports if r.part == part]) for part in parts]
    for r in rows:
        lines.append(f"| {r.slug} | {r.part} | {r.facts} | {r.recall:.1%} | {r.precision:.1%} | "
                     f"{r.full} ({r.full_rate:.1%}) | {r.sure} | {r.sure_wrong} ({r.sure_error:.1%}) |")
    if missing:
        lines.append("\nMissing texts (make them again from tests/real/sources.csv): " + ", ".join(missing))
    return "\n".join(lines)
