"""What stops a build: each problem names its file, its row and the fix, in Vietnamese for staff."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing a staff member must fix before a snapshot can be built."""

    file: str
    row: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}, dòng {self.row}" if self.row else self.file
        return f"{where}: {self.message} → {self.fix}"


class BuildError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def relative_name(path: Path, root: Path) -> str:
    """The path as a problem names it: relative to the data folder (`curated/reports/…`)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


# The staff page never shows a file: each fix that names one is said as the action on the review.
_IN_REVIEW: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"thêm chỉ tiêu vào curated/indicators\.csv hoặc sửa mã"),
     "chọn chỉ tiêu ở cột “Chỉ tiêu”, hoặc tạo chỉ tiêu mới (mục “Tạo chỉ tiêu mới”)"),
    (re.compile(r"thêm đơn vị vào curated/units_of_measure\.csv hoặc sửa cho đúng"), "chọn đơn vị trong danh sách ở cột “Đơn vị”"),
    (re.compile(r"chọn một trong: actual, target.*"), "chọn lại ở cột “Loại số”"),
    (re.compile(r"chọn một trong: ước, .*hoặc để trống"), "chọn lại ở cột “Mức độ”, hoặc để trống"),
    (re.compile(r"ghi năm bằng 4 chữ số|ghi năm (\d{4})"), lambda m: f"sửa cột “Năm”{' thành ' + m[1] if m[1] else ''}"),
    (re.compile(r"ghi loại target \(hoặc total cho mẫu số A/B\)"),
     "chọn “Kế hoạch” ở cột “Loại số” (hoặc “Tổng số (mẫu số)” cho số sau dấu / )"),
    (re.compile(r"ghi đơn vị %"), "chọn “%” ở cột “Đơn vị”"),
    (re.compile(r"ghi số đúng như trong trích dẫn.*"),
     "đổi cột “Loại số” cho khớp với câu (“giảm còn 7,16%” là Thực hiện; “giảm 8,6% so cùng kỳ” là % so cùng kỳ), "
     "hoặc bỏ dấu “Nhận”"),
    (re.compile(r"chép nguyên văn.*|chép dài hơn.*|ghi 1 cho lần đầu.*"), "bỏ dấu “Nhận” ở dòng này"),
    (re.compile(r"xóa một dòng, hoặc tách.*"), "bỏ dấu “Nhận” ở một trong hai dòng, hoặc chọn chỉ tiêu khác cho một dòng"),
    (re.compile(r"mỗi số của báo cáo chỉ là một quan sát.*"), "bỏ dấu “Nhận” ở một trong hai dòng"),
    (re.compile(r"đây là số đo khác: dùng một mã chỉ tiêu khác.*"),
     "chọn chỉ tiêu khác ở cột “Chỉ tiêu” (hoặc tạo chỉ tiêu mới với đơn vị này)"),
    (re.compile(r"thêm một quan sát cho số này, hoặc một dòng trong ignored_numbers\.csv kèm lý do"),
     "đánh dấu “Nhận” cho số này ở bảng duyệt, hoặc để trống"),
    (re.compile(r"báo cáo gốc không được sửa.*|đổi tên tệp trước khi tải lên"), "tải lên lại tệp báo cáo gốc"),
    # A line of the report's file would read as a row of the review table.
    (re.compile(r"ở dòng \d+ của báo cáo"), "trong báo cáo gốc"),
]
_KIND_WORDS = {"yoy_change_pct": "% so cùng kỳ", "pct_of_target": "% kế hoạch", "actual": "Thực hiện",
               "target": "Kế hoạch", "total": "Tổng số"}
_KIND_CODE = re.compile(r"\b(" + "|".join(_KIND_WORDS) + r")\b")
_FILE_NAME = re.compile(r"(?:data/)?(?:curated|raw)/\S*|\b\S+\.(?:csv|json|toml)\b")


def in_review_words(text: str) -> str:
    """A problem's message or fix as the staff page says it: kinds by their column words, no file path."""
    for pattern, replacement in _IN_REVIEW:
        text = pattern.sub(replacement, text)
    text = _KIND_CODE.sub(lambda m: f"“{_KIND_WORDS[m[1]]}”", text)
    return _FILE_NAME.sub("dữ liệu đã duyệt", text)
