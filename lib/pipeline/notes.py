"""Staff notes on an indicator (author, date, text), kept in data/curated/notes.csv and therefore in
every snapshot built after them: checked by the build, and appended by `append_note` (the staff page
calls it) only once valid."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from lib.data.contract import INDICATOR_COLUMNS, NOTE_COLUMNS
from lib.pipeline.curated import Curated, read_csv
from lib.pipeline.problems import Problem

NOTES_FILE = "notes.csv"
MAX_AUTHOR = 80
MAX_TEXT = 2000


class NoteError(ValueError):
    """A note that cannot be kept, with the reason in Vietnamese for the staff member who wrote it."""


def note_problem(indicator_id: str, author: str, date: str, text: str, known_ids) -> tuple[str, str] | None:
    """What is wrong with a note and how to fix it, or None."""
    if indicator_id not in known_ids:
        return f"mã chỉ tiêu “{indicator_id}” chưa có trong danh mục", "chọn một chỉ tiêu của danh mục"
    if not author.strip() or len(author) > MAX_AUTHOR or not author.isprintable():
        return "thiếu tên người ghi (hoặc tên quá dài)", f"ghi họ tên, tối đa {MAX_AUTHOR} ký tự"
    try:
        day = dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return f"ngày “{date}” không hợp lệ", "ghi ngày dạng YYYY-MM-DD, ví dụ 2023-01-15"
    if day > dt.date.today() + dt.timedelta(days=1):
        return f"ngày {date} ở tương lai", "ghi ngày viết ghi chú"
    if not text.strip() or len(text) > MAX_TEXT:
        return "ghi chú trống (hoặc quá dài)", f"ghi nội dung, tối đa {MAX_TEXT} ký tự"
    if any(not (char.isprintable() or char == "\n") for char in text):
        return "ghi chú có ký tự điều khiển", "bỏ các ký tự lạ khỏi nội dung"
    return None


def read_notes(curated: Curated, problems: list[Problem]) -> list[dict]:
    """The rows of notes.parquet: every note of notes.csv, checked."""
    rows = []
    for row in curated.notes:
        problem = note_problem(row["indicator_id"], row["author"], row["date"], row["text"], curated.indicators)
        if problem:
            problems.append(Problem(f"curated/{NOTES_FILE}", row["_row"], *problem))
            continue
        rows.append({"indicator_id": row["indicator_id"], "author": row["author"],
                     "date": dt.date.fromisoformat(row["date"]), "text": row["text"], "curated_row": row["_row"]})
    return rows


def append_note(data_dir: Path, indicator_id: str, author: str, text: str, date: dt.date | str | None = None) -> dict:
    """Add one note to data/curated/notes.csv (created with its header if missing) and return it as
    written; raises NoteError, writing nothing, when the note is not valid. The next build puts it in
    a snapshot."""
    root = Path(data_dir) / "curated"
    problems: list[Problem] = []
    known = {row["indicator_id"] for row in read_csv(root / "indicators.csv", INDICATOR_COLUMNS, root, problems)}
    if problems:
        raise NoteError(str(problems[0]))
    day = (date or dt.date.today()).isoformat() if not isinstance(date, str) else date
    note = {"indicator_id": indicator_id, "author": author.strip(), "date": day, "text": text.strip()}
    problem = note_problem(note["indicator_id"], note["author"], note["date"], note["text"], known)
    if problem:
        raise NoteError(f"{problem[0]} → {problem[1]}")
    path = root / NOTES_FILE
    new_file = not path.exists() or path.stat().st_size == 0
    columns = NOTE_COLUMNS
    if not new_file:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
            handle.seek(0)
            ends_with_newline = handle.read().endswith("\n")
        if not set(NOTE_COLUMNS) <= set(header):
            raise NoteError(f"curated/{NOTES_FILE}: dòng tiêu đề phải có {', '.join(NOTE_COLUMNS)}")
        columns = header  # the file's own order (staff may have reordered it in Excel)
    with path.open("a", encoding="utf-8", newline="") as handle:
        if not new_file and not ends_with_newline:
            handle.write("\n")
        writer = csv.DictWriter(handle, fieldnames=columns, restval="", lineterminator="\n")
        if new_file:
            writer.writeheader()
        writer.writerow(note)
    return note

