"""A raw report as received (data/raw/): its text (.txt or .docx), and its sha256 against SHA256SUMS."""
from __future__ import annotations

import hashlib
from pathlib import Path

from lib.vntext import nfc


def read_docx(path: Path | str) -> str:
    """The text of a .docx: paragraphs and table rows in document order, one per line; a row's cells are
    joined by " | ", empty ones included, so that lib.pipeline.ingest.tables reads each by its column."""
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


def read_report(path: Path | str) -> str:
    """A report as NFC text, from .txt (UTF-8) or .docx."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return nfc(read_docx(path))
    if path.suffix.lower() == ".doc":
        raise ValueError("tệp .doc (Word cũ) chưa đọc được: lưu lại thành .docx rồi nạp lại")
    return nfc(path.read_text(encoding="utf-8-sig"))


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
