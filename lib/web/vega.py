"""Charts to the browser: the spec with its rows already in Arrow, made once per chart object."""
from __future__ import annotations

import threading
import weakref

import altair as alt
import streamlit as st
from streamlit import dataframe_util

from lib.render import charts

# The spec sent for each chart object still in use (the builders' memo keeps them), so a rerun or
# another session showing the same chart reuses it; dropped with the chart.
_sent: dict[int, dict] = {}
_sent_lock = threading.Lock()


def chart(figure: alt.TopLevelMixin, key: str) -> None:
    st.vega_lite_chart(sent_spec(figure), width="stretch", key=key)


def sent_spec(figure: alt.TopLevelMixin) -> dict:
    """The chart's spec with its rows in Arrow, as Streamlit sends them (it passes bytes through).
    For a chart made of a layout and rows, only the rows are new."""
    with _sent_lock:
        spec = _sent.get(id(figure))
    if spec is not None:
        return spec
    parts = charts.layout_spec(figure)
    if parts is None:
        spec = charts.stable_dataset_names(figure.to_dict(validate=False))
        datasets = spec.get("datasets") or {}
    else:
        spec, rows = parts
        datasets = {**spec.get("datasets", {}), charts.OWN_ROWS.name: rows}
    spec = {**spec, "datasets": {name: dataframe_util.convert_anything_to_arrow_bytes(rows)
                                 for name, rows in datasets.items()}}
    with _sent_lock:
        if id(figure) not in _sent:
            _sent[id(figure)] = spec
            weakref.finalize(figure, _forget, id(figure))
    return spec


def _forget(figure_id: int) -> None:
    with _sent_lock:
        _sent.pop(figure_id, None)
