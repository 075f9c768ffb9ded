"""A synthetic province, for the province's view of its communes (and its tests): Tỉnh Vĩnh Long with
its own reports, the communes under it, and those under Tỉnh Trà Vinh, which ceased on 30/6/2025 and
handed its units to Vĩnh Long (some through the district of Tiểu Cần); two communes that never
reported, one whose last report is a year old, one without a figure for health insurance coverage,
and a commune of another province that must not show.

    python -m bench.province [--communes 12] [--years 2] [--out bench-data/province]
    CHITIEU_DATA_DIR=bench-data/province CHITIEU_HOME_UNIT=vinh-long make run
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from bench.synthetic import BENCH_DATA, LAST_RESULTS_YEAR, Tree, generate, unit_list
from lib.data.snapshot import latest_snapshot

PROVINCE, CEASED_PROVINCE, DISTRICT, OTHER_PROVINCE = "vinh-long", "tra-vinh", "tieu-can", "soc-trang"
CEASED = date(2025, 6, 30)
HOLE_INDICATOR = "health_insurance_coverage"
NEVER_REPORTED = ({"reporting_unit": "xa-tan-hoa-moi", "name_vi": "Xã Tân Hòa Mới", "name_en": "Tân Hòa Mới commune",
                   "parent": PROVINCE},
                  {"reporting_unit": "phuong-hoa-thuan", "name_vi": "Phường Hòa Thuận", "name_en": "Hòa Thuận ward",
                   "parent": CEASED_PROVINCE})
OUTSIDE = {"reporting_unit": "xa-ngoai-tinh", "reporting_unit_name_vi": "Xã Ngoài Tỉnh", "reporting_unit_name_en": "Ngoài Tỉnh commune"}


def _row(unit: str, vi: str, en: str, level: str, parent: str | None = None, ceased: date | None = None,
         successor: str | None = None) -> dict:
    return {"reporting_unit": unit, "name_vi": vi, "name_en": en, "level": level, "parent": parent,
            "ceased": ceased, "successor": successor}


def tree(communes: int = 12) -> Tree:
    """The province's units: a third of the communes under Vĩnh Long, a third under the ceased Trà
    Vinh, a third under its district of Tiểu Cần (which ceased with it)."""
    listed = [u for u in unit_list(communes + 1) if u["reporting_unit"] != DISTRICT][:communes]
    province = {"reporting_unit": PROVINCE, "reporting_unit_name_vi": "Tỉnh Vĩnh Long", "reporting_unit_name_en": "Vĩnh Long province"}
    district = {"reporting_unit": DISTRICT, "reporting_unit_name_vi": "Huyện Tiểu Cần", "reporting_unit_name_en": "Tiểu Cần district"}
    rows = [_row(PROVINCE, "Tỉnh Vĩnh Long", "Vĩnh Long province", "tinh"),
            _row(CEASED_PROVINCE, "Tỉnh Trà Vinh", "Trà Vinh province", "tinh", ceased=CEASED, successor=PROVINCE),
            _row(OTHER_PROVINCE, "Tỉnh Sóc Trăng", "Sóc Trăng province", "tinh", ceased=CEASED),
            _row(DISTRICT, "Huyện Tiểu Cần", "Tiểu Cần district", "huyen", CEASED_PROVINCE, ceased=CEASED),
            _row(OUTSIDE["reporting_unit"], OUTSIDE["reporting_unit_name_vi"], OUTSIDE["reporting_unit_name_en"], "xa_phuong", OTHER_PROVINCE)]
    parents = (PROVINCE, CEASED_PROVINCE, DISTRICT)
    for index, unit in enumerate(listed):
        rows.append(_row(unit["reporting_unit"], unit["reporting_unit_name_vi"], unit["reporting_unit_name_en"], "xa_phuong",
                         parents[index % 3]))
    rows += [_row(u["reporting_unit"], u["name_vi"], u["name_en"], "xa_phuong", u["parent"]) for u in NEVER_REPORTED]
    return Tree(reporting=sorted([province, district, OUTSIDE, *listed], key=lambda u: u["reporting_unit"]),
                units=rows, last_year={listed[0]["reporting_unit"]: LAST_RESULTS_YEAR - 1},
                holes=frozenset({(listed[1]["reporting_unit"], HOLE_INDICATOR)}), large=(PROVINCE,))


def province_snapshot(out: Path, communes: int = 12, years: int = 2, quiet: bool = True) -> Path:
    """Write the province's snapshot into `out`/snapshots (the real catalogue, `years` whole years)."""
    seed = latest_snapshot(Path(__file__).resolve().parent.parent / "data" / "snapshots")
    indicators = pq.read_metadata(seed.file("indicators")).num_rows
    return generate(out, years=years, indicators=indicators, quiet=quiet, tree=tree(communes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=12)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--out", type=Path, default=BENCH_DATA / "province")
    args = parser.parse_args(argv)
    print(province_snapshot(args.out, args.communes, args.years, quiet=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
