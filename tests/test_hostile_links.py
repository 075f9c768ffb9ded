"""Hostile links (issue 7, part 1): a link forwarded in a chat group can carry anything.

Three levels, each generated with hypothesis:

1. `lib.state.parse` alone, fed raw query strings parsed the way Streamlit parses the address bar
   (`urllib.parse.parse_qs(raw, keep_blank_values=True)`, undecodable bytes replaced):
   PARSE_EXAMPLES per page kind. The outcome is checked against an oracle written here, apart from
   the parser: every key the page does not know and every malformed value is in `rejected` (in
   order), the view state holds only whitelisted values and exactly the valid ones, and the link the
   app writes back parses again without a notice.
2. Every page under AppTest, PAGE_EXAMPLES generated query dicts each, every one in a fresh session
   (as a pasted link is): no exception, no error box, the notice exactly when something was invalid,
   the address bar rewritten to whitelisted values only, and nothing from the link in raw HTML or
   forming a Markdown link.
3. The browser (marked `browser`): raw hostile URLs typed as they would arrive — broken
   percent-escapes, 10 kB values, script fragments — on every page of a real server: no exception
   box, no traceback, no alert dialog, no injected element, the notice shown.

The pages read a copy of the newest committed snapshot (CHITIEU_DATA_DIR), never data/ itself.
"""
from __future__ import annotations

import re
import shutil
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest
from browser_support import CHROMIUM_ARGS, streamlit_server
from helpers import text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from page_support import without_table_script
from streamlit.testing.v1 import AppTest

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import scan
from lib.view.filters import MAX_SEARCH_LENGTH
from lib.view.state import MAX_SHOWN, MAX_SLIDE, PAGE_KEYS, ViewState, parse, shown
from lib.web import static_table
from lib.web.registry import PAGES as REGISTRY
from lib.words import labels
from lib.words.words import Words

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
TIMEOUT = 60  # seconds per script run; the machine is small and shared
PARSE_EXAMPLES = 1000  # generated query strings per page kind, parser level
PAGE_EXAMPLES = 60  # generated query dicts per page, AppTest level

# page → (file to switch to, page kind of lib.state), from the app's own page registry
PAGES = {key: (None if entry.file == "app.py" else entry.file, entry.kind) for key, entry in REGISTRY.items()}
NOTICE_PREFIXES = tuple(text("bad_link", lang, items="").split("(")[0] for lang in labels.LANGUAGES)
# Streamlit keeps these for itself and never shows them to the app (st.query_params hides them).
STREAMLIT_KEYS = ("embed", "embed_options")
# What must never reach raw HTML, and what would make a Markdown link if it reached Markdown.
HTML_MARKERS = ("<script", "onerror", "onload", "javascript:", "evil.example", "alert(1)")
LINK_MARKERS = ("evil.example", "javascript:")
CODE_SPAN = re.compile(r"`[^`]*`")

# ---------------------------------------------------------------------------------------------
# the hostile material

SQL = ["' OR 1=1 --", "; DROP TABLE observations", "1; DROP TABLE observations;--", "\" OR \"\"=\"",
       "' UNION SELECT * FROM indicators --", "$search", "'); COPY observations TO '/tmp/x' --"]
HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "javascript:alert(1)", "\"><script>alert(1)</script>", "<iframe src=https://evil.example>",
        "<a href='https://evil.example'>x</a>", "&lt;script&gt;", "<!--", "<style>*{display:none}</style>"]
MARKDOWN = ["[bấm vào đây](https://evil.example)", "![x](https://evil.example/p.png)", "<https://evil.example>",
            "www.evil.example", "https://evil.example", "[x](javascript:alert(1))", ":red[đỏ]",
            ":material/warning:", "$x^2$", "**đậm**", "`code`", "# tiêu đề", "> trích", "- mục", "\\"]
PERCENT = ["%", "%zz", "%E0%A4%A", "%00", "%%", "%2", "%C3%28", "%ED%A0%80", "%FF%FE", "%u0041", "%2525"]
CONTROL = ["\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\x7f", "\u0085", "\u2028"]
UNICODE = ["\u202e", "\u200f", "\u200b", "\ufeff", "😀", "👨\u200d👩\u200d👧", "e\u0301\u0302\u0303",
           "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͉", "Bảo hiểm y tế", "hộ nghèo", "đ", "Đắk Lắk", "Tiếng Việt", "١٢٣", "２０２２", "ℌ",
           "\U0001d7d9", "i̇", "ǅ"]
ODD = ["1e3", "-1", "+1", "0", "000", "1000", "0x10", "NaN", "None", "null", "true", "[]", "{}", "../../etc/passwd",
       "..\\..\\windows", "{{7*7}}", "${7*7}", "%s%s%n", "vi ", " en", "EN", "Vi", "vi\x00", "en\u200b", "1.5",
       "2022 ", "20222", "tieu-can ", "TIEU-CAN", "growth_rate'", "exceeded,met"]
FRAGMENTS = SQL + HTML + MARKDOWN + PERCENT + CONTROL + UNICODE + ODD
HOSTILE_KEYS = ["", " ", "LANG", "lang ", "Lang", "q[]", "id[0]", "__proto__", "constructor", "utm_source",
                "fbclid", "page", "select", "group;", "status\x00", "id\u200b", "slide%00", "?lang", "amp;lang"]


def huge(fragments: list[str]) -> st.SearchStrategy[str]:
    """About 10 kB of one fragment (generating 10 kB of random text is slow and adds nothing)."""
    return st.builds(lambda fragment, extra: (fragment * (10240 // max(len(fragment), 1) + 1))[:10240 + extra],
                     st.sampled_from([f for f in fragments if f] + ["A", "é", "<script>"]), st.integers(0, 64))


@dataclass(frozen=True)
class Whitelists:
    """What a page accepts, as the app computes it from the snapshot it serves."""

    groups: dict[str, tuple[str, ...]]  # page → groups present on that page
    ids: frozenset[str]
    reporting_units: tuple[str, ...]
    years: tuple[int, ...]
    snapshots: tuple[str, ...]  # the snapshots served: the only ones a link may name (`snap`)

    def groups_of(self, page: str) -> tuple[str, ...]:
        return self.groups[page]


def valid_values(wl: Whitelists) -> st.SearchStrategy[str]:
    every_group = sorted({g for groups in wl.groups.values() for g in groups})
    return st.one_of(
        st.sampled_from(labels.LANGUAGES), st.sampled_from(every_group), st.sampled_from(list(labels.STATUSES)),
        st.sampled_from(list(labels.DOMAINS)), st.sampled_from(sorted(wl.ids)), st.sampled_from(wl.reporting_units),
        st.sampled_from([str(y) for y in wl.years]), st.sampled_from(["1", "0", "true", "false", ""]),
        st.integers(1, MAX_SLIDE).map(str), st.text(max_size=12), st.sampled_from(wl.snapshots),
    )


def hostile_values(wl: Whitelists) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(FRAGMENTS),
        st.lists(st.sampled_from(FRAGMENTS + ["a", "1", " "]), min_size=2, max_size=5).map("".join),
        huge(FRAGMENTS),
        st.text(max_size=40),
        valid_values(wl).map(lambda v: v + "\x00"),
        st.integers(-10**30, 10**30).map(str),
    )


def any_key() -> st.SearchStrategy[str]:
    known = sorted({k for keys in PAGE_KEYS.values() for k in keys})
    return st.one_of(st.sampled_from(known), st.sampled_from(known), st.sampled_from(HOSTILE_KEYS),
                     st.sampled_from(FRAGMENTS), st.text(max_size=16), huge(["k", "<b>"]))


def any_value(wl: Whitelists) -> st.SearchStrategy[str]:
    return st.one_of(valid_values(wl), hostile_values(wl))


def valid_pairs(wl: Whitelists) -> st.SearchStrategy[tuple[str, str]]:
    """A known key with a value of the kind it takes (valid on some page at least)."""
    every_group = sorted({g for groups in wl.groups.values() for g in groups})
    by_key = {
        "lang": st.sampled_from(labels.LANGUAGES), "unit": st.sampled_from(wl.reporting_units),
        "year": st.sampled_from([str(y) for y in wl.years]), "domain": st.sampled_from(list(labels.DOMAINS)),
        "group": st.sampled_from(every_group), "status": st.sampled_from(list(labels.STATUSES)),
        "comparable": st.sampled_from(sorted(FLAGS)), "present": st.sampled_from(sorted(FLAGS)),
        "q": st.one_of(st.sampled_from(["bảo hiểm", "lua", "hộ nghèo", "OCOP", " dang vien ", ""]),
                       st.text(max_size=MAX_SEARCH_LENGTH)),
        "id": st.sampled_from(sorted(wl.ids)), "slide": st.integers(1, MAX_SLIDE).map(str),
        # a snapshot served, one of the right shape that is not (gone or never made), or garbage
        "snap": st.one_of(st.sampled_from(wl.snapshots), st.just("20200101T000000Z-0123abcd"),
                          st.sampled_from(FRAGMENTS)),
    }
    return st.sampled_from(sorted(by_key)).flatmap(lambda key: st.tuples(st.just(key), by_key[key]))


def pairs(wl: Whitelists) -> st.SearchStrategy[tuple[str, str]]:
    return st.one_of(valid_pairs(wl), valid_pairs(wl), st.tuples(any_key(), any_value(wl)))


def raw_query_strings(wl: Whitelists) -> st.SearchStrategy[str]:
    """A raw query string as it could arrive in a URL: pieces percent-encoded or not (so broken
    escapes, '+', stray '=' and '&&' all occur), keys repeated, keys without '=' or without value."""
    def piece(pair: tuple[str, str], encode_key: bool, encode_value: bool, form: int) -> str:
        key = urllib.parse.quote(pair[0], safe="") if encode_key else pair[0]
        value = urllib.parse.quote(pair[1], safe="") if encode_value else pair[1]
        return (key, f"{key}=", f"{key}={value}", f"{key}={value}", f"{key}={value}")[form]

    pieces = st.builds(piece, pairs(wl), st.booleans(), st.booleans(), st.integers(0, 4))
    return st.builds(lambda parts, separator: separator.join(parts),
                     st.lists(pieces, min_size=1, max_size=8), st.sampled_from(["&", "&", "&&", "&amp;"]))


def query_dicts(wl: Whitelists) -> st.SearchStrategy[dict[str, str | list[str]]]:
    """What a test author assigns to AppTest.query_params: one value, or a list for a repeated key."""
    def as_dict(items: list[tuple[str, str]]) -> dict[str, str | list[str]]:
        grouped: dict[str, list[str]] = {}
        for key, value in items:
            grouped.setdefault(key, []).append(value)
        return {k: v[0] if len(v) == 1 else v for k, v in grouped.items()}

    usable = pairs(wl).filter(lambda pair: pair[0].lower() not in STREAMLIT_KEYS)
    return st.lists(usable, max_size=7).map(as_dict)


def browser_parse(raw: str) -> dict[str, list[str]]:
    """Streamlit's own reading of the address bar (runtime/state/query_params.py)."""
    return urllib.parse.parse_qs(raw, keep_blank_values=True, errors="replace")


# ---------------------------------------------------------------------------------------------
# the oracle: what the parser must make of a query (written apart from lib/view/state.py)

FLAGS = {"1": True, "true": True, "0": False, "false": False, "": False}


def is_valid(key: str, values: list[str], page_kind: str, allowed_groups: tuple[str, ...], wl: Whitelists) -> bool:
    if key not in PAGE_KEYS[page_kind] or not values:
        return False
    one = values[0] if len(values) == 1 else None
    checks = {
        "lang": lambda: one in labels.LANGUAGES,
        "unit": lambda: one in wl.reporting_units,
        "year": lambda: one in {str(y) for y in wl.years},
        "domain": lambda: one in labels.DOMAINS,
        "group": lambda: all(v in allowed_groups for v in values),
        "status": lambda: all(v in labels.STATUSES for v in values),
        "comparable": lambda: one in FLAGS,
        "present": lambda: one in FLAGS,
        "q": lambda: one is not None and len(one) <= MAX_SEARCH_LENGTH and one.isprintable(),
        "id": lambda: one in wl.ids,
        "slide": lambda: (one is not None and one.isascii() and one.isdigit() and len(one) <= 3
                          and 1 <= int(one) <= MAX_SLIDE),
        "snap": lambda: one in wl.snapshots,
    }
    return checks[key]()


def expected(query: dict[str, list[str]], page_kind: str, allowed_groups: tuple[str, ...],
             wl: Whitelists) -> tuple[ViewState, list[str]]:
    """The view state the query must give, and the keys that must be reported, in order."""
    state, bad = ViewState(), []
    for key, values in query.items():
        good = is_valid(key, values, page_kind, allowed_groups, wl)
        if not good:
            bad.append(key)
        if key not in PAGE_KEYS[page_kind]:
            continue
        if key == "group":  # the valid groups of a partly valid list are kept
            state = state.with_filters(groups=tuple(dict.fromkeys(v for v in values if v in allowed_groups)))
        elif key == "status":
            state = state.with_filters(statuses=tuple(dict.fromkeys(v for v in values if v in labels.STATUSES)))
        elif good:
            value = values[0]
            field, converted = {
                "lang": ("lang", str), "unit": ("reporting_unit", str), "year": ("year", int), "domain": ("domain", str),
                "comparable": ("comparable_only", FLAGS.get), "q": ("search", str.strip),
                "id": ("indicator_id", str), "present": ("present", FLAGS.get), "slide": ("slide", int),
                "snap": ("snapshot", str),
            }[key]
            if field in ("domain", "comparable_only", "search"):
                state = state.with_filters(**{field: converted(value)})
            else:
                state = replace(state, **{field: converted(value)})
    return state, bad


def assert_whitelisted(state: ViewState, allowed_groups: tuple[str, ...], wl: Whitelists) -> None:
    assert state.lang in labels.LANGUAGES
    assert state.reporting_unit is None or state.reporting_unit in wl.reporting_units
    assert state.year is None or state.year in wl.years
    assert state.domain is None or state.domain in labels.DOMAINS
    assert set(state.groups) <= set(allowed_groups) and len(set(state.groups)) == len(state.groups)
    assert set(state.statuses) <= set(labels.STATUSES) and len(set(state.statuses)) == len(state.statuses)
    assert state.indicator_id is None or state.indicator_id in wl.ids
    assert len(state.search) <= MAX_SEARCH_LENGTH and state.search.isprintable()
    assert isinstance(state.comparable_only, bool) and isinstance(state.present, bool)
    assert 1 <= state.slide <= MAX_SLIDE
    assert state.snapshot is None or state.snapshot in wl.snapshots


def as_lists(query: dict) -> dict[str, list[str]]:
    return {k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in query.items()}


# ---------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A data folder holding a copy of the newest committed snapshot; the pages are pointed at it."""
    valid, _ = scan(REPO / "data" / "snapshots")
    assert valid, "no valid snapshot in data/snapshots (make data)"
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(valid[0].path, data / "snapshots" / valid[0].path.name)
    patch = pytest.MonkeyPatch()
    patch.setenv("CHITIEU_DATA_DIR", str(data))
    yield data
    patch.undo()


@pytest.fixture(scope="module")
def whitelists(served) -> Whitelists:
    valid, _ = scan(served / "snapshots")
    db = Database(valid[0])
    reports = queries.reports(db)
    first = reports.iloc[0]
    scope = Scope(str(first["reporting_unit"]), int(first["results_year"]), int(first["targets_year"]))
    all_groups = tuple(queries.groups_present(db, scope, None))
    groups = {page: tuple(queries.groups_present(db, scope, page)) if kind == "domain" else all_groups
              for page, (_, kind) in PAGES.items()}
    for kind in PAGE_KEYS:  # the parser-level tests go by page kind
        groups.setdefault(kind, tuple(queries.groups_present(db, scope, "economy")) if kind == "domain" else all_groups)
    return Whitelists(groups=groups, ids=frozenset(queries.known_indicator_ids(db)),
                      reporting_units=tuple(dict.fromkeys(reports["reporting_unit"])),
                      years=tuple(sorted({int(y) for y in reports["results_year"]}, reverse=True)),
                      snapshots=tuple(s.snapshot_id for s in valid))


# ---------------------------------------------------------------------------------------------
# 1. the parser


@pytest.mark.parametrize("page_kind", sorted(PAGE_KEYS))
def test_parser_never_lets_anything_through(page_kind, whitelists):
    wl = whitelists
    allowed_groups = wl.groups_of(page_kind)
    ran = []

    @settings(max_examples=PARSE_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(raw=raw_query_strings(wl))
    @example(raw="%")
    @example(raw="%zz=%zz&%E0%A4%A=1")
    @example(raw="lang=vi&lang=vi")
    @example(raw="q=" + "A" * 10240)
    @example(raw="=&&=x&lang")
    @example(raw="group=%3Cscript%3Ealert(1)%3C%2Fscript%3E&status=exceeded&status=%27%20OR%201%3D1%20--")
    @example(raw="id=growth_rate%00&slide=0&slide=1000&present=yes")
    @example(raw="year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%92&slide=%D9%A1")  # full-width and Arabic digits
    @example(raw="snap=20200101T000000Z-0123abcd&snap=%3Cb%3E&snap=..%2F..%2Fetc")
    def check(raw: str) -> None:
        ran.append(raw)
        query = browser_parse(raw)
        parsed = parse(query, page_kind, allowed_groups, wl.ids, wl.reporting_units, wl.years, wl.snapshots)
        state, bad = expected(query, page_kind, allowed_groups, wl)
        assert_whitelisted(parsed.state, allowed_groups, wl)
        assert parsed.state == state, (query, parsed.state, state)
        # Every unknown key and malformed value is reported, in the order of the link, and only those.
        assert [r.partition("=")[0] for r in parsed.rejected] == [shown(k) for k in bad], (query, parsed.rejected)
        assert parsed.has_notice == bool(bad)
        for item in parsed.rejected:
            assert len(item) <= 2 * MAX_SHOWN + 1
            assert re.fullmatch(r"[\w ,=\ufffd-]*", item), item
        # The link the app writes back is clean: it parses again to the same link, with no notice.
        written = parsed.state.to_query(page_kind)
        again = parse(as_lists(written), page_kind, allowed_groups, wl.ids, wl.reporting_units, wl.years, wl.snapshots)
        assert again.rejected == [], (written, again.rejected)
        assert again.state.to_query(page_kind) == written

    check()
    assert len(ran) >= PARSE_EXAMPLES


@settings(max_examples=300, deadline=None, database=None)
@given(piece=st.one_of(st.text(), huge(FRAGMENTS), st.sampled_from(FRAGMENTS)))
def test_what_the_notice_echoes_is_short_and_inert(piece):
    echoed = shown(piece)
    assert len(echoed) <= MAX_SHOWN
    # Nothing Markdown, HTML, math or a terminal could act on: no punctuation but "-", "_" and ",".
    assert re.fullmatch(r"[\w ,\ufffd-]*", echoed), echoed
    assert shown(echoed) == echoed


# ---------------------------------------------------------------------------------------------
# 2. every page under AppTest


def run_page(page: str, query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if PAGES[page][0]:
        at.switch_page(PAGES[page][0])
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def strings_of(message, skip=("spec", "data", "url", "query_string", "page", "id", "form_id", "value",
                               "default", "placeholder")):
    """Every string a proto carries (recursively), but for the fields that are not rendered text."""
    for descriptor, value in message.ListFields():
        if descriptor.name in skip:
            continue
        single = isinstance(value, (str, bytes, int, float)) or hasattr(value, "ListFields")
        values = [value] if single else list(value)
        for item in values:
            if isinstance(item, str):
                yield item
            elif hasattr(item, "ListFields"):
                yield from strings_of(item, skip)


def rendered(at: AppTest):
    """(kind, text) for what the page renders: raw HTML ('html') and Markdown ('markdown').
    Text inputs, code blocks, tables and charts show their text as text and are left out."""
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        name = type(proto).__name__
        if name == "Html":
            yield "html", proto.body
        elif name == "Markdown" and proto.allow_html:
            yield "html", proto.body
        elif name in ("TextInput", "TextArea", "Code", "Arrow", "ArrowVegaLiteChart", "VegaLiteChart", "Json"):
            continue
        else:
            for string in strings_of(proto):
                yield "markdown", string


def injected_html(items) -> list[str]:
    """Raw HTML holding any of the hostile markers."""
    return [body[:200] for kind, body in items
            if kind == "html" and any(m in without_table_script(body).lower() for m in HTML_MARKERS)]


IN_VIEW = tuple(text("in_view", lang, what="", n=0).split(":")[0] + ":" for lang in labels.LANGUAGES)


def injected_links(items) -> list[str]:
    """Markdown in which a link from the URL survives outside a code span."""
    found = []
    for kind, body in items:
        if kind != "markdown":
            continue
        outside_code = CODE_SPAN.sub("", body).lower()
        if any(marker in outside_code for marker in LINK_MARKERS):
            found.append(body[:200])
    return found


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith(NOTICE_PREFIXES)]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_survives_hostile_links(page, served, whitelists):
    wl = whitelists
    page_file, page_kind = PAGES[page]
    allowed_groups = wl.groups_of(page)
    ran = []

    @settings(max_examples=PAGE_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(query=query_dicts(wl))
    @example(query={"q": "<script>alert(1)</script>", "zz": "<img src=x onerror=alert(1)>"})
    @example(query={"[bấm vào đây](https://evil.example)": "![x](https://evil.example/p.png)"})
    @example(query={"group": ["' OR 1=1 --", "; DROP TABLE observations"], "status": "%E0%A4%A"})
    @example(query={"lang": ["en", "en"], "id": "x" * 10240})
    @example(query={"": "", "present": "1", "slide": "999"})
    @example(query={"id": "no_such_indicator", "group": "no_such_group", "unit": "no-such-unit", "year": "1999"})
    @example(query={"snap": "20200101T000000Z-0123abcd", "lang": "en"})
    @example(query={"snap": ["<script>alert(1)</script>", "[x](https://evil.example)"]})
    def check(query: dict) -> None:
        ran.append(query)
        at = run_page(page, query)
        assert not at.exception, (query, [e.value for e in at.exception])
        assert not at.error, (query, [e.value for e in at.error])
        # The page is drawn, not stopped: its title, or in meeting mode the deck.
        assert at.title or any("window.ctDeckMarkup" in h.proto.body for h in at.get("html")), query
        _, bad = expected(as_lists(query), page_kind, allowed_groups, wl)
        shown_notices = notices(at)
        assert len(shown_notices) == (1 if bad else 0), (query, bad, shown_notices)
        for notice in shown_notices:
            assert "Traceback" not in notice and len(notice) < 1500
        # The address bar now holds whitelisted values only.
        after = as_lists(at.query_params)
        again = parse(after, page_kind, allowed_groups, wl.ids, wl.reporting_units, wl.years, wl.snapshots)
        assert again.rejected == [], (query, after)
        items = list(rendered(at))
        assert not injected_html(items), (query, injected_html(items))
        assert not injected_links(items), (query, injected_links(items))

    started = time.monotonic()
    check()
    assert len(ran) >= PAGE_EXAMPLES
    print(f"{page}: {len(ran)} generated links in {time.monotonic() - started:.1f} s")


@pytest.mark.parametrize("page", ["economy", "data"])
@pytest.mark.parametrize("search", ["[bấm vào đây](https://evil.example)", "https://evil.example/x",
                                    "![x](https://evil.example/p.png)"])
def test_search_text_cannot_make_a_link(page, search, served):
    at = run_page(page, {"q": search})
    assert not at.exception
    items = list(rendered(at))
    assert not injected_links(items), injected_links(items)


def test_the_checks_can_fail(served, whitelists):
    """The detectors above find what they look for, and the page gives them something to read."""
    assert injected_html([("html", "<div><img src=x onerror=alert(1)></div>")])
    assert not injected_html([("markdown", "<script>alert(1)</script>"), ("html", "<style>.a{}</style>")])
    # The app's own table script is not an injection, but a marker in its cells still is.
    plain = pd.DataFrame({"Chỉ tiêu": ["Lúa"], "Giá trị": ["5 tấn"]})
    assert not injected_html([("html", static_table.table_html(plain, Words.of("vi")))])
    assert injected_html([("html", static_table.table_html(pd.DataFrame({"x": ["javascript:alert(1)"]}), Words.of("vi")))])
    assert injected_links([("markdown", "Lỗi [x](https://evil.example)")])
    assert not injected_links([("markdown", "Lỗi `[x](https://evil.example)`")])
    assert injected_links([("markdown", IN_VIEW[0] + " “https://evil.example”")])
    assert not injected_links([("markdown", IN_VIEW[0] + " “`https://evil.example`”")])
    at = run_page("economy", {"zz": "[x](https://evil.example)"})
    kinds = {kind for kind, _ in rendered(at)}
    assert kinds == {"html", "markdown"}
    assert any(body.startswith(NOTICE_PREFIXES) for _, body in rendered(at))
    _, bad = expected({"zz": ["1"], "lang": ["en"], "group": ["x"]}, "domain", whitelists.groups_of("economy"),
                      whitelists)
    assert bad == ["zz", "group"]


def test_the_meeting_brief_and_workbook_escape_a_hostile_search(served):
    """The take-away files repeat the filters; a hostile search stays text in both."""
    import io

    from openpyxl import load_workbook

    from lib.export import brief as export_brief
    from lib.export import workbook as export_workbook
    from lib.view.filters import Filters

    valid, _ = scan(served / "snapshots")
    db = Database(valid[0])
    first = queries.reports(db).iloc[0]
    scope = Scope(str(first["reporting_unit"]), int(first["results_year"]), int(first["targets_year"]))
    hostile = Filters(search="<script>alert(1)</script><img src=x onerror=alert(1)>")
    brief = export_brief.meeting_brief_html(db, scope, hostile, Words.of("vi"))
    assert "<script>alert(1)" not in brief and "<img src=x" not in brief
    assert "&lt;script&gt;alert(1)" in brief
    formula = Filters(search="=HYPERLINK(\"https://evil.example\",\"x\")")
    workbook = load_workbook(io.BytesIO(export_workbook.workbook_for_view(db, scope, formula, Words.of("vi"))))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and not c.value.startswith("=") for c in cells)


# ---------------------------------------------------------------------------------------------
# 3. the browser

BROWSER_WAIT_MS = 30_000
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PATHS = {"overview": "/", "economy": "/kinh_te", "culture_society": "/van_hoa_xa_hoi",
         "security_order": "/an_ninh_trat_tu", "party_politics": "/xay_dung_dang", "indicator": "/chi_tieu",
         "data": "/du_lieu", "staff": "/nhap_bao_cao"}
# Typed into the address bar as they are: the browser sends them, Streamlit parses them. Every
# one holds at least one invalid parameter within Streamlit's limits, so the notice must show.
RAW_LINKS = [
    ("overview", "%"),
    ("overview", "%zz=%zz&%E0%A4%A=1"),
    ("overview", "lang=%E0%A4%A&present=1&slide=%00"),
    ("overview", "q=<script>alert(1)</script>"),
    ("overview", "present=yes&slide=99999999999999999999"),
    ("overview", "&".join(f"k{i}=%FF%FE" for i in range(60))),
    ("economy", "group=<img src=x onerror=alert(1)>"),
    ("economy", "status=' OR 1=1 --&q=" + "A" * 10240),
    ("economy", "q=%3Cscript%3Ealert(1)%3C/script%3E&zz=%3Csvg%20onload%3Dalert(1)%3E"),
    ("culture_society", "group=; DROP TABLE observations&group=health"),
    ("security_order", "comparable=%F0%9F%98%80&lang=vi&lang=en"),
    ("party_politics", "%E2%80%AE=%E2%80%AE&x=" + "%41" * 3400),
    ("indicator", "id=../../etc/passwd"),
    ("indicator", "id=growth_rate' OR '1'='1"),
    ("indicator", "id=<svg onload=alert(1)>&id=x&lang=en"),
    ("data", "domain=javascript:alert(1)"),
    ("data", "q=[bấm](javascript:alert(1))&status=%zz"),
    ("data", "year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%92&unit=<b>x</b>"),
    ("staff", "lang=<script>alert(1)</script>"),
    ("economy", "lang=en&group=%00%01%02&q=e%CC%81%CC%82%E2%80%8F&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"),
    ("security_order", "q=" + "%3Cscript%3E" * 900),
]


@pytest.fixture(scope="module")
def hostile_server(served, tmp_path_factory):
    home = tmp_path_factory.mktemp("hostile-home")
    try:
        with streamlit_server(home, {"CHITIEU_DATA_DIR": str(served)}) as running:
            yield running
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.mark.browser
def test_raw_hostile_urls_in_a_real_browser(hostile_server, whitelists):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (make chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    failures = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            dialogs: list[str] = []
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            # The listener works: a dialog the test opens itself is caught.
            page.goto(hostile_server["url"] + "/", wait_until="domcontentloaded", timeout=BROWSER_WAIT_MS)
            page.evaluate("() => setTimeout(() => alert('probe'), 0)")
            page.wait_for_timeout(300)
            assert dialogs == ["probe"], dialogs
            dialogs.clear()
            for name, raw in RAW_LINKS:
                url = f"{hostile_server['url']}{PATHS[name]}?{raw}"
                problems = _visit(page, sync_api, url, name, whitelists)
                if dialogs:
                    problems.append(f"alert dialog fired: {dialogs}")
                    dialogs.clear()
                if problems:
                    failures.append(f"{name} ?{raw[:120]}: {problems}")
            context.close()
        finally:
            browser.close()
    log = hostile_server["log"].read_text()
    assert "Traceback" not in log, log[-3000:]
    assert not failures, "\n".join(failures)


def _visit(page, sync_api, url: str, name: str, wl: Whitelists) -> list[str]:
    problems = []
    page.goto(url, wait_until="domcontentloaded", timeout=BROWSER_WAIT_MS)
    try:
        page.wait_for_selector("h1", timeout=BROWSER_WAIT_MS)
        page.wait_for_selector(APP_IDLE, timeout=BROWSER_WAIT_MS)
        page.wait_for_timeout(300)  # let any injected handler fire
    except sync_api.TimeoutError:
        problems.append("page not drawn within 30 s")
    if page.locator('[data-testid="stException"]').count():
        problems.append("exception box")
    body = page.locator("body").inner_text()
    if "Traceback" in body:
        problems.append("traceback on the page")
    notice = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    if not any(prefix in t for t in notice for prefix in NOTICE_PREFIXES):  # after the icon's ligature text
        problems.append(f"no notice (warnings: {[t[:80] for t in notice]})")
    injected = page.evaluate("""() => ({
        handlers: document.querySelectorAll('[onerror], [onload]:not(body)').length,
        scripts: Array.from(document.scripts).filter(s => (s.textContent || '').includes('alert(1)')).length,
        evil: Array.from(document.querySelectorAll('a[href], img[src], iframe[src]'))
                   .filter(e => /evil\\.example|^javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
    })""")
    if any(injected.values()):
        problems.append(f"injected elements: {injected}")
    # The address bar was rewritten to whitelisted values only.
    path_kind = PAGES[name][1]
    query = urllib.parse.urlsplit(page.url).query
    left = parse(browser_parse(query), path_kind, wl.groups_of(name), wl.ids, wl.reporting_units, wl.years, wl.snapshots).rejected
    if left:
        problems.append(f"address bar still holds {left}")
    return problems
