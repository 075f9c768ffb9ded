"""The staff page's words, and those of the leaders' side with several units; Vietnamese first, then English
(lib/words/labels.py merges them into its UI)."""

# The review grid says each kind as the report's own words do ("đạt 93% kế hoạch").
REVIEW_KINDS = {
    "actual": ("Thực hiện", "Actual"),
    "target": ("Kế hoạch", "Plan"),
    "pct_of_target": ("% kế hoạch", "% of plan"),
    "yoy_change_pct": ("% so cùng kỳ", "% on last year"),
    "total": ("Tổng số (mẫu số)", "Total (denominator)"),
}
# A kind the extractor reads that the snapshot cannot hold, named where a row is shown (never offered).
UNPUBLISHED_KINDS = {"change_abs": ("Mức tăng/giảm (chưa công bố được)", "Absolute change (cannot be published)")}

# The staff page: files that are not reports (what is wrong, then the fix), the review, the preview.
STAFF_UI = {
    "staff_secret_broken": ("Không đọc được tệp cấu hình mật khẩu `{file}` (lỗi: {reason}). Người quản trị sửa dòng "
                            "bị lỗi, hoặc chạy lại lệnh dưới đây để ghi lại mật khẩu, rồi khởi động lại ứng dụng.",
                            "The password settings file `{file}` cannot be read ({reason}). The administrator "
                            "fixes the faulty line, or runs the command below to write the password again, then "
                            "restarts the app."),
    "staff_recovered": ("Lần công bố trước bị ngắt giữa chừng; máy đã xử lý khi mở trang này: {what}",
                        "The last publish was cut off; it was dealt with when this page opened: {what}"),
    "staff_reading": ("Đang đọc báo cáo và đề xuất số liệu…", "Reading the report and proposing its figures…"),
    "staff_upload_any": ("Tải lên báo cáo (.docx, .txt hoặc .pdf có chữ)", "Upload the report (.docx, .txt or a text .pdf)"),
    "staff_file_empty": ("Tệp “{name}” trống: không có chữ nào. Mở báo cáo gốc, lưu lại rồi tải lên lại.",
                         "“{name}” is empty. Open the original report, save it again and upload it."),
    "staff_file_no_numbers": ("Tệp “{name}” đọc được nhưng không có con số nào, nên không phải báo cáo số liệu "
                              "(có thể nhầm tờ trình hay công văn kèm theo). Chọn đúng tệp báo cáo.",
                              "“{name}” has no numbers, so it is not a results report (perhaps a cover letter). "
                              "Choose the report itself."),
    "staff_file_image": ("Tệp “{name}” là ảnh {kind}, không phải văn bản, dù mang đuôi {ext}. Tải lên bản Word (.docx) "
                         "hoặc văn bản (.txt) của báo cáo; nếu chỉ có ảnh chụp, xin đơn vị gửi bản Word.",
                         "“{name}” is a {kind} image, not a document, although it ends in {ext}. Upload the report "
                         "as Word (.docx) or text (.txt); if there is only a photo, ask for the Word file."),
    "staff_file_binary": ("Tệp “{name}” không phải văn bản (dữ liệu nhị phân của một chương trình khác). Mở báo cáo "
                          "trong Word và lưu thành .docx, rồi tải lên tệp đó.",
                          "“{name}” is not text (another program's binary data). Open the report in Word, save it "
                          "as .docx and upload that."),
    "staff_file_not_utf8": ("Tệp “{name}” không ở bảng mã Unicode (có thể là TCVN3/VNI cũ), chữ Việt sẽ sai. Mở trong "
                            "Word rồi lưu thành .docx, hoặc lưu .txt chọn mã UTF-8.",
                            "“{name}” is not Unicode (perhaps old TCVN3/VNI); Vietnamese would be garbled. Open it "
                            "in Word and save as .docx, or as .txt in UTF-8."),
    "staff_file_extension": ("Chưa đọc được tệp dạng “{ext}” (“{name}”). Lưu báo cáo thành Word (.docx), văn bản "
                             "(.txt) hoặc PDF có chữ, rồi tải lên lại.",
                             "Files of type “{ext}” (“{name}”) cannot be read yet. Save the report as Word (.docx), "
                             "text (.txt) or a PDF with text, and upload it again."),
    "staff_file_doc": ("Tệp “{name}” là Word đời cũ (.doc), chưa đọc được. Mở trong Word, chọn Lưu thành (Save As) → "
                       "Word Document (.docx), rồi tải lên tệp .docx.",
                       "“{name}” is an old Word file (.doc). Open it in Word, Save As → Word Document (.docx), "
                       "and upload the .docx."),
    "staff_file_scan": ("Tệp “{name}” ({pages} trang) là PDF không có lớp chữ: đây là ảnh quét, máy không đọc được "
                        "số. Xin đơn vị gửi bản Word (.docx) hoặc PDF xuất từ Word.",
                        "“{name}” ({pages} pages) is a PDF without text: it is a scanned image, no number can be "
                        "read. Ask for the Word file (.docx) or a PDF saved from Word."),
    "staff_file_locked": ("Tệp PDF “{name}” có mật khẩu. Xin bản không khóa, hoặc bản Word (.docx).",
                          "The PDF “{name}” is password-protected. Ask for an unlocked copy or the Word file."),
    "staff_file_damaged": ("Tệp “{name}” bị hỏng hoặc không đúng định dạng của đuôi tệp, không mở được. Mở lại trong "
                           "Word và lưu lại, hoặc xin đơn vị gửi lại tệp.",
                           "“{name}” is damaged or not what its extension says. Open it in Word and save it again, "
                           "or ask for the file again."),
    "staff_file_too_big": ("Tệp “{name}” nặng {size} MB, quá giới hạn {limit} MB. Xóa bớt ảnh trong tệp Word, hoặc "
                           "lưu báo cáo thành .txt, rồi tải lên lại.",
                           "“{name}” is {size} MB, over the {limit} MB limit. Remove photos from the Word file, or "
                           "save the report as .txt, and upload again."),
    "staff_file_too_long": ("Tệp “{name}” dài {chars} ký tự, quá dài cho một báo cáo (có thể gộp nhiều báo cáo). "
                            "Tách riêng báo cáo cần nạp rồi tải lên.",
                            "“{name}” has {chars} characters, too long for one report (perhaps several). Upload "
                            "the one report on its own."),
    "staff_file_too_many_pages": ("Tệp “{name}” có {pages} trang, quá dài cho một báo cáo (tối đa {limit} trang; có "
                                  "thể gộp nhiều báo cáo). Tách riêng báo cáo cần nạp rồi tải lên.",
                                  "“{name}” has {pages} pages, too long for one report (at most {limit}; perhaps "
                                  "several). Upload the one report on its own."),
    "staff_file_too_many_numbers": ("Tệp “{name}” có {numbers} con số, quá nhiều để duyệt trong một báo cáo (tối đa "
                                    "{limit}). Tách riêng báo cáo cần nạp, bỏ các bảng phụ lục không cần công bố, "
                                    "rồi tải lên lại.",
                                    "“{name}” holds {numbers} numbers, too many to review in one report (at most "
                                    "{limit}). Upload the one report on its own, without annex tables that are "
                                    "not to be published."),
    "staff_file_unpacked_too_big": ("Tệp Word “{name}” khi mở ra nặng {size} MB (phần {part}), quá giới hạn {limit} "
                                    "MB. Mở tệp trong Word, xóa bớt ảnh hoặc lưu thành .txt, rồi tải lên lại.",
                                    "The Word file “{name}” unpacks to {size} MB (part {part}), over the {limit} MB "
                                    "limit. Open it in Word, remove photos or save it as .txt, and upload again."),
    "staff_file_other": ("Không đọc được tệp “{name}”. Lưu lại thành .docx hoặc .txt rồi tải lên lại; nếu vẫn lỗi, "
                         "báo người quản trị (chi tiết trong nhật ký máy chủ).",
                         "“{name}” could not be read. Save it again as .docx or .txt and upload it; if it still "
                         "fails, tell the administrator (details in the server log)."),
    "staff_file_next": ("Có thể tải lên tệp khác ngay.", "You can upload another file now."),
    "staff_focus_row": ("Dòng đang xem", "Row shown"),
    "staff_find_indicator": ("Tìm chỉ tiêu cho dòng này (gõ không dấu cũng được)",
                             "Find an indicator for this row (diacritics optional)"),
    "staff_found_none": ("Không thấy chỉ tiêu nào; có thể tạo chỉ tiêu mới ở mục “Tạo chỉ tiêu mới”.",
                         "No indicator found; you can create one under “Create an indicator”."),
    "staff_found": ("{n} chỉ tiêu khớp", "{n} matching indicators"),
    "staff_give_indicator": ("Gán cho dòng {row}", "Give to row {row}"),
    "staff_preview_no_figure": ("chưa có số nào được nhận cho chỉ tiêu này", "no figure accepted for it yet"),
    "staff_ind_name_vi": ("Tên chỉ tiêu (tiếng Việt)", "Name (Vietnamese)"),
    "staff_ind_name_en": ("Tên tiếng Anh (để trống thì dùng tên tiếng Việt)", "Name (English; blank: the Vietnamese)"),
    "staff_ind_unit": ("Đơn vị tính", "Unit"),
    "staff_ind_domain": ("Lĩnh vực", "Domain"),
    "staff_ind_group": ("Nhóm", "Group"),
    "staff_ind_direction": ("Đánh giá", "Judged as"),
    "staff_ind_measure": ("Loại số đo", "Measure"),
    "staff_ind_needs_name": ("Cần ghi tên chỉ tiêu.", "The indicator needs a name."),
    "staff_ind_added": ("Đã thêm chỉ tiêu “{name}”: chọn nó ở cột “Chỉ tiêu” của bảng duyệt.",
                        "Added “{name}”: choose it in the review's Indicator column."),
    "staff_ind_saved": ("Đã lưu chỉ tiêu “{name}”.", "Saved “{name}”."),
    "staff_ind_removed": ("Đã xóa chỉ tiêu mới “{name}”; các dòng dùng nó được bỏ chọn.",
                          "Removed the new indicator “{name}”; rows that used it are unticked."),
    "staff_ind_edit": ("Sửa", "Edit"),
    "staff_ind_remove": ("Xóa", "Remove"),
    "staff_ind_save": ("Lưu", "Save"),
    "staff_where_row": ("Dòng {row} của bảng duyệt ({number} — {name})", "Row {row} of the review ({number} — {name})"),
    "staff_where_indicator": ("Chỉ tiêu mới", "New indicator"),
    "staff_where_meta": ("Phần “Báo cáo này nói về”", "“What this report is about”"),
    "staff_where_report": ("Báo cáo", "The report"),
    "staff_col_reporting_unit": ("Đơn vị báo cáo", "Reporting unit"),
    "staff_col_indicator": ("Chỉ tiêu", "Indicator"),
    "staff_col_year": ("Năm", "Year"),
    "staff_col_kind": ("Loại số", "Kind"),
    "staff_col_value": ("Giá trị", "Value"),
    "staff_col_value_before": ("Giá trị hiện nay", "Value now"),
    "staff_changes": ("Khi công bố, lãnh đạo sẽ thấy: **{added}** số mới, **{changed}** số thay đổi, **{removed}** số "
                      "bị bỏ so với bản dữ liệu đang dùng.",
                      "Once published, leaders will see **{added}** new values, **{changed}** changed and "
                      "**{removed}** removed against the snapshot in use."),
    "staff_changes_units": ("Đơn vị báo cáo mới: {reporting_units}.", "New reporting units: {reporting_units}."),
    "staff_changes_years": ("Năm kết quả mới: {years}.", "New results years: {years}."),
    "staff_changes_added": ("Số mới", "New values"),
    "staff_changes_changed": ("Số thay đổi", "Changed values"),
    "staff_changes_removed": ("Số bị bỏ", "Removed values"),
    "staff_accept": ("Nhận", "Accepted"),
    # The report's frame, confirmed before its rows.
    "staff_frame": ("Báo cáo này nói về", "What this report is about"),
    "staff_frame_read_from": ("Đọc từ báo cáo: “{words}”. Sửa nếu sai; mọi dòng bên dưới đọc lại theo.",
                              "Read from the report: “{words}”. Correct it if wrong; every row below follows."),
    "staff_frame_unsure": ("Máy chưa chắc năm hay kỳ của báo cáo: xem lại năm kết quả, kỳ báo cáo và năm chỉ tiêu.",
                           "The report's year or period is a guess: check the results year, period and targets year."),
    "staff_frame_confirm": ("Năm và kỳ trên đây đúng (các dòng theo năm này mới được đánh dấu chắc)",
                            "The years and period above are right (only then are the rows of these years marked sure)"),
    "staff_row_change_abs": ("Số này là mức tăng, giảm so với trước; bản dữ liệu chưa nhận loại số này. Sửa ở cột "
                             "“Loại số” nếu đây là số thực hiện, hoặc bấm “Không phải chỉ tiêu” (X).",
                             "This figure is a change from before, a kind the snapshot does not take. Set “Kind” if it "
                             "is an actual, or press “Not an indicator” (X)."),
    "staff_row_unit_unknown": ("Đơn vị “{unit_of_measure}” chưa có trong danh mục: chọn đơn vị ở cột “Đơn vị” rồi chọn chỉ tiêu, "
                               "hoặc bấm “Không phải chỉ tiêu” (X).",
                               "The unit “{unit_of_measure}” is not in the catalogue: pick one in the “Unit” column, then the "
                               "indicator, or press “Not an indicator” (X)."),
    "staff_row_repeat": ("Số này nhắc lại dòng {row} của bảng duyệt (cùng chỉ tiêu, năm, kỳ, loại và giá trị): "
                         "bấm “Không phải chỉ tiêu” (X).",
                         "This figure repeats review row {row} (same indicator, year, period, kind and value): "
                         "press “Not an indicator” (X)."),
    "staff_level": ("Cấp", "Level"),
    "staff_period": ("Kỳ báo cáo", "Period"),
    # Reviewing a row in one click or key press.
    "staff_row_next": ("Dòng sau", "Next row"),
    "staff_row_previous": ("Dòng trước", "Previous row"),
    "staff_choices": ("Số này là chỉ tiêu nào? (phím 1, 2, 3; J/K chuyển dòng)",
                      "Which indicator is this figure? (keys 1, 2, 3; J/K move between rows)"),
    "staff_choices_none": ("Chưa có gợi ý: tìm chỉ tiêu bên dưới hoặc tạo chỉ tiêu mới.",
                           "No suggestion: find an indicator below or create one."),
    "staff_new_from_name": ("Chỉ tiêu mới: “{name}”", "New indicator: “{name}”"),
    "staff_not_indicator": ("Không phải chỉ tiêu", "Not an indicator"),
    "staff_not_indicator_note": ("Không phải chỉ tiêu (không công bố)", "Not an indicator (not published)"),
    "staff_rows_left": ("Còn {n} dòng cần xem", "{n} rows left to look at"),
    "staff_rows_done": ("Đã xem hết các dòng cần xem.", "Every row that needed a look has been looked at."),
    # The leaders' side with several units.
    "next_none": ("Chưa có biểu đồ: báo cáo của {reporting_unit} không đặt chỉ tiêu nào cho năm {targets}.",
                  "No chart: {reporting_unit}'s report sets no target for {targets}."),
    "next_none_comparable": ("Chưa có biểu đồ: {n} chỉ tiêu năm {targets} đều không cùng thước đo với kết quả năm "
                             "{results} (xem danh sách và lý do bên dưới).",
                             "No chart: none of the {n} targets for {targets} measures the same thing as a "
                             "{results} result (see the list and reasons below)."),
    "years_differ": ("Không có báo cáo năm {year} của: {reporting_units}. Năm mọi đơn vị cùng có gần nhất là {nearest}.",
                     "No {year} report from: {reporting_units}. The nearest year every unit reports is {nearest}."),
    "years_differ_none": ("Không có báo cáo năm {year} của: {reporting_units}; các đơn vị chưa có năm kết quả nào chung.",
                          "No {year} report from: {reporting_units}; the units share no results year yet."),
    "years_differ_go": ("So sánh năm {year}", "Compare {year}"),
    "note_title": ("Ghi chú cho một chỉ tiêu", "A note on an indicator"),
    "note_indicator": ("Chỉ tiêu", "Indicator"),
    "note_indicator_help": ("Gõ để tìm tên chỉ tiêu", "Type to find an indicator"),
    "note_author": ("Người ghi", "Written by"),
    "note_text": ("Nội dung ghi chú", "The note"),
    "note_save": ("Lưu ghi chú", "Save the note"),
    "note_pick": ("Chọn chỉ tiêu cần ghi chú.", "Pick the indicator the note is about."),
    "note_refused": ("Chưa lưu được ghi chú: {why}", "The note was not saved: {why}"),
    "note_build_failed": ("Chưa lưu được ghi chú vì dữ liệu đang có lỗi: {why}", "The note was not saved, the data has a problem: {why}"),
    "note_saved": ("Đã lưu ghi chú; lãnh đạo thấy nó ngay trong bản dữ liệu {snapshot}.",
                   "Note saved; leaders see it now, in snapshot {snapshot}."),
    "statements_review": ("Nhận định của báo cáo ({n} câu đề xuất)", "The report's statements ({n} proposed)"),
    "statements_review_help": ("Mỗi câu ở phần hạn chế, nguyên nhân, nhiệm vụ – giải pháp: đánh dấu câu giữ lại, sửa loại và "
                               "khối; câu chưa có khối thì chưa công bố.",
                               "Each sentence of the shortcomings, causes and tasks: tick those to keep, correct "
                               "the kind and domain; a sentence without a domain is not published."),
    "statements_accept": ("Giữ", "Keep"),
    "statements_kind": ("Loại", "Kind"),
    "statements_indicators": ("Chỉ tiêu liên quan (mã)", "Indicators (ids)"),
    "staff_name": ("Tên đăng nhập", "User name"),
    "staff_wrong_named": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "staff_signed_as": ("Đăng nhập: **{name}** ({role}; đơn vị: {reporting_units})", "Signed in: **{name}** ({role}; units: {reporting_units})"),
    "staff_not_your_unit": ("Tài khoản của bạn không được nhập báo cáo cho đơn vị “{reporting_unit}”. Sửa đơn vị ở phần "
                            "“Báo cáo này nói về”, hoặc nhờ quản trị thêm đơn vị này.",
                            "Your account may not prepare reports for “{reporting_unit}”. Correct the unit above, or ask an "
                            "administrator to add it."),
    "draft_submit": ("Gửi duyệt", "Send for approval"),
    "draft_save": ("Lưu nháp", "Save draft"),
    "draft_saved": ("Đã lưu bản nháp {draft} ({state}).", "Draft {draft} saved ({state})."),
    "draft_refused": ("Không làm được: {why}.", "Refused: {why}."),
    "drafts_title": ("Bản nháp và duyệt", "Drafts and approval"),
    "drafts_none": ("Chưa có bản nháp nào của các đơn vị bạn phụ trách.", "No drafts for your units yet."),
    "drafts_line": ("**{report}** · {reporting_unit} · {state} · người nhập: {who} · tệp {file}",
                    "**{report}** · {reporting_unit} · {state} · prepared by {who} · file {file}"),
    "drafts_last_note": ("Lần trả lại gần nhất ({who}): {note}", "Last sent back ({who}): {note}"),
    "drafts_preview": ("Xem thay đổi", "See the changes"),
    "drafts_note": ("Cần sửa gì (khi trả lại)", "What to fix (when sending back)"),
    "drafts_send_back": ("Trả lại", "Send back"),
    "drafts_approve": ("Duyệt và công bố", "Approve and publish"),
    "drafts_sent_back": ("Đã trả lại bản nháp {draft} cho {who}.", "Draft {draft} sent back to {who}."),
    "drafts_published": ("Đã duyệt và công bố: bản dữ liệu {snapshot} (người nhập {who}).",
                         "Approved and published: snapshot {snapshot} (prepared by {who})."),
    "drafts_resume": ("Sửa lại bản nháp này", "Rework this draft"),
    "drafts_resume_help": ("Tải lên lại tệp, sửa theo ghi chú rồi bấm “Gửi duyệt”: bản nháp {draft} được thay.",
                           "Upload the file again, fix what the note says and press “Send for approval”: draft "
                           "{draft} is replaced."),
    "draft_state_soan_thao": ("soạn thảo", "being prepared"),
    "draft_state_cho_duyet": ("chờ duyệt", "awaiting approval"),
    "draft_state_tra_lai": ("trả lại", "sent back"),
    "draft_state_da_cong_bo": ("đã công bố", "published"),
    "role_nhap_lieu": ("nhập liệu", "prepares reports"),
    "role_duyet": ("duyệt", "approves"),
    "role_quan_tri": ("quản trị", "administers"),
    "accounts_title": ("Tài khoản văn phòng", "Office accounts"),
    "accounts_add": ("Thêm tài khoản", "Add an account"),
    "accounts_role": ("Vai trò", "Role"),
    "accounts_units": ("Đơn vị", "Units"),
    "accounts_save": ("Lưu", "Save"),
    "accounts_disable": ("Khóa", "Disable"),
    "accounts_enable": ("Mở khóa", "Enable"),
    "accounts_password": ("Mật khẩu mới (ít nhất 10 ký tự; để trống nếu không đổi)",
                          "New password (at least 10 characters; empty to keep)"),
    "accounts_saved": ("Đã lưu tài khoản {name}.", "Account {name} saved."),
    "accounts_refused": ("Chưa lưu: {why}.", "Not saved: {why}."),
    "accounts_disabled": ("đã khóa", "disabled"),
}

# The province's view of its units has its own file; text() finds its words through this one.
from lib.words.labels_province import PROVINCE_UI  # noqa: E402

STAFF_UI.update(PROVINCE_UI)

# The staff review grid's column headers (lib/web/staff_review.py).
REVIEW_COLUMNS = {
    "accept": ("Nhận", "Accept"),
    "indicator_id": ("Chỉ tiêu", "Indicator"),
    "kind": ("Loại số", "Kind"),
    "year": ("Năm", "Year"),
    "number": ("Số ghi", "Written"),
    "value_shown": ("Đọc là", "Read as"),
    "unit_of_measure": ("Đơn vị", "Unit"),
    "qualifier": ("Mức độ", "Qualifier"),
    "attention": ("Cần xem", "Needs a look"),
}
