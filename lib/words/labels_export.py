"""The words of the charts (axis titles, legends, tooltips) and of the exported workbook and brief,
in Vietnamese and English; lib/words/labels.py merges them into UI, where text() finds them."""
from __future__ import annotations

EXPORT_UI: dict[str, tuple[str, str]] = {}

# Chart axis titles, legends and tooltips (lib/render/charts.py).
EXPORT_UI.update({
    "chart_share_of_target": ("% kế hoạch đạt được", "% of target attained"),
    "chart_yoy": ("% so với năm trước", "% on the previous year"),
    "chart_change_needed": ("Chênh lệch đến chỉ tiêu năm sau (%; tỷ lệ: điểm %)",
                            "Distance to next year's target (%; rates: points)"),
    "chart_status": ("Đánh giá", "Status"),
    "chart_actual": ("Thực hiện", "Actual"),
    "chart_target": ("Chỉ tiêu", "Target"),
    "chart_derived": ("tính từ % báo cáo", "derived from the reported %"),
    "chart_baseline": ("Kết quả năm báo cáo", "Results-year value"),
    "chart_next_target": ("Chỉ tiêu năm sau", "Next year's target"),
    "chart_indicator": ("Chỉ tiêu", "Indicator"),
    "chart_value": ("Giá trị", "Value"),
    "chart_converted": ("quy đổi", "converted"),
    "chart_comparison": ("So với kết quả", "Against the result"),
})

# The exported workbook and meeting brief (lib/export.py).
EXPORT_UI.update({
    "sources_sheet": ("Nguồn", "Sources"),
    "col_total": ("Tổng số", "Total"),
    "col_target_origin": ("Kế hoạch {year}: nguồn", "{year} target: origin"),
    "col_notes": ("Cách tính (số tính từ báo cáo)", "How derived figures were computed"),
    "col_quote_results": ("Trích dẫn báo cáo – kết quả {year}", "Quote from the report – {year} results"),
    "col_quote_next": ("Trích dẫn báo cáo – chỉ tiêu {year}", "Quote from the report – {year} target"),
    "col_id": ("Mã chỉ tiêu", "Indicator ID"),
    "src_item": ("Mục", "Item"),
    "src_value": ("Giá trị", "Value"),
    "src_unit": ("Đơn vị báo cáo", "Reporting unit"),
    "src_report": ("Báo cáo", "Report"),
    "src_report_id": ("Mã báo cáo", "Report ID"),
    "src_raw_file": ("Tệp gốc", "Raw file"),
    "src_raw_sha": ("SHA-256 tệp gốc", "SHA-256 of the raw file"),
    "src_snapshot": ("Bản dữ liệu", "Snapshot"),
    "src_created": ("Thời điểm tạo bản dữ liệu", "Snapshot created"),
    "src_data_sha": ("SHA-256 dữ liệu", "SHA-256 of the data"),
    "src_file_sha": ("SHA-256 {file}", "SHA-256 of {file}"),
    "src_filters": ("Phạm vi lọc", "Filters"),
    "src_count": ("Số chỉ tiêu", "Indicators"),
    "src_note_numbers": ("Ghi chú", "Note"),
    "note_numbers": ("Số lưu dạng số; tỷ lệ % lưu dạng phần trăm của Excel (102,74% = 1,0274). "
                     "Dấu phân cách hiển thị theo cài đặt vùng của máy.",
                     "Numbers are stored as numbers; percentages as Excel percentages (102.74% = 1.0274). "
                     "Separators follow the computer's regional settings."),
    "note_derived": ("“Tính từ báo cáo”: kế hoạch suy ra từ số thực hiện và % kế hoạch báo cáo ghi.",
                     "“Derived”: a target implied by the reported result and its reported % of target."),
    "nothing": ("Không có chỉ tiêu nào khớp bộ lọc.", "No indicator matches the filters."),
})

# What a chat app shows for a shared link (lib/export/link_preview.py).
EXPORT_UI.update({
    "preview_older": ("Số liệu như đã công bố lúc {created}.", "The data as published on {created}."),
    "preview_made": ("Bản dữ liệu {snapshot} ({created})", "Snapshot {snapshot} ({created})"),
})
EXPORT_UI.update({
    "first_paint_loading": ("Đang mở trang đầy đủ (biểu đồ, bộ lọc)…", "Opening the full page (charts, filters)…"),
    # The one line of a shared link of one indicator, the data or the pace page (lib/export/page_previews.py).
    "preview_of_reporting_unit": ("{reporting_unit}, năm {year}", "{reporting_unit}, {year}"),
    "preview_indicator": ("{where}: {actual} — {status}. {next}.", "{where}: {actual} — {status}. {next}."),
    "preview_pace_counts": ("Tiến độ: {counts}.", "Pace: {counts}."),
})
