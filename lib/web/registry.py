"""The app's pages, declared once: key, file, kind, icon. Their names live in lib/words/labels.py (PAGES)."""
from __future__ import annotations

from dataclasses import dataclass

from lib.words import labels


@dataclass(frozen=True)
class PageEntry:
    key: str
    file: str
    kind: str  # which URL keys and set-up the page takes: overview, domain, indicator, data, staff
    icon: str
    in_navigation: bool = True  # the staff page sits apart, below the snapshot's name


PAGES = {entry.key: entry for entry in (
    PageEntry("overview", "app.py", "overview", ":material/dashboard:"),
    PageEntry("economy", "pages/1_kinh_te.py", "domain", ":material/agriculture:"),
    PageEntry("culture_society", "pages/2_van_hoa_xa_hoi.py", "domain", ":material/school:"),
    PageEntry("security_order", "pages/3_an_ninh_trat_tu.py", "domain", ":material/local_police:"),
    PageEntry("party_politics", "pages/4_xay_dung_dang.py", "domain", ":material/groups:"),
    PageEntry("indicator", "pages/5_chi_tieu.py", "indicator", ":material/query_stats:"),
    PageEntry("data", "pages/6_du_lieu.py", "data", ":material/table:"),
    PageEntry("pace", "pages/8_tien_do.py", "overview", ":material/timelapse:"),
    PageEntry("staff", "pages/7_nhap_bao_cao.py", "staff", ":material/lock:", in_navigation=False),
)}
assert {key for key, entry in PAGES.items() if entry.kind == "domain"} == set(labels.DOMAINS)


def url_path(key: str) -> str:
    """The page's address below the app's root: "" for the overview, "kinh_te" for pages/1_kinh_te.py."""
    file = PAGES[key].file
    return "" if file == "app.py" else file.removeprefix("pages/").removesuffix(".py").split("_", 1)[1]


def light_addresses() -> dict[str, str]:
    """The pages that have a light version (the overview and the four domains), each with its address."""
    return {key: url_path(key) for key, entry in PAGES.items() if key == "overview" or entry.kind == "domain"}


def reader_pages() -> dict[str, tuple[str, str]]:
    """The pages a reader's shared link can name (the staff page aside), each with its address and kind."""
    return {key: (url_path(key), entry.kind) for key, entry in PAGES.items() if entry.in_navigation}
