"""Proposed statements for a new report, for staff to review like proposed numbers: every sentence of
its sections on shortcomings (hạn chế), causes (nguyên nhân) and next year's tasks and solutions
(nhiệm vụ, giải pháp), with a kind from its section, a domain from the heading above it, and the
indicators of the catalogue whose names it uses. Headings are proposed for the ignore list."""
from __future__ import annotations

import re

from lib.pipeline.statements import sentences
from lib.words.vntext import fold, nfc

# A section heading: "II- NHỮNG HẠN CHẾ", "III. NGUYÊN NHÂN", "B. CÁC CHỈ TIÊU…", or a line in capitals.
_SECTION = re.compile(r"^\s*(?:[IVX]+\s*[-.–]|[A-Z]\s*\.|PHẦN\s)\s*\S")
# Which kind of statement a section holds, by the words of its heading (folded).
SECTION_KINDS = (("han che", "han_che"), ("ton tai", "han_che"), ("nguyen nhan", "nguyen_nhan"),
                 ("nhiem vu", "nhiem_vu"), ("giai phap", "nhiem_vu"))
# The domain of a group of tasks, by the words of its heading (folded), first match wins.
DOMAIN_WORDS = (("quoc phong", "security_order"), ("an ninh", "security_order"), ("dang", "party_politics"),
                ("chinh quyen", "party_politics"), ("dan chu", "party_politics"), ("mat tran", "party_politics"),
                ("van hoa", "culture_society"), ("xa hoi", "culture_society"), ("giao duc", "culture_society"),
                ("y te", "culture_society"), ("bao hiem", "culture_society"), ("kinh te", "economy"), ("tai nguyen", "economy"),
                ("moi truong", "economy"), ("nong nghiep", "economy"))
# Words too common in indicator names to tie a sentence to one.
_GENERIC = frozenset("ty le so tong luot ho nguoi xa dat chuan cac va co duoc trong nam moi".split())


def _kind_of_section(line: str) -> str | None:
    folded = fold(line)
    return next((kind for words, kind in SECTION_KINDS if words in folded), None)


def _domain_of(heading: str) -> str | None:
    folded = f" {' '.join(re.sub(r'[^a-z0-9]+', ' ', fold(heading)).split())} "
    return next((domain for words, domain in DOMAIN_WORDS if f" {words} " in folded), None)


def _name_phrases(catalogue: dict[str, dict]) -> dict[str, list[str]]:
    """Per indicator, the runs of three words of its name (folded) that are not all common words."""
    phrases = {}
    for indicator_id, row in catalogue.items():
        words = fold(row["name_vi"]).split()
        runs = [" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 0))]
        phrases[indicator_id] = [run for run in runs if not set(run.split()) <= _GENERIC]
    return phrases


def _linked(quote: str, phrases: dict[str, list[str]]) -> list[str]:
    """The indicators at least half of whose name's runs the sentence uses."""
    folded = fold(quote)
    return [i for i, runs in phrases.items() if runs and sum(run in folded for run in runs) * 2 >= len(runs)]


_PREFIX = {"danh_gia": "dg", "han_che": "hc", "nguyen_nhan": "nn", "nhiem_vu": "nv"}
_NUMBERED = re.compile(r"\s*(?:\d+\.)+\s")


def propose_statements(text: str, catalogue: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    """(statements, ignored) proposed for `text` (the report); `catalogue`: indicator id → its row of
    the catalogue (name_vi, domain). Each statement: kind, domain (from the heading above it, else from
    its own words or the indicators it names; None when nothing says), indicator_ids, quote, line."""
    text = nfc(text)
    phrases = _name_phrases(catalogue)
    proposals: list[dict] = []
    ignored: list[dict] = []
    kind, domain, position = None, None, 0
    heading = "Tiêu đề một nhóm (không tự nó là nhận định)."
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if _SECTION.match(line):
            kind, domain = _kind_of_section(line), None
            continue
        if kind is None or not re.search(r"[^\W\d_]", line):  # no letter: a rule, a page break
            continue
        numbered = bool(_NUMBERED.match(line))
        found = sentences(text, start, start + len(line))
        if numbered and len(found) == 1 and not found[0].text.endswith("."):
            domain = _domain_of(found[0].text) or domain  # a heading of a group of tasks: it names the domain
            ignored.append({"match": found[0].text, "reason": heading})
            continue
        for index, sentence in enumerate(found):
            quote = sentence.text.rstrip(".;")
            head, colon, body = quote.partition(": ")
            if numbered and index == 0 and colon and len(head.split()) <= 30:
                domain = _domain_of(head) or domain
                ignored.append({"match": head + ":", "reason": heading})
                quote = body
            linked = _linked(quote, phrases)
            domains = [catalogue[i]["domain"] for i in linked]
            own = domain or _domain_of(quote) or (max(set(domains), key=domains.count) if domains else None)
            number = sum(1 for p in proposals if p["kind"] == kind) + 1
            proposals.append({"statement_id": f"{_PREFIX[kind]}-{number:02d}", "kind": kind, "domain": own,
                              "indicator_ids": linked, "quote": quote, "line": text.count("\n", 0, sentence.start) + 1})
    return proposals, ignored
