"""Where each figure came from (issue 26): a report published by approval names its file, who
prepared it, who approved it and when, in every later snapshot that carries it; one published
directly says so. The function, then the indicator page."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.serving import copy_data
from lib.data.db import Database
from lib.data.queries import reports
from lib.data.snapshot import Snapshot, inspect
from lib.offices import drafts, figure_sources
from lib.offices.accounts import DUYET, NHAP_LIEU, Account, ReportingUnitTree
from lib.pipeline import publish
from lib.words.vntext import literal
from lib.words.words import ENGLISH, VIETNAMESE
from tests.test_offices_drafts import second_unit
from tests.test_publish import reviewed_draft

REPO = Path(__file__).resolve().parent.parent
TREE = ReportingUnitTree({"mau": "tinh-mau", "mau-hai": "tinh-mau", "tinh-mau": None})
LAN = Account("lan", NHAP_LIEU, ("mau",))
HOA = Account("hoa", DUYET, ("tinh-mau",))


@pytest.fixture
def approved(tmp_path, monkeypatch):
    """A copy of data/ where lan's report of "mau" was approved by hoa: (data folder, its snapshot)."""
    monkeypatch.setenv("CHITIEU_STATE_DIR", str(tmp_path / "state"))
    data = tmp_path / "data"
    copy_data(data)
    record = drafts.save(reviewed_draft(data), LAN, tree=TREE)
    return data, drafts.approve(data, record.draft_id, HOA, tree=TREE)


def sources_of(snapshot: Path) -> dict[str, figure_sources.ReportSource]:
    served = inspect(snapshot)
    assert isinstance(served, Snapshot), served
    return figure_sources.report_sources(snapshot, reports(Database(served)))


def test_an_approved_report_keeps_its_approval_in_later_snapshots(approved):
    data, by_approval = approved
    sidecar = drafts.provenance(by_approval)
    found = sources_of(by_approval)
    mau, tieu_can = found["mau-2024"], found["tieu-can-2022"]
    assert (mau.raw_file, mau.prepared_by, mau.approved_by) == ("raw/mau-2024.txt", "lan", "hoa")
    assert (mau.approved_at, mau.snapshot) == (sidecar["approved_at"], by_approval.name) and mau.approved
    assert tieu_can.raw_file == "raw/tieu-can-2022-report.txt" and not tieu_can.approved
    # Another unit's report published directly: the next snapshot carries both, each with its own story.
    later = publish.publish(data, second_unit(reviewed_draft(data)))
    found = sources_of(later)
    assert found["mau-2024"].approved_by == "hoa" and found["mau-2024"].snapshot == by_approval.name
    assert found["mau-hai-2024"].raw_file == "raw/mau-hai-2024.txt" and not found["mau-hai-2024"].approved
    # A snapshot older than the approval does not borrow it.
    older = sorted(p for p in (data / "snapshots").iterdir() if p.is_dir() and p.name < by_approval.name)[-1]
    assert not sources_of(older)["tieu-can-2022"].approved and "mau-2024" not in sources_of(older)


def indicator_page(**params) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.switch_page("pages/5_chi_tieu.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_indicator_page_names_the_approver_of_a_figure(approved, monkeypatch):
    data, by_approval = approved
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(data))
    at = indicator_page(id="production_value", unit="mau")
    assert not at.exception
    when = VIETNAMESE.local_time(drafts.provenance(by_approval)["approved_at"])
    expected = VIETNAMESE.text("provenance_line", report=literal("mau-2024"), file=literal("raw/mau-2024.txt"),
                               how=VIETNAMESE.text("provenance_approved", approver="hoa", preparer="lan", date=when))
    assert expected in [m.value for m in at.markdown], [m.value for m in at.markdown]
    assert VIETNAMESE.text("provenance_direct") not in " ".join(m.value for m in at.markdown)
    assert set(at.dataframe[0].value[VIETNAMESE.text("col_report")]) == {"mau-2024"}


@pytest.mark.parametrize("words", [VIETNAMESE, ENGLISH])
def test_the_shipped_data_says_it_was_published_directly(words, monkeypatch):
    monkeypatch.delenv("CHITIEU_DATA_DIR", raising=False)
    at = indicator_page(id="health_insurance_coverage", lang=words.lang)
    assert not at.exception
    lines = [m.value for m in at.markdown if words.text("provenance_direct") in m.value]
    assert lines and all(literal("tieu-can-2022") in line and literal("raw/tieu-can-2022-report.txt") in line
                     for line in lines)
    assert set(at.dataframe[0].value[words.text("col_report")]) == {"tieu-can-2022"}
