"""Streamlit's fonts a page asks for, cut down to what the app draws, for the proxy to
send at their own addresses instead (an exact-match `location =` each, deploy/nginx.conf.template).

- **Icons.** Streamlit ships the whole Material Symbols font (~375 KB, ~4 000 icons) and a page asks
  for it as soon as it draws one icon. An icon is a ligature: the text `check_circle` in that font
  is drawn as one glyph. The subset keeps, for every icon name the app's code or Streamlit's own
  frontend names (`:material/name:`), the ligature's glyph and the letters it is typed with, and
  nothing else: fontTools' usual closure would keep every ligature of those letters, i.e. all.
- **Text.** Source Sans (170 KB upright, which index.html preloads; 138 KB italic) keeps every weight
  but only the Latin and Vietnamese letters, punctuation, and any other character the app's code
  writes (≈, ≤, →): ~30 KB. Its usual layout features only (kerning, marks for the tone marks).
  A character outside it (from a report's text) is drawn by the reader's own font instead.
  A system font instead would change every page's measure (a phone's button row wraps in DejaVu).

Made once per Streamlit font and set of names or letters, under .run/assets/fonts. The addresses
stay Streamlit's while a subset may change with the app: readers revalidate (a 304 on a repeat visit)
rather than keep them a year.
"""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ICON = re.compile(r":material/([a-z0-9_]+):")
APP_SOURCES = ("app.py", "pages/*.py", "lib/**/*.py")
ICON_FONT, TEXT_FONTS = "MaterialSymbols-Rounded.*.woff2", ("SourceSansVF-Upright.*.woff2", "SourceSansVF-Italic.*.woff2")
# Latin and Vietnamese, as the usual web font ranges cut them: letters, tone marks (also combining),
# dashes, quotes, the dong sign.
TEXT_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x102, 0x103), (0x110, 0x111), (0x128, 0x129), (0x168, 0x169),
               (0x1A0, 0x1A1), (0x1AF, 0x1B0), (0x300, 0x303), (0x309, 0x309), (0x323, 0x323),
               (0x1EA0, 0x1EF9), (0x2010, 0x2027), (0x20AB, 0x20AB))


def streamlit_static() -> Path:
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "static"


def original_font(pattern: str = ICON_FONT) -> Path | None:
    """Streamlit's hashed font file of that name, or None when this Streamlit has none."""
    found = sorted((streamlit_static() / "media").glob(pattern))
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


def text_letters(repo: Path = REPO) -> str:
    """The ranges above and every other character the app's code writes."""
    letters = {chr(code) for first, last in TEXT_RANGES for code in range(first, last + 1)}
    for pattern in APP_SOURCES:
        for path in repo.glob(pattern):
            letters.update(path.read_text(encoding="utf-8"))
    return "".join(sorted(char for char in letters if char.isprintable() and ord(char) > 0x1F))


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


def _woff2(font) -> bytes:
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _options(**settings):
    from fontTools import subset as fontsubset

    options = fontsubset.Options()
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # the font's name and licence stay with it
    for name, value in settings.items():
        setattr(options, name, value)
    return options


def icon_subset(source: Path, names: set[str]) -> tuple[bytes, list[str]]:
    """The woff2 subset holding the icons of `names`, and the names the font does not have."""
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    table = ligatures(font)
    glyphs = {name: icon_glyph(font, name, table) for name in sorted(names)}
    # No layout closure: only the ligatures asked for, not every one the letters can make.
    cutter = fontsubset.Subsetter(_options(layout_closure=False, layout_features=["rlig", "liga"]))
    cutter.populate(glyphs=[glyph for glyph in glyphs.values() if glyph],
                    unicodes={ord(char) for name in names for char in name})
    cutter.subset(font)
    return _woff2(font), [name for name, glyph in glyphs.items() if glyph is None]


def text_subset(source: Path, letters: str) -> bytes:
    """The woff2 subset of a text font with `letters`, every weight kept, fontTools' usual layout
    features only (kerning, ligatures, the marks that place Vietnamese tone marks)."""
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    cutter = fontsubset.Subsetter(_options())
    cutter.populate(text=letters)
    cutter.subset(font)
    return _woff2(font)


def _made_once(folder: Path, stem: str, key: str, make) -> Path:
    target = folder / f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.woff2"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(make())
        partial.rename(target)  # another run finishing first writes the same bytes
    return target


def served_subsets(folder: Path) -> dict[str, Path]:
    """Streamlit's font address → the subset file to answer it with, made once under `folder`;
    empty without fontTools (the proxy then sends Streamlit's own)."""
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return {}
    served = {}
    icon_source = original_font(ICON_FONT)
    if icon_source is not None:
        names = icon_names()
        served[f"/static/media/{icon_source.name}"] = _made_once(
            folder, "icons", icon_source.name + "\n" + "\n".join(sorted(names)),
            lambda: icon_subset(icon_source, names)[0])
    letters = text_letters()
    for text_source in filter(None, map(original_font, TEXT_FONTS)):
        served[f"/static/media/{text_source.name}"] = _made_once(
            folder, "text", text_source.name + "\n" + letters,
            lambda source=text_source: text_subset(source, letters))
    return served


def nginx_locations(folder: Path) -> str:
    """The exact-match nginx blocks that answer Streamlit's font addresses with the subsets."""
    return "\n".join(f"        location = {address} {{\n"
                     f"            alias {path};\n"
                     f"            default_type font/woff2;\n"
                     f'            add_header Cache-Control "no-cache";\n'
                     f"        }}" for address, path in served_subsets(folder).items())
