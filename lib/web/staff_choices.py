"""A row reviewed in one click or key press: its best three indicators (1, 2, 3), a new indicator with
the name the report gives it (N), or "không phải chỉ tiêu" (X: left out of the publish on purpose);
J and K move between rows. Each decision moves on to the next row that needs a look."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.pipeline.ingest.catalogue import Catalogue, common_indicators, makeable_indicators, propose_indicator
from lib.pipeline.observations import unit_fits
from lib.pipeline.publish import NOT_AN_INDICATOR
from lib.web import staff_indicators, staff_review
from lib.words.vntext import fold
from lib.words.words import Words

_SMALL_WORDS = {"so", "ty", "le", "cua", "va", "cac", "tren", "dia", "ban", "nam", "tong", "trong", "theo", "duoc"}


def _words(name: str) -> set[str]:
    return {w for w in fold(name).replace("(", " ").replace(")", " ").split() if w not in _SMALL_WORDS}


def suggestions(row: pd.Series, names: dict[str, str]) -> list[str]:
    """Up to three indicators, best first: the extractor's choices, its proposal, the common indicator
    of the proposed name, then the names sharing most of the proposed name's words."""
    found = [i for i in str(row.get("choices") or "").split() if i in names]
    proposed = str(row.get("proposed_name") or "")
    common = {n: i for i, n in zip(common_indicators()["indicator_id"], common_indicators()["name_vi"])}
    for extra in (row["indicator_id"], common.get(proposed, "")):
        if extra and extra in names and extra not in found:
            found.append(extra)
    wanted = _words(proposed)
    if len(found) < 3 and len(wanted) >= 2:
        scored = sorted(((len(wanted & _words(name)) / len(wanted | _words(name)), i) for i, name in names.items()
                         if i and i not in found), reverse=True)
        found += [i for score, i in scored if score >= 0.3][:3 - len(found)]
    return found[:3]


def held_elsewhere(rows: pd.DataFrame, focus: int) -> dict[str, tuple[int, float]]:
    """The indicators other ticked rows hold for the focus row's kind, year, period and date, each with
    that row and its value: the check takes one figure per indicator there, so offering it again only
    leads to a refused check."""
    row = rows.loc[focus]
    same = rows[(rows.index != focus) & rows["accept"].fillna(False).astype(bool)
                & (rows["indicator_id"].fillna("") != "") & (rows["kind"] == row["kind"])
                & (rows["year"] == row["year"]) & (rows["period"] == row["period"])]
    if "as_of" in rows.columns:
        same = same[same["as_of"] == row["as_of"]]
    return {i: (int(index), float(value)) for index, i, value in zip(same.index, same["indicator_id"], same["value"])}


def measured_alike(row: pd.Series, unit_of_measure: str, catalogue: Catalogue) -> bool:
    """An amount in tỷ đồng is never a rate in %: only indicators the check (lib.pipeline.observations)
    would take for the row's unit are offered; a row or indicator with no unit yet rules out nothing."""
    if not row["unit_of_measure"] or not unit_of_measure:
        return True
    return unit_fits(row["kind"], row["unit_of_measure"], unit_of_measure, catalogue.family)


def repeat_of(row: pd.Series, offered: list[str], held: dict[str, tuple[int, float]]) -> int | None:
    """The review row this one repeats: its first suggestion is held there with the same value (a figure
    of the headline said again in the body); None when it repeats none."""
    if offered and offered[0] in held and abs(held[offered[0]][1] - float(row["value"])) < 1e-9:
        return held[offered[0]][0]
    return None


def _decide(index: int, indicator_id: str, unit_of_measure: str = "") -> None:
    """Give the row its indicator and tick it; a figure written without a unit counts in the indicator's."""
    def give(rows: pd.DataFrame) -> None:
        rows.at[index, "indicator_id"] = indicator_id
        if not rows.at[index, "unit_of_measure"] and rows.at[index, "kind"] in ("actual", "target", "total"):
            rows.at[index, "unit_of_measure"] = unit_of_measure
        rows.at[index, "accept"] = True
        rows.at[index, "attention"] = ""  # the staff member has looked and decided
        rows.at[index, "decision"] = ""

    staff_review.change_rows(give)
    st.session_state[staff_review.FOCUS] = staff_review.first_to_look_at(staff_review.rows_now(), after=index)


def _make_and_decide(index: int, catalogue: Catalogue, units_of_measure: list[str]) -> None:
    """A new indicator named as the report names the figure (unit, direction and measure read from it)."""
    row = staff_review.rows_now().loc[index]
    unit_of_measure = row["unit_of_measure"] if row["unit_of_measure"] in units_of_measure and row["kind"] in ("actual", "target", "total") else ""
    entry = propose_indicator(str(row["proposed_name"]), unit_of_measure, catalogue)
    entry["name_en"] = entry.get("name_en") or entry["name_vi"]
    entry["unit_of_measure"] = entry["unit_of_measure"] or (units_of_measure[0] if units_of_measure else "")
    mine = {i["indicator_id"]: i for i in staff_indicators.made()}
    if entry["indicator_id"] not in mine:
        if entry["indicator_id"] in set(catalogue.indicators["indicator_id"]):
            entry["indicator_id"] = staff_indicators.slug(entry["name_vi"], set(catalogue.indicators["indicator_id"]) | set(mine))
        staff_indicators.made().append(entry)
    _decide(index, entry["indicator_id"], entry["unit_of_measure"])


def _not_an_indicator(index: int, note: str) -> None:
    def refuse(rows: pd.DataFrame) -> None:
        rows.at[index, "accept"] = False
        rows.at[index, "attention"] = note
        rows.at[index, "decision"] = NOT_AN_INDICATOR

    staff_review.change_rows(refuse)
    st.session_state[staff_review.FOCUS] = staff_review.first_to_look_at(staff_review.rows_now(), after=index)


def panel(words: Words, names: dict[str, str], focus: int, catalogue: Catalogue, units_of_measure: list[str]) -> None:
    """The decisions on the row in focus, each one click or one key."""
    rows = staff_review.rows_now()
    row = rows.loc[focus]
    left = staff_review.to_look_at(rows)
    back, forward = st.columns(2)
    back.button(words.text("staff_row_previous"), key="staff_row_previous", shortcut="K", icon=":material/arrow_upward:",
                on_click=staff_review.move_focus, args=(-1,), width="stretch")
    forward.button(words.text("staff_row_next"), key="staff_row_next", shortcut="J", icon=":material/arrow_downward:",
                   on_click=staff_review.move_focus, args=(1,), width="stretch")
    st.caption(words.text("staff_rows_left", n=len(left)) if left else words.text("staff_rows_done"))
    st.markdown(f"**{words.text('staff_choices')}**")
    blocked = _why_it_cannot_be_published(row, units_of_measure, words)
    if blocked:  # a choice would only lead to a refused check: say what to fix, or set it aside
        st.warning(blocked, icon=":material/report:")
    offered = [] if blocked else suggestions(row, names)
    held = held_elsewhere(rows, focus)
    repeated = repeat_of(row, offered, held)
    if repeated is not None:  # the same figure said twice: only X lets both rows pass
        blocked = words.text("staff_row_repeat", row=repeated)
        st.warning(blocked, icon=":material/report:")
    offered = [] if blocked else [i for i in offered if i not in held]
    unit_of_measure_by_id = {i: row["unit_of_measure"] for i, row in makeable_indicators().items()}
    unit_of_measure_by_id |= {i: u for i, u in zip(catalogue.indicators["indicator_id"], catalogue.indicators["unit_of_measure"])}
    unit_of_measure_by_id |= {i["indicator_id"]: i["unit_of_measure"] for i in staff_indicators.made()}
    offered = [i for i in offered if measured_alike(row, unit_of_measure_by_id.get(i, ""), catalogue)]
    if not offered and not blocked:
        st.caption(words.text("staff_choices_none"))
    for number, indicator_id in enumerate(offered, start=1):
        st.button(f"{number} · {names[indicator_id]}", key=f"staff_choice_{number}", shortcut=str(number),
                  on_click=_decide, args=(focus, indicator_id, unit_of_measure_by_id.get(indicator_id, "")), width="stretch",
                  type="primary" if indicator_id == row["indicator_id"] and row["accept"] else "secondary")
    proposed = str(row.get("proposed_name") or "")
    if proposed and not blocked:
        st.button(words.text("staff_new_from_name", name=proposed[:70]), key="staff_choice_new", shortcut="N",
                  icon=":material/add:", on_click=_make_and_decide, args=(focus, catalogue, units_of_measure), width="stretch")
    st.button(words.text("staff_not_indicator"), key="staff_choice_none", shortcut="X", icon=":material/block:",
              on_click=_not_an_indicator, args=(focus, words.text("staff_not_indicator_note")), width="stretch")


def _why_it_cannot_be_published(row: pd.Series, units_of_measure: list[str], words: Words) -> str:
    """Why no indicator would let the row pass the check as it stands: a change the snapshot has no kind
    for, or a unit the catalogue lacks; empty when a choice can make it publishable."""
    if row["kind"] == "change_abs":
        return words.text("staff_row_change_abs")
    if row["unit_of_measure"] and row["unit_of_measure"] not in units_of_measure:
        return words.text("staff_row_unit_unknown", unit_of_measure=row["unit_of_measure"])
    return ""
