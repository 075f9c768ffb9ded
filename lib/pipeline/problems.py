"""What stops a build: each problem names its file, its row and the fix, in Vietnamese for staff."""
from __future__ import annotations

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
