"""Streamlit's own words that no option of its sets: what its frontend (1.67) draws in English in a
table's column menu, its statistics and formats, the element toolbar and its tooltips, the show/hide
list and a grid cell's drop-down. Keyed by the English it draws, then ours: Vietnamese, English
(lib/web/streamlit_words.py swaps them on the page)."""

STREAMLIT_WORDS = {
    # a table's column menu
    "Copy column name": ("Chép tên cột", "Copy column name"),
    "Sort ascending": ("Sắp xếp tăng dần", "Sort ascending"),
    "Sort descending": ("Sắp xếp giảm dần", "Sort descending"),
    "Statistics": ("Thống kê", "Statistics"),
    "Format": ("Định dạng số", "Format"),
    "Autosize": ("Vừa với nội dung", "Autosize"),
    "Pin column": ("Ghim cột", "Pin column"),
    "Unpin column": ("Bỏ ghim cột", "Unpin column"),
    "Hide column": ("Ẩn cột", "Hide column"),
    # a column's kind, on its icon's hover
    "text": ("chữ", "text"),
    "number": ("số", "number"),
    # a column's statistics
    "Values": ("Số giá trị", "Values"),
    "Empty": ("Trống", "Empty"),
    "Distinct": ("Khác nhau", "Distinct"),
    "Minimum length": ("Ngắn nhất (ký tự)", "Minimum length"),
    "Maximum length": ("Dài nhất (ký tự)", "Maximum length"),
    "Average length": ("Độ dài trung bình", "Average length"),
    "Minimum": ("Nhỏ nhất", "Minimum"),
    "Maximum": ("Lớn nhất", "Maximum"),
    "Median": ("Trung vị", "Median"),
    "Average": ("Trung bình", "Average"),
    "Sum": ("Tổng", "Sum"),
    "Standard deviation": ("Độ lệch chuẩn", "Standard deviation"),
    "25th percentile": ("Phân vị 25", "25th percentile"),
    "75th percentile": ("Phân vị 75", "75th percentile"),
    "Range": ("Khoảng", "Range"),
    "Based on sample": ("Tính trên một mẫu", "Based on sample"),
    "No data": ("Không có số liệu", "No data"),
    # a number column's formats
    "Automatic": ("Tự động", "Automatic"),
    "Localized": ("Theo máy", "Localized"),
    "Plain": ("Số trơn", "Plain"),
    "Compact": ("Rút gọn", "Compact"),
    "Dollar": ("Đô la", "Dollar"),
    "Yen": ("Yên Nhật", "Yen"),
    "Percent": ("Phần trăm", "Percent"),
    "Scientific": ("Dạng khoa học", "Scientific"),
    "Accounting": ("Kế toán", "Accounting"),
    "Duration": ("Khoảng thời gian", "Duration"),
    "Distance": ("Cách nay", "Distance"),
    "Calendar": ("Lịch", "Calendar"),
    # the element toolbar (tables and charts), its tooltips, the show/hide list
    "Show/hide columns": ("Hiện/ẩn cột", "Show/hide columns"),
    "Select all": ("Chọn tất cả", "Select all"),
    "(index)": ("(số dòng)", "(index)"),
    "Fullscreen": ("Toàn màn hình", "Fullscreen"),
    "Close fullscreen": ("Thoát toàn màn hình", "Close fullscreen"),
    "Add row": ("Thêm dòng", "Add row"),
    "Delete row(s)": ("Xóa dòng đã chọn", "Delete row(s)"),
    # a grid cell's drop-down (the staff's review tables)
    "Select...": ("Chọn…", "Select..."),
    "No options": ("Không có mục nào", "No options"),
    "Add...": ("Thêm…", "Add..."),
    "Loading...": ("Đang tải…", "Loading..."),
}
