"""Rows derived from reported ones, marked `derived` with how: the implied target of "đạt X% kế
hoạch" (actual ÷ share), and the share of target of an "A/B" plan (actual ÷ target)."""
from __future__ import annotations

from lib.judgement.pace import YEAR, period_end
from lib.words.number_format import number


def _format_vi(value: float) -> str:
    return number(value, "vi", decimals=2)


def derive(rows: list[dict], measures: dict[str, str]) -> list[dict]:
    """Implied targets from "đạt X% kế hoạch", and shares of target from "A/B" plans, marked derived.

    No share is derived for a change (a growth rate of 16,02% against 12% is not "133,5% of plan").
    """
    by_key: dict[tuple, dict] = {(r["report_id"], r["indicator_id"], r["year"], r["period"], r["kind"]): r
                                 for r in rows}
    derived = []
    implied: set[tuple] = set()
    for (report_id, indicator_id, year, period, kind), actual in sorted(by_key.items()):
        if kind != "actual":
            continue
        # A share of a part of the year is of the year's target ("6 tháng đạt 48% kế hoạch năm"):
        # the target it implies, or the one it is computed from, is the whole year's.
        target = (by_key.get((report_id, indicator_id, year, period, "target"))
                  or by_key.get((report_id, indicator_id, year, YEAR, "target")))
        share = by_key.get((report_id, indicator_id, year, period, "pct_of_target"))
        base = {key: actual[key] for key in ("report_id", "reporting_unit", "indicator_id", "year")}
        implied_key = (report_id, indicator_id, year)
        if share and not target and share["value"] and implied_key not in implied:
            implied.add(implied_key)  # one year's target, though six months and the year both give a share
            derived.append({
                **base, "kind": "target", "period": YEAR, "as_of": period_end(YEAR, year),
                "value": actual["value"] * 100.0 / share["value"],
                "unit_of_measure": actual["unit_of_measure"], "qualifier": None, "origin": "derived",
                "derivation": f"{actual['number_as_written']} ÷ {_format_vi(share['value'])}%",
                "source_quote": share["source_quote"], "number_as_written": share["number_as_written"],
                "source_sentence": share["source_sentence"], "quote_start": share["quote_start"],
                "number_start": share["number_start"], "number_end": share["number_end"],
                "curated_row": share["curated_row"],
            })
        elif target and not share and target["value"] and measures.get(indicator_id) != "change":
            derived.append({
                **base, "kind": "pct_of_target", "period": period, "as_of": actual["as_of"],
                "value": actual["value"] * 100.0 / target["value"],
                "unit_of_measure": "%", "qualifier": None, "origin": "derived",
                "derivation": f"{actual['number_as_written']} ÷ {target['number_as_written']} × 100",
                "source_quote": target["source_quote"], "number_as_written": target["number_as_written"],
                "source_sentence": target["source_sentence"], "quote_start": target["quote_start"],
                "number_start": target["number_start"], "number_end": target["number_end"],
                "curated_row": target["curated_row"],
            })
    return derived
