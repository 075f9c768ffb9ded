"""The staff page in the staff member's words: the review grid, finding an indicator without
diacritics, indicators made in the review, the preview of what changes, problems named by review
row, and the new snapshot named at once after publishing."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from helpers import text
from staff_support import REPO, copied_data, staff_page_with

from lib.web.staff_review import LATEST, ROWS, VERSION, matching_indicators
from lib.words import number_format as fmt

REPORT = REPO / "tests" / "fixtures" / "bao-cao-ben-song-2023.txt"


@pytest.fixture
def data(tmp_path, monkeypatch):
    return copied_data(tmp_path, monkeypatch)


def review(monkeypatch, **query):
    return staff_page_with(REPORT.name, REPORT.read_bytes(), monkeypatch, query=query)


def grid_columns(at) -> dict:
    return json.loads(at.get("dataframe")[0].proto.columns)


def test_the_grid_speaks_the_staff_members_language(data, monkeypatch):
    at = review(monkeypatch)
    assert not at.exception
    columns = grid_columns(at)
    names = {o["value"]: o["label"] for o in columns["indicator_id"]["type_config"]["options"]}
    assert names["production_value"].startswith("Tổng giá trị sản xuất")
    kinds = {o["value"]: o["label"] for o in columns["kind"]["type_config"]["options"]}
    assert [kinds[k] for k in ("actual", "target", "pct_of_target", "yoy_change_pct")] == \
        ["Thực hiện", "Kế hoạch", "% kế hoạch", "% so cùng kỳ"]
    units = pd.read_csv(data / "curated" / "units_of_measure.csv", dtype=str)["unit_of_measure"]
    offered = [o["value"] if isinstance(o, dict) else o for o in columns["unit_of_measure"]["type_config"]["options"]]
    assert sorted(offered) == sorted(units) and "family" not in offered
    rows = at.session_state[LATEST]
    first = rows[rows["value"] == 14286.5].iloc[0]
    assert first["value_shown"] == fmt.number(first["value"], "vi") == "14.286,5"
    # The unsure proposals come first, each saying why.
    sure = list(rows["confidence"] >= 0.7)
    assert sure == sorted(sure) and not sure[0]
    assert all(rows.loc[~rows["confidence"].ge(0.7), "attention"].str.len() > 0)
    # The columns needed fit a 1366 px screen beside the sidebar (~900 px of grid).
    shown = ["accept", "indicator_id", "kind", "year", "number", "value_shown", "unit_of_measure"]
    assert sum(columns[c]["width"] for c in shown) + 40 <= 900


def test_an_indicator_is_found_without_diacritics_and_given_to_the_row(data, monkeypatch):
    at = review(monkeypatch)
    names = {"": "—", "poultry_flock": "Tổng đàn gia cầm", "production_value": "Tổng giá trị sản xuất"}
    assert matching_indicators("dan gia cam", names) == ["poultry_flock"]
    assert matching_indicators("ĐÀN", names) == ["poultry_flock"]
    rows = at.session_state[LATEST]
    unmatched = int(rows.index[rows["indicator_id"] == ""][0])
    at.selectbox(key="staff_focus_row").set_value(unmatched).run()
    at.text_input(key="staff_find_indicator").input("tong dan gia cam").run()
    assert at.selectbox(key="staff_found_indicator").value == "poultry_flock"
    at.button(key="staff_give").click().run()
    after = at.session_state[LATEST].loc[unmatched]
    assert after["indicator_id"] == "poultry_flock" and bool(after["accept"])


def test_a_new_indicator_is_added_edited_previewed_and_removed(data, monkeypatch):
    at = review(monkeypatch)
    at.text_input(key="staff_ind_new_vi").input("Tổng đàn heo")
    at.selectbox(key="staff_ind_new_unit").set_value("con")
    at.selectbox(key="staff_ind_new_group").set_value("agriculture")
    submit = [b for b in at.button if b.label == text("staff_add_indicator", "vi")][0]
    submit.click().run()
    assert any("Đã thêm chỉ tiêu “Tổng đàn heo”" in s.value for s in at.success)
    made = at.session_state["staff_new_indicators"]
    assert [(i["indicator_id"], i["unit_of_measure"], i["group"]) for i in made] == [("tong_dan_heo", "con", "agriculture")]
    # The grid offers it by name at once.
    assert {"value": "tong_dan_heo", "label": "Tổng đàn heo"} in grid_columns(at)["indicator_id"]["type_config"]["options"]
    # Given to the pig-herd row, the preview shows the figure as leaders will read it.
    rows = at.session_state[LATEST]
    pig = int(rows.index[rows["number"] == "58.400"][0])
    at.selectbox(key="staff_focus_row").set_value(pig).run()
    at.text_input(key="staff_find_indicator").input("dan heo").run()
    at.button(key="staff_give").click().run()
    preview = [m.value for m in at.markdown if "Tổng đàn heo" in m.value]
    assert preview and "58.400 con" in preview[0] and "Nông nghiệp" in preview[0]
    at.button(key="staff_ind_edit_tong_dan_heo").click().run()
    at.text_input(key="staff_ind_tong_dan_heo_vi").input("Đàn heo")
    [b for b in at.button if b.label == text("staff_ind_save", "vi")][0].click().run()
    assert at.session_state["staff_new_indicators"][0]["name_vi"] == "Đàn heo"
    at.button(key="staff_ind_remove_tong_dan_heo").click().run()
    assert at.session_state["staff_new_indicators"] == []
    assert at.session_state[LATEST].loc[pig, "indicator_id"] == "" and not at.session_state[LATEST].loc[pig, "accept"]


def test_problems_name_the_review_row_and_the_action_never_a_file(data, monkeypatch):
    at = review(monkeypatch)
    rows = at.session_state[LATEST].copy()
    gia_cam = int(rows.index[rows["number"] == "1.250.000"][0])
    rows.loc[gia_cam, "kind"] = "yoy_change_pct"  # "hơn 1.250.000 con" is no change on last year
    at.session_state[ROWS] = rows
    at.session_state[LATEST] = rows
    at.session_state[VERSION] = at.session_state[VERSION] + 1
    at.text_input(key="staff_unit_vi").input("Huyện Bến Sông").run()
    at.button(key="staff_check").click().run()
    shown = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert shown, "the problems are listed"
    assert any(f"Dòng {gia_cam} của bảng duyệt (1.250.000 — Tổng đàn gia cầm)" in line for line in shown)
    for line in shown:
        assert ".csv" not in line and "curated/" not in line and "yoy_change_pct" not in line, line


def test_check_previews_the_change_then_publishing_names_the_new_snapshot_everywhere(data, monkeypatch):
    at = review(monkeypatch)
    at.text_input(key="staff_unit_vi").input("Huyện Bến Sông").run()
    at.button(key="staff_check").click().run()
    assert any(s.value == text("staff_ok", "vi") for s in at.success)
    accepted = int(at.session_state[LATEST]["accept"].sum())
    summary = [m.value for m in at.markdown if m.value.startswith("Khi công bố")]
    added, changed, removed = map(int, re.findall(r"\*\*(\d+)\*\*", summary[0]))
    assert added >= accepted > 0, "every accepted figure is new (derived plans may add more)"
    assert (changed, removed) == (0, 0), "a new unit changes nothing already published"
    assert any("Đơn vị báo cáo mới: ben-song" in m.value.replace("\\", "") for m in at.markdown), "the code follows the unit name"
    at.button(key="staff_publish").click().run()
    newest = sorted(p.name for p in (data / "snapshots").iterdir() if p.is_dir() and not p.name.startswith("."))[-1]
    assert any(newest in s.value for s in at.success), "the page names the new snapshot"
    assert any(newest in c.value for c in at.sidebar.caption), "and so does the sidebar, in the same view"
    assert not at.get("dataframe"), "the published file is not offered for review again"


def test_the_staff_page_accepts_the_shared_link_keys(data, monkeypatch):
    at = review(monkeypatch, unit="tieu-can", year="2022")
    assert not at.exception
    assert not [w for w in at.warning if "không hợp lệ" in w.value]


def test_every_proposal_ticked_as_proposed_passes_the_check_or_says_why_not(data):
    """The property behind the review: on the seed report, the labelled fixtures and every passage
    set, a proposal is ticked only if it passes the check; each unticked one says why."""
    from lib.pipeline import ingest, publish
    reports = [REPO / "data" / "raw" / p.name for p in (REPO / "data" / "raw").iterdir() if p.suffix == ".txt"]
    reports += [REPORT, REPO / "tests" / "fixtures" / "ingest" / "bao-cao-mau-2024.txt"]
    reports += sorted((REPO / "tests" / "fixtures" / "passages").glob("*.txt"))  # 6 months, a ward, an annex table
    reports += sorted((REPO / "tests" / "passages").glob("*.txt"))  # the extractor's labelled sets, where present
    catalogue = ingest.load_catalogue(data)
    for path in reports:
        report = ingest.read_report(path)
        candidates = ingest.extract(report, catalogue)
        years = candidates["year"].dropna()
        results = int(years.min()) if len(years) else 2023
        meta = {"report_id": "thu-xem", "reporting_unit": "thu-xem", "reporting_unit_name_vi": "Thử", "reporting_unit_name_en": "Test",
                "results_year": results, "targets_year": results + 1}
        skipped = ingest.skipped_numbers(report)
        rows = publish.proposals_for_review(data, report, candidates, skipped, path.name, path.read_bytes(), meta)
        draft = publish.draft_from_review(report, f"thu-xem-{path.name}", path.read_bytes(), meta, rows, skipped)
        row_problems = [p for p in publish.check(data, draft) if publish.review_row(p, draft) is not None]
        assert row_problems == [], (path.name, [str(p) for p in row_problems])
        unticked = rows[~rows["accept"]]
        assert (unticked["attention"] != "").all(), (path.name, unticked[unticked["attention"] == ""])


def publish_ben_song(data: Path, only_results: bool = False) -> None:
    from lib.pipeline import ingest, publish
    report = ingest.read_report(REPORT)
    candidates = ingest.extract(report, ingest.load_catalogue(data))
    skipped = ingest.skipped_numbers(report)
    meta = {"report_id": "ben-song-2023", "reporting_unit": "ben-song", "reporting_unit_name_vi": "Huyện Bến Sông",
            "reporting_unit_name_en": "Ben Song district", "results_year": 2023, "targets_year": 2024}
    rows = publish.proposals_for_review(data, report, candidates, skipped, REPORT.name, REPORT.read_bytes(), meta)
    if only_results:  # a report whose next-year targets were left out
        rows["accept"] = rows["accept"] & (rows["year"] == 2023)
    publish.publish(data, publish.draft_from_review(report, "ben-song-2023.txt", REPORT.read_bytes(), meta, rows,
                                                    skipped))


def leader_page(file: str = "app.py", **query):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    if file != "app.py":
        at.switch_page(file)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_the_home_unit_stays_the_default_after_another_unit_is_published(data, monkeypatch):
    publish_ben_song(data)
    at = leader_page()
    assert not at.exception and "Tiểu Cần" in at.title[0].value, "publishing a new unit moved no one's view"
    monkeypatch.setenv("CHITIEU_HOME_UNIT", "ben-song")
    assert "Bến Sông" in leader_page().title[0].value, "the setting names the home unit"


def test_an_overview_without_a_drawable_next_year_says_why(data):
    publish_ben_song(data, only_results=True)
    at = leader_page(unit="ben-song")
    assert not at.exception and "Bến Sông" in at.title[0].value
    assert [i.value for i in at.info if i.value.startswith("Chưa có biểu đồ")] == \
        [text("next_none", "vi", reporting_unit="Huyện Bến Sông", targets=2024)]
    assert len(at.get("vega_lite_chart")) == 1, "the attainment chart only; no empty frame"


def test_an_overview_with_comparable_targets_draws_them(data):
    publish_ben_song(data)
    at = leader_page(unit="ben-song")
    assert len(at.get("vega_lite_chart")) == 2 and not [i for i in at.info if "Chưa có biểu đồ" in i.value]


def test_across_units_says_when_the_results_years_differ(data):
    publish_ben_song(data)
    at = leader_page("pages/5_chi_tieu.py", id="production_value", unit="ben-song")
    assert not at.exception
    captions = [c.value for c in at.caption if "Không có báo cáo năm 2023" in c.value]
    assert captions and "Huyện Tiểu Cần (2022)" in captions[0].replace("\\", "")


def test_the_staff_page_in_english(data, monkeypatch):
    at = review(monkeypatch, lang="en")
    assert not at.exception
    kinds = {o["value"]: o["label"] for o in grid_columns(at)["kind"]["type_config"]["options"]}
    assert kinds["pct_of_target"] == "% of plan"
    assert at.subheader[0].value == text("staff_frame", "en")
