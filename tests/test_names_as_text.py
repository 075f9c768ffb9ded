"""Names typed by staff (a unit's, an indicator's) are shown as text on the leaders' pages: never a
link, a remote picture, a formula or a colour in Streamlit's Markdown."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.pipeline.build import build
from lib.words.vntext import literal

REPO = Path(__file__).resolve().parent.parent
HOSTILE = "![x](http://evil.example/x.png) [bấm](http://evil.example) $x^2$ :red[đỏ] **đậm**"


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "data"
    for part in ("curated", "raw"):
        shutil.copytree(REPO / "data" / part, data / part)
    report = data / "curated" / "reports" / "tieu-can-2022" / "report.json"
    meta = json.loads(report.read_text(encoding="utf-8"))
    meta["reporting_unit_name_vi"] = f"Huyện {HOSTILE}"
    report.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    indicators = data / "curated" / "indicators.csv"
    frame = pd.read_csv(indicators, dtype=str, keep_default_na=False)
    frame.loc[frame["indicator_id"] == "growth_rate", "name_vi"] = f"Tăng trưởng {HOSTILE}"
    frame.to_csv(indicators, index=False)
    build(data)
    return data


def test_literal_escapes_every_markdown_sign_and_keeps_the_words():
    shown = literal(HOSTILE)
    assert not re.search(r"(?<!\\)[\[\]()$:*!]", shown), shown
    assert shown.replace("\\", "") == HOSTILE


@pytest.mark.parametrize("page, query", [("app.py", {}), ("pages/5_chi_tieu.py", {"indicator": "growth_rate"})])
def test_a_hostile_name_reaches_the_page_as_text(hostile_data, monkeypatch, page, query):
    monkeypatch.setenv("CHITIEU_DATA_DIR", str(hostile_data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    if page != "app.py":
        at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    titles = [t.value for t in at.title]
    assert any(literal(HOSTILE) in title for title in titles), titles
    markdown = [m.value for m in [*at.markdown, *at.caption, *at.title, *at.info, *at.subheader]]
    assert not [m for m in markdown if re.search(r"(?<!\\)\]\(http://evil|(?<!\\)!\[x", m)], markdown
