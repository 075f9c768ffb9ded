"""The words of the province's view of its units (one indicator in every commune under a province), and
of where each figure came from; Vietnamese first, then English (lib/words/labels_staff.py merges them, and labels.py those)."""

PROVINCE_UI = {
    "province_title": ("Các đơn vị trực thuộc {reporting_unit}, năm {year}", "Units under {reporting_unit}, {year}"),
    "province_help_higher": ("{n} đơn vị có số liệu, xếp từ cao xuống thấp. Bấm tên đơn vị để mở trang của đơn vị đó.",
                             "{n} units with a figure, highest first. Click a unit's name to open its pages."),
    "province_help_lower": ("{n} đơn vị có số liệu, xếp từ thấp lên cao (chỉ tiêu càng thấp càng tốt). "
                            "Bấm tên đơn vị để mở trang của đơn vị đó.",
                            "{n} units with a figure, lowest first (lower is better). "
                            "Click a unit's name to open its pages."),
    "province_none_ranked": ("Năm {year} chưa đơn vị trực thuộc nào có số liệu chỉ tiêu này.",
                             "No unit under it has a figure for this indicator in {year}."),
    "province_missing_title": ("Chưa có báo cáo ({n})", "No report yet ({n})"),
    "province_why_never_reported": ("chưa gửi báo cáo nào", "has sent no report"),
    "province_why_no_report": ("chưa có báo cáo năm {year}", "no report for {year}"),
    "province_why_no_figure": ("báo cáo năm {year} không có số liệu chỉ tiêu này",
                               "its {year} report has no figure for this indicator"),
    "col_rank": ("Hạng", "Rank"),
    "col_unit_name": ("Đơn vị", "Unit"),
    "col_level": ("Cấp", "Level"),
    "chart_of_plan": ("{share} KH", "{share} of plan"),
    # The indicator page: each figure's report, its file, and who approved it (lib/offices/figure_sources.py).
    "col_report": ("Báo cáo", "Report"),
    "provenance_title": ("Số liệu lấy từ", "Where the figures come from"),
    "provenance_line": ("**{report}** · tệp gốc {file} · {how}", "**{report}** · source file {file} · {how}"),
    "provenance_approved": ("Duyệt: {approver} · Soạn: {preparer} · {date}",
                            "Approved: {approver} · Prepared: {preparer} · {date}"),
    "provenance_direct": ("Công bố trực tiếp (mật khẩu chung)", "Published directly (shared password)"),
}
