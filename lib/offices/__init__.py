"""Many offices, one system: named staff accounts with roles and units, drafts that one person
prepares and another approves, and an append-only trail of who did what. No Streamlit here."""
