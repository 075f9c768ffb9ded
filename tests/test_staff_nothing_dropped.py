"""Nothing ticked is ever dropped: a ticked row is published (its indicator made from the common
catalogue when it comes from there) or the check stops on it, naming the review's own row; a row staff
call "không phải chỉ tiêu" is left out with that reason; an annex label saying "giảm" is no refusal."""
from __future__ import annotations

import pandas as pd
import pytest
from staff_support import REPO, copied_data

from lib.pipeline import ingest, publish
from lib.pipeline.ingest.catalogue import common_indicators, reference_catalogue
from lib.pipeline.problems import in_review_words

WALK = REPO / "tests" / "fixtures" / "walk" / "xa-an-phu-2025.txt"
META = {"report_id": "an-phu-2025", "reporting_unit": "an-phu", "reporting_unit_name_vi": "Xã An Phú",
        "reporting_unit_name_en": "An Phu commune", "results_year": 2025, "targets_year": 2026, "period": "year"}
ANNEX = """BÁO CÁO KẾT QUẢ NĂM 2025
PHỤ LỤC: SỐ LIỆU KINH TẾ - XÃ HỘI NĂM 2025
TT | Chỉ tiêu | ĐVT | KH 2025 | Ước TH 2025
1 | Tổng giá trị sản xuất | tỷ đồng | 2.300 | 2.415,6
2 | Tỷ lệ hộ nghèo (giảm) | % | 1,5 | 1,12
"""


@pytest.fixture
def data(tmp_path, monkeypatch):
    return copied_data(tmp_path, monkeypatch)


def review_of(data, text: str, name: str = "xa-an-phu-2025.txt") -> tuple[pd.DataFrame, pd.DataFrame]:
    candidates = ingest.extract(text, ingest.load_catalogue(data))
    skipped = ingest.skipped_numbers(text)
    rows = publish.proposals_for_review(data, text, candidates, skipped, name, text.encode(), META)
    rows.index = range(1, len(rows) + 1)  # as the staff page numbers them
    return rows, skipped


def draft(text: str, rows: pd.DataFrame, skipped: pd.DataFrame) -> publish.ReportDraft:
    return publish.draft_from_review(text, "an-phu-2025.txt", text.encode(), META, rows, skipped)


# A common indicator, and one of the reference catalogue (Quyết định 05/2023/QĐ-TTg's kind) the curated lacks.
@pytest.mark.parametrize("number, indicator_id, source", [("94,2", "cultural_family_rate", common_indicators),
                                                          ("83,3", "schools_national_standard_rate", reference_catalogue)])
def test_a_ticked_catalogue_row_is_published_with_the_indicator_made_from_its_catalogue_row(data, number,
                                                                                           indicator_id, source):
    text = WALK.read_text(encoding="utf-8")
    rows, skipped = review_of(data, text)
    chosen = int(rows.index[rows["number"] == number][0])
    assert indicator_id not in set(ingest.load_catalogue(data).indicators["indicator_id"])
    rows.loc[chosen, ["indicator_id", "accept"]] = [indicator_id, True]
    snapshot = publish.publish(data, draft(text, rows, skipped))
    made = pd.read_csv(data / "curated" / "indicators.csv", dtype=str, keep_default_na=False)
    made = made[made["indicator_id"] == indicator_id].iloc[0]
    row = source().set_index("indicator_id").loc[indicator_id]
    for column in ("name_vi", "unit_of_measure", "direction", "measure", "domain", "group"):
        assert made[column] == row[column], column
    observations = pd.read_parquet(snapshot / "observations.parquet")
    published = observations[(observations["indicator_id"] == indicator_id)
                             & (observations["report_id"] == "an-phu-2025")]
    assert list(published["value"]) == [float(number.replace(",", "."))], "the ticked figure is published"
    ignored = pd.read_csv(data / "curated" / "reports" / "an-phu-2025" / "ignored_numbers.csv", dtype=str)
    assert number not in set(ignored["number"])


def test_a_ticked_row_without_an_indicator_stops_the_check_naming_the_review_row(data):
    text = WALK.read_text(encoding="utf-8")
    rows, skipped = review_of(data, text)
    export = int(rows.index[rows["number"] == "83,3"][0])  # "Tỷ lệ trường đạt chuẩn": no indicator yet
    assert rows.loc[export, "indicator_id"] == "" and not rows.loc[export, "accept"]
    rows.loc[export, "accept"] = True
    the_draft = draft(text, rows, skipped)
    assert the_draft.unassigned == [export]
    problems = publish.check(data, the_draft)
    ours = [p for p in problems if publish.review_row(p, the_draft) == export]
    assert len(ours) == 1 and ours[0].file == publish.REVIEW_TABLE
    assert "chưa có chỉ tiêu" in ours[0].message and "Không phải chỉ tiêu" in in_review_words(ours[0].fix)
    with pytest.raises(publish.BuildError):
        publish.publish(data, the_draft)
    assert not (data / "curated" / "reports" / "an-phu-2025").exists(), "nothing is written"


def test_a_row_said_not_to_be_an_indicator_is_left_out_with_that_reason(data):
    text = WALK.read_text(encoding="utf-8")
    rows, skipped = review_of(data, text)
    headline = int(rows.index[(rows["number"] == "72") & (rows["line"] == 1)][0])
    rows.loc[headline, ["accept", "decision"]] = [False, publish.NOT_AN_INDICATOR]
    rows["decision"] = rows["decision"].fillna("")
    the_draft = draft(text, rows, skipped)
    reasons = the_draft.ignored.set_index("match")["reason"]
    assert reasons[f"at:{int(rows.loc[headline, 'start'])}"] == publish.NOT_INDICATOR
    others = the_draft.ignored[the_draft.ignored["match"] != f"at:{int(rows.loc[headline, 'start'])}"]
    assert publish.NOT_INDICATOR not in set(others["reason"]), "only the row staff refused"


def test_an_annex_row_whose_label_says_giam_passes_the_check(data):
    rows, skipped = review_of(data, ANNEX, "phu-luc-2025.txt")
    poverty = rows[rows["indicator_id"] == "poverty_rate"]
    assert len(poverty) == 2 and poverty["accept"].all(), poverty[["number", "attention"]]
    assert (poverty["attention"] == "").all()
    the_draft = draft(ANNEX, rows, skipped)
    assert publish.check(data, the_draft) == []
    values = dict(zip(the_draft.observations["number"], the_draft.observations["kind"]))
    assert values["1,12"] == "actual" and values["1,5"] == "target"


def test_the_label_still_signs_a_change_and_prose_still_refuses_a_level():
    from lib.pipeline.numbers import NumberFormatError, read_value
    assert read_value("2 | Giảm tỷ lệ hộ nghèo | điểm % | 1,5", "1,5", 1, "actual", "change").value == -1.5
    assert read_value("2 | Tỷ lệ hộ nghèo (giảm) | % | 1,12", "1,12", 1, "actual", "rate").value == 1.12
    with pytest.raises(NumberFormatError):
        read_value("tỷ lệ hộ nghèo giảm 1,12%", "1,12", 1, "actual", "rate")


def test_a_duplicate_names_the_other_figure_by_its_review_row_too(data):
    text = WALK.read_text(encoding="utf-8")
    rows, skipped = review_of(data, text)
    production = int(rows.index[rows["number"] == "2.415,6"][0])
    investment = int(rows.index[rows["number"] == "356"][0])
    rows.loc[investment, "indicator_id"] = "production_value"  # two figures on one indicator, year and kind
    the_draft = draft(text, rows, skipped)
    problems = [p for p in publish.check(data, the_draft) if "trùng" in p.message]
    assert len(problems) == 1
    first, second = sorted((production, investment))
    assert publish.review_row(problems[0], the_draft) == second
    said = publish.in_review_rows(problems[0].message, the_draft)
    assert f"với dòng {first} của bảng duyệt" in said, said
