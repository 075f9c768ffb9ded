"""Rendering: pure builders of charts, tables, cards and the year's paragraph from the readings."""
