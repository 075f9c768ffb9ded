"""Every HTML take-away (the brief, the light pages, the slides) is rendered from the Jinja2 templates in
lib/export/templates/, with autoescape on: a report's text is escaped unless code marks it as markup."""
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
)
_environment.globals["look"] = look


def render(name: str, **context) -> str:
    """The template `name` rendered with `context` (values escaped; Markup values kept as markup)."""
    return _environment.get_template(name).render(**context)


def markup(html: str) -> Markup:
    """HTML built by code that already escaped what it holds (a chart's SVG, a reading's cells)."""
    return Markup(html)
