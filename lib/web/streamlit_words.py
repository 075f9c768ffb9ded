"""Streamlit's own words in the page's language where no option of its sets them: a table's column
menu (always offered on a non-empty st.dataframe in 1.67, with no parameter to leave it out), the
element toolbar and its tooltips, the show/hide list, a grid cell's drop-down. A last resort: a small
script swaps the English its frontend draws for lib/words/labels_streamlit.py's words as those open.
The uploader's words and an empty drop-down's are CSS (lib/web/style.py)."""
from __future__ import annotations

import json

import streamlit as st

from lib.words.labels_streamlit import STREAMLIT_WORDS
from lib.words.words import Words

MARK = "ct-streamlit-words"


def words_for(words: Words) -> dict[str, str]:
    """What to swap on a page in the language of `words`: Streamlit's English for ours in Vietnamese; on an English
    page ours back to English (a reader who switched language keeps no Vietnamese menu word)."""
    if words.is_vietnamese:
        return {drawn: vi for drawn, (vi, _) in STREAMLIT_WORDS.items() if vi != drawn}
    return {vi: en for _, (vi, en) in STREAMLIT_WORDS.items() if vi != en}


def script_html(words: Words) -> str:
    payload = json.dumps(words_for(words), ensure_ascii=False)
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        payload = payload.replace(character, escaped)
    return f"<span class='{MARK}' hidden></span><script>{SCRIPT}({payload})</script>"


def show(words: Words) -> None:
    """Once per page; the script stays watching across reruns and pages, the words follow the language."""
    st.html(script_html(words), unsafe_allow_javascript=True)


# Where Streamlit draws its own words: #portal (a table's column menu, a cell's editor), the floating
# overlay (tooltips, the show/hide list) and the toolbar's buttons (their aria-label "Fullscreen: …").
SCRIPT = """(function (words) {
  window.ctStreamlitWords = words;
  const where = '#portal, #stFloatingOverlayPortal, [data-testid="stElementToolbar"]';
  const say = (value) => {
    const head = value.trim().split(': ')[0], shown = window.ctStreamlitWords[head];
    return shown === undefined ? null : value.replace(head, shown);
  };
  const swap = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const said = say(node.nodeValue);
      if (said !== null) node.nodeValue = said;
    }
    for (const element of [root, ...root.querySelectorAll('[aria-label], [title]')]) {
      for (const name of ['aria-label', 'title']) {
        const value = element.getAttribute(name), said = value && say(value);
        if (said) element.setAttribute(name, said);
      }
    }
  };
  document.querySelectorAll(where).forEach(swap);
  if (window.ctStreamlitWordsWatch) return;
  window.ctStreamlitWordsWatch = new MutationObserver((changes) => {
    for (const change of changes) {
      const node = change.type === 'characterData' ? change.target.parentElement : change.target;
      if (!node || !node.closest) continue;
      if (node.closest(where)) { swap(node); continue; }
      for (const added of change.addedNodes) if (added.querySelectorAll) added.querySelectorAll(where).forEach(swap);
    }
  });
  window.ctStreamlitWordsWatch.observe(document.body, {childList: true, subtree: true, characterData: true,
                                                      attributes: true, attributeFilter: ['aria-label', 'title']});
})"""
