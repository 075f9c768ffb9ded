"""Propose candidate observations from a new report: one row per numeric fact, for staff to review.

    python -m lib.pipeline.ingest REPORT.txt|REPORT.docx --out candidates.csv [--results-year 2023] [--targets-year 2024]

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
- "tăng/giảm X% so với Nghị quyết / kế hoạch" → pct_of_target 100 ± X; a bare "tăng X%" in the results is
  a change on last year (sure after a "so với năm 2023" earlier in the line, a guess with a note otherwise).
- "Tổng kế hoạch vốn … năm 2023 là X" → target; "19 vụ, đạt 90,48%" after "21 vụ" → the share, an actual.
- "tăng 3,1 triệu đồng", a rate's "giảm 0,6%" / "(+0,26%)" (in points) → kind `change_abs`, which the
  published contract does not have: proposed unsure, with the reason in `note`.
- Years, dates, document numbers, section numbers, "Covid-19", ordinals ("đợt 59", "mức độ 1"), age
  limits ("dưới 5 tuổi"), clock times ("6:32:01"), day/month fragments ("Chiều 30/12"), durations
  ("kế hoạch 5 năm"), grades ("18/19 chỉ tiêu", "OCOP 4 sao", "thứ 21/63") and page counters are not
  facts and give no candidate (skipped_numbers() lists them with the reason).

Confidence: a row from SURE (0.7) up is proposed for acceptance; below it `note` says why (a guessed
comparison, an unknown unit, a weak or missing indicator match, an indicator only in the built-in common
catalogue, a unit the indicator does not use, a kind the contract lacks); review_order() puts those first.
A match is suggested only from MATCH_THRESHOLD and never when the number's own words name a thing the
indicator's name lacks ("diện tích mía" is not the aquaculture area); otherwise `proposed_name` is a
clean new name, and proposed_indicators() gives each its unit, direction and measure.

API: extract(text, catalogue=None, *, results_year=None, targets_year=None) -> DataFrame
(lib.data.contract.CANDIDATE_COLUMNS); extract_file(path, catalogue=None, **years); read_report(path)
-> NFC text; load_catalogue(data_dir); find_periods(text) -> [Period]; skipped_numbers(text) ->
DataFrame; to_observations(candidates) -> the curated observations.csv layout (OBSERVATION_COLUMNS).

The steps, one module each: periods (which year, results or targets), mentions (each number as
written, its unit and clause; the numbers that are not facts), classify (kind, year, qualifier),
frame (the unit, its level, the years and period, read from the body), changes (a change in the year
or a per-unit average read as its own indicator), match (the catalogue indicator and the `choices`), quotes
(the clause to show and check, and clean_name), extract (the Extractor that drives them, and the command line).
"""
from lib.pipeline.ingest.catalogue import (
    Catalogue,
    common_indicators,
    empty_catalogue,
    load_catalogue,
    propose_indicator,
    proposed_indicators,
)
from lib.pipeline.ingest.extractor import (
    SURE,
    Extractor,
    extract,
    extract_file,
    main,
    review_order,
    skipped_numbers,
    to_observations,
)
from lib.pipeline.ingest.match import MATCH_THRESHOLD
from lib.pipeline.ingest.periods import RESULTS, TARGETS, Period, find_periods
from lib.pipeline.raw import read_report

__all__ = [
    "MATCH_THRESHOLD", "RESULTS", "SURE", "TARGETS", "Catalogue", "Extractor", "Period", "common_indicators",
    "empty_catalogue", "extract", "extract_file", "find_periods", "load_catalogue", "main", "propose_indicator",
    "proposed_indicators", "read_report", "review_order", "skipped_numbers", "to_observations",
]
