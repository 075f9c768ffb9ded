"""The number parser (lib.pipeline.numbers) and text helpers (lib.words.vntext) on every notation of the report.

Expected values are the report's own numbers, read the way product.md's notation table says.
"""
from __future__ import annotations

import unicodedata

import pytest

from lib.pipeline.numbers import (
    NumberFormatError,
    locate,
    parse_amount,
    parse_number,
    parse_range,
    parse_ratio,
    read_value,
)
from lib.words.vntext import fold, nfc, numeric_tokens


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- parse_number ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.216.000", 1216000),  # "." groups thousands
        ("5,36", 5.36),  # "," is the decimal mark
        ("74,510", 74.51),  # a decimal, not 74 510
        ("1,081 tỷ đồng", 1.081),  # a decimal of tỷ, not 1081
        ("3.171,98", 3171.98),  # both marks
        ("167.483,37", 167483.37),
        ("08", 8),  # zero-padded count
        ("100", 100),
        ("1.031.200con", 1031200),  # glued unit
        ("101,7%KH", 101.7),  # glued percent and plan
        ("(NQ12%)", 12),  # resolution target in brackets
        ("đạt 93,34% kế hoạch", 93.34),
        ("giảm 8,6 % so cùng kỳ", 8.6),  # magnitude only: the sign is read_value's job
        ("11.977,5m2", 11977.5),
    ],
)
def test_parse_number_reads_vietnamese_notation(text, expected):
    assert parse_number(text) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("text", ["1.1", "0.5", "12.34", "1.21.000", "1.2345"])
def test_parse_number_rejects_english_or_broken_grouping(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


@pytest.mark.parametrize("text", ["", "không có số", "tỷ đồng"])
def test_parse_number_without_digits_raises(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


# --- ratios, ranges, amounts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("41/40 doanh nghiệp", (41, 40)),  # actual / plan
        ("3.171,98/3.081,5 ha", (3171.98, 3081.5)),
        ("22/45 trường", (22, 45)),  # count / total
        ("69/69 ấp", (69, 69)),
        ("19 vụ/18 lượt đối tượng", (19, 18)),  # two counts of one event
    ],
)
def test_parse_ratio(text, expected):
    assert parse_ratio(text) == pytest.approx(expected)


def test_parse_ratio_without_slash_raises():
    with pytest.raises(NumberFormatError):
        parse_ratio("41 doanh nghiệp")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KH 55-56 triệu đồng", (55, 56)),
        ("KH tăng 8-9%", (8, 9)),
        ("KH 55 – 56 triệu đồng", (55, 56)),  # en dash with spaces
        ("KH 3.000-3.500 lao động", (3000, 3500)),
        ("KH 82 triệu đồng", (82, 82)),  # a single value is a range of one
    ],
)
def test_parse_range(text, expected):
    assert parse_range(text) == pytest.approx(expected)


def test_parse_range_with_low_above_high_raises():
    with pytest.raises(NumberFormatError):
        parse_range("KH 9-8%")


@pytest.mark.parametrize(
    ("text", "scale", "expected"),
    [
        ("218 tỷ 477 triệu đồng", 1e9, 218.477),  # in tỷ đồng
        ("218 tỷ 477 triệu đồng", 1e6, 218477),  # in triệu đồng
        ("1,081 tỷ đồng", 1e9, 1.081),
        ("1,081 tỷ đồng", 1e6, 1081),
        ("939,52 triệu đồng", 1e9, 0.93952),
        ("186.000.000 đồng", 1e6, 186),
        ("5 vạn", 1.0, 50000),
    ],
)
def test_parse_amount_adds_mixed_magnitudes(text, scale, expected):
    assert parse_amount(text, scale) == pytest.approx(expected, rel=1e-12)


# --- read_value: the words decide the sign and the reading ---------------------------------------


@pytest.mark.parametrize(
    ("quote", "number", "kind", "measure", "expected", "cue"),
    [
        ("giảm 8,6 % so cùng kỳ", "8,6", "yoy_change_pct", "flow", -8.6, "giảm"),
        ("(giảm 12,80% so cùng kỳ)", "12,80", "yoy_change_pct", "flow", -12.8, "giảm"),
        ("tăng 3,11%", "3,11", "yoy_change_pct", "flow", 3.11, "tăng"),
        ("(tăng 112,96% cùng kỳ)", "112,96", "yoy_change_pct", "flow", 112.96, "tăng"),
        ("bằng 104% so với cùng kỳ", "104", "yoy_change_pct", "flow", 4.0, "bằng"),
        ("bằng 95% so với cùng kỳ", "95", "yoy_change_pct", "flow", -5.0, "bằng"),
        ("đạt 93,34% kế hoạch", "93,34", "pct_of_target", "flow", 93.34, None),
        ("đạt 102,5% so nghị quyết", "102,5", "pct_of_target", "flow", 102.5, None),
        ("đạt 146,36% chỉ tiêu", "146,36", "pct_of_target", "flow", 146.36, None),
        ("đạt 112,08% dự toán", "112,08", "pct_of_target", "flow", 112.08, None),
        ("vượt 0,07% chỉ tiêu", "0,07", "pct_of_target", "rate", 100.07, "vượt"),
        ("vượt 20% so nghị quyết", "20", "pct_of_target", "flow", 120.0, "vượt"),
        ("Tốc độ tăng trưởng tăng 16,02% (NQ12%)", "12", "target", "rate", 12.0, None),
        ("Tốc độ tăng trưởng tăng 16,02% (NQ12%)", "16,02", "actual", "rate", 16.02, "tăng"),
        ("Giảm tỷ lệ hộ nghèo 0,19%", "0,19", "target", "change", -0.19, "giảm"),
        ("đàn gia cầm 1.216.000 con", "1.216.000", "actual", "level", 1216000, None),
        ("thu nhập bình quân đầu người 74,510 triệu đồng", "74,510", "actual", "rate", 74.51, None),
        ("Ứơc thiệt khoảng 1,081 tỷ đồng", "1,081", "actual", "flow", 1.081, None),
    ],
)
def test_read_value_sign_and_scale(quote, number, kind, measure, expected, cue):
    reading = read_value(quote, number, 1, kind, measure)
    assert reading.value == pytest.approx(expected, abs=1e-9)
    assert reading.cue == cue
    assert reading.written == number
    assert quote[reading.start:reading.end] == number


def test_giam_before_one_number_does_not_flip_the_next():
    quote = "đạt 93,34% kế hoạch, (giảm 8,6 % so cùng kỳ), tăng 3,11%"
    assert read_value(quote, "8,6", 1, "yoy_change_pct", "flow").value == pytest.approx(-8.6)
    assert read_value(quote, "3,11", 1, "yoy_change_pct", "flow").value == pytest.approx(3.11)
    assert read_value(quote, "93,34", 1, "pct_of_target", "flow").value == pytest.approx(93.34)


@pytest.mark.parametrize("form", [nfc, nfd], ids=["nfc", "nfd"])
def test_giam_sat_is_not_giam(form):
    """A real bug: "giám sát 33" (inspected 33) was read as "giảm 33" once accents were folded."""
    quote = form("giám sát 33 tổ chức đảng và 40 đảng viên")
    reading = read_value(quote, "33", 1, "actual", "flow")
    assert reading.value == 33
    assert reading.cue is None
    # "giảm" before a non-change number is refused; "giám sát" must not be.
    assert read_value(quote, "40", 1, "actual", "flow").value == 40


@pytest.mark.parametrize("form", [nfc, nfd], ids=["nfc", "nfd"])
def test_giam_is_found_in_decomposed_text(form):
    assert read_value(form("giảm 8,6 % so cùng kỳ"), "8,6", 1, "yoy_change_pct", "flow").value == pytest.approx(-8.6)


@pytest.mark.parametrize("measure", ["level", "flow", "rate"])
def test_giam_before_a_number_of_a_non_change_indicator_raises(measure):
    with pytest.raises(NumberFormatError, match="change"):
        read_value("Giảm tỷ lệ hộ nghèo 0,19%", "0,19", 1, "target", measure)


@pytest.mark.parametrize("quote", ["đạt 8,6 % so cùng kỳ", "8,6 % so cùng kỳ"])
def test_year_on_year_change_without_direction_word_raises(quote):
    with pytest.raises(NumberFormatError):
        read_value(quote, "8,6", 1, "yoy_change_pct", "flow")


def test_occurrence_selects_the_nth_number_written_that_way():
    quote = "bắt quả tang 08 vụ/08 đối tượng mua bán"
    first = read_value(quote, "08", 1, "actual", "flow")
    second = read_value(quote, "08", 2, "actual", "flow")
    assert (first.start, second.start) == (quote.index("08 vụ"), quote.index("08 đối"))
    assert first.value == second.value == 8
    assert quote[second.start:].startswith("08 đối tượng")


@pytest.mark.parametrize(("number", "occurrence"), [("08", 3), ("08", 0), ("8", 1), ("09", 1)])
def test_number_not_in_quote_at_that_occurrence_raises(number, occurrence):
    with pytest.raises(NumberFormatError):
        read_value("bắt quả tang 08 vụ/08 đối tượng mua bán", number, occurrence, "actual", "flow")


def test_locate_matches_whole_tokens_only():
    # "16" is inside "16,02" and "16/12/2022": neither is the number 16.
    assert locate("tăng 16,02% đến ngày 16/12/2022", "16", 1).start == len("tăng 16,02% đến ngày ")
    assert locate("tăng 16,02%", "16", 1) is None


# --- lib.words.vntext ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng viên", "dang vien"),
        ("ĐẢNG VIÊN", "dang vien"),
        ("Bảo hiểm y tế", "bao hiem y te"),
        ("Tiểu Cần", "tieu can"),
        ("giám sát", "giam sat"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected
    assert fold(nfd(text)) == expected


def test_nfc_composes_decomposed_accents():
    assert nfd("Tiểu Cần") != "Tiểu Cần"
    assert nfc(nfd("Tiểu Cần")) == "Tiểu Cần"


def test_numeric_tokens_skip_unit_exponents_but_keep_glued_numbers():
    text = "diện tích 11.977,5m2, khối lượng 137.617m3 (NQ12%), 1.031.200con"
    tokens = numeric_tokens(text)
    assert [t.text for t in tokens] == ["11.977,5", "137.617", "12", "1.031.200"]
    for token in tokens:
        assert text[token.start:token.end] == token.text


def test_numeric_tokens_keep_a_2_or_3_not_after_m():
    assert [t.text for t in numeric_tokens("2 ha, 3 vụ, 22/45 trường")] == ["2", "3", "22", "45"]
