"""Numbers as Vietnamese readers write them (1.234,5), whatever the browser's locale; times in the
district's own clock."""
from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

# Asia/Ho_Chi_Minh: UTC+7 all year round (no summer time), so no time-zone database is needed.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")

# Altair/d3 locale: the same rule for axes and tooltips in the browser and in static exports.
VEGA_LOCALE_VI = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}
VEGA_LOCALE_EN = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " VND"]}


def _separators(lang: str) -> tuple[str, str]:
    return (",", ".") if lang == "vi" else (".", ",")


def number(value: float | int | None, lang: str = "vi", decimals: int | None = None) -> str:
    """1216000 → "1.216.000"; 8839.9 → "8.839,9"; up to `decimals` places (3 by default, as the
    report writes 366,674 tỷ đồng), trailing zeros dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals is None:
        decimals = 3
    text = f"{abs(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    decimal_mark, thousands = _separators(lang)
    text = text.replace(",", "\0").replace(".", decimal_mark).replace("\0", thousands)
    return ("−" if value < 0 and text.strip("0.,") else "") + text


def signed(value: float | None, lang: str = "vi", decimals: int | None = None) -> str:
    """A change with its sign always shown: +3,11 / −8,6."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    body = number(abs(value), lang, decimals)
    if not body.strip("0.,"):
        return body
    if value > 0:
        return "+" + body
    if value < 0:
        return "−" + body
    return body


def with_unit(value: float | None, unit_of_measure: str | None, lang: str = "vi", decimals: int | None = None,
              unit_of_measure_en: str | None = None) -> str:
    """"8.839,9 tỷ đồng", "88,14%": percent glued, other units after a space."""
    text = number(value, lang, decimals)
    if text == "–" or not isinstance(unit_of_measure, str) or not unit_of_measure:  # None and NaN alike: no unit
        return text
    shown = unit_of_measure_en if (lang == "en" and isinstance(unit_of_measure_en, str) and unit_of_measure_en) else unit_of_measure
    if lang == "en" and value is not None and abs(value) == 1:
        shown = singular(shown)
    return f"{text}%" if unit_of_measure == "%" else f"{text} {shown}"


# English units whose one is not the plural less its "s".
_SINGULAR = {"people": "person", "children": "child", "criteria": "criterion", "head": "head",
             "tonnes": "tonne", "VND": "VND", "ha": "ha"}


def singular(unit_of_measure_en: str) -> str:
    """"communes" → "commune", "party members" → "party member", "beds per 10 000 people" → "bed per
    10 000 people", "offenders (counted per case)" → "offender (counted per case)": the head noun."""
    if ", " in unit_of_measure_en:  # "hamlets, wards" → "hamlet, ward"
        return ", ".join(singular(part) for part in unit_of_measure_en.split(", "))
    head, rest = unit_of_measure_en, ""
    for cut in (" (", " per ", "/"):
        if cut in head:
            head, rest = head.split(cut, 1)[0], cut + head.split(cut, 1)[1]
            break
    *before, last = head.split(" ") if head else [""]
    if last in _SINGULAR:
        one = _SINGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        one = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        one = last[:-2]
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 2:
        one = last[:-1]
    else:
        one = last
    return " ".join([*before, one]) + rest


def percent(value: float | None, lang: str = "vi", decimals: int = 2) -> str:
    return with_unit(value, "%", lang, decimals)


def local_time(moment: str | None, lang: str = "vi") -> str:
    """A stored UTC time ("2026-11-29T01:32:51Z") as the district's clock shows it:
    "29/11/2026 08:32 (giờ Việt Nam)"; anything unreadable is shown as it is."""
    try:
        utc = datetime.fromisoformat(str(moment).replace("Z", "+00:00"))
    except ValueError:
        return str(moment or "")
    if utc.tzinfo is None:
        utc = utc.replace(tzinfo=UTC)
    local = utc.astimezone(VIETNAM_TIME)
    return local.strftime("%d/%m/%Y %H:%M (giờ Việt Nam)" if lang == "vi" else "%Y-%m-%d %H:%M (Vietnam time)")


def date(day, lang: str = "vi") -> str:
    """A calendar day as readers write it: 15/01/2023 in Vietnamese, 2023-01-15 in English."""
    if day is None or (isinstance(day, float) and math.isnan(day)):
        return "–"
    return f"{day:%d/%m/%Y}" if lang == "vi" else f"{day:%Y-%m-%d}"
