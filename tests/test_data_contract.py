"""The data contract three ways: docs/data-contract.md (what readers are promised), lib/data/contract.py
(what the code writes) and a freshly built snapshot of the real curated data (what is on disk) name
the same columns of every Parquet file, with the same types wherever the doc states one."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lib.data.contract import ALL_FILES as SNAPSHOT_FILES
from lib.data.contract import SNAPSHOT_SCHEMAS, snapshot_columns
from lib.data.snapshot import latest_snapshot

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-contract.md"

# The doc's words for Arrow types. A reader sees string and large_string alike (DuckDB VARCHAR).
DOC_TYPES = {
    "string": (pa.string(), pa.large_string()),
    "int32": (pa.int32(),),
    "int64": (pa.int64(),),
    "double": (pa.float64(),),
    "date32": (pa.date32(),),
    "list": (pa.list_(pa.string()), pa.list_(pa.large_string())),  # a list of strings
}
_HEADING = re.compile(r"^## `(?P<file>[\w.]+\.parquet)`", re.MULTILINE)


def doc_tables(text: str) -> dict[str, dict[str, str | None]]:
    """Per Parquet file named in a `## \\`<file>\\`` heading: its column table, column → the doc's type
    (its first word: "double, null" → "double"), or None where the table has no type column."""
    headings = list(_HEADING.finditer(text))
    tables: dict[str, dict[str, str | None]] = {}
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        section = text[heading.end():end].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("|")]
        columns: dict[str, str | None] = {}
        if rows:
            header = [cell.strip().lower() for cell in rows[0].strip("|").split("|")]
            type_at = header.index("type") if "type" in header else None
            for row in rows[2:]:  # after the header and its |---| line
                cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
                written = None
                if type_at is not None:
                    written = re.match(r"[a-z0-9_]+", cells[type_at]).group()
                for name in re.findall(r"`([^`]+)`", cells[0]):
                    columns[name] = written
        tables[heading.group("file")] = columns
    return tables


@pytest.fixture(scope="module")
def documented() -> dict[str, dict[str, str | None]]:
    return doc_tables(DOC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def written(built_data_dir) -> dict[str, pa.Schema]:
    """The schema of each Parquet file of a snapshot just built from the real curated data."""
    snapshot = latest_snapshot(built_data_dir / "snapshots")
    assert snapshot is not None
    return {table: pq.read_schema(snapshot.file(table)).remove_metadata() for table in SNAPSHOT_FILES}


def test_the_contract_names_every_snapshot_file():
    assert set(SNAPSHOT_SCHEMAS) == set(SNAPSHOT_FILES)


@pytest.mark.parametrize("table", list(SNAPSHOT_FILES))
def test_the_doc_names_the_columns_of_the_file(table, documented, written):
    file = SNAPSHOT_FILES[table]
    assert file in documented, f"docs/data-contract.md has no section “## `{file}`”"
    assert documented[file], f"docs/data-contract.md: the section on {file} has no column table"
    in_file, in_doc = written[table].names, documented[file]
    problems = [f"{file}: column `{c}` is in the file but not in docs/data-contract.md" for c in in_file if c not in in_doc]
    problems += [f"{file}: column `{c}` is in docs/data-contract.md but not in the file" for c in in_doc if c not in in_file]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("table", list(SNAPSHOT_FILES))
def test_the_doc_states_the_types_of_the_file(table, documented, written):
    file = SNAPSHOT_FILES[table]
    problems = []
    for column, stated in documented.get(file, {}).items():
        if stated is None or column not in written[table].names:
            continue  # no type column in this table; a missing column fails the test above
        actual = written[table].field(column).type
        if stated not in DOC_TYPES:
            problems.append(f"{file}: column `{column}`: the doc's type “{stated}” is none of {', '.join(DOC_TYPES)}")
        elif actual not in DOC_TYPES[stated]:
            problems.append(f"{file}: column `{column}` is {actual} in the file, {stated} in docs/data-contract.md")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("table", list(SNAPSHOT_FILES))
def test_the_file_has_the_columns_and_types_of_lib_data_contract(table, written):
    file = SNAPSHOT_FILES[table]
    in_file, in_code = written[table].names, snapshot_columns(table)
    problems = [f"{file}: column `{c}` is in the file but not in lib/data/contract.py" for c in in_file if c not in in_code]
    problems += [f"{file}: column `{c}` is in lib/data/contract.py but not in the file" for c in in_code if c not in in_file]
    assert not problems, "\n".join(problems)
    assert in_file == in_code, f"{file}: columns in another order than lib/data/contract.py"
    for field in SNAPSHOT_SCHEMAS[table]:
        actual = written[table].field(field.name).type
        assert actual == field.type, f"{file}: column `{field.name}` is {actual}, lib/data/contract.py says {field.type}"


def test_the_doc_reader_finds_each_table_and_its_types():
    """The parser on a small doc: names only where a table has no type column, several names in one row."""
    doc = """## `a.parquet` — one

| column | type | meaning |
|---|---|---|
| `x` | int32 | an x |
| `y`, `z` | double, null | two |

## `b.parquet`

| column | meaning |
|---|---|
| `w` | a w, not `v` |

## `manifest.json`

| `not` | a table of a Parquet file |
"""
    assert doc_tables(doc) == {"a.parquet": {"x": "int32", "y": "double", "z": "double"}, "b.parquet": {"w": None}}
