"""Many readers without browsers (bench/protocol.py): websocket clients speaking Streamlit's own
protobuf messages each tap statuses on their domain page and must get exactly their own answer.
A short run here; `make bench` runs 100 sessions for two minutes."""
from __future__ import annotations

import os

from bench import protocol


def test_protocol_sessions_each_get_their_own_answer():
    seconds = float(os.environ.get("CHITIEU_PROTOCOL_SECONDS", 8))
    results = protocol.run(sessions=20, seconds=seconds)
    assert results["changes"] >= 20
    assert not results["errors"], results["errors"][:5]
    assert not results["wrong"], results["wrong"][:5]
    assert results["memory"] and max(results["memory"]) < 1000


def test_the_expected_line_is_the_pages_own_sentence():
    line = protocol.in_view_line("economy", ("met", "exceeded"), 7)
    assert line.startswith("Đang xem: ") and line.endswith("— 7 chỉ tiêu.")
