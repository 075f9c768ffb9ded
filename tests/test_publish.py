"""A report never loaded before goes from file to published snapshot without touching code."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.serving import copy_data
from lib.data.db import Database
from lib.data.queries import Scope, indicator_table, reports
from lib.data.snapshot import latest_snapshot, scan
from lib.pipeline import ingest, publish
from lib.pipeline.problems import BuildError
from lib.web.staff_access import LIMITER, hash_password, lock_key

REPO = Path(__file__).resolve().parent.parent
NEW_REPORT = REPO / "tests" / "fixtures" / "ingest" / "bao-cao-mau-2024.txt"
META = {"report_id": "mau-2024", "reporting_unit": "mau", "reporting_unit_name_vi": "Huyện Mẫu", "reporting_unit_name_en": "Mẫu district",
        "results_year": 2024, "targets_year": 2025}


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    copy_data(folder)
    return folder


# The staff member ticks the sure rows and confirms the revenue rows, which "tổng thu ngân sách trên địa
# bàn" leaves unsure (total revenue or the state's revenue on the territory).
CONFIRMED = {"budget_revenue_total"}


def reviewed_draft(data_dir: Path, accept=lambda row: row.indicator_id != "" and (
        row.confidence >= 0.7 or row.indicator_id in CONFIRMED)):
    text = ingest.read_report(NEW_REPORT)
    candidates = ingest.extract(text, ingest.load_catalogue(data_dir))
    candidates.insert(0, "accept", [accept(row) for row in candidates.itertuples()])
    return publish.draft_from_review(text, "mau-2024.txt", NEW_REPORT.read_bytes(), META, candidates,
                                     ingest.skipped_numbers(text))


def test_a_reviewed_report_is_published_as_a_new_unit(data):
    before = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    draft = reviewed_draft(data)
    assert publish.check(data, draft) == []
    snapshot = publish.publish(data, draft)
    assert snapshot.name not in before
    assert before <= {s.snapshot_id for s in scan(data / "snapshots")[0]}, "earlier snapshots are kept"
    db = Database(latest_snapshot(data / "snapshots"))
    assert set(reports(db)["reporting_unit"]) == {"tieu-can", "mau"}
    rows = indicator_table(db, Scope("mau", 2024, 2025)).set_index("indicator_id")
    assert rows.loc["production_value", "actual"] == pytest.approx(9512.3)
    assert rows.loc["budget_revenue_total", "actual"] == pytest.approx(218.477)  # 218 tỷ 477 triệu đồng
    assert rows.loc["budget_revenue_total", "yoy_change_pct"] == pytest.approx(4.0)  # bằng 104% so với cùng kỳ
    assert rows.loc["poultry_flock", "actual"] == 1031200  # 1.031.200con
    target = db.query("SELECT value, value_high FROM observations WHERE reporting_unit = 'mau' "
                      "AND indicator_id = 'income_per_capita' AND kind = 'target' AND year = 2024")
    assert (target.value.iloc[0], target.value_high.iloc[0]) == (55.0, 56.0)  # KH 55-56 triệu đồng
    # The district's own figures are unchanged.
    tieu_can = indicator_table(db, Scope("tieu-can", 2022, 2023)).set_index("indicator_id")
    assert tieu_can.loc["health_insurance_coverage", "actual"] == pytest.approx(88.14)


def test_a_failed_publish_leaves_data_as_it_was(data, monkeypatch):
    watched = [data / "raw" / "SHA256SUMS", data / "curated" / "indicators.csv"]
    before = {path: path.read_bytes() for path in watched}
    snapshots_before = sorted(p.name for p in (data / "snapshots").iterdir())
    real_build = publish.build
    calls = []

    def build_that_fails_for_real(folder, *args, **kwargs):
        calls.append(folder)
        if Path(folder) == data:
            raise OSError("disk full")
        return real_build(folder, *args, **kwargs)

    monkeypatch.setattr(publish, "build", build_that_fails_for_real)
    draft = reviewed_draft(data)
    draft.new_indicators.append({"indicator_id": "pig_herd", "domain": "economy", "group": "agriculture",
                                 "name_vi": "Đàn heo", "name_en": "Pig herd", "unit_of_measure": "con",
                                 "direction": "higher", "measure": "level"})
    with pytest.raises(BuildError) as refused:  # the OSError, in words for the staff page
        publish.publish(data, draft)
    assert "disk full" in str(refused.value.problems[0])
    assert len(calls) == 2, "checked in a scratch copy first, then built for real"
    assert {path: path.read_bytes() for path in watched} == before
    assert not (data / "curated" / "reports" / "mau-2024").exists()
    assert not (data / "raw" / "mau-2024.txt").exists()
    assert sorted(p.name for p in (data / "snapshots").iterdir()) == snapshots_before


def test_a_wrong_row_is_named_and_nothing_is_published(data):
    draft = reviewed_draft(data)
    first = draft.observations.index[0]
    draft.observations.loc[first, "kind"] = "yoy_change_pct"  # "9.512,3 tỷ đồng" is no change on last year
    problems = publish.check(data, draft)
    assert problems and any(p.row == 2 for p in problems)
    with pytest.raises(BuildError):
        publish.publish(data, draft)
    assert not (data / "curated" / "reports" / "mau-2024").exists()


def test_the_same_report_id_cannot_be_published_twice(data):
    publish.publish(data, reviewed_draft(data))
    problems = publish.check(data, reviewed_draft(data))
    assert any("đã có" in p.message for p in problems)


def test_unchosen_numbers_are_recorded_with_a_reason(data):
    draft = reviewed_draft(data, accept=lambda row: row.indicator_id == "production_value")
    assert set(draft.observations.indicator_id) == {"production_value"}
    reasons = set(draft.ignored.reason)
    assert publish.NOT_CHOSEN in reasons
    assert len(reasons) > 1, "years and dates keep the extractor's own reason"
    assert publish.check(data, draft) == []


def staff_page(secret: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    if secret:
        at.secrets["staff_password_hash"] = secret
    at.switch_page("pages/7_nhap_bao_cao.py")
    return at


def test_without_a_secret_the_page_explains_how_to_set_one():
    at = staff_page().run()
    assert not at.exception
    assert any("chưa được cấu hình mật khẩu" in w.value for w in at.warning)
    assert any("make staff-password" in c.value for c in at.code)
    assert not at.get("file_uploader")


def test_the_staff_door_opens_only_with_the_password():
    LIMITER.succeeded(lock_key("local"))
    at = staff_page(hash_password("mat-khau-van-phong-2024")).run()
    assert not at.get("file_uploader")
    at.text_input[0].input("sai-mat-khau")
    at.button[0].click().run()
    assert any("Sai mật khẩu" in e.value for e in at.error)
    assert not at.get("file_uploader")
    at.text_input[0].input("mat-khau-van-phong-2024")
    at.button[0].click().run()
    assert not at.exception
    assert at.get("file_uploader"), "signed in: the upload appears"
    LIMITER.succeeded(lock_key("local"))


def test_repeated_wrong_passwords_lock_the_door_until_the_countdown_ends(monkeypatch):
    LIMITER.succeeded(lock_key("local"))
    at = staff_page(hash_password("mat-khau-van-phong-2024")).run()
    for _ in range(3):
        at.text_input[0].input("sai")
        at.button[0].click().run()
    assert any("Thử lại sau" in e.value for e in at.error)
    assert at.button[0].disabled, "locked: even the right password waits"
    assert not at.get("file_uploader")
    wait = LIMITER.wait_seconds(lock_key("local"))
    now = LIMITER._clock()
    monkeypatch.setattr(LIMITER, "_clock", lambda: now + wait + 0.1)
    at.run()  # what the countdown's own rerun does at zero
    assert not at.button[0].disabled and not any("Thử lại sau" in e.value for e in at.error)
    at.text_input[0].input("mat-khau-van-phong-2024")
    at.button[0].click().run()
    assert at.get("file_uploader"), "the lock lifted by itself"
    LIMITER.succeeded(lock_key("local"))


def test_a_broken_secrets_file_is_told_from_a_missing_password(tmp_path):
    from streamlit import config
    broken = tmp_path / "secrets.toml"
    broken.write_text('staff_password_hash = "a"\nstaff_password_hash = "b"\n', encoding="utf-8")
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    try:
        at = staff_page().run()
    finally:
        config.set_option("secrets.files", before)
    assert not at.exception and not at.warning
    assert any(str(broken) in e.value and "line 2" in e.value for e in at.error)
    assert any("make staff-password" in c.value for c in at.code)


def test_a_leader_picks_the_new_unit_in_the_sidebar_menu(data, monkeypatch):
    """With a second unit the sidebar offers one menu, named after the unit and year shown, whose
    selectors are drawn only while it is open; the unit picked stays picked once it is closed."""
    publish.publish(data, reviewed_draft(data))
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    menu = [p.proto.popover.label for p in at.get("popover") if p.proto.popover.label.startswith("Huyện")]
    assert len(menu) == 1 and not at.selectbox
    at.session_state["scope_menu"] = True
    at.run()
    box = at.selectbox(key="w_unit_vi")
    assert set(box.options) == {"Huyện Mẫu", "Huyện Tiểu Cần"}
    box.set_value("mau").run()
    assert "Huyện Mẫu" in at.title[0].value and at.query_params.get("unit") == "mau"
    at.session_state["scope_menu"] = False
    at.run()
    assert not at.selectbox
    assert "Huyện Mẫu" in at.title[0].value and at.query_params.get("unit") == "mau"
    assert [p.proto.popover.label for p in at.get("popover") if p.proto.popover.label.startswith("Huyện")] == \
        ["Huyện Mẫu"]
