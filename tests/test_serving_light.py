"""The light pages (lib/export/light_page.py): every page of the overview and the domains, in both
languages, plain HTML with no script, under 150 KB, naming its snapshot, linking to the full page,
and saying what the app says (the same readings, laid out by lib/render/tables.py)."""
from __future__ import annotations

import html
import re

import pytest

from deploy.warm import light_addresses
from lib.data import queries
from lib.export.light_page import MARKER, ensure_light_pages, file_name, write_light_pages
from lib.judgement import reading
from lib.render import tables
from lib.view.filters import Filters
from lib.words.words import Words

ADDRESSES = light_addresses()


@pytest.fixture(scope="module")
def light(built_data_dir):
    folder = write_light_pages(built_data_dir, ADDRESSES)
    assert folder is not None
    return folder


def test_every_page_in_both_languages_is_small_plain_and_names_its_snapshot(light, built_snapshot):
    snapshot_id = built_snapshot.snapshot.manifest["snapshot_id"]
    assert (light / MARKER).read_text().strip() == snapshot_id
    assert set(ADDRESSES) == {"overview", "economy", "culture_society", "security_order", "party_politics"}
    for folder, lang in ((light, "vi"), (light / "en", "en")):
        for page, address in ADDRESSES.items():
            text = (folder / file_name(address)).read_text(encoding="utf-8")
            assert len(text.encode()) <= 150_000, (lang, page)
            assert "<script" not in text.lower() and " on" not in re.sub(r">[^<]*<", "><", text)
            assert f'<html lang="{lang}">' in text and snapshot_id in text
            full = re.search(r'class="full" href="([^"]+)"', text).group(1)
            assert full.removesuffix("?lang=en").endswith("../" + address) if address else full.startswith("../../")


def test_the_domain_page_shows_the_apps_reading_of_every_indicator(light, built_snapshot, scope):
    text = html.unescape((light / "kinh_te.html").read_text(encoding="utf-8"))
    rows = queries.indicator_table(built_snapshot, scope, Filters(domain="economy"))
    assert text.count("<tr data-indicator=") == len(rows)
    for read in reading.read_all(rows, Words.of("vi")):
        line = re.search(rf'<tr data-indicator="{re.escape(read.indicator_id)}">(.*?)</tr>', text).group(1)
        cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", line)]
        assert cells == tables.indicator_row(read), read.indicator_id
    english = html.unescape((light / "en" / "kinh_te.html").read_text(encoding="utf-8"))
    assert "Economy" in english and "Showing" not in english


def test_written_once_per_snapshot(light, built_data_dir):
    page = light / "index.html"
    before = page.stat().st_mtime_ns
    assert ensure_light_pages(built_data_dir, ADDRESSES) == light
    assert page.stat().st_mtime_ns == before


def test_each_page_previews_in_a_chat_with_its_title_the_years_counts_and_its_chart(light, built_snapshot, scope):
    """A link pasted into a chat app shows the page's title, the opening sentence of the page's own
    paragraph (the same counts as the page) and a picture of its headline chart."""
    from lib.export.light_page import preview_name

    for folder, lang in ((light, "vi"), (light / "en", "en")):
        for page, address in ADDRESSES.items():
            text = (folder / file_name(address)).read_text(encoding="utf-8")
            meta = {m.group(1): html.unescape(m.group(2))
                    for m in re.finditer(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', text)}
            title = html.unescape(re.search(r"<title>([^<]*)</title>", text).group(1))
            assert meta["og:title"] == title, (lang, page)
            view = Filters(domain=None if page == "overview" else page)
            counts = queries.status_counts(built_snapshot, scope, view)
            summary = meta["og:description"]
            planned = sum(counts.get(s, 0) for s in ("exceeded", "met", "not_met"))
            assert summary == meta["description"] and summary.endswith(".") and len(summary) < 300
            assert str(scope.results_year) in summary and (not planned or str(planned) in summary), summary
            reached, short = counts.get("exceeded", 0) + counts.get("met", 0), counts.get("not_met", 0)
            figures = [int(n) for n in re.findall(r"\d+", summary.split(str(scope.results_year), 1)[1])]
            assert figures[:2] == [planned, reached] and (not short or short in figures) if planned else \
                not figures, (summary, counts)
            image = meta["og:image"]
            assert image.endswith(preview_name(address)), image
            assert (folder / preview_name(address)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
