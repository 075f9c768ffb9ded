"""The stages from a raw report to a published snapshot: read, extract, curate, check, derive, write, publish."""
