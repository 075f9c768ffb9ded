"""Every file that is not a readable report gets its reason and fix in Vietnamese, and the staff
session goes on; the readable formats (.txt in UTF-8 or UTF-16, .docx with tables, a .pdf's text
layer, a heavy .docx) reach the extractor as lines."""
from __future__ import annotations

import pytest
from fixtures.bad_files import ANNEX, REPORT_LINES, bad_files, docx, pdf
from staff_support import staff_page_with

from lib.pipeline import ingest
from lib.pipeline.raw import UnreadableReport, report_text
from lib.words import labels
from lib.words.vntext import literal
from lib.words.words import Words

CASES = bad_files()


@pytest.mark.parametrize(("case", "name", "content", "key"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_is_named_with_its_fix(case, name, content, key):
    with pytest.raises(UnreadableReport) as caught:
        report_text(name, content)
    assert caught.value.key == key, case
    message = str(caught.value)
    assert name in message, "the staff member learns which file"
    assert "Traceback" not in message and "Error" not in message
    # Both languages exist and fill in every detail.
    for lang in labels.LANGUAGES:
        assert "{" not in Words.of(lang).text(key, **caught.value.details)


def test_the_messages_of_every_case_differ():
    keys = {key for *_, key in CASES}
    vi = {Words.of("vi").text(key, name="x", kind="PNG", ext=".x", pages=1, size=1, limit=1, chars=1) for key in keys}
    assert len(vi) == len(keys)


def test_a_docx_with_an_annex_table_reaches_the_extractor_as_lines():
    content = docx(REPORT_LINES, table=ANNEX)
    text = report_text("bao-cao.docx", content)
    assert "Tổng giá trị sản xuất | tỷ đồng | 12.200 | 12.345,6 | 101,2" in text.splitlines()
    assert text.splitlines()[0] == REPORT_LINES[0], "paragraphs keep their order before the table"
    proposals = ingest.extract(text, ingest.load_catalogue())
    assert len(proposals) >= 3, "the extractor reads the lines without crashing"


def test_a_heavy_docx_full_of_photos_is_still_read():
    content = docx(REPORT_LINES, padding_mb=30)
    assert len(content) > 30 * 1024 * 1024
    assert report_text("bao-cao.docx", content).splitlines()[1] == REPORT_LINES[1]


def test_a_pdf_with_a_text_layer_is_read_page_by_page():
    text = report_text("bao-cao.pdf", pdf(["Tong gia tri san xuat uoc dat 12.345,6 ty dong", "Thu nhap 63,1 trieu"]))
    assert "12.345,6" in text and "63,1" in text


def test_a_pdf_with_one_scanned_page_among_text_pages_is_read():
    assert "12.345,6" in report_text("bao-cao.pdf", pdf([None, "Tong gia tri 12.345,6 ty dong"]))


def test_notepad_unicode_and_a_bom_are_read():
    line = REPORT_LINES[1]
    assert report_text("a.txt", line.encode("utf-16")) == line
    assert report_text("a.txt", b"\xef\xbb\xbf" + line.encode("utf-8")) == line


def test_a_text_file_starting_like_a_bitmap_is_still_text():
    assert report_text("a.txt", "BM-01: Tổng giá trị 12,5 tỷ đồng".encode()).startswith("BM-01")


@pytest.mark.parametrize(("case", "name", "content", "key"),
                         [c for c in CASES if "MB" not in c[0]], ids=[c[0] for c in CASES if "MB" not in c[0]])
def test_the_page_says_why_and_the_session_goes_on(case, name, content, key, monkeypatch):
    at = staff_page_with(name, content, monkeypatch)
    assert not at.exception, case
    errors = [e.value for e in at.error]
    assert errors and errors[0] == Words.of("vi").text(key, **_details(name, content)), case
    assert any("tải lên tệp khác" in c.value for c in at.caption), "the uploader waits for the next file"
    assert not any(b.key == "staff_check" for b in at.button), "no review of a file that was not read"


def _details(name: str, content: bytes) -> dict:
    with pytest.raises(UnreadableReport) as caught:
        report_text(name, content)
    return caught.value.details


def test_a_file_that_breaks_the_reader_gets_a_sentence_not_a_traceback(monkeypatch):
    from lib.pipeline import raw
    monkeypatch.setattr(raw, "read_docx", lambda source: 1 / 0)
    monkeypatch.setattr("lib.web.staff_page.report_text", raw.report_text)
    at = staff_page_with("bao-cao.docx", docx(REPORT_LINES), monkeypatch)
    assert not at.exception
    assert [e.value for e in at.error] == [Words.of("vi").text("staff_file_other", name=literal("bao-cao.docx"))]
