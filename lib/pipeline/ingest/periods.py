"""The parts of a report: where the results of a year start, and where next year's targets start."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lib.words.vntext import fold

RESULTS, TARGETS = "results", "targets"


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


def is_heading(line: str) -> bool:
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
        if is_heading(line):
            folded = fold(line)
            named = _YEAR_IN_HEADING.search(folded)
            if named is None:  # never: a heading names its year (is_heading)
                continue
            year = int(named.group(1))
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
        periods.insert(0, Period(0, RESULTS, _default_results_year(text), ""))  # the given years come below
    if not any(p.mode == TARGETS for p in periods):
        # stable: at one start, the results part comes before a headline about next year's targets
        periods = sorted(periods + _inline_parts(text, periods[-1].year), key=lambda p: p.start)
        # A headline about next year above the results is no part heading: the build has one targets part, the last.
        periods = [Period(p.start, p.mode, p.year, "") if p.mode == TARGETS and any(
            q.mode == RESULTS and q.start > p.start for q in periods) else p for p in periods]
    fixed = []
    for period in periods:
        part_year = period.year
        if period.mode == RESULTS and results_year is not None:
            part_year = results_year
        if period.mode == TARGETS and targets_year is not None:
            part_year = targets_year
        fixed.append(Period(period.start, period.mode, part_year, period.heading))
    return fixed


# --- years named in the body: of the results, of the targets, or a comparison ----------------------

# "năm 2025", "quý I/2025", "quý I năm 2025", "6 tháng đầu năm 2024", "9 tháng/2023".
_YEAR_NAMED = re.compile(r"\b(?:nam|qu[yi]\s+(?:iv|iii|ii|i|[1-4])|thang(?:\s+dau|\s+1[0-2]|\s+[1-9])?)\s*(?:nam\s*)?/?\s*"
                         r"((?:19|20)\d{2})\b")  # … "tháng 6/2024"
_COMPARISON = re.compile(r"(?:\bso\s+(?:voi\s+)?(?:cung ky\s+|cuoi\s+)?|\bcung ky\s+|\bcua\s+|\bhon\s+|\btu\s+|\bden\s+)"
                         r"(?:nam|quy\s+\w+|(?:\d+\s+)?thang(?:\s+dau)?)?\s*(?:nam\s*)?/?\s*$")
_SPAN_OF_YEARS = re.compile(r"^\s*[-–]\s*(?:19|20)\d{2}")
_PRICE_BASE = re.compile(r"\bgia\s+(?:so sanh|co dinh|thuc te)\s*(?:cua\s+)?$")
# The nearest of these before a year says what the year is of ("đánh giá kết quả thực hiện nhiệm vụ
# năm 2025" → results; "thống nhất mục tiêu, nhiệm vụ … năm 2026" → targets).
_RESULT_CUES = re.compile(r"\b(?:ket qua|tinh hinh|danh gia|tong ket|so ket|bao cao|thuc hien(?:\s+nhiem vu)?|dat|uoc|"
                          r"chuyen bien|trong nam)\b")
_TARGET_CUES = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|ke hoach|nhiem vu|giai phap|phuong huong|de ra|"
                          r"buoc sang|du kien|quyet nghi|thong qua|huong toi|dxt|"
                          r"se (?:duoc )?(?:hoan thanh|dien ra|to chuc|trien khai))\b")
# What is yet to happen ("dự kiến tổ chức vào quý I/2025", "triển khai nhiệm vụ trọng tâm quý II") is no result.
_FUTURE = re.compile(r"\b(?:du kien|se (?:duoc )?(?:hoan thanh|dien ra|to chuc|trien khai)|"
                     r"trien khai\b[^.;]{0,30}\bnhiem vu)\b")
_SENTENCE_BREAK = re.compile(r"[.;!?\n](?=\s|$)|\n")
# "tổng kết, đánh giá 19 chỉ tiêu … năm 2022" weighs the year's targets: their results.
_WEIGHING = re.compile(r"\b(?:danh gia|tong ket|so ket|ket qua|hoan thanh|vuot)\b")
_TARGET_NOUNS = ("muc tieu", "chi tieu", "ke hoach", "nhiem vu", "giai phap", "phuong huong")
# "… chỉ tiêu chủ yếu của xã đều đạt": met, in the same clause, with no target verb between.
_ATTAINED = re.compile(r"[^\d,.;:]{0,80}?\b(?:dat|vuot|hoan thanh)\b")
_COMPARED_BEFORE = re.compile(r"\b(?:so voi|so cung ky|cung ky|hon|tang|giam)\b")


def _cues(words: str, first: bool = False) -> list[tuple[int, str]]:
    """(position, RESULTS or TARGETS) of each word in `words` that says what a year is of. "thực hiện nhiệm
    vụ" is of what precedes it ("kết quả thực hiện …" results, "giải pháp thực hiện …" targets), results
    when nothing does; a target noun weighed with no target verb before it is of the results ("hoàn thành
    và vượt các chỉ tiêu năm 2025"); "chương trình mục tiêu quốc gia" is a name."""
    results = [(c.start(), c.end(), c.group()) for c in _RESULT_CUES.finditer(words)]
    carried = [(s, e) for s, e, said in results if said.startswith("thuc hien")]
    cues = [(e, RESULTS) for _, e, said in results if not said.startswith("thuc hien")]
    weighed = [w.start() for w in _WEIGHING.finditer(words)]
    for cue in _TARGET_CUES.finditer(words):
        if any(s <= cue.start() < e for s, e, _ in results) or words.startswith("muc tieu quoc gia", cue.start()):
            continue
        verbs = [c.start() for c in _TARGET_CUES.finditer(words, 0, cue.start()) if c.group() not in _TARGET_NOUNS]
        attained = _ATTAINED.match(words, cue.end())  # "… có 22/27 chỉ tiêu đạt và vượt kế hoạch"
        if attained and any(c.group() not in _TARGET_NOUNS for c in _TARGET_CUES.finditer(attained.group())):
            attained = None  # "các chỉ tiêu phấn đấu đạt …" sets them
        weighing = cue.group() in _TARGET_NOUNS and not verbs and (any(w < cue.start() for w in weighed) or attained)
        cues.append((cue.end(), RESULTS if weighing else TARGETS))
    if first or not cues:  # read forward, the first cue decides: "Năm 2022 … thực hiện các mục tiêu" is of results
        cues += [(s, RESULTS) for s, _ in carried]
    return cues


@dataclass(frozen=True)
class YearNamed:
    start: int  # where the sentence that names it starts
    position: int  # where the year is written
    year: int
    mode: str  # RESULTS, TARGETS or "compared"
    period: str | None  # the part of the year the words name ("quý I/2025" → q1), None for none
    words: str  # the words it was read from
    leading: bool  # named at the head of its sentence ("Năm 2026, xã …"), or in the title line


def years_named(text: str) -> list[YearNamed]:
    """Every year the body names, with what it is of: the results ("Năm 2025, xã …", "đánh giá tình hình
    … 9 tháng năm 2023", "quý I/2025"), the targets ("Năm 2026, xã đề ra 24 chỉ tiêu", "các mục tiêu
    … năm 2026"), or a comparison ("so với năm 2022", "của quý I/2024"); spans of years are left out."""
    folded = fold(text)
    for said in re.finditer(r"(?i)đặt", text):  # "đặt mục tiêu" sets a target; folded it would read "đạt"
        folded = folded[:said.start()] + "dxt" + folded[said.end():]
    found: list[YearNamed] = []
    previous_end = 0
    for match in _YEAR_NAMED.finditer(folded):
        position = match.start(1)
        if _SPAN_OF_YEARS.match(folded[match.end(1):match.end(1) + 6]) or _PRICE_BASE.search(folded[:match.start()]):
            continue  # "2021 – 2025" is a term, "theo giá so sánh năm 2010" a price base
        breaks = [b.end() for b in _SENTENCE_BREAK.finditer(folded, max(0, position - 300), match.start())]
        start = breaks[-1] if breaks else max(0, position - 300)
        left = folded[start:match.start()]
        # The words since the last year named in the sentence speak of this year ("… năm 2023 và quyết định
        # các mục tiêu … năm 2024").
        own = folded[max(start, previous_end):match.start()]
        previous_end = match.end()
        nxt = _SENTENCE_BREAK.search(folded, match.end())
        right = folded[match.end():nxt.start() if nxt else len(folded)][:120]
        phrase = folded[max(start, match.start() - 40):match.end()]
        compared = _COMPARISON.search(folded[max(start, match.start() - 30):match.start() + len(match.group()) - 4])
        if compared and (not compared.group().startswith("cua") or _COMPARED_BEFORE.search(own)):
            mode = "compared"  # "của quý I/2024" compares only after "so với", "tăng": "chỉ tiêu của năm 2024" does not
        else:
            cues = _cues(own)
            after = _cues(right, first=True)
            if after and _CLAUSE_LEAD.search(own):
                mode = min(after)[1]  # "Phát huy kết quả đạt được, năm 2026, xã đề ra …": its own clause decides
            elif cues:
                mode = max(cues)[1]
            else:  # "Năm 2026, xã … đề ra 24 chỉ tiêu": the first cue after the year decides
                mode = min(after)[1] if after else RESULTS
        if _AS_OF_MONTH.search(folded, 0, position):
            mode = RESULTS  # "(đến tháng 9/2024)": the month the figures run to
        if mode == TARGETS and period_in(phrase) not in (None, "year") and not _FUTURE.search(own):
            mode = RESULTS  # "9 tháng năm 2024", "quý I/2025": targets are set for whole years, results by parts
        title = start <= len(folded) - len(folded.lstrip()) + folded.lstrip().find("\n") + 1 and start < 200
        said_before = len(re.findall(r"[a-z]+", left))
        leading = said_before <= 6 or title or (said_before <= 10 and bool(_CLAUSE_LEAD.search(left)))
        found.append(YearNamed(start, position, int(match.group(1)), mode, period_in(phrase),
                               text[max(start, match.start() - 40):match.end()].strip(), leading))
    return found


def results_year_of(text: str, named: list[YearNamed] | None = None) -> tuple[int | None, list[YearNamed]]:
    """The year the body reports results for (the one its results name most, the first on a tie), and
    the names of that year; when only targets are named, the year before the first targets year.
    `named` is years_named(text) when the caller has it already."""
    named = years_named(text) if named is None else named
    results = [n for n in named if n.mode == RESULTS]
    # A year the text also sets targets for is the results year only when no other year is of the results.
    planned = {n.year for n in named if n.mode == TARGETS}
    if any(n.year not in planned for n in results):
        # "6 tháng đầu năm 2025" is of 2025 even where the year's plan is named: a part of a year is results.
        results = [n for n in results if n.year not in planned or n.period not in (None, "year")]
    if results:
        counts: dict[int, int] = {}
        for n in results:
            counts[n.year] = counts.get(n.year, 0) + 1
        year = max(counts, key=lambda y: (counts[y], -next(i for i, n in enumerate(results) if n.year == y)))
        return year, [n for n in results if n.year == year]
    compared = [n.year for n in named if n.mode == "compared"]
    # "nhiệm vụ 3 tháng cuối năm 2022" is the rest of the results year; other targets are of the year after.
    targets = [n.year if "thang cuoi" in fold(n.words) else n.year - 1 for n in named if n.mode == TARGETS]
    if targets and compared and max(compared) + 1 in {n.year for n in named if n.mode == TARGETS} \
            and report_period(text) != "year":
        # "Trong 09 tháng, … nhiệm vụ … năm 2019" beside "so với cùng kỳ năm 2018": the year in progress.
        return max(compared) + 1, []
    if targets:
        return min(targets), []
    if compared:  # "tăng 12,3% so với cùng kỳ năm 2023": the results are of the year after
        return max(compared) + 1, []
    dated = _DATED.search(text[:200])  # a page that names no year: the year it was published
    return (int(dated.group(1)) if dated else None), []


# The publication date a page or a document opens with: "date 2024-06", "Ngày 25/12/2023", "06:29, 11/06/2024".
_DATED = re.compile(r"(?i)(?:\bdate\s+|ngày\s+\d{1,2}/\d{1,2}/|\d{1,2}:\d{2},?\s+\d{1,2}/\d{1,2}/)((?:19|20)\d{2})\b")


_CLAUSE_LEAD = re.compile(r"[,;:]\s*$")
_AS_OF_MONTH = re.compile(r"\b(?:den|tinh den|den het)\s+thang\s+\d{1,2}\s*/\s*$")
_FULL_STOP = re.compile(r"[.!?\n]")


def _inline_parts(text: str, results_year: int | None) -> list[Period]:
    """Parts without headings: a sentence naming a later year's targets starts the targets; one naming
    the results year as results ("Theo báo cáo tại kỳ họp, năm 2025, …") starts the results again."""
    parts: list[Period] = []
    mode = RESULTS
    named = years_named(text)
    stops = [b.end() for b in _FULL_STOP.finditer(text)]
    for n in named:
        # "… đánh giá … năm 2024; phương hướng, nhiệm vụ năm 2025": an agenda naming both, not a part's start.
        before = bisect.bisect_right(stops, n.position) - 1
        sentence = stops[before] if before >= 0 else 0
        agenda = any(o.mode == RESULTS and o.year == results_year and sentence <= o.position < n.position for o in named)
        if n.mode == TARGETS and n.leading and results_year is not None and n.year > results_year \
                and mode == RESULTS and not agenda:
            parts.append(Period(n.start, TARGETS, n.year, _first_words(text, n.start, n.position)))
            mode = TARGETS
        elif n.mode == RESULTS and n.year == results_year and mode == TARGETS:
            parts.append(Period(n.start, RESULTS, n.year, n.words))
            mode = RESULTS
    return parts


def _first_words(text: str, start: int, position: int) -> str:
    """The words from a sentence's start through its year and on, as many as it takes to be found
    first there (the build finds the targets part by them): "Năm 2026, xã phấn đấu" after a headline "Năm 2026"."""
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    ends = [position + 4] + [position + 4 + w.end() for w in re.finditer(r"\w+", text[position + 4:line_end])]
    for end in ends:
        words = text[start:end].strip()
        if text.find(words) >= start:
            return words
    return text[start:line_end].strip()


def _default_results_year(text: str) -> int | None:
    year, _ = results_year_of(text)
    if year is not None:
        return year
    match = _MONTHS_OF_YEAR.search(text)
    if match:
        return int(match.group(1))
    compared = [int(m.group(1)) for m in _COMPARED_YEAR.finditer(text)]
    if compared:
        return max(compared) + 1
    match = _ANY_YEAR.search(text)
    return int(match.group(1)) if match else None


def period_at(periods: list[Period], position: int) -> Period:
    """The part of the report that holds `position`."""
    current = periods[0]
    for period in periods:
        if period.start <= position:
            current = period
    return current


# --- the part of the year a figure covers, and the level of the unit a report is about ---------

# Phrases that name a part of the year, folded (no diacritics). "6 tháng cuối năm" is the half still
# to come (tasks), not a result: it names no period here.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD_PHRASES = re.compile(
    r"\b0?(?P<months>6|9|11|sau|chin|muoi mot)\s+thang(?!\s+cuoi)"
    r"|\b(?P<first3>3|ba)\s+thang\s+dau\b"
    r"|\bqu[yi]\s+(?P<quarter>iv|iii|ii|i|[1-4])\b"
    r"|\b(?P<whole>(?:uoc\s+)?(?:thuc hien\s+)?ca\s+nam)\b")
_MONTH_WORDS = {"6": "m6", "sau": "m6", "9": "m9", "chin": "m9", "11": "m11", "muoi mot": "m11"}
_UNTIL_DAY = re.compile(r"\b(?:den|tinh den)\s+(?:ngay\s+)?(\d{1,2})/(\d{1,2})(?:/((?:19|20)\d{2}))?")


def period_in(phrase: str) -> str | None:
    """The last part of the year a piece of text names: "6 tháng đầu năm 2023" → m6, "quý I" → q1,
    "ước cả năm" → year; None when it names none."""
    found = None
    for match in _PERIOD_PHRASES.finditer(fold(phrase)):
        if match.group("months"):
            found = _MONTH_WORDS[match.group("months")]
        elif match.group("first3"):  # "3 tháng đầu năm" is the first quarter
            found = "q1"
        elif match.group("quarter"):
            found = f"q{_ROMAN[match.group('quarter')]}"
        else:
            found = "year"
    return found


def until_day(phrase: str, year: int | None) -> tuple[int, int] | None:
    """"đến ngày 31/10" → (10, 31): the day a figure runs to, where the text says so."""
    match = _UNTIL_DAY.search(fold(phrase))
    if not match or (match.group(3) and year is not None and int(match.group(3)) != year):
        return None
    day, month = int(match.group(1)), int(match.group(2))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def report_period(text: str) -> str:
    """The period of a report's results, from its title (the first lines that name one): a
    six-month report is m6; a year-end report, or one that names no period, is year."""
    for line in text.split("\n")[:12]:
        found = period_in(line)
        if found:
            return found
    # "ước tính đến ngày 30-9, …" at the head of a text that names no period: the months it runs to.
    until = until_day(re.sub(r"(\d)-(\d)", r"\1/\2", "\n".join(text.split("\n")[:3])[:400]), None)
    return _UNTIL_PERIOD.get(until, "year") if until else "year"


_UNTIL_PERIOD = {(3, 31): "q1", (6, 30): "m6", (9, 30): "m9", (11, 30): "m11"}


_LEVEL_WORDS = (("phuong", "xa_phuong"), ("xa", "xa_phuong"), ("dac khu", "xa_phuong"), ("huyen", "huyen"),
                ("thi xa", "huyen"), ("quan", "huyen"), ("tinh", "tinh"))
_LEVEL_IN_TITLE = re.compile(r"\b(?:uy ban nhan dan|ubnd|hdnd|hoi dong nhan dan|dang uy|dang bo)\s+"
                             r"(thi xa|dac khu|phuong|xa|huyen|quan|tinh)\b")


def report_level(text: str) -> str | None:
    """The level of the unit a report is about, from the body that issues it ("UBND XÃ …",
    "HĐND phường …", "Ủy ban nhân dân tỉnh …"); None if its first lines do not say."""
    head = fold("\n".join(text.split("\n")[:12]))
    match = _LEVEL_IN_TITLE.search(head)
    return dict(_LEVEL_WORDS).get(match.group(1)) if match else None


_CLAUSE_START = re.compile(r"[.;\n]")


def figure_period(text: str, start: int, mode: str, kind: str, results_period: str) -> str:
    """The period of the figure at `start`: a target is the whole year's; otherwise the last period
    its sentence names before it ("6 tháng … đạt 120 tỷ, ước cả năm 250 tỷ": m6, then year), else
    the results part's period (the report's), or the year in the targets part."""
    if kind == "target" or mode == TARGETS:
        return "year"
    begin = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    named = period_in(text[begin:start])
    if named is None:  # "…; khu vực dịch vụ tăng 6,48%" is of the period its sentence named before
        stops = [m.end() for m in _FULL_STOP.finditer(text, max(0, start - 800), start)]
        begin = stops[-1] if stops else max(0, start - 800)
        if _OF_WHICH.match(fold(text[begin:begin + 30])) and len(stops) > 1:
            begin = stops[-2]  # "Trong đó, khu vực nông nghiệp tăng 0,66%" is of the sentence before
        named = period_in(text[begin:start])
    return named or results_period


_OF_WHICH = re.compile(r"\s*trong do\b")
# "(9 tháng năm 2023 tăng 5,99%)": a figure its own bracket dates to an earlier year, not a comparison.
_OWN_EARLIER_YEAR = re.compile(r"(?<!so voi )(?<!so )(?<!cung ky )(?<!voi )\bnam ((?:19|20)\d{2})\b(?!.*\bnam (?:19|20)\d{2})"
                               r"(?:(?!\bso\b|\bcung ky\b).)*$")


def own_earlier_year(text: str, start: int, clause_start: int, year: int | None) -> int | None:
    """The earlier year a figure's own bracket names before it ("(9 tháng năm 2023 tăng 5,99%)" in a report
    of 2024), else None. Outside brackets a year may be of a cause ("Kết quả năm 2021 được duy trì với 15 mô hình")."""
    opened = text.rfind("(", max(0, clause_start - 200), start)
    if year is None or opened < 0 or ")" in text[opened:start] or "\n" in text[opened:start]:
        return None
    begin = opened + 1
    found = _OWN_EARLIER_YEAR.search(fold(text[begin:start]))
    return int(found.group(1)) if found and int(found.group(1)) < year else None


def figure_until(text: str, start: int, year: int | None) -> tuple[int, int] | None:
    """The day the figure at `start` runs to, where its sentence says ("đến ngày 31/10")."""
    begin = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    return until_day(text[begin:start + 60], year)
