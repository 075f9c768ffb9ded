"""A verdict the report states in words where it gives no number to compute one from.

"tỷ lệ người dân tham gia bảo hiểm y tế đạt theo chỉ tiêu tỉnh giao nhưng so với chỉ tiêu phấn đấu của
huyện là chưa đạt": the report judges coverage against the district's target, which it never writes
down. The card carries that verdict as the report's (never as a computed status). Pure.
"""
from __future__ import annotations

import re

from lib.words.vntext import nfc

# Words that judge a figure against a target; the last one in the sentence is its conclusion
# ("đạt theo chỉ tiêu tỉnh giao nhưng … là chưa đạt" concludes "chưa đạt").
_VERDICT = re.compile(r"(chưa đạt|không đạt|vượt|đạt)")
_AGAINST = re.compile(r"(chỉ tiêu|kế hoạch|nghị quyết|dự toán)")
VERDICTS = {"chưa đạt": "not_met", "không đạt": "not_met", "vượt": "exceeded", "đạt": "met"}
# Statements that judge (an assessment or a shortcoming); a task says what is to be done, not how it went.
JUDGING_KINDS = ("danh_gia", "han_che")


def verdict_of(quote: str) -> str | None:
    """The verdict of one sentence against a target ("not_met", "met", "exceeded"), or None when it
    names no target or no verdict."""
    words = nfc(quote).lower()
    if not _AGAINST.search(words):
        return None
    found = _VERDICT.findall(words)
    return VERDICTS[found[-1]] if found else None


def stated_verdict(quotes) -> tuple[str, str]:
    """(verdict, the sentence that states it) from the report's judging sentences about one
    indicator, in the report's order; ("", "") when none states one."""
    for quote in [] if quotes is None else list(quotes):
        if isinstance(quote, str) and (verdict := verdict_of(quote)):
            return verdict, quote
    return "", ""
