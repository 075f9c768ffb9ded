"""A raw report as received (data/raw/): its text (.txt, .docx or a .pdf's text layer), and its sha256
against SHA256SUMS. A file that is not a report says why in the staff member's words."""
from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from pathlib import Path

from lib.words.vntext import nfc, numeric_tokens
from lib.words.words import VIETNAMESE

READABLE = (".txt", ".docx", ".pdf")
MAX_FILE_MB = 40  # a .docx with photos is still read; 40–48 MB (the server's limit) get our words
MAX_TEXT_CHARS = 2_000_000  # ~600 pages: more is a collection of reports, or not a report
MAX_PDF_PAGES = 400  # counted before any text is extracted (its text layer takes ~40 ms a page)
MAX_NUMBERS = 3_000  # a district's year report holds ~300; the extractor takes ~7 ms a number
MAX_DOCX_PART_MB = 40  # word/document.xml of a 600-page report is well under this
MAX_DOCX_UNPACKED_MB = 160  # every part together, photos included: checked before anything is read
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"),
           (b"MM\x00*", "TIFF"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 (.doc), old Excel


class UnreadableReport(ValueError):
    """A file that cannot be read as a report: `key` names its words in lib/words/labels.py (what is wrong
    and the fix, Vietnamese and English); str() is the Vietnamese."""

    def __init__(self, key: str, **details):
        self.key, self.details = key, details
        super().__init__(VIETNAMESE.text(key, **details))


def read_docx(path: Path | str) -> str:
    """The text of a .docx: paragraphs and table rows in document order, one per line; a row's cells are
    joined by " | ", empty ones included, so that lib.pipeline.ingest.annex reads each by its column."""
    import docx  # python-docx, only needed for reports delivered as .docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                        continue
                    seen.add(id(cell._tc))
                    # Empty cells stay, so that every value keeps its column ("KH | TH | % KH").
                    cells.append(" ".join(p.text for p in cell.paragraphs).strip())
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    lines.append(" | ".join(cells))
    return "\n".join(lines)


def read_pdf(content: bytes, name: str) -> str:
    """The text layer of a PDF, page by page; a scan has none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableReport("staff_file_locked", name=name)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableReport("staff_file_too_many_pages", name=name, pages=f"{len(reader.pages):,}".replace(",", "."),
                                   limit=MAX_PDF_PAGES)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, UnreadableReport):
            raise
        raise UnreadableReport("staff_file_damaged", name=name) from error
    text = "\n".join(pages)
    if not any(ch.isalpha() for ch in text):
        raise UnreadableReport("staff_file_scan", name=name, pages=len(pages))
    return text


def _check_unpacked_sizes(package: zipfile.ZipFile, name: str) -> None:
    """Refuse, from the zip's directory alone, a .docx that would fill memory once unpacked (a 199 MiB
    document.xml compresses to a few MB)."""
    parts = package.infolist()
    largest = max(parts, key=lambda part: part.file_size)
    total = sum(part.file_size for part in parts) / 1024 / 1024
    if largest.file_size / 1024 / 1024 > MAX_DOCX_PART_MB:
        raise UnreadableReport("staff_file_unpacked_too_big", name=name, part=largest.filename,
                               size=f"{largest.file_size / 1024 / 1024:.0f}", limit=MAX_DOCX_PART_MB)
    if total > MAX_DOCX_UNPACKED_MB:
        raise UnreadableReport("staff_file_unpacked_too_big", name=name, part="tất cả", size=f"{total:.0f}",
                               limit=MAX_DOCX_UNPACKED_MB)


def _docx_text(content: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            if "word/document.xml" not in package.namelist():
                raise UnreadableReport("staff_file_extension", name=name, ext=Path(name).suffix.lower() or "—")
            _check_unpacked_sizes(package, name)
        with tempfile.TemporaryDirectory() as scratch:  # python-docx reads from a path
            path = Path(scratch) / "report.docx"
            path.write_bytes(content)
            return read_docx(path)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        if isinstance(error, UnreadableReport):
            raise
        raise UnreadableReport("staff_file_damaged", name=name) from error


def _plain_text(content: bytes, name: str) -> str:
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode" is UTF-16 with a BOM
        return content.decode("utf-16")
    if b"\x00" in content[:4096]:
        raise UnreadableReport("staff_file_binary", name=name)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableReport("staff_file_not_utf8", name=name) from error


def report_text(name: str, content: bytes) -> str:
    """A report's text as NFC, from the file's bytes; its content decides how it is read (a PNG
    renamed .docx is an image), the extension only where content cannot tell. Raises
    UnreadableReport for every file that is not a readable report."""
    suffix = Path(name).suffix.lower()
    size_mb = len(content) / 1024 / 1024
    if size_mb > MAX_FILE_MB:
        raise UnreadableReport("staff_file_too_big", name=name, size=f"{size_mb:.0f}", limit=MAX_FILE_MB)
    if not content.strip():
        raise UnreadableReport("staff_file_empty", name=name)
    kind = next((kind for magic, kind in _IMAGES if content.startswith(magic)), None)
    if content[:2] == b"BM" and content[6:10] == b"\x00\x00\x00\x00":  # BMP; "BM-01" alone is a form's name
        kind = "BMP"
    if kind or content[8:12] == b"WEBP" or content[4:12] in (b"ftypheic", b"ftypmif1"):
        raise UnreadableReport("staff_file_image", name=name, kind=kind or "ảnh", ext=suffix or "—")
    if content.startswith(_OLE) or suffix == ".doc":
        raise UnreadableReport("staff_file_doc", name=name)
    if content.startswith(b"%PDF"):
        text = read_pdf(content, name)
    elif suffix and suffix not in READABLE:
        raise UnreadableReport("staff_file_extension", name=name, ext=suffix)
    elif content.startswith(b"PK\x03\x04"):
        text = _docx_text(content, name)
    elif suffix == ".docx":
        raise UnreadableReport("staff_file_damaged", name=name)
    else:
        text = _plain_text(content, name)
    text = nfc(text)
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableReport("staff_file_too_long", name=name, chars=f"{len(text):,}".replace(",", "."))
    if not text.strip():
        raise UnreadableReport("staff_file_empty", name=name)
    numbers = len(numeric_tokens(text))
    if not numbers:
        raise UnreadableReport("staff_file_no_numbers", name=name)
    if numbers > MAX_NUMBERS:
        raise UnreadableReport("staff_file_too_many_numbers", name=name, numbers=f"{numbers:,}".replace(",", "."),
                               limit=f"{MAX_NUMBERS:,}".replace(",", "."))
    return text


def read_report(path: Path | str) -> str:
    """A report file as NFC text (.txt in UTF-8, .docx, .pdf with a text layer)."""
    path = Path(path)
    return report_text(path.name, path.read_bytes())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_sha256(raw_path: Path) -> str | None:
    """The sha256 that data/raw/SHA256SUMS records for this file, None if it has no line."""
    sums = raw_path.parent / "SHA256SUMS"
    if not sums.exists():
        return None
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition(" ")
        if name.strip().lstrip("*") == raw_path.name:
            return digest.strip()
    return None
