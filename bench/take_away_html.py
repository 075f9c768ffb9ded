"""Every piece of HTML the app and its take-aways build, rendered from the shipped snapshot into a folder,
so two versions of the code can be compared byte for byte (a change of how HTML is made must not change
what it makes):

    python -m bench.take_away_html /tmp/before      # on the old code
    python -m bench.take_away_html /tmp/after       # on the new code
    python -m bench.take_away_html --compare /tmp/before /tmp/after

The deck (every slide, both languages, in the page and as the file taken away), the table cells, the
cards, the counts, the statements, the paragraph and the pieces of the pages (lib/web) around them."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from lib.data import queries
from lib.data.db import Database
from lib.data.queries import Scope
from lib.data.snapshot import latest_snapshot
from lib.export import deck
from lib.judgement import reading
from lib.render import paragraph, tables
from lib.words import labels
from lib.words.words import Words

ROOT = Path(__file__).resolve().parent.parent
# Text that must come out escaped wherever it lands: markup, an ampersand, both quotes.
HOSTILE = "<b>x</b> & 'a' \"b\" “Vượt” 1.234,5"


class _Recorder:
    """Stands in for streamlit in lib/web: every call is kept as a line of what it was sent."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self.calls.append(f"{name}: {' | '.join(map(str, args))}")


def _web_pieces(db: Database, scope: Scope, words: Words, rows: pd.DataFrame) -> dict[str, str]:
    from lib.web import components, province_view, staff_review, static_table, widgets

    recorder = _Recorder()
    notes = pd.DataFrame({"text": [HOSTILE, "Số liệu đã rà soát"], "author": ["an.nguyen", "O'Brien & co"],
                          "date": [pd.Timestamp("2023-01-05"), pd.Timestamp("2023-02-01")]})
    explorer = SimpleNamespace(indicator_statements=lambda s, i: queries.indicator_statements(db, s, i),
                               indicator_notes=lambda i: notes)
    page = SimpleNamespace(words=words, explorer=explorer, scope=scope, results=scope.results_year,
                           targets=scope.targets_year)
    real_st = components.st
    components.st = recorder  # type: ignore[assignment]
    try:
        headline = rows[rows["headline"].notna()]
        components.headline_cards(page, headline, links=False)  # type: ignore[arg-type]
        counted = queries.counts_with_pairs(db, scope)
        components.counts_cards(page, counted)  # type: ignore[arg-type]
        for indicator in rows["indicator_id"]:
            components.report_says_line(page, indicator)  # type: ignore[arg-type]
        components.indicator_notes(page, "x")  # type: ignore[arg-type]
    finally:
        components.st = real_st
    out = {"components": "\n".join(recorder.calls)}
    quotes = list(queries.observations_in_view(db, scope)["source_quote"].dropna().unique())
    sentences = [*quotes[:40], HOSTILE + " 12 và 12,5 ha"]
    out["highlighted"] = "\n".join(components.highlighted_sentence(s, ["12", "1.234,5", "12,5"]) for s in sentences)
    out["staff_paragraph"] = "\n".join(
        staff_review._paragraph(f"Dòng một\n{HOSTILE} đạt 12 ha <i>\nDòng ba", start, start + 2)
        for start in (9, 20, 40))
    shown = tables.indicator_table(reading.read_all(rows, words), words, scope.results_year, scope.targets_year)
    out["static_table"] = static_table.table_html(shown, words, links=[f"./x?id={i}&a='1'" for i in rows["indicator_id"]],
                                                  numeric=[shown.columns[1]], statuses=list(rows["status"]),
                                                  testid=f"ct-{HOSTILE}")
    out["share_box"] = widgets._share_box(f"https://example.org/?unit=tieu-can&q={HOSTILE}", words)
    lines = [HOSTILE, "Xã An Phú: chưa có báo cáo"]
    maker = getattr(province_view, "missing_html", None)
    out["province_missing"] = maker(lines) if maker else (
        "<ul class='ct-province-missing' data-testid='ct-province-missing'>"
        + "".join(f"<li>{__import__('html').escape(line)}</li>" for line in lines) + "</ul>")
    return out


def render_all(folder: Path) -> None:
    snapshot = latest_snapshot(ROOT / "data" / "snapshots")
    assert snapshot is not None, "no snapshot in data/snapshots"
    db = Database(snapshot)
    scope = Scope("tieu-can", 2022, 2023)
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("vi", "en"):
        words = Words.of(lang)
        slides = deck.make_slides(db, scope, words, "Tiểu Cần")
        first = deck.first_slides(db, scope, words, "Tiểu Cần")
        pieces = {
            "deck_file.html": deck.deck_html(slides, words, standalone=True),
            "deck_page.html": deck.deck_html(slides, words, start=4),
            "deck_first.html": deck.deck_html(first, words, start=1),
            "slides.txt": "\n".join(f"{s.key} {s.part}/{s.parts} {s.height:.3f} {s.items}\n{s.body}" for s in slides),
        }
        rows = queries.indicator_table(db, scope)
        read = reading.read_all(rows, words)
        said = {r.indicator_id: tables.report_says(queries.indicator_statements(db, scope, r.indicator_id), words)
                for r in read}
        pieces["cells.html"] = "\n".join(tables.indicator_cells_html(r) for r in read) + "\n" + "\n".join(
            tables.indicator_cells_html(r, lambda cell: "num long" if len(cell) > 14 else "num") for r in read)
        pieces["cards.html"] = "\n".join(
            [tables.card_html(r, said=said[r.indicator_id]) for r in read]
            + [tables.card_html(r, link=f"./chi_tieu?id={r.indicator_id}&lang={lang}", link_text=HOSTILE,
                                said=HOSTILE) for r in read])
        pieces["judged.html"] = "\n".join(tables.judged_line_html(r) for r in read)
        counts = queries.status_counts(db, scope)
        pieces["counts.html"] = tables.status_counts_html(counts, words) + "\n" + tables.status_counts_html(
            {**counts, "over_estimate": 2}, words)
        statements = "\n".join(tables.statements_html(queries.domain_statements(db, scope, d), words)
                               for d in labels.DOMAINS)
        pieces["statements.html"] = statements
        pieces["counts_cards.html"] = "\n".join(f"{group}: {''.join(cards)}" for group, cards in
                                                tables.counts_cards(queries.counts_with_pairs(db, scope), words).items())
        text = paragraph.year_paragraph(rows, counts, words, 2022, 2023, "Huyện Tiểu Cần")
        pieces["paragraph.html"] = paragraph.as_html(text) + "\n" + paragraph.as_html(
            text, link=lambda indicator, lang=lang: f"./chi_tieu?id={indicator}&lang='{lang}'")
        for name, html in _web_pieces(db, scope, words, rows).items():
            pieces[f"web_{name}.html"] = html
        for name, html in pieces.items():
            (folder / f"{lang}_{name}").write_text(html, encoding="utf-8")
        print(lang, len(slides), "slides", sum(len(h) for h in pieces.values()), "characters")


def compare(before: Path, after: Path) -> int:
    """Files that differ, and whether each difference is the escape of a quote only (html.escape's
    &#x27;/&quot; against MarkupSafe's &#39;/&#34;: the same character to a browser)."""
    differ = 0
    for old in sorted(before.iterdir()):
        new = after / old.name
        a, b = old.read_bytes(), new.read_bytes() if new.exists() else b""
        if a == b:
            print(f"identical  {old.name} ({len(a)} bytes)")
            continue
        differ += 1
        same = a.replace(b"&#x27;", b"&#39;").replace(b"&quot;", b"&#34;") == b
        print(f"{'quote-esc ' if same else 'DIFFERENT '} {old.name} ({len(a)} → {len(b)} bytes)")
    return differ


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3])) and "--strict" in sys.argv else 0)
    render_all(Path(sys.argv[1]))
