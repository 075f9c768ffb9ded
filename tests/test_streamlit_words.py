"""Streamlit's own words said in the page's language (lib/web/streamlit_words.py): every English word
swapped is one the installed frontend draws, and the swap never turns a word into another it swaps."""
from __future__ import annotations

from pathlib import Path

import streamlit

from lib.web.streamlit_words import script_html, words_for
from lib.words.labels_streamlit import STREAMLIT_WORDS
from lib.words.words import Words

FRONTEND = Path(streamlit.__file__).parent / "static" / "static" / "js"


def test_every_word_swapped_is_drawn_by_the_installed_frontend():
    drawn = "".join(path.read_text(encoding="utf-8", errors="replace") for path in FRONTEND.glob("*.js"))
    # A Streamlit upgrade that renames a word leaves it English: this fails and names it.
    assert [w for w in STREAMLIT_WORDS if f"`{w}`" not in drawn and f'"{w}"' not in drawn] == []


def test_both_languages_and_no_swap_feeds_another():
    for drawn, (vi, en) in STREAMLIT_WORDS.items():
        assert vi.strip() and en == drawn, drawn
    vietnamese = words_for(Words.of("vi"))
    assert vietnamese["Sort ascending"] == "Sắp xếp tăng dần" and "Search" not in vietnamese
    assert not set(vietnamese.values()) & set(vietnamese), "a Vietnamese word is also an English one swapped"
    assert words_for(Words.of("en"))["Sắp xếp tăng dần"] == "Sort ascending"
    assert "Sort ascending" not in words_for(Words.of("en"))


def test_the_words_cannot_end_the_script():
    page = script_html(Words.of("vi"))
    assert page.count("</script>") == 1 and "Chọn…" in page
