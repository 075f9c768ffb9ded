"""The words of one page in its one language: made once where the language is chosen, then asked for
sentences, labels, column names, numbers and dates. Every word and format lives in labels*.py and
number_format.py; this object only remembers the language, so no code outside lib/words branches on it."""
from __future__ import annotations

from dataclasses import dataclass

from lib.words import labels
from lib.words import number_format as fmt


@dataclass(frozen=True)
class Words:
    lang: str

    @staticmethod
    def of(lang: str | None) -> Words:
        """The words of `lang`; anything but English is Vietnamese, the app's first language."""
        return ENGLISH if lang == "en" else VIETNAMESE

    @property
    def is_vietnamese(self) -> bool:
        return self.lang == "vi"

    @property
    def other(self) -> Words:
        """The words of the other language (the language switch, a link to the other version)."""
        return ENGLISH if self.is_vietnamese else VIETNAMESE

    def link_query(self) -> dict[str, str]:
        """What a link carries of the language: nothing for Vietnamese, the default."""
        return {} if self.is_vietnamese else {"lang": self.lang}

    def text(self, key: str, **fields) -> str:
        """A sentence with its fields filled in; a count `n` of one reads in the singular."""
        return labels._text(key, self.lang, **fields)

    def label(self, vocabulary: dict[str, tuple[str, str]], key: str) -> str:
        return labels._label(vocabulary, key, self.lang)

    def pick(self, vietnamese, english):
        """One of two forms given in both languages (a pair of columns of one row, two file paths)."""
        return vietnamese if self.is_vietnamese else english

    def column(self, stem: str) -> str:
        """The column holding `stem` in this language: "name" → "name_vi"."""
        return f"{stem}_{self.lang}"

    def number(self, value: float | int | None, decimals: int | None = None) -> str:
        return fmt.number(value, self.lang, decimals)

    def signed(self, value: float | None, decimals: int | None = None) -> str:
        return fmt.signed(value, self.lang, decimals)

    def with_unit(self, value: float | None, unit_of_measure: str | None, decimals: int | None = None,
                  unit_of_measure_en: str | None = None) -> str:
        """A figure with its unit, the English unit singular for a count of one."""
        return fmt.with_unit(value, unit_of_measure, self.lang, decimals, unit_of_measure_en=unit_of_measure_en)

    def percent(self, value: float | None, decimals: int = 2) -> str:
        return fmt.percent(value, self.lang, decimals)

    def local_time(self, moment: str | None) -> str:
        return fmt.local_time(moment, self.lang)

    def date(self, day) -> str:
        return fmt.date(day, self.lang)

    @property
    def vega_locale(self) -> dict:
        """The number format Altair/d3 draws axes and tooltips with."""
        return self.pick(fmt.VEGA_LOCALE_VI, fmt.VEGA_LOCALE_EN)


VIETNAMESE = Words("vi")
ENGLISH = Words("en")
