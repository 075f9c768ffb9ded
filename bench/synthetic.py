"""Synthetic snapshots with the real schema and realistic shapes, for the benchmark (never committed).

    python -m bench.synthetic [--units 1000] [--years 10] [--indicators 300] [--out bench-data/synthetic-1000u-10y-300i]

A whole province: `--units` reporting units (the real Tiểu Cần district, at the size of its real
report, and communes and towns), each with one report a year for `--years` years. The catalogue is
the real one (newest committed snapshot), grown to `--indicators` by copying real indicators into
sub-indicators (same domain, group, unit, direction and measure). Every report holds, for every
indicator, the kinds the real report has for it, filled up to the usual set: this year's actual,
target and share of target (a growth rate's share is never derived), next year's target, and the
year-on-year change and count/total where the real report has them — about four rows per indicator,
≈ 1,230 rows a report, ≈ 12 M observations for the defaults.

Values vary plausibly: a unit's size scales stocks and flows (not rates), each indicator has a
trend over the years, shares of target scatter around 100 % (so every status occurs), and the
share, the implied target and the next-year target are computed from the same numbers, as the real
build does. String columns (source quote, sentence, number as written, derivation) are the real
report's, so their sizes and repetition are real.

Observations are written sorted by (reporting_unit, year) in row groups that never straddle a unit,
so DuckDB's min/max statistics skip every row group of other units. The manifest is the one
`lib/pipeline/build.py` writes (sha256 of each file, schema version, snapshot id, row counts, sources,
coverage), so `lib.data.snapshot` accepts the folder; the pre-aggregated tables the real build writes
(`lib.pipeline.writer.derived_tables`) are written from the same code.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from lib.data.contract import SCHEMA_VERSION, SNAPSHOT_FILES, SNAPSHOT_SCHEMAS, level_from_name
from lib.data.snapshot import latest_snapshot
from lib.pipeline.writer import ROW_GROUP_ROWS, derived_tables, parquet_bytes, write_snapshot
from lib.words.vntext import fold, slug

ROOT = Path(__file__).resolve().parent.parent
SEED_SNAPSHOTS = ROOT / "data" / "snapshots"
BENCH_DATA = ROOT / "bench-data"
LAST_RESULTS_YEAR = 2022

# Syllables of real commune names of the Mekong delta, combined into unit names.
_FIRST = ["An", "Bình", "Châu", "Đại", "Đông", "Hòa", "Hiếu", "Hùng", "Long", "Mỹ", "Ngãi", "Nhị",
          "Phú", "Phước", "Tân", "Tập", "Thạnh", "Thanh", "Tiểu", "Trung", "Vĩnh", "Xuân", "Kim", "Lương"]
_SECOND = ["Phú", "Hòa", "Lợi", "Thới", "Hưng", "Cần", "Ngãi", "Tử", "Trung", "Thành", "Mỹ", "Sơn",
           "Long", "Bình", "An", "Thuận", "Đức", "Lộc", "Khánh", "Quới", "Hiệp", "Phước", "Định", "Tiến"]
_KINDS_OF = {"unit": ("Xã", "commune"), "town": ("Thị trấn", "town")}


def _slug(text: str) -> str:
    return slug(text, "-")


def unit_list(n: int) -> list[dict]:
    """`n` reporting units: the real district, then communes (one town in twenty), ids unique."""
    units = [{"reporting_unit": "tieu-can", "reporting_unit_name_vi": "Huyện Tiểu Cần", "reporting_unit_name_en": "Tiểu Cần district"}]
    seen = {"tieu-can"}
    index = 0
    while len(units) < n:
        first, second = _FIRST[index % len(_FIRST)], _SECOND[(index // len(_FIRST)) % len(_SECOND)]
        rank = index // (len(_FIRST) * len(_SECOND))
        index += 1
        if first == second:
            continue
        name = f"{first} {second}" + (f" {rank + 1}" if rank else "")
        prefix, english = _KINDS_OF["town" if index % 20 == 0 else "unit"]
        slug = _slug(f"{'tt' if prefix == 'Thị trấn' else 'xa'} {name}")
        if slug in seen:
            continue
        seen.add(slug)
        units.append({"reporting_unit": slug, "reporting_unit_name_vi": f"{prefix} {name}",
                      "reporting_unit_name_en": f"{name} {english}"})
    return sorted(units, key=lambda u: u["reporting_unit"])


def grow_catalogue(indicators: pa.Table, n: int) -> pa.Table:
    """The real catalogue plus copies of real indicators as sub-indicators, up to `n` rows."""
    rows = indicators.to_pylist()
    real = list(rows)
    next_order = max(r["sort_order"] for r in rows) + 1
    copy = 0
    while len(rows) < n:
        source = real[copy % len(real)]
        part = copy // len(real) + 2
        copy += 1
        clone = dict(source)
        clone["indicator_id"] = f"{source['indicator_id']}_p{part}"
        clone["name_vi"] = f"{source['name_vi']} (khu vực {part})"
        clone["name_en"] = f"{source['name_en']} (area {part})"
        clone["paired_with"] = clone["baseline_id"] = clone["baseline_relation"] = None
        clone["baseline_note_vi"] = clone["baseline_note_en"] = None
        clone["headline"] = None
        clone["search_text"] = fold(" ".join([clone["indicator_id"].replace("_", " "), clone["name_vi"],
                                              clone["name_en"]]))
        clone["sort_order"] = next_order
        next_order += 1
        rows.append(clone)
    return pa.Table.from_pylist(rows, schema=indicators.schema)


class Template:
    """One report's rows as arrays: which indicator, which year offset (0 results, 1 targets), which
    kind, and the real row whose strings it carries."""

    def __init__(self, catalogue: pa.Table, observations: pa.Table):
        obs = observations.to_pylist()
        for index, row in enumerate(obs):
            row["_index"] = index
        by_indicator: dict[str, list[dict]] = {}
        for row in obs:
            by_indicator.setdefault(row["indicator_id"], []).append(row)
        ids = catalogue.column("indicator_id").to_pylist()
        self.index = {i: n for n, i in enumerate(ids)}
        measure = dict(zip(ids, catalogue.column("measure").to_pylist()))
        direction = dict(zip(ids, catalogue.column("direction").to_pylist()))
        unit_of_measure = dict(zip(ids, catalogue.column("unit_of_measure").to_pylist()))
        self.rows: list[dict] = []
        count = len(ids)
        self.base_actual = np.ones(count)
        self.base_target_next = np.full(count, np.nan)
        self.base_total = np.full(count, np.nan)
        self.base_yoy = np.zeros(count)
        self.is_rate = np.zeros(count, bool)
        self.lower = np.zeros(count, bool)
        self.is_change = np.zeros(count, bool)
        for n, indicator_id in enumerate(ids):
            # copies are named <real>_p<k>; a real id may itself contain "_p", so strip the suffix only
            real_id = indicator_id if indicator_id in by_indicator else indicator_id.rsplit("_p", 1)[0]
            templates = by_indicator[real_id]
            have = {(r["year"] - LAST_RESULTS_YEAR, r["kind"]): r for r in templates}
            self.is_rate[n] = unit_of_measure[indicator_id] == "%" or measure[indicator_id] in ("rate", "change")
            self.lower[n] = direction[indicator_id] == "lower"
            self.is_change[n] = measure[indicator_id] == "change"
            actual = have.get((0, "actual"))
            target_next = have.get((1, "target"))
            total = have.get((0, "total"))
            if actual is not None:
                self.base_actual[n] = actual["value"]
            elif target_next is not None:
                self.base_actual[n] = target_next["value"] / 1.05
            elif (0, "pct_of_target") in have:
                self.base_actual[n] = 100.0
            if target_next is not None:
                self.base_target_next[n] = target_next["value"]
            if total is not None:
                self.base_total[n] = total["value"]
            if (0, "yoy_change_pct") in have:
                self.base_yoy[n] = have[(0, "yoy_change_pct")]["value"]
            # The usual set, filled from the real kinds; strings from the nearest real row.
            wanted = dict.fromkeys([(0, "actual"), (0, "target"), (1, "target")])
            if not self.is_change[n]:
                wanted[(0, "pct_of_target")] = None
            for key in have:
                wanted[key] = None
            fallback = actual or target_next or templates[0]
            for (offset, kind) in wanted:
                real = have.get((offset, kind), fallback)
                reported = (offset, kind) in have and real["origin"] == "reported"
                derived_pct = kind == "pct_of_target" and not reported
                self.rows.append({
                    "indicator": n, "offset": offset, "kind": kind, "src": real["_index"],
                    "ratio_high": (real["value_high"] / real["value"]
                                   if (offset, kind) in have and real.get("value_high") and real["value"] else None),
                    "unit_of_measure": "%" if kind in ("pct_of_target", "yoy_change_pct") else unit_of_measure[indicator_id],
                    "qualifier": real["qualifier"] if (offset, kind) in have else None,
                    "origin": "derived" if derived_pct else "reported",
                    "derivation": (real["derivation"] or "31.261 ÷ 33.491 × 100") if derived_pct else None,
                })
        self.ids = ids
        self.size = len(self.rows)
        self.indicator = np.array([r["indicator"] for r in self.rows])
        self.offset = np.array([r["offset"] for r in self.rows], dtype=np.int32)
        self.ratio_high = np.array([np.nan if r["ratio_high"] is None else r["ratio_high"] for r in self.rows])
        kinds = ["actual", "target", "total", "pct_of_target", "yoy_change_pct"]
        self.kind_code = np.array([(r["offset"], kinds.index(r["kind"])) for r in self.rows])
        # Every other column (quotes, sentences, offsets, and any column the schema gains) is the real row's.
        table = observations.take(pa.array([r["src"] for r in self.rows]))
        overrides = {"indicator_id": [ids[r["indicator"]] for r in self.rows]}
        for column in ("kind", "unit_of_measure", "qualifier", "origin", "derivation"):
            overrides[column] = [r[column] for r in self.rows]
        for column, values in overrides.items():
            field = table.schema.field(column)
            table = table.set_column(table.schema.get_field_index(column), field, pa.array(values, field.type))
        self.table = table


def unit_values(template: Template, years: list[int], rng: np.random.Generator, real: bool) -> np.ndarray:
    """The values of one unit's reports (years × template rows), consistent within each report."""
    count = len(template.ids)
    size = 1.0 if real else float(rng.lognormal(mean=-1.6, sigma=0.6))  # a commune ≈ a fifth of a district
    trend = rng.normal(0.04, 0.03, count)
    out = np.empty((len(years), template.size))
    for y, year in enumerate(years):
        age = year - LAST_RESULTS_YEAR
        scale = np.where(template.is_rate, 1.0, size * (1 + trend) ** age)
        noise = rng.normal(1.0, 0.06, count)
        actual = template.base_actual * scale * noise
        actual = np.where(template.is_rate & (template.base_actual <= 100), np.clip(actual, 0, 100), actual)
        share = rng.normal(100.0, 7.0, count)  # % of this year's target attained
        share = np.where(template.lower, 200.0 - share, share)
        target = actual * 100.0 / share
        pct = actual * 100.0 / np.where(target == 0, np.nan, target)
        next_target = np.where(np.isnan(template.base_target_next), actual * rng.normal(1.04, 0.03, count),
                               template.base_target_next * scale * rng.normal(1.0, 0.04, count))
        total = np.where(np.isnan(template.base_total), actual * 1.3, np.maximum(template.base_total * scale, actual))
        yoy = np.where(template.base_yoy != 0, template.base_yoy, trend * 100) + rng.normal(0, 1.5, count)
        by_kind = {(0, 0): actual, (0, 1): target, (1, 1): next_target, (0, 2): total, (1, 2): total,
                   (0, 3): pct, (0, 4): yoy}
        row = np.empty(template.size)
        for (offset, kind), values in by_kind.items():
            mask = (template.kind_code[:, 0] == offset) & (template.kind_code[:, 1] == kind)
            row[mask] = values[template.indicator[mask]]
        out[y] = np.round(row, 4)
    return out


def _unit_table(template: Template, unit: dict, values: np.ndarray, years: list[int]) -> pa.Table:
    """One unit's rows, sorted by year (a report's next-year targets sort with the next report)."""
    reports, per = len(years), template.size
    year_of_row = (np.repeat(np.array(years, dtype=np.int32), per) + np.tile(template.offset, reports))
    order = np.argsort(year_of_row, kind="stable")
    take = np.tile(np.arange(per), reports)[order]
    report_index = np.repeat(np.arange(reports), per)[order]
    report_ids = pa.array([f"{unit['reporting_unit']}-{y}" for y in years], pa.string())
    value = values.reshape(-1)[order]
    table = template.table.take(pa.array(take))
    columns = {
        "report_id": report_ids.take(pa.array(report_index)),
        "reporting_unit": pa.array(np.full(len(order), unit["reporting_unit"], dtype=object), pa.string()),
        "year": pa.array(year_of_row[order], pa.int32()),
        "value": pa.array(value, pa.float64()),
        "value_high": pa.array(np.round(value * template.ratio_high[take], 4), pa.float64(), from_pandas=True),
    }
    # Whole-year figures, as of the year's last day (a v1 seed has no such columns).
    columns["period"] = pa.array(np.full(len(order), "year", dtype=object), pa.string())
    columns["as_of"] = pa.array([date(int(y), 12, 31) for y in year_of_row[order]], pa.date32())
    for column, array in columns.items():
        if column in table.schema.names:
            index = table.schema.get_field_index(column)
            table = table.set_column(index, table.schema.field(column), array)
        else:
            table = table.append_column(column, array)
    return table.select(SNAPSHOT_SCHEMAS["observations"].names).cast(SNAPSHOT_SCHEMAS["observations"])


@dataclass(frozen=True)
class Tree:
    """Units laid out as a province: `reporting` the units with reports (unit_list's shape), `units`
    the reporting_units rows (with those that never reported), `last_year` a unit whose reports stop
    early, `holes` (unit, indicator) pairs left out of the last year, `large` units at a district's size."""
    reporting: list[dict]
    units: list[dict]
    last_year: dict[str, int] = field(default_factory=dict)
    holes: frozenset[tuple[str, str]] = frozenset()
    large: tuple[str, ...] = ()


def _years_of(unit: dict, years: list[int], tree: Tree | None) -> list[int]:
    last = tree.last_year.get(unit["reporting_unit"]) if tree else None
    return [y for y in years if last is None or y <= last]


def _without_holes(table: pa.Table, unit: str, tree: Tree) -> pa.Table:
    """The unit's rows less the indicators it has no figure for in its last year."""
    missing = [indicator for u, indicator in tree.holes if u == unit]
    if not missing:
        return table
    last = pc.max(table["year"]).as_py() - 1  # the last results year (next-year targets sort one later)
    hole = pc.and_(pc.is_in(table["indicator_id"], pa.array(missing)), pc.greater_equal(table["year"], last))
    return table.filter(pc.invert(hole))


def generate(out: Path, units: int = 1000, years: int = 10, indicators: int = 300,
             row_group_rows: int = ROW_GROUP_ROWS["observations"], seed: int = 6, quiet: bool = False,
             tree: Tree | None = None) -> Path:
    """Write one synthetic snapshot into `out`/snapshots and return its folder; `tree` lays the units
    out as a province (bench/province.py), by default they stand side by side."""
    started = time.perf_counter()
    seed_snapshot = latest_snapshot(SEED_SNAPSHOTS)
    if seed_snapshot is None:
        raise SystemExit("no committed snapshot to take the catalogue from: run `python -m lib.pipeline.build`")
    catalogue = grow_catalogue(pq.read_table(seed_snapshot.file("indicators")), indicators)
    real_obs = pq.read_table(seed_snapshot.file("observations"))
    template = Template(catalogue, real_obs)
    unit_rows = tree.reporting if tree else unit_list(units)
    year_list = list(range(LAST_RESULTS_YEAR - years + 1, LAST_RESULTS_YEAR + 1))
    rng = np.random.default_rng(seed)

    staging = out / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    obs_path = staging / SNAPSHOT_FILES["observations"]
    writer = pq.ParquetWriter(obs_path, SNAPSHOT_SCHEMAS["observations"], compression="zstd")
    pending: list[pa.Table] = []
    pending_rows = total_rows = 0
    for index, unit in enumerate(unit_rows):
        real = unit["reporting_unit"] in ("tieu-can", *(tree.large if tree else ()))
        years_of = _years_of(unit, year_list, tree)
        values = unit_values(template, years_of, rng, real)
        table = _unit_table(template, unit, values, years_of)
        if tree:
            table = _without_holes(table, unit["reporting_unit"], tree)
        if pending_rows and pending_rows + table.num_rows > row_group_rows:
            # a row group never straddles a unit: statistics on reporting_unit stay tight
            writer.write_table(pa.concat_tables(pending), row_group_size=pending_rows)
            pending, pending_rows = [], 0
        pending.append(table)
        pending_rows += table.num_rows
        total_rows += table.num_rows
        if not quiet and index % 100 == 99:
            print(f"  {index + 1}/{len(unit_rows)} units, {total_rows:,} rows, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)
    if pending:
        writer.write_table(pa.concat_tables(pending), row_group_size=pending_rows)
    writer.close()

    report_rows = [{
        "report_id": f"{u['reporting_unit']}-{y}", "reporting_unit": u["reporting_unit"],
        "reporting_unit_name_vi": u["reporting_unit_name_vi"], "reporting_unit_name_en": u["reporting_unit_name_en"],
        "title_vi": f"Báo cáo kết quả thực hiện nhiệm vụ năm {y} và phương hướng, nhiệm vụ năm {y + 1}",
        "title_en": f"Report on the {y} results and the {y + 1} targets",
        "results_year": y, "targets_year": y + 1,
        "raw_file": f"raw/{u['reporting_unit']}-{y}-report.txt",
        "raw_sha256": hashlib.sha256(f"{u['reporting_unit']}-{y}".encode()).hexdigest(),
        "period": "year", "as_of": date(y, 12, 31),
    } for u in unit_rows for y in _years_of(u, year_list, tree)]
    unit_table = pa.Table.from_pylist(tree.units if tree else [
        {"reporting_unit": u["reporting_unit"], "name_vi": u["reporting_unit_name_vi"], "name_en": u["reporting_unit_name_en"],
         "level": level_from_name(u["reporting_unit_name_vi"]), "parent": None, "ceased": None, "successor": None}
        for u in unit_rows], schema=SNAPSHOT_SCHEMAS["reporting_units"])
    files = {
        SNAPSHOT_FILES["observations"]: obs_path.read_bytes(),
        SNAPSHOT_FILES["indicators"]: parquet_bytes(catalogue),
        SNAPSHOT_FILES["reports"]: parquet_bytes(pa.Table.from_pylist(report_rows, schema=SNAPSHOT_SCHEMAS["reports"])),
        SNAPSHOT_FILES["reporting_units"]: parquet_bytes(unit_table),
    }
    tables = {"observations": total_rows, "indicators": catalogue.num_rows, "reports": len(report_rows),
              "reporting_units": unit_table.num_rows}
    for name, table in derived_tables(obs_path).items():
        files[SNAPSHOT_FILES[name]] = parquet_bytes(table, name)
        tables[name] = table.num_rows
    data_sha256 = hashlib.sha256(b"".join(hashlib.sha256(files[n]).digest() for n in sorted(files))).hexdigest()
    created = datetime.now(UTC).replace(microsecond=0)
    per_report = template.size
    manifest = {
        "snapshot_id": f"{created:%Y%m%dT%H%M%SZ}-{data_sha256[:8]}",
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "schema_version": SCHEMA_VERSION,
        "data_sha256": data_sha256,
        "sources": [{"report_id": r["report_id"], "raw_file": r["raw_file"], "sha256": r["raw_sha256"]}
                    for r in report_rows],
        "row_counts": tables,
        "files": {name: hashlib.sha256(payload).hexdigest() for name, payload in files.items()},
        "coverage": {r["report_id"]: {"numeric_tokens": per_report + 60, "observed": per_report, "ignored": 60,
                                      "leftover": 0, "share_observed": round(per_report / (per_report + 60), 4)}
                     for r in report_rows},
        "synthetic": {"units": len(unit_rows), "province": bool(tree), "years": years, "indicators": catalogue.num_rows, "seed": seed,
                      "row_group_rows": row_group_rows, "columns": SNAPSHOT_SCHEMAS["observations"].names},
    }
    snapshots = out / "snapshots"
    if snapshots.exists():
        shutil.rmtree(snapshots)
    folder = write_snapshot(snapshots, files, manifest)
    shutil.rmtree(staging, ignore_errors=True)
    if not quiet:
        print(f"wrote {folder} ({total_rows:,} observations, {len(report_rows):,} reports, "
              f"{sum(len(p) for p in files.values()) / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    return folder


def ensure(out: Path, units: int, years: int, indicators: int, row_group_rows: int = ROW_GROUP_ROWS["observations"]) -> Path:
    """The synthetic snapshot in `out` if it was made with these parameters (and is valid), else a new one."""
    existing = latest_snapshot(out / "snapshots")
    wanted = {"units": units, "years": years, "indicators": indicators, "row_group_rows": row_group_rows,
              "columns": SNAPSHOT_SCHEMAS["observations"].names}
    if existing is not None:
        made = existing.manifest.get("synthetic", {})
        if all(made.get(k) == v for k, v in wanted.items()) and set(existing.manifest["files"]) == set(SNAPSHOT_FILES.values()):
            return existing.path
    return generate(out, units, years, indicators, row_group_rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--row-group-rows", type=int, default=ROW_GROUP_ROWS["observations"])
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, default=BENCH_DATA / "synthetic-1000u-10y-300i")
    args = parser.parse_args(argv)
    generate(args.out, args.units, args.years, args.indicators, args.row_group_rows, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
