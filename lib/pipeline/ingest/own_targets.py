"""A report counting its own targets is a figure of its own: "có 22/27 chỉ tiêu đạt và vượt kế hoạch" is 22
targets met (actual) of 27 (total), "trong đó 10 chỉ tiêu vượt" the targets exceeded, "Trong số 28 chỉ
tiêu … có 20 chỉ tiêu đạt và vượt" 28 the total and 20 those met, "tổng kết 19 chỉ tiêu năm 2022" the
total weighed, and "năm 2026, xã đề ra 24 chỉ tiêu" the count of next year's targets. They are the common
catalogue's targets_met_count, targets_exceeded_count, targets_not_met_count ("2 chỉ tiêu chưa đạt") and
targets_set_count, each proposed for a look."""
from __future__ import annotations

import re

from lib.pipeline.ingest.mentions import Mention
from lib.pipeline.ingest.periods import TARGETS
from lib.words.vntext import fold

UNIT = "chỉ tiêu"
MET, EXCEEDED, SET = "targets_met_count", "targets_exceeded_count", "targets_set_count"
NOT_MET = "targets_not_met_count"
_NOT_MET = re.compile(r"^\s*(?:[^\d\s,.;:]+\s+){0,6}?(?:chua|khong)\s+(?:dat|hoan thanh)\b")
# The words right after the count say what it counts, within its clause: "… chỉ tiêu (kinh tế - xã hội) đạt và vượt".
_MET = re.compile(r"^\s*(?:[^\d\s,.;:]+\s+){0,6}?(?:dat va vuot|dat, vuot|hoan thanh va vuot|"
                  r"hoan thanh va hoan thanh vuot|dat va hoan thanh vuot|dat tro len|hoan thanh|dat)\b")
_EXCEEDED = re.compile(r"^\s*(?:hoan thanh\s+)?vuot\b")
_OF_ALL = re.compile(r"\btrong (?:tong )?so\s*$")
_SETTING = re.compile(r"\b(?:de ra|dat ra|dxt ra|thong qua|trien khai|phan dau|giao|xac dinh|ban hanh|quyet nghi)\b")
_WEIGHING = re.compile(r"\b(?:danh gia|tong ket|so ket|ket qua)\b")


def read_target_counts(text: str, mentions: list[Mention]) -> dict[int, str]:
    """The own-target count indicator of each number counted in "chỉ tiêu", its kind set as the words say."""
    folded = fold(text)
    found: dict[int, str] = {}
    for index, m in enumerate(mentions):
        if (m.unit or "") != UNIT:
            continue
        tail = folded[max(m.end, m.unit_end):max(m.end, m.unit_end) + 60]
        lead = folded[max(0, m.start - 80):m.start]
        lead = re.split(r"[.;\n]", lead)[-1]
        if m.role == "ratio_b" and m.partner is not None:
            continue  # the total of "22/27" follows its count below
        if _NOT_MET.search(tail):
            indicator, kind = NOT_MET, "actual"
        elif _EXCEEDED.search(tail):
            indicator, kind = EXCEEDED, "actual"
        elif _MET.search(tail) or m.role == "ratio_a":
            indicator, kind = MET, "actual"
        elif _OF_ALL.search(lead):
            indicator, kind = MET, "total"
        elif m.period_mode == TARGETS or _SETTING.search(lead):
            indicator, kind = SET, "target"
        elif _WEIGHING.search(lead):
            indicator, kind = MET, "total"
        else:
            indicator, kind = SET, "target" if m.period_mode == TARGETS else "actual"
        m.kind, m.rule = kind, "báo cáo đếm chỉ tiêu của mình"
        found[index] = indicator
        if m.role == "ratio_a" and m.partner is not None:
            mentions[m.partner].kind, mentions[m.partner].rule = "total", "A/B chỉ tiêu: tổng số chỉ tiêu"
            found[m.partner] = indicator
    return found
