"""The real-report scorer (make eval-real): tested on a passage of our own, so that it can fail; the real
reports are scored only where their texts were made again from tests/real/sources.csv."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.pipeline.ingest import SURE, TARGETS, extract, find_periods, load_catalogue
from lib.pipeline.ingest.frame import read_frame
from lib.pipeline.ingest.real_eval import (
    evaluate_real,
    indicator_names,
    indicator_right,
    names_agree,
    real_table,
    score_report,
    sources,
)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"
TEXT = ("Năm 2026, xã An Hòa phấn đấu đưa thu nhập bình quân đầu người lên 66 triệu đồng\n"
        "Theo báo cáo tại kỳ họp, năm 2025, thu nhập bình quân đầu người của xã An Hòa đạt 61,5 triệu đồng; "
        "tỷ lệ hộ nghèo giảm 0,8%. Toàn xã thành lập mới 14 doanh nghiệp.")
ROWS = [{"number": "61,5", "value": "61.5", "kind": "actual", "year": "2025", "period": "",
         "indicator": "income_per_capita"},
        {"number": "14", "value": "14", "kind": "actual", "year": "2025", "period": "", "indicator": "new_enterprises"}]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "data")


def test_names_agree_by_shared_folded_words():
    assert names_agree("Tổng giá trị sản phẩm trên địa bàn", "tong gia tri san pham tren dia ban")
    assert names_agree("Doanh thu du lịch", "Doanh thu ngành du lịch")
    assert not names_agree("Tỷ lệ", "Tỷ lệ hộ nghèo")
    assert not names_agree("", "Số hộ")


def test_indicator_right_by_id_or_by_name():
    names = indicator_names(ROOT / "data")
    assert indicator_right("income_per_capita", "income_per_capita", "", names)
    assert not indicator_right("income_per_capita", "poverty_rate", "", names)
    assert indicator_right("new:Doanh thu du lịch", "", "Doanh thu du lịch", names)
    assert not indicator_right("new:Doanh thu du lịch", "", "Tỷ lệ", names)


def test_the_score_counts_every_part_of_a_row(catalogue):
    names = indicator_names(ROOT / "data")
    candidates = extract(TEXT, catalogue)
    good = score_report("own", "dev", TEXT, ROWS, candidates, names)
    assert (good.facts, good.recovered, good.full) == (2, 2, 2)
    for column, wrong in (("indicator", "poverty_rate"), ("year", "2026"), ("period", "m6"), ("value", "15")):
        rows = [dict(ROWS[0]), ROWS[1]]
        rows[0][column] = wrong
        bad = score_report("own", "dev", TEXT, rows, candidates, names)
        assert bad.full == 1, column
        if column in ("year", "value"):
            assert bad.recovered == 1
    assert "| own | dev | 2 |" in real_table([good], ["x (holdout)"]) and "x (holdout)" in real_table([good], ["x (holdout)"])


def test_a_headline_about_next_year_does_not_date_the_results(catalogue):
    frame = read_frame(TEXT)
    assert (frame.results_year, frame.targets_year, frame.level, frame.unit_name) == (2025, 2026, "xa_phuong", "Xã An Hòa")
    rows = extract(TEXT, catalogue)
    assert set(rows.loc[rows["number"] == "61,5", "year"]) == {2025}
    assert set(rows.loc[rows["number"] == "66", "year"]) == {2026}
    corrected = extract(TEXT, catalogue, results_year=2024, period="m9")
    assert set(corrected.loc[corrected["number"] == "61,5", ["year", "period"]].itertuples(index=False)) == {(2024, "m9")}


def test_a_headline_target_is_unsure_and_the_targets_part_starts_at_the_later_paragraph(catalogue):
    text = TEXT + "\nNăm 2026, xã phấn đấu thành lập mới 16 doanh nghiệp."
    rows = extract(text, catalogue)
    headline = rows[rows["number"] == "66"].iloc[0]
    assert headline["confidence"] < SURE and "tiêu đề" in headline["note"]
    parts = [p for p in find_periods(text) if p.mode == TARGETS and p.heading]
    assert [p.heading for p in parts] == ["Năm 2026, xã phấn"]
    assert text.find(parts[0].heading) == text.index("Năm 2026, xã phấn")


def test_quarter_and_months_frames():
    assert (read_frame("Tổng sản phẩm quý I/2025 tăng 5,1% so với cùng kỳ năm 2024.").period,
            read_frame("Tổng sản phẩm quý I/2025 tăng 5,1% so với cùng kỳ năm 2024.").results_year) == ("q1", 2025)
    assert read_frame("Trong 6 tháng đầu năm 2024, huyện thu ngân sách 41 tỷ đồng.").period == "m6"
    assert read_frame("UBND huyện đánh giá tình hình 9 tháng năm 2023: thu 150 tỷ đồng.").period == "m9"


def test_the_real_reports(catalogue, capsys):
    present = [s for s in sources(REAL) if (REAL / "texts" / f"{s['slug']}.txt").exists()]
    if not present:
        pytest.skip("tests/real/texts/ is empty: the real reports' texts are not in the repository "
                    "(make them again from tests/real/sources.csv, then run make eval-real)")
    reports, missing = evaluate_real(REAL, catalogue, ROOT / "data")
    with capsys.disabled():
        print("\n" + real_table(reports, missing))
    assert all(r.facts > 0 for r in reports)
