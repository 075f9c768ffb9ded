"""The staff walk measured in a real browser at 1366×768: a commune's 2025 year-end news text with
~30 figures (tests/fixtures/walk/xa-an-phu-2025.txt) from upload to published, counting every click,
key press, choice and box typed into. The count and what each step was are in docs/staff-walk.md.

With STAFF_WALK_REAL=1 the same walk runs on each text in tests/real/texts/ (git-ignored, never in CI),
deciding every row that needs a look by its first choice, else a new indicator, else "not an indicator",
and prints the count per report."""
from __future__ import annotations

import os
import re

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, REPO, WAIT_MS, staff_server, wait_idle

from lib.data.snapshot import scan

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

PASSWORD = "mat-khau-cua-van-phong"
WALK = REPO / "tests" / "fixtures" / "walk" / "xa-an-phu-2025.txt"
REAL = REPO / "tests" / "real" / "texts"
SHOTS = REPO / "artifacts" / "screenshots"
# What the staff member decides on each row that needs a look, by the number as written.
DECISIONS = {"72": "x", "37": "x", "6.820": "1", "83,3": "n", "94,2": "1", "5": "1", "6": "1",  # keys as a person types them
             "8,5": "1", "14": "1", "16": "1"}  # "hoàn thành và vượt 14/16 chỉ tiêu": the report's own count


@pytest.fixture
def running(tmp_path):
    with staff_server(tmp_path, PASSWORD) as served:
        yield served


class Actions:
    """Every action counts one: a click, a choice, a key press, a box typed into, a file given."""

    def __init__(self, page):
        self.page, self.count, self.log = page, 0, []

    def _did(self, what: str) -> None:
        self.count += 1
        self.log.append(what)
        wait_idle(self.page)

    def click(self, locator, what: str) -> None:
        locator.click()
        self._did(f"click {what}")

    def key(self, key: str, what: str) -> None:
        self.page.keyboard.press(key)
        self._did(f"key {key} {what}")

    def type_into(self, locator, value: str, what: str) -> None:
        locator.fill(value)
        self._did(f"type {what}")

    def upload(self, path) -> None:
        self.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        self.page.get_by_role("button", name="Kiểm tra").wait_for(timeout=WAIT_MS)
        self._did("upload the report")


def focused_number(page) -> str:
    """The number of the row in focus, from the row picker ("12 · 94,2 · …")."""
    return page.get_by_label("Dòng đang xem").input_value().split(" · ")[1]


def rows_left(page) -> int:
    found = re.search(r"Còn (\d+) dòng cần xem", page.locator("body").inner_text())
    return int(found.group(1)) if found else 0


def walk(page, server, report, reporting_unit_name: str, decide, shots: str | None = None) -> Actions:
    you = Actions(page)
    page.goto(f"{server['url']}/nhap_bao_cao", timeout=WAIT_MS)
    wait_idle(page)
    you.type_into(page.get_by_label("Mật khẩu văn phòng"), PASSWORD, "the password")
    you.click(page.get_by_role("button", name="Vào"), "Vào")
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=WAIT_MS)
    you.upload(report)
    name = page.get_by_label("Tên đơn vị", exact=True)
    if not name.input_value():
        you.type_into(name, reporting_unit_name, "the unit's name")
        you.key("Enter", "to confirm the name")
    if shots:
        page.get_by_text("Báo cáo này nói về").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{shots}-frame-1366x768.png"))
    confirm = page.locator(".st-key-staff_frame_confirmed label")
    if confirm.count():  # an unsure frame: the staff member reads the years and confirms them once
        you.click(confirm, "the frame's years are right")
        page.locator(".st-key-staff_frame_confirmed input:checked").wait_for(state="attached", timeout=WAIT_MS)
    # Keys act on the page, not inside a box: one click on the review's heading hands them over.
    you.click(page.get_by_role("heading", name="Duyệt số liệu đề xuất"), "the review's heading")
    if shots:
        page.get_by_label("Dòng đang xem").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{shots}-choices-1366x768.png"))
    if shots:  # J/K move between rows, as the panel says: one look at the next row and back
        first = focused_number(page)
        you.key("j", "next row")
        assert focused_number(page) != first
        you.key("k", "back")
        assert focused_number(page) == first
    guard = 200
    while rows_left(page) and guard:
        guard -= 1
        number, left = focused_number(page), rows_left(page)
        you.key(decide(page, number), f"on the row of {number}")
        for _ in range(50):  # the decision's rerun has landed when one row fewer is left
            if rows_left(page) < left:
                break
            page.wait_for_timeout(100)
    you.click(page.get_by_role("button", name="Kiểm tra"), "Kiểm tra")
    if shots:
        page.screenshot(path=str(SHOTS / f"{shots}-checked-1366x768.png"), full_page=False)
    return you


def test_a_commune_news_report_is_published_in_at_most_forty_actions(running):
    server, data = running
    before = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        you = walk(page, server, WALK, "Xã An Phú", lambda page, number: DECISIONS[number], shots="staff-walk")
        page.get_by_text("Không có lỗi: có thể công bố.").wait_for(timeout=WAIT_MS)
        you.click(page.get_by_role("button", name="Công bố bản dữ liệu mới"), "Công bố")
        page.get_by_text("Đã công bố bản dữ liệu").wait_for(timeout=60_000)
        page.screenshot(path=str(SHOTS / "staff-walk-published-1366x768.png"))
        assert page.locator('[data-testid="stException"]').count() == 0
        browser.close()
    after = {s.snapshot_id for s in scan(data / "snapshots")[0]}
    assert before < after
    report = data / "curated" / "reports" / "an-phu-2025"
    observations = (report / "observations.csv").read_text(encoding="utf-8")
    assert "cultural_family_rate" in observations, "the common catalogue's indicator was published"
    ignored = (report / "ignored_numbers.csv").read_text(encoding="utf-8")
    assert "Không phải chỉ tiêu" in ignored
    print(f"\nthe walk took {you.count} actions:\n  " + "\n  ".join(you.log))
    assert you.count <= 40


def first_choice(page, number: str) -> str:
    """On a real report: the first suggestion, else a new indicator, else not an indicator."""
    if page.locator(".st-key-staff_choice_1").count():
        return "1"
    return "n" if page.locator(".st-key-staff_choice_new").count() else "x"


@pytest.mark.skipif(not os.environ.get("STAFF_WALK_REAL") or not REAL.is_dir(),
                    reason="real reports are git-ignored: STAFF_WALK_REAL=1 with tests/real/texts/")
@pytest.mark.parametrize("report", sorted(REAL.glob("*.txt")) if REAL.is_dir() else [], ids=lambda p: p.stem)
def test_the_walk_on_real_reports(running, report):
    server, _ = running
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        you = walk(page, server, report, "Đơn vị thử", first_choice)
        body = page.locator("body").inner_text()
        problems = re.search(r"(\d+) lỗi cần sửa", body)
        if problems and os.environ.get("STAFF_WALK_SHOW"):
            print(body[body.find("lỗi cần sửa") - 20:][:3000])
        to_check = you.count
        published = set_aside_until_clean(page, you) and publish_now(page, you)
        rows = re.search(r"(\d+) số mới", page.locator("body").inner_text())
        print(f"\nREAL {report.stem}: {to_check} actions to the first check "
              f"({problems.group(0) if problems else 'no problem'}); {you.count} actions to "
              f"{'published' if published else 'not published'}{', ' + rows.group(0) if rows else ''}")
        browser.close()


def set_aside_until_clean(page, you, rounds: int = 3) -> bool:
    """A staff member sets aside each row the check names ("Dòng N của bảng duyệt …"): the row picker,
    the row, "Không phải chỉ tiêu"; then checks again."""
    for _ in range(rounds):
        body = page.locator("body").inner_text()
        if "Không có lỗi: có thể công bố." in body:
            return True
        named = sorted({int(n) for n in re.findall(r"^\s*Dòng (\d+) của bảng duyệt", body, re.MULTILINE)})
        if not named:
            return False
        for number in named:
            picker = page.get_by_label("Dòng đang xem")
            you.click(picker, "the row picker")
            you.type_into(picker, f"{number} · ", f"row {number}'s number")  # the list shows a few rows at a time
            you.click(page.get_by_role("option", name=re.compile(rf"^{number} · ")), f"row {number}")
            you.click(page.locator(".st-key-staff_choice_none button"), "Không phải chỉ tiêu")
        you.click(page.get_by_role("button", name="Kiểm tra"), "Kiểm tra")
    return "Không có lỗi: có thể công bố." in page.locator("body").inner_text()


def publish_now(page, you) -> bool:
    you.click(page.get_by_role("button", name="Công bố bản dữ liệu mới"), "Công bố")
    page.get_by_text("Đã công bố bản dữ liệu").wait_for(timeout=60_000)
    return True
