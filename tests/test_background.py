"""Long work in a worker process (lib/web/background.py): the staff page reads a report there, so
the page's thread only waits and other readers keep their speed (measured in bench/long_work.py)."""
from __future__ import annotations

import os

from lib.web import background


def _pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def test_the_work_runs_in_another_process_and_its_answer_comes_back():
    pid, total = background.run(_pid_and_sum, [1, 2, 3])
    assert total == 6 and pid != os.getpid()
    assert background.run(_pid_and_sum, [4])[0] == pid, "one worker, kept for the next report"


def test_the_staff_page_reads_the_report_in_the_worker(tmp_path, monkeypatch):
    from staff_support import copied_data, staff_page_with

    copied_data(tmp_path, monkeypatch)
    calls = []
    real = background.run
    monkeypatch.setattr(background, "run", lambda function, *a, **k: calls.append(function.__name__) or real(function, *a, **k))
    text = "Năm 2025, xã Mẫu Sơn: tổng thu ngân sách 18,72 tỷ đồng, đạt 124,8% dự toán; 186.000 con gia cầm.\n"
    at = staff_page_with("bao-cao.txt", text.encode("utf-8"), monkeypatch)
    assert not at.exception and "extract" in calls, calls
