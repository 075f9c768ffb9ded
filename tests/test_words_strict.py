"""Strict words: a missing label fails instead of showing its key, a name assigned twice in a word
table fails, English counts of one are singular."""
from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from lib.words import labels
from lib.words import number_format as fmt
from lib.words.words import Words

WORDS = Path(__file__).resolve().parent.parent / "lib" / "words"
WORD_FILES = sorted(WORDS.glob("labels*.py"))


def _module_names(tree: ast.Module) -> list[str]:
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_no_word_table_is_assigned_twice(path):
    counts = Counter(_module_names(ast.parse(path.read_text(encoding="utf-8"))))
    assert [name for name, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_no_key_is_written_twice_in_one_table(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            assert [k for k, n in Counter(keys).items() if n > 1] == [], f"{path.name}:{node.lineno}"


def test_no_sentence_key_is_given_twice_across_the_word_files():
    """UI is built from several dicts (UI, its updates, the staff's and the meeting's): a key in two
    of them would silently keep the last."""
    seen: Counter = Counter()
    for path in WORD_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = None
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                target = node.targets[0].id if isinstance(node.targets[0], ast.Name) else None
                if target in ("UI", "STAFF_UI", "MEETING_UI", "EXPORT_UI"):
                    seen.update(k.value for k in node.value.keys if isinstance(k, ast.Constant))
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in ("UI", "EXPORT_UI")
                    and node.args and isinstance(node.args[0], ast.Dict)):
                seen.update(k.value for k in node.args[0].keys if isinstance(k, ast.Constant))
    assert [k for k, n in seen.items() if n > 1] == []


def test_a_missing_label_fails_instead_of_showing_its_key():
    with pytest.raises(labels.MissingLabel):
        Words.of("vi").label(labels.STATUSES, "good")
    with pytest.raises(labels.MissingLabel):
        Words.of("en").text("no_such_sentence")
    assert Words.of("vi").label(labels.CHANGES, "good") == "Theo hướng tốt"


def test_words_are_asked_of_the_words_object_only():
    """labels.py's look-ups are private: code asks `Words` (lib/words/words.py), which knows its language."""
    with pytest.raises(ImportError):
        from lib.words.labels import text  # noqa: F401
    with pytest.raises(ImportError):
        from lib.words.labels import label  # noqa: F401
    outside = [path for path in Path(__file__).resolve().parent.parent.glob("**/*.py")
               if ".venv" not in path.parts and "words" not in path.parent.name
               and re.search(r"\blabels\._?(text|label)\(", path.read_text(encoding="utf-8"))]
    assert not [p for p in outside if p.name != Path(__file__).name], outside


def test_a_readers_server_shows_a_dash_for_a_missing_word_never_its_key(monkeypatch):
    monkeypatch.delenv("CHITIEU_STRICT_WORDS")
    assert Words.of("vi").label(labels.STATUSES, "good") == "–"
    assert Words.of("en").text("no_such_sentence") == "–"
    assert Words.of("en").label(labels.CHANGES, "bad") == "Worsening"


def test_every_vocabulary_has_both_languages():
    for name in ("DOMAINS", "GROUPS", "KINDS", "DIRECTIONS", "MEASURES", "STATUSES", "COMPARISONS", "CHANGES",
                 "STATED", "SNAPSHOT_CHANGES", "PACE", "PERIODS", "LEVELS", "ORIGINS", "STATEMENT_KINDS", "PAGES"):
        for key, pair in getattr(labels, name).items():
            assert len(pair) == 2 and all(isinstance(w, str) and w.strip() for w in pair), (name, key)
    for key, pair in labels.UI.items():
        assert len(pair) == 2 and all(pair), key


@pytest.mark.parametrize(("value", "unit_of_measure_en", "shown"), [
    (1, "communes", "1 commune"), (2, "communes", "2 communes"), (1, "people", "1 person"),
    (1, "party members", "1 party member"), (1, "hamlets, wards", "1 hamlet, ward"),
    (1, "beds per 10 000 people", "1 bed per 10 000 people"), (1, "billion VND", "1 billion VND"),
    (1.5, "households", "1.5 households"), (-1, "cases", "−1 case")])
def test_english_counts_of_one_are_singular(value, unit_of_measure_en, shown):
    assert fmt.with_unit(value, "x", "en", unit_of_measure_en=unit_of_measure_en) == shown


def test_english_sentences_of_one_are_singular():
    assert Words.of("en").text("in_view", what="everything", n=1) == "Showing: everything — 1 indicator."
    assert Words.of("en").text("in_view", what="everything", n=2) == "Showing: everything — 2 indicators."
    assert Words.of("vi").text("in_view", what="tất cả", n=1) == "Đang xem: tất cả — 1 chỉ tiêu."


# --- search without diacritics in the pickers a leader uses ---------------------------------------

@pytest.mark.parametrize(("query", "name", "found"), [
    ("thu ngan sach", "Thu ngân sách Nhà nước", True), ("THU NGÂN", "Thu ngân sách Nhà nước", True),
    ("dang vien", "Đảng viên mới", True), ("ngan thu", "Thu ngân sách", True), ("", "bất kỳ", True),
    ("thu ngan sach", "Tổng chi ngân sách", False)])
def test_matches_folds_diacritics(query, name, found):
    from lib.words.vntext import matches
    assert matches(query, name) is found


def test_the_indicator_picker_finds_an_indicator_typed_without_diacritics():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/5_chi_tieu.py").run()
    assert not at.exception
    at.text_input[0].input("thu ngan sach").run()
    picker = at.selectbox[0]
    shown = list(picker.options)  # as the reader sees them
    assert shown and all("ngân sách" in s.lower() for s in shown), shown
    assert any(s.startswith("Thu ngân sách Nhà nước") for s in shown), shown
    assert not at.exception


def test_the_words_object_is_strict_and_says_one_in_the_singular():

    vi, en = Words.of("vi"), Words.of("en")
    with pytest.raises(labels.MissingLabel):
        vi.text("no_such_sentence")
    with pytest.raises(labels.MissingLabel):
        en.label(labels.STATUSES, "good")
    assert en.text("staff_found", n=1) == "1 matching indicator"
    assert en.text("staff_found", n=2) != en.text("staff_found", n=1)
    assert en.with_unit(1, "xã", unit_of_measure_en="communes") == "1 commune"
    assert vi.number(1234.5) == "1.234,5" and en.number(1234.5) == "1,234.5"
    assert vi.percent(88.14) == "88,14%" and en.signed(-8.6) == "−8.6"


def test_the_words_object_chooses_by_language_only_inside_lib_words():

    vi, en = Words.of("vi"), Words.of("en")
    assert Words.of(None) is vi and Words.of("fr") is vi and Words.of("en") is en
    assert vi.other is en and en.other is vi
    assert (vi.column("reporting_unit_name"), en.column("reporting_unit_name")) == ("reporting_unit_name_vi", "reporting_unit_name_en")
    assert (vi.pick("a", "b"), en.pick("a", "b")) == ("a", "b")
    assert vi.link_query() == {} and en.link_query() == {"lang": "en"}
    assert vi.vega_locale["decimal"] == "," and en.vega_locale["decimal"] == "."
    assert vi.text("language_name") == "Tiếng Việt" and en.text("language_name") == "English"


def test_no_code_outside_lib_words_branches_on_the_language():
    root = WORDS.parent.parent
    outside = [p for p in [*(root / "lib").rglob("*.py"), *(root / "pages").glob("*.py"), root / "app.py"]
               if WORDS not in p.parents]
    branching = [str(p.relative_to(root)) for p in outside if '== "vi"' in p.read_text(encoding="utf-8")]
    assert branching == []
