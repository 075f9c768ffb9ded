"""Every word the app shows, in Vietnamese and English, and the vocabularies the data may use."""
from __future__ import annotations

import logging
import os

LANGUAGES = ("vi", "en")

DOMAINS = {
    "economy": ("Kinh tế", "Economy"),
    "culture_society": ("Văn hóa – Xã hội", "Culture and society"),
    "security_order": ("An ninh – Trật tự", "Security and order"),
    "party_politics": ("Xây dựng Đảng – Hệ thống chính trị", "Party and political system"),
}

GROUPS = {
    "growth": ("Tăng trưởng", "Growth"),
    "agriculture": ("Nông nghiệp", "Agriculture"),
    "aquaculture": ("Thủy sản", "Aquaculture"),
    "irrigation": ("Thủy lợi – Phòng chống thiên tai", "Irrigation and disasters"),
    "enterprises": ("Doanh nghiệp – Hộ kinh doanh", "Enterprises"),
    "cooperatives": ("Kinh tế hợp tác", "Cooperatives"),
    "new_rural": ("Nông thôn mới – OCOP", "New rural areas and OCOP"),
    "industry": ("Công nghiệp – Thương mại", "Industry and trade"),
    "investment": ("Đầu tư công – Xây dựng", "Public investment"),
    "housing": ("Nhà ở – Xây dựng", "Housing and building"),
    "electricity": ("Điện", "Electricity"),
    "water": ("Nước sạch", "Water"),
    "land_environment": ("Tài nguyên – Môi trường", "Land and environment"),
    "finance": ("Tài chính – Ngân sách", "Finance and budget"),
    "culture": ("Văn hóa", "Culture"),
    "education": ("Giáo dục", "Education"),
    "health": ("Y tế – Bảo hiểm", "Health and insurance"),
    "labour": ("Lao động – Việc làm", "Labour and jobs"),
    "poverty": ("Giảm nghèo", "Poverty"),
    "crime": ("Tội phạm", "Crime"),
    "drugs": ("Ma túy", "Drugs"),
    "traffic": ("Tai nạn giao thông", "Traffic accidents"),
    "citizen_id": ("Căn cước công dân", "Citizen ID"),
    "citizen_reception": ("Tiếp công dân – Khiếu nại", "Citizen reception and complaints"),
    "safe_communes": ("Xã an toàn về an ninh trật tự", "Safe communes"),
    "defence": ("Quốc phòng", "Defence"),
    "party_building": ("Xây dựng Đảng", "Party building"),
    "inspection": ("Kiểm tra – Giám sát – Kỷ luật", "Inspection and discipline"),
    "administration": ("Chính quyền – Cải cách hành chính", "Government and administration"),
    "mass_mobilisation": ("Dân vận – Mặt trận – Đoàn thể", "Mass mobilisation"),
}

KINDS = {
    "actual": ("Thực hiện", "Actual"),
    "target": ("Chỉ tiêu", "Target"),
    "total": ("Tổng số", "Total"),
    "pct_of_target": ("% so chỉ tiêu", "% of target"),
    "yoy_change_pct": ("% so cùng kỳ", "% change on previous year"),
}

DIRECTIONS = {
    "higher": ("Càng cao càng tốt", "Higher is better"),
    "lower": ("Càng thấp càng tốt", "Lower is better"),
    "neutral": ("Không xếp hạng", "Neutral"),
    "estimate": ("Theo dự toán: chi đúng dự toán là mục tiêu, chi nhiều hơn không phải thành tích",
                 "Against the estimate: spending to the estimate is the aim, spending more is no achievement"),
}

MEASURES = {
    "level": ("Mức (số tồn)", "Level (stock)"),
    "flow": ("Lượng trong năm", "Flow (during the year)"),
    "rate": ("Tỷ lệ", "Rate"),
    "change": ("Mức thay đổi", "Change"),
    "average": ("Bình quân trên một đơn vị", "Average per unit"),
}

STATUSES = {
    "exceeded": ("Vượt", "Exceeded"),
    "met": ("Đạt", "Met"),
    "not_met": ("Không đạt", "Not met"),
    "under_estimate": ("Dưới dự toán", "Under the estimate"),
    "on_estimate": ("Theo dự toán", "Within the estimate"),
    "over_estimate": ("Vượt dự toán", "Over estimate"),
    "not_rated": ("Không xếp hạng", "Not rated"),
    "no_target": ("Không có kế hoạch", "No plan"),
}

# How the results year stands against next year's target (lib/judgement/reading.py decides which).
COMPARISONS = {
    "to_go": ("Còn phải phấn đấu", "Still to go"),
    "adds_to_stock": ("Cộng thêm vào số hiện có", "Added to the stock"),
    "reached": ("Đã đạt mức chỉ tiêu", "Already at the target"),
    "above_result": ("Chỉ tiêu cao hơn kết quả", "Target above the result"),
    "below_result": ("Chỉ tiêu thấp hơn kết quả", "Target below the result"),
    "not_rated": ("Không xếp hạng", "Not rated"),
    "not_comparable": ("Không so sánh được", "Not comparable"),
    "reduction": ("Chỉ tiêu là mức giảm", "A reduction target"),
    "other_measure": ("Chỉ tiêu đo số khác", "Target of another measure"),
    "no_baseline": ("Chưa có số cùng thước đo", "No figure of the same measure"),
    "no_target": ("Không có chỉ tiêu", "No target"),
}

# A verdict the report states in words (lib/judgement/stated.py).
STATED = {"not_met": ("chưa đạt", "not met"), "met": ("đạt", "met"), "exceeded": ("vượt", "exceeded")}

# A change on the previous year, judged by the indicator's direction.
CHANGES = {
    "good": ("Theo hướng tốt", "Improving"),
    "bad": ("Theo hướng xấu", "Worsening"),
    "neutral": ("Không xếp hạng", "Neutral"),
}

# The unit of a change of a rate.
POINTS = {"points": ("điểm %", "points")}

QUALIFIERS = {
    "ước": ("ước", "est."),
    "khoảng": ("khoảng", "about"),
    "ước khoảng": ("ước khoảng", "est. about"),
    "gần": ("gần", "nearly"),
    "ước gần": ("ước gần", "est. nearly"),
    "trên": ("trên", "over"),
    "ước trên": ("ước trên", "est. over"),
    "trở lên": ("trở lên", "or more"),
}
QUALIFIERS_AFTER = ("trở lên",)  # written after the figure: "10 xã trở lên"

# A figure's period (lib/judgement/pace.py), the level of a unit (lib/data/contract.py LEVELS), the pace of a year in progress.
PERIODS = {"year": ("Cả năm", "Whole year"), "m6": ("6 tháng", "6 months"), "m9": ("9 tháng", "9 months"),
           "m11": ("11 tháng", "11 months"), **{f"q{n}": (f"Quý {r}", f"Quarter {r}") for n, r in
                                                 zip(range(1, 5), ("I", "II", "III", "IV"))},
           **{f"month{m:02d}": (f"Tháng {m}", f"Month {m}") for m in range(1, 13)}}
LEVELS = {"xa_phuong": ("Xã/phường", "Commune/ward"), "huyen": ("Huyện", "District"), "tinh": ("Tỉnh", "Province")}
PACE = {"ahead": ("Vượt tiến độ", "Ahead of pace"), "on_pace": ("Đúng tiến độ", "On pace"),
        "behind": ("Chậm tiến độ", "Behind pace"), "reached": ("Đã đạt mục tiêu năm", "Year's target reached"),
        "not_yet": ("Chưa đạt mục tiêu năm", "Year's target not yet reached"),
        "not_rated": ("Không xếp hạng", "Not rated"), "no_target": ("Không có mục tiêu năm", "No target for the year"),
        "not_cumulative": ("Kỳ không tính từ đầu năm", "Period not from 1 January")}

ORIGINS = {
    "reported": ("Báo cáo ghi", "Reported"),
    "derived": ("Tính từ báo cáo", "Derived"),
}

STATEMENT_KINDS = {
    "danh_gia": ("Đánh giá", "Assessment"),
    "han_che": ("Hạn chế", "Shortcoming"),
    "nguyen_nhan": ("Nguyên nhân", "Cause"),
    "nhiem_vu": ("Nhiệm vụ – giải pháp", "Task and solution"),
}
# How a value differs between two snapshots (lib/web/then_and_now.py).
SNAPSHOT_CHANGES = {"changed": ("Đã sửa", "Changed"), "added": ("Mới có", "Added"), "removed": ("Đã bỏ", "Removed")}


class MissingLabel(KeyError):
    """A word the app would show is missing: a reader must never see a key such as "good"."""


def _missing(what: str) -> str:
    """A word the app lacks: an error under test (CHITIEU_STRICT_WORDS=1, tests/conftest.py), "–" and a
    logged error for a reader, never the key itself."""
    if os.environ.get("CHITIEU_STRICT_WORDS") == "1":
        raise MissingLabel(what)
    logging.getLogger(__name__).error("missing word: %s", what)
    return "–"


def _label(vocabulary: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """The label of `key` in `lang`; a key the vocabulary lacks is never shown as itself."""
    pair = vocabulary.get(key)
    if pair is None:
        return _missing(f"no label for {key!r} (known: {', '.join(map(str, vocabulary))})")
    return pair[0] if lang == "vi" else pair[1]


PAGES = {
    "overview": ("Tổng quan", "Overview"),
    "economy": ("Kinh tế", "Economy"),
    "culture_society": ("Văn hóa – Xã hội", "Culture and society"),
    "security_order": ("An ninh – Trật tự", "Security and order"),
    "party_politics": ("Xây dựng Đảng", "Party building"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "data": ("Dữ liệu", "Data"),
    "staff": ("Nhập báo cáo (văn phòng)", "Load a report (staff)"),
    "pace": ("Tiến độ trong năm", "Pace in the year"),
}

# Interface sentences; `{name}` fields are filled by `text()`.
UI = {
    "app_title": ("Chỉ tiêu – {reporting_unit}", "Indicators – {reporting_unit}"),
    "overview_subtitle": ("Kết quả năm {results} so với kế hoạch, và khoảng cách đến chỉ tiêu năm {targets}",
                          "{results} results against the plan, and the distance to the {targets} targets"),
    "snapshot_caption": ("Số liệu: báo cáo {title} · bản dữ liệu {snapshot} ({created})",
                         "Data: {title} · snapshot {snapshot} ({created})"),
    "language": ("Ngôn ngữ", "Language"), "language_name": ("Tiếng Việt", "English"),
    "bad_link": ("Đường dẫn có tham số không hợp lệ ({items}); đang hiển thị mặc định cho phần đó.",
                 "The link had invalid parameters ({items}); showing the default for those."),
    "no_data": ("Chưa có dữ liệu để hiển thị. Văn phòng cần tạo bản dữ liệu (make data).",
                "There is no data to show yet. Staff need to build a snapshot (make data)."),
    "reporting_unit": ("Đơn vị báo cáo", "Reporting unit"),
    "results_year": ("Năm kết quả", "Results year"),
    "scope_help": ("Đơn vị báo cáo và năm kết quả đang xem", "Reporting unit and results year shown"),
    "across_units_title": ("So sánh giữa các đơn vị, năm {year}", "Across reporting units, {year}"),
    "across_units_latest": ("So sánh giữa các đơn vị, năm gần nhất của mỗi đơn vị", "Across reporting units, each unit's latest year"),
    "period_to_date": ("{period} đầu năm {year}", "First {period_lower} of {year}"),
    "period_of_year": ("{period}/{year}", "{period} {year}"), "period_whole_year": ("{period} {year}", "{period} {year}"),
    "unit_ceased": ("{name} (đến {day}{successor})", "{name} (until {day}{successor})"),
    "pace_title": ("Tiến độ thực hiện chỉ tiêu năm {year}", "Progress towards the {year} targets"),
    "pace_caption": ("{reporting_unit}, {period} (đến {day}): đã qua {gone} thời gian của năm. Lượng trong năm: phần kế hoạch năm "
                     "đã đạt so với thời gian đã qua (±{tolerance} điểm là đúng tiến độ); mức và tỷ lệ: số mới nhất so với mục tiêu năm.",
                     "{reporting_unit}, {period} (to {day}): {gone} of the year gone. Yearly amounts: the share of the year's target "
                     "reached against the time gone (±{tolerance} points is on pace); levels and rates: the latest value against the year's target."),
    "pace_year_end_only": ("{reporting_unit} mới có báo cáo cả năm {year}, chưa có báo cáo 6 tháng, 9 tháng hay quý: chưa có "
                           "tiến độ trong năm để xem. Dưới đây là kết quả cuối năm {year}, đánh giá như trang Tổng quan.",
                           "{reporting_unit} has only its {year} year-end report, no six-month, nine-month or quarterly one: "
                           "there is no pace in the year to show. Below is the final reading of {year}, judged as on the Overview."),
    "pace_open_overview": ("Xem kết quả năm {year} trên trang Tổng quan", "See the {year} results on the Overview"),
    "pace_period": ("Kỳ báo cáo", "Reporting period"), "pace_none": ("Chưa có số liệu theo kỳ.", "No figures by period yet."),
    "pace_col_pace": ("Tiến độ", "Pace"), "pace_col_share": ("Đạt % kế hoạch năm", "% of the year's target"),
    "pace_col_gone": ("Thời gian đã qua", "Time gone"), "pace_col_periods": ("Các kỳ", "Periods"),
    "pace_col_target": ("Mục tiêu năm", "Year's target"), "pace_col_latest": ("Số mới nhất", "Latest"),
    "staff_title": ("Nhập báo cáo mới", "Load a new report"),
    "staff_no_secret": ("Trang này cần mật khẩu của văn phòng, nhưng máy chủ chưa được cấu hình mật khẩu.",
                        "This page needs the staff password, but none is configured on the server."),
    "staff_how_to_secret": ("Người quản trị máy chủ chạy lệnh dưới đây trong thư mục của ứng dụng, nhập mật khẩu hai lần "
                            "(ít nhất 10 ký tự), rồi khởi động lại ứng dụng. Lệnh thay mật khẩu cũ nếu đã có; "
                            "chỉ lưu dạng băm của mật khẩu vào `.streamlit/secrets.toml`.",
                            "The server's administrator runs the command below in the app's folder, types the "
                            "password twice (10 characters or more) and restarts the app. It replaces an earlier "
                            "password; only a hash is stored in `.streamlit/secrets.toml`."),
    "staff_password": ("Mật khẩu văn phòng", "Staff password"),
    "staff_enter": ("Vào", "Enter"),
    "staff_wrong": ("Sai mật khẩu.", "Wrong password."),
    "staff_wait": ("Nhập sai nhiều lần. Thử lại sau {seconds} giây.", "Too many wrong attempts. Try again in {seconds} s."),
    "staff_upload": ("Tải lên báo cáo (.txt hoặc .docx)", "Upload the report (.txt or .docx)"),
    "staff_unreadable": ("Không đọc được tệp: {reason}", "The file could not be read: {reason}"),
    "staff_unit_id": ("Mã đơn vị (không dấu, ví dụ cau-ke)", "Unit code (e.g. cau-ke)"),
    "staff_unit_vi": ("Tên đơn vị", "Unit name (Vietnamese)"),
    "staff_unit_en": ("Tên đơn vị (tiếng Anh)", "Unit name (English)"),
    "staff_results_year": ("Năm kết quả", "Results year"),
    "staff_targets_year": ("Năm chỉ tiêu", "Targets year"),
    "staff_review": ("Duyệt số liệu đề xuất", "Review the proposed figures"),
    "staff_review_help": ("Đánh dấu “Nhận” cho số cần công bố; sửa loại, năm, đơn vị hay mã chỉ tiêu nếu sai. "
                          "Số không nhận sẽ được ghi là “không chọn khi duyệt”.",
                          "Tick “Accept” for each figure to publish; correct kind, year, unit or indicator. "
                          "Figures not accepted are recorded as “not chosen in review”."),
    "staff_focus": ("Xem câu gốc của dòng", "Show the sentence of row"),
    "staff_new_indicator": ("Tạo chỉ tiêu mới", "Create an indicator"),
    "staff_add_indicator": ("Thêm chỉ tiêu", "Add the indicator"),
    "staff_check": ("Kiểm tra", "Check"),
    "staff_publish": ("Công bố bản dữ liệu mới", "Publish a new snapshot"),
    "staff_ok": ("Không có lỗi: có thể công bố.", "No problems: ready to publish."),
    "staff_problems": ("{n} lỗi cần sửa trước khi công bố:", "{n} problems to fix before publishing:"),
    "staff_published": ("Đã công bố bản dữ liệu {snapshot}. Trang tổng quan đã hiển thị số liệu mới.",
                        "Published snapshot {snapshot}. The overview now shows the new figures."),
    "staff_logout": ("Thoát", "Sign out"),
    "staff_details": ("Chi tiết cho văn phòng", "Details for staff"),
    "staff_searched": ("Thư mục đã tìm: `{folder}`", "Folder searched: `{folder}`"),
    "staff_fix": ("Cách sửa: chạy `make data` trên máy chủ để tạo lại bản dữ liệu từ nguồn đã duyệt; "
                  "không chép tay tệp vào data/snapshots.",
                  "To fix: run `make data` on the server to rebuild the snapshot from the curated source; "
                  "do not copy files into data/snapshots by hand."),
    "passed_over": ("Đang hiển thị số liệu công bố lúc {snapshot}; bản mới hơn bị lỗi và đã được bỏ qua.",
                    "Showing the data published on {snapshot}; a newer snapshot is damaged and was passed over."),
    "status_counts_title": ("Kết quả năm {year} so với kế hoạch", "{year} results against the plan"),
    "headline_title": ("Chỉ tiêu chủ yếu", "Headline indicators"),
    "attainment_title": ("Mức đạt kế hoạch năm {year}", "Share of the {year} plan attained"),
    "attainment_help": ("Mỗi thanh là % chỉ tiêu năm {year} đạt được; vạch đứt là 100%. "
                        "Với chỉ tiêu càng thấp càng tốt, dưới 100% là vượt.",
                        "Each bar is the share of the {year} target attained; the dashed line is 100%. "
                        "Where lower is better, below 100% is exceeded."),
    "yoy_title": ("Thay đổi so với năm {previous}", "Change on {previous}"),
    "next_title": ("Từ kết quả {results} đến chỉ tiêu {targets}", "From the {results} result to the {targets} target"),
    "next_help": ("Chỉ vẽ các cặp cùng thước đo; mỗi thanh là khoảng cách từ kết quả đến chỉ tiêu {targets}: "
                  "tính bằng % với số lượng, bằng điểm % với các tỷ lệ.",
                  "Only pairs that measure the same thing are drawn; each bar is the distance from the result to "
                  "the {targets} target: in % for amounts, in percentage points for rates."),
    "not_comparable_title": ("Chỉ tiêu {targets} không so được với số {results}", "{targets} targets not comparable with {results}"),
    "no_baseline_title": ("Chỉ tiêu {targets} chưa có số {results} cùng thước đo",
                          "{targets} targets with no {results} figure of the same measure"),
    "counts_title": ("Số liệu không có kế hoạch", "Figures without a target"),
    "table_title": ("Bảng chỉ tiêu", "Indicator table"),
    "table_help": ("Bấm vào tên một chỉ tiêu để mở trang của nó.", "Click an indicator's name to open its page."),
    "filter_group": ("Lĩnh vực", "Group"),
    "filter_status": ("Đánh giá", "Status"),
    "filter_comparable": ("So sánh được với năm sau", "Comparable with next year"),
    "filter_search": ("Tìm chỉ tiêu", "Search indicators"),
    "filter_more": ("Lọc thêm", "More filters"),
    "filter_search_placeholder": ("ví dụ: bao hiem, lua, dang vien", "e.g. insurance, rice, party"),
    "filter_domain": ("Khối", "Domain"),
    "all": ("Tất cả", "All"),
    "filter_domain_phrase": ("khối {domain}", "{domain}"),
    "in_view": ("Đang xem: {what} — {n} chỉ tiêu.", "Showing: {what} — {n} indicators."),
    "everything": ("tất cả", "everything"),
    "nothing_here": ("Không có chỉ tiêu nào khớp bộ lọc.", "No indicator matches the filters."),
    "no_attainment": ("Không có chỉ tiêu nào có kế hoạch năm {year} trong phạm vi này.",
                      "No indicator in view had a {year} target."),
    "no_yoy": ("Không có chỉ tiêu nào so được với năm {previous} trong phạm vi này.",
               "No indicator in view compares with {previous}."),
    "no_next": ("Không có chỉ tiêu năm sau so sánh được trong phạm vi này.",
                "No comparable next-year target in view."),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_group": ("Lĩnh vực", "Group"),
    "col_value": ("Thực hiện {year}", "{year} actual"),
    "col_target": ("Kế hoạch {year}", "{year} target"),
    "col_attainment": ("% kế hoạch", "% of target"),
    "col_status": ("Đánh giá", "Status"),
    "col_yoy": ("So cùng kỳ", "On previous year"),
    "col_next": ("Chỉ tiêu {year}", "{year} target"),
    "col_against": ("So với kết quả {year}", "Against the {year} result"),
    "col_difference": ("Chỉ tiêu {targets} trừ kết quả {results}", "{targets} target minus {results} result"),
    "col_difference_pct": ("Chênh lệch (%)", "Difference (%)"),
    "col_reason": ("Lý do", "Reason"),
    "col_kind": ("Loại số", "Kind"),
    "col_year": ("Năm", "Year"),
    "col_origin": ("Nguồn", "Origin"),
    "col_quote": ("Trích dẫn báo cáo", "Quote from the report"),
    "col_unit_of_measure": ("Đơn vị", "Unit"),
    "col_domain": ("Khối", "Domain"),
    "col_qualifier": ("Mức độ", "Qualifier"),
    "pick_indicator": ("Chọn chỉ tiêu", "Choose an indicator"),
    "pick": ("Chọn…", "Choose…"),
    "no_results": ("Không có mục nào khớp", "No results"),
    "uploader_button": ("Chọn tệp", "Upload"),
    "uploader_limit": ("Tối đa {mb} MB mỗi tệp", "Up to {mb} MB per file"),
    "picker_search": ("Tìm theo tên (gõ có dấu hay không dấu)", "Find by name"),
    "picker_none": ("Không có mục nào khớp; đang hiện tất cả.", "Nothing matches; showing all."),
    "values_title": ("Các giá trị", "Values"),
    "sources_title": ("Câu gốc trong báo cáo", "The report's sentences"),
    "definition": ("Định nghĩa", "Definition"),
    "direction": ("Chiều đánh giá", "Direction"),
    "measure": ("Loại số đo", "Measure"),
    "unit_of_measure": ("Đơn vị", "Unit"),
    "comparison": ("So sánh với năm sau", "Comparison with next year"),
    "related": ("Chỉ tiêu liên quan", "Related indicators"),
    "take_away": ("Tải về", "Download"),
    "download_xlsx": ("Tải Excel (.xlsx)", "Download Excel (.xlsx)"),
    "download_brief": ("Tải bản tóm tắt cuộc họp", "Download the meeting brief"),
    "download_csv": ("Tải CSV (mở được bằng Excel)", "Download CSV (opens in Excel)"),
    "data_title": ("Dữ liệu", "Data"),
    "data_caption": ("{n} quan sát trong phạm vi lọc, mỗi số kèm câu gốc của báo cáo.",
                     "{n} observations in view, each with its sentence from the report."),
    "open_indicator": ("Mở trang chỉ tiêu", "Open the indicator page"),
    "card_plan": ("Kế hoạch {year}", "{year} plan"),
    "card_plan_derived": ("Kế hoạch {year} (tính từ % báo cáo) ≈", "{year} plan (derived from the reported %) ≈"),
    "card_next": ("Chỉ tiêu {year}", "{year} target"),
    "card_no_plan": ("không có kế hoạch {year}", "no {year} target"),
    "against_plan": ("{difference} so kế hoạch", "{difference} against the plan"),
    "fell_by": ("giảm {amount}", "down {amount}"),
    "cmp_to_go_up": ("cần tăng thêm {size} so với kết quả {results}", "needs a further rise of {size} on the {results} result"),
    "cmp_to_go_down": ("cần giảm thêm {size} so với kết quả {results}", "needs a further fall of {size} on the {results} result"),
    "cmp_reached": ("kết quả {results} ({baseline}) đã đạt mức này", "the {results} result ({baseline}) already meets it"),
    "cmp_above_result_year": ("mục tiêu cả năm {targets}, cao hơn kết quả {results} {size}",
                              "a whole-year {targets} target, {size} above the {results} result"),
    "cmp_below_result_year": ("mục tiêu cả năm {targets}, thấp hơn kết quả {results} {size}",
                              "a whole-year {targets} target, {size} below the {results} result"),
    "cmp_above_result": ("cao hơn kết quả {results} {size}", "{size} above the {results} result"),
    "cmp_below_result": ("thấp hơn kết quả {results} {size}", "{size} below the {results} result"),
    "cmp_not_rated": ("chênh lệch so với kết quả {results}: {gap}", "{gap} against the {results} result"),
    "cmp_adds_to_stock": ("cộng thêm vào số hiện có: {baseline} ({results}) + {added} = {level} ({targets})",
                          "added to the stock: {baseline} ({results}) + {added} = {level} ({targets})"),
    "cmp_not_comparable": ("không so sánh trực tiếp với số {results}", "not directly comparable with the {results} figure"),
    "cmp_reduction": ("là mức giảm trong năm, không so trực tiếp với số {results}",
                      "a reduction within the year, not directly comparable with the {results} figure"),
    "cmp_other_measure": ("chỉ tiêu {targets} đo số khác, không so sánh trực tiếp với số {results}",
                          "the {targets} target measures something else, not directly comparable with {results}"),
    "cmp_no_baseline": ("chưa có số {results} cùng thước đo", "no {results} figure of the same measure"),
    "cmp_no_target": ("báo cáo không đặt chỉ tiêu {targets}", "the report sets no {targets} target"),
    "share": ("Chia sẻ", "Share"),
    "share_help": ("Gửi đường dẫn này để mở đúng màn hình đang xem: bấm “Sao chép”, hoặc chạm giữ đường dẫn để chọn.",
                   "Send this link to open exactly this view: press “Copy”, or touch and hold the link to select it."),
}


# Spending against its estimate, a figure counted to a day, a verdict the report states in words
# (lib/judgement/reading.py; the rules in docs/judgements.md).
UI.update({
    "card_estimate": ("Dự toán {year}", "{year} estimate"),
    "kind_estimate": ("Dự toán", "Estimate"),
    "card_estimate_derived": ("Dự toán {year} (tính từ % báo cáo) ≈", "{year} estimate (derived from the reported %) ≈"),
    "share_of_estimate": ("{share} dự toán", "{share} of the estimate"),
    "col_share_of_estimate": ("% dự toán", "% of the estimate"),
    "as_of_day": ("đến {day}", "to {day}"),
    "stated_status": ("Báo cáo đánh giá: {verdict}", "Report: {verdict}"),
    "card_stated": ("không có số kế hoạch {year} để tính", "no {year} target figure to compute it from"),
})


# English sentences for a count of one ("1 indicator", not "1 indicators"); Vietnamese has no plural.
UI_ONE = {
    "in_view": "Showing: {what} — 1 indicator.",
    "data_caption": "1 observation in view, with its sentence from the report.",
    "brief_scope": "Scope: {what} — 1 indicator.",
    "staff_problems": "1 problem to fix before publishing:",
    "staff_found": "1 matching indicator",
    "statements_review": "The report's statements (1 proposed)",
}


def _text(key: str, lang: str, **fields) -> str:
    """An interface sentence in `lang` with its fields filled in (ask `Words.text`, lib/words/words.py)."""
    if key not in UI:
        return _missing(f"no sentence {key!r}")
    vi, en = UI[key]
    if lang != "vi" and key in UI_ONE and str(fields.get("n")) == "1":
        en = UI_ONE[key]
    return (vi if lang == "vi" else en).format(**fields)


# The staff page's and the meeting's own words live beside this file, to keep each file readable; _text() finds them here.
from lib.words.labels_export import EXPORT_UI  # noqa: E402
from lib.words.labels_meeting import MEETING_UI  # noqa: E402
from lib.words.labels_staff import REVIEW_KINDS, STAFF_UI  # noqa: E402,F401  (REVIEW_KINDS: labels.REVIEW_KINDS)

UI.update(EXPORT_UI)
UI.update(STAFF_UI)
UI.update(MEETING_UI)
