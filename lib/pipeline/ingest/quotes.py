"""The quote of each proposal: the clause that holds the number, widened until it says what the
number is and names one place in the report; and a proposed name for a number no indicator matched."""
from __future__ import annotations

import re
from collections.abc import Sequence

from lib.pipeline.ingest.match import RELATION_WORDS, content_words
from lib.pipeline.ingest.mentions import CLAUSE_BREAK, Mention, along


def quote_bounds(text: str, mentions: list[Mention], index: int, masked: list[tuple[int, int]]) -> tuple[int, int]:
    """Where the quote of a mention starts and ends: its clause, widened to what the number speaks
    of (the A of A/B, the subject of a relation) and to the words that say what it is."""
    m = mentions[index]
    if m.label is not None:  # a table cell is quoted with its whole row: name, unit and every column
        return _trim(text, *m.segment)
    start, end = m.clause
    if m.role == "ratio_b" and m.partner is not None:
        start = mentions[m.partner].clause[0]
    relation = m.subject is not None and (m.relational or m.is_percent and (
        m.kind in ("pct_of_target", "yoy_change_pct") or m.rule.startswith("tỷ lệ A/B")))
    if relation and m.subject is not None:
        start = min(start, mentions[m.subject].clause[0])
    # A clause with few words of its own ("đạt 102,74%", "chiếm 43,87%", "KH tăng 8-9%",
    # "(theo giá so sánh 2010) đạt 8.839,9 tỷ đồng") is read with the clause before it, and a short one
    # with the number-free clause after it ("11/11 xã, thị trấn đạt chuẩn …").
    seg_start, seg_end = m.segment
    if len(content_words(text[start:end])) < 5 and text[end:end + 1] == ",":
        following = [x for x in along(mentions, index, 1, "segment") if x.start >= end]
        stop = CLAUSE_BREAK.search(text, end + 1, seg_end)
        limit = stop.start() if stop else seg_end
        if not (following and following[0].start < limit):
            end = limit
    for _ in range(3):
        if start <= seg_start:
            break
        own = [w for w in content_words(text[start:m.start]) if w not in RELATION_WORDS | {"kh", "nq"}]
        in_brackets = text[start - 1:start] == "(" or text[start:m.start].lstrip().startswith(")")
        previous = _bounds_before(text, seg_start, start, masked)
        numbered = any(previous <= x.start < start for x in _back_to(mentions, index, previous))
        if own and not in_brackets and (len(own) >= 3 or numbered):
            break
        start = previous
    start, end = _trim(text, start, end)
    # Close a bracket the quote opened: "(NQ12%" → "(NQ12%)".
    quote = text[start:end]
    if quote.count("(") > quote.count(")") and text[end:end + 1] == ")":
        end += 1
    if text[start:end].count(")") > text[start:end].count("(") and start > 0 and text[start - 1] == "(":
        start -= 1
    return start, end


def _back_to(mentions: list[Mention], index: int, position: int) -> list[Mention]:
    """The mentions before mentions[index] that start at or after `position`, nearest first: mentions
    are in text order, so the walk stops there (linear in a long report, not numbers × numbers)."""
    found = []
    for at in range(index - 1, -1, -1):
        if mentions[at].start < position and mentions[at].unit_end < position:
            break
        found.append(mentions[at])
    return found


def proposed_name(text: str, mentions: list[Mention], index: int) -> str:
    """A clean name for a number no indicator matched ("Diện tích mía", "Năng suất lúa"): the words that
    say what it is, without verbs, time phrases and units, led by what the unit measures."""
    m = mentions[index]
    if m.role == "ratio_b" and m.partner is not None:
        index, m = m.partner, mentions[m.partner]
    if m.subject is not None and mentions[m.subject] is not m:
        name = proposed_name(text, mentions, m.subject)
        if m.kind in ("pct_of_target", "yoy_change_pct", "change_abs"):
            return name
        if m.is_percent and m.rule.startswith("tỷ lệ A/B") and name:
            return _capital("Tỷ lệ " + name[:1].lower() + name[1:])
    since = max([m.clause[0]] + [x.unit_end for x in _back_to(mentions, index, m.clause[0])
                                 if m.clause[0] <= x.unit_end <= m.start])
    words = _clean(text[since:m.start])
    head = _HEAD_BY_UNIT.get(m.unit or "")
    if m.kind == "yoy_change_pct" and words and not _HEADS.match(words):
        head = "Tốc độ tăng"
    if head and not _HEADS.match(words):
        words = f"{head} {words[:1].lower()}{words[1:]}".strip()
    name = clean_name(words)
    if not name and m.unit and m.unit not in ("%", "điểm %"):  # "đón 170.000 lượt khách": what is counted
        name = clean_name(f"Số {m.unit}")
    return name


# Verbs that start or end a phrase about an action, not a noun phrase naming a quantity.
_VERBS = ("xóa", "sửa chữa", "đón", "xét", "kiểm tra", "phấn đấu", "xây dựng", "hoàn thành", "đóng góp",
          "thông qua", "thống nhất", "tổ chức", "thực hiện", "triển khai", "phát triển", "vận động", "tiếp nhận",
          "tập hợp", "tạo", "đưa", "hỗ trợ", "tuyên truyền", "bàn giao", "khởi công", "ra quân", "mở")
# Words that name no quantity of their own: a name of only these (and heads) is a lone word.
_GENERIC = {"hộ", "xã", "vụ", "cuộc", "khu", "bậc", "trường", "người", "lượt", "con", "địa", "bàn", "chung",
            "tiêu", "chí", "đàn", "mới", "ngành", "lĩnh", "vực", "kết", "quả", "mức", "tăng", "giảm", "đơn", "vị",
            "tỉnh", "huyện", "điểm", "hợp", "nghị", "đồng", "tỷ", "triệu", "ha", "tấn", "km", "lần"}
_HEAD_WORDS = {"số", "tỷ", "lệ", "tổng", "tốc", "độ", "giá", "trị", "sản", "lượng", "diện", "tích", "năng", "suất"}
_LEADING = re.compile(r"(?i)^(?:theo báo cáo|theo|đây là|trong đó|riêng|ngoài ra|sơ bộ|tuy nhiên|bên cạnh đó|"
                      r"nhìn chung|cụ thể)\b[\s,:]*")
_TRAILING = {"bị", "chỉ", "như", "là", "thì", "mà", "nhưng", "để", "nhằm", "về", "do"}
_CLAUSE_WORDS = re.compile(r"(?i)\s(?:là|nhất|thì|nhưng|cũng)\b")


def clean_name(words: str) -> str:
    """A name for a new indicator from the sentence's words, or "" when they hold none: a noun phrase,
    never a verb ("Xóa", "Sửa chữa", "Đón"), never a lone word ("Tỷ lệ", "Số hộ"), never a clause
    ("Đây là mức giảm nhiều nhất …")."""
    words = _LEADING.sub("", words.strip(" ,;:()-–")).strip()
    lowered = words.lower()
    changed = True
    while changed and lowered:
        changed = False
        for verb in _VERBS:
            if lowered == verb or lowered.startswith(verb + " "):
                words, lowered, changed = words[len(verb):].strip(), lowered[len(verb):].strip(), True
            elif lowered.endswith(" " + verb):
                return ""  # "Đại biểu thống nhất thông qua": the subject of an action, not what is counted
        tokens = lowered.split()
        if tokens and tokens[-1] in _TRAILING:
            words, lowered, changed = " ".join(words.split()[:-1]), " ".join(tokens[:-1]), True
    tokens = lowered.split()
    if not tokens or len(tokens) > 12 or _CLAUSE_WORDS.search(f" {lowered}"):
        return ""
    if not [t for t in tokens if t not in _GENERIC | _HEAD_WORDS and t.strip(",:;()-–")]:
        return ""  # "Tỷ lệ", "Số hộ", "Địa bàn", "Mức tăng chung"
    return _capital(words.strip(" ,;:"))


# What a unit measures, to lead a name that does not say it ("mía 1.250 ha" → "Diện tích mía").
_HEAD_BY_UNIT = {"ha": "Diện tích", "tấn": "Sản lượng", "tạ/ha": "Năng suất", "tấn/ha": "Năng suất",
                 "con": "Tổng đàn", "%": "Tỷ lệ"}
_HEADS = re.compile(r"(?i)^(?:diện tích|sản lượng|năng suất|tổng|đàn|số|tỷ lệ|tỷ trọng|tốc độ|giá trị|thu|chi|vốn|"
                    r"kim ngạch|mức|cơ cấu|doanh thu|lượt|chỉ số|quy mô|kế hoạch|dự toán)\b")
_TIME = re.compile(r"(?i)\b(?:\d+\s+tháng(?:\s+đầu\s+năm)?|cả năm|trong năm|năm\s+\d{4}|đến nay|hiện nay|"
                   r"quý\s+[IVX1-4]+(?:\s*/\s*\d{4})?|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|"
                   r"(?:vụ\s+)?(?:hè thu|đông xuân|thu đông|vụ mùa)|so với (?:cùng kỳ|năm)[^,;]*)")
_UNIT_WORDS = re.compile(r"(?i)\s+(?:ha|tấn|con|%|tỷ đồng|triệu đồng|tạ/ha|tấn/ha)\s*$")
_DROP = {"có", "đạt", "được", "là", "với", "và", "hiện", "toàn", "huyện", "xã", "phường", "tỉnh", "kết", "quả",
         "khoảng", "gần", "trên", "ước", "hơn", "nay", "đến", "trong", "đó", "cho", "đã", "tăng", "giảm", "còn",
         "chiếm", "bằng", "vượt", "thêm", "lên", "xuống", "từ", "tại", "cả", "năm", "tháng", "của", "ở", "các",
         "những", "một", "phát", "ra", "nghe"}


def _clean(words: str) -> str:
    """The words after the last time phrase that hold any ("Theo báo cáo … 9 tháng năm 2023 giá trị sản
    xuất …"), without leading and trailing fillers (compared with their accents: "năng" is not "nâng",
    "cỏ" is not "có"), units and punctuation."""
    for part in reversed(_TIME.split(words)):
        cleaned = _clean_part(part)
        if cleaned:
            return cleaned
    return ""


def _clean_part(words: str) -> str:
    words = _UNIT_WORDS.sub("", words)
    tokens = words.strip(" -–:,;()\t\n").split()
    lowered = [t.lower().strip(",:;()") for t in tokens]
    while tokens and (lowered[-1] in _DROP and not (lowered[-1] == "bằng" and lowered[-2:-1] == ["mặt"])
                      or not any(c.isalnum() for c in lowered[-1])):
        tokens.pop(), lowered.pop()  # "giải phóng mặt bằng" keeps its "bằng"
    while tokens and (lowered[0] in _DROP and not (lowered[0] == "tăng" and lowered[1:2] == ["trưởng"])
                      or not any(c.isalnum() for c in lowered[0])
                      or lowered[0] == "nâng" and len(lowered) > 1 and lowered[1] in ("tổng", "lên")):
        tokens.pop(0), lowered.pop(0)
    return " ".join(tokens).strip(" ,;:")


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _bounds_before(text: str, segment_start: int, clause_start: int,
                   masked: Sequence[tuple[int, int]] = ()) -> int:
    """The start of the clause before the one that starts at `clause_start` (within the segment);
    commas inside a number's unit ("đoàn viên, hội viên") do not count."""
    stop = max(segment_start, clause_start - 1)
    cuts = [m.end() for m in CLAUSE_BREAK.finditer(text, segment_start, stop)
            if not any(start <= m.start() < end for start, end in masked)]
    return max(cuts, default=segment_start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n-–•*+,":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def unique_quote(text: str, start: int, end: int, m: Mention) -> tuple[int, int]:
    """Widen a quote that appears more than once in the report, until it names one place."""
    if text.count(text[start:end]) <= 1:
        return start, end
    for wider in (m.segment, _line_bounds(text, m.start)):
        s, e = _trim(text, min(start, wider[0]), max(end, wider[1]))
        if text.count(text[s:e]) <= 1:
            return s, e
    return start, end


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end
