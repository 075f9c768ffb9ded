"""Reading back what a page drew under AppTest: its charts, and the static tables lib/web/static_table.py writes
(their cells travel as JSON inside a script)."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from lib.web import static_table
from lib.web.streamlit_words import script_html
from lib.words.words import ENGLISH, VIETNAMESE

TABLE_START = f"<script>{static_table.TABLE_SCRIPT}("
TABLE_END = ")</script>"
DECK_START = "<script>window.ctDeckMarkup = "


def charts(at: AppTest) -> list[dict]:
    """Each chart as {"spec": the Vega-Lite spec, "data": {dataset name: DataFrame}}."""
    out = []
    for element in at.get("vega_lite_chart"):
        datasets = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in element.proto.datasets}
        out.append({"spec": json.loads(element.proto.spec), "data": datasets})
    return out


def static_tables(body: str) -> list[pd.DataFrame]:
    """Each static table in a piece of HTML as a DataFrame of its shown texts; `.attrs["links"]`
    holds the first column's addresses."""
    frames = []
    for piece in body.split(TABLE_START)[1:]:
        cells = json.loads(piece[:piece.index(TABLE_END)])
        frame = pd.DataFrame(cells["rows"], columns=cells["head"])
        frame.attrs["links"] = cells["links"] or []
        frames.append(frame)
    return frames


def without_table_script(body: str) -> str:
    """The HTML with the app's own scripts (the table builder, the meeting deck, Streamlit's words in the
    page's language, which holds nothing from the link) taken out and their cells and slides left in, so
    what those hold is still looked at."""
    for own in (script_html(VIETNAMESE), script_html(ENGLISH)):
        body = body.replace(own, "")
    return body.replace(TABLE_START, "(").replace(DECK_START, "(")
