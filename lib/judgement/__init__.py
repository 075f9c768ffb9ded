"""Rules and readings: the status, comparability and pace rules, and one reading of each indicator."""
