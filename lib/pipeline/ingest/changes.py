"""A count or a rate that changed in the year is its own change indicator, not the level: "giảm 693 hộ
nghèo" is the reduction in poor households (actual −693), "tỷ lệ hộ nghèo giảm 0,34%" the change of the
poverty rate (actual −0,34 points), "có thêm 2 xã đạt chuẩn nông thôn mới" the communes added in the year,
"tăng 8 tiêu chí" the criteria gained; "bình quân đạt 16,10 tiêu chí/xã" is a mean per commune (measure average). The words around the number, with the number taken out, must say
one of the change indicator's wordings (its aliases in the reference catalogue); an annex row whose label
says a reduction ("Mức giảm tỷ lệ hộ nghèo") gives each of its cells the reduction's sign."""
from __future__ import annotations

import re

from lib.pipeline.ingest.classify import CHANGE_ABS, NOTE_CHANGE_ABS
from lib.pipeline.ingest.mentions import Mention
from lib.words.vntext import fold

# A count added or taken away in the year: "tăng", "giảm", "thêm", "tăng thêm", "giảm được" just before it.
_CHANGE_CUE = re.compile(r"\b(?:tang|giam|them)(?:\s+(?:them|duoc))?(?:\s+(?:khoang|gan|hon|tren))?\s*$")
_REDUCTION = re.compile(r"\bgiam\b")
CHANGE_SURE = 0.9


def statement_indicators(matcher, measure: str) -> list[tuple[re.Pattern, str, str | None]]:
    """The wordings of the indicators of a measure: "change" also takes a flow named as what was added
    ("… tăng thêm trong năm"); "average" the means per unit ("… bình quân/xã")."""
    measures = {i: m for i, _, _, m in matcher.names}
    names = {i: fold(n) for i, n in zip(matcher.catalogue.indicators["indicator_id"],
                                        matcher.catalogue.indicators["name_vi"])}
    return [(pattern, i, family) for pattern, i, family in matcher.aliases
            if measures.get(i) == measure or (measure == "change" and measures.get(i) == "flow"
                                                and " them" in names.get(i, ""))]


def read_changes(text: str, mentions: list[Mention], matcher) -> dict[int, str]:
    """The change indicator of each number whose words say one, with its kind, value and unit made the
    change's (a change_abs becomes the year's actual, signed; a rate's change is in points)."""
    changes, averages = statement_indicators(matcher, "change"), statement_indicators(matcher, "average")
    found: dict[int, str] = {}
    for index, m in enumerate(mentions):
        if m.kind not in (CHANGE_ABS, "actual", "target") or m.role == "ratio_b":
            continue
        start, end = matcher.window(text, mentions, index)
        lead = " ".join(fold(text[start:m.start]).split())
        label = " ".join(fold(text[m.label[0]:m.label[1]]).split()) if m.label is not None else ""
        per_unit = text[m.unit_end:m.unit_end + 1] == "/" and m.kind != CHANGE_ABS  # "16,10 tiêu chí/xã"
        if m.kind != CHANGE_ABS and not _CHANGE_CUE.search(lead) and not label and not per_unit:
            continue
        wordings = averages if per_unit else changes
        unit = " ".join(fold(m.unit or "").split())
        tail = " ".join(fold(text[max(m.end, m.unit_end):end]).split())
        # The number taken out: "giảm 693 hộ nghèo" reads "giam ho ngheo"; its place is `at`.
        words = re.sub(r"\s*/\s*", "/", f"{lead} {unit} {tail}".strip()) if not label else label
        at = len(lead) if not label else len(label)
        family = "percent" if m.is_percent or m.unit == "điểm %" else matcher.catalogue.family(m.unit)
        hits = [(hit.end() - hit.start(), i) for pattern, i, f in wordings if f == family
                for hit in [pattern.search(words)] if hit and hit.start() <= at <= hit.end() + 1]
        if not hits:
            continue
        indicator_id = max(hits)[1]
        found[index] = indicator_id
        if m.kind == CHANGE_ABS:
            m.kind, m.rule = "actual", "mức thay đổi trong năm: chỉ tiêu thay đổi"
            m.confidence = max(m.confidence, CHANGE_SURE)
            m.note = m.note.replace(NOTE_CHANGE_ABS, "").strip("; ")
        elif label and _REDUCTION.search(label) and m.value > 0:
            m.value = -m.value  # "Mức giảm tỷ lệ hộ nghèo | 0,34": a reduction of 0,34 points
        if family == "percent" and m.unit == "%":
            m.unit = "điểm %"
    return found
