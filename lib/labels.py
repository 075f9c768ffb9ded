"""Every word the app shows, in Vietnamese and English, and the vocabularies the data may use."""
from __future__ import annotations

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
}

MEASURES = {
    "level": ("Mức (số tồn)", "Level (stock)"),
    "flow": ("Lượng trong năm", "Flow (during the year)"),
    "rate": ("Tỷ lệ", "Rate"),
    "change": ("Mức thay đổi", "Change"),
}

STATUSES = {
    "exceeded": ("Vượt", "Exceeded"),
    "met": ("Đạt", "Met"),
    "not_met": ("Không đạt", "Not met"),
    "not_rated": ("Không xếp hạng", "Not rated"),
    "no_target": ("Không có chỉ tiêu", "No target"),
}

COMPARABILITY = {
    "same_measure": ("So sánh được", "Comparable"),
    "converted": ("Quy đổi được", "Converted"),
    "not_comparable": ("Không so sánh được", "Not comparable"),
    "no_baseline": ("Không có số 2022", "No baseline"),
}

QUALIFIERS = {
    "ước": ("ước", "estimate"),
    "khoảng": ("khoảng", "about"),
    "ước khoảng": ("ước khoảng", "estimated at about"),
    "gần": ("gần", "nearly"),
    "trên": ("trên", "over"),
    "trở lên": ("trở lên", "or more"),
}

ORIGINS = {
    "reported": ("Báo cáo ghi", "Reported"),
    "derived": ("Tính từ báo cáo", "Derived"),
}


def label(vocabulary: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """The label of `key` in `lang`; the key itself when the vocabulary lacks it."""
    pair = vocabulary.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "vi" else pair[1]
