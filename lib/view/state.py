"""The view state that lives in the URL: parsed against whitelists into one small dataclass.

A pasted link restores the view; anything unknown or malformed is dropped with a notice and the
default used instead, never an error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from lib.view import filters
from lib.view.filters import Filters
from lib.words import labels

MAX_SLIDE = 999
MAX_SHOWN = 40  # characters of a rejected key or of its values echoed in the notice
_INDICATOR_ID = re.compile(r"[a-z][a-z0-9_]{0,79}")
_REPORTING_UNIT_ID = re.compile(r"[a-z][a-z0-9-]{0,39}")
# A snapshot id as the build names it: YYYYMMDDTHHMMSSZ-<8 hex>.
SNAPSHOT_ID = re.compile(r"[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}")
# The keys each page kind understands; everything else in a link is unknown there. `unit` names the
# reporting unit (ViewState.reporting_unit): kept short and as it was, so links already shared still open.
COMMON_KEYS = ("lang", "unit", "year", "present", "slide", "snap")
PAGE_KEYS = {
    "overview": COMMON_KEYS,
    "domain": COMMON_KEYS + filters.keys_of("domain"),
    "indicator": COMMON_KEYS + ("id",),
    "data": COMMON_KEYS + filters.keys_of("data"),
    "staff": ("lang", "unit", "year"),  # the sidebar carries the unit and year shown to every page
}


@dataclass(frozen=True)
class ViewState:
    lang: str = "vi"
    reporting_unit: str | None = None
    year: int | None = None
    filters: Filters = Filters()
    indicator_id: str | None = None
    present: bool = False
    slide: int = 1
    snapshot: str | None = None  # the snapshot a link names; None: the newest

    def __getattr__(self, name: str):
        """A filter's value, read through to `filters` (state.groups is state.filters.groups)."""
        if name in filters.BY_FIELD:
            return getattr(self.filters, name)
        raise AttributeError(name)

    def with_filters(self, **values) -> ViewState:
        return replace(self, filters=replace(self.filters, **values))

    def to_query(self, page: str) -> dict[str, str | list[str]]:
        """Only what differs from the default, so links stay short."""
        allowed = PAGE_KEYS[page]
        query: dict[str, str | list[str]] = {}
        if self.lang != "vi":
            query["lang"] = self.lang
        if self.reporting_unit:
            query["unit"] = self.reporting_unit
        if self.year:
            query["year"] = str(self.year)
        for f in filters.FILTERS:
            value = getattr(self.filters, f.field)
            if f.key in allowed and f.active(value):
                query[f.key] = f.write(value)
        if self.indicator_id and "id" in allowed:
            query["id"] = self.indicator_id
        if self.present:
            query["present"] = "1"
            query["slide"] = str(self.slide)
        if self.snapshot and "snap" in allowed:
            query["snap"] = self.snapshot
        return query


@dataclass
class Parsed:
    state: ViewState
    rejected: list[str] = field(default_factory=list)  # "key=value" pieces that were dropped, as `shown`

    @property
    def has_notice(self) -> bool:
        return bool(self.rejected)


_NOT_SHOWN = re.compile(r"[^\w ,-]+")


def shown(piece: str) -> str:
    """A key or value of a link as the notice echoes it: at most MAX_SHOWN characters; letters,
    digits, spaces, "_", "-" and "," kept, every other run of characters replaced by one "�".
    The notice is Markdown: a forwarded link must not put a link, an image, math, an icon code or
    markup into it, nor kilobytes of text."""
    return _NOT_SHOWN.sub("\ufffd", unicodedata.normalize("NFC", piece[:MAX_SHOWN]))


def parse(query: dict[str, list[str]], page: str, allowed_groups: tuple[str, ...] = (),
          known_indicators: frozenset[str] | None = None, known_reporting_units: tuple[str, ...] = (),
          known_years: tuple[int, ...] = (), known_snapshots: tuple[str, ...] | None = None) -> Parsed:
    """Read a page's query parameters (each key → all its values) into a ViewState.

    Every value is checked against a whitelist: languages, groups of this page, statuses, domains,
    indicator ids of the snapshot, reporting units, snapshots still served (`known_snapshots`).
    """
    allowed_keys = PAGE_KEYS[page]
    state = ViewState()
    rejected: list[str] = []

    def reject(key: str, values: list[str]) -> None:
        key_shown, values_shown = shown(key), shown(",".join(values))
        rejected.append(f"{key_shown}={values_shown}" if values_shown or not key_shown else key_shown)

    for key, values in query.items():
        values = [v for v in values if isinstance(v, str)]
        if key not in allowed_keys:
            reject(key, values)
            continue
        if key == "lang":
            if len(values) == 1 and values[0] in labels.LANGUAGES:
                state = replace(state, lang=values[0])
            else:
                reject(key, values)
        elif key == "unit":
            if len(values) == 1 and _REPORTING_UNIT_ID.fullmatch(values[0]) and (not known_reporting_units or values[0] in known_reporting_units):
                state = replace(state, reporting_unit=values[0])
            else:
                reject(key, values)
        elif key == "year":
            if (len(values) == 1 and re.fullmatch(r"[0-9]{4}", values[0])
                    and (not known_years or int(values[0]) in known_years)):
                state = replace(state, year=int(values[0]))
            else:
                reject(key, values)
        elif key in filters.BY_KEY:
            f = filters.BY_KEY[key]
            value, dropped = f.read(values, allowed_groups)
            if dropped or value is None:
                reject(key, dropped)
            if value is not None:
                state = state.with_filters(**{f.field: value})
        elif key == "present":
            flag, _ = filters.read_flag(values)
            if flag is None:
                reject(key, values)
            else:
                state = replace(state, present=flag)
        elif key == "id":
            if (len(values) == 1 and _INDICATOR_ID.fullmatch(values[0])
                    and (known_indicators is None or values[0] in known_indicators)):
                state = replace(state, indicator_id=values[0])
            else:
                reject(key, values)
        elif key == "snap":
            if (len(values) == 1 and SNAPSHOT_ID.fullmatch(values[0])
                    and (known_snapshots is None or values[0] in known_snapshots)):
                state = replace(state, snapshot=values[0])
            else:
                reject(key, values)
        elif key == "slide":
            if len(values) == 1 and re.fullmatch(r"[0-9]{1,3}", values[0]) and 1 <= int(values[0]) <= MAX_SLIDE:
                state = replace(state, slide=int(values[0]))
            else:
                reject(key, values)
    return Parsed(state, rejected)
