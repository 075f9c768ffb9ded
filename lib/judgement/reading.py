"""One reading of each indicator: everything any surface says about it, worked out once.

The page's cards and tables, the chart labels and tooltips, the slides, the meeting brief and the
workbook all render a `Reading`; none of them judges, rounds or words a figure on its own. A pure
module: a row of `lib.data.queries` (one indicator of one report) in, texts in one language out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lib.judgement.rules import ESTIMATE_STATUSES, PLANNED_STATUSES
from lib.judgement.stated import stated_verdict
from lib.words import labels, look
from lib.words.words import Words

JUDGED = ("exceeded", "met", "not_met")  # against a plan: more (or less) is better
# Next-year comparisons that set this year's result beside the target (drawn on the next-year chart).
SIDE_BY_SIDE = ("to_go", "reached", "above_result", "below_result", "not_rated", "adds_to_stock")
# The tone of each comparison's words.
TONES = {"to_go": "orange", "reached": "blue", "above_result": "violet", "below_result": "gray",
         "not_rated": "gray", "adds_to_stock": "orange", "not_comparable": "gray", "reduction": "gray",
         "other_measure": "gray", "no_baseline": "gray", "no_target": "gray"}
MOST_DECIMALS = 2  # of a figure derived from reported ones (the report writes at most two)


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def decimals_of(value) -> int:
    """How many decimals a reported number carries (at most three): 31261 → 0, 74.51 → 2."""
    if missing(value):
        return 0
    digits = f"{round(float(value), 3):.3f}".rstrip("0")
    return len(digits.split(".")[1]) if "." in digits else 0


def points(words: Words) -> str:
    """The unit of a change of a rate: percentage points, never a percent of a percent."""
    return words.label(labels.POINTS, "points")


@dataclass(frozen=True)
class Reading:
    indicator_id: str
    words: Words
    name: str
    unit_of_measure: str
    is_rate: bool
    # The results year against its plan.
    actual: str  # "16,02%", "22/45 trường", "ước 30,539 tỷ đồng"
    plan: str  # "12%", "≈ 2.701 lao động", "–"
    plan_derived: bool
    plan_decimals: int | None  # decimals a derived plan is shown with (the report's own precision)
    plan_line: str  # "Kế hoạch 2022: 12%", "Dự toán 2022 ≈ 485,5 tỷ đồng" or "không có kế hoạch 2022"
    share: str  # "102,74%", or for a change judged directly "+4,02 điểm % so kế hoạch"; "–" without a plan
    status: str
    status_label: str
    mark: str
    colour: str
    year_on_year: str  # "+3,11%" or "–"
    # Next year's target and how the results year stands against it.
    next_target: str  # "12%", "Thu ngân sách Nhà nước 58,5 tỷ đồng", "–"
    comparison: str  # a key of labels.COMPARISONS
    comparison_text: str  # "thấp hơn kết quả 2022 4,02 điểm %"
    reason: str  # why a target is not set beside the result, in the catalogue's words; "" otherwise
    tone: str  # a key of look.TONE_COLOURS
    gap: str  # the difference alone, in its measure: "+6,84 điểm %", "+237 tỷ đồng (+9,8%)", "–"
    gap_value: float | None  # what the next-year chart draws: points for a rate, % otherwise
    next_line: str  # "Chỉ tiêu 2023: 12% · thấp hơn kết quả 2022 4,02 điểm %"
    # A verdict the report states in words with no number to compute it from ("chưa đạt"), and its sentence.
    stated: str = ""
    stated_quote: str = ""

    @property
    def status_text(self) -> str:
        return f"{self.mark} {self.status_label}"

    @property
    def share_figure(self) -> str:
        """The share alone, as a bar's label: "ước 99,7%" without the day it was counted to."""
        return self.share.split(" (")[0]

    @property
    def next_lead(self) -> str:
        """What the next-year line says before the comparison: "Chỉ tiêu 2023: 12% · ", or nothing."""
        return self.next_line.removesuffix(self.comparison_text)

    @property
    def judged(self) -> bool:
        """Judged against its plan, or its spending against the estimate: the card shows the plan."""
        return self.status in PLANNED_STATUSES

    @property
    def against_estimate(self) -> bool:
        return self.status in ESTIMATE_STATUSES

    @property
    def side_by_side(self) -> bool:
        return self.comparison in SIDE_BY_SIDE


def _unit(row, words: Words) -> str:
    unit_of_measure = row.get("unit_of_measure")
    if not words.is_vietnamese and isinstance(row.get("unit_of_measure_en"), str) and row.get("unit_of_measure_en"):
        return row["unit_of_measure_en"]
    return unit_of_measure if isinstance(unit_of_measure, str) else ""


def amount(value, row, words: Words, decimals: int | None = None) -> str:
    """A value with its unit ("8.839,9 tỷ đồng", "88,14%"); a change as words where its sign
    would read twice ("giảm 0,19 điểm %" for a target named "Mức giảm …")."""
    if missing(value):
        return "–"
    if row.get("measure") == "change" and row.get("unit_of_measure") != "%" and value < 0:
        return words.text("fell_by", amount=words.with_unit(-value, row.get("unit_of_measure"), decimals,
                                                           unit_of_measure_en=row.get("unit_of_measure_en")))
    return words.with_unit(value, row.get("unit_of_measure"), decimals, unit_of_measure_en=row.get("unit_of_measure_en"))


def _qualified(shown: str, qualifier, words: Words) -> str:
    """"ước 30,5 tỷ đồng", "10 xã trở lên": the report's own hedge kept with the figure."""
    if not isinstance(qualifier, str) or not qualifier or shown == "–":
        return shown
    word = words.label(labels.QUALIFIERS, qualifier)
    return f"{shown} {word}" if qualifier in labels.QUALIFIERS_AFTER else f"{word} {shown}"


def _day(value) -> pd.Timestamp | None:
    return None if missing(value) or value is pd.NaT else pd.Timestamp(value)


def _dated(shown: str, day, row, words: Words) -> str:
    """A year's figure counted to a day before the year's end says so: "366,974 tỷ đồng (đến 16/12/2022)"."""
    day = _day(day)
    if day is None or shown == "–" or (day.month, day.day) == (12, 31):
        return shown
    return f"{shown} ({words.text('as_of_day', day=f'{day:%d/%m/%Y}')})"


def _actual(row, words: Words) -> str:
    if missing(row.get("actual")):
        return "–"
    if missing(row.get("total")):
        shown = amount(row["actual"], row, words)
    else:
        shown = f"{words.number(row['actual'])}/{amount(row['total'], row, words)}"
    return _dated(_qualified(shown, row.get("actual_qualifier"), words), row.get("actual_as_of"), row, words)


def plan_decimals(actual) -> int:
    """A plan implied by "đạt X% kế hoạch" is shown to the precision of the result it comes from:
    a count of workers or communes never carries decimals."""
    return min(decimals_of(actual), MOST_DECIMALS)


def derived_decimals(observations: pd.DataFrame) -> list[int]:
    """For each row of a long table of observations, the decimals its value is shown with when it
    was derived: a share of plan to two, an implied plan as its result (`plan_decimals`)."""
    actuals = observations[observations["kind"] == "actual"]
    actual_of = dict(zip(zip(actuals["indicator_id"], actuals["year"]), actuals["value"]))
    return [plan_decimals(actual_of.get((i, y))) if k == "target" else MOST_DECIMALS
            for i, y, k in zip(observations["indicator_id"], observations["year"], observations["kind"])]


def _plan(row, words: Words) -> tuple[str, bool, int | None]:
    if missing(row.get("target")):
        return "–", False, None
    if bool(row.get("target_derived")):
        # Implied by "đạt X% kế hoạch": shown to the precision of the result it comes from.
        decimals = plan_decimals(row.get("actual"))
        return "≈ " + amount(row["target"], row, words, decimals=decimals), True, decimals
    return amount(row["target"], row, words), False, None


def _in_measure(value: float, row, words: Words, relative: float | None = None, signed: bool = True) -> str:
    """A difference in its measure: points for a rate, the unit (and %) otherwise. Signed, or bare
    for sentences whose words give the direction (and then a change of a change has no %)."""
    def show(number: float, decimals: int | None = None) -> str:
        return words.signed(number, decimals) if signed else words.number(abs(number), decimals)

    if row.get("unit_of_measure") == "%":
        return f"{show(value)} {points(words)}"
    shown = f"{show(value)} {_unit(row, words)}".rstrip()
    if relative is None or missing(relative) or (not signed and row.get("measure") == "change"):
        return shown
    return f"{shown} ({show(relative, decimals=1)}%)"


def _share(row, words: Words, status: str) -> str:
    if not missing(row.get("attainment_pct")):
        shown = _qualified(words.percent(row["attainment_pct"]), row.get("attainment_qualifier"), words)
        if status in ESTIMATE_STATUSES:
            shown = words.text("share_of_estimate", share=shown)
        later = _day(row.get("attainment_as_of"))
        if later is not None and later != _day(row.get("actual_as_of")):  # the latest date judged
            shown = f"{shown} ({words.text('as_of_day', day=f'{later:%d/%m/%Y}')})"
        return shown
    if status in JUDGED and not missing(row.get("actual")) and not missing(row.get("target")):
        difference = _in_measure(row["actual"] - row["target"], row, words)
        return words.text("against_plan", difference=difference)
    return "–"


def _comparison(row, words: Words, results: int, targets: int) -> tuple[str, str, str, str, str, float | None]:
    """(kind, next-year target shown, words, reason, gap, gap drawn) of the results year against
    next year's target."""
    next_target = row.get("next_target")
    comparability = row.get("comparability")
    if missing(next_target):
        other = row.get("other_target_id")
        if isinstance(other, str) and other:
            other_row = {"unit_of_measure": row.get("other_unit_of_measure"), "unit_of_measure_en": row.get("other_unit_of_measure_en"),
                         "measure": row.get("other_measure")}
            kind = "reduction" if row.get("other_measure") == "change" else "other_measure"
            shown = amount(row.get("other_next_target"), other_row, words)
            if kind == "other_measure":  # name what the target measures; a reduction says it in its words
                shown = f"{row.get(words.column('other_name'))} {shown}"
            reason = row.get(words.column("other_note"))
            return (kind, shown, words.text(f"cmp_{kind}", results=results, targets=targets),
                    reason if isinstance(reason, str) else "", "–", None)
        return "no_target", "–", words.text("cmp_no_target", targets=targets), "", "–", None
    shown = _qualified(amount(next_target, row, words), row.get("next_target_qualifier"), words)
    if comparability == "not_comparable":
        kind = "reduction" if row.get("measure") == "change" else "not_comparable"
        note = row.get(words.column("baseline_note"))
        return (kind, shown, words.text(f"cmp_{kind}", results=results, targets=targets),
                note if isinstance(note, str) else "", "–", None)
    if comparability not in ("same_measure", "converted") or missing(row.get("baseline")):
        return "no_baseline", shown, words.text("cmp_no_baseline", results=results), "", "–", None
    change, relative = row["change_needed"], row.get("change_needed_pct")
    relative = None if missing(relative) else float(relative)
    is_rate = row.get("unit_of_measure") == "%"
    drawn = float(change) if is_rate else relative
    gap = _in_measure(change, row, words, None if is_rate else relative)
    if comparability == "converted":
        sentence = words.text("cmp_adds_to_stock", added=words.number(next_target),
                     baseline=words.number(row["baseline"]), level=amount(row["target_level"], row, words),
                     results=results, targets=targets)
        return "adds_to_stock", shown, sentence, "", gap, drawn
    kind = row.get("gap") if row.get("gap") in SIDE_BY_SIDE else "not_rated"
    size = _in_measure(change, row, words, relative, signed=False)
    if kind == "to_go":
        direction = "up" if change > 0 else "down"
        sentence = words.text(f"cmp_to_go_{direction}", size=size, results=results)
    elif kind in ("above_result", "below_result"):
        whole_year = row.get("measure") == "flow"  # a yearly amount: the target is the whole year's
        sentence = words.text(f"cmp_{kind}{'_year' if whole_year else ''}", size=size, results=results,
                     targets=targets)
    elif kind == "reached":
        sentence = words.text("cmp_reached", results=results, baseline=amount(row["baseline"], row, words))
    else:
        sentence = words.text("cmp_not_rated", gap=gap, results=results)
    return kind, shown, sentence, "", gap, drawn


def read(row, words: Words) -> Reading:
    """The reading of one indicator: a row of `queries.indicator_table` (or any slice of it), which
    carries the report's results and targets years."""
    results, targets = int(row["results_year"]), int(row["targets_year"])
    status = row.get("status") or "no_target"
    plan, plan_derived, plan_decimals = _plan(row, words)
    stated, stated_quote = stated_verdict(row.get("stated_quotes")) if status == "no_target" else ("", "")
    status_label = words.label(labels.STATUSES, status)
    plan_word = "estimate" if status in ESTIMATE_STATUSES else "plan"
    if status in PLANNED_STATUSES:
        plan_line = (f"{words.text(f'card_{plan_word}_derived', year=results)} {plan.removeprefix('≈ ')}"
                     if plan_derived else f"{words.text(f'card_{plan_word}', year=results)}: {plan}")
    elif stated:
        status_label = words.text("stated_status", verdict=words.label(labels.STATED, stated))
        plan_line = words.text("card_stated", year=results)
    else:
        plan_line = words.text("card_no_plan", year=results)
    kind, next_shown, sentence, reason, gap, drawn = _comparison(row, words, results, targets)
    lead = words.text("card_next", year=targets)
    next_line = f"{lead}: {next_shown} · {sentence}" if next_shown != "–" else sentence
    yoy = row.get("yoy_change_pct")
    return Reading(
        indicator_id=row["indicator_id"], words=words, name=row[words.column("name")], unit_of_measure=_unit(row, words),
        is_rate=row.get("unit_of_measure") == "%",
        actual=_actual(row, words), plan=plan, plan_derived=plan_derived, plan_decimals=plan_decimals,
        plan_line=plan_line, share=_share(row, words, status),
        status=status, status_label=status_label, mark=look.STATUS_MARK[status],
        colour=look.STATUS_COLOURS[status],
        year_on_year="–" if missing(yoy) else words.signed(yoy) + "%",
        next_target=next_shown, comparison=kind, comparison_text=sentence, reason=reason, tone=TONES[kind],
        gap=gap, gap_value=drawn, next_line=next_line, stated=stated, stated_quote=stated_quote)


# The columns of a row a reading looks at; a frame is cut to them before its rows become dicts.
READ_COLUMNS = ("indicator_id", "name_vi", "name_en", "unit_of_measure", "unit_of_measure_en", "measure", "actual", "actual_qualifier",
                "total", "target", "target_derived", "attainment_pct", "status", "actual_as_of",
                "attainment_as_of", "attainment_qualifier", "stated_quotes", "yoy_change_pct", "next_target",
                "next_target_qualifier", "comparability", "baseline_note_vi", "baseline_note_en", "baseline",
                "target_level", "change_needed", "change_needed_pct", "gap", "other_target_id", "other_name_vi",
                "other_name_en", "other_unit_of_measure", "other_unit_of_measure_en", "other_measure", "other_next_target",
                "other_note_vi", "other_note_en", "results_year", "targets_year")


def read_all(rows: pd.DataFrame, words: Words) -> list[Reading]:
    """The readings of a frame of indicator rows, in its order."""
    columns = {c: rows[c].tolist() for c in READ_COLUMNS if c in rows.columns}  # column by column: far quicker
    return [read(dict(zip(columns, values)), words) for values in zip(*columns.values())]
