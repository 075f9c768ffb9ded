"""Annex tables (issue 19, item 5): "Chỉ tiêu | ĐVT | KH | TH | % KH", the header decides each column's
kind and year; read from a real .docx and from the text lib.pipeline.raw makes of it."""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.pipeline.ingest import extract, extract_file, load_catalogue, read_report, skipped_numbers
from lib.pipeline.ingest.annex import read_header

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA_DIR)


def _annex(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2025")
    document.add_paragraph("Phụ lục kèm theo")
    rows = [["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 2024", "Kế hoạch 2025", "Ước thực hiện 2025",
             "So sánh % KH", "Ghi chú"],
            ["1", "Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "31,4", "33", "35,2", "106,7", ""],
            ["2", "Tỷ lệ hộ nghèo", "%", "2,3", "1,8", "1,8", "", "Đạt"],
            ["3", "Diện tích lúa xuống giống", "ha", "1.220", "1.200", "1.200", "100", ""]]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(path)
    return path


def test_a_docx_annex_is_read_column_by_column(tmp_path, catalogue):
    path = _annex(tmp_path / "phu-luc.docx")
    text = read_report(path)
    assert "2 | Tỷ lệ hộ nghèo | % | 2,3 | 1,8 | 1,8 |  | Đạt" in text  # the empty cell keeps its column
    frame = extract_file(path, catalogue)
    got = [(r.number, r.kind, int(r.year), r.unit_of_measure) for r in frame.itertuples()]
    assert got == [("31,4", "actual", 2024, "tỷ đồng"), ("33", "target", 2025, "tỷ đồng"),
                   ("35,2", "actual", 2025, "tỷ đồng"), ("106,7", "pct_of_target", 2025, "%"),
                   ("2,3", "actual", 2024, "%"), ("1,8", "target", 2025, "%"), ("1,8", "actual", 2025, "%"),
                   ("1.220", "actual", 2024, "ha"), ("1.200", "target", 2025, "ha"),
                   ("1.200", "actual", 2025, "ha"), ("100", "pct_of_target", 2025, "%")]
    assert set(frame[frame["number"].isin(["31,4", "33", "106,7"])]["indicator_id"]) == {"state_budget_revenue"}
    assert set(frame[frame["number"] == "1.220"]["indicator_id"]) == {"rice_sown_area"}
    # The quote is the whole row, so the reviewer sees the name, the unit and the column beside the number.
    assert frame.iloc[3]["quote"].startswith("1 | Thu ngân sách nhà nước trên địa bàn | Tỷ đồng")
    reasons = skipped_numbers(text)
    assert set(reasons[reasons["number"].isin(["1", "2", "3"])]["reason"]) == {"số thứ tự của bảng"}


@pytest.mark.parametrize("header, expected", [
    (["TT", "Chỉ tiêu", "ĐVT", "KH 2024", "TH 2024", "% KH"],
     [("index", "", None), ("label", "", None), ("unit", "", None), ("value", "target", 2024),
      ("value", "actual", 2024), ("value", "pct_of_target", 2024)]),
    (["Chỉ tiêu", "Kế hoạch năm", "Ước TH", "TH 2024/TH 2023 (%)"],
     [("label", "", None), ("value", "target", 2024), ("value", "actual", 2024), ("value", "yoy_index", 2024)]),
])
def test_the_header_decides_kind_and_year(header, expected):
    columns = read_header(header, 2024)
    assert [(c.role, c.kind, c.year) for c in columns] == expected


def test_a_row_of_prose_is_not_a_header():
    assert read_header(["Tổng đàn gia súc", "96.100 con"], 2024) is None


def test_an_index_column_against_last_year_is_a_change_to_review(catalogue):
    text = ("KẾT QUẢ NĂM 2024\nChỉ tiêu | ĐVT | TH 2024 | So sánh cùng kỳ (%)\n"
            "Sản lượng lương thực | tấn | 52.300 | 103,5\n")
    frame = extract(text, catalogue)
    change = frame[frame["number"] == "103,5"].iloc[0]
    assert (change["kind"], round(change["value"], 6)) == ("yoy_change_pct", 3.5)
    assert change["confidence"] < 0.7 and "chỉ số" in change["note"]
