"""A table of already formatted texts, built in the browser from JSON cells: far lighter to draw than
an interactive grid, readable on a projector, scrolling inside its box on a phone."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from lib.render.templating import markup, piece, render
from lib.words.words import Words


def show(shown: pd.DataFrame, words: Words, links: list[str] | None = None, numeric=(),
                 statuses: list[str] | None = None, testid: str = "ct-table") -> None:
    st.html(table_html(shown, words, links, numeric, statuses, testid), unsafe_allow_javascript=True)


def table_html(shown: pd.DataFrame, words: Words, links: list[str] | None = None, numeric=(),
                      statuses: list[str] | None = None, testid: str = "ct-table") -> str:
    """A table of already formatted texts, far lighter to draw than an interactive grid, readable on
    a projector, scrolling inside its box on a phone. The first column links to `links[i]` when
    given; `numeric` names the columns set right; `statuses` colours the status cell of each row.

    Its cells go as JSON and a few lines of script build the table, every cell set as text (never
    parsed as HTML): Streamlit cleans every HTML element it is sent with DOMPurify, which took
    ~25 ms for a 184-row table, where building it takes ~2 ms."""
    columns = [str(column) for column in shown.columns]
    status_column = words.text("col_status")
    cells = {"head": columns, "numeric": [column in set(numeric) for column in columns],
             "status": columns.index(status_column) if statuses is not None and status_column in columns else -1,
             "rows": [["" if value is None else str(value) for value in values]
                      for values in shown.itertuples(index=False)],
             "links": links, "statuses": statuses}
    # No "<", ">" or "&" inside the script element: no cell can end it or open a comment in it.
    payload = json.dumps(cells, ensure_ascii=False)
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        payload = payload.replace(character, escaped)
    # Below the fold the browser lays the table out only when it is scrolled near: a height to keep
    # meanwhile (a header and ~2 lines a row, at most the box's 640 px) keeps the page from jumping.
    estimate = min(640, 40 + 44 * len(shown))
    return piece("components.html", "static_table", testid, estimate, markup(payload))


# Builds the table from its cells in the box just before its script (lib/render/templates/table.js).
TABLE_SCRIPT = render("table.js")
