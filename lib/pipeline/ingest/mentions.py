"""Mentions: each number of a report as the report writes it (a range, a ratio A/B, a compound
amount), with its unit, its clause and its segment; and the numbers that are not facts (years, dates,
document and section numbers, ordinals, age limits), each with the reason it is skipped."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lib.pipeline.ingest.catalogue import Catalogue
from lib.pipeline.ingest.periods import RESULTS
from lib.pipeline.numbers import NumberFormatError, parse_amount, parse_number
from lib.words.vntext import NumberToken, numeric_tokens

# --- numbers that are not facts ----------------------------------------------------------------

_NOT_FACT_SPANS = [
    (re.compile(r"(?i)(?:https?://|www\.)\S+|\b[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+/\S*"), "đường dẫn"),  # a link's numbers are not facts
    (re.compile(r"^[ \t]*\d+(?:\.\d+)*\.(?=\s)", re.MULTILINE), "số mục"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), "ngày tháng"),
    (re.compile(r"\b(?:19|20)\d{2}-\d{1,2}(?:-\d{1,2})?\b"), "ngày tháng"),  # "date 2025-12-26" of a page
    (re.compile(r"\b(?:ngày|tháng)\s+\d{1,2}(?:/\d{1,2})?(?:/\d{2,4})?\b", re.IGNORECASE), "ngày tháng"),
    (re.compile(r"\b\d{1,2}/(?:19|20)\d{2}\b"), "tháng/năm"),
    (re.compile(r"\b\d+\s+tháng\b", re.IGNORECASE), "số tháng của kỳ báo cáo"),
    (re.compile(r"\bsố\s*:?\s*\d+[\w/\-.]*", re.IGNORECASE), None),  # checked below: document numbers
    (re.compile(r"\b\d+(?:[.,]\d+)?\s*[-–]?\s*tuổi\b", re.IGNORECASE), "giới hạn tuổi"),
    (re.compile(r"\b\d+[-–]\d+\s+tuổi\b", re.IGNORECASE), "giới hạn tuổi"),
    (re.compile(r"\b\d+\s*(?:giờ|phút)\b", re.IGNORECASE), "giờ"),
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"), "giờ"),
    # "Chiều 30/12", "tính đến 31/10,": a day and month, not A/B.
    (re.compile(r"(?i)\b(?:sáng|trưa|chiều|tối|đêm|hôm|mùng|mồng)\s+\d{1,2}/\d{1,2}\b"), "ngày tháng"),
    (re.compile(r"(?i)\b(?:từ|đến|tới|hết|tính đến|đến hết)\s+\d{1,2}/\d{1,2}(?=\s*(?:[,;.)]|$|và|đến|năm))"),
     "ngày tháng"),
    (re.compile(r"(?i)\b\d{1,2}\s+năm\b"), "số năm (thời hạn)"),
    (re.compile(r"(?i)\b(?:thứ|hạng)\s+\d+\s*/\s*\d+"), "thứ hạng"),
    (re.compile(r"(?i)\b\d+\s*sao\b"), "hạng sao"),
    (re.compile(r"(?i)(?:(?:lượt xem|lượt truy cập|lượt đọc|tổng truy cập)\s*:?|(?:trực tuyến|hôm nay)\s*:)\s*[\d.]+"),
     "bộ đếm của trang tin"),
]
_DOCUMENT_TYPES = re.compile(
    r"(quyết định|quy định|kết luận|kế hoạch|nghị quyết|chỉ thị|thông tư|nghị định|công văn|luật|"
    r"báo cáo|tờ trình|hướng dẫn|thông báo|chương trình|đề án|quy chế|văn bản)\s*$", re.IGNORECASE)
_ORDINAL_BEFORE = re.compile(
    r"\b(đợt|lần thứ|lần|thứ|mức độ|cấp độ|khóa|khoá|kỳ họp|kỳ|loại|hạng|điều|khoản|chương|mục|"
    r"phụ lục|phiên|vòng|tuần|quý|giai đoạn|tập|tầng|lô|khu|tổ|ấp số|đội)\s*$", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"^\s*(khóa|khoá)\b", re.IGNORECASE)


def _not_fact_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for pattern, reason in _NOT_FACT_SPANS:
        for match in pattern.finditer(text):
            if reason is None:  # "số 21-KL/TW", "Quy định số 784": a document number
                before = text[max(0, match.start() - 40):match.start()]
                glued = re.match(r"số\s*:?\s*\d+(?:[-/][A-ZĐa-zđ])", match.group(), re.IGNORECASE)
                if glued or _DOCUMENT_TYPES.search(before):
                    spans.append((match.start(), match.end(), "số văn bản"))
                continue
            spans.append((match.start(), match.end(), reason))
    return spans


def _skip_reason(text: str, token: NumberToken, spans: list[tuple[int, int, str]]) -> str | None:
    for start, end, reason in spans:
        if start <= token.start and token.end <= end:
            return reason
    if re.fullmatch(r"(?:19|20)\d{2}", token.text):
        return "năm"
    before = text[max(0, token.start - 20):token.start]
    after = text[token.end:token.end + 12]
    if re.search(r"[^\W\d_]-\Z", before):  # Covid-19, H5N1-…
        return "tên riêng"
    # \Z, not $: a number at the start of a line is not glued to the word ending the line before.
    if re.search(r"[^\W\d_]\Z", before):  # glued after letters: "NQ12%" is a target, "H5N1" is a name
        if not re.search(r"(NQ|KH)\Z", before):
            return "tên riêng"
    if re.match(r"-[A-ZĐ]", after):  # 21-KL/TW
        return "số văn bản"
    if _ORDINAL_BEFORE.search(before) or _ORDINAL_AFTER.match(after):
        return "số thứ tự"
    return None


# --- units -------------------------------------------------------------------------------------

# Units other reports use that the curated list may not have yet (the curated list comes first).
EXTRA_UNITS = ["km", "km2", "kg", "tạ", "tạ/ha", "lít", "USD", "triệu USD", "nghìn đồng", "ngàn đồng", "lượt",
               "người", "chiếc", "cái", "cây", "lớp", "phòng", "ca", "bệnh nhân", "giáo viên", "hecta",
               "cán bộ", "công chức", "hội viên", "đoàn viên", "thanh niên", "bác sĩ", "giường bệnh", "giường",
               "trang trại", "gia trại", "khu dân cư", "thôn", "tổ dân phố", "căn cước", "thẻ", "công trình",
               "lượt khách", "khách", "câu lạc bộ", "tổ hợp tác", "chi bộ", "nhà", "căn nhà", "héc ta"]
UNIT_ALIASES = {"HTX": "hợp tác xã", "DN": "doanh nghiệp", "hecta": "ha", "héc ta": "ha", "THT": "tổ hợp tác"}
# Words that follow a number without being its unit ("chỉ đạt", "sao", "trang"): the number has no unit.
NOT_UNITS = {"chỉ", "cán", "trang", "sao", "và", "với", "của", "có", "là", "được", "đã", "đang", "so", "trong",
             "trên", "dưới", "tăng", "giảm", "đạt", "bằng", "vượt", "còn", "thì", "nhưng", "theo", "tại", "từ",
             "đến", "cho", "người/năm", "năm", "tháng", "ngày", "lần", "thứ", "mới", "cũ", "khác", "loại"}
# "845 nghìn con", "1,12 triệu con": a magnitude before a count; the value stays as written.
_MAGNITUDE_UNIT = re.compile(r"\s*(nghìn|ngàn|triệu|vạn)\s+(con|tấn|lượt(?:\s+(?:người|khách))?|người|khách|cây|"
                             r"lít|USD|hộ|m3|m2|tỷ(?:\s+đồng)?)(?![^\W_])", re.IGNORECASE)
_PER_10K = re.compile(r"^\s*([^\W\d_]+)(?:\s+[^\W\d_]+)?\s*/\s*vạn\s+dân", re.IGNORECASE)


class UnitReader:
    def __init__(self, catalogue: Catalogue):
        names = list(catalogue.units_of_measure["unit_of_measure"]) + [u for u in EXTRA_UNITS if u not in set(catalogue.units_of_measure["unit_of_measure"])]
        names += [alias for alias in UNIT_ALIASES if alias not in names]
        # Longest first, so "lượt người" wins over "lượt" and "tấn/ha" over "tấn".
        self.names = sorted(set(names), key=len, reverse=True)
        self.patterns = [(name, re.compile(r"\s*" + re.escape(name) + r"(?![^\W_])",
                                           0 if name.isupper() else re.IGNORECASE)) for name in self.names]
        self.per_10k = [n for n in self.names if n.endswith("/vạn dân")]

    def read(self, text: str, position: int) -> tuple[str | None, int, bool]:
        """The unit written at `position` (right after a number): (unit, end, known)."""
        rest = text[position:position + 60]
        percent = re.match(r"\s*%", rest)
        if percent:
            return "%", position + percent.end(), True
        per = _PER_10K.match(rest)
        if per:
            first = per.group(1).lower()
            for name in self.per_10k:
                if name.split("/")[0].split()[0].lower() == first:
                    return name, position + per.end(), True
            return f"{per.group(1)}/vạn dân", position + per.end(), False
        for name, pattern in self.patterns:
            match = pattern.match(rest)
            if match:
                if name in ("tỷ", "triệu"):
                    continue
                return UNIT_ALIASES.get(name, name), position + match.end(), True
        scaled = _MAGNITUDE_UNIT.match(rest)
        if scaled and scaled.group(2).upper() != "USD":
            return f"{scaled.group(1).lower()} {scaled.group(2).lower()}", position + scaled.end(), False
        money = re.match(r"\s*(tỷ|triệu|nghìn|ngàn)(?:\s+(đồng|USD))?(?![^\W_])", rest, re.IGNORECASE)
        if money:
            unit = money.group(1).lower() + " " + (money.group(2) or "đồng")
            return unit, position + money.end(), True
        word = re.match(r"\s*([^\W\d_]+(?:/[^\W\d_]+)*)", rest)
        if word and word.group(1).lower() not in NOT_UNITS and word.group(1)[0].islower():
            return word.group(1), position + word.end(), False
        return None, position, False


# --- mentions: one number as the report writes it ---------------------------------------------


@dataclass
class Mention:
    start: int
    end: int  # end of the number(s) as written
    number: str
    value: float
    value_high: float | None = None
    unit: str | None = None
    unit_end: int = 0
    unit_known: bool = False
    role: str = "plain"  # plain, ratio_a, ratio_b, range, compound
    partner: int | None = None  # the other half of a ratio
    kind: str = ""
    qualifier: str = ""
    rule: str = ""
    note: str = ""
    confidence: float = 0.9
    subject: int | None = None  # the quantity a percent relation speaks of
    relational: bool = False  # its indicator is its subject's (a plan share, a change, an NQ target)
    year: int | None = None
    period_mode: str = RESULTS
    clause: tuple[int, int] = (0, 0)
    segment: tuple[int, int] = (0, 0)
    line: int = 0
    first_token: str = ""
    label: tuple[int, int] | None = None  # in a table row: the cell that names the row's indicator
    part_year: int | None = None  # the year of the part of the report the number stands in
    headline: bool = False  # in a part of next year's targets above the results (a headline)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


_COMPOUND = re.compile(r"\s*tỷ\s+(\d+(?:[.,]\d+)*)\s*(triệu)(?:\s+đồng)?(?![^\W_])", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s*[-–]\s*$")
_RATIO_SEP = re.compile(r"\s*/\s*$")


def find_mentions(text: str, units: UnitReader) -> tuple[list[Mention], list[tuple[NumberToken, str]]]:
    """Every number of the report as it is written (a range, a ratio A/B, "218 tỷ 477 triệu" as one),
    with its unit; and the numbers that are not facts, each with the reason."""
    spans = _not_fact_spans(text)
    tokens = numeric_tokens(text)
    skipped = []
    kept: list[NumberToken] = []
    for token in tokens:
        reason = _skip_reason(text, token, spans)
        if reason:
            skipped.append((token, reason))
        else:
            kept.append(token)
    mentions: list[Mention] = []
    index = 0
    while index < len(kept):
        token = kept[index]
        nxt = kept[index + 1] if index + 1 < len(kept) else None
        try:
            value = parse_number(token.text)
        except NumberFormatError:
            skipped.append((token, "không đọc được số"))
            index += 1
            continue
        between = text[token.end:nxt.start] if nxt else ""
        compound = _COMPOUND.match(text, token.end) if nxt else None
        if nxt and compound and compound.start(1) == nxt.start:
            written = text[token.start:compound.end()]
            amount = parse_amount(written, 1e9)
            number_end = compound.end(2)
            mention = Mention(token.start, number_end, text[token.start:number_end], amount, role="compound")
            mention.unit, mention.unit_end, mention.unit_known = "tỷ đồng", compound.end(), True
            mention.first_token = token.text
            mentions.append(mention)
            index += 2
            continue
        if nxt and _RANGE_SEP.fullmatch(between) and between.strip():
            try:
                high = parse_number(nxt.text)
            except NumberFormatError:
                high = None
            if high is not None and high > value:
                unit, unit_end, known = units.read(text, nxt.end)
                mention = Mention(token.start, nxt.end, text[token.start:nxt.end], value, high, unit, unit_end,
                                  known, role="range")
                mention.first_token = token.text
                mentions.append(mention)
                index += 2
                continue
        same_unit_ratio = False
        if nxt and "/" in between:
            # "150,5 tỷ đồng/145 tỷ đồng": A and B each carry the same unit.
            unit_a, unit_a_end, _ = units.read(text, token.end)
            if unit_a and unit_a != "%" and _RATIO_SEP.fullmatch(text[unit_a_end:nxt.start]):
                same_unit_ratio = units.read(text, nxt.end)[0] == unit_a
        if nxt and (_RATIO_SEP.fullmatch(between) and between.strip() or same_unit_ratio):
            try:
                second = parse_number(nxt.text)
            except NumberFormatError:
                second = None
            if second is not None:
                unit, unit_end, known = units.read(text, nxt.end)
                a = Mention(token.start, token.end, token.text, value, None, unit, unit_end, known, role="ratio_a")
                b = Mention(nxt.start, nxt.end, nxt.text, second, None, unit, unit_end, known, role="ratio_b")
                a.partner, b.partner = len(mentions) + 1, len(mentions)
                a.first_token, b.first_token = token.text, nxt.text
                mentions.extend([a, b])
                index += 2
                continue
        unit, unit_end, known = units.read(text, token.end)
        mention = Mention(token.start, token.end, token.text, value, None, unit, unit_end, known)
        mention.first_token = token.text
        mentions.append(mention)
        index += 1
    return mentions, skipped


# --- clauses and segments ----------------------------------------------------------------------

_SEGMENT_BREAK = re.compile(r"\n|;|\.(?=\s|$)|:(?=\s)|…")
# A table row read from a .docx is "label | value | …": the cells are clauses of one segment.
CLAUSE_BREAK = re.compile(r",(?!\d)|\(|\)|“|”|\"|\|")


def along(mentions: list[Mention], index: int, step: int, part: str = "clause") -> list[Mention]:
    """The mentions of mentions[index]'s clause (or segment) before it (step -1, nearest first) or
    after it (step 1). Mentions are in text order, so those of one clause stand side by side and the
    walk stops at its edge: linear in a long report, where filtering every mention was quadratic."""
    same, found, at = getattr(mentions[index], part), [], index + step
    while 0 <= at < len(mentions) and getattr(mentions[at], part) == same:
        found.append(mentions[at])
        at += step
    return found


def _breaks(pattern: re.Pattern, text: str, masked: list[tuple[int, int]]) -> list[int]:
    """Break positions outside the masked spans (sorted, not overlapping): a bisect each, so a long
    report costs linear time, not breaks × numbers."""
    starts = [start for start, _ in masked]
    found = []
    for match in pattern.finditer(text):
        position = match.start()
        at = bisect.bisect_right(starts, position) - 1
        if at >= 0 and position < masked[at][1]:
            continue
        found.append(position)
    return found


def _bounds(breaks: list[int], position: int, length: int) -> tuple[int, int]:
    """The span between the last break before `position` and the first at or after it (sorted breaks)."""
    at = bisect.bisect_left(breaks, position)
    return (breaks[at - 1] + 1 if at else 0), (breaks[at] if at < len(breaks) else length)


def locate_clauses(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Set each mention's segment (sentence or line) and clause; returns the spans of the numbers
    with their units, inside which no break counts ("đoàn viên, hội viên", "1.031.200con")."""
    masked = [(m.start, max(m.unit_end, m.end)) for m in mentions]
    segment_breaks = _breaks(_SEGMENT_BREAK, text, masked)
    clause_breaks = sorted(set(segment_breaks + _breaks(CLAUSE_BREAK, text, masked)))
    for m in mentions:
        m.segment = _bounds(segment_breaks, m.start, len(text))
        m.clause = _bounds(clause_breaks, m.start, len(text))
    return masked
