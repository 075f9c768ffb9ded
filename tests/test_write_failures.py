"""A data folder that cannot be written (read-only, full): the check says so in Vietnamese before
publishing, publishing and a note raise BuildError with the same words, and nothing is half written."""
import builtins
import errno
import os
from pathlib import Path

import pytest

from lib.pipeline import publish
from lib.pipeline.problems import BuildError
from tests.test_publish import data, reviewed_draft  # noqa: F401  (the fixture)


@pytest.fixture
def read_only(data, monkeypatch):  # noqa: F811
    """Every write under data/ fails as on a read-only mount (root ignores chmod, so the calls fail)."""
    real_open, real_os_open = builtins.open, os.open
    inside = str(data)

    def refuse(path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, Path)) and str(file).startswith(inside) and set(mode) & set("wax+"):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if str(path).startswith(inside) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    return data


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_read_only_data_folder_is_named_by_the_check_and_by_publishing(read_only):
    draft = reviewed_draft(read_only)
    before = _files(read_only)
    problems, changes = publish.check_and_preview(read_only, draft)
    assert changes is None and len(problems) == 1
    assert "không ghi được vào thư mục dữ liệu (thư mục chỉ đọc" in problems[0].message
    with pytest.raises(BuildError) as refused:
        publish.publish(read_only, draft)
    assert "thư mục chỉ đọc" in str(refused.value.problems[0])
    with pytest.raises(BuildError) as note_refused:
        publish.publish_note(read_only, "health_insurance_coverage", "Nguyễn Văn A", "Ghi chú thử.")
    assert "thư mục chỉ đọc" in str(note_refused.value.problems[0])
    assert _files(read_only) == before, "nothing written, nothing half written"


def test_a_publish_cut_off_earlier_is_undone_when_the_staff_page_opens_and_the_page_says_so(tmp_path, monkeypatch):
    """The page named in the issue: after a kill mid-publish, the next staff visit rolls it back and
    tells the staff member what happened, in Vietnamese."""
    from staff_support import copied_data, staff_page_with

    from lib.pipeline import journal

    folder = copied_data(tmp_path, monkeypatch)
    sums = (folder / "raw" / "SHA256SUMS").read_bytes()
    journal.begin(folder, "báo cáo mau-2024", ["raw/SHA256SUMS"], ["raw/mau-2024.txt"])
    (folder / "raw" / "mau-2024.txt").write_text("nửa chừng", encoding="utf-8")
    (folder / "raw" / "SHA256SUMS").write_bytes(sums + b"0" * 64 + b"  mau-2024.txt\n")
    at = staff_page_with("bao-cao.txt", b"", monkeypatch)
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Lần công bố trước bị ngắt giữa chừng") and "mau-2024" in w for w in warnings), warnings
    assert not (folder / "raw" / "mau-2024.txt").exists()
    assert (folder / "raw" / "SHA256SUMS").read_bytes() == sums
    assert not (folder / journal.JOURNAL).exists()
