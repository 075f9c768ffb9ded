"""Nhập báo cáo (staff only): upload a report, review its figures, publish a new snapshot."""
from lib.staff_page import render

render()
