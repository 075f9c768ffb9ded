"""What each mention is: the quantity it speaks of, its qualifier (ước, khoảng…), and its kind
(actual, target, total, pct_of_target, yoy_change_pct) and year, by the report's notation — the
direction words (tăng, giảm, bằng, vượt, đạt), the plan words (kế hoạch, KH, NQ, chỉ tiêu…) and the
same-period words (cùng kỳ, so với năm …)."""
from __future__ import annotations

import re

from lib.pipeline.ingest.match import RELATION_WORDS, content_words
from lib.pipeline.ingest.mentions import Mention, along
from lib.pipeline.ingest.periods import TARGETS
from lib.words.labels import QUALIFIERS
from lib.words.vntext import fold

# "tăng trưởng", "tăng cường" are not increases; "giảm còn 1,2%", "tăng lên 95%" state a level.
_DIRECTION = re.compile(r"\b(tăng(?!\s+(?:trưởng|cường|lên|thêm\s+lên))|giảm(?!\s+(?:còn|xuống))|bằng|vượt|đạt)\b",
                        re.IGNORECASE)
_PLAN_AFTER = re.compile(r"^\s*(?:so\s+(?:voi\s+)?)?(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan)\b")
_PLAN_BEFORE = re.compile(r"\bso\s+(?:voi\s+)?(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan)\b")
# "CK" is how reports shorten "cùng kỳ" ("tăng 15,9% so CK").
_LEADING_SAME_PERIOD = re.compile(r"so\s+(?:voi\s+)?(?:cung ky|ck)\b")
_PREVIOUS_YEAR = re.compile(r"\b(?:cung ky|ck)(?:\s+nam\s+(?:truoc|\d{4}))?\s*(?:la\s+)?:?\s*$")
_PLAN_WORDS = re.compile(r"\b(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan)\b")
_TARGET_BEFORE = re.compile(
    r"\b(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan|duoc giao|giao)\b(?:\s+(?:de ra|dat ra|giao))?[\s:(]*(?:la\b\s*)?"
    r"(?:(?:tang|giam)\b\s*)?(?:dat\b\s*)?(?:tu\b\s*)?$")
_SAME_PERIOD = re.compile(r"\b(?:cung ky|ck)\b|\bso\s+(?:voi\s+)?(?:(?:binh quan|cuoi|ca)\s+)?nam\s+(?:truoc|ngoai|\d{4})\b")
_RATE_WORDS = re.compile(r"\b(?:ty le|chiem|binh quan)\b")
# A change in the indicator's own unit ("tăng 3,1 triệu đồng", a rate's "+0,26%" in points): not in the
# published contract's kinds, so it is proposed for review only, never ticked.
CHANGE_ABS = "change_abs"
NOTE_CHANGE_ABS = "mức tăng/giảm tuyệt đối (điểm % với một tỷ lệ): dữ liệu công bố chưa có loại số này"
# "Tổng kế hoạch vốn đầu tư công năm 2023 là …": the plan named as the subject of the sentence.
_PLAN_SUBJECT = re.compile(r"^(?:tong\s+)?(?:(?:nguon\s+)?von\s+)?(?:ke hoach|kh|du toan|chi tieu)\b")
_PLAN_SUBJECT_END = re.compile(r"\b(?:la|duoc giao(?:\s+la)?|giao(?:\s+la)?)\s*:?\s*$")
_RESULT_VERBS = re.compile(r"\b(?:thuc hien|giai ngan|dat|uoc|hoan thanh)\b")
_GROWTH_NAME = re.compile(r"\b(?:toc do )?tang truong\b")


def find_subjects(mentions: list[Mention]) -> None:
    """What each number speaks of: for a percent, the nearest quantity before it in the same segment
    (else the nearest percent); for a quantity, the nearest one before it in the same unit."""
    for index, m in enumerate(mentions):
        before = [index - 1 - k for k, x in enumerate(along(mentions, index, -1, "segment")) if x.role != "ratio_b"]
        if m.is_percent:
            quantities = [b for b in before if not mentions[b].is_percent and mentions[b].unit_known]
            percents = [b for b in before if mentions[b].is_percent]
            m.subject = quantities[0] if quantities else (percents[0] if percents else None)
        else:
            same = [b for b in before if mentions[b].unit == m.unit and m.unit]
            m.subject = same[0] if same else None


def refine_subjects(mentions: list[Mention]) -> None:
    """"đạt 99,89%…, vượt 0,07% chỉ tiêu": a plan share after a rate speaks of the rate."""
    for index, m in enumerate(mentions):
        if m.kind not in ("pct_of_target", "yoy_change_pct", "target") or m.subject is None:
            continue
        for between in range(index - 1, m.subject, -1):
            other = mentions[between]
            if other.segment == m.segment and other.is_percent and other.kind == "actual":
                m.subject = between
                break
        # "56,2 triệu đồng (KH 55-56 triệu đồng), tăng 5,3% so với năm 2021": the change is of 56,2.
        if m.kind != "target" and mentions[m.subject].kind == "target" and mentions[m.subject].role != "ratio_b":
            for back in range(m.subject - 1, -1, -1):
                other = mentions[back]
                if other.segment != m.segment:
                    break
                if other.kind == "actual" and other.unit == mentions[m.subject].unit:
                    m.subject = back
                    break


def _text_before(text: str, mentions: list[Mention], index: int) -> str:
    """Words since the previous number (or the clause start) up to this number."""
    m = mentions[index]
    start = m.clause[0]
    if index > 0:
        previous: Mention | None = mentions[index - 1]
        if m.role == "ratio_b":
            previous = mentions[index - 2] if index > 1 else None
        if previous is not None and previous.clause == m.clause:
            start = max(start, previous.unit_end)
    return text[start:m.start]


def _text_after(text: str, mentions: list[Mention], index: int) -> str:
    """Words after the number and its unit, to the clause end or the next number ("đạt 99,59% kế hoạch
    và bằng 108,44% so với năm 2022": the comparison is the second number's)."""
    m = mentions[index]
    end = m.clause[1]
    later = [x.start for x in along(mentions, index, 1) if x.start >= max(m.unit_end, m.end)]
    if later and m.role != "ratio_a":
        end = min(end, later[0])
    return text[max(m.unit_end, m.end):end]


def read_qualifiers(text: str, mentions: list[Mention]) -> None:
    """ước, khoảng, gần, trên, trở lên: the words around a number that qualify it."""
    for index, m in enumerate(mentions):
        if m.role == "ratio_b":
            continue
        left = fold(_text_before(text, mentions, index))
        right = fold(text[m.unit_end:m.unit_end + 12])
        words = []
        if re.search(r"\buoc\b", left):
            words.append("ước")
        near = re.search(r"\b(khoang|gan|tren|hon)\s*$", re.sub(r"\bdat\s*$", "", left).rstrip())
        near = near or re.search(r"\b(khoang|gan|tren|hon)\s+dat\s*$", left)
        if near:
            words.append({"khoang": "khoảng", "gan": "gần", "tren": "trên", "hon": "trên"}[near.group(1)])
        if re.match(r"\s*tro len\b", right):
            words.append("trở lên")
        # Only the contract's words are proposed: "gần … trở lên" keeps the one the snapshot can carry.
        m.qualifier = " ".join(words) if " ".join(words) in QUALIFIERS or not words else words[0]


def classify(text: str, mentions: list[Mention], index: int) -> None:
    """Set the kind, rule and confidence of one mention (and its year, for last year's figure)."""
    m = mentions[index]
    left_raw = _text_before(text, mentions, index)
    left = fold(left_raw)
    right = fold(_text_after(text, mentions, index))
    cues = _DIRECTION.findall(left_raw.lower())
    cue = cues[-1] if cues else None
    targets = m.period_mode == TARGETS

    if m.role == "ratio_b":
        _classify_ratio(text, mentions, index)
        return
    if m.role == "ratio_a":
        m.kind, m.rule = ("target", "phần chỉ tiêu") if targets else ("actual", "A trong A/B")
        return

    if m.is_percent:
        _classify_percent(text, mentions, index, left, right, cue)
        return

    if _PREVIOUS_YEAR.search(fold(text[max(0, m.start - 40):m.start]).rstrip()) and not targets:
        m.kind, m.rule, m.confidence = "actual", "số cùng kỳ năm trước", 0.7
        m.year = m.year - 1 if m.year else None
        m.relational = m.subject is not None and mentions[m.subject].unit == m.unit
        return
    if targets:
        m.kind, m.rule = "target", "phần chỉ tiêu"
        if cue == "giảm":
            m.value = -m.value
            m.rule = "chỉ tiêu giảm"
        if not m.unit_known:
            m.confidence = 0.5
            m.note = _unknown_unit_note(m)
        return
    if _TARGET_BEFORE.search(left.rstrip()) or m.role == "range" or _bracketed_plan(text, mentions, index):
        m.kind, m.rule = "target", "chữ KH/NQ/chỉ tiêu/được giao trước số"
        m.relational = m.subject is not None
        if cue == "giảm":
            m.value = -m.value
        return
    if plan_subject(text, m):
        return
    if cue == "vượt" and re.search(r"\bvuot(?:\s+(?:khoang|gan|hon|tren))?\s*$", left.rstrip()):
        m.kind, m.rule, m.confidence = CHANGE_ABS, "vượt + số có đơn vị: mức vượt kế hoạch", 0.5
        m.note = "mức vượt kế hoạch tính bằng số tuyệt đối: dữ liệu công bố chưa có loại số này"
        return
    equivalent = re.search(r"\b(?:tuong duong|tuong ung|tuc la)\s*(?:voi\s+)?$", left.rstrip())
    previous = mentions[index - 1] if index else None
    if equivalent and previous is not None and previous.kind in ("yoy_change_pct", CHANGE_ABS):
        m.kind, m.rule, m.confidence, m.note = CHANGE_ABS, "tương đương sau một mức thay đổi", 0.5, NOTE_CHANGE_ABS
        m.value = -m.value if previous.value < 0 else m.value
        return
    if re.search(r"\b(?:tang|giam)(?:\s+them)?(?:\s+(?:khoang|gan|hon|tren))?\s*$", left.rstrip()) and cue in ("tăng", "giảm"):
        m.kind, m.rule, m.confidence, m.note = CHANGE_ABS, f"{cue} + số có đơn vị: mức thay đổi", 0.5, NOTE_CHANGE_ABS
        m.value = -m.value if cue == "giảm" else m.value
        return
    m.kind, m.rule = "actual", "số thực hiện"
    if not m.unit_known:
        m.confidence = 0.5
        m.note = _unknown_unit_note(m)


def _classify_percent(text, mentions, index, left, right, cue) -> None:
    m = mentions[index]
    left_raw = _text_before(text, mentions, index)
    targets = m.period_mode == TARGETS
    sign = -1.0 if cue == "giảm" else 1.0
    if targets:
        m.kind, m.rule = "target", "phần chỉ tiêu"
        _signed(m, sign)
        return
    if _PREVIOUS_YEAR.search(fold(text[max(0, m.start - 40):m.start]).rstrip()):
        m.kind, m.rule, m.confidence = "actual", "số cùng kỳ năm trước", 0.7
        m.year = m.year - 1 if m.year else None
        m.relational = m.subject is not None
        return
    glued = text[max(0, m.start - 1):m.start]
    if cue is None and glued in ("+", "−") or (glued == "-" and text[max(0, m.start - 2):m.start - 1] == "("):
        cue = "tăng" if glued == "+" else "giảm"  # "(+0,26%)": a signed change
        sign = 1.0 if cue == "tăng" else -1.0
    if cue == "vượt":
        m.kind, m.rule = "pct_of_target", "vượt X% → 100 + X"
        m.value = 100.0 + m.value
        return
    lead = fold(text[m.segment[0]:m.start]).lstrip(" -–+•*\t")
    if cue in ("tăng", "giảm") and (_PLAN_AFTER.match(right) or not _SAME_PERIOD.search(right) and (
            _PLAN_BEFORE.search(left) or _PLAN_BEFORE.match(lead))):
        m.kind, m.rule, m.value = "pct_of_target", f"{cue} X% so kế hoạch → 100 ± X", 100.0 + sign * m.value
        return
    compared_after = _SAME_PERIOD.search(right) and cue in ("tăng", "giảm", "bằng")  # "… và bằng 99,6% so với năm trước"
    if (_PLAN_BEFORE.search(left) or _PLAN_BEFORE.match(lead)) and cue in ("đạt", "bằng", None) and not compared_after:
        m.kind, m.rule = "pct_of_target", "so với kế hoạch đạt X%"
        return
    if _TARGET_BEFORE.search(left.rstrip()) and not compared_after:  # "đạt 100,2% kế hoạch tăng 15,9% so CK"
        m.kind, m.rule = "target", "NQ/KH trước số"
        m.relational = m.subject is not None
        _signed(m, sign)
        return
    if m.role == "range":
        m.kind, m.rule, m.confidence = "target", "khoảng số: chỉ tiêu", 0.7
        m.relational = m.subject is not None
        return
    if plan_subject(text, m):
        return
    lead = fold(text[m.segment[0]:m.start]).lstrip(" -–+•*\t")
    compared_before = _SAME_PERIOD.search(left) or _LEADING_SAME_PERIOD.match(lead) or _SAME_PERIOD.match(lead)
    if cue in ("tăng", "giảm") and _of_a_rate(text, mentions, index):
        m.kind, m.rule, m.confidence, m.note = CHANGE_ABS, f"{cue} X% của một tỷ lệ: điểm %", 0.5, NOTE_CHANGE_ABS
        m.unit, m.value = "điểm %", sign * m.value
        return
    if _SAME_PERIOD.search(right) or (compared_before and cue in ("tăng", "giảm", "bằng")):
        if cue in ("tăng", "giảm"):
            m.kind, m.rule, m.value = "yoy_change_pct", f"{cue} X% so cùng kỳ", sign * m.value
            return
        if cue == "bằng":
            m.kind, m.rule, m.value = "yoy_change_pct", "bằng X% so cùng kỳ → X − 100", m.value - 100.0
            return
        m.kind, m.rule, m.confidence = "yoy_change_pct", "X% cùng kỳ, không rõ tăng/giảm", 0.4
        return
    if _PLAN_AFTER.match(right):
        m.kind, m.rule = "pct_of_target", "đạt X% kế hoạch"
        return
    share = _ratio_share(mentions, index)
    if share is not None:
        m.kind, m.rule = "actual", "tỷ lệ A/B"
        m.subject = share
        return
    subject = mentions[m.subject] if m.subject is not None else None
    bare = not re.search(r"[a-z0-9]", right)
    own = [w for w in content_words(re.sub(r"(?i)\b(đạt|bằng)\b", " ", left_raw)) if w not in RELATION_WORDS]
    if cue in ("đạt", "bằng") and bare and not own and subject is not None and not subject.is_percent:
        subject_clause = fold(text[subject.clause[0]:subject.clause[1]])
        if not (_RATE_WORDS.search(left) or _RATE_WORDS.search(subject_clause)):
            m.kind, m.rule, m.confidence = "pct_of_target", "đạt X% sau một số lượng (ngầm hiểu so kế hoạch)", 0.6
            return
    m.kind, m.rule = "actual", "tỷ lệ"
    if cue in ("tăng", "giảm") and not _GROWTH_NAME.search(fold(text[m.clause[0]:m.start])):
        # A bare "tăng 9,7%" in the results is a change on last year; surer after one that says so.
        m.kind, m.value = "yoy_change_pct", sign * m.value
        if _compared_earlier(text, mentions, index):
            m.rule = f"{cue} X% sau một số so cùng kỳ trong đoạn"
        else:
            m.rule, m.confidence = f"{cue} X% không ghi so với gì: hiểu là so cùng kỳ", 0.6
            m.note = "không ghi so với kỳ nào: hiểu là so cùng kỳ năm trước"
    elif cue == "giảm":
        m.value = -m.value
        m.rule = "giảm X% (mức thay đổi)"
    elif cue == "tăng":
        m.rule = "tăng X% (tốc độ tăng)"


def _bracketed_plan(text: str, mentions: list[Mention], index: int) -> bool:
    """"đạt 51,8% so với nghị quyết đề ra (23.600 tỷ đồng)": the amount in brackets is the plan named before."""
    m = mentions[index]
    if text[max(0, m.clause[0] - 1):m.clause[0]] != "(" or text[m.clause[0]:m.start].strip():
        return False
    since = max([m.segment[0]] + [x.unit_end for x in mentions[:index] if x.segment == m.segment])
    return bool(_TARGET_BEFORE.search(fold(text[since:m.clause[0]]).rstrip(" (")))


def _unknown_unit_note(m: Mention) -> str:
    """Why a number whose unit is not in the unit list is unsure."""
    if m.unit and m.unit.split()[0] in ("nghìn", "ngàn", "triệu", "vạn"):
        return f"số ghi theo “{m.unit}”: quy đổi sang đơn vị của chỉ tiêu khi duyệt"
    if not m.unit:
        return "số không có đơn vị: có thể không phải số liệu"
    return f"đơn vị “{m.unit}” chưa có trong danh mục đơn vị: có thể không phải số liệu"


def _signed(m: Mention, sign: float) -> None:
    """Apply a sign; a range keeps its lower end in value, as the build reads it ("giảm 1-1,5%" → −1,5 … −1)."""
    if m.value_high is None:
        m.value *= sign
    else:
        m.value, m.value_high = sorted((sign * m.value, sign * m.value_high))


def matches_share(share: float, written: Mention) -> bool:
    """A stated percent equals a computed share up to how the report rounded it ("99%" for 98,84%)."""
    decimals = len(written.number.partition(",")[2]) if "," in written.number else 0
    return abs(share - abs(written.value)) <= max(0.051, 0.6 * 10 ** -decimals)


def plan_subject(text: str, m: Mention) -> bool:
    """"Tổng kế hoạch vốn … năm 2023 là 412,5 tỷ đồng": a plan named as the subject is a target (of
    the year the phrase names)."""
    left = fold(text[m.clause[0]:m.start]).strip(" -–+•*\t")
    if not (_PLAN_SUBJECT.match(left) and _PLAN_SUBJECT_END.search(left)) or _RESULT_VERBS.search(left):
        return False
    m.kind, m.rule = "target", "kế hoạch là chủ ngữ: … là X"
    named = re.findall(r"\bnam\s+((?:19|20)\d{2})\b", left)
    if named:
        m.year = int(named[-1])
    return True


def _of_a_rate(text: str, mentions: list[Mention], index: int) -> bool:
    """A change spoken of a rate ("tỷ lệ … còn 2,86%, giảm 1,04%", "đạt 9,4%, tăng 0,35%") is in points."""
    m = mentions[index]
    before = [b for b in range(index - 1, -1, -1) if mentions[b].segment == m.segment]
    if before:
        previous = mentions[before[0]]
        return previous.is_percent and previous.kind == "actual" and previous.role != "ratio_b"
    clause = fold(text[m.clause[0]:m.start])
    return bool(re.match(r"\W*ty le\b", clause)) and not _GROWTH_NAME.search(clause)


def _compared_earlier(text: str, mentions: list[Mention], index: int) -> bool:
    """An earlier change on last year in the same line ("… tăng 9,4% so với năm 2022; trong đó … tăng 3,8%")."""
    m = mentions[index]
    line_start = text.rfind("\n", 0, m.start) + 1
    if _SAME_PERIOD.search(fold(text[line_start:m.start])):
        return True
    return any(x.kind == "yoy_change_pct" and line_start <= x.start < m.start for x in mentions[:index])


def _ratio_share(mentions: list[Mention], index: int) -> int | None:
    """A percent equal to 100·A/B of a ratio before it in the segment: the ratio's share."""
    m = mentions[index]
    for back in range(index - 1, -1, -1):
        other = mentions[back]
        if other.segment != m.segment:
            break
        if other.role == "ratio_a" and other.partner is not None:
            b = mentions[other.partner]
            if b.value and matches_share(100.0 * other.value / b.value, m):
                return back
    # "xảy ra 21 vụ …, làm rõ 19 vụ, đạt 90,48%": the share of the later count in the earlier one.
    counts = [x for x in mentions[:index] if x.line == m.line and not x.is_percent and x.role == "plain"
              and x.unit and x.kind == "actual"]
    for later in range(len(counts) - 1, 0, -1):
        for earlier in range(later - 1, -1, -1):
            whole, part = counts[earlier], counts[later]
            if whole.unit == part.unit and whole.value > part.value > 0 and \
                    matches_share(100.0 * part.value / whole.value, m) and "," in m.number:
                return mentions.index(part)
    return None


def _classify_ratio(text: str, mentions: list[Mention], index: int) -> None:
    b = mentions[index]
    if b.partner is None:  # a ratio's B always has its A
        return
    a = mentions[b.partner]
    share = 100.0 * a.value / b.value if b.value else None
    # A percent later in the segment that equals A/B says which: "đạt X% kế hoạch" → plan.
    for later in mentions[index + 1:]:
        if later.segment != b.segment:
            break
        if not later.is_percent or share is None or not matches_share(share, later):
            continue
        right = fold(text[later.unit_end:later.clause[1]])
        later.subject = b.partner
        if _PLAN_AFTER.match(right):
            b.kind, b.rule = "target", "A/B = đạt X% kế hoạch → B là kế hoạch"
        else:
            b.kind, b.rule = "total", "A/B = X% không phải kế hoạch → B là tổng số"
        return
    if a.value > b.value:
        b.kind, b.rule = "target", "A > B: B là kế hoạch"
        return
    around = fold(text[b.clause[0]:a.start] + " " + text[b.unit_end:b.clause[1]])
    if _PLAN_WORDS.search(around):
        b.kind, b.rule = "target", "chữ kế hoạch quanh A/B"
        return
    b.kind, b.rule, b.confidence = "total", "A/B: số đạt / tổng số", 0.8
