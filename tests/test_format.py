"""lib.words.number_format: numbers as Vietnamese readers write them (1.234,5), and in English (1,234.5)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.pipeline.numbers import parse_number
from lib.words.number_format import VEGA_LOCALE_EN, VEGA_LOCALE_VI, number, percent, signed, with_unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1216000, "1.216.000"),
        (8839.9, "8.839,9"),
        (88.14, "88,14"),
        (366.674, "366,674"),  # three decimals, as the report writes tỷ đồng
        (74.51, "74,51"),
        (0.79, "0,79"),
        (100, "100"),
        (100.0, "100"),  # trailing zeros dropped
        (1000, "1.000"),
        (0, "0"),
        (-8.6, "−8,6"),  # a real minus sign
        (-1216000, "−1.216.000"),
        (-0.0001, "0"),  # rounds to zero: no minus
        (2413.0, "2.413"),
    ],
)
def test_number_vi(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1216000, "1,216,000"), (8839.9, "8,839.9"), (88.14, "88.14"), (366.674, "366.674"), (-8.6, "−8.6")],
)
def test_number_en(value, expected):
    assert number(value, "en") == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(16.0199, 2, "16,02"), (133.5, 0, "134"), (1216000.4, 0, "1.216.000"), (74.51, 1, "74,5")],
)
def test_number_decimals(value, decimals, expected):
    assert number(value, decimals=decimals) == expected


@pytest.mark.parametrize("value", [None, float("nan")])
def test_missing_values_show_a_dash(value):
    assert number(value) == "–"
    assert signed(value) == "–"
    assert with_unit(value, "%") == "–"
    assert with_unit(value, "tỷ đồng", "en", unit_of_measure_en="billion VND") == "–"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (-8.6, "vi", "−8,6"),
        (3.11, "vi", "+3,11"),
        (112.96, "vi", "+112,96"),
        (0, "vi", "0"),
        (-0.0001, "vi", "0"),  # no sign on a zero
        (6.84, "en", "+6.84"),
        (-1216000, "en", "−1,216,000"),
    ],
)
def test_signed(value, lang, expected):
    assert signed(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "unit", "lang", "unit_of_measure_en", "expected"),
    [
        (88.14, "%", "vi", None, "88,14%"),
        (8839.9, "tỷ đồng", "vi", None, "8.839,9 tỷ đồng"),
        (1216000, "con", "vi", "head", "1.216.000 con"),
        (74.51, "triệu đồng", "en", "million VND", "74.51 million VND"),
        (8839.9, "tỷ đồng", "en", "billion VND", "8,839.9 billion VND"),
        (88.14, "%", "en", "%", "88.14%"),
        (12, None, "vi", None, "12"),
        # a missing unit as pandas gives it: no "nan" after the number
        (12, float("nan"), "vi", None, "12"),
        (74.51, "triệu đồng", "en", float("nan"), "74.51 triệu đồng"),
    ],
)
def test_with_unit(value, unit, lang, unit_of_measure_en, expected):
    assert with_unit(value, unit, lang, unit_of_measure_en=unit_of_measure_en) == expected


def test_percent():
    assert percent(102.744) == "102,74%"
    assert percent(93.34, "en") == "93.34%"


def test_vega_locales_match_the_python_formatting():
    assert (VEGA_LOCALE_VI["decimal"], VEGA_LOCALE_VI["thousands"]) == (",", ".")
    assert (VEGA_LOCALE_EN["decimal"], VEGA_LOCALE_EN["thousands"]) == (".", ",")


@given(st.integers(min_value=0, max_value=10**12))
def test_vietnamese_formatting_reads_back_as_the_same_number(thousandths):
    """What the app writes, the report's parser reads back: number() and parse_number() agree."""
    value = thousandths / 1000
    assert parse_number(number(value)) == value


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_signed_shows_the_sign_of_every_visible_change(value):
    text = signed(value, decimals=2)
    if round(abs(value), 2) == 0:
        assert text[0].isdigit()
    else:
        assert text[0] == ("+" if value > 0 else "−")
        assert math.isclose(parse_number(text[1:]), round(abs(value), 2), rel_tol=1e-12, abs_tol=1e-9)
