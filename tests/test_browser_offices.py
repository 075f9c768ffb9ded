"""Two approvers in two browsers press "Duyệt và công bố" on two units' drafts at the same moment
(issue 26): both approvals land, one after the other, and the last snapshot holds both reports."""
from __future__ import annotations

import json
import re

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, staff_server, wait_idle

from lib.data.db import Database
from lib.data.queries import reports
from lib.data.snapshot import latest_snapshot
from lib.offices import drafts
from lib.offices.accounts import DUYET, NHAP_LIEU, Account, Accounts, ReportingUnitTree
from lib.words.words import VIETNAMESE
from tests.test_offices_drafts import second_unit
from tests.test_publish import reviewed_draft

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

TREE = ReportingUnitTree({"mau": None, "mau-hai": None})
PUBLISHED = VIETNAMESE.text("staff_published", snapshot="\0").split("\0")[0]  # "Đã công bố bản dữ liệu "
LISTED_PUBLISHED = re.compile(r"·\s*" + VIETNAMESE.text(f"draft_state_{drafts.DA_CONG_BO}") + r"\s*·")
APPROVERS = {"hoa": "mat-khau-cua-hoa", "thu": "mat-khau-cua-thu"}


def sign_in(context, url: str, name: str):
    page = context.new_page()
    page.goto(f"{url}/nhap_bao_cao", timeout=WAIT_MS)
    wait_idle(page)
    page.get_by_label(VIETNAMESE.text("staff_name"), exact=True).fill(name)
    page.get_by_label(VIETNAMESE.text("staff_password"), exact=True).fill(APPROVERS[name])
    page.get_by_role("button", name=VIETNAMESE.text("staff_enter")).click()
    page.get_by_role("button", name=VIETNAMESE.text("drafts_approve")).wait_for(timeout=WAIT_MS)
    wait_idle(page)
    return page


def _what_each_saw(pages, server, records) -> str:
    """When a page never says published: what each page shows, each draft's state and the server's log."""
    states = {r.draft_id: r.state for r in drafts.listing(Account("quan", DUYET, ("mau", "mau-hai")), TREE)}
    seen = [page.locator("section.main, [data-testid='stMain']").first.inner_text(timeout=5_000)[-1500:]
            for page in pages]
    log = server["log"].read_text(errors="replace")[-3000:]
    return (f"states {[states.get(r.draft_id) for r in records]}\n"
            + "\n---\n".join(seen) + f"\n--- server log ---\n{log}")


def test_two_approvers_in_two_browsers_approve_at_the_same_moment(tmp_path, monkeypatch):
    state = tmp_path / "state"
    monkeypatch.setenv("CHITIEU_STATE_DIR", str(state))
    Accounts().add("hoa", DUYET, ["mau"], APPROVERS["hoa"])
    Accounts().add("thu", DUYET, ["mau-hai"], APPROVERS["thu"])
    with staff_server(tmp_path, "mat-khau-chung-cu", {"CHITIEU_STATE_DIR": str(state)}) as (server, data):
        before = latest_snapshot(data / "snapshots")
        assert before is not None
        first = drafts.save(reviewed_draft(data), Account("lan", NHAP_LIEU, ("mau",)), tree=TREE)
        second = drafts.save(second_unit(reviewed_draft(data)), Account("minh", NHAP_LIEU, ("mau-hai",)), tree=TREE)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # Two contexts: two browsers' worth of cookies and sessions, each signed in as its own approver.
                pages = [sign_in(browser.new_context(), server["url"], name) for name in APPROVERS]
                for page, record in zip(pages, (first, second)):
                    assert page.locator(f".st-key-draft_ok_{record.draft_id}").count() == 1, "each sees its unit's draft"
                buttons = [page.locator(f".st-key-draft_ok_{record.draft_id} button")
                           for page, record in zip(pages, (first, second))]
                for button in buttons:  # both pressed before either is waited for
                    button.click()
                for page in pages:
                    # The message shows once; a run that follows it (a reconnect) leaves the draft's own line.
                    told = page.get_by_text(PUBLISHED).or_(page.get_by_text(LISTED_PUBLISHED))
                    try:
                        told.first.wait_for(timeout=4 * WAIT_MS)
                    except sync_api.TimeoutError:
                        raise AssertionError(_what_each_saw(pages, server, (first, second))) from None
                    wait_idle(page)
            finally:
                browser.close()
    records = {r.draft_id: r for r in drafts.listing(Account("quan", DUYET, ("mau", "mau-hai")), TREE)}
    landed = [records[first.draft_id], records[second.draft_id]]
    assert [r.state for r in landed] == [drafts.DA_CONG_BO] * 2
    assert [r.approved_by for r in landed] == ["hoa", "thu"]
    snapshots = {r.snapshot for r in landed}
    assert len(snapshots) == 2 and before.snapshot_id not in snapshots
    last = latest_snapshot(data / "snapshots")
    assert last is not None and last.snapshot_id in snapshots
    assert {"mau-2024", "mau-hai-2024", "tieu-can-2022"} <= set(reports(Database(last))["report_id"]), \
        "the later approval's snapshot keeps the earlier one's report"
    sidecars = [json.loads((data / "snapshots" / f"{name}{drafts.PROVENANCE}").read_text()) for name in snapshots]
    assert {(s["report_id"], s["approved_by"]) for s in sidecars} == {("mau-2024", "hoa"), ("mau-hai-2024", "thu")}
