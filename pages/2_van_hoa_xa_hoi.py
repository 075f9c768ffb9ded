"""Văn hóa – Xã hội: filters, charts of the year against plan and next year's targets, counts, the table."""
from lib.web.domain_page import render

render("culture_society")
