"""Take-aways of a view: chart images, the Excel workbook, the meeting brief. No Streamlit calls."""
