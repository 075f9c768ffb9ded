"""Propose candidate observations from a new report: one row per numeric fact, for staff to review.

    python -m lib.ingest REPORT.txt|REPORT.docx --out candidates.csv [--results-year 2023] [--targets-year 2024]

Nothing here writes the curated data: the output is a list of proposals. Each row says what the number
is (value, unit, kind, year), the clause of the report it came from (quote, with the number's position),
the catalogue indicator it most likely belongs to, and how sure the rules are (confidence).

The rules are the report's notation (see docs/product.md), not its sentences:

- "A/B đơn vị" is actual/plan when a following "đạt X% kế hoạch" equals A/B, when A > B, or when the
  words say plan; otherwise it is count/total ("69/69 ấp", "22/45 trường") and B has kind `total`.
- "đạt X% kế hoạch / KH / NQ / chỉ tiêu / dự toán / so nghị quyết" → pct_of_target;
  "vượt X% (chỉ tiêu)" → pct_of_target 100 + X.
- "tăng/giảm X% so (với) cùng kỳ / so với năm 2021" → yoy_change_pct, signed; "bằng X% so với cùng kỳ" → X − 100.
- "(NQ12%)", "KH 55-56 triệu đồng", "vốn được giao là …" → target; a range keeps its upper end in value_high.
- "218 tỷ 477 triệu đồng" is one value; units may be glued ("1.031.200con", "101,7%KH").
- Qualifiers ước / khoảng / gần / trên / trở lên.
- The year comes from the report's headings ("PHẦN A … NĂM 2022" → results of 2022, "B. … NĂM 2023"
  → targets of 2023) or phrases ("11 tháng năm 2022", "so với năm 2021").
- "giảm còn 1,2%", "tăng lên 93,5%" state a level; "(cùng kỳ: 7.900 con)" is last year's actual;
  "so với kế hoạch, … đạt 97,5%" and "vượt kế hoạch 5%" are shares of the plan; "150,5 tỷ đồng/145 tỷ đồng"
  is A/B with the unit written twice.
- Years, dates, document numbers, section numbers, "Covid-19", ordinals ("đợt 59", "mức độ 1") and age
  limits ("dưới 5 tuổi") are not facts and give no candidate (skipped_numbers() lists them with the reason).

API: extract(text, catalogue=None, *, results_year=None, targets_year=None) -> DataFrame (COLUMNS);
extract_file(path, catalogue=None, **years); read_report(path) -> NFC text; load_catalogue(data_dir);
find_periods(text) -> [Period]; skipped_numbers(text) -> DataFrame; to_observations(candidates) -> the
curated observations.csv layout (OBSERVATION_COLUMNS).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.numbers import NumberFormatError, parse_amount, parse_number
from lib.vntext import NumberToken, fold, nfc, numeric_tokens

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

COLUMNS = [
    "line", "number", "occurrence", "value", "value_high", "unit", "kind", "year", "qualifier",
    "indicator_id", "proposed_name", "confidence", "match_score", "rule", "note",
    "quote", "quote_start", "start", "end",
]
OBSERVATION_COLUMNS = ["indicator_id", "year", "kind", "number", "occurrence", "unit", "qualifier", "quote"]

RESULTS, TARGETS = "results", "targets"


# --- catalogue ---------------------------------------------------------------------------------


@dataclass
class Catalogue:
    """The indicators a candidate may belong to, and the units with their families."""

    indicators: pd.DataFrame  # indicator_id, name_vi, unit, measure (other columns kept)
    units: pd.DataFrame  # unit, family, scale

    def __post_init__(self) -> None:
        self._families = dict(zip(self.units["unit"], self.units["family"]))

    def family(self, unit: str | None) -> str | None:
        """The unit's family in units.csv (money, area, people…), None if the unit is not listed."""
        return self._families.get(unit) if unit else None


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """The curated catalogue (data/curated/indicators.csv and units.csv)."""
    root = Path(data_dir) / "curated"
    indicators = pd.read_csv(root / "indicators.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(root / "units.csv", dtype=str, keep_default_na=False)
    return Catalogue(indicators, units)


def empty_catalogue() -> Catalogue:
    return Catalogue(pd.DataFrame(columns=["indicator_id", "name_vi", "unit", "measure"]),
                     pd.DataFrame(columns=["unit", "family", "scale"]))


# --- reading files -----------------------------------------------------------------------------


def read_docx(path: Path | str) -> str:
    """The text of a .docx: paragraphs and table rows in document order, one per line."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(p.text for p in cell.paragraphs).strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def read_report(path: Path | str) -> str:
    """A report as NFC text, from .txt (UTF-8) or .docx."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return nfc(read_docx(path))
    if path.suffix.lower() == ".doc":
        raise ValueError("tệp .doc (Word cũ) chưa đọc được: lưu lại thành .docx rồi nạp lại")
    return nfc(path.read_text(encoding="utf-8-sig"))


# --- periods: which year, results or targets ---------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: int
    mode: str  # RESULTS or TARGETS
    year: int | None
    heading: str


_HEADING_START = re.compile(r"^\s*(?:(?:PHẦN|Phần)\s+[A-Z0-9IVX]+|[A-D]|[IVX]+)\s*[.:)\-–]")
_YEAR_IN_HEADING = re.compile(r"\bnam\s+((?:19|20)\d{2})\b")
_RESULT_WORDS = ("ket qua", "tinh hinh", "thuc hien", "danh gia", "tong ket", "so ket")
_TARGET_WORDS = ("chi tieu", "phuong huong", "ke hoach", "nhiem vu", "giai phap", "muc tieu")
_MONTHS_OF_YEAR = re.compile(r"\b\d{1,2}\s+tháng\s+(?:đầu\s+)?năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_COMPARED_YEAR = re.compile(r"\bso\s+(?:với\s+)?(?:cùng\s+kỳ\s+)?năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _is_heading(line: str) -> bool:
    folded = fold(line)
    if not _YEAR_IN_HEADING.search(folded):
        return False
    if _HEADING_START.match(line):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def find_periods(text: str, results_year: int | None = None, targets_year: int | None = None) -> list[Period]:
    """The parts of a report: where results of a year start, and where next year's targets start.

    Headings decide ("PHẦN A: KẾT QUẢ … NĂM 2022", "B. CÁC CHỈ TIÊU … NĂM 2023"); text before any heading
    reads as results of the year its phrases name ("11 tháng năm 2022", "so với năm 2021" → 2022).
    Explicit years override what the text says.
    """
    periods: list[Period] = []
    position = 0
    for line in text.split("\n"):
        if _is_heading(line):
            folded = fold(line)
            year = int(_YEAR_IN_HEADING.search(folded).group(1))
            if any(word in folded for word in _RESULT_WORDS):
                mode = RESULTS
            elif any(word in folded for word in _TARGET_WORDS):
                mode = TARGETS
            elif periods and year > (periods[-1].year or 0):
                mode = TARGETS
            else:
                mode = RESULTS
            periods.append(Period(position, mode, year, line.strip()))
        position += len(line) + 1
    if not periods or periods[0].start > 0:
        periods.insert(0, Period(0, RESULTS, _default_results_year(text), ""))
    fixed = []
    for period in periods:
        year = period.year
        if period.mode == RESULTS and results_year is not None:
            year = results_year
        if period.mode == TARGETS and targets_year is not None:
            year = targets_year
        fixed.append(Period(period.start, period.mode, year, period.heading))
    return fixed


def _default_results_year(text: str) -> int | None:
    match = _MONTHS_OF_YEAR.search(text)
    if match:
        return int(match.group(1))
    compared = [int(m.group(1)) for m in _COMPARED_YEAR.finditer(text)]
    if compared:
        return max(compared) + 1
    match = _ANY_YEAR.search(text)
    return int(match.group(1)) if match else None


def _period_at(periods: list[Period], position: int) -> Period:
    current = periods[0]
    for period in periods:
        if period.start <= position:
            current = period
    return current


# --- numbers that are not facts ----------------------------------------------------------------

_NOT_FACT_SPANS = [
    (re.compile(r"^[ \t]*\d+(?:\.\d+)*\.(?=\s)", re.MULTILINE), "số mục"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), "ngày tháng"),
    (re.compile(r"\b(?:ngày|tháng)\s+\d{1,2}(?:/\d{1,2})?(?:/\d{2,4})?\b", re.IGNORECASE), "ngày tháng"),
    (re.compile(r"\b\d{1,2}/(?:19|20)\d{2}\b"), "tháng/năm"),
    (re.compile(r"\b\d+\s+tháng\b", re.IGNORECASE), "số tháng của kỳ báo cáo"),
    (re.compile(r"\bsố\s*:?\s*\d+[\w/\-.]*", re.IGNORECASE), None),  # checked below: document numbers
    (re.compile(r"\b\d+(?:[.,]\d+)?\s*[-–]?\s*tuổi\b", re.IGNORECASE), "giới hạn tuổi"),
    (re.compile(r"\b\d+[-–]\d+\s+tuổi\b", re.IGNORECASE), "giới hạn tuổi"),
    (re.compile(r"\b\d+\s*(?:giờ|phút)\b", re.IGNORECASE), "giờ"),
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
    if re.search(r"[^\W\d_]-$", before):  # Covid-19, H5N1-…
        return "tên riêng"
    if re.search(r"[^\W\d_]$", before):  # glued after letters: "NQ12%" is a target, "H5N1" is a name
        if not re.search(r"(NQ|KH)$", before):
            return "tên riêng"
    if re.match(r"-[A-ZĐ]", after):  # 21-KL/TW
        return "số văn bản"
    if _ORDINAL_BEFORE.search(before) or _ORDINAL_AFTER.match(after):
        return "số thứ tự"
    return None


# --- units -------------------------------------------------------------------------------------

# Units other reports use that the curated list may not have yet (the curated list comes first).
EXTRA_UNITS = ["km", "km2", "kg", "tạ", "lít", "USD", "triệu USD", "nghìn đồng", "ngàn đồng", "lượt",
               "người", "chiếc", "cái", "cây", "lớp", "phòng", "ca", "bệnh nhân", "giáo viên", "hecta"]
UNIT_ALIASES = {"HTX": "hợp tác xã", "DN": "doanh nghiệp", "hecta": "ha", "héc ta": "ha"}
_PER_10K = re.compile(r"^\s*([^\W\d_]+)(?:\s+[^\W\d_]+)?\s*/\s*vạn\s+dân", re.IGNORECASE)


class UnitReader:
    def __init__(self, catalogue: Catalogue):
        names = list(catalogue.units["unit"]) + [u for u in EXTRA_UNITS if u not in set(catalogue.units["unit"])]
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
        money = re.match(r"\s*(tỷ|triệu|nghìn|ngàn)(?:\s+(đồng|USD))?(?![^\W_])", rest, re.IGNORECASE)
        if money:
            unit = money.group(1).lower() + " " + (money.group(2) or "đồng")
            return unit, position + money.end(), True
        word = re.match(r"\s*([^\W\d_]+)", rest)
        if word and word.group(1)[0].islower() or (word and word.group(1).isupper() and len(word.group(1)) <= 5):
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

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


_COMPOUND = re.compile(r"\s*tỷ\s+(\d+(?:[.,]\d+)*)\s*(triệu)(?:\s+đồng)?(?![^\W_])", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s*[-–]\s*$")
_RATIO_SEP = re.compile(r"\s*/\s*$")


def _mentions(text: str, units: UnitReader) -> tuple[list[Mention], list[tuple[NumberToken, str]]]:
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
        if compound and compound.start(1) == nxt.start:
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
_CLAUSE_BREAK = re.compile(r",(?!\d)|\(|\)|“|”|\"|\|")


def _breaks(pattern: re.Pattern, text: str, masked: list[tuple[int, int]]) -> list[int]:
    found = []
    for match in pattern.finditer(text):
        position = match.start()
        if any(start <= position < end for start, end in masked):
            continue
        found.append(position)
    return found


def _bounds(breaks: list[int], position: int, length: int) -> tuple[int, int]:
    start, end = 0, length
    for point in breaks:
        if point < position:
            start = point + 1
        else:
            end = point
            break
    return start, end


# --- words -------------------------------------------------------------------------------------

# "tăng trưởng", "tăng cường" are not increases; "giảm còn 1,2%", "tăng lên 95%" state a level.
_DIRECTION = re.compile(r"\b(tăng(?!\s+(?:trưởng|cường|lên|thêm\s+lên))|giảm(?!\s+(?:còn|xuống))|bằng|vượt|đạt)\b",
                        re.IGNORECASE)
_PLAN_AFTER = re.compile(r"^\s*(?:so\s+(?:voi\s+)?)?(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan)\b")
_PLAN_BEFORE = re.compile(r"\bso\s+(?:voi\s+)?(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan)\b")
_LEADING_SAME_PERIOD = re.compile(r"so\s+(?:voi\s+)?cung ky\b")
_PREVIOUS_YEAR = re.compile(r"\bcung ky(?:\s+nam\s+(?:truoc|\d{4}))?\s*(?:la\s+)?:?\s*$")
_PLAN_WORDS = re.compile(r"\b(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan)\b")
_TARGET_BEFORE = re.compile(
    r"\b(?:ke hoach|kh|nghi quyet|nq|chi tieu|du toan|duoc giao|giao)\b[\s:]*(?:la\b\s*)?"
    r"(?:(?:tang|giam)\b\s*)?(?:dat\b\s*)?(?:tu\b\s*)?$")
_SAME_PERIOD = re.compile(r"\bcung ky\b|\bso\s+(?:voi\s+)?nam\s+(?:truoc|\d{4})\b")
_RATE_WORDS = re.compile(r"\b(?:ty le|chiem|binh quan)\b")
_CONJUNCTION = re.compile(r"\s(?:và|với|còn|trong đó)\s", re.IGNORECASE)
_RELATION_WORDS = {"dat", "chiem", "ty", "le", "tang", "giam", "uoc", "bang", "vuot", "khoang", "gan", "tong"}
MATCH_THRESHOLD = 0.4
_STOP = {"va", "cac", "cua", "cho", "voi", "trong", "tren", "duoc", "co", "la", "nhung", "mot", "so",
         "da", "den", "tai", "theo", "nay", "do", "nam", "the", "ve", "o", "tu", "nhu", "khi", "hon"}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", fold(text)) if w not in _STOP]


# --- the extractor -----------------------------------------------------------------------------


class Extractor:
    def __init__(self, catalogue: Catalogue | None = None):
        self.catalogue = catalogue if catalogue is not None else empty_catalogue()
        self.units = UnitReader(self.catalogue)
        self._index_catalogue()

    def _index_catalogue(self) -> None:
        rows = self.catalogue.indicators
        self.names: list[tuple[str, list[str], str | None, str]] = []
        self.full_names: dict[str, list[str]] = {}
        df: Counter = Counter()
        for row in rows.itertuples(index=False):
            name = re.sub(r"\([^)]*\d[^)]*\)", " ", row.name_vi)  # "(đến 16/12/2022)" names a date
            full = list(dict.fromkeys(_words(name)))
            # The unit's own words say nothing the unit family does not: "Hộ nghèo" is matched on "nghèo".
            unit_words = set(_words(row.unit))
            tokens = [t for t in full if t not in unit_words] or full
            family = self.catalogue.family(row.unit)
            self.names.append((row.indicator_id, tokens, family, getattr(row, "measure", "")))
            self.full_names[row.indicator_id] = full
            df.update(set(full))
        total = max(len(self.names), 1)
        self.idf = {token: math.log(1 + total / count) for token, count in df.items()}
        self.family_size = Counter(family for _, _, family, _ in self.names)

    # -- entry point --

    def extract(self, text: str, results_year: int | None = None, targets_year: int | None = None) -> pd.DataFrame:
        text = nfc(text)
        periods = find_periods(text, results_year, targets_year)
        mentions, _ = _mentions(text, self.units)
        masked = [(m.start, max(m.unit_end, m.end)) for m in mentions]
        self._masked = masked
        segment_breaks = _breaks(_SEGMENT_BREAK, text, masked)
        clause_breaks = sorted(set(segment_breaks + _breaks(_CLAUSE_BREAK, text, masked)))
        for m in mentions:
            m.segment = _bounds(segment_breaks, m.start, len(text))
            m.clause = _bounds(clause_breaks, m.start, len(text))
            period = _period_at(periods, m.start)
            m.year, m.period_mode = period.year, period.mode
            m.line = text.count("\n", 0, m.start) + 1
        self._subjects(mentions)
        self._qualifiers(text, mentions)
        for index, m in enumerate(mentions):
            self._classify(text, mentions, index)
        self._refine_subjects(mentions)
        assignments = self._match_indicators(text, mentions)
        return self._frame(text, mentions, assignments)

    # -- structure --

    def _subjects(self, mentions: list[Mention]) -> None:
        """What each number speaks of: for a percent, the nearest quantity before it in the same segment
        (else the nearest percent); for a quantity, the nearest one before it in the same unit."""
        for index, m in enumerate(mentions):
            before = [b for b in range(index - 1, -1, -1)
                      if mentions[b].segment == m.segment and mentions[b].role != "ratio_b"]
            if m.is_percent:
                quantities = [b for b in before if not mentions[b].is_percent and mentions[b].unit_known]
                percents = [b for b in before if mentions[b].is_percent]
                m.subject = quantities[0] if quantities else (percents[0] if percents else None)
            else:
                same = [b for b in before if mentions[b].unit == m.unit and m.unit]
                m.subject = same[0] if same else None

    def _refine_subjects(self, mentions: list[Mention]) -> None:
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

    def _left(self, text: str, mentions: list[Mention], index: int) -> str:
        """Words since the previous number (or the clause start) up to this number."""
        m = mentions[index]
        start = m.clause[0]
        if index > 0:
            previous = mentions[index - 1]
            if m.role == "ratio_b":
                previous = mentions[index - 2] if index > 1 else None
            if previous is not None and previous.clause == m.clause:
                start = max(start, previous.unit_end)
        return text[start:m.start]

    def _right(self, text: str, m: Mention) -> str:
        """Words after the number and its unit, to the clause end."""
        return text[max(m.unit_end, m.end):m.clause[1]]

    def _qualifiers(self, text: str, mentions: list[Mention]) -> None:
        for index, m in enumerate(mentions):
            if m.role == "ratio_b":
                continue
            left = fold(self._left(text, mentions, index))
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
            m.qualifier = " ".join(words)

    # -- kinds --

    def _classify(self, text: str, mentions: list[Mention], index: int) -> None:
        m = mentions[index]
        left_raw = self._left(text, mentions, index)
        left = fold(left_raw)
        right = fold(self._right(text, m))
        cues = _DIRECTION.findall(left_raw.lower())
        cue = cues[-1] if cues else None
        targets = m.period_mode == TARGETS

        if m.role == "ratio_b":
            self._classify_ratio(text, mentions, index)
            return
        if m.role == "ratio_a":
            m.kind, m.rule = ("target", "phần chỉ tiêu") if targets else ("actual", "A trong A/B")
            return

        if m.is_percent:
            self._classify_percent(text, mentions, index, left, right, cue)
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
                m.note = "đơn vị lạ: có thể không phải số liệu"
            return
        if _TARGET_BEFORE.search(left.rstrip()) or m.role == "range":
            m.kind, m.rule = "target", "chữ KH/NQ/chỉ tiêu/được giao trước số"
            m.relational = m.subject is not None
            if cue == "giảm":
                m.value = -m.value
            return
        m.kind, m.rule = "actual", "số thực hiện"
        if _SAME_PERIOD.search(right) and cue in ("tăng", "giảm"):
            m.note = "mức thay đổi so cùng kỳ bằng số tuyệt đối, không phải %"
            m.confidence = 0.4
            if cue == "giảm":
                m.value = -m.value
        if not m.unit_known:
            m.confidence = 0.5
            m.note = "đơn vị lạ: có thể không phải số liệu"

    def _classify_percent(self, text, mentions, index, left, right, cue) -> None:
        m = mentions[index]
        left_raw = self._left(text, mentions, index)
        targets = m.period_mode == TARGETS
        sign = -1.0 if cue == "giảm" else 1.0
        if targets:
            m.kind, m.rule = "target", "phần chỉ tiêu"
            m.value *= sign
            if m.value_high is not None:
                m.value_high *= sign
            return
        if _PREVIOUS_YEAR.search(fold(text[max(0, m.start - 40):m.start]).rstrip()):
            m.kind, m.rule, m.confidence = "actual", "số cùng kỳ năm trước", 0.7
            m.year = m.year - 1 if m.year else None
            m.relational = m.subject is not None
            return
        if cue == "vượt":
            m.kind, m.rule = "pct_of_target", "vượt X% → 100 + X"
            m.value = 100.0 + m.value
            return
        lead = fold(text[m.segment[0]:m.start]).lstrip(" -–+•*\t")
        if (_PLAN_BEFORE.search(left) or _PLAN_BEFORE.match(lead)) and cue in ("đạt", "bằng", None):
            m.kind, m.rule = "pct_of_target", "so với kế hoạch đạt X%"
            return
        if _TARGET_BEFORE.search(left.rstrip()):
            m.kind, m.rule = "target", "NQ/KH trước số"
            m.relational = m.subject is not None
            m.value *= sign
            if m.value_high is not None:
                m.value_high *= sign
            return
        if m.role == "range":
            m.kind, m.rule, m.confidence = "target", "khoảng số: chỉ tiêu", 0.7
            m.relational = m.subject is not None
            return
        lead = fold(text[m.segment[0]:m.start]).lstrip(" -–+•*\t")
        compared_before = _SAME_PERIOD.search(left) or _LEADING_SAME_PERIOD.match(lead)
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
        share = self._ratio_share(mentions, index)
        if share is not None:
            m.kind, m.rule = "actual", "tỷ lệ A/B"
            m.subject = share
            return
        subject = mentions[m.subject] if m.subject is not None else None
        bare = not re.search(r"[a-z0-9]", right)
        own = [w for w in _words(re.sub(r"(?i)\b(đạt|bằng)\b", " ", left_raw)) if w not in _RELATION_WORDS]
        if cue in ("đạt", "bằng") and bare and not own and subject is not None and not subject.is_percent:
            subject_clause = fold(text[subject.clause[0]:subject.clause[1]])
            if not (_RATE_WORDS.search(left) or _RATE_WORDS.search(subject_clause)):
                m.kind, m.rule, m.confidence = "pct_of_target", "đạt X% sau một số lượng (ngầm hiểu so kế hoạch)", 0.6
                return
        m.kind, m.rule = "actual", "tỷ lệ"
        if cue == "giảm":
            m.value = -m.value
            m.rule = "giảm X% (mức thay đổi)"
        elif cue == "tăng":
            m.rule = "tăng X% (tốc độ tăng)"

    def _ratio_share(self, mentions: list[Mention], index: int) -> int | None:
        """A percent equal to 100·A/B of a ratio before it in the segment: the ratio's share."""
        m = mentions[index]
        for back in range(index - 1, -1, -1):
            other = mentions[back]
            if other.segment != m.segment:
                break
            if other.role == "ratio_a" and other.partner is not None:
                b = mentions[other.partner]
                if b.value and abs(100.0 * other.value / b.value - abs(m.value)) <= 0.051:
                    return back
        return None

    def _classify_ratio(self, text: str, mentions: list[Mention], index: int) -> None:
        b = mentions[index]
        a = mentions[b.partner]
        share = 100.0 * a.value / b.value if b.value else None
        # A percent later in the segment that equals A/B says which: "đạt X% kế hoạch" → plan.
        for later in mentions[index + 1:]:
            if later.segment != b.segment:
                break
            if not later.is_percent or share is None or abs(share - later.value) > 0.051:
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

    # -- indicators --

    def _window(self, text: str, mentions: list[Mention], index: int) -> tuple[int, int]:
        """The words that belong to this number: since the previous number of the clause (or after its
        last "và"/"với"), through the unit, up to the next number (or the next "và"/"với")."""
        m = mentions[index]
        clause_start, clause_end = m.clause
        before = [x for x in mentions[:index] if x.clause == m.clause and x.role != "ratio_a"]
        after = [x for x in mentions[index + 1:] if x.clause == m.clause and x.role != "ratio_b"]
        start = before[-1].unit_end if before else clause_start
        gap = text[start:m.start]
        split = list(_CONJUNCTION.finditer(gap))
        if split:
            start += split[-1].end()
        end = after[0].start if after else clause_end
        tail = _CONJUNCTION.search(text, max(m.unit_end, m.end), end)
        if tail:
            end = tail.start()
        return start, end

    def _context(self, text: str, mentions: list[Mention], index: int) -> dict[str, float]:
        """Words around a number, weighted by closeness: its own words 1, the subject phrase before its
        clause .8, the rest of its clause .5, the sentence .3."""
        m = mentions[index]
        weights: dict[str, float] = {}

        def add(part: str, weight: float) -> None:
            for word in _words(part):
                weights[word] = max(weights.get(word, 0.0), weight)

        seg_start, seg_end = m.segment
        line_start = text.rfind("\n", 0, m.start) + 1
        add(text[line_start:seg_start], 0.25)  # the topic ("- Chăn nuôi:") and the sentences before
        add(text[seg_start:seg_end], 0.3)
        clause_start, clause_end = m.clause
        start, end = self._window(text, mentions, index)
        add(text[clause_start:start], 0.5)
        add(text[end:clause_end], 0.3)
        # The words between the previous number and this clause: "Tỷ lệ hộ sử dụng điện thường xuyên,
        # an toàn đạt 99,8%", "tổng giá trị sản xuất (theo giá so sánh 2010) đạt 8.839,9 tỷ đồng".
        previous = [x for x in mentions[:index] if x.segment == m.segment and x.clause != m.clause]
        own_words = [w for w in _words(text[clause_start:m.start]) if w not in _RELATION_WORDS]
        if previous:
            last = previous[-1]
            add(text[last.clause[0]:last.clause[1]], 0.8 if not own_words else 0.45)
            add(text[max(last.unit_end, last.clause[1]):clause_start], 0.6)
        else:
            add(text[seg_start:clause_start], 0.8)
        # A following clause without a number describes this one: "11/11 xã, thị trấn đạt chuẩn …".
        following = [x for x in mentions[index + 1:] if x.segment == m.segment and x.clause != m.clause]
        next_clause_end = following[0].clause[0] if following else seg_end
        if clause_end < next_clause_end:
            add(text[clause_end:next_clause_end], 0.6)
        add(text[start:end], 1.0)
        if m.unit_known and m.unit:
            add(m.unit, 0.5)
        # "toàn huyện có N", "nâng tổng số lên N": a total.
        if re.search(r"\b(?:toan huyen|nang (?:len|tong)|hien co|tong cong)\b", fold(text[clause_start:m.start])):
            weights["tong"] = max(weights.get("tong", 0.0), 0.8)
        return weights

    def _scores(self, text: str, mentions: list[Mention], index: int) -> list[tuple[float, str]]:
        m = mentions[index]
        context = self._context(text, mentions, index)
        start, end = self._window(text, mentions, index)
        own = set(_words(text[start:end])) - _RELATION_WORDS
        own_total = sum(self.idf.get(t, 1.0) for t in own)
        family = "percent" if m.is_percent else self.catalogue.family(m.unit)
        any_family = m.kind in ("pct_of_target", "yoy_change_pct")  # of what, the words must say
        lead = fold(text[m.clause[0]:m.start])
        change = m.is_percent and m.value < 0 or bool(re.search(r"\b(?:tang|giam)\s*$", lead.rstrip()))
        flow = bool(re.search(r"\b(?:xay dung|thanh lap|phat trien|ket nap|cap moi|tao|dua|them)\b", lead))
        level = bool(re.search(r"\b(?:toan huyen|hien co|nang tong|den nay|con)\b", lead))
        scores = []
        for indicator_id, tokens, ind_family, measure in self.names:
            if not tokens:
                continue
            if any_family:
                tokens = self.full_names[indicator_id]  # of what unit is unknown: every word counts
            elif family is not None and ind_family != family:
                continue
            elif family is None and (ind_family == "percent" or m.unit is None):
                continue
            total = sum(self.idf[t] for t in tokens)
            coverage = sum(self.idf[t] * context.get(t, 0.0) for t in tokens) / total
            # The number's own words that the name does not explain ("cận" in "hộ cận nghèo").
            explained = sum(self.idf.get(t, 1.0) for t in own if t in tokens) / own_total if own_total else 0.0
            score = 0.8 * coverage + 0.2 * explained
            if family is None and not any_family:
                score *= 0.8
            if not any_family and family is not None:
                # The unit itself is evidence when few indicators share it (eggs, booths, heritage sites).
                score += {1: 0.2, 2: 0.1}.get(self.family_size.get(ind_family, 0), 0.0)
            if m.is_percent and (measure == "change") != change:
                score -= 0.2
            if (flow and measure == "flow") or (level and measure == "level"):
                score += 0.05
            scores.append((score, indicator_id))
        scores.sort(reverse=True)
        return scores

    def _match_indicators(self, text: str, mentions: list[Mention]) -> dict[int, tuple[str, float]]:
        """Best catalogue indicator per candidate: same unit family, most name words around the number,
        each (indicator, year, kind) used once; the assignment maximises the total score."""
        relational = {"pct_of_target", "yoy_change_pct"}
        options: dict[int, dict[str, float]] = {}
        for index, m in enumerate(mentions):
            if (m.kind in relational or m.relational) and m.subject is not None:
                continue
            if m.role == "ratio_b":
                continue
            ranked = self._scores(text, mentions, index)[:10]
            # A clear winner may score lower: "Phát triển mới 41 doanh nghiệp" for "Doanh nghiệp thành lập mới".
            runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
            options[index] = {i: sc for sc, i in ranked
                              if sc >= MATCH_THRESHOLD or (sc >= 0.25 and sc >= 2 * runner_up)}
        chosen = _assign(options, lambda index: (mentions[index].year, mentions[index].kind))
        used = {(indicator_id, mentions[i].year, mentions[i].kind): i for i, (indicator_id, _) in chosen.items()}
        for index, scores in options.items():
            if index in chosen or not scores:
                continue
            best = max(scores, key=scores.get)
            first = used.get((best, mentions[index].year, mentions[index].kind))
            m = mentions[index]
            if first is not None and abs(mentions[first].value - m.value) < 1e-9 and mentions[first].unit == m.unit:
                m.note = f"có thể lặp lại số ở dòng {mentions[first].line}"
                m.confidence = min(m.confidence, 0.3)
        # Relations take the indicator of what they speak of: B of A/B, % of plan, change, NQ target.
        for index, m in enumerate(mentions):
            if index in chosen:
                continue
            source = m.partner if m.role == "ratio_b" else m.subject
            if source is None or source not in chosen:
                continue
            if m.role != "ratio_b" and m.kind not in relational and not m.relational:
                continue
            indicator_id, score = chosen[source]
            key = (indicator_id, m.year, m.kind)
            if key in used:
                continue
            used[key] = index
            chosen[index] = (indicator_id, score)
        return chosen

    # -- output --

    def _quote(self, text: str, mentions: list[Mention], index: int) -> tuple[int, int]:
        m = mentions[index]
        start, end = m.clause
        if m.role == "ratio_b":
            start = mentions[m.partner].clause[0]
        relation = m.subject is not None and (m.relational or m.is_percent and (
            m.kind in ("pct_of_target", "yoy_change_pct") or m.rule.startswith("tỷ lệ A/B")))
        if relation:
            start = min(start, mentions[m.subject].clause[0])
        # A clause with few words of its own ("đạt 102,74%", "chiếm 43,87%", "KH tăng 8-9%",
        # "(theo giá so sánh 2010) đạt 8.839,9 tỷ đồng") is read with the clause before it, and a short one
        # with the number-free clause after it ("11/11 xã, thị trấn đạt chuẩn …").
        seg_start, seg_end = m.segment
        if len(_words(text[start:end])) < 5 and text[end:end + 1] == ",":
            following = [x for x in mentions if x.start >= end and x.segment == m.segment]
            stop = _CLAUSE_BREAK.search(text, end + 1, seg_end)
            limit = stop.start() if stop else seg_end
            if not (following and following[0].start < limit):
                end = limit
        for _ in range(3):
            if start <= seg_start:
                break
            own = [w for w in _words(text[start:m.start]) if w not in _RELATION_WORDS | {"kh", "nq"}]
            in_brackets = text[start - 1:start] == "(" or text[start:m.start].lstrip().startswith(")")
            previous = _bounds_before(text, seg_start, start, self._masked)
            numbered = any(previous <= x.start < start for x in mentions)
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

    def _frame(self, text: str, mentions: list[Mention], chosen: dict[int, tuple[str, float]]) -> pd.DataFrame:
        rows = []
        for index, m in enumerate(mentions):
            quote_start, quote_end = self._quote(text, mentions, index)
            quote_start, quote_end = _unique(text, quote_start, quote_end, m)
            quote = text[quote_start:quote_end]
            occurrence = 1 + sum(1 for t in numeric_tokens(quote)
                                 if t.text == m.first_token and quote_start + t.start < m.start)
            indicator_id, score = chosen.get(index, ("", 0.0))
            rows.append({
                "line": m.line,
                "number": m.number,
                "occurrence": occurrence,
                "value": m.value,
                "value_high": m.value_high,
                "unit": m.unit or "",
                "kind": m.kind,
                "year": m.year,
                "qualifier": m.qualifier,
                "indicator_id": indicator_id,
                "proposed_name": "" if indicator_id else self._proposed_name(text, mentions, index),
                "confidence": round(m.confidence, 2),
                "match_score": round(score, 3),
                "rule": m.rule,
                "note": m.note,
                "quote": quote,
                "quote_start": quote_start,
                "start": m.start,
                "end": m.end,
            })
        frame = pd.DataFrame(rows, columns=COLUMNS)
        frame["year"] = frame["year"].astype("Int64")
        frame["value_high"] = frame["value_high"].astype("Float64")
        return frame

    def _proposed_name(self, text: str, mentions: list[Mention], index: int) -> str:
        m = mentions[index]
        if m.role == "ratio_b":
            m = mentions[m.partner]
        if m.subject is not None and m.kind in ("pct_of_target", "yoy_change_pct"):
            subject = mentions[m.subject]
            return self._proposed_name(text, mentions, m.subject) if subject is not m else ""
        left = text[m.clause[0]:m.start]
        words = _strip_leading(left)
        if len(words.split()) < 2:
            after = text[m.unit_end:m.clause[1]]
            after = re.split(r"\d", after)[0]
            words = (words + " " + (m.unit or "") + " " + after).strip() if after.strip() else \
                (words + " " + (m.unit or "")).strip()
        words = re.sub(r"\s+", " ", words).strip(" -–:,")
        return words[:1].upper() + words[1:]


def _bounds_before(text: str, segment_start: int, clause_start: int,
                   masked: list[tuple[int, int]] = ()) -> int:
    """The start of the clause before the one that starts at `clause_start` (within the segment);
    commas inside a number's unit ("đoàn viên, hội viên") do not count."""
    stop = max(segment_start, clause_start - 1)
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text, segment_start, stop)
            if not any(start <= m.start() < end for start, end in masked)]
    return max(cuts, default=segment_start)


def _strip_leading(left: str) -> str:
    """The words before a number without leading verbs: "toàn huyện có", "đạt", "được"…"""
    words = left.strip(" -–:,\t\n").split()
    folded = [fold(w) for w in words]
    drop = {"co", "dat", "duoc", "la", "voi", "va", "nang", "hien", "toan", "huyen", "ket", "qua",
            "khoang", "gan", "tren", "uoc", "hon", "nay", "den", "trong", "do"}
    # Trailing particles: "… đạt", "… là", "… được", "… có".
    while folded and folded[-1] in drop:
        words.pop()
        folded.pop()
    while folded and folded[0] in drop:
        words.pop(0)
        folded.pop(0)
    return " ".join(words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n-–•*+,":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _unique(text: str, start: int, end: int, m: Mention) -> tuple[int, int]:
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


def _assign(options: dict[int, dict[str, float]], group) -> dict[int, tuple[str, float]]:
    """Give each candidate one indicator, each indicator once per (year, kind), maximising the summed
    score: greedy by score, then swaps between two candidates while they raise the total."""
    chosen: dict[int, str] = {}
    taken: dict[tuple, int] = {}
    ranked = sorted(((score, index, ind) for index, scores in options.items() for ind, score in scores.items()),
                    key=lambda item: (-item[0], item[1], item[2]))
    for score, index, ind in ranked:
        key = (ind, *group(index))
        if index in chosen or key in taken:
            continue
        chosen[index], taken[key] = ind, index
    improved = True
    while improved:
        improved = False
        for index, scores in options.items():
            current = options[index].get(chosen.get(index), 0.0)
            for ind, score in sorted(scores.items(), key=lambda kv: -kv[1]):
                if score <= current or ind == chosen.get(index):
                    continue
                holder = taken.get((ind, *group(index)))
                if holder is None:
                    if index in chosen:
                        del taken[(chosen[index], *group(index))]
                    chosen[index], taken[(ind, *group(index))] = ind, index
                    improved = True
                    break
                mine = chosen.get(index)
                holder_now = options[holder][ind]
                holder_then = options[holder].get(mine, 0.0) if mine else 0.0
                if score + holder_then > current + holder_now + 1e-9:
                    if mine is not None and holder_then > 0:
                        chosen[holder], taken[(mine, *group(holder))] = mine, holder
                    else:
                        del chosen[holder]
                        if mine is not None:
                            del taken[(mine, *group(index))]
                    chosen[index], taken[(ind, *group(index))] = ind, index
                    improved = True
                    break
            if improved:
                break
    return {index: (ind, options[index][ind]) for index, ind in chosen.items()}


# --- public API --------------------------------------------------------------------------------


def extract(text: str, catalogue: Catalogue | None = None, *, results_year: int | None = None,
            targets_year: int | None = None) -> pd.DataFrame:
    """Candidate observations of a report's text, one row per numeric fact (columns: COLUMNS).

    `catalogue` (see load_catalogue) lets rows carry the best matching indicator_id; without it every
    row has only a proposed_name. The years override what the report's headings say.
    Positions (start, end, quote_start) are offsets in nfc(text).
    """
    return Extractor(catalogue).extract(text, results_year, targets_year)


def extract_file(path: Path | str, catalogue: Catalogue | None = None, **years) -> pd.DataFrame:
    """extract() on a .txt or .docx report."""
    return extract(read_report(path), catalogue, **years)


def skipped_numbers(text: str) -> pd.DataFrame:
    """The numbers the extractor left out, and why (years, dates, document numbers…): for review."""
    text = nfc(text)
    _, skipped = _mentions(text, UnitReader(empty_catalogue()))
    return pd.DataFrame([{"line": text.count("\n", 0, t.start) + 1, "number": t.text, "start": t.start,
                          "end": t.end, "reason": reason} for t, reason in sorted(skipped, key=lambda s: s[0].start)],
                        columns=["line", "number", "start", "end", "reason"])


def to_observations(candidates: pd.DataFrame) -> pd.DataFrame:
    """Reviewed candidates in the curated observations.csv layout (rows without indicator_id dropped)."""
    rows = candidates[candidates["indicator_id"].fillna("") != ""]
    out = rows[OBSERVATION_COLUMNS].copy()
    out["year"] = out["year"].astype("Int64")
    return out.reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đề xuất các số liệu của một báo cáo mới để cán bộ rà soát.")
    parser.add_argument("report", type=Path, help="báo cáo .txt hoặc .docx")
    parser.add_argument("--out", type=Path, default=None, help="tệp CSV kết quả (mặc định: in ra màn hình)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="thư mục dữ liệu có curated/ (danh mục chỉ tiêu)")
    parser.add_argument("--results-year", type=int, default=None, help="năm của phần kết quả, nếu báo cáo không ghi")
    parser.add_argument("--targets-year", type=int, default=None, help="năm của phần chỉ tiêu, nếu báo cáo không ghi")
    parser.add_argument("--no-catalogue", action="store_true", help="không gợi ý mã chỉ tiêu")
    args = parser.parse_args(argv)
    if not args.report.exists():
        print(f"Không thấy tệp {args.report}", file=sys.stderr)
        return 1
    try:
        text = read_report(args.report)
    except (ValueError, UnicodeDecodeError) as error:
        print(f"Không đọc được {args.report}: {error}", file=sys.stderr)
        return 1
    catalogue = None if args.no_catalogue else load_catalogue(args.data)
    frame = extract(text, catalogue, results_year=args.results_year, targets_year=args.targets_year)
    if args.out:
        frame.to_csv(args.out, index=False, encoding="utf-8")
        matched = int((frame["indicator_id"] != "").sum())
        print(f"{len(frame)} số liệu đề xuất ({matched} đã gợi ý mã chỉ tiêu) → {args.out}")
        missing_year = int(frame["year"].isna().sum())
        if missing_year:
            print(f"  {missing_year} số chưa rõ năm: ghi --results-year / --targets-year", file=sys.stderr)
    else:
        frame.to_csv(sys.stdout, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
