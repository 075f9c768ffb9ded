"""The data contract in code: the curated source's CSV columns, and every snapshot table's columns
with their Arrow types (docs/data-contract.md says what each means; tests/test_data_contract.py
checks that the doc, this module and a freshly built snapshot agree)."""
from __future__ import annotations

import pyarrow as pa

# --- snapshots ---------------------------------------------------------------------------------

SCHEMA_VERSION = 3
# Versions the app serves: a v1 snapshot reads with the v2 columns defaulted (lib.data.db V1_DEFAULTS), a v1 or
# v2 snapshot with its columns renamed to v3's (RENAMED_IN_V3, lib.data.db).
READABLE_SCHEMA_VERSIONS = (1, 2, 3)
MANIFEST = "manifest.json"
SNAPSHOT_FILES = {
    "observations": "observations.parquet",
    "indicators": "indicators.parquet",
    "reports": "reports.parquet",
    # pre-aggregated from the observations (lib.pipeline.writer.derived_tables), for speed at scale
    "results_by_indicator": "results_by_indicator.parquet",
    # the administrative units (v2): level, parent, and the end date and successor of a unit that ceased
    "reporting_units": "reporting_units.parquet",
}
# Added within schema version 1 (nothing removed or renamed): a snapshot written before them has
# none of these files and reads them as empty tables (lib.data.db), so older snapshots stay readable.
ADDED_FILES = {
    "statements": "statements.parquet",  # the report's words: judgements, shortcomings, causes, tasks
    "notes": "notes.parquet",  # staff notes on an indicator
}
ALL_FILES = {**SNAPSHOT_FILES, **ADDED_FILES}

# What a statement of a report is, in the order they are listed (lib/words/labels.py STATEMENT_KINDS: words).
STATEMENT_KINDS = ("danh_gia", "han_che", "nguyen_nhan", "nhiem_vu")
# The tables each schema version has (v1 had no reporting_units).
FILES_BY_VERSION = {1: tuple(name for name in SNAPSHOT_FILES if name != "reporting_units"),
                    2: tuple(SNAPSHOT_FILES), 3: tuple(SNAPSHOT_FILES)}
# v3 gave the unit of measure and the administrative (reporting) unit a name each: the columns v1 and v2
# named otherwise, table → {old name: v3 name}. Nothing else changed.
RENAMED_IN_V3 = {
    "observations": {"unit": "unit_of_measure"},
    "indicators": {"unit": "unit_of_measure", "unit_en": "unit_of_measure_en"},
    "reports": {"unit_name_vi": "reporting_unit_name_vi", "unit_name_en": "reporting_unit_name_en"},
}

# The tiers of local government: commune (xã, phường, đặc khu), district (until 30 June 2025), province.
LEVELS = ("xa_phuong", "huyen", "tinh")
# A unit's level read from the first words of its name, where no curated row gives it.
LEVEL_BY_NAME_START = (("xã ", "xa_phuong"), ("phường ", "xa_phuong"), ("thị trấn ", "xa_phuong"),
                       ("đặc khu ", "xa_phuong"), ("huyện ", "huyen"), ("quận ", "huyen"), ("thị xã ", "huyen"),
                       ("tỉnh ", "tinh"), ("thành phố ", "tinh"))


def level_from_name(name: str) -> str | None:
    """"Xã Long Thới" → xa_phuong, "Huyện Tiểu Cần" → huyen, "Tỉnh Trà Vinh" → tinh; None otherwise.
    ("Thành phố" is read as a province: a city under a province is named in reporting_units.csv.)"""
    folded = (name or "").strip().lower() + " "
    return next((level for start, level in LEVEL_BY_NAME_START if folded.startswith(start)), None)

# What a reported number is, in the order tables list them (lib/words/labels.py KINDS holds their words).
KINDS = ("actual", "target", "total", "pct_of_target", "yoy_change_pct")

# --- the curated source (data/curated/, CSV that staff edit in Excel) -------------------------

INDICATOR_COLUMNS = [
    "indicator_id", "domain", "group", "name_vi", "name_en", "unit_of_measure", "direction", "measure",
    "paired_with", "baseline_id", "baseline_relation", "baseline_note_vi", "baseline_note_en",
    "headline", "definition_vi", "definition_en",
]
OBSERVATION_COLUMNS = ["indicator_id", "year", "kind", "number", "occurrence", "unit_of_measure", "qualifier", "quote",
                       "period", "as_of"]
# Columns a curated observations.csv may leave out (v1 files): empty period is the whole year, empty
# as_of the period's last day.
OPTIONAL_OBSERVATION_COLUMNS = ("period", "as_of")
# data/curated/reports/<id>/statements.csv: one row per statement; indicator_ids space-separated.
STATEMENT_COLUMNS = ["statement_id", "kind", "domain", "indicator_ids", "quote"]
# data/curated/reports/<id>/ignored_sentences.csv: text of the statement sections that is no statement.
IGNORED_SENTENCE_COLUMNS = ["match", "reason"]
# data/curated/notes.csv: staff notes on an indicator (lib.pipeline.notes appends to it).
NOTE_COLUMNS = ["indicator_id", "author", "date", "text"]
# data/curated/units_of_measure.csv: each unit of measure, its English name, its family (money, area, …)
# and its scale within the family (tỷ đồng 1e9, triệu đồng 1e6).
UNIT_OF_MEASURE_COLUMNS = ["unit_of_measure", "name_en", "family", "scale"]
UNITS_OF_MEASURE_FILE = "units_of_measure.csv"
# Read in place of units_of_measure.csv where only it exists (a data folder from before the rename).
OLD_UNITS_OF_MEASURE_FILE = "units.csv"
# A curated CSV or report.json written before the rename still loads: its old names are read as the new
# (current_names, called by every reader of the curated source).
OLD_CURATED_NAMES = {"unit": "unit_of_measure", "unit_name_vi": "reporting_unit_name_vi",
                     "unit_name_en": "reporting_unit_name_en"}


def current_names(names) -> list[str]:
    """A curated file's column names (or a report.json's keys) with each name from before v3 read as its
    v3 name; where the file has both, the old one stays as it is (an unknown column, ignored)."""
    names = list(names)
    return [OLD_CURATED_NAMES[n] if n in OLD_CURATED_NAMES and OLD_CURATED_NAMES[n] not in names else n
            for n in names]
# data/curated/reporting_units.csv (optional): the administrative units reports are about.
REPORTING_UNIT_COLUMNS = ["reporting_unit", "name_vi", "name_en", "level", "parent", "ceased", "successor"]
IGNORE_COLUMNS = ["match", "number", "reason"]
# The keys every curated report.json must have.
REPORT_KEYS = ["report_id", "reporting_unit", "reporting_unit_name_vi", "reporting_unit_name_en", "raw_file",
               "results_year", "targets_year"]

# The extractor's proposals for staff to review (one row per number of a new report).
CANDIDATE_COLUMNS = [
    "line", "number", "occurrence", "value", "value_high", "unit_of_measure", "kind", "year", "period", "as_of", "qualifier",
    "indicator_id", "proposed_name", "confidence", "match_score", "rule", "note",
    "quote", "quote_start", "start", "end",
    "choices",  # up to three indicator ids the figure may be about, best first, space-separated
]

# --- the snapshot tables, column by column -----------------------------------------------------

# The catalogue is written from a pandas frame: its text columns come out as large_string, the
# headline order (empty for most indicators) as double, and the catalogue's order as int64.
_TEXT = pa.large_string()

SNAPSHOT_SCHEMAS: dict[str, pa.Schema] = {
    "observations": pa.schema([
        ("report_id", pa.string()), ("reporting_unit", pa.string()), ("indicator_id", pa.string()),
        ("year", pa.int32()), ("kind", pa.string()), ("period", pa.string()), ("as_of", pa.date32()),
        ("value", pa.float64()), ("value_high", pa.float64()),
        ("unit_of_measure", pa.string()),
        ("qualifier", pa.string()), ("origin", pa.string()), ("derivation", pa.string()),
        ("source_quote", pa.string()), ("number_as_written", pa.string()), ("source_sentence", pa.string()),
        ("quote_start", pa.int32()), ("number_start", pa.int32()), ("number_end", pa.int32()),
        ("curated_row", pa.int32()),
    ]),
    "indicators": pa.schema(
        [(column, pa.float64() if column == "headline" else _TEXT) for column in INDICATOR_COLUMNS]
        + [("unit_of_measure_en", _TEXT), ("search_text", _TEXT), ("sort_order", pa.int64())]
    ),
    "reports": pa.schema([
        ("report_id", pa.string()), ("reporting_unit", pa.string()),
        ("reporting_unit_name_vi", pa.string()), ("reporting_unit_name_en", pa.string()),
        ("title_vi", pa.string()), ("title_en", pa.string()),
        ("results_year", pa.int64()), ("targets_year", pa.int64()),
        ("raw_file", pa.string()), ("raw_sha256", pa.string()),
        ("period", pa.string()), ("as_of", pa.date32()),
    ]),
    "results_by_indicator": pa.schema([
        ("indicator_id", pa.string()), ("year", pa.int32()), ("reporting_unit", pa.string()),
        ("actual", pa.float64()), ("target", pa.float64()), ("attainment_pct", pa.float64()),
    ]),
    "statements": pa.schema([
        ("report_id", pa.string()), ("reporting_unit", pa.string()), ("statement_id", pa.string()),
        ("kind", pa.string()), ("domain", pa.string()), ("indicator_ids", pa.list_(pa.string())),
        ("source_quote", pa.string()), ("quote_start", pa.int32()), ("curated_row", pa.int32()),
    ]),
    "notes": pa.schema([
        ("indicator_id", pa.string()), ("author", pa.string()), ("date", pa.date32()), ("text", pa.string()),
        ("curated_row", pa.int32()),
    ]),
    "reporting_units": pa.schema([
        ("reporting_unit", pa.string()), ("name_vi", pa.string()), ("name_en", pa.string()),
        ("level", pa.string()), ("parent", pa.string()), ("ceased", pa.date32()), ("successor", pa.string()),
    ]),
}


def snapshot_columns(table: str) -> list[str]:
    """The columns of one snapshot table, in file order."""
    return SNAPSHOT_SCHEMAS[table].names
