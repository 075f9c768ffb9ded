"""Chỉ tiêu: data access, rules, charts, formatting and URL state for the district indicator explorer."""
