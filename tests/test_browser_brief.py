"""The meeting brief printed as a leader prints it: Chromium turns it into an A4 PDF (its own page
size and margins), and the PDF is read back with pypdf. The summary takes two pages at most, no
heading is left alone at the foot of a page, no text runs out of its box, statuses keep to one line."""
from __future__ import annotations

import io

import lxml.html
import pytest
from browser_support import CHROMIUM, REPO
from helpers import text

from lib.export import brief
from lib.view.filters import Filters
from lib.words.words import Words

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (make chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
pypdf = pytest.importorskip("pypdf")
PRINTED = REPO / "artifacts" / "brief"
A4_TEXT_WIDTH = 688  # px: 210 mm less the brief's 14 mm margins, at 96 px an inch

# Anything past the text width, any chart text outside its chart, any status badge over two lines.
OVERFLOW = """() => {
  const width = document.body.getBoundingClientRect().right + 1, out = [];
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width && box.right > width) out.push(['past the page', e.tagName, (e.textContent || '').slice(0, 50)]);
  }
  for (const t of document.querySelectorAll('svg text')) {
    const svg = t.ownerSVGElement.getBoundingClientRect(), box = t.getBoundingClientRect();
    if (box.width && (box.left < svg.left - 1 || box.right > svg.right + 1)) out.push(['out of its chart', t.textContent]);
  }
  for (const badge of document.querySelectorAll('td .ct-badge')) {
    if (badge.getClientRects().length > 1) out.push(['status on two lines', badge.textContent]);
  }
  return out;
}"""


def _printed(browser, document: str, name: str) -> tuple[list[list[str]], list]:
    """The brief as printed: each page's lines of text, and what overflows on an A4-wide screen."""
    PRINTED.mkdir(parents=True, exist_ok=True)
    path = PRINTED / f"{name}.html"
    path.write_text(document, encoding="utf-8")
    page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    overflow = page.evaluate(OVERFLOW)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    (PRINTED / f"{name}.pdf").write_bytes(pdf)
    pages = [[line.strip() for line in p.extract_text().splitlines() if line.strip()]
             for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    return pages, overflow


@pytest.mark.parametrize("lang, view, name", [("vi", Filters(), "brief-vi"), ("en", Filters(), "brief-en"),
                                              ("vi", Filters(domain="economy"), "brief-vi-kinh-te")])
def test_the_brief_prints_a_two_page_summary_with_nothing_cut(browser, built_snapshot, scope, lang, view, name):
    document = brief.meeting_brief_html(built_snapshot, scope, view, Words.of(lang))
    pages, overflow = _printed(browser, document, name)
    appendix = text("brief_appendix", lang)
    starts = [number for number, lines in enumerate(pages, 1) if lines and lines[0] == appendix]
    assert starts, "the appendix starts a page of its own"
    assert starts[0] - 1 <= 2, f"the summary takes {starts[0] - 1} pages"
    assert overflow == []
    headings = {node.text_content().strip() for node in lxml.html.fromstring(document).xpath("//h1|//h2|//h3")}
    alone = [(number, lines[-1]) for number, lines in enumerate(pages, 1) if lines and lines[-1] in headings]
    assert alone == [], "a heading left alone at the foot of a page"
    assert len(pages) >= 4, "the appendix holds the full table"
