"""The real curated data: quotes, coverage of every number of the report, values read with the right
sign, scale and year, and no drift between the catalogue, the observations and the vocabularies."""
from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import IGNORED, INDICATORS, OBSERVATIONS, REPORT_ID, read_rows

from lib.data.contract import KINDS
from lib.data.snapshot import latest_snapshot
from lib.pipeline.checks import report_coverage, validate_catalogue
from lib.pipeline.curated import load_curated
from lib.pipeline.numbers import locate
from lib.pipeline.observations import read_observations
from lib.pipeline.problems import Problem
from lib.words import labels
from lib.words.vntext import nfc
from lib.words.words import Words


@pytest.fixture(scope="module")
def report_text(data_dir) -> str:
    meta = json.loads((data_dir / "curated" / "reports" / REPORT_ID / "report.json").read_text(encoding="utf-8"))
    return nfc((data_dir / meta["raw_file"]).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def observation_rows(data_dir) -> list[dict]:
    return read_rows(data_dir / OBSERVATIONS)[1]


@pytest.fixture(scope="module")
def indicator_rows(data_dir) -> list[dict]:
    return read_rows(data_dir / INDICATORS)[1]


@pytest.fixture(scope="module")
def unit_rows(data_dir) -> list[dict]:
    return read_rows(data_dir / "curated" / "units_of_measure.csv")[1]


@pytest.fixture(scope="module")
def curated_reading(data_dir):
    """The pipeline's own reading of the real curated data, step by step as build_tables does it."""
    problems: list[Problem] = []
    curated = load_curated(data_dir, problems)
    validate_catalogue(curated, problems)
    per_report = {}
    for report in curated.reports:
        rows = read_observations(curated, report, problems)
        per_report[report.meta["report_id"]] = (report, rows, report_coverage(report, rows))
    return curated, problems, per_report


def row_label(index: int, row: dict) -> str:
    return f"{OBSERVATIONS} line {index + 2} ({row['indicator_id']}, {row['year']}, {row['kind']})"


# --- quotes --------------------------------------------------------------------------------------


def test_every_quote_occurs_exactly_once_in_the_report(report_text, observation_rows):
    bad = [f"{row_label(i, row)}: found {report_text.count(nfc(row['quote']))} times: {row['quote']!r}"
           for i, row in enumerate(observation_rows) if report_text.count(nfc(row["quote"])) != 1]
    assert not bad, "\n".join(bad)


def test_every_quote_contains_its_number_as_written(observation_rows):
    bad = []
    for i, row in enumerate(observation_rows):
        occurrence = int(row["occurrence"] or 1)
        if locate(nfc(row["quote"]), row["number"], occurrence) is None:
            bad.append(f"{row_label(i, row)}: no “{row['number']}” (occurrence {occurrence}) in {row['quote']!r}")
    assert not bad, "\n".join(bad)


def test_occurrence_cells_are_positive_integers(observation_rows):
    bad = [row_label(i, row) for i, row in enumerate(observation_rows)
           if row["occurrence"] and not (row["occurrence"].isdigit() and int(row["occurrence"]) >= 1)]
    assert not bad, "occurrence must be 1, 2, …: " + ", ".join(bad)


# --- coverage: every number of the report is observed or ignored with a reason -------------------


def test_the_curated_data_reads_without_problems(curated_reading):
    _, problems, _ = curated_reading
    assert not problems, "\n".join(str(p) for p in problems)


def test_no_number_of_the_report_is_left_over(curated_reading):
    _, _, per_report = curated_reading
    assert per_report, "no report was loaded"
    for report_id, (report, _, coverage) in per_report.items():
        summary = coverage.summary()
        print(f"\n{report_id}: {summary['observed']} observed + {summary['ignored']} ignored "
              f"of {summary['numeric_tokens']} numbers; {summary['leftover']} left over")
        assert summary["observed"] + summary["ignored"] + summary["leftover"] == summary["numeric_tokens"]
        leftovers = []
        for token in coverage.leftovers:
            line = report.text.count("\n", 0, token.start) + 1
            context = report.text[max(0, token.start - 40):token.end + 40].replace("\n", " ")
            leftovers.append(f"  “{token.text}” at report line {line}: …{context}…")
        assert not leftovers, (f"{report_id}: {len(leftovers)} number(s) neither observed nor ignored "
                               f"({summary}):\n" + "\n".join(leftovers))


def test_no_ignore_rule_hides_an_observed_number(curated_reading):
    _, _, per_report = curated_reading
    for report_id, (_, _, coverage) in per_report.items():
        conflicts = [f"  “{token.text}” hidden by {IGNORED} line {rule.row} ({rule.match!r})"
                     for token, rule in coverage.conflicts]
        assert not conflicts, f"{report_id}:\n" + "\n".join(conflicts)


def test_every_ignore_rule_is_used_and_has_a_reason(curated_reading):
    """A rule that matches nothing is stale: it would silently swallow a number added later."""
    _, _, per_report = curated_reading
    for report_id, (report, _, coverage) in per_report.items():
        unused = [f"  line {rule.row}: {rule.match!r} / {rule.number!r}" for rule in coverage.unused_rules]
        assert not unused, f"{report_id}: ignore rules that match no number:\n" + "\n".join(unused)
        assert all(rule.reason for rule in report.ignore_rules)


def test_no_two_observations_read_the_same_number(curated_reading):
    _, _, per_report = curated_reading
    for _report_id, (_, rows, coverage) in per_report.items():
        spans = Counter((r["number_start"], r["number_end"]) for r in rows)
        shared = [r for r in rows if spans[(r["number_start"], r["number_end"])] > 1]
        assert not shared, [(r["indicator_id"], r["kind"], r["curated_row"]) for r in shared]
        assert len(coverage.observed) == len(rows)


def test_most_numbers_are_observations(curated_reading):
    """The ignore list is for headings, years, dates and document numbers, not for facts."""
    _, _, per_report = curated_reading
    for _, (_, _, coverage) in per_report.items():
        assert coverage.share_observed > 0.7, coverage.summary()


# --- spot checks on the built snapshot -----------------------------------------------------------


def value_of(db, indicator_id: str, year: int, kind: str) -> dict:
    frame = db.query(
        "SELECT value, unit_of_measure, origin, qualifier, source_quote FROM observations "
        "WHERE indicator_id = $id AND year = $year AND kind = $kind",
        {"id": indicator_id, "year": year, "kind": kind})
    assert len(frame) == 1, f"{len(frame)} rows for ({indicator_id}, {year}, {kind})"
    return frame.iloc[0].to_dict()


@pytest.mark.parametrize(
    ("indicator_id", "year", "kind", "value", "unit"),
    [
        ("growth_rate", 2022, "actual", 16.02, "%"),
        ("growth_rate", 2022, "target", 12, "%"),  # (NQ12%)
        ("growth_rate", 2023, "target", 12, "%"),
        ("income_per_capita", 2022, "actual", 74.51, "triệu đồng"),  # 74,510: a decimal
        ("income_per_capita", 2022, "pct_of_target", 100.13, "%"),  # vượt 0,13% so nghị quyết
        ("income_per_capita", 2023, "target", 82, "triệu đồng"),
        ("health_insurance_coverage", 2022, "actual", 88.14, "%"),
        ("health_insurance_coverage", 2023, "target", 94.98, "%"),
        ("rice_sown_area", 2022, "actual", 31261, "ha"),
        ("rice_sown_area", 2022, "pct_of_target", 93.34, "%"),
        ("rice_sown_area", 2022, "yoy_change_pct", -8.6, "%"),  # giảm 8,6 %
        ("rice_output", 2022, "yoy_change_pct", -12.8, "%"),
        ("vegetable_sown_area", 2022, "yoy_change_pct", 3.11, "%"),
        ("poultry_flock", 2022, "actual", 1216000, "con"),
        ("production_value", 2022, "actual", 8839.9, "tỷ đồng"),
        ("production_value", 2022, "yoy_change_pct", 16.02, "%"),
        ("poverty_rate", 2022, "actual", 0.79, "%"),
        ("poverty_rate_change", 2023, "target", -0.19, "điểm %"),  # Giảm tỷ lệ hộ nghèo 0,19%
        ("electricity_access_rate", 2022, "pct_of_target", 100.07, "%"),  # vượt 0,07% chỉ tiêu
        ("party_members_admitted", 2022, "pct_of_target", 120, "%"),  # vượt 20% so nghị quyết
        ("party_orgs_inspected", 2022, "actual", 33, "tổ chức"),  # giám sát 33: not "giảm"
        ("disaster_damage", 2022, "actual", 1.081, "tỷ đồng"),
        ("cooperative_profit", 2022, "actual", 939.52, "triệu đồng"),
        ("new_enterprises", 2022, "target", 40, "doanh nghiệp"),  # 41/40
        ("schools_national_standard", 2022, "total", 45, "trường"),  # 22/45 is count/total
        ("drug_offenders_caught", 2022, "actual", 8, "đối tượng"),
        ("workers_sent_abroad", 2023, "target", 135, "lao động"),  # written "135 người"
    ],
)
def test_spot_check_values(built_snapshot, indicator_id, year, kind, value, unit):
    row = value_of(built_snapshot, indicator_id, year, kind)
    assert row["value"] == pytest.approx(value, abs=1e-9)
    assert row["unit_of_measure"] == unit
    assert row["origin"] == "reported"


@pytest.mark.parametrize(
    ("indicator_id", "kind", "value"),
    [
        ("rice_sown_area", "target", 31261 / 0.9334),  # 31.261 ha at 93,34% of plan
        ("poultry_flock", "target", 1216000 / 1.1055),
        ("party_members_admitted", "target", 100),  # 120 at 120%
        ("workers_sent_abroad", "pct_of_target", 201 / 130 * 100),  # 201/130
    ],
)
def test_derived_values(built_snapshot, indicator_id, kind, value):
    row = value_of(built_snapshot, indicator_id, 2022, kind)
    assert row["origin"] == "derived"
    assert row["value"] == pytest.approx(value, rel=1e-9)


def test_qualifiers_are_kept(built_snapshot):
    assert value_of(built_snapshot, "cooperative_revenue", 2022, "actual")["qualifier"] == "ước"
    assert value_of(built_snapshot, "party_members_tasks_completed_well_rate", 2023, "target")["qualifier"] == "trên"
    assert pd.isna(value_of(built_snapshot, "growth_rate", 2022, "actual")["qualifier"])


def test_reported_and_derived_rows_are_told_apart(built_snapshot, observation_rows):
    frame = built_snapshot.query("SELECT indicator_id, year, kind, origin, derivation FROM observations")
    curated_keys = {(r["indicator_id"], int(r["year"]), r["kind"]) for r in observation_rows}
    reported = frame[frame.origin == "reported"]
    derived = frame[frame.origin == "derived"]
    assert set(frame.origin) == {"reported", "derived"}
    assert len(reported) == len(observation_rows)
    assert set(zip(reported.indicator_id, reported.year, reported.kind)) == curated_keys
    assert reported.derivation.isna().all()
    assert len(derived) > 0
    assert not set(zip(derived.indicator_id, derived.year, derived.kind)) & curated_keys
    assert derived.derivation.notna().all() and (derived.derivation.str.len() > 0).all()
    assert set(derived.kind) <= {"target", "pct_of_target"}


def test_every_snapshot_value_links_back_to_its_sentence(built_snapshot):
    frame = built_snapshot.query(
        "SELECT source_quote, source_sentence, number_as_written, origin FROM observations")
    for row in frame.itertuples():
        assert row.number_as_written in row.source_quote
        assert row.source_quote in row.source_sentence or row.source_sentence in row.source_quote


def test_years_are_the_reports_two_years(built_snapshot):
    years = built_snapshot.query("SELECT DISTINCT year FROM observations ORDER BY year").year.tolist()
    assert years == [2022, 2023]
    kinds_2023 = set(built_snapshot.query("SELECT DISTINCT kind FROM observations WHERE year = 2023").kind)
    assert kinds_2023 <= {"target", "total"}


def test_committed_snapshot_holds_the_curated_data(data_dir, built_data_dir):
    """`make data` was run after the last edit of data/curated: the newest committed snapshot has the
    same tables as a fresh build of the curated data."""
    committed = latest_snapshot(data_dir / "snapshots")
    fresh = latest_snapshot(built_data_dir / "snapshots")
    assert committed is not None, "no committed snapshot: run `make data`"
    for table in ("observations", "indicators", "reports"):
        written, built = pq.read_table(committed.file(table)), pq.read_table(fresh.file(table))
        if committed.schema_version == 1:
            # v1 has no period or as_of: the seed's figures are all whole years', which v1 means
            added = [c for c in built.column_names if c not in written.column_names]
            assert set(added) <= {"period", "as_of"}, added
            if "period" in added:
                assert set(built["period"].to_pylist()) == {"year"}
            built = built.select(written.column_names)
        assert written.equals(built), (
            f"{table} of snapshot {committed.snapshot_id} differs from the curated data: run `make data`")


# --- catalogue / data drift ----------------------------------------------------------------------


def test_every_indicator_has_an_observation(indicator_rows, observation_rows):
    observed = {r["indicator_id"] for r in observation_rows}
    missing = [r["indicator_id"] for r in indicator_rows if r["indicator_id"] not in observed]
    assert not missing, f"indicators without any observation: {missing}"


def test_every_observation_names_a_catalogued_indicator(indicator_rows, observation_rows):
    known = {r["indicator_id"] for r in indicator_rows}
    unknown = [row_label(i, r) for i, r in enumerate(observation_rows) if r["indicator_id"] not in known]
    assert not unknown, unknown


def test_indicator_ids_are_unique(indicator_rows):
    counts = Counter(r["indicator_id"] for r in indicator_rows)
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_unit_used_is_in_units_csv(indicator_rows, observation_rows, unit_rows):
    units = {r["unit_of_measure"] for r in unit_rows}
    used = {r["unit_of_measure"] for r in indicator_rows} | {r["unit_of_measure"] for r in observation_rows}
    assert used - units == set()
    assert all(r["family"] and float(r["scale"]) > 0 for r in unit_rows)


def test_every_vocabulary_value_is_in_lib_labels(indicator_rows, observation_rows):
    for row in indicator_rows:
        assert row["domain"] in labels.DOMAINS, row["indicator_id"]
        assert row["group"] in labels.GROUPS, row["indicator_id"]
        assert row["direction"] in labels.DIRECTIONS, row["indicator_id"]
        assert row["measure"] in labels.MEASURES, row["indicator_id"]
    for row in observation_rows:
        assert row["kind"] in KINDS and row["kind"] in labels.KINDS
        assert not row["qualifier"] or row["qualifier"] in labels.QUALIFIERS


def test_every_domain_and_group_is_used(indicator_rows):
    """Each page and each group filter has something to show."""
    assert {r["domain"] for r in indicator_rows} == set(labels.DOMAINS)
    assert {r["group"] for r in indicator_rows} == set(labels.GROUPS)


def test_pairs_and_baselines_point_at_catalogued_indicators(indicator_rows):
    by_id = {r["indicator_id"]: r for r in indicator_rows}
    for row in indicator_rows:
        if row["paired_with"]:
            partner = by_id[row["paired_with"]]
            assert partner["paired_with"] == row["indicator_id"], f"{row['indicator_id']} pair is one-sided"
        if row["baseline_id"]:
            assert row["baseline_id"] in by_id
            assert row["baseline_relation"] in ("adds_to", "not_comparable")


def test_headlines_are_numbered_one_to_n(indicator_rows):
    numbers = sorted(int(r["headline"]) for r in indicator_rows if r["headline"])
    assert numbers == list(range(1, len(numbers) + 1))


def test_no_label_is_written_twice_under_one_key():
    """A dict literal keeps the last of two equal keys without a word: one text would silently
    replace another."""
    tree = ast.parse(Path(labels.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [key.value for key in node.keys if isinstance(key, ast.Constant)]
            assert len(keys) == len(set(keys)), sorted({key for key in keys if keys.count(key) > 1})


def test_every_label_has_both_languages():
    for vocabulary in (labels.DOMAINS, labels.GROUPS, labels.KINDS, labels.DIRECTIONS, labels.MEASURES,
                       labels.STATUSES, labels.COMPARISONS, labels.CHANGES, labels.POINTS,
                       labels.QUALIFIERS, labels.ORIGINS):
        for key, pair in vocabulary.items():
            assert len(pair) == 2 and all(pair), key
    assert tuple(labels.KINDS) == KINDS  # every kind of the contract has its words, in its order
    assert Words.of("vi").label(labels.DOMAINS, "economy") == "Kinh tế"
    assert Words.of("en").label(labels.DOMAINS, "economy") == "Economy"
    with pytest.raises(labels.MissingLabel):  # never shown as its key (tests/test_words_strict.py)
        Words.of("vi").label(labels.DOMAINS, "unknown_domain")
