"""The report's words: each curated statement (a judgement, a shortcoming, a cause, a task) checked
against the catalogue and found in its report like a number; and the coverage of the report's
statement sections: every sentence there is quoted by statements, or ignored with a reason."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.data.contract import STATEMENT_KINDS
from lib.pipeline.curated import Curated, Report
from lib.pipeline.problems import Problem, relative_name
from lib.words import labels
from lib.words.vntext import nfc

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
# A line's numbering or bullet ("1.", "1.2.", "II-", "-"): not part of its sentence.
_NUMBERING = re.compile(r"\s*(?:(?:\d+\.)+|[IVX]+-|-)?\s*")
# A sentence ends at ". " before a capital letter (the report's own sentences), or at a line's end.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])")
# Words that join two quoted statements inside one sentence ("…chưa đạt và xây dựng…").
CONNECTIVES = frozenset({"và", "nhưng", "đồng thời", "trong đó"})


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sections_of(report: Report) -> list[tuple[int, int]]:
    """The spans of the statement sections report.json names (`statement_sections`: pairs of the
    line that opens a section and the text that follows it), each after its opening line."""
    spans = []
    for opening, following in report.meta.get("statement_sections", []):
        start = report.text.find(nfc(opening))
        if start < 0:
            continue
        start = report.text.find("\n", start) + 1 or len(report.text)
        end = report.text.find(nfc(following), start)
        spans.append((start, end if end >= 0 else len(report.text)))
    return spans


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences of text[start:end]: each line without its numbering, cut at sentence ends."""
    found = []
    position = start
    for line in text[start:end].split("\n"):
        line_start = position
        position += len(line) + 1
        numbering = _NUMBERING.match(line)  # always matches: every part of the pattern is optional
        body = line_start + (numbering.end() if numbering else 0)
        pieces = _SENTENCE_END.split(text[body:line_start + len(line)])
        offset = body
        for piece in pieces:
            offset = text.index(piece, offset) if piece else offset
            stripped = piece.strip()
            if stripped:
                first = offset + piece.index(stripped)
                found.append(Sentence(first, first + len(stripped), stripped))
            offset += len(piece)
    return found


@dataclass
class SentenceCoverage:
    sentences: list[Sentence] = field(default_factory=list)
    stated: list[Sentence] = field(default_factory=list)
    ignored: list[Sentence] = field(default_factory=list)  # no statement in it: ignored with a reason
    leftovers: list[tuple[Sentence, str]] = field(default_factory=list)  # and the words neither covers
    unused_rules: list[dict] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"sentences": len(self.sentences), "stated": len(self.stated), "ignored": len(self.ignored),
                "leftover": len(self.leftovers)}


def _ignore_spans(text: str, rule: dict) -> list[tuple[int, int]]:
    match = rule["match"]
    if match.startswith("re:"):
        return [m.span() for m in re.finditer(match[3:], text, flags=re.MULTILINE)]
    needle, spans, at = nfc(match), [], text.find(nfc(match))
    while needle and at != -1:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return spans


def _residue(text: str, sentence: Sentence, spans: list[tuple[int, int]]) -> str:
    """The words of a sentence that no span covers, connectives and punctuation aside."""
    kept = [char if not any(s <= sentence.start + i < e for s, e in spans) else " "
            for i, char in enumerate(sentence.text)]
    words = re.sub(r"[^\w\s]", " ", "".join(kept)).split()
    residue = " ".join(words)
    for connective in sorted(CONNECTIVES, key=len, reverse=True):
        residue = re.sub(rf"(?<!\w){connective}(?!\w)", " ", residue)
    return " ".join(residue.split())


def measure_sentences(report: Report, statement_spans: list[tuple[int, int]],
                      ignore_rules: list[dict]) -> SentenceCoverage:
    """Classify every sentence of the report's statement sections."""
    result = SentenceCoverage()
    rule_spans = [(rule, _ignore_spans(report.text, rule)) for rule in ignore_rules]
    used = set()
    for start, end in sections_of(report):
        for sentence in sentences(report.text, start, end):
            result.sentences.append(sentence)
            inside = [(s, e) for s, e in statement_spans if s < sentence.end and e > sentence.start]
            ignoring = []
            for index, (_rule, spans) in enumerate(rule_spans):
                hits = [(s, e) for s, e in spans if s < sentence.end and e > sentence.start]
                if hits:
                    used.add(index)
                    ignoring += hits
            residue = _residue(report.text, sentence, inside + ignoring)
            if residue:
                result.leftovers.append((sentence, residue))
            elif inside:  # a heading before a colon may be ignored, the sentence is still stated
                result.stated.append(sentence)
            else:
                result.ignored.append(sentence)
    result.unused_rules = [rule for index, (rule, _) in enumerate(rule_spans) if index not in used]
    return result


def read_statements(curated: Curated, report: Report, problems: list[Problem]) -> list[dict]:
    """The rows of statements.parquet from one report's statements.csv, each quote found in the report."""
    file = relative_name(report.folder / "statements.csv", curated.root)
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for row in report.statements:
        line = row["_row"]
        statement_id = row["statement_id"]
        if not _SLUG.fullmatch(statement_id):
            problems.append(Problem(file, line, f"mã nhận định “{statement_id}” không hợp lệ",
                                    "dùng chữ thường không dấu, số, dấu gạch ngang hoặc gạch dưới"))
            continue
        if statement_id in seen:
            problems.append(Problem(file, line, f"mã nhận định “{statement_id}” bị trùng (dòng {seen[statement_id]})",
                                    "đặt mã khác"))
            continue
        seen[statement_id] = line
        if row["kind"] not in STATEMENT_KINDS:
            problems.append(Problem(file, line, f"loại nhận định “{row['kind']}” không hợp lệ",
                                    f"chọn một trong: {', '.join(STATEMENT_KINDS)}"))
            continue
        if row["domain"] not in labels.DOMAINS:
            problems.append(Problem(file, line, f"lĩnh vực “{row['domain']}” không có trong danh mục",
                                    f"chọn một trong: {', '.join(labels.DOMAINS)}"))
            continue
        indicator_ids = row["indicator_ids"].split()
        unknown = [i for i in indicator_ids if i not in curated.indicators]
        if unknown:
            problems.append(Problem(file, line, f"mã chỉ tiêu {', '.join(unknown)} chưa có trong danh mục",
                                    "sửa mã cho đúng (cách nhau bằng dấu cách) hoặc thêm chỉ tiêu vào danh mục"))
            continue
        quote = nfc(row["quote"])
        position = report.text.find(quote) if quote else -1
        if position < 0:
            problems.append(Problem(file, line, "trích dẫn không có trong báo cáo gốc",
                                    "chép nguyên văn một đoạn của báo cáo, đúng từng dấu"))
            continue
        rows.append({"report_id": report.meta["report_id"], "reporting_unit": report.meta["reporting_unit"],
                     "statement_id": statement_id, "kind": row["kind"], "domain": row["domain"],
                     "indicator_ids": indicator_ids, "source_quote": quote, "quote_start": position,
                     "curated_row": line})
    return rows


def validate_sentences(curated: Curated, report: Report, rows: list[dict], problems: list[Problem]) -> SentenceCoverage:
    """Every sentence of the statement sections is stated or ignored with a reason; every ignore rule is used."""
    spans = [(r["quote_start"], r["quote_start"] + len(r["source_quote"])) for r in rows]
    coverage = measure_sentences(report, spans, report.ignored_sentences)
    ignored_file = relative_name(report.folder / "ignored_sentences.csv", curated.root)
    for rule in report.ignored_sentences:
        if not rule["reason"]:
            problems.append(Problem(ignored_file, rule["_row"], "thiếu lý do bỏ qua", "ghi vì sao câu này không là nhận định"))
    for sentence, residue in coverage.leftovers:
        line = report.text.count("\n", 0, sentence.start) + 1
        problems.append(Problem(relative_name(report.folder / "statements.csv", curated.root), None,
                                f"câu ở dòng {line} của báo cáo chưa được ghi nhận: “{sentence.text[:120]}” "
                                f"(phần chưa có: “{residue[:80]}”)",
                                "thêm một nhận định trích câu này, hoặc một dòng trong ignored_sentences.csv kèm lý do"))
    return coverage
