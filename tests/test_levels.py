"""Units at every level side by side: a province's and a commune's reports (written for the project)
published beside the district's 2022 report, which ceased with the districts on 30 June 2025."""
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.serving import copy_data
from lib.data.db import Database
from lib.data.queries import indicator_across_reporting_units
from lib.data.snapshot import latest_snapshot
from lib.pipeline import ingest, publish
from lib.pipeline.build import build
from lib.pipeline.problems import BuildError
from lib.render import charts_pace
from lib.words.words import Words

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "pace"
REPORTS = {
    "xa-tan-mau-2025.txt": {"report_id": "tan-mau-2025", "reporting_unit": "tan-mau", "reporting_unit_name_vi": "Xã Tân Mẫu",
                            "reporting_unit_name_en": "Tân Mẫu commune", "results_year": 2025, "targets_year": 2026},
    "tinh-mau-son-2024.txt": {"report_id": "mau-son-2024", "reporting_unit": "mau-son",
                              "reporting_unit_name_vi": "Tỉnh Mẫu Sơn", "reporting_unit_name_en": "Mẫu Sơn province",
                              "results_year": 2024, "targets_year": 2025},
}


def _written(file: str, number: str) -> float:
    assert number in (FIXTURES / file).read_text(encoding="utf-8"), number
    return float(number.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("levels") / "data"
    copy_data(folder)
    for file, meta in REPORTS.items():
        text = ingest.read_report(FIXTURES / file)
        candidates = ingest.extract(text, ingest.load_catalogue(folder))
        candidates.insert(0, "accept", [bool(i) for i in candidates["indicator_id"]])
        draft = publish.draft_from_review(text, file, (FIXTURES / file).read_bytes(), meta, candidates,
                                          ingest.skipped_numbers(text))
        publish.publish(folder, draft)
    return folder


def test_each_unit_has_its_level_and_the_district_its_end(data):
    db = Database(latest_snapshot(data / "snapshots"))
    units = db.query("SELECT * FROM reporting_units").set_index("reporting_unit")
    assert units.loc["tan-mau", "level"] == "xa_phuong"  # "ỦY BAN NHÂN DÂN XÃ …"
    assert units.loc["mau-son", "level"] == "tinh"
    assert units.loc["tieu-can", "level"] == "huyen"
    assert str(units.loc["tieu-can", "ceased"])[:10] == "2025-06-30"
    assert units.loc["tra-vinh", "successor"] == "vinh-long"


def test_one_indicator_side_by_side_across_levels_and_years(data):
    db = Database(latest_snapshot(data / "snapshots"))
    rows = indicator_across_reporting_units(db, "health_insurance_coverage", None).set_index("reporting_unit")
    assert rows.loc["tieu-can", ["year", "actual"]].tolist() == [2022, 88.14]
    assert rows.loc["tan-mau", ["year", "actual"]].tolist() == [2025, _written("xa-tan-mau-2025.txt", "90,4")]
    assert rows.loc["mau-son", ["year", "actual"]].tolist() == [2024, _written("tinh-mau-son-2024.txt", "92,6")]
    assert rows.loc["mau-son", "status"] == "exceeded" and rows.loc["tan-mau", "status"] == "exceeded"
    assert list(rows.index) == ["mau-son", "tan-mau", "tieu-can"], "best first: higher is better"
    one_year = indicator_across_reporting_units(db, "health_insurance_coverage", 2024)
    assert list(one_year["reporting_unit"]) == ["mau-son"]
    named = charts_pace.reporting_units_named(rows.reset_index(), with_year=True).set_index("reporting_unit")
    assert named.loc["tieu-can", "reporting_unit_name_vi"] == "Huyện Tiểu Cần (đến 30/06/2025) · 2022"
    assert named.loc["tieu-can", "reporting_unit_name_en"] == "Tiểu Cần district (until 2025-06-30) · 2022"
    assert named.loc["tan-mau", "reporting_unit_name_vi"] == "Xã Tân Mẫu · 2025"


def test_a_ceased_unit_names_its_successor():
    row = {"reporting_unit_name_vi": "Tỉnh Trà Vinh", "reporting_unit_name_en": "Trà Vinh province", "ceased": pd.Timestamp("2025-06-30"),
           "successor": "vinh-long", "successor_vi": "Tỉnh Vĩnh Long", "successor_en": "Vĩnh Long province"}
    assert charts_pace.reporting_unit_name(row, Words.of("vi")) == "Tỉnh Trà Vinh (đến 30/06/2025 → Tỉnh Vĩnh Long)"
    assert charts_pace.reporting_unit_name(row, Words.of("en")) == "Trà Vinh province (until 2025-06-30 → Vĩnh Long province)"


def test_the_indicator_page_sets_the_units_side_by_side(data, monkeypatch):
    from page_support import charts

    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update({"unit": "tieu-can", "year": "2022", "id": "health_insurance_coverage"})
    at.switch_page("pages/5_chi_tieu.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(s.value == "So sánh giữa các đơn vị, năm gần nhất của mỗi đơn vị" for s in at.subheader)
    drawn = [c for c in charts(at) if any("reporting_unit_name" in frame for frame in c["data"].values())]
    names = next(frame for frame in drawn[0]["data"].values() if "reporting_unit_name" in frame)["reporting_unit_name"].tolist()
    assert names == ["Tỉnh Mẫu Sơn · 2024", "Xã Tân Mẫu · 2025", "Huyện Tiểu Cần (đến 30/06/2025) · 2022"]


def test_a_wrong_level_or_end_date_is_named_with_its_row(data, tmp_path):
    folder = tmp_path / "data"
    for part in ("curated", "raw"):
        shutil.copytree(data / part, folder / part)
    units = folder / "curated" / "reporting_units.csv"
    units.write_text(units.read_text(encoding="utf-8") + "mau-son,Tỉnh Mẫu Sơn,Mẫu Sơn province,quan,,30/6/2025,\n",
                     encoding="utf-8")
    with pytest.raises(BuildError) as error:
        build(folder)
    assert any(p.file == "curated/reporting_units.csv" and p.row == 5 and "quan" in p.message
               for p in error.value.problems)
