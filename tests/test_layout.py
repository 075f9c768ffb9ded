"""The layout shows the architecture: lib/ in rooms by job (nothing loose at its top), imports that run
one way only, no file far beyond ~400 lines, and a README whose "What is where" names files that exist."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
WINGS = ("words", "judgement", "render", "data", "pipeline", "offices", "view", "web", "export")
MOST_LINES = 420
# What each room may import of the others: words at the bottom, then the rules that judge, then what
# renders a reading; the data, the pipeline and the view above them; the take-aways and the web on top.
_BASE = {"words", "judgement"}
MAY_IMPORT = {"words": {"words"}, "judgement": _BASE, "render": _BASE | {"render"},
              "data": _BASE | {"data", "view"}, "pipeline": _BASE | {"pipeline", "data"},
              "offices": _BASE | {"offices", "pipeline", "data"}, "view": _BASE | {"view"},
              "export": _BASE | {"render", "export", "data", "view"}, "web": set(WINGS), None: set()}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


MODULES = {_module(path): path for path in LIB.rglob("*.py")}
GRAPH = {name: {other for other in _imports(path) if other in MODULES and other != name}
         for name, path in MODULES.items()}


def _wing(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in WINGS else None


def test_no_import_cycles():
    state: dict[str, int] = {}
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in GRAPH[name]:
            if state.get(other) == 1:
                cycles.append(path[path.index(other):] + [other] if other in path else [name, other])
            elif other not in state:
                visit(other, path + [other])
        state[name] = 2

    for name in GRAPH:
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_wings_import_one_way():
    wrong = [(name, other) for name, others in GRAPH.items() for other in others
             if _wing(other) is not None and _wing(other) not in MAY_IMPORT[_wing(name)]]
    assert not wrong, wrong


def test_only_the_web_wing_and_the_cache_speak_streamlit():
    speaking = {name for name, path in MODULES.items() if "streamlit" in {i.split(".")[0] for i in _imports(path)}}
    assert speaking and all(name.startswith("lib.web") or name == "lib.data.cache" for name in speaking), speaking


def test_no_file_far_beyond_four_hundred_lines():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES}
    assert not long, long


def test_nothing_loose_at_the_top_of_lib():
    loose = sorted(path.name for path in LIB.glob("*.py") if path.name != "__init__.py")
    assert not loose, loose


def test_no_private_name_crosses_a_module():
    crossing = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lib"):
                crossing += [(name, node.module, a.name) for a in node.names if a.name.startswith("_")]
    assert not crossing, crossing


def test_the_readme_names_files_that_exist_and_every_wing():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(lib/[\w/]+\.py)`", readme))
    assert named, "the README names no file of lib/"
    assert not [path for path in named if not (ROOT / path).exists()]
    for wing in WINGS:
        assert f"lib/{wing}/" in readme, wing
    for path in re.findall(r"`((?:pages|docs|bench|tests)/[\w./-]*)`", readme):
        assert (ROOT / path).exists(), path


def test_html_is_escaped_by_the_templates_never_by_hand():
    """Every piece of HTML comes from lib/render/templates/ (autoescape on): no module escapes by hand."""
    by_hand = [name for name, path in MODULES.items()
               if re.search(r"\bhtml\.escape\b|\bescape\(", re.sub(r"re\.escape\(", "", path.read_text(encoding="utf-8")))]
    assert not by_hand, by_hand
