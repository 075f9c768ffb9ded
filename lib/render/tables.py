"""Readings laid out as the tables and cards a reader sees, the same on the page, the slides and the
brief; and the long table of observations. Pure functions, no Streamlit calls; their HTML is the macros of
lib/render/templates/cells.html, every text escaped there."""
from __future__ import annotations

import pandas as pd

from lib.judgement.reading import Reading, amount, derived_decimals, missing, read_all
from lib.judgement.rules import ESTIMATE_STATUSES
from lib.render.templating import piece
from lib.words import labels
from lib.words.words import Words


def _cells(macro: str, *args) -> str:
    """One macro of lib/render/templates/cells.html: escaped HTML."""
    return piece("cells.html", macro, *args)


def indicator_columns(words: Words, results: int, targets: int) -> list[str]:
    """The indicator table's headers; the status column is `col_status`."""
    return [words.text("col_indicator"), words.text("col_value", year=results), words.text("col_target", year=results),
            words.text("col_attainment"), words.text("col_status"), words.text("col_yoy"),
            words.text("col_next", year=targets), words.text("col_against", year=results)]


# Columns set right (figures); the others are words. The status column shows a badge.
NUMERIC_COLUMNS = (1, 2, 3, 5, 6)
STATUS_COLUMN = 4


def indicator_row(reading: Reading) -> list[str]:
    """One indicator's line of the table, in the order of `indicator_columns`."""
    return [reading.name, reading.actual, reading.plan, reading.share, reading.status_text, reading.year_on_year,
            reading.next_target, reading.comparison_text]


def indicator_cells_html(reading: Reading, figure_class=lambda cell: "num") -> str:
    """One indicator's line of the table as HTML cells, escaped: figures in `figure_class(cell)`,
    the status as its badge. The brief and the light pages print the page's table with it."""
    cells = indicator_row(reading)
    classes = [figure_class(cell) if index in NUMERIC_COLUMNS else None for index, cell in enumerate(cells)]
    return _cells("indicator_cells", cells, classes, reading.status, STATUS_COLUMN)


def indicator_table(readings: list[Reading], words: Words, results: int, targets: int) -> pd.DataFrame:
    """The domain page's table: one line per indicator, every figure as its reading says it."""
    return pd.DataFrame([indicator_row(r) for r in readings], columns=indicator_columns(words, results, targets))


def not_comparable_table(readings: list[Reading], words: Words, results: int, targets: int) -> pd.DataFrame:
    """Next-year targets that are listed with their reason, never drawn."""
    return pd.DataFrame([{
        words.text("col_indicator"): r.name,
        words.text("col_next", year=targets): r.next_target,
        words.text("col_reason"): r.reason or r.comparison_text,
    } for r in readings])


def status_counts_html(counts: dict[str, int], words: Words) -> str:
    """How many indicators exceeded, met, missed their plan or had none: four boxes, and a box for
    spending against its estimate where there is some (execution, never counted as an achievement)."""
    shown = ("exceeded", "met", "not_met", *[s for s in ESTIMATE_STATUSES if counts.get(s)], "no_target")
    boxes = [(status, words.number(counts.get(status, 0) + (counts.get("not_rated", 0) if status == "no_target" else 0)))
             for status in shown]
    return _cells("status_counts", boxes, {status: words.label(labels.STATUSES, status) for status in shown})


def card_html(reading: Reading, link: str | None = None, link_text: str = "", said: str | None = None) -> str:
    """A headline card: the result, its status against the plan, next year's target and how the
    result stands against it; with `said` (`report_says`), what the report says of it in words.
    The page, the slides and the brief all show this card."""
    # A stated verdict (`reading.stated`): the report's own word in the badge, and no figure beside it.
    return _cells("card", reading, link, link_text, said)


# What the report says of how an indicator went; its tasks for next year are not a judgement of it.
JUDGING_KINDS = ("danh_gia", "han_che", "nguyen_nhan")


def report_says(statements: pd.DataFrame, words: Words) -> str | None:
    """The report's word on an indicator, as its card shows it: "Báo cáo nhận định: “…”" with the
    first judgement, shortcoming or cause of `lib.data.queries.indicator_statements`, or None when
    the report judges nothing of it."""
    judged = None if statements is None else statements[statements["kind"].isin(JUDGING_KINDS)]
    if judged is None or judged.empty:
        return None
    return words.text("report_says", quote=quoted(judged["source_quote"].iloc[0]))


def quoted(quote: str) -> str:
    """A statement's quote as a sentence of its own: capital first, in quotation marks."""
    return f"“{quote[:1].upper()}{quote[1:]}”"


def statements_html(statements: pd.DataFrame, words: Words) -> str:
    """Statements under the word of their kind (đánh giá, hạn chế, nguyên nhân, nhiệm vụ – giải pháp),
    in the order given, each quoted as the report writes it."""
    kinds = [(kind, words.label(labels.STATEMENT_KINDS, kind),
              [(str(i), quoted(q)) for i, q in zip(rows["statement_id"], rows["source_quote"])])
             for kind, rows in statements.groupby("kind", sort=False)]
    return _cells("statements", kinds)


def changes_table(rows: pd.DataFrame, words: Words, snapshot: str) -> pd.DataFrame:
    """The values that differ between an older snapshot and the current one, as a reader sees them."""
    name = words.column("name")
    def value(v, unit_of_measure):
        return "–" if missing(v) else f"{words.number(v)} {unit_of_measure}"
    return pd.DataFrame({
        words.text("col_indicator"): rows[name].tolist(),
        words.text("col_year"): [str(y) for y in rows["year"]],
        words.text("col_kind"): [words.label(labels.KINDS, k) for k in rows["kind"]],
        words.text("col_then", snapshot=snapshot): [value(v, u) for v, u in zip(rows["value_then"], rows["unit_of_measure"])],
        words.text("col_now"): [value(v, u) for v, u in zip(rows["value_now"], rows["unit_of_measure"])],
        words.text("col_change"): [words.label(labels.SNAPSHOT_CHANGES, c) for c in rows["change"]],
    })


def counts_cards(rows: pd.DataFrame, words: Words) -> dict[str, list[str]]:
    """Cards for figures without a target, each beside its pair (19 vụ / 18 lượt đối tượng), by group."""
    pair_name = words.column("pair_name")
    by_group: dict[str, list[str]] = {}
    for row, read in zip(rows.to_dict("records"), read_all(rows, words)):
        value, detail = read.actual, read.name
        if not missing(row.get("pair_actual")):
            pair = {"unit_of_measure": row["pair_unit_of_measure"], "unit_of_measure_en": row["pair_unit_of_measure_en"]}
            value += f" / {amount(row['pair_actual'], pair, words)}"
            detail += f" / {row[pair_name]}"
        by_group.setdefault(row["group"], []).append(_cells("count_card", read.indicator_id, value, detail))
    return by_group


def judged_line_html(reading: Reading) -> str:
    """A result judged against its plan without a share of it (a growth rate): listed under the
    attainment chart, which draws shares only."""
    return _cells("judged_line", reading)


def observations_table(rows: pd.DataFrame, words: Words) -> pd.DataFrame:
    """The long table of the Data page, values formatted, with the quote each came from.
    Built column by column: a province's unit has thousands of observations."""
    if rows.empty:
        return pd.DataFrame([])
    name = words.column("name")
    column = {key: rows[key].tolist() for key in (name, "domain", "year", "kind", "value", "unit_of_measure", "qualifier",
                                                   "origin", "derivation", "source_quote")}
    domains, kinds, origins = ({key: words.label(vocabulary, key) for key in set(column[key_column])}
                               for vocabulary, key_column in ((labels.DOMAINS, "domain"), (labels.KINDS, "kind"),
                                                              (labels.ORIGINS, "origin")))
    return pd.DataFrame({
        words.text("col_indicator"): column[name],
        words.text("col_domain"): [domains[d] for d in column["domain"]],
        words.text("col_year"): [str(y) for y in column["year"]],
        words.text("col_kind"): [kinds[k] for k in column["kind"]],
        words.text("chart_value"): [("≈ " + words.number(v, decimals=d)) if o == "derived"
                                                   else words.number(v)
                                                   for v, o, d in zip(column["value"], column["origin"],
                                                                      derived_decimals(rows))],
        words.text("col_unit_of_measure"): column["unit_of_measure"],
        words.text("col_qualifier"): ["" if missing(q) else q for q in column["qualifier"]],
        words.text("col_origin"): [origins[o] + ("" if missing(d) else f" ({d})")
                                   for o, d in zip(column["origin"], column["derivation"])],
        words.text("col_quote"): column["source_quote"],
    })


# The columns of the CSV download: the data contract's own names, so it reads back like a snapshot.
CSV_COLUMNS = ["indicator_id", "name_vi", "name_en", "domain", "group", "year", "kind", "value", "unit_of_measure",
               "qualifier", "origin", "derivation", "source_quote", "report_id"]


def csv_for_excel(rows: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark and real numbers, so Excel opens Vietnamese text intact."""
    return rows[CSV_COLUMNS].to_csv(index=False).encode("utf-8-sig")


def column_widths(table: pd.DataFrame, px_per_char: int = 8, padding: int = 28, most: int = 420) -> dict[str, int]:
    """Each column as wide as its longest value (a table cuts a value without an ellipsis: 193.555,2
    shown for 193.555,26); a long text column is held to `most` and wraps in the cell's tooltip."""
    return {column: min(most, padding + px_per_char * max([len(str(column)), *(len(str(v)) for v in table[column])]))
            for column in table.columns}
