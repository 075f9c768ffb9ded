"""Take-aways (lib/export/)  on the committed snapshot: the Excel workbook, static charts and the
meeting brief. Sizes and times are printed (run with -s to see them)."""
from __future__ import annotations

import html
import io
import re
import struct
import time
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.export import brief as export_brief
from lib.export import images as export_images
from lib.export import sources as export_sources
from lib.export import workbook as export_workbook
from lib.render import charts
from lib.view.filters import Filters
from lib.words import labels
from lib.words import number_format as fmt
from lib.words.words import Words

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "snapshots"
SCOPE = Scope("tieu-can", 2022, 2023)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIMINGS: dict[str, tuple[int, float]] = {}


def timed(label: str, make):
    start = time.perf_counter()
    result = make()
    seconds = time.perf_counter() - start
    size = len(result.encode("utf-8")) if isinstance(result, str) else len(result)
    TIMINGS[label] = (size, seconds)
    print(f"\n{label}: {size:,} bytes in {seconds * 1000:.0f} ms")
    return result


@pytest.fixture(scope="module")
def db() -> Database:
    snapshot = latest_snapshot(SNAPSHOTS)
    assert snapshot is not None, "no committed snapshot under data/snapshots"
    return Database(snapshot)


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def xlsx_vi(db) -> bytes:
    return timed("workbook_for_view (vi, everything)", lambda: export_workbook.workbook_for_view(db, SCOPE, Filters(), Words.of("vi")))


@pytest.fixture(scope="module")
def brief_vi(db) -> str:
    return timed("meeting_brief_html (vi, everything)", lambda: export_brief.meeting_brief_html(db, SCOPE, Filters(), Words.of("vi")))


@pytest.fixture(scope="module")
def attainment_rows(db):
    return queries.attainment(db, SCOPE)


def _column(ws, header: str) -> int:
    headers = [c.value for c in ws[1]]
    assert header in headers, f"no column {header!r} in {headers}"
    return headers.index(header) + 1


def _row_of(ws, indicator_id: str, id_header: str = "Mã chỉ tiêu") -> int:
    col = _column(ws, id_header)
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=col).value == indicator_id:
            return r
    raise AssertionError(f"{indicator_id} not found in sheet {ws.title}")


# --- Excel ----------------------------------------------------------------------------------------

def test_workbook_has_one_sheet_per_domain_present_and_a_sources_sheet(db, xlsx_vi):
    wb = _open(xlsx_vi)
    present = [d for d in labels.DOMAINS if d in set(queries.indicator_table(db, SCOPE)["domain"])]
    assert len(present) == 4
    assert wb.sheetnames == ["Kinh tế", "Văn hóa – Xã hội", "An ninh – Trật tự", "Xây dựng Đảng – Hệ thống chính…",
                             "Nguồn"]
    for name in wb.sheetnames:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    # one row per indicator of each domain, under the header
    table = queries.indicator_table(db, SCOPE)
    for domain, name in zip(present, wb.sheetnames):
        assert wb[name].max_row - 1 == (table["domain"] == domain).sum()


def test_filtered_workbook_only_has_the_domains_in_view(db):
    wb = _open(export_workbook.workbook_for_view(db, SCOPE, Filters(domain="economy", statuses=("not_met",)), Words.of("vi")))
    assert wb.sheetnames == ["Kinh tế", "Nguồn"]
    ws = wb["Kinh tế"]
    statuses = {ws.cell(row=r, column=_column(ws, "Đánh giá")).value for r in range(2, ws.max_row + 1)}
    missed = queries.indicator_table(db, SCOPE, Filters(domain="economy", statuses=("not_met",)))
    assert statuses == {"▼ Không đạt"} and ws.max_row - 1 == len(missed) > 0
    sources = {row[0]: row[1] for row in wb["Nguồn"].iter_rows(min_row=2, values_only=True)}
    assert sources["Phạm vi lọc"] == "khối Kinh tế; Không đạt"


def test_header_rows_are_bold_frozen_and_vietnamese(xlsx_vi):
    wb = _open(xlsx_vi)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.bold for cell in ws[1] if cell.value), ws.title
    headers = [c.value for c in wb["Kinh tế"][1]]
    for expected in ("Chỉ tiêu", "Lĩnh vực", "Đơn vị", "Thực hiện 2022", "Kế hoạch 2022", "% kế hoạch", "Đánh giá",
                     "So cùng kỳ", "Chỉ tiêu 2023", "So với kết quả 2022", "Lý do", "Chỉ tiêu 2023 trừ kết quả 2022",
                     "Trích dẫn báo cáo – kết quả 2022"):
        assert expected in headers
    widths = wb["Kinh tế"].column_dimensions
    assert widths["A"].width >= 30 and all(widths[c].width > 0 for c in "ABCDQ")


def test_numbers_are_numeric_cells_with_number_formats(xlsx_vi):
    ws = _open(xlsx_vi)["Kinh tế"]
    row = _row_of(ws, "production_value")
    actual = ws.cell(row=row, column=_column(ws, "Thực hiện 2022"))
    assert isinstance(actual.value, float) and actual.value == 8839.9
    assert actual.number_format == "#,##0.0"
    assert ws.cell(row=row, column=_column(ws, "Đơn vị")).value == "tỷ đồng"
    attained = ws.cell(row=row, column=_column(ws, "% kế hoạch"))
    assert attained.value == pytest.approx(1.0274) and attained.number_format == "0.00%"
    target = ws.cell(row=row, column=_column(ws, "Kế hoạch 2022"))  # derived: 8.839,9 ÷ 102,74%
    # the whole derived value, shown to the precision of the result it comes from, as on the page
    assert target.value == pytest.approx(8839.9 / 1.0274) and target.number_format == "#,##0.0"
    poultry = ws.cell(row=_row_of(ws, "poultry_flock"), column=_column(ws, "Thực hiện 2022"))
    assert poultry.value == 1216000 and poultry.number_format == "#,##0"
    # no number hides as text in a number column
    for header in ("Thực hiện 2022", "Kế hoạch 2022", "% kế hoạch", "So cùng kỳ", "Chỉ tiêu 2023",
                   "Chỉ tiêu 2023 trừ kết quả 2022"):
        col = _column(ws, header)
        for r in range(2, ws.max_row + 1):
            cell = ws.cell(row=r, column=col)
            if cell.value is not None:
                assert isinstance(cell.value, (int, float)), (header, r, cell.value)
                assert cell.number_format not in ("General", "@"), (header, r)


def test_quotes_beside_every_number(xlsx_vi):
    ws = _open(xlsx_vi)["Kinh tế"]
    quote = ws.cell(row=_row_of(ws, "production_value"), column=_column(ws, "Trích dẫn báo cáo – kết quả 2022")).value
    assert "8.839,9 tỷ đồng" in quote
    col = _column(ws, "Trích dẫn báo cáo – kết quả 2022")
    actual_col = _column(ws, "Thực hiện 2022")
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=actual_col).value is not None:
            assert ws.cell(row=r, column=col).value, f"row {r} has a number and no quote"


def test_sources_sheet_names_snapshot_report_and_checksums(db, xlsx_vi):
    ws = _open(xlsx_vi)["Nguồn"]
    values = {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    manifest = db.snapshot.manifest
    assert values["Bản dữ liệu"] == manifest["snapshot_id"]
    assert values["SHA-256 dữ liệu"] == manifest["data_sha256"]
    assert values["SHA-256 tệp gốc"] == manifest["sources"][0]["sha256"]
    assert values["Báo cáo"].startswith("Báo cáo kết quả thực hiện nhiệm vụ năm 2022")
    assert values["Số chỉ tiêu"] == "193"


def test_english_workbook_has_english_sheets_headers_and_names(db):
    wb = _open(export_workbook.workbook_for_view(db, SCOPE, Filters(domain="economy"), Words.of("en")))
    assert wb.sheetnames == ["Economy", "Sources"]
    ws = wb["Economy"]
    headers = [c.value for c in ws[1]]
    for expected in ("Indicator", "Group", "Unit", "2022 actual", "2022 target", "% of target", "Status"):
        assert expected in headers
    assert not any(h in headers for h in ("Chỉ tiêu", "Thực hiện 2022", "Đơn vị"))
    row = _row_of(ws, "rice_output", "Indicator ID")
    assert ws.cell(row=row, column=_column(ws, "Indicator")).value == "Rice output"
    assert ws.cell(row=row, column=_column(ws, "Status")).value == "▼ Not met"
    assert ws.cell(row=row, column=_column(ws, "Unit")).value == "tonnes"


def test_sheet_names_are_legal_and_unique():
    assert export_workbook.sheet_name("Xây dựng Đảng – Hệ thống chính trị") == "Xây dựng Đảng – Hệ thống chính…"
    assert export_workbook.sheet_name("a/b:c*d?[e]") == "a-b-c-d--e-"
    assert export_workbook.sheet_name("'Kinh tế'") == "Kinh tế"
    assert export_workbook.sheet_name("Kinh tế", {"KINH TẾ"}) == "Kinh tế (2)"
    assert len(export_workbook.sheet_name("x" * 80)) == 31


def test_text_that_looks_like_a_formula_stays_text(db):
    rows = export_sources.rows_with_sources(db, SCOPE, Filters(domain="economy")).head(1).copy()
    rows["name_vi"] = '=HYPERLINK("x","y")'
    data = export_workbook.workbook_xlsx({"economy": rows}, Words.of("vi"), SCOPE, [("Phạm vi lọc", "=1+1")])
    wb = _open(data)
    assert wb["Kinh tế"]["A2"].value == '=HYPERLINK("x","y")' and wb["Kinh tế"]["A2"].data_type == "s"
    assert wb["Nguồn"]["B2"].value == "=1+1" and wb["Nguồn"]["B2"].data_type == "s"


def test_empty_view_still_makes_a_workbook(db):
    wb = _open(export_workbook.workbook_for_view(db, SCOPE, Filters(search="khong co chi tieu nay"), Words.of("vi")))
    assert wb.sheetnames == ["Nguồn"]
    assert any("Không có chỉ tiêu" in str(v) for row in wb["Nguồn"].iter_rows(values_only=True) for v in row)


# --- Charts ----------------------------------------------------------------------------------------

def test_attainment_svg_has_its_text_in_vietnamese_format(attainment_rows):
    timed("chart_svg (attainment, cold)", lambda: export_images.chart_svg(charts.attainment_chart(attainment_rows, Words.of("vi"))))
    svg = timed("chart_svg (attainment, warm)", lambda: export_images.chart_svg(charts.attainment_chart(attainment_rows, Words.of("vi"))))
    assert svg.lstrip().startswith("<svg")
    assert "Sản lượng lúa" in svg and "86,53%" in svg and "102,74%" in svg
    assert "86.53%" not in svg
    # every text is in the export font (a font the renderer lacks draws nothing or a substitute)
    families = set(re.findall(r'font-family="([^"]+)"', svg))
    assert families == {export_images.EXPORT_FONT}
    # DejaVu Sans first: this machine's Liberation Sans (1.07) has no ạ ả ợ …, so PNG text fell back to a serif
    assert export_images.EXPORT_FONT.startswith("DejaVu Sans,")
    # a fixed width: without it Vega fits the chart into 300 px and the bars get no room at all
    assert re.search(r'<svg[^>]* width="900"', svg)


def test_attainment_png_is_a_real_image_at_scale_2(attainment_rows):
    png = timed("chart_png (attainment, scale 2)", lambda: export_images.chart_png(charts.attainment_chart(attainment_rows, Words.of("vi"))))
    assert png[:8] == PNG_MAGIC
    assert len(png) > 10_000
    width, height = struct.unpack(">II", png[16:24])
    assert width == 2 * export_images.EXPORT_WIDTH and height > 1000


# What vl-convert writes when a chart clips its marks (ids and references to them).
CLIPPED_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40">'
               '<defs><clipPath id="clip1"><rect width="4"/></clipPath></defs>'
               '<g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>')


def test_inline_svg_drops_namespace_urls_and_keeps_ids_apart(attainment_rows):
    chart = export_images.inline_svg(export_images.chart_svg(charts.attainment_chart(attainment_rows, Words.of("vi")), width=400), "c", "C")
    assert "http" not in chart and chart.startswith('<svg role="img" aria-label="C"')
    svg = CLIPPED_SVG
    first, second = export_images.inline_svg(svg, "a", "A <chart>"), export_images.inline_svg(svg, "b", "B")
    assert "http" not in first and 'aria-label="A &lt;chart&gt;"' in first
    ids_first = set(re.findall(r'id="([^"]+)"', first))
    ids_second = set(re.findall(r'id="([^"]+)"', second))
    assert ids_first and not ids_first & ids_second
    assert set(re.findall(r"url\(#([^)]+)\)", first)) <= ids_first  # references follow their ids


def test_english_chart_uses_english_names_and_format(attainment_rows):
    svg = export_images.chart_svg(charts.attainment_chart(attainment_rows, Words.of("en")))
    assert "Rice output" in svg and "86.53%" in svg and "86,53%" not in svg


# --- Meeting brief ---------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class StrictChecker(HTMLParser):
    """html.parser forgives everything; this records unclosed, stray and misnested tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'} at {self.getpos()}")
            return
        self.stack.pop()

    def check(self, document: str) -> list[str]:
        self.feed(document)
        self.close()
        return self.errors + [f"unclosed <{t}>" for t in self.stack]


def test_brief_is_self_contained(brief_vi):
    assert "http://" not in brief_vi and "https://" not in brief_vi
    lowered = brief_vi.lower()
    for external in ("<link", "<script", "<img", "<iframe", "@import", "@font-face", " src="):
        assert external not in lowered, external
    # url(...) only ever points inside the document (clip paths)
    assert all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", brief_vi))


def test_brief_has_title_counts_cards_charts_and_table(db, brief_vi):
    assert "<title>Chỉ tiêu – Huyện Tiểu Cần</title>" in brief_vi
    assert "<h1>Chỉ tiêu – Huyện Tiểu Cần</h1>" in brief_vi
    made = db.snapshot.snapshot_id[:8]  # YYYYMMDD, the day the snapshot was made
    assert db.snapshot.snapshot_id in brief_vi and f"{made[6:8]}/{made[4:6]}/{made[:4]}" in brief_vi
    assert brief_vi.count("<svg") >= 2
    assert "8.839,9" in brief_vi and "88,14%" in brief_vi  # production value, health insurance card
    assert "8839.9" not in brief_vi and "88.14%" not in brief_vi
    counts = queries.status_counts(db, SCOPE)
    assert re.search(f"data-testid='ct-count-exceeded'[^>]*><div class='ct-count-label'>[^<]*</div>"
                     f"<div class='ct-count-value'>{counts['exceeded']}</div>", brief_vi)
    # every indicator in the table, each followed by its source sentence
    assert brief_vi.count('<tbody class="ind" id="ind-') == len(queries.indicator_table(db, SCOPE))
    assert "Nguồn: “đạt 8.839,9 tỷ đồng, đạt 102,74% (tăng 16,02% so cùng kỳ)”" in brief_vi


def test_brief_prints_on_a4(brief_vi):
    assert "@page" in brief_vi and "size: A4" in brief_vi
    css = brief_vi[brief_vi.index("<style>"):brief_vi.index("</style>")]
    avoid_rule = next(rule for rule in css.split("}") if "page-break-inside: avoid" in rule)
    assert ".ct-card" in avoid_rule and "figure" in avoid_rule


def test_brief_is_well_formed_html_with_unique_ids(brief_vi):
    checker = StrictChecker()
    assert checker.check(brief_vi) == []
    # (the charts drawn today carry no ids; inline_svg keeps those that do apart, tested above)
    assert len(checker.ids) == len(set(checker.ids)), "two inline charts share an id"


def test_brief_escapes_what_the_reader_typed(db):
    brief = export_brief.meeting_brief_html(db, SCOPE, Filters(search="<script>alert(1)</script>"), Words.of("vi"))
    assert "<script" not in brief.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in brief
    assert StrictChecker().check(brief) == []
    assert "Không có chỉ tiêu nào khớp bộ lọc." in brief  # an empty view says so, never fails


def test_filtered_brief_follows_the_filters(db):
    brief = timed("meeting_brief_html (vi, economy)",
                  lambda: export_brief.meeting_brief_html(db, SCOPE, Filters(domain="economy"), Words.of("vi")))
    n = len(queries.indicator_table(db, SCOPE, Filters(domain="economy")))
    assert f"khối Kinh tế — {n} chỉ tiêu" in brief
    assert f"<h3>Kinh tế ({n})</h3>" in brief and "An ninh – Trật tự (" not in brief


def test_english_brief(db):
    brief = export_brief.meeting_brief_html(db, SCOPE, Filters(), Words.of("en"))
    assert '<html lang="en">' in brief
    assert "<h1>Indicators – Tiểu Cần district</h1>" in brief
    assert "8,839.9" in brief and "88.14%" in brief
    assert "<th>2022 actual</th>" in brief and "<th>Thực hiện 2022</th>" not in brief
    assert "http://" not in brief and "https://" not in brief
    assert StrictChecker().check(brief) == []


def test_file_names_are_ascii_and_say_what_is_inside():
    assert export_sources.export_file_name(SCOPE, Filters(), "xlsx") == "chi-tieu_tieu-can_2022.xlsx"
    assert export_sources.export_file_name(SCOPE, Filters(domain="economy", statuses=("not_met",)), ".html") == \
        "chi-tieu_tieu-can_2022_economy_loc.html"


def test_sizes_and_times_stay_reasonable(xlsx_vi, brief_vi):
    """Run after the others in this file: prints every measured export, checks the budgets."""
    print("\nexport sizes and times on the committed snapshot:")
    for label, (size, seconds) in TIMINGS.items():
        print(f"  {label:40} {size:>10,} B {seconds * 1000:8.0f} ms")
    assert 5_000 < len(xlsx_vi) < 500_000
    assert 20_000 < len(brief_vi.encode()) < 2_000_000
    for label, (_size, seconds) in TIMINGS.items():
        assert seconds < 20, f"{label} took {seconds:.1f} s"


def test_a_chart_image_names_itself_its_unit_year_and_source(db):
    """Saved on its own, a chart still says what it shows and where its figures come from."""
    view = Filters(domain="economy")
    caption = export_sources.chart_caption(db, SCOPE, view, "Mức đạt kế hoạch năm 2022", Words.of("vi"))
    svg = export_images.chart_svg(charts.attainment_chart(queries.attainment(db, SCOPE, view), Words.of("vi")), caption=caption)
    texts = [html.unescape(t) for t in re.findall(r">([^<>]+)<", svg)]
    assert "Mức đạt kế hoạch năm 2022" in texts
    assert "Huyện Tiểu Cần · khối Kinh tế" in texts
    assert any(t.startswith("Nguồn: Báo cáo kết quả thực hiện nhiệm vụ năm 2022") for t in texts)
    snapshot = db.snapshot.snapshot_id
    assert any(snapshot in t and "(giờ Việt Nam)" in t for t in texts), texts[:6]


def test_chart_file_names_say_unit_year_page_and_chart():
    assert export_sources.chart_file_name(SCOPE, Filters(domain="economy"), "attainment", Words.of("vi"), "png") == \
        "tieu-can-2022_kinh-te_muc-dat-ke-hoach.png"
    assert export_sources.chart_file_name(SCOPE, Filters(), "next_year", Words.of("en"), ".svg") == \
        "tieu-can-2022_overview_to-next-year-target.svg"
    assert export_sources.chart_file_name(SCOPE, Filters(domain="culture_society", statuses=("met",)), "year_on_year",
                                          Words.of("vi"), "png") == "tieu-can-2022_van-hoa-xa-hoi_so-voi-nam-truoc_loc.png"


def test_times_are_the_districts_clock():
    assert fmt.local_time("2026-11-29T17:30:00Z", "vi") == "30/11/2026 00:30 (giờ Việt Nam)"
    assert fmt.local_time("2026-11-29T01:32:51Z", "en") == "2026-11-29 08:32 (Vietnam time)"
    assert fmt.local_time("not a time", "vi") == "not a time"


def test_the_status_column_is_where_the_headers_say(db):
    """The brief's and light pages' cells put the badge in the column the headers call the status."""
    for lang in ("vi", "en"):
        assert export_brief.tables.indicator_columns(Words.of(lang), 2022, 2023)[export_brief.tables.STATUS_COLUMN] == \
            Words.of(lang).text("col_status")
