"""A choice the check would refuse is never offered: a figure repeated in the headline and the body is
proposed as a repeat (X), and an indicator another ticked row holds for the same kind, year and period
gives way to the next suggestion."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers import text
from staff_support import copied_data, staff_page_with

from lib.web.staff_choices import held_elsewhere, repeat_of
from lib.web.staff_review import FOCUS, LATEST

REPEATED = ("Xã Hòa Bình: thu ngân sách nhà nước trên địa bàn đạt 14,2 tỷ đồng\n\n"
            "Năm 2025, kinh tế xã Hòa Bình tiếp tục phát triển. Thu ngân sách nhà nước trên địa bàn xã đạt "
            "14,2 tỷ đồng, đạt 118% dự toán. Tỷ lệ hộ nghèo giảm còn 1,2%.\n").encode()


def rows(**changes) -> pd.DataFrame:
    base = pd.DataFrame({"indicator_id": ["state_budget_revenue", "", "state_budget_revenue"],
                         "accept": [True, False, False], "kind": ["actual"] * 3, "year": [2025] * 3,
                         "period": ["year"] * 3, "as_of": ["2025-12-31"] * 3, "value": [14.2, 14.2, 15.0]})
    return base.assign(**changes)


def test_what_other_ticked_rows_hold_for_the_same_kind_year_and_period():
    assert held_elsewhere(rows(), 1) == {"state_budget_revenue": (0, 14.2)}
    assert held_elsewhere(rows(accept=[False, False, False]), 1) == {}, "an unticked row holds nothing"
    assert held_elsewhere(rows(period=["m6", "year", "year"]), 1) == {}, "another period is another fact"
    assert held_elsewhere(rows(), 0) == {}, "row 2 is not ticked"


def test_a_repeat_is_the_same_value_on_the_first_suggestion():
    held = held_elsewhere(rows(), 1)
    assert repeat_of(rows().loc[1], ["state_budget_revenue", "budget_revenue_total"], held) == 0
    assert repeat_of(rows().loc[2], ["state_budget_revenue"], held_elsewhere(rows(), 2)) is None, "another value"
    assert repeat_of(rows().loc[1], ["budget_revenue_total", "state_budget_revenue"], held) is None


@pytest.fixture
def data(tmp_path, monkeypatch):
    return copied_data(tmp_path, monkeypatch)


def test_the_headlines_figure_said_again_in_the_body_is_offered_only_as_not_an_indicator(data, monkeypatch):
    at = staff_page_with("xa-hoa-binh-2025.txt", REPEATED, monkeypatch, query={})
    assert not at.exception
    read = at.session_state[LATEST]
    twice = read[read["number"] == "14,2"]
    assert len(twice) == 2
    held = twice[twice["accept"].astype(bool) & (twice["indicator_id"] != "")]
    assert len(held) == 1, "one of the two is ticked with the revenue indicator"
    other = int(twice.index[twice.index != held.index[0]][0])
    at.selectbox(key=FOCUS).set_value(other).run()
    repeat = text("staff_row_repeat", "vi", row=int(held.index[0]))
    assert any(w.value == repeat for w in at.warning)
    keys = {b.key for b in at.button}
    assert "staff_choice_none" in keys and not keys & {"staff_choice_1", "staff_choice_new"}


def test_an_amount_is_never_offered_a_rate_but_a_share_of_plan_takes_any_indicator():
    from pathlib import Path

    from lib.pipeline.ingest import load_catalogue
    from lib.web.staff_choices import measured_alike
    catalogue = load_catalogue(Path(__file__).resolve().parent.parent / "data")
    amount = pd.Series({"kind": "actual", "unit_of_measure": "tỷ đồng"})
    assert not measured_alike(amount, "%", catalogue)
    assert measured_alike(amount, "tỷ đồng", catalogue) and measured_alike(amount, "triệu đồng", catalogue)
    share = pd.Series({"kind": "pct_of_target", "unit_of_measure": "%"})
    assert measured_alike(share, "tỷ đồng", catalogue)
