"""Bounded work on a hostile or careless upload: a 2.000-page PDF, a PDF dense with numbers, a .docx
whose document.xml unpacks to 199 MiB; each is refused with its reason, quickly and without filling
memory. The extractor's steps walk a clause's neighbours, not every number of the report."""
import io
import time
import tracemalloc
import zipfile

import pytest

from lib.pipeline import raw
from lib.pipeline.ingest import mentions as mentions_module
from lib.pipeline.raw import UnreadableReport, report_text


def pdf_bytes(pages: int, lines_per_page: int = 40) -> bytes:
    """A PDF with a text layer (Helvetica, one line of figures after another), written by hand."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    pages_id = 2 + 2 * pages
    kids = []
    n = 0
    for _ in range(pages):
        lines = []
        for i in range(lines_per_page):
            n += 1
            lines.append(f"BT /F1 9 Tf 40 {800 - i * 18} Td (Gia tri san xuat xa {n} dat {1000 + n}.{n % 1000:03d} "
                         f"trieu dong, tang {n % 9},{n % 7}% so voi cung ky.) Tj ET")
        stream = "\n".join(lines).encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 1 0 R >> >> >>" % (pages_id, len(objects)))
        kids.append(len(objects))
    objects.append(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % pages)
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)


def test_a_two_thousand_page_pdf_is_refused_within_a_minute_with_its_reason():
    content = pdf_bytes(2000, lines_per_page=10)
    started = time.monotonic()
    with pytest.raises(UnreadableReport) as refused:
        report_text("tong-hop.pdf", content)
    took = time.monotonic() - started
    assert refused.value.key == "staff_file_too_many_pages"
    assert "2.000 trang" in str(refused.value) and f"tối đa {raw.MAX_PDF_PAGES} trang" in str(refused.value)
    assert took < 60, took


def test_a_pdf_dense_with_numbers_is_refused_before_the_extractor_runs():
    with pytest.raises(UnreadableReport) as refused:
        report_text("bang-so.pdf", pdf_bytes(30))  # 1.200 lines of three numbers each
    assert refused.value.key == "staff_file_too_many_numbers"
    assert "3.600 con số" in str(refused.value)


def test_a_docx_whose_document_unpacks_to_199_mib_is_refused_from_the_zip_directory():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:t>1.234 </w:t>" * 4096
            for _ in range((199 << 20) // len(chunk)):
                part.write(chunk)
    content = buffer.getvalue()
    assert len(content) < raw.MAX_FILE_MB << 20  # small on the wire
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableReport) as refused:
            report_text("bao-cao.docx", content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.key == "staff_file_unpacked_too_big"
    assert "word/document.xml" in str(refused.value) and "199 MB" in str(refused.value)
    assert peak < 20 << 20, f"{peak / 2**20:.0f} MiB held while refusing"


def test_the_clauses_of_twenty_thousand_numbers_are_found_in_linear_time():
    """The break finder and the clause bounds once compared every break with every number
    (breaks × numbers: minutes at this size); now each costs a bisection."""
    from lib.pipeline.ingest.catalogue import empty_catalogue

    text = "".join(f"Xã {i} đạt {i},5 tấn, tăng {i % 9}%; " for i in range(10_000))
    found, _ = mentions_module.find_mentions(text, mentions_module.UnitReader(empty_catalogue()))
    assert len(found) >= 20_000
    started = time.monotonic()
    mentions_module.locate_clauses(text, found)
    assert time.monotonic() - started < 3.0
    assert all(m.clause[0] <= m.start < m.clause[1] and m.segment[0] <= m.clause[0] for m in found)
    assert text[found[1].clause[0]:found[1].clause[1]].strip() == "Xã 0 đạt 0,5 tấn"
