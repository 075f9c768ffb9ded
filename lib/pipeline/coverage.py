"""Which numbers of a report the curated data accounts for: observed, ignored with a reason, or left over."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.words.vntext import NumberToken, nfc, numeric_tokens


@dataclass(frozen=True)
class IgnoreRule:
    match: str  # literal text of the report, "re:" + a regular expression, or "at:" + a character offset
    number: str  # only this number inside the match; empty means every number in it
    reason: str
    row: int = 0

    def spans(self, report: str) -> list[tuple[int, int]]:
        if self.match.startswith("at:"):
            # One number at an offset of the NFC text, as the staff review page records its choices.
            offset = int(self.match[3:]) if self.match[3:].isdigit() else -1
            return [(offset, offset + len(self.number))] if report[offset:offset + len(self.number)] == self.number else []
        if self.match.startswith("re:"):
            return [m.span() for m in re.finditer(self.match[3:], report, flags=re.MULTILINE)]
        needle = nfc(self.match)
        found, start = [], report.find(needle)
        while start != -1:
            found.append((start, start + len(needle)))
            start = report.find(needle, start + 1)
        return found


@dataclass
class Coverage:
    tokens: list[NumberToken]
    observed: list[NumberToken] = field(default_factory=list)
    ignored: list[tuple[NumberToken, IgnoreRule]] = field(default_factory=list)
    leftovers: list[NumberToken] = field(default_factory=list)
    # Numbers both observed and ignored: the ignore list hides a fact.
    conflicts: list[tuple[NumberToken, IgnoreRule]] = field(default_factory=list)
    unused_rules: list[IgnoreRule] = field(default_factory=list)

    @property
    def share_observed(self) -> float:
        return len(self.observed) / len(self.tokens) if self.tokens else 0.0

    def summary(self) -> dict[str, int | float]:
        return {
            "numeric_tokens": len(self.tokens),
            "observed": len(self.observed),
            "ignored": len(self.ignored),
            "leftover": len(self.leftovers),
            "share_observed": round(self.share_observed, 4),
        }


def measure_coverage(report: str, observed_spans: set[tuple[int, int]], rules: list[IgnoreRule]) -> Coverage:
    """Classify every numeric token of `report` (NFC text) against observation spans and ignore rules."""
    result = Coverage(tokens=numeric_tokens(report))
    rule_spans = [(rule, rule.spans(report)) for rule in rules]
    used: set[int] = set()
    for token in result.tokens:
        matching_rule = None
        for index, (rule, spans) in enumerate(rule_spans):
            if rule.number and rule.number != token.text:
                continue
            if any(start <= token.start and token.end <= end for start, end in spans):
                matching_rule = rule
                used.add(index)
                break
        # A range ("55-56") or mixed magnitudes ("218 tỷ 477 triệu") is one observation over several tokens.
        if any(start <= token.start and token.end <= end for start, end in observed_spans):
            result.observed.append(token)
            if matching_rule is not None:
                result.conflicts.append((token, matching_rule))
        elif matching_rule is not None:
            result.ignored.append((token, matching_rule))
        else:
            result.leftovers.append(token)
    result.unused_rules = [rule for index, (rule, _) in enumerate(rule_spans) if index not in used]
    return result
