"""Every piece of HTML the app and its take-aways show (the brief, the light pages, the slides, the table
cells and cards, the pages' own pieces) is rendered from the Jinja2 templates in lib/render/templates/,
with autoescape on: a report's text is escaped unless code marks it as markup. The environment lives
here, in the room every HTML maker may import (render, export and web)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from lib.words import look

TEMPLATES = Path(__file__).with_name("templates")

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), disabled_extensions=("css", "js"), default=True),
    undefined=StrictUndefined,  # a misspelt name fails, never renders as nothing
    keep_trailing_newline=False,
    auto_reload=False,  # templates are read once per process: a page's cards and cells render per row
)
_environment.globals["look"] = look


def render(name: str, **context) -> str:
    """The template `name` rendered with `context` (values escaped; Markup values kept as markup)."""
    return _environment.get_template(name).render(**context)


def piece(name: str, macro: str, *args, **kwargs) -> str:
    """The HTML of one macro of the template `name` (a card, a row's cells), its values escaped.
    A plain string: a Markup joined to a string would escape the string."""
    return str(getattr(_environment.get_template(name).module, macro)(*args, **kwargs))


def markup(html: str) -> Markup:
    """HTML built by code that already escaped what it holds (a chart's SVG, a reading's cells)."""
    return Markup(html)
