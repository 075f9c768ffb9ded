"""The report's words, reviewed like its numbers: the extractor proposes every sentence of the
sections on shortcomings, causes and next year's tasks (lib/pipeline/propose_statements.py), with a
kind, a domain and the indicators it names; staff tick, correct and publish them with the report."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.pipeline.propose_statements import propose_statements
from lib.web.widgets import folded
from lib.words import labels
from lib.words.words import Words

ROWS = "staff_statement_rows"
SHOWN = ["accept", "kind", "domain", "quote", "indicator_ids"]
COLUMNS = ["statement_id", "kind", "domain", "indicator_ids", "quote"]  # data/curated/reports/<id>/statements.csv


def start(report: str, catalogue: pd.DataFrame) -> None:
    """Proposals for a newly loaded report; ticked where the report's headings gave a domain."""
    known = {row["indicator_id"]: row for row in catalogue.to_dict("records")}
    proposed, _ = propose_statements(report, known)
    rows = pd.DataFrame([{"accept": bool(p.get("domain")), "kind": p["kind"], "domain": p.get("domain") or None,
                          "quote": p["quote"], "indicator_ids": " ".join(p.get("indicator_ids") or [])}
                         for p in proposed], columns=SHOWN)
    st.session_state[ROWS] = rows


def section(words: Words) -> pd.DataFrame:
    """The folded review of proposed statements; returns the accepted ones in the curated layout."""
    rows = st.session_state.get(ROWS)
    if rows is None or rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    with folded(words.text("statements_review", n=len(rows)), key="staff_statements_menu") as menu:
        if menu.open:
            st.caption(words.text("statements_review_help"))
            config = {
                "accept": st.column_config.CheckboxColumn(words.text("statements_accept"), width=64),
                "kind": st.column_config.SelectboxColumn(words.text("statements_kind"), options=list(labels.STATEMENT_KINDS),
                                                         format_func=lambda k: words.label(labels.STATEMENT_KINDS, str(k)),
                                                         width=130, required=True),
                "domain": st.column_config.SelectboxColumn(words.text("col_domain"), options=list(labels.DOMAINS),
                                                           format_func=lambda d: words.label(labels.DOMAINS, str(d)),
                                                           width=150),
                "quote": st.column_config.TextColumn(words.text("col_quote"), width=520),
                "indicator_ids": st.column_config.TextColumn(words.text("statements_indicators"), width=160),
            }
            edited = st.data_editor(rows, column_config=config, column_order=SHOWN, disabled=["quote"],
                                    num_rows="fixed", hide_index=True, width="stretch", height=320,
                                    key="staff_statements_grid")
            st.session_state[ROWS] = rows = edited
    chosen = rows[rows["accept"].fillna(False).astype(bool) & rows["domain"].notna()].reset_index(drop=True)
    return pd.DataFrame({"statement_id": [f"nd-{n:02d}" for n in range(1, len(chosen) + 1)],
                         "kind": chosen["kind"], "domain": chosen["domain"],
                         "indicator_ids": chosen["indicator_ids"].fillna(""), "quote": chosen["quote"]}, columns=COLUMNS)
