"""The report's words (statements), their coverage of the sections on shortcomings and next year's
tasks, staff notes, and older snapshots read beside newer ones."""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from helpers import RAW_REPORT, REPORT_ID, read_rows, write_rows

from lib.data import queries as q
from lib.data.contract import MANIFEST, STATEMENT_KINDS
from lib.data.db import Database
from lib.data.snapshot import Rejected, Snapshot, inspect, latest_snapshot
from lib.pipeline.build import build
from lib.pipeline.curated import load_curated
from lib.pipeline.notes import NoteError, append_note
from lib.pipeline.problems import BuildError
from lib.pipeline.statements import measure_sentences, sections_of, sentences
from lib.words.vntext import nfc

STATEMENTS = f"curated/reports/{REPORT_ID}/statements.csv"
IGNORED_SENTENCES = f"curated/reports/{REPORT_ID}/ignored_sentences.csv"
HEALTH_JUDGEMENT = ("tỷ lệ người dân tham gia bảo hiểm y tế đạt theo chỉ tiêu tỉnh giao nhưng so với chỉ tiêu "
                    "phấn đấu của huyện là chưa đạt")


def _seed(data_dir: Path):
    curated = load_curated(data_dir, problems := [])
    assert not problems
    return curated, curated.reports[0]


def test_the_health_insurance_judgement_is_a_statement_linked_to_its_indicator(built_snapshot, scope):
    said = q.indicator_statements(built_snapshot, scope, "health_insurance_coverage")
    assert HEALTH_JUDGEMENT in said["source_quote"].tolist()
    row = said[said["source_quote"] == HEALTH_JUDGEMENT].iloc[0]
    assert row["kind"] == "han_che" and row["domain"] == "culture_society"
    # judgements and shortcomings come before tasks, whatever the file's order
    order = [STATEMENT_KINDS.index(k) for k in said["kind"]]
    assert order == sorted(order)


def test_every_statement_quote_is_in_the_raw_report_at_its_offset(built_snapshot, data_dir):
    report = nfc((data_dir / RAW_REPORT).read_text(encoding="utf-8"))
    rows = built_snapshot.query("SELECT * FROM statements")
    _, curated_rows = read_rows(data_dir / STATEMENTS)
    assert len(rows) == len(curated_rows) > 0
    for quote, start in zip(rows["source_quote"], rows["quote_start"]):
        assert report[start:start + len(quote)] == quote
    assert set(rows["kind"]) <= set(STATEMENT_KINDS)


def test_every_sentence_of_the_shortcomings_and_tasks_is_stated_or_ignored(data_dir):
    curated, report = _seed(data_dir)
    spans = sections_of(report)
    assert len(spans) == 2
    text = report.text
    assert "NHỮNG HẠN CHẾ" not in text[spans[0][0]:spans[0][1]] and HEALTH_JUDGEMENT in text[spans[0][0]:spans[0][1]]
    assert "Kết nạp 100 đảng viên mới" not in text[spans[1][0]:spans[1][1]]  # the targets are numbers, not tasks
    statement_spans = [(text.find(nfc(r["quote"])), text.find(nfc(r["quote"])) + len(nfc(r["quote"])))
                       for r in report.statements]
    coverage = measure_sentences(report, statement_spans, report.ignored_sentences)
    assert coverage.leftovers == []
    assert coverage.unused_rules == []
    assert len(coverage.stated) + len(coverage.ignored) == len(coverage.sentences) > 30
    # what is ignored is only headings: each has a reason
    assert all(rule["reason"] for rule in report.ignored_sentences)
    assert all(not s.text.endswith(".") for s in coverage.ignored)


def test_the_sentence_coverage_can_fail(data_dir):
    _, report = _seed(data_dir)
    text = report.text
    without = [r for r in report.statements if nfc(r["quote"]) != HEALTH_JUDGEMENT]
    assert len(without) == len(report.statements) - 1
    spans = [(text.find(nfc(r["quote"])), text.find(nfc(r["quote"])) + len(nfc(r["quote"]))) for r in without]
    coverage = measure_sentences(report, spans, report.ignored_sentences)
    assert len(coverage.leftovers) == 1
    sentence, residue = coverage.leftovers[0]
    assert HEALTH_JUDGEMENT in sentence.text and "bảo hiểm y tế" in residue
    assert len(measure_sentences(report, spans, []).leftovers) > 1  # headings too, once nothing is ignored


def test_sentences_are_cut_at_sentence_ends_and_lose_their_numbering():
    text = "x\n1. Về kinh tế\n- Làm A; làm B. Làm C và D.\n2. Tiêu đề: Làm E.\nB. tiếp"
    start = text.index("1.")
    found = [s.text for s in sentences(text, start, text.index("B. tiếp"))]
    assert found == ["Về kinh tế", "Làm A; làm B.", "Làm C và D.", "Tiêu đề: Làm E."]
    for s in sentences(text, start, len(text)):
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("edit, message", [
    (lambda r: r.update(quote=r["quote"] + " không có trong báo cáo"), "trích dẫn không có trong báo cáo gốc"),
    (lambda r: r.update(kind="khen_ngoi"), "loại nhận định"),
    (lambda r: r.update(domain="sport"), "lĩnh vực"),
    (lambda r: r.update(indicator_ids="health_insurance_coverage no_such_indicator"), "no_such_indicator"),
])
def test_a_wrong_statement_stops_the_build_with_its_row(fixture_data, edit, message):
    data = fixture_data()
    fields, rows = read_rows(data / STATEMENTS)
    index = next(i for i, r in enumerate(rows) if r["quote"] == HEALTH_JUDGEMENT)
    edit(rows[index])
    write_rows(data / STATEMENTS, fields, rows)
    with pytest.raises(BuildError) as error:
        build(data)
    problems = [p for p in error.value.problems if message in p.message]
    assert problems and problems[0].file.endswith("statements.csv") and problems[0].row == index + 2
    assert not (data / "snapshots").exists() or not any((data / "snapshots").iterdir())


def test_a_sentence_left_out_stops_the_build(fixture_data):
    data = fixture_data()
    fields, rows = read_rows(data / STATEMENTS)
    write_rows(data / STATEMENTS, fields, [r for r in rows if r["quote"] != HEALTH_JUDGEMENT])
    with pytest.raises(BuildError) as error:
        build(data)
    assert any("dòng 42" in p.message and "bảo hiểm y tế" in p.message for p in error.value.problems)


def test_the_manifest_counts_the_sentences(built_data_dir):
    snapshot = latest_snapshot(built_data_dir / "snapshots")
    counted = snapshot.manifest["coverage"][REPORT_ID]["statement_sentences"]
    assert counted["leftover"] == 0 and counted["stated"] + counted["ignored"] == counted["sentences"]
    _, ignored = read_rows(built_data_dir / IGNORED_SENTENCES)
    assert 0 < counted["ignored"] <= len(ignored)


def test_a_domain_reads_its_shortcomings_and_tasks(built_snapshot, scope):
    every = built_snapshot.query("SELECT domain, kind, statement_id FROM statements")
    for domain in every["domain"].unique():
        said = q.domain_statements(built_snapshot, scope, domain)
        wanted = every[(every["domain"] == domain) & every["kind"].isin(["han_che", "nguyen_nhan", "nhiem_vu"])]
        assert sorted(said["statement_id"]) == sorted(wanted["statement_id"])
    assert q.domain_statements(built_snapshot, scope, "economy", kinds=("danh_gia",))["kind"].eq("danh_gia").all()
    assert q.indicator_statements(built_snapshot, q.Scope("tieu-can", 2021, 2022), "health_insurance_coverage").empty


# --- notes --------------------------------------------------------------------------------------


def test_a_note_is_appended_and_travels_into_the_snapshot(fixture_data):
    data = fixture_data()
    first = append_note(data, "health_insurance_coverage", "Nguyễn Văn A", "Số 2022 chưa gồm thẻ cấp tháng 12.",
                        dt.date(2023, 1, 5))
    append_note(data, "health_insurance_coverage", "Trần Thị B", 'Đã hỏi BHXH huyện, "khớp".', "2023-01-09")
    with (data / "curated" / "notes.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert written[-2] == first and written[-1]["text"] == 'Đã hỏi BHXH huyện, "khớp".'
    path, _ = build(data)
    notes = q.indicator_notes(Database(latest_snapshot(data / "snapshots")), "health_insurance_coverage")
    assert notes["author"].tolist() == ["Trần Thị B", "Nguyễn Văn A"]  # newest first
    assert str(notes["date"].iloc[1])[:10] == "2023-01-05"
    assert json.loads((path / MANIFEST).read_text(encoding="utf-8"))["row_counts"]["notes"] == len(written)


@pytest.mark.parametrize("indicator_id, author, text, date", [
    ("no_such_indicator", "A", "ghi chú", "2023-01-05"),
    ("growth_rate", "  ", "ghi chú", "2023-01-05"),
    ("growth_rate", "A", "   ", "2023-01-05"),
    ("growth_rate", "A", "ghi chú", "05/01/2023"),
    ("growth_rate", "A", "ghi chú", "2999-01-01"),
    ("growth_rate", "A", "x" * 2001, "2023-01-05"),
    ("growth_rate", "A", "có\x07chuông", "2023-01-05"),
])
def test_a_wrong_note_is_refused_and_nothing_written(fixture_data, indicator_id, author, text, date):
    data = fixture_data()
    before = (data / "curated" / "notes.csv").read_bytes()
    with pytest.raises(NoteError):
        append_note(data, indicator_id, author, text, date)
    assert (data / "curated" / "notes.csv").read_bytes() == before


def test_a_wrong_note_in_the_file_stops_the_build(fixture_data):
    data = fixture_data()
    with (data / "curated" / "notes.csv").open("a", encoding="utf-8") as handle:
        handle.write("no_such_indicator,A,2023-01-05,ghi chú\n")
    with pytest.raises(BuildError) as error:
        build(data)
    assert [(p.file, p.row) for p in error.value.problems] == [("curated/notes.csv", 2)]


# --- older snapshots ---------------------------------------------------------------------------


def _older_copy(snapshot: Snapshot, folder: Path) -> Snapshot:
    """The snapshot as a build before statements and notes would have written it."""
    target = folder / snapshot.path.name
    shutil.copytree(snapshot.path, target)
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    for name in ("statements.parquet", "notes.parquet"):
        (target / name).unlink()
        del manifest["files"][name]
    (target / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return inspect(target)


def test_a_snapshot_written_before_statements_still_reads(built_data_dir, tmp_path, scope):
    older = _older_copy(latest_snapshot(built_data_dir / "snapshots"), tmp_path)
    assert isinstance(older, Snapshot)
    db = Database(older)
    assert q.indicator_statements(db, scope, "health_insurance_coverage").empty
    assert q.indicator_notes(db, "growth_rate").empty
    assert not q.indicator_table(db, scope).empty


def test_a_statements_file_the_manifest_names_must_be_there(built_data_dir, tmp_path):
    source = latest_snapshot(built_data_dir / "snapshots").path
    target = tmp_path / source.name
    shutil.copytree(source, target)
    (target / "statements.parquet").unlink()
    outcome = inspect(target)
    assert isinstance(outcome, Rejected) and "statements.parquet" in outcome.reason


def test_values_changed_lists_exactly_what_differs(built_data_dir, tmp_path, scope):
    from test_fresh_snapshot import newer_snapshot

    base = latest_snapshot(built_data_dir / "snapshots")
    folder = tmp_path / "snapshots"
    shutil.copytree(base.path, folder / base.path.name)
    older = inspect(folder / base.path.name)
    newer = newer_snapshot(folder, older, 1.5)
    changes = q.values_changed(Database(older), Database(newer), scope.reporting_unit)
    observations = pq.read_table(older.file("observations"))
    shares = observations.filter(pc.equal(observations["kind"], "pct_of_target"))
    expected = {(r["indicator_id"], r["year"]) for r in shares.to_pylist()}
    assert {(r.indicator_id, r.year) for r in changes.itertuples()} == expected
    assert set(changes["kind"]) == {"pct_of_target"} and set(changes["change"]) == {"changed"}
    assert ((changes["value_now"] - changes["value_then"]).round(9) == 1.5).all()
    assert q.values_changed(Database(older), Database(older), scope.reporting_unit).empty
    back = q.values_changed(Database(newer), Database(older), scope.reporting_unit)
    assert len(back) == len(changes)


def test_a_note_keeps_the_files_own_column_order(fixture_data):
    data = fixture_data()
    path = data / "curated" / "notes.csv"
    path.write_text("date,text,author,indicator_id\n2023-01-02,cũ,A,growth_rate", encoding="utf-8")  # no final newline
    append_note(data, "growth_rate", "B", "mới", "2023-01-03")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["author"], r["text"], r["date"]) for r in rows] == [("A", "cũ", "2023-01-02"), ("B", "mới", "2023-01-03")]
    build(data)
