"""Read numbers the way Vietnamese reports write them.

`.` groups thousands and `,` is the decimal mark (1.216.000 and 5,36). The words before a number
say how to read it: "giảm 8,6 %" is −8,6; "vượt 20%" of a target is 120% of it, and so is "tăng 20% so
với kế hoạch"; "bằng 104% so với cùng kỳ" is an index, a change of +4%; "giảm còn 7,16%" is a level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lib.words.vntext import NUMBER_RE, NumberToken, fold, nfc, numeric_tokens

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
_RANGE = re.compile(r"(?P<low>\d+(?:[.,]\d+)*)\s*[-–]\s*(?P<high>\d+(?:[.,]\d+)*)")
# Magnitude words of money and counts; "218 tỷ 477 triệu đồng" adds its parts.
MAGNITUDES = {"ty": 1e9, "trieu": 1e6, "nghin": 1e3, "ngan": 1e3, "van": 1e4, "dong": 1.0}
_COMPOUND_PART = re.compile(r"(\d+(?:[.,]\d+)*)\s*(ty|trieu|nghin|ngan|van|dong)\b")

# Words that tell how the next number reads. Matched with their accents: "giám sát" is not "giảm".
_DIRECTION_WORDS = re.compile(r"\b(tăng|giảm|bằng|vượt|đạt)\b")
# "giảm còn 7,16%", "tăng lên 95%" state the level reached, not a change.
_LEVEL_PHRASE = re.compile(r"\b(?:giảm\s+(?:xuống\s+)?còn|giảm\s+xuống|tăng\s+lên)\b")
# "tăng 5,07% so với Nghị quyết": the change word right before a share of the plan.
_CHANGE_JUST_BEFORE = re.compile(r"\b(tăng|giảm)\s*(?:khoảng|gần|hơn|trên)?\s*$")


class NumberFormatError(ValueError):
    """A number that is not written in the report's notation."""


def parse_number(text: str) -> float:
    """1.216.000 → 1216000; 5,36 → 5.36; glued units are dropped: 1.031.200con, 101,7%KH, NQ12%."""
    match = NUMBER_RE.search(text)
    if match is None:
        raise NumberFormatError(f"không có số trong “{text}”")
    token = match.group()
    if _GROUPED.fullmatch(token):
        integer, _, decimals = token.partition(",")
        return float(integer.replace(".", "") + ("." + decimals if decimals else ""))
    if _PLAIN.fullmatch(token):
        return float(token.replace(",", "."))
    raise NumberFormatError(
        f"“{token}” không theo cách viết số Việt Nam (dấu chấm ngăn nghìn, dấu phẩy thập phân)"
    )


def parse_range(text: str) -> tuple[float, float]:
    """Target ranges such as "KH 55-56 triệu đồng" or "tăng 8-9%" → (low, high)."""
    match = _RANGE.search(text)
    if match is None:
        value = parse_number(text)
        return value, value
    low, high = parse_number(match["low"]), parse_number(match["high"])
    if low > high:
        raise NumberFormatError(f"khoảng “{match.group()}” có cận dưới lớn hơn cận trên")
    return low, high


def parse_amount(text: str, scale: float = 1.0) -> float:
    """Mixed magnitudes, "218 tỷ 477 triệu đồng", in units of `scale` đồng (1e9 for tỷ đồng)."""
    parts = _COMPOUND_PART.findall(fold(text))
    if not parts:
        return parse_number(text)
    return sum(parse_number(number) * MAGNITUDES[word] for number, word in parts) / scale


def parse_ratio(text: str) -> tuple[float, float]:
    """"41/40 doanh nghiệp" → (41, 40): actual/plan, or count/total; the words decide which."""
    left, sep, right = text.partition("/")
    if not sep:
        raise NumberFormatError(f"“{text}” không có dạng A/B")
    return parse_number(left), parse_number(right)


@dataclass(frozen=True)
class Reading:
    """A number read in its sentence: the signed value (and the top of a range), and the word
    that decided the sign."""

    value: float
    written: str
    start: int
    end: int
    cue: str | None
    high: float | None = None


def locate(quote: str, number: str, occurrence: int = 1):
    """The `occurrence`-th number in `quote` written exactly as `number`, or None.

    `number` is one number ("1.216.000"), a range ("55-56") or mixed magnitudes ("218 tỷ 477 triệu").
    """
    if NUMBER_RE.fullmatch(number):
        matches = [token for token in numeric_tokens(quote) if token.text == number]
    else:
        matches, start = [], quote.find(number)
        while start != -1:
            matches.append(NumberToken(number, start, start + len(number)))
            start = quote.find(number, start + 1)
    if occurrence < 1 or occurrence > len(matches):
        return None
    return matches[occurrence - 1]


def _magnitude(written: str, unit_of_measure_scale: float) -> tuple[float, float | None]:
    """A written number's size (and range top) in units of `unit_of_measure_scale` for mixed magnitudes."""
    if NUMBER_RE.fullmatch(written):
        return parse_number(written), None
    if _RANGE.fullmatch(written.strip()):
        low, high = parse_range(written)
        return low, high
    if _COMPOUND_PART.search(fold(written)):
        return parse_amount(written, unit_of_measure_scale), None
    raise NumberFormatError(f"“{written}” không phải một số, một khoảng hay một số tiền")


def _same_cell(words: str) -> str:
    """The words in the number's own table cell: an annex row's label ("Tỷ lệ hộ nghèo giảm | % | 2,1")
    names the indicator and never signs its figures."""
    return words.rsplit("|", 1)[-1]


def read_value(quote: str, number: str, occurrence: int, kind: str, measure: str,
               unit_of_measure_scale: float = 1.0) -> Reading:
    """The value a quote states, with its sign, for an observation of `kind` on a `measure`.

    Only the words since the previous number count, so "giảm" before one figure never flips another.
    `unit_of_measure_scale` (in đồng) reads mixed magnitudes such as "218 tỷ 477 triệu" in the row's unit.
    """
    token = locate(quote, number, occurrence)
    if token is None:
        raise NumberFormatError(f"không thấy số “{number}” (lần {occurrence}) trong trích dẫn")
    magnitude, high = _magnitude(token.text, unit_of_measure_scale)
    if high is not None:
        if kind != "target":
            raise NumberFormatError(f"khoảng “{token.text}” chỉ dùng cho chỉ tiêu (target)")
        cues = _DIRECTION_WORDS.findall(_LEVEL_PHRASE.sub(" ", nfc(quote[:token.start]).lower()))
        sign = -1.0 if cues and cues[-1] == "giảm" and measure == "change" else 1.0
        low_value, high_value = sorted((sign * magnitude, sign * high))
        return Reading(low_value, token.text, token.start, token.end, cues[-1] if cues else None, high_value)
    previous_end = max((t.end for t in numeric_tokens(quote) if t.end <= token.start), default=0)
    words_before = _LEVEL_PHRASE.sub(" ", nfc(quote[previous_end:token.start]).lower())
    cues = _DIRECTION_WORDS.findall(words_before)
    cue = cues[-1] if cues else None
    if kind == "yoy_change_pct":
        if cue == "giảm":
            return Reading(-magnitude, token.text, token.start, token.end, "giảm")
        if cue == "bằng":
            return Reading(magnitude - 100.0, token.text, token.start, token.end, "bằng")
        if cue == "tăng":
            return Reading(magnitude, token.text, token.start, token.end, "tăng")
        raise NumberFormatError("thay đổi so cùng kỳ cần có chữ “tăng”, “giảm” hoặc “bằng” trước số")
    if kind == "pct_of_target":
        if cue == "vượt":
            return Reading(100.0 + magnitude, token.text, token.start, token.end, "vượt")
        change = _CHANGE_JUST_BEFORE.search(words_before)
        if change:
            sign = 1.0 if change.group(1) == "tăng" else -1.0
            return Reading(100.0 + sign * magnitude, token.text, token.start, token.end, change.group(1))
        return Reading(magnitude, token.text, token.start, token.end, None)
    if cue == "giảm":
        if measure != "change" and "giảm" not in _DIRECTION_WORDS.findall(_same_cell(words_before)):
            # An annex row's label ("Số hộ nghèo giảm | hộ | 37") names what is counted: the figure as written.
            return Reading(magnitude, token.text, token.start, token.end, None)
        if measure != "change":
            raise NumberFormatError(
                "trích dẫn ghi “giảm” trước số, nhưng chỉ tiêu không phải loại thay đổi (change)"
            )
        return Reading(-magnitude, token.text, token.start, token.end, "giảm")
    return Reading(magnitude, token.text, token.start, token.end, "tăng" if cue == "tăng" else None)
