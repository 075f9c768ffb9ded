"""Vietnamese text helpers: Unicode normalisation, diacritic folding for search, numeric tokens."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A number as the report writes it: digits grouped by "." with an optional "," decimal part.
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def nfc(text: str) -> str:
    """The report mixes composed and decomposed accents; every comparison happens in NFC."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d, so "dang vien" finds "đảng viên"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "d")


def slug(text: str, sep: str = "_") -> str:
    """ASCII words of a Vietnamese text joined by `sep`: "Đàn heo" → "dan_heo" (codes, file names)."""
    return re.sub(r"[^a-z0-9]+", sep, fold(text)).strip(sep)


def matches(query: str, text: str) -> bool:
    """Every word of `query` is in `text`, both folded: "thu ngan sach" finds "Thu ngân sách Nhà nước",
    "dang vien" finds "Đảng viên"; an empty query finds everything."""
    folded = fold(text)
    return all(word in folded for word in fold(query).split())


@dataclass(frozen=True)
class NumberToken:
    text: str
    start: int
    end: int


def numeric_tokens(text: str) -> list[NumberToken]:
    """Every number written in `text`, with its character span (unit exponents left out)."""
    tokens = []
    for match in NUMBER_RE.finditer(text):
        # "m2", "m3": the digit is the unit's exponent, not a number.
        if match.group() in ("2", "3") and text[match.start() - 1 : match.start()] == "m":
            continue
        tokens.append(NumberToken(match.group(), match.start(), match.end()))
    return tokens


# What Streamlit's Markdown would read as a link, picture, formula, colour, icon or emphasis.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$<>:])")


def literal(value) -> str:
    """A name typed by a person (a unit, an indicator, a file), shown as itself inside Streamlit's
    Markdown: never a link, a remote picture, a formula or a colour."""
    return _MARKDOWN.sub(r"\\\1", str(value))
