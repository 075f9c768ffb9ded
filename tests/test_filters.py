"""The filters, each declared once (lib/view/filters.py): every part a declaration gives — URL key and
whitelist, SQL clause and parameters, phrase, widget key — holds for every filter."""
from __future__ import annotations

import re

import pytest

from lib.data import queries
from lib.view import filters
from lib.view.filters import FILTERS, Filters
from lib.view.state import PAGE_KEYS, ViewState, parse
from lib.web import url_sync
from lib.words import labels
from lib.words.words import Words

# A value each filter can take, as the URL writes it, on the seed's economy page.
EXAMPLES = {"domain": ["economy"], "group": ["agriculture"], "status": ["not_met"], "comparable": ["1"], "q": ["lua"]}


def test_every_filter_has_an_example_words_and_a_widget():
    assert set(EXAMPLES) == {f.key for f in FILTERS}
    for f in FILTERS:
        assert f.label in labels.UI, f.key
        assert f.widget_key in url_sync.WIDGETS and url_sync.WIDGETS[f.widget_key] == f.field
        assert (f.widget_key in url_sync.LANGUAGE_BOUND) == (f.vocabulary is not None)
        assert f.pages and set(f.pages) <= set(PAGE_KEYS)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.key)
def test_a_link_reads_back_as_it_was_written(f):
    page = f.pages[-1]
    parsed = parse({f.key: EXAMPLES[f.key]}, page, allowed_groups=("agriculture",))
    assert not parsed.rejected and f.active(getattr(parsed.state.filters, f.field))
    written = parsed.state.to_query(page)[f.key]
    assert (written if isinstance(written, list) else [written]) == EXAMPLES[f.key]
    assert parse({f.key: ["<script>"]}, page, allowed_groups=("agriculture",)).rejected or f.key == "q"


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.key)
def test_each_clause_reads_only_its_own_parameters(f):
    value = parse({f.key: EXAMPLES[f.key]}, f.pages[-1], allowed_groups=("agriculture",)).state.filters
    own = set(f.params(getattr(value, f.field)))
    assert set(re.findall(r"\$(\w+)", f.sql)) <= own
    assert f.field in own or f.field == "search"


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.key)
def test_each_filter_narrows_the_view_and_names_itself(f, built_snapshot, scope):
    value = getattr(parse({f.key: EXAMPLES[f.key]}, f.pages[-1], allowed_groups=("agriculture",)).state.filters,
                    f.field)
    view = Filters(**{f.field: value})
    everything = queries.indicator_table(built_snapshot, scope)
    narrowed = queries.indicator_table(built_snapshot, scope, view)
    assert 0 < len(narrowed) < len(everything)
    assert filters.narrowed(view) == (f.field != "domain")
    for lang in labels.LANGUAGES:
        assert filters.phrase(view, Words.of(lang)) != filters.phrase(Filters(), Words.of(lang))


def test_a_view_state_reads_its_filters_through():
    state = ViewState().with_filters(groups=("agriculture",), search="lua")
    assert state.groups == ("agriculture",) and state.search == "lua" and state.filters.statuses == ()
    with pytest.raises(AttributeError):
        state.no_such_field  # noqa: B018
