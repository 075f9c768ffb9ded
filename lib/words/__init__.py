"""Words: every label in both languages, the number format, status marks and colours, Vietnamese text folding."""
