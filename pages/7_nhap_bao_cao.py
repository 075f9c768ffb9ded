"""Nhập báo cáo (staff only): upload a report, review its figures, publish a new snapshot."""
from lib.web.staff_page import render

render()
