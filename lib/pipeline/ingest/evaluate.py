"""How well the extractor reads reports: recall and precision (value, kind and year right) and the rate
of wrong rows among those it marks sure, on labelled passage sets and on the seed report.

    python -m lib.pipeline.ingest.evaluate [tests/passages]      (make eval-ingest)
    python -m lib.pipeline.ingest.evaluate --real tests/real     (make eval-real: lib.pipeline.ingest.real_eval)

A passage set is NAME.txt (a report's text, or an annex table as read from a .docx) and NAME.csv
(`;`-separated: number;value;kind;year;unit, and optionally period), one row per fact in the order
the text states them; where a set labels periods, a proposal must have the period right too.
A fact's number is the first token written so after the previous fact's, so labels need no offsets.
A candidate is right when its number covers the fact's position and value (sign included), kind and
year agree; the seed's facts are the curated observations of data/curated (their quotes, read back).
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.data.contract import current_names
from lib.pipeline.ingest.catalogue import DATA_DIR, Catalogue, load_catalogue
from lib.pipeline.ingest.extractor import SURE, extract
from lib.pipeline.numbers import read_value
from lib.pipeline.raw import read_report
from lib.words.vntext import nfc, numeric_tokens

PASSAGES = Path(__file__).resolve().parents[3] / "tests" / "passages"
REAL = PASSAGES.parent / "real"
SEED_REPORT = "tieu-can-2022"


@dataclass
class Score:
    name: str
    facts: int
    candidates: int
    recovered: int
    right: int
    sure: int
    sure_wrong: int
    misses: list
    wrong: list
    sure_other_indicator: int | None = None  # sure rows right but on another indicator (labelled sets only)

    @property
    def recall(self) -> float:
        return self.recovered / self.facts if self.facts else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.candidates if self.candidates else 1.0

    @property
    def sure_error(self) -> float:
        return self.sure_wrong / self.sure if self.sure else 0.0


def passage_facts(text: str, rows: list[dict]) -> pd.DataFrame:
    """Labelled facts with the position of their number in `text` (each after the one before)."""
    tokens = numeric_tokens(text)
    facts, after = [], -1
    for row in rows:
        token = next((t for t in tokens if t.text == row["number"] and t.start > after), None)
        if token is None:
            raise ValueError(f"số “{row['number']}” không có trong đoạn văn sau vị trí {after}")
        after = token.start
        facts.append({"number": row["number"], "value": float(row["value"]), "kind": row["kind"],
                      "year": int(row["year"]), "unit": row["unit"], "start": token.start, "end": token.end,
                      "period": row.get("period") or ""})
    return pd.DataFrame(facts)


def load_passage_set(path: Path) -> tuple[str, pd.DataFrame]:
    """(text, facts) of one passage set, from NAME.csv and the NAME.txt beside it."""
    path = Path(path)
    text = nfc(path.with_suffix(".txt").read_text(encoding="utf-8"))
    with path.with_suffix(".csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return text, passage_facts(text, rows)


def seed_facts(data_dir: Path = DATA_DIR, report: str = SEED_REPORT) -> tuple[str, pd.DataFrame]:
    """The seed report's text and its curated observations, each with its signed value and position."""
    folder = Path(data_dir) / "curated" / "reports" / report
    text = read_report(Path(data_dir) / "raw" / f"{report}-report.txt")
    indicators = pd.read_csv(Path(data_dir) / "curated" / "indicators.csv", dtype=str, keep_default_na=False)
    measure = dict(zip(indicators["indicator_id"], indicators["measure"]))
    facts = []
    with (folder / "observations.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        reader.fieldnames = current_names(reader.fieldnames or [])  # a file from before `unit_of_measure`
        for row in reader:
            quote = nfc(row["quote"])
            position = text.find(quote)
            reading = read_value(quote, row["number"], int(row["occurrence"] or 1), row["kind"],
                                 measure[row["indicator_id"]])
            facts.append({"number": row["number"], "value": reading.value, "kind": row["kind"],
                          "year": int(row["year"]), "unit": row["unit_of_measure"], "indicator_id": row["indicator_id"],
                          "start": position + reading.start, "end": position + reading.end})
    return text, pd.DataFrame(facts)


def _same(candidate, fact) -> bool:
    # a set labelled with periods (the mid-year styles) also needs the period right
    period = getattr(fact, "period", "")
    return (abs(float(candidate.value) - fact.value) < 1e-6 and candidate.kind == fact.kind
            and not pd.isna(candidate.year) and int(candidate.year) == fact.year
            and (not isinstance(period, str) or not period or candidate.period == period)
            and candidate.start < fact.end and fact.start < candidate.end)


def score(name: str, candidates: pd.DataFrame, facts: pd.DataFrame) -> Score:
    """Recall, precision and the sure rows' error of `candidates` against the labelled `facts`."""
    fact_rows = list(facts.itertuples())
    rows = list(candidates.itertuples())
    recovered = [any(_same(c, f) for c in rows) for f in fact_rows]
    right = [any(_same(c, f) for f in fact_rows) for c in rows]
    sure = [c.confidence >= SURE for c in rows]
    other = None
    if "indicator_id" in facts.columns:
        other = sum(1 for c, s in zip(rows, sure) if s and any(
            _same(c, f) and f.indicator_id != c.indicator_id for f in fact_rows))
    return Score(name, len(fact_rows), len(rows), sum(recovered), sum(right), sum(sure),
                 sum(1 for s, r in zip(sure, right) if s and not r),
                 [f for f, r in zip(fact_rows, recovered) if not r], [c for c, r in zip(rows, right) if not r], other)


def evaluate(folder: Path = PASSAGES, data_dir: Path = DATA_DIR, catalogue: Catalogue | None = None) -> list[Score]:
    """The seed report, then every passage set of `folder`, scored."""
    catalogue = catalogue if catalogue is not None else load_catalogue(data_dir)
    text, facts = seed_facts(data_dir)
    scores = [score("seed " + SEED_REPORT, extract(text, catalogue), facts)]
    for path in sorted(Path(folder).glob("*.csv")):
        text, facts = load_passage_set(path)
        scores.append(score(path.stem, extract(text, catalogue), facts))
    return scores


def table(scores: list[Score]) -> str:
    """The scores as a Markdown table (what `make eval-ingest` prints and docs/ingest-eval.md keeps)."""
    lines = ["| set | facts | candidates | recall | precision | sure rows | sure rows wrong |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for s in scores:
        lines.append(f"| {s.name} | {s.facts} | {s.candidates} | {s.recall:.1%} | {s.precision:.1%} | "
                     f"{s.sure} | {s.sure_wrong} ({s.sure_error:.1%}) |")
    sums = {f: sum(getattr(s, f) for s in scores) for f in
            ("facts", "candidates", "recovered", "right", "sure", "sure_wrong")}
    total = Score("all", misses=[], wrong=[], **sums)
    lines.append(f"| **all** | {total.facts} | {total.candidates} | {total.recall:.1%} | {total.precision:.1%} | "
                 f"{total.sure} | {total.sure_wrong} ({total.sure_error:.1%}) |")
    for s in scores:
        if s.sure_other_indicator is not None:
            lines.append(f"\n{s.name}: {s.sure_other_indicator} of {s.sure} sure rows name another indicator "
                         f"than the curated one ({s.sure_other_indicator / max(s.sure, 1):.1%}).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    folders = [a for a in args if a not in ("-v", "--real")]
    if "--real" in args:
        from lib.pipeline.ingest.real_eval import evaluate_real, real_table
        reports, missing = evaluate_real(Path(folders[0]) if folders else REAL, load_catalogue(DATA_DIR))
        print(real_table(reports, missing))
        if verbose:
            for r in reports:
                print("\n".join(f"[{r.slug}] {line}" for line in r.lines))
        return 0
    scores = evaluate(Path(folders[0]) if folders else PASSAGES)
    print(table(scores))
    if verbose:
        for s in scores:
            for f in s.misses:
                print(f"[{s.name}] missed: {f.number} {f.kind} {f.year} → {f.value}")
            for c in s.wrong:
                print(f"[{s.name}] wrong: line {c.line} “{c.number}” {c.kind} {c.year} {c.value} "
                      f"({c.confidence}) — {c.quote[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
