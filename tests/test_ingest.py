"""The report extractor (lib.pipeline.ingest): measured against the curated 2022 observations, and exact on
short passages written in the other notations the product doc names.

A curated observation is recovered when a candidate has the same value (|Δ| < 1e-6, sign included),
the same kind and year, and its number overlaps the curated number's position in the report.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from lib.data.contract import CANDIDATE_COLUMNS, KINDS, OBSERVATION_COLUMNS
from lib.pipeline.ingest import (
    SURE,
    extract,
    extract_file,
    find_periods,
    load_catalogue,
    main,
    read_report,
    skipped_numbers,
    to_observations,
)
from lib.pipeline.numbers import read_value
from lib.words.vntext import nfc, numeric_tokens

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
REPORT = DATA_DIR / "raw" / "tieu-can-2022-report.txt"
CURATED = DATA_DIR / "curated" / "reports" / "tieu-can-2022" / "observations.csv"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
THRESHOLD = 0.90


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA_DIR)


@pytest.fixture(scope="module")
def report_text() -> str:
    return read_report(REPORT)


@pytest.fixture(scope="module")
def candidates(report_text, catalogue) -> pd.DataFrame:
    return extract(report_text, catalogue)


def curated_observations(text: str, catalogue) -> pd.DataFrame:
    """The curated rows with their signed value and the number's span in the NFC report."""
    measure = dict(zip(catalogue.indicators["indicator_id"], catalogue.indicators["measure"]))
    rows = []
    with CURATED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            quote = nfc(row["quote"])
            position = text.find(quote)
            assert position >= 0, f"curated quote not in report: {quote}"
            reading = read_value(quote, row["number"], int(row["occurrence"] or 1), row["kind"],
                                 measure[row["indicator_id"]])
            rows.append({"indicator_id": row["indicator_id"], "year": int(row["year"]), "kind": row["kind"],
                         "value": reading.value, "number": row["number"],
                         "start": position + reading.start, "end": position + reading.end})
    return pd.DataFrame(rows)


def _same(candidate, observation) -> bool:
    return (abs(candidate.value - observation.value) < 1e-6 and candidate.kind == observation.kind
            and candidate.year == observation.year
            and candidate.start < observation.end and observation.start < candidate.end)


def score(candidates: pd.DataFrame, curated: pd.DataFrame):
    found = [[c for c in candidates.itertuples() if _same(c, o)] for o in curated.itertuples()]
    recovered = [bool(f) for f in found]
    matching = [any(_same(c, o) for o in curated.itertuples()) for c in candidates.itertuples()]
    recall = sum(recovered) / len(curated)
    precision = sum(matching) / len(candidates)
    misses = curated[[not r for r in recovered]]
    false_positives = candidates[[not m for m in matching]]
    same_indicator = sum(1 for o, f in zip(curated.itertuples(), found) if f and f[0].indicator_id == o.indicator_id)
    return recall, precision, misses, false_positives, same_indicator


# --- the 2022 report, measured -----------------------------------------------------------------


def test_recall_and_precision_on_the_2022_report(candidates, report_text, catalogue, capsys):
    curated = curated_observations(report_text, catalogue)
    assert len(curated) == 256
    recall, precision, misses, false_positives, same_indicator = score(candidates, curated)
    with capsys.disabled():
        print(f"\n[ingest] 2022 report: recall {recall:.4f} ({round(recall * len(curated))}/{len(curated)} curated "
              f"observations recovered), precision {precision:.4f} "
              f"({len(candidates) - len(false_positives)}/{len(candidates)} candidates match a curated observation)")
        print(f"[ingest] indicator_id agrees with the curated one on {same_indicator}/{len(curated)} observations")
        for row in misses.itertuples():
            print(f"[ingest]   missed: {row.indicator_id} {row.year} {row.kind} {row.number} → {row.value}")
        for row in false_positives.itertuples():
            print(f"[ingest]   not curated: line {row.line} “{row.number}” {row.kind} {row.year} — {row.quote}")
    assert recall >= THRESHOLD, f"recall {recall:.3f} < {THRESHOLD}"
    assert precision >= THRESHOLD, f"precision {precision:.3f} < {THRESHOLD}"


def test_candidates_have_the_documented_columns_and_exact_quotes(candidates, report_text):
    assert list(candidates.columns) == CANDIDATE_COLUMNS
    assert set(candidates["kind"]) <= set(KINDS)
    for row in candidates.itertuples():
        assert report_text[row.quote_start:row.quote_start + len(row.quote)] == row.quote
        assert report_text[row.start:row.end] == row.number
        assert row.quote_start <= row.start and row.end <= row.quote_start + len(row.quote)
        assert report_text.count("\n", 0, row.start) + 1 == row.line
        # a row with neither an indicator nor a clean name says so and is never ticked
        assert row.indicator_id or row.proposed_name or ("đặt tên" in row.note and row.confidence < SURE)


def test_number_and_occurrence_read_back_like_the_curated_data(candidates, catalogue):
    """Each single-number candidate can be pasted into observations.csv: read_value gives its value."""
    measure = dict(zip(catalogue.indicators["indicator_id"], catalogue.indicators["measure"]))
    checked = 0
    for row in candidates.itertuples():
        if len(numeric_tokens(row.number)) != 1:
            continue
        kind_measure = measure.get(row.indicator_id, "") or ("change" if row.value < 0 else "level")
        reading = read_value(row.quote, row.number, row.occurrence, row.kind, kind_measure)
        assert reading.value == pytest.approx(row.value), row
        checked += 1
    assert checked > 240


def test_not_facts_of_the_2022_report_give_no_candidate(candidates, report_text):
    skipped = skipped_numbers(report_text)
    reasons = dict(zip(skipped["start"], skipped["reason"]))
    for needle, number in [("16/12/2022", "16"), ("Quy định số 784", "784"), ("Covid-19", "19"),
                           ("đợt 59", "59"), ("dưới 5 tuổi", "5"), ("số 21-KL/TW", "21"),
                           ("năm 2025", "2025"), ("1.1. Chỉ tiêu", "1.1"), ("mức độ 1", "1"),
                           ("Trung ương 4 khóa", "4")]:
        start = report_text.find(needle) + needle.find(number)
        assert start in reasons, needle
        assert not ((candidates["start"] <= start) & (start < candidates["end"])).any(), needle


def test_the_2022_report_reads_its_years_from_its_headings(report_text, candidates):
    periods = find_periods(report_text)
    assert [(p.mode, p.year) for p in periods] == [("results", 2022), ("targets", 2023)]
    targets_start = report_text.find("B. CÁC CHỈ TIÊU")
    assert set(candidates[candidates["start"] < targets_start]["year"]) == {2022}
    after = candidates[candidates["start"] > targets_start]
    assert set(after["year"]) == {2023} and set(after["kind"]) <= {"target", "total"}


def test_the_repeated_2023_target_is_flagged(candidates):
    repeat = candidates[candidates["quote"].str.contains("phấn đấu phát triển mới 40 doanh nghiệp")]
    assert len(repeat) == 1
    assert repeat.iloc[0]["note"].startswith("có thể lặp lại")
    assert repeat.iloc[0]["confidence"] < 0.5


# --- other notations, exact --------------------------------------------------------------------


def facts(frame: pd.DataFrame) -> list[tuple]:
    """(value, kind, year, unit) of each candidate, values rounded to 6 places."""
    return [(round(float(r.value), 6), r.kind, None if pd.isna(r.year) else int(r.year), r.unit_of_measure)
            for r in frame.itertuples()]


PASSAGES = {
    "mixed amount, index of the previous year, glued units": (
        "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI 11 THÁNG NĂM 2022\n"
        "- Tổng thu ngân sách Nhà nước trên địa bàn đạt 218 tỷ 477 triệu đồng, bằng 104% so với cùng kỳ.\n"
        "- Tổng đàn gia cầm 1.031.200con, đạt 101,7%KH; đàn heo 45.300 con, bằng 96,5% so với cùng kỳ.\n",
        [(218.477, "actual", 2022, "tỷ đồng"), (4.0, "yoy_change_pct", 2022, "%"),
         (1031200.0, "actual", 2022, "con"), (101.7, "pct_of_target", 2022, "%"),
         (45300.0, "actual", 2022, "con"), (-3.5, "yoy_change_pct", 2022, "%")],
    ),
    "a plan range in results, change against a named year": (
        "Trong 11 tháng năm 2022, thu nhập bình quân đầu người 56,2 triệu đồng (KH 55-56 triệu đồng), "
        "tăng 5,3% so với năm 2021.",
        [(56.2, "actual", 2022, "triệu đồng"), (55.0, "target", 2022, "triệu đồng"),
         (5.3, "yoy_change_pct", 2022, "%")],
    ),
    "year from the comparison only, vượt a plan, count/total against actual/plan": (
        "Giá trị sản xuất công nghiệp ước đạt 1.250 tỷ đồng, vượt 4,2% kế hoạch, giảm 2,5% so với năm 2021; "
        "có 9/11 xã đạt chuẩn nông thôn mới; kết nạp 125/120 đảng viên, đạt 104,17% kế hoạch; "
        "giải quyết việc làm cho gần 3.200 lao động.",
        [(1250.0, "actual", 2022, "tỷ đồng"), (104.2, "pct_of_target", 2022, "%"),
         (-2.5, "yoy_change_pct", 2022, "%"), (9.0, "actual", 2022, "xã"), (11.0, "total", 2022, "xã"),
         (125.0, "actual", 2022, "đảng viên"), (120.0, "target", 2022, "đảng viên"),
         (104.17, "pct_of_target", 2022, "%"), (3200.0, "actual", 2022, "lao động")],
    ),
    "next year's targets with ranges and a reduction": (
        "PHẦN II: PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023\n"
        "- Tốc độ tăng trưởng giá trị sản xuất (KH tăng 8-9%).\n"
        "- Thu nhập bình quân đầu người 60-62 triệu đồng.\n"
        "- Giảm tỷ lệ hộ nghèo 0,5%; trên 95% dân số tham gia bảo hiểm y tế; 11/11 xã đạt chuẩn an toàn.\n",
        [(8.0, "target", 2023, "%"), (60.0, "target", 2023, "triệu đồng"), (-0.5, "target", 2023, "%"),
         (95.0, "target", 2023, "%"), (11.0, "target", 2023, "xã"), (11.0, "total", 2023, "xã")],
    ),
    "the plan of the year in brackets, a rate and a share": (
        "PHẦN A: KẾT QUẢ NĂM 2024\n"
        "- Tốc độ tăng trưởng đạt 9,1% (NQ 8,5%); tổng đàn bò 12.400 con, đạt 98,2% kế hoạch, "
        "giảm 1,3% so cùng kỳ; số hộ nghèo còn 210 hộ, chiếm 0,7%; tỷ lệ hộ dùng nước sạch đạt 96,4%.",
        [(9.1, "actual", 2024, "%"), (8.5, "target", 2024, "%"), (12400.0, "actual", 2024, "con"),
         (98.2, "pct_of_target", 2024, "%"), (-1.3, "yoy_change_pct", 2024, "%"),
         (210.0, "actual", 2024, "hộ"), (0.7, "actual", 2024, "%"), (96.4, "actual", 2024, "%")],
    ),
    "levels after giảm còn / tăng lên, comparison first, last year's figure, A unit/B unit": (
        "PHẦN A: KẾT QUẢ NĂM 2024\n"
        "- Tỷ lệ hộ nghèo giảm còn 1,2%; tỷ lệ tham gia bảo hiểm y tế tăng lên 93,5%.\n"
        "- So với cùng kỳ năm trước, tổng đàn heo tăng 5,2%; tổng đàn bò 8.200 con (cùng kỳ: 7.900 con).\n"
        "- Tổng thu ngân sách Nhà nước 150,5 tỷ đồng/145 tỷ đồng, đạt 103,8% dự toán.\n"
        "- Diện tích lúa vượt kế hoạch 5%; so với kế hoạch, sản lượng đạt 97,5%.\n"
        "- Tổng vốn đầu tư 2.500 tỷ đồng/KH 2.400 tỷ đồng.\n"
        "a) Kết quả năm 2021 được duy trì với 15 mô hình.\n",
        [(1.2, "actual", 2024, "%"), (93.5, "actual", 2024, "%"), (5.2, "yoy_change_pct", 2024, "%"),
         (8200.0, "actual", 2024, "con"), (7900.0, "actual", 2023, "con"),
         (150.5, "actual", 2024, "tỷ đồng"), (145.0, "target", 2024, "tỷ đồng"),
         (103.8, "pct_of_target", 2024, "%"), (105.0, "pct_of_target", 2024, "%"),
         (97.5, "pct_of_target", 2024, "%"), (2500.0, "actual", 2024, "tỷ đồng"),
         (2400.0, "target", 2024, "tỷ đồng"), (15.0, "actual", 2024, "mô hình")],
    ),
    "numbers that are not facts": (
        "Thực hiện Kế hoạch số 51-KH/HU ngày 16/12/2022 của Huyện ủy và Quyết định số 1234/QĐ-UBND; "
        "phòng chống dịch Covid-19, tiêm vắc xin đợt 3 cho trẻ dưới 5 tuổi; năm học 2022 - 2023; "
        "giai đoạn 2021-2025; Nghị quyết Trung ương 4 khóa XII; Quy định số 784 của Tỉnh ủy.\n"
        "1.1. Chỉ tiêu kinh tế\n2. Văn hóa - xã hội\n",
        [],
    ),
}


@pytest.mark.parametrize("name", list(PASSAGES))
def test_passages_in_other_notations(name, catalogue):
    text, expected = PASSAGES[name]
    assert facts(extract(text, catalogue)) == expected


def test_ranges_keep_their_upper_end(catalogue):
    frame = extract(PASSAGES["a plan range in results, change against a named year"][0], catalogue)
    target = frame[frame["kind"] == "target"].iloc[0]
    assert (target["number"], target["value"], target["value_high"]) == ("55-56", 55.0, 56.0)
    assert target["indicator_id"] == "income_per_capita"
    assert target["quote"] == "thu nhập bình quân đầu người 56,2 triệu đồng (KH 55-56 triệu đồng)"
    frame = extract(PASSAGES["next year's targets with ranges and a reduction"][0], catalogue)
    assert list(frame["value_high"].iloc[:2]) == [9.0, 62.0]
    assert pd.isna(frame["value_high"].iloc[2])


def test_qualifiers(catalogue):
    text = ("Doanh thu ước đạt 30,5 tỷ đồng; thiệt hại khoảng 90.000.000 đồng; giải quyết việc làm cho gần 3.200 "
            "lao động; có trên 90% đảng viên hoàn thành tốt nhiệm vụ; trung học cơ sở 98,5% trở lên; "
            "Ước thiệt hại khoảng 1,08 tỷ đồng trên diện tích 15 ha.")
    frame = extract(text, catalogue, results_year=2022)
    assert list(frame["qualifier"]) == ["ước", "khoảng", "gần", "trên", "trở lên", "ước khoảng", ""]


def test_mixed_amount_is_one_value_in_ty_dong(catalogue):
    frame = extract("Tổng thu ngân sách 218 tỷ 477 triệu đồng.", catalogue, results_year=2022)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["number"], row["value"], row["unit_of_measure"]) == ("218 tỷ 477 triệu", 218.477, "tỷ đồng")


def test_without_a_catalogue_every_candidate_proposes_a_name():
    frame = extract(PASSAGES["mixed amount, index of the previous year, glued units"][0])
    assert (frame["indicator_id"] == "").all()
    assert frame["proposed_name"].iloc[0].startswith("Tổng thu ngân sách Nhà nước")
    assert frame["proposed_name"].iloc[4] == "Đàn heo"


def test_years_can_be_given_when_the_text_names_none():
    frame = extract("Tổng đàn bò 12.400 con, đạt 98,2% kế hoạch.")
    assert frame["year"].isna().all()
    frame = extract("Tổng đàn bò 12.400 con, đạt 98,2% kế hoạch.", results_year=2024)
    assert set(frame["year"]) == {2024}


def test_to_observations_uses_the_curated_layout(candidates):
    rows = to_observations(candidates)
    assert list(rows.columns) == OBSERVATION_COLUMNS
    assert (rows["indicator_id"] != "").all()
    assert len(rows) == (candidates["indicator_id"] != "").sum()


# --- .docx and the command line ----------------------------------------------------------------


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("PHẦN A: KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024", level=1)
    document.add_paragraph("- Tổng diện tích lúa xuống giống 30.150 ha, đạt 95,2% kế hoạch, giảm 3,6% so cùng kỳ.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Kết quả"
    table.cell(1, 0).text = "Tổng đàn gia súc"
    table.cell(1, 1).text = "96.100 con"
    document.add_heading("B. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2025", level=1)
    document.add_paragraph("- Thu nhập bình quân đầu người đạt 80 triệu đồng.")
    document.save(path)
    return path


def test_docx_report(tmp_path, catalogue):
    path = _docx(tmp_path / "bao-cao.docx")
    frame = extract_file(path, catalogue)
    assert facts(frame) == [(30150.0, "actual", 2024, "ha"), (95.2, "pct_of_target", 2024, "%"),
                            (-3.6, "yoy_change_pct", 2024, "%"), (96100.0, "actual", 2024, "con"),
                            (80.0, "target", 2025, "triệu đồng")]
    assert list(frame["indicator_id"]) == ["rice_sown_area"] * 3 + ["livestock_herd", "income_per_capita"]
    text = read_report(path)
    assert "Tổng đàn gia súc | 96.100 con" in text


def test_command_line_writes_candidates(tmp_path, capsys):
    out = tmp_path / "candidates.csv"
    assert main([str(FIXTURES / "bao-cao-mau-2024.txt"), "--out", str(out), "--data", str(DATA_DIR)]) == 0
    frame = pd.read_csv(out, keep_default_na=False)
    for column in ("value", "unit_of_measure", "kind", "year", "quote", "indicator_id", "number", "occurrence",
                   "qualifier", "proposed_name", "confidence", "line", "value_high"):
        assert column in frame.columns
    assert "22 số liệu đề xuất" in capsys.readouterr().out
    assert set(frame["year"]) == {2024, 2025}
    kinds = frame.groupby("year")["kind"].agg(set)
    assert kinds[2025] == {"target"}
    range_row = frame[frame["number"] == "55-56"].iloc[0]
    assert (range_row["kind"], range_row["value"], float(range_row["value_high"])) == ("target", 55.0, 56.0)


def test_command_line_reports_a_missing_file(tmp_path, capsys):
    assert main([str(tmp_path / "khong-co.txt")]) == 1
    assert "Không thấy tệp" in capsys.readouterr().err


def test_an_estimate_near_or_over_keeps_both_words_and_only_listed_qualifiers_are_proposed(catalogue):
    from lib.words.labels import QUALIFIERS
    text = ("Thu từ thuế, phí ước đạt gần 18,4 tỷ đồng; thu ngân sách ước đạt trên 120 tỷ đồng; "
            "có gần 40 xã trở lên đạt chuẩn.")
    frame = extract(text, catalogue, results_year=2024)
    assert list(frame["qualifier"])[:2] == ["ước gần", "ước trên"]
    assert set(frame["qualifier"]) <= set(QUALIFIERS) | {""}
