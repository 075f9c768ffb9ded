"""`make test` lints and type-checks before it runs a test: a type error fails the run as a failing test does."""
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_make_test_runs_ruff_then_mypy_before_pytest():
    # Under `make test` the parent make's flags would add "Entering/Leaving directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    run = subprocess.run(["make", "-n", "test"], cwd=REPO, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    lines = [line.strip() for line in run.stdout.splitlines()]
    ruff = next(i for i, line in enumerate(lines) if line == ".venv/bin/ruff check .")
    mypy = next(i for i, line in enumerate(lines) if line == ".venv/bin/mypy")
    pytest = next(i for i, line in enumerate(lines) if line == ".venv/bin/python -m pytest")
    assert ruff < mypy < pytest

