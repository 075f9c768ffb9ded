"""The light pages show the home unit, by the app's own rule (lib.data.snapshot.home_reporting_unit), not the
newest report; a data folder that cannot be written leaves the leader's page without them, no error."""
import errno

from lib.data.db import Database
from lib.data.snapshot import home_reporting_unit, latest_snapshot
from lib.export import light_page
from lib.pipeline import publish
from lib.words.words import Words
from tests.test_publish import data, reviewed_draft  # noqa: F401  (the fixture)

ADDRESSES = {"overview": "", "economy": "kinh_te"}


def test_after_another_units_newer_report_the_light_pages_stay_on_the_home_unit(data, monkeypatch):  # noqa: F811
    monkeypatch.delenv("CHITIEU_HOME_UNIT", raising=False)
    publish.publish(data, reviewed_draft(data))  # Huyện Mẫu, results 2024: newer than Tiểu Cần 2022
    db = Database(latest_snapshot(data / "snapshots"))
    assert light_page.home_scope(db).reporting_unit == "tieu-can"
    folder = light_page.write_light_pages(data, ADDRESSES)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "Tiểu Cần" in index and "Huyện Mẫu" not in index
    monkeypatch.setenv("CHITIEU_HOME_UNIT", "mau")
    assert home_reporting_unit(["mau", "tieu-can"]) == "mau"
    assert "Huyện Mẫu" in light_page.light_page_html(db, light_page.home_scope(db), "overview", ADDRESSES, Words.of("vi"))


def test_a_read_only_data_folder_skips_the_light_pages_without_an_error(data, monkeypatch):  # noqa: F811
    def read_only(path, content):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(light_page, "write_atomically", read_only)
    assert light_page.ensure_light_pages(data, ADDRESSES) is None
