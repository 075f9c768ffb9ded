"""Streamlit's icon font cut down to the icons this app can draw, for the proxy to send instead.

Streamlit ships the whole Material Symbols font (~375 KB, ~4 000 icons) and a page asks for it as
soon as it draws one icon. An icon is a ligature: the text `check_circle` in that font is drawn as
one glyph. The subset keeps, for every icon name the app's code or Streamlit's own frontend names
(`:material/name:`), the ligature's glyph and the letters it is typed with, and nothing else:
fontTools' usual closure would keep every ligature made of those letters, i.e. all of them.
`make serve` writes it once per Streamlit version and set of names, and nginx answers it at the
same address as Streamlit's hashed file (an exact-match `location =`, deploy/nginx.conf.template).
"""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ICON = re.compile(r":material/([a-z0-9_]+):")
APP_SOURCES = ("app.py", "pages/*.py", "lib/**/*.py")
FONT_GLOB = "MaterialSymbols-Rounded.*.woff2"


def streamlit_static() -> Path:
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "static"


def original_font() -> Path | None:
    """Streamlit's hashed icon font file, or None when this Streamlit has none."""
    found = sorted((streamlit_static() / "media").glob(FONT_GLOB))
    return found[0] if found else None


def icon_names(repo: Path = REPO, frontend: bool = True) -> set[str]:
    """Every icon name the app can draw: those its code names and (`frontend`) those Streamlit's
    frontend names for its own widgets (the sidebar's arrows, an expander's chevron, an alert's mark)."""
    files = [path for pattern in APP_SOURCES for path in repo.glob(pattern)]
    files += sorted((streamlit_static() / "js").glob("*.js")) if frontend else []
    names: set[str] = set()
    for path in files:
        names.update(ICON.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def ligatures(font) -> dict[tuple[str, ...], str]:
    """The font's icon ligatures: the glyphs of a name's letters → the icon's glyph."""
    found: dict[tuple[str, ...], str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, rules in getattr(table, "ligatures", {}).items():
                for rule in rules:
                    found.setdefault((first, *rule.Component), rule.LigGlyph)  # the first rule wins, as in shaping
    return found


def icon_glyph(font, name: str, table: dict | None = None) -> str | None:
    """The glyph the font draws for the text `name`, or None when it is not one of its icons."""
    cmap = font.getBestCmap()
    letters = tuple(cmap.get(ord(char)) for char in name)
    if None in letters:
        return None
    return (table if table is not None else ligatures(font)).get(letters)


def subset(source: Path, names: set[str]) -> tuple[bytes, list[str]]:
    """The woff2 subset holding the icons of `names`, and the names the font does not have."""
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    table = ligatures(font)
    glyphs = {name: icon_glyph(font, name, table) for name in sorted(names)}
    options = fontsubset.Options()
    options.layout_closure = False  # keep only the ligatures asked for, not all those of the letters
    options.layout_features = ["rlig", "liga"]
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # the font's name and licence stay with it
    cutter = fontsubset.Subsetter(options)
    cutter.populate(glyphs=[glyph for glyph in glyphs.values() if glyph],
                    unicodes={ord(char) for name in names for char in name})
    cutter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue(), [name for name, glyph in glyphs.items() if glyph is None]


def served_subset(folder: Path) -> tuple[str, Path] | None:
    """(the address of Streamlit's icon font, the subset file to answer it with), made once per
    Streamlit font and set of names under `folder`; None without fontTools or without the font."""
    source = original_font()
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return None
    if source is None:
        return None
    names = icon_names()
    key = hashlib.sha256((source.name + "\n" + "\n".join(sorted(names))).encode()).hexdigest()[:16]
    target = folder / f"icons-{key}.woff2"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data, _ = subset(source, names)
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.rename(target)
    return f"/static/media/{source.name}", target


def nginx_location(folder: Path) -> str:
    """The exact-match nginx block that answers Streamlit's icon font address with the subset.
    Its address stays Streamlit's while the subset changes with the app's icons: readers
    revalidate it (a 304 on a repeat visit) rather than keep it a year."""
    made = served_subset(folder)
    if made is None:
        return ""
    address, path = made
    return (f"        location = {address} {{\n"
            f"            alias {path};\n"
            f"            default_type font/woff2;\n"
            f'            add_header Cache-Control "no-cache";\n'
            f"        }}")
