"""The extractor: the steps from a report's text to candidate rows (periods, mentions, kinds,
indicators, quotes, each in its own module of lib.pipeline.ingest), and the functions and the command
line around it:

    python -m lib.pipeline.ingest REPORT.txt|REPORT.docx --out candidates.csv [--results-year 2023] [--targets-year 2024]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from lib.data.contract import CANDIDATE_COLUMNS, OBSERVATION_COLUMNS
from lib.judgement.pace import first_month, last_month, period_end
from lib.pipeline.ingest.annex import read_tables
from lib.pipeline.ingest.catalogue import DATA_DIR, Catalogue, empty_catalogue, load_catalogue, with_common
from lib.pipeline.ingest.changes import read_changes
from lib.pipeline.ingest.classify import CHANGE_ABS, classify, find_subjects, read_qualifiers, refine_subjects
from lib.pipeline.ingest.cross_checks import disagreeing, implausible, later_year_before, outside_frame
from lib.pipeline.ingest.frame import read_frame
from lib.pipeline.ingest.match import IndicatorMatcher
from lib.pipeline.ingest.mentions import Mention, UnitReader, find_mentions, locate_clauses
from lib.pipeline.ingest.own_targets import read_target_counts
from lib.pipeline.ingest.periods import (
    TARGETS,
    figure_period,
    figure_until,
    find_periods,
    own_earlier_year,
    period_at,
    report_period,
)
from lib.pipeline.ingest.quotes import proposed_name, quote_bounds, unique_quote
from lib.pipeline.raw import read_report
from lib.words.vntext import NumberToken, fold, nfc, numeric_tokens

# A row this sure is proposed for acceptance (the review ticks it); below it, the note says why not.
SURE = 0.7
NOT_A_FACT = "not_a_fact"  # a row number or a number inside a table's names: no proposal
WEAK_MATCH = 0.35  # below it a suggested indicator is shown as uncertain
def _telling_words() -> dict[str, tuple[re.Pattern, str]]:
    """Indicators reports name in shared words, each with the words that tell it apart (telling_words.csv)."""
    with (Path(__file__).with_name("telling_words.csv")).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return {r["indicator_id"]: (re.compile(r"\b(?:" + "|".join(re.escape(fold(w)) for w in r["telling"].split("|")) + r")\b"),
                                r["rivals"]) for r in rows}


_TELLING = _telling_words()
_OTHER_YEAR = re.compile(r"^[^.;]{0,80}?(?<!so voi )(?<!so )(?<!cung ky )\bnam ((?:19|20)\d{2})\b")
# Those a task served ("cho 53 hộ nghèo", "đã hỗ trợ được 10 hộ cận nghèo", "thăm, tặng quà 120 hộ").
_FOR_WHOM = re.compile(r"(?i)\b(?:cho|hỗ trợ|giúp(?: đỡ)?|tặng(?: quà)?|trao(?: quà)?|thăm(?: hỏi)?)\s+"
                       r"(?:(?:gần|hơn|trên|khoảng|được|cho|tổng số|tổng cộng)\s+)*$")
ALIASLESS_SURE = 0.8  # a catalogue indicator none of whose aliases the words say is sure only from this score


class Extractor:
    """The steps from a report's text to the proposals: periods, mentions and their clauses,
    subjects, qualifiers, kinds, indicators, quotes."""

    def __init__(self, catalogue: Catalogue | None = None):
        self.catalogue = with_common(catalogue) if catalogue is not None else empty_catalogue()
        self.units = UnitReader(self.catalogue)
        self.matcher = IndicatorMatcher(self.catalogue)

    def extract(self, text: str, results_year: int | None = None, targets_year: int | None = None,
                period: str | None = None) -> pd.DataFrame:
        """The proposals of `text`; the years and period of a confirmed frame override what it reads."""
        text = nfc(text)
        frame = read_frame(text)
        # Years read from an unsure frame and not confirmed by the staff member make no row sure.
        self._unsure_years = set() if frame.sure or results_year is not None else \
            {y for y in (frame.results_year, frame.targets_year) if y is not None}
        results_year = frame.results_year if results_year is None else results_year
        targets_year = frame.targets_year if targets_year is None else targets_year
        self._years = (results_year, targets_year)
        # A corrected period replaces the one read for the whole report, not one a sentence names.
        self._period, self._read_period = period or frame.period, frame.period
        periods = find_periods(text, results_year, targets_year)
        mentions, _ = find_mentions(text, self.units)
        masked = locate_clauses(text, mentions)
        for m in mentions:
            part = period_at(periods, m.start)
            m.year, m.period_mode, m.part_year = part.year, part.mode, part.year
            m.headline = part.mode == TARGETS and any(p.mode != TARGETS and p.start > part.start for p in periods)
            m.line = text.count("\n", 0, m.start) + 1
        find_subjects(mentions)
        read_qualifiers(text, mentions)
        for index in range(len(mentions)):
            classify(text, mentions, index)
        for index in read_tables(text, mentions, periods):
            mentions[index].kind = NOT_A_FACT
        refine_subjects(mentions)
        for m in mentions:
            m.year = own_earlier_year(text, m.start, m.clause[0], m.year) or m.year
        fixed = read_changes(text, mentions, self.matcher) | read_target_counts(text, mentions)
        assignments = self.matcher.match(text, mentions, fixed)
        return self._frame(text, mentions, assignments, masked)

    def _frame(self, text: str, mentions: list[Mention], chosen: dict[int, tuple[str, float]],
               masked: list[tuple[int, int]]) -> pd.DataFrame:
        rows = []
        results_period = self._period
        for index, m in enumerate(mentions):
            if m.kind == NOT_A_FACT:
                continue
            quote_start, quote_end = quote_bounds(text, mentions, index, masked)
            quote_start, quote_end = unique_quote(text, quote_start, quote_end, m)
            quote = text[quote_start:quote_end]
            if m.number == m.first_token:
                occurrence = 1 + sum(1 for t in numeric_tokens(quote)
                                     if t.text == m.first_token and quote_start + t.start < m.start)
            else:  # a range or a mixed amount is found as written (lib.pipeline.numbers.locate)
                occurrence = 1 + quote.count(m.number, 0, m.start - quote_start)
            indicator_id, score = chosen.get(index, ("", 0.0))
            choices = " ".join(self.matcher.choices_of(index, mentions, indicator_id))
            name = proposed_name(text, mentions, index)
            if indicator_id and self.catalogue.is_common(indicator_id):
                name = self.catalogue.indicator(indicator_id)["name_vi"]
                _unsure(m, f"chỉ tiêu mới theo danh mục chung: “{name}” (mã {indicator_id}), thêm vào danh mục khi duyệt")
                indicator_id = ""
            elif indicator_id:
                self._check_match(m, indicator_id, score)
                source = m.partner if m.role == "ratio_b" else (m.subject if index not in self.matcher.alias_named else index)
                source = index if source is None else source
                named = self.matcher.alias_named.get(source)
                rivals = self.matcher.alias_rivals.get(source, [])
                if named != indicator_id and (
                        (indicator_id in self.matcher.has_aliases and (named is not None or score < ALIASLESS_SURE))
                        or not self.matcher.says_whole_name(text, mentions, source, indicator_id)):
                    # Sure only when the words are one of the indicator's usual wordings, or its whole name.
                    _unsure(m, "lời văn không phải cách gọi quen thuộc của chỉ tiêu: xem lại mã chỉ tiêu")
                elif m.kind in ("pct_of_target", "yoy_change_pct") and m.subject is None and \
                        indicator_id in self.matcher.has_aliases and \
                        not self.matcher.says_own_wording(text, mentions, index, indicator_id):
                    # A share or a change with no figure of its own: only the indicator's own wording names it.
                    _unsure(m, "tỷ lệ không kèm số liệu và lời văn không gọi đúng tên chỉ tiêu: xem lại mã chỉ tiêu")
                elif indicator_id in _TELLING and not _TELLING[indicator_id][0].search(
                        fold(text[min(m.clause[0], mentions[source].clause[0]):m.end])):
                    # "tổng thu ngân sách": a district's total or the state revenue collected there? Reports use both.
                    _unsure(m, f"lời văn chưa nói rõ là chỉ tiêu nào ({indicator_id} hay {_TELLING[indicator_id][1]}): "
                               "chọn mã chỉ tiêu")
                elif named == indicator_id and rivals:
                    _unsure(m, f"lời văn cũng là cách gọi của {', '.join(rivals)}: chọn mã chỉ tiêu")
                elif named != indicator_id:
                    if self.matcher.names_nothing(text, mentions, source, indicator_id):
                        # A match on the unit and the measure alone is never sure.
                        full = self.catalogue.indicator(indicator_id)["name_vi"]
                        _unsure(m, f"câu không nói đến “{full}”, chỉ khớp theo đơn vị: xem lại mã chỉ tiêu")
            elif m.kind != CHANGE_ABS and name:
                _unsure(m, f"chưa khớp chỉ tiêu nào trong danh mục: đề xuất chỉ tiêu mới “{name}”")
            elif m.kind != CHANGE_ABS:  # no clean noun phrase in the sentence: none is invented
                _unsure(m, "chưa khớp chỉ tiêu nào, câu không có tên rõ: đặt tên chỉ tiêu khi duyệt")
            if m.year is not None and m.part_year is not None and m.year != m.part_year:
                # The build dates a figure by the part it stands in: another year cannot be published as is.
                _unsure(m, f"số của năm {m.year} trong phần năm {m.part_year}: bản dữ liệu chỉ nhận năm của phần")
            anchor = mentions[m.partner].start if m.role == "ratio_b" and m.partner is not None else m.start
            if indicator_id and self.catalogue.indicator(indicator_id).get("measure") in ("level", "stock") \
                    and _FOR_WHOM.search(text[max(0, anchor - 30):anchor]):
                # "sửa chữa nhà cho 53 hộ nghèo": those a task served, not how many there are.
                _unsure(m, "số được hỗ trợ (“… cho … hộ/người”), không phải số của chỉ tiêu: xem lại mã chỉ tiêu")
            other = _OTHER_YEAR.search(fold(text[m.end:m.clause[1]]))
            if m.kind == "actual" and other and m.year is not None and int(other.group(1)) != m.year:
                # "2 xã được công nhận đạt chuẩn NTM nâng cao năm 2023" in a report of 2024.
                _unsure(m, f"câu ghi năm {other.group(1)} cho số này: xem lại năm")
            if m.year is None:
                _unsure(m, "không rõ năm của số: điền năm khi duyệt")
            elif m.year in self._unsure_years:
                _unsure(m, f"máy chưa chắc năm {m.year} của báo cáo: xác nhận năm ở phần khung báo cáo")
            if m.headline:
                # The build has one targets part, after the results: a target above them cannot be published as is.
                _unsure(m, "chỉ tiêu nêu ở tiêu đề, trước phần kết quả: ghi theo câu ở phần chỉ tiêu, nếu có")
            period = figure_period(text, m.start, m.period_mode, m.kind, self._read_period)
            period = results_period if period == self._read_period and m.period_mode != TARGETS \
                and m.kind != "target" else period
            measure = self.catalogue.indicator(indicator_id).get("measure", "") if indicator_id else ""
            for reason in (outside_frame(m.kind, m.year, period, *self._years, results_period, m.period_mode == TARGETS),
                           implausible(m.kind, m.value, period, m.unit or "", measure),
                           later_year_before(text, m.start, m.kind, m.year)):
                if reason:
                    _unsure(m, reason)
            rows.append({
                "line": m.line,
                "number": m.number,
                "occurrence": occurrence,
                "value": round(m.value, 9),  # "bằng 99,6%" − 100 is −0,4, not −0,4000000000000057
                "value_high": None if m.value_high is None else round(m.value_high, 9),
                "unit_of_measure": m.unit or "",
                "kind": m.kind,
                "year": m.year,
                "period": period,
                "as_of": _as_of(text, m.start, period, m.year, m.kind),
                "qualifier": m.qualifier,
                "indicator_id": indicator_id,
                "proposed_name": "" if indicator_id else name,
                "confidence": round(m.confidence, 2),
                "match_score": round(score, 3),
                "rule": m.rule,
                "note": m.note,
                "quote": quote,
                "quote_start": quote_start,
                "start": m.start,
                "end": m.end,
                "choices": choices,
            })
        frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
        clash = disagreeing(frame, SURE)
        frame.loc[clash, "confidence"] = 0.6
        frame.loc[clash, "note"] = frame.loc[clash, "note"] + "; số khác cho cùng chỉ tiêu, loại, năm và kỳ ở dòng khác: giữ một"
        frame["note"] = frame["note"].str.strip("; ")
        frame["year"] = frame["year"].astype("Int64")
        frame["value_high"] = frame["value_high"].astype("Float64")
        return frame


    def _check_match(self, m: Mention, indicator_id: str, score: float) -> None:
        """A suggested indicator the reviewer should look at twice: a weak match, or a unit the indicator
        does not use (its value would need converting)."""
        if score < WEAK_MATCH:
            _unsure(m, f"khớp chỉ tiêu chưa chắc (điểm {score:.2f}): xem lại mã chỉ tiêu")
        unit = self.catalogue.indicator(indicator_id).get("unit_of_measure", "")
        if m.unit and m.unit != "%" and unit and m.unit != unit and \
                self.catalogue.family(m.unit) != self.catalogue.family(unit):
            _unsure(m, f"đơn vị “{m.unit}” khác đơn vị của chỉ tiêu (“{unit}”): quy đổi hoặc chọn chỉ tiêu khác")


def _as_of(text: str, start: int, period: str, year: int | None, kind: str) -> str:
    """The last day the figure covers (ISO), as the curated observations.csv writes it: the day its
    sentence runs to ("đến ngày 31/10") when inside its period, else the period's last day (always,
    for a target: the plan is the period's)."""
    if year is None:
        return ""
    until = None if kind == "target" else figure_until(text, start, year)
    if until and first_month(period) <= until[0] <= last_month(period):
        try:
            return date(year, *until).isoformat()
        except ValueError:
            pass
    return period_end(period, year).isoformat()


def _unsure(m: Mention, reason: str) -> None:
    """Lower a row below SURE and say why, so the review can show it first with its reason."""
    m.confidence = min(m.confidence, 0.6)
    if reason not in m.note:
        m.note = f"{m.note}; {reason}" if m.note else reason


def review_order(candidates: pd.DataFrame) -> pd.DataFrame:
    """The candidates with the unsure ones first (least sure first), then the rest in report order."""
    order = candidates.assign(_sure=candidates["confidence"] >= SURE)
    return order.sort_values(["_sure", "confidence", "start"], kind="stable").drop(columns="_sure")


# --- public API --------------------------------------------------------------------------------


def extract(text: str, catalogue: Catalogue | None = None, *, results_year: int | None = None,
            targets_year: int | None = None, period: str | None = None) -> pd.DataFrame:
    """Candidate observations of a report's text, one row per numeric fact (columns: CANDIDATE_COLUMNS).

    `catalogue` (see load_catalogue) lets rows carry the best matching indicator_id; without it every
    row has only a proposed_name. The years and the results' period (a confirmed ReportFrame) override
    what the text says; without them the frame is read_frame(text).
    Positions (start, end, quote_start) are offsets in nfc(text).
    """
    return Extractor(catalogue).extract(text, results_year, targets_year, period)


def extract_file(path: Path | str, catalogue: Catalogue | None = None, **years) -> pd.DataFrame:
    """extract() on a .txt or .docx report."""
    return extract(read_report(path), catalogue, **years)


def skipped_numbers(text: str) -> pd.DataFrame:
    """The numbers the extractor left out, and why (years, dates, document numbers…): for review."""
    text = nfc(text)
    mentions, skipped = find_mentions(text, UnitReader(empty_catalogue()))
    locate_clauses(text, mentions)
    skipped = skipped + [(NumberToken(m.first_token, m.start, m.start + len(m.first_token)), reason)
                         for index, reason in read_tables(text, mentions, find_periods(text)).items()
                         for m in [mentions[index]]]
    return pd.DataFrame([{"line": text.count("\n", 0, t.start) + 1, "number": t.text, "start": t.start,
                          "end": t.end, "reason": reason} for t, reason in sorted(skipped, key=lambda s: s[0].start)],
                        columns=["line", "number", "start", "end", "reason"])


def with_periods(text: str, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (candidates, reviewed or not: `start`, `kind`, `year`) with the `period` and `as_of` of
    each figure, where they lack them: read from the report's text as the extractor reads them, so
    a six-month figure is never published as the whole year's."""
    if {"period", "as_of"} <= set(rows.columns):
        return rows
    text = nfc(text)
    periods, results_period = find_periods(text), report_period(text)
    out = rows.copy()
    out["period"] = [figure_period(text, int(start), period_at(periods, int(start)).mode, kind, results_period)
                     for start, kind in zip(rows["start"], rows["kind"])]
    out["as_of"] = [_as_of(text, int(start), period, None if pd.isna(year) else int(year), kind)
                    for start, period, year, kind in zip(rows["start"], out["period"], rows["year"], rows["kind"])]
    return out


def to_observations(candidates: pd.DataFrame) -> pd.DataFrame:
    """Reviewed candidates in the curated observations.csv layout (rows without indicator_id dropped)."""
    rows = candidates[candidates["indicator_id"].fillna("") != ""]
    out = rows[OBSERVATION_COLUMNS].copy()
    out["year"] = out["year"].astype("Int64")
    return out.reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.pipeline.ingest",
                                     description="Đề xuất các số liệu của một báo cáo mới để cán bộ rà soát.")
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

