"""lib.pipeline.build: every mistake in the curated source stops the build with a message that names the file
and the row, and writes nothing; a good build is reproducible, idempotent and atomic."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import INDICATORS, OBSERVATIONS, RAW_REPORT, csv_line, find_row, read_rows, write_rows

import lib.pipeline.writer
from lib.data.contract import ALL_FILES as SNAPSHOT_FILES
from lib.data.contract import MANIFEST
from lib.data.snapshot import latest_snapshot, scan
from lib.pipeline.build import build
from lib.pipeline.problems import BuildError
from lib.words.vntext import nfc

T1 = datetime(2030, 1, 1, 8, 0, 0, tzinfo=UTC)
T2 = datetime(2030, 1, 1, 8, 0, 5, tzinfo=UTC)


def edit_csv(data: Path, relative: str, change, **match) -> int:
    """Apply `change(row)` to the one row of `relative` matching `match`; return that row's file line."""
    path = data / relative
    fields, rows = read_rows(path)
    index = find_row(rows, **match)
    change(rows[index])
    write_rows(path, fields, rows)
    return csv_line(index)


def assert_nothing_written(data: Path) -> None:
    snapshots = data / "snapshots"
    left = sorted(p.name for p in snapshots.iterdir()) if snapshots.exists() else []
    assert left == [], f"a failed build left {left} in {snapshots}"


def build_fails(data: Path) -> BuildError:
    with pytest.raises(BuildError) as caught:
        build(data)
    assert_nothing_written(data)
    return caught.value


def problem_at(error: BuildError, file: str, row: int | None, *words: str):
    """The problem of `error` at `file`/`row` whose message holds every one of `words`."""
    for problem in error.problems:
        if problem.file == file and problem.row == row and all(w in problem.message for w in words):
            text = str(problem)
            assert text.startswith(file), text
            if row is not None:
                assert f"dòng {row}" in text, text
            assert problem.fix, "every problem says how to fix it"
            return problem
    pytest.fail(f"no problem at {file} row {row} with {words}; got:\n{error}")


def report_text(data: Path) -> str:
    return nfc((data / RAW_REPORT).read_text(encoding="utf-8"))


# --- the control: a faithful copy builds ---------------------------------------------------------


def test_a_copy_rewritten_by_the_test_helpers_still_builds(fixture_data):
    """The failure tests below rewrite CSVs; rewriting alone must not break anything."""
    data = fixture_data()
    for relative in (OBSERVATIONS, INDICATORS):
        fields, rows = read_rows(data / relative)
        write_rows(data / relative, fields, rows)
    path, is_new = build(data)
    assert is_new and path.parent == data / "snapshots"
    assert (path / MANIFEST).exists()


# --- one broken thing at a time ------------------------------------------------------------------


def test_value_not_in_its_quote(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(number="5,37"), indicator_id="rice_yield")
    error = build_fails(data)
    problem_at(error, OBSERVATIONS, line, "5,37")


def test_quote_not_in_the_report(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS,
                    lambda r: r.update(quote=r["quote"].replace("bình quân", "trung bình")),
                    indicator_id="rice_yield")
    error = build_fails(data)
    problem_at(error, OBSERVATIONS, line, "trích dẫn không có trong báo cáo gốc")


def test_quote_found_twice_in_the_report(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(quote="31.261 ha"), indicator_id="rice_harvested_area")
    assert report_text(data).count("31.261 ha") == 2  # sown and harvested
    problem_at(build_fails(data), OBSERVATIONS, line, "nhiều lần")


def test_unknown_unit_in_observations(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(unit_of_measure="hecta"),
                    indicator_id="rice_sown_area", kind="actual")
    problem_at(build_fails(data), OBSERVATIONS, line, "hecta")


def test_unit_of_another_family(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(unit_of_measure="tấn"),
                    indicator_id="rice_sown_area", kind="actual")
    problem_at(build_fails(data), OBSERVATIONS, line, "không cùng loại")


def test_unknown_domain_in_indicators(fixture_data):
    data = fixture_data()
    line = edit_csv(data, INDICATORS, lambda r: r.update(domain="agriculture_and_fisheries"),
                    indicator_id="rice_yield")
    problem_at(build_fails(data), INDICATORS, line, "domain", "agriculture_and_fisheries")


def test_unknown_group_in_indicators(fixture_data):
    data = fixture_data()
    line = edit_csv(data, INDICATORS, lambda r: r.update(group="farming"), indicator_id="rice_yield")
    problem_at(build_fails(data), INDICATORS, line, "group", "farming")


def test_unknown_kind(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(kind="forecast"), indicator_id="rice_yield")
    problem_at(build_fails(data), OBSERVATIONS, line, "forecast")


def test_unknown_indicator_in_observations(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(indicator_id="rice_yeild"), indicator_id="rice_yield")
    problem_at(build_fails(data), OBSERVATIONS, line, "rice_yeild")


def test_duplicate_indicator_year_kind(fixture_data):
    data = fixture_data()
    fields, rows = read_rows(data / OBSERVATIONS)
    first = find_row(rows, indicator_id="rice_yield")
    rows.append(dict(rows[first]))
    write_rows(data / OBSERVATIONS, fields, rows)
    error = build_fails(data)
    problem = problem_at(error, OBSERVATIONS, csv_line(len(rows) - 1), "trùng")
    assert f"dòng {csv_line(first)}" in problem.message, "the message names the first row too"


def test_duplicate_indicator_id_in_catalogue(fixture_data):
    data = fixture_data()
    fields, rows = read_rows(data / INDICATORS)
    rows.append(dict(rows[find_row(rows, indicator_id="rice_yield")]))
    write_rows(data / INDICATORS, fields, rows)
    problem_at(build_fails(data), INDICATORS, csv_line(len(rows) - 1), "rice_yield", "trùng")


def test_adds_to_baseline_of_another_measure_type(fixture_data):
    """A 2023 flow ("1 more commune") may only be added to a 2022 level of the same unit, never to a rate."""
    data = fixture_data()
    _, indicators = read_rows(data / INDICATORS)
    assert indicators[find_row(indicators, indicator_id="poverty_rate")]["measure"] == "rate"
    line = edit_csv(data, INDICATORS, lambda r: r.update(baseline_id="poverty_rate"),
                    indicator_id="ntm_advanced_communes_new", baseline_relation="adds_to")
    problem_at(build_fails(data), INDICATORS, line, "ntm_advanced_communes_new", "poverty_rate", "khác loại")


def test_adds_to_from_a_level_to_a_level(fixture_data):
    data = fixture_data()
    line = edit_csv(data, INDICATORS, lambda r: r.update(measure="level"),
                    indicator_id="ntm_advanced_communes_new")
    problem_at(build_fails(data), INDICATORS, line, "khác loại")


def test_baseline_relation_without_its_reason(fixture_data):
    data = fixture_data()
    line = edit_csv(data, INDICATORS, lambda r: r.update(baseline_note_vi="", baseline_note_en=""),
                    indicator_id="poverty_rate_change")
    problem_at(build_fails(data), INDICATORS, line, "lý do")


def test_part_a_quote_marked_as_next_year(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(year="2023"), indicator_id="rice_yield")
    problem_at(build_fails(data), OBSERVATIONS, line, "năm 2023 sai", "phần kết quả")


def test_part_b_quote_marked_as_results_year(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(year="2022"),
                    indicator_id="income_per_capita", year="2023")
    problem_at(build_fails(data), OBSERVATIONS, line, "năm 2022 sai", "phần chỉ tiêu năm sau")


def test_part_b_holds_only_targets(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(kind="actual"),
                    indicator_id="income_per_capita", year="2023")
    problem_at(build_fails(data), OBSERVATIONS, line, "actual")


def test_giam_before_a_level_is_refused(fixture_data):
    """poverty_rate_change reads "Giảm … 0,19%" as −0,19; the same quote for a level is a mistake."""
    data = fixture_data()
    line = edit_csv(data, INDICATORS, lambda r: r.update(measure="rate", baseline_id="", baseline_relation="",
                                                          baseline_note_vi="", baseline_note_en=""),
                    indicator_id="poverty_rate_change")
    _, observations = read_rows(data / OBSERVATIONS)
    obs_line = csv_line(find_row(observations, indicator_id="poverty_rate_change"))
    assert line  # the catalogue row was edited
    problem_at(build_fails(data), OBSERVATIONS, obs_line, "giảm")


def test_a_deleted_observation_leaves_its_number_uncovered(fixture_data):
    data = fixture_data()
    fields, rows = read_rows(data / OBSERVATIONS)
    removed = rows.pop(find_row(rows, indicator_id="rice_yield"))
    write_rows(data / OBSERVATIONS, fields, rows)
    text = report_text(data)
    position = text.index(removed["quote"]) + removed["quote"].index("5,36")
    report_line = text.count("\n", 0, position) + 1
    error = build_fails(data)
    problem = problem_at(error, OBSERVATIONS, None, "“5,36”", f"dòng {report_line} của báo cáo")
    assert "tấn/ha" in problem.message, "the message shows the number in its context"
    assert len(error.problems) == 1, str(error)


def test_an_ignore_rule_hiding_an_observation_is_a_conflict(fixture_data):
    data = fixture_data()
    path = data / "curated/reports/tieu-can-2022/ignored_numbers.csv"
    fields, rows = read_rows(path)
    rows.append({"match": "năng suất bình quân 5,36 tấn/ha", "number": "5,36", "reason": "test"})
    write_rows(path, fields, rows)
    problem_at(build_fails(data), "curated/reports/tieu-can-2022/ignored_numbers.csv", csv_line(len(rows) - 1),
               "5,36")


def test_an_edited_raw_report_is_refused(fixture_data):
    data = fixture_data()
    raw = data / RAW_REPORT
    raw.write_bytes(raw.read_bytes() + b"\n")
    error = build_fails(data)
    problem_at(error, RAW_REPORT, None, "sha256")


def test_a_missing_sha256_line_is_refused(fixture_data):
    data = fixture_data()
    (data / "raw" / "SHA256SUMS").write_text("", encoding="utf-8")
    problem_at(build_fails(data), RAW_REPORT, None, "chưa ghi")


def test_missing_column_is_refused(fixture_data):
    data = fixture_data()
    fields, rows = read_rows(data / OBSERVATIONS)
    fields.remove("occurrence")
    for row in rows:
        del row["occurrence"]
    write_rows(data / OBSERVATIONS, fields, rows)
    problem_at(build_fails(data), OBSERVATIONS, 1, "occurrence")


# --- the command line ----------------------------------------------------------------------------


def python_executable(repo_root: Path) -> str:
    venv = repo_root / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def run_cli(repo_root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([python_executable(repo_root), "-m", "lib.pipeline.build", *args], cwd=repo_root,
                          capture_output=True, text=True, timeout=60)


def test_cli_exits_1_and_lists_the_problems_on_stderr(fixture_data, repo_root):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(kind="forecast"), indicator_id="rice_yield")
    result = run_cli(repo_root, "--data", str(data))
    assert result.returncode == 1, result.stderr
    assert "Không tạo snapshot" in result.stderr
    assert f"{OBSERVATIONS}, dòng {line}" in result.stderr
    assert "forecast" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert_nothing_written(data)


def test_cli_builds_then_reports_unchanged_data(fixture_data, repo_root):
    data = fixture_data()
    first = run_cli(repo_root, "--data", str(data))
    assert first.returncode == 0, first.stderr
    assert "Đã tạo snapshot" in first.stdout and "0 chưa xử lý" in first.stdout
    second = run_cli(repo_root, "--data", str(data))
    assert second.returncode == 0, second.stderr
    assert "đã có cùng dữ liệu" in second.stdout
    assert len([p for p in (data / "snapshots").iterdir() if p.is_dir()]) == 1


# --- success: reproducible, idempotent, atomic ----------------------------------------------------


def file_digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_forced_rebuild_writes_a_second_snapshot_with_identical_data(fixture_data):
    data = fixture_data()
    first, new_first = build(data, now=T1)
    second, new_second = build(data, force=True, now=T2)
    assert new_first and new_second and first != second
    assert first.name.startswith("20300101T080000Z-") and second.name.startswith("20300101T080005Z-")
    one, two = file_digests(first), file_digests(second)
    for name in SNAPSHOT_FILES.values():
        assert one[name] == two[name], f"{name} differs between two builds of the same data"
    manifests = [json.loads((p / MANIFEST).read_text(encoding="utf-8")) for p in (first, second)]
    assert manifests[0]["data_sha256"] == manifests[1]["data_sha256"]
    assert manifests[0]["files"] == {n: one[n] for n in SNAPSHOT_FILES.values()}
    assert latest_snapshot(data / "snapshots").path == second


def test_unforced_rebuild_of_the_same_data_returns_the_existing_snapshot(fixture_data):
    data = fixture_data()
    first, is_new = build(data, now=T1)
    again, is_new_again = build(data, now=T2)
    assert is_new and not is_new_again
    assert again == first
    assert [p.name for p in (data / "snapshots").iterdir() if p.is_dir()] == [first.name]


def test_changed_data_makes_a_new_snapshot(fixture_data):
    data = fixture_data()
    first, _ = build(data, now=T1)
    edit_csv(data, INDICATORS, lambda r: r.update(name_en="Average paddy yield"), indicator_id="rice_yield")
    second, is_new = build(data, now=T2)
    assert is_new and second != first
    assert first.exists(), "the older snapshot is kept"


def test_manifest_records_sources_counts_and_coverage(fixture_data):
    data = fixture_data()
    path, _ = build(data, now=T1)
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["snapshot_id"] == path.name
    assert manifest["created_at"] == "2030-01-01T08:00:00Z"
    assert manifest["sources"][0]["raw_file"] == RAW_REPORT
    coverage = manifest["coverage"]["tieu-can-2022"]
    assert coverage["leftover"] == 0
    assert coverage["observed"] + coverage["ignored"] == coverage["numeric_tokens"]
    _, observations = read_rows(data / OBSERVATIONS)
    _, indicators = read_rows(data / INDICATORS)
    assert manifest["row_counts"]["indicators"] == len(indicators)
    assert manifest["row_counts"]["observations"] > len(observations)  # plus derived rows
    assert manifest["row_counts"]["reports"] == 1


def test_values_are_converted_to_the_indicators_unit(fixture_data):
    """An observation written in tỷ đồng or đồng of an indicator kept in triệu đồng is scaled, not copied."""
    import pyarrow.parquet as pq

    data = fixture_data()
    for indicator_id in ("disaster_damage", "disaster_support"):
        edit_csv(data, INDICATORS, lambda r: r.update(unit_of_measure="triệu đồng"), indicator_id=indicator_id)
    path, _ = build(data, now=T1)
    rows = {r["indicator_id"]: r for r in pq.read_table(path / SNAPSHOT_FILES["observations"]).to_pylist()
            if r["indicator_id"] in ("disaster_damage", "disaster_support")}
    assert rows["disaster_damage"]["value"] == pytest.approx(1081)  # 1,081 tỷ đồng
    assert rows["disaster_support"]["value"] == pytest.approx(186)  # 186.000.000 đồng
    assert {r["unit_of_measure"] for r in rows.values()} == {"triệu đồng"}
    assert rows["disaster_damage"]["number_as_written"] == "1,081"


class _OsWithFailingRename:
    """os, except that rename fails as a full disk or a killed process would."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def rename(*args, **kwargs):
        raise OSError(28, "No space left on device")


def test_an_interrupted_write_leaves_no_partial_snapshot(fixture_data, monkeypatch):
    data = fixture_data()
    earlier, _ = build(data, now=T1)
    before = file_digests(earlier)
    monkeypatch.setattr(lib.pipeline.writer, "os", _OsWithFailingRename())
    with pytest.raises(OSError):
        build(data, force=True, now=T2)
    monkeypatch.undo()
    assert [p.name for p in (data / "snapshots").iterdir() if p.is_dir()] == [earlier.name], "no .building-* folder is left"
    assert file_digests(earlier) == before, "the earlier snapshot is untouched"
    assert latest_snapshot(data / "snapshots").path == earlier


def test_latest_snapshot_skips_hidden_and_incomplete_folders(fixture_data):
    data = fixture_data()
    real, _ = build(data, now=T1)
    snapshots = data / "snapshots"
    # A complete-looking build in progress: hidden, so never served even though its manifest is fine.
    hidden = snapshots / ".building-x"
    hidden.mkdir()
    for name in SNAPSHOT_FILES.values():
        (hidden / name).write_bytes((real / name).read_bytes())
    manifest = json.loads((real / MANIFEST).read_text(encoding="utf-8"))
    (hidden / MANIFEST).write_text(json.dumps({**manifest, "snapshot_id": hidden.name}), encoding="utf-8")
    # A newer-named folder without a manifest.
    no_manifest = snapshots / "99991231T235959Z-deadbeef"
    no_manifest.mkdir()
    for name in SNAPSHOT_FILES.values():
        (no_manifest / name).write_bytes((real / name).read_bytes())
    # A newer-named folder whose manifest names another folder.
    renamed = snapshots / "99991231T235958Z-cafebabe"
    renamed.mkdir()
    for name in [*SNAPSHOT_FILES.values(), MANIFEST]:
        (renamed / name).write_bytes((real / name).read_bytes())

    assert latest_snapshot(snapshots).path == real
    valid, rejected = scan(snapshots)
    assert [s.path for s in valid] == [real]
    assert {r.path.name for r in rejected} == {no_manifest.name, renamed.name}
    assert all(not r.path.name.startswith(".") for r in rejected)


def test_latest_snapshot_of_a_missing_folder_is_none(tmp_path):
    assert latest_snapshot(tmp_path / "nowhere") is None


# --- regressions: each once a bug, now the behaviour we want ------


def test_unknown_unit_in_indicators(fixture_data):
    data = fixture_data()
    line = edit_csv(data, INDICATORS, lambda r: r.update(unit_of_measure="tạ/ha"), indicator_id="rice_yield")
    problem_at(build_fails(data), INDICATORS, line, "tạ/ha")


def test_forced_rebuild_in_the_same_second(fixture_data):
    data = fixture_data()
    first, _ = build(data, now=T1)
    second, _ = build(data, force=True, now=T1)
    assert latest_snapshot(data / "snapshots") is not None
    assert second.exists() and first.exists()


def test_invalid_occurrence_is_named(fixture_data):
    data = fixture_data()
    line = edit_csv(data, OBSERVATIONS, lambda r: r.update(occurrence="hai"),
                    indicator_id="drug_offenders_caught")
    problem_at(build_fails(data), OBSERVATIONS, line, "hai")


def test_derivation_quotes_the_numbers_as_the_report_writes_them(built_snapshot):
    frame = built_snapshot.query(
        "SELECT derivation FROM observations WHERE origin = 'derived' AND indicator_id = $id",
        {"id": "budget_revenue_total"})
    assert frame.derivation.tolist() == ["713,275 ÷ 146,36%"]
