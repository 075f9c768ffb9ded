"""The proposer of statements for a new report, measured on the seed report against its curated statements."""
from __future__ import annotations

import csv

from helpers import INDICATORS, RAW_REPORT, REPORT_ID

from lib.pipeline.propose_statements import propose_statements
from lib.pipeline.raw import read_report
from lib.words.vntext import nfc


def _seed(data_dir):
    text = read_report(data_dir / RAW_REPORT)
    with (data_dir / INDICATORS).open(encoding="utf-8-sig", newline="") as handle:
        catalogue = {row["indicator_id"]: row for row in csv.DictReader(handle)}
    with (data_dir / f"curated/reports/{REPORT_ID}/statements.csv").open(encoding="utf-8", newline="") as handle:
        curated = [row for row in csv.DictReader(handle) if row["kind"] != "danh_gia"]
    return text, catalogue, curated


def test_every_shortcoming_and_task_is_proposed_with_its_kind(data_dir):
    text, catalogue, curated = _seed(data_dir)
    proposals, ignored = propose_statements(text, catalogue)
    for row in curated:  # each curated quote lies in one proposal of the same kind
        holding = [p for p in proposals if nfc(row["quote"]) in p["quote"]]
        assert len(holding) == 1 and holding[0]["kind"] == row["kind"], row["quote"][:60]
    exact = {p["quote"]: p for p in proposals}
    same = [r for r in curated if r["quote"] in exact]
    assert len(same) >= 0.9 * len(curated)
    assert sum(exact[r["quote"]]["domain"] == r["domain"] for r in same) >= 0.85 * len(same)
    # every proposal is the report's own text, and nothing from the results part or the targets
    assert all(p["quote"] in text and p["kind"] in ("han_che", "nhiem_vu") for p in proposals)
    assert not any("Kết nạp 100 đảng viên mới" in p["quote"] for p in proposals)
    # headings are proposed for the ignore list, with a reason
    assert {i["match"].rstrip(":") for i in ignored} >= {"Về phát triển kinh tế", "Về quốc phòng - an ninh"}
    assert all(i["reason"] for i in ignored)
    assert len({p["statement_id"] for p in proposals}) == len(proposals)


def test_the_health_insurance_judgement_is_proposed_with_its_indicator(data_dir):
    text, catalogue, _ = _seed(data_dir)
    proposals, _ = propose_statements(text, catalogue)
    found = [p for p in proposals if "bảo hiểm y tế đạt theo chỉ tiêu tỉnh giao" in p["quote"]]
    assert len(found) == 1 and "health_insurance_coverage" in found[0]["indicator_ids"]


def test_a_report_of_another_style_is_read_by_its_headings():
    text = "\n".join([
        "A. KẾT QUẢ",
        "- Thu ngân sách đạt 120% dự toán.",
        "II. TỒN TẠI, HẠN CHẾ",
        "- Tỷ lệ dân số tham gia bảo hiểm y tế chưa đạt kế hoạch.",
        "III. NGUYÊN NHÂN",
        "- Một bộ phận người dân chưa quan tâm. Kinh phí còn hạn chế.",
        "IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2026",
        "1. Về quốc phòng - an ninh",
        "- Kiềm chế tai nạn giao thông.",
    ])
    catalogue = {"health_insurance_coverage": {"name_vi": "Tỷ lệ dân số tham gia bảo hiểm y tế", "domain": "culture_society"},
                 "traffic_accidents": {"name_vi": "Vụ tai nạn giao thông", "domain": "security_order"}}
    proposals, ignored = propose_statements(text, catalogue)
    assert [(p["kind"], p["domain"], p["indicator_ids"]) for p in proposals] == [
        ("han_che", "culture_society", ["health_insurance_coverage"]),
        ("nguyen_nhan", None, []), ("nguyen_nhan", None, []),
        ("nhiem_vu", "security_order", ["traffic_accidents"]),
    ]
    assert [i["match"] for i in ignored] == ["Về quốc phòng - an ninh"]
