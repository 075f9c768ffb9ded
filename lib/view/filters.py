"""The filters a reader narrows a view with, each declared once: its URL key and whitelist, its
widget, its SQL clause over the indicator rows, and its words in the "Đang xem" sentence.

A new filter is one more entry in FILTERS, its field in Filters (checked at import) and its words in
lib/words/labels.py; the URL state, the widgets, the query, the phrase and the file names of take-aways
all follow from it.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lib.judgement.rules import COMPARABLE
from lib.words import labels
from lib.words.vntext import fold
from lib.words.words import Words

MAX_SEARCH_LENGTH = 80


@dataclass(frozen=True)
class Filter:
    """One filter. `field` names it in `Filters`; `key` in the URL (`?group=…`), and `w_<key>` is
    its widget's key. `pages`: the page kinds whose URL carries it."""

    field: str
    key: str
    default: Any
    pages: tuple[str, ...]
    sql: str  # a condition over the rows in view, reading only this filter's own parameters
    label: str  # key of its widget's label in lib/words/labels.py
    # The value a link's values give (None: rejected) and the values it drops, given the allowed ones.
    read: Callable[[list[str], tuple[str, ...]], tuple[Any, list[str]]] = dataclasses.field(repr=False)
    write: Callable[[Any], str | list[str]] = dataclasses.field(repr=False)  # the URL value
    params: Callable[[Any], dict] = dataclasses.field(repr=False)  # the SQL parameters
    phrase: Callable[[Any, Words, bool], str] = dataclasses.field(repr=False)  # its words; (value, words, search as code)
    vocabulary: dict[str, tuple[str, str]] | None = None  # labels of its options, when they are words of lib/words/labels.py

    @property
    def widget_key(self) -> str:
        return f"w_{self.field}"

    def active(self, value) -> bool:
        return value != self.default and value not in ((), "", None, False)


def _one_of(allowed_of: Callable[[tuple[str, ...]], tuple[str, ...]]):
    def read(values: list[str], allowed: tuple[str, ...]):
        if len(values) == 1 and values[0] in allowed_of(allowed):
            return values[0], []
        return None, values
    return read


def _some_of(allowed_of: Callable[[tuple[str, ...]], tuple[str, ...]]):
    def read(values: list[str], allowed: tuple[str, ...]):
        known = allowed_of(allowed)
        # The valid values of a partly valid list are kept; a repeated valid value is no error.
        return tuple(dict.fromkeys(v for v in values if v in known)), [v for v in values if v not in known]
    return read


def read_flag(values: list[str], allowed: tuple[str, ...] = ()):
    if len(values) == 1 and values[0] in ("1", "true"):
        return True, []
    if len(values) == 1 and values[0] in ("0", "false", ""):
        return False, []
    return None, values


def _search(values: list[str], allowed: tuple[str, ...]):
    if len(values) == 1 and len(values[0]) <= MAX_SEARCH_LENGTH and values[0].isprintable():
        return values[0].strip(), []
    return None, values


def _named(vocabulary: dict):
    return lambda values, words, as_code: ", ".join(words.label(vocabulary, v) for v in values)


def _search_phrase(value: str, words: Words, as_code: bool) -> str:
    # On a page the search goes in a code span, so what a link carries never becomes a link or markup;
    # in exports the caller escapes the phrase itself.
    return "“`" + value.replace("`", "'") + "`”" if as_code else f"“{value}”"


FILTERS = (
    Filter("domain", "domain", None, pages=("data",), label="filter_domain",
           sql="$domain IS NULL OR domain = $domain",
           read=_one_of(lambda allowed: tuple(labels.DOMAINS)), write=str,
           params=lambda value: {"domain": value},
           phrase=lambda value, words, as_code: words.text("filter_domain_phrase",
                                                    domain=words.label(labels.DOMAINS, value)),
           vocabulary=labels.DOMAINS),
    Filter("groups", "group", (), pages=("domain", "data"), label="filter_group",
           sql='len($groups::VARCHAR[]) = 0 OR list_contains($groups::VARCHAR[], "group")',
           read=_some_of(lambda allowed: allowed), write=list,
           params=lambda value: {"groups": list(value)}, phrase=_named(labels.GROUPS), vocabulary=labels.GROUPS),
    Filter("statuses", "status", (), pages=("domain", "data"), label="filter_status",
           sql="len($statuses::VARCHAR[]) = 0 OR list_contains($statuses::VARCHAR[], status)",
           read=_some_of(lambda allowed: tuple(labels.STATUSES)), write=list,
           params=lambda value: {"statuses": list(value)}, phrase=_named(labels.STATUSES),
           vocabulary=labels.STATUSES),
    Filter("comparable_only", "comparable", False, pages=("domain", "data"), label="filter_comparable",
           sql="NOT $comparable_only OR list_contains($comparable::VARCHAR[], comparability)",
           read=read_flag, write=lambda value: "1",
           params=lambda value: {"comparable_only": bool(value), "comparable": list(COMPARABLE)},
           phrase=lambda value, words, as_code: words.text("filter_comparable").lower()),
    Filter("search", "q", "", pages=("domain", "data"), label="filter_search",
           sql="$search = '' OR contains(search_text, $search)",
           read=_search, write=str, params=lambda value: {"search": fold(value.strip())}, phrase=_search_phrase),
)
BY_FIELD = {f.field: f for f in FILTERS}
BY_KEY = {f.key: f for f in FILTERS}



@dataclass(frozen=True)
class Filters:
    """What a reader narrowed the view to: one field per entry of FILTERS, with its default; hashable,
    so cached answers key on it."""

    domain: str | None = None
    groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    comparable_only: bool = False
    search: str = ""


# The fields above and FILTERS name the same filters in the same order with the same defaults.
if [(f.name, f.default) for f in dataclasses.fields(Filters)] != [(f.field, f.default) for f in FILTERS]:
    raise RuntimeError("lib/view/filters.py: Filters and FILTERS disagree; give the new filter its field in Filters")


def sql_condition() -> str:
    """Every filter's clause, for the rows in view."""
    return "\n  AND ".join(f"({f.sql})" for f in FILTERS)


def sql_params(filters: Filters) -> dict:
    params: dict = {}
    for f in FILTERS:
        params.update(f.params(getattr(filters, f.field)))
    return params


def narrowed(filters: Filters, beyond: tuple[str, ...] = ("domain",)) -> bool:
    """Whether any filter other than those named in `beyond` keeps less than everything."""
    return any(f.active(getattr(filters, f.field)) for f in FILTERS if f.field not in beyond)


def phrase(filters: Filters, words: Words, search_as_code: bool = False, page_kind: str | None = None) -> str:
    """The active filters as a short phrase ("khối Kinh tế; Nông nghiệp; Không đạt") or "tất cả";
    on a page, only the filters that page kind carries (a domain page's title names its domain)."""
    parts = [f.phrase(getattr(filters, f.field), words, search_as_code) for f in FILTERS
             if f.active(getattr(filters, f.field)) and (page_kind is None or page_kind in f.pages)]
    return "; ".join(parts) or words.text("everything")


def keys_of(page_kind: str) -> tuple[str, ...]:
    """The URL keys of the filters a page kind carries."""
    return tuple(f.key for f in FILTERS if page_kind in f.pages)
