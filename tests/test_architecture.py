"""The shape of the generator package: small modules, and imports that only go one way.

Read from the source with `ast`, nothing is imported: every import between the package's modules
counts, those made only for type checking (`if TYPE_CHECKING:`) and inside functions too, since a
module that needs another's names at type-checking time depends on it all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 350  # "a few hundred lines at most" (docs/STYLE): a module past this has two jobs


def _module_names() -> list[str]:
    return sorted(path.stem for path in PACKAGE.glob("*.py"))


def imported_modules(source: str, modules: set[str]) -> set[str]:
    """The package's modules a module's source imports (`from .x import`, `from . import x`,
    `import generator.x`, `from generator.x import`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            inside = node.level == 1 or (node.level == 0 and (node.module or "").startswith("generator"))
            if not inside:
                continue
            base = (node.module or "").removeprefix("generator").lstrip(".")
            if base:
                found.add(base.split(".")[0])
            else:  # from . import feeds
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("generator."):
                    found.add(alias.name.split(".")[1])
    return found & modules


def import_graph() -> dict[str, set[str]]:
    modules = set(_module_names())
    return {
        name: imported_modules((PACKAGE / f"{name}.py").read_text("utf-8"), modules) - {name}
        for name in sorted(modules)
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, as the modules along it (the first repeated at the end), or []."""
    state: dict[str, str] = {}  # "active" while on the path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "active"
        path.append(node)
        for child in sorted(graph.get(node, ())):
            if state.get(child) == "active":
                return [*path[path.index(child) :], child]
            if child not in state:
                cycle = visit(child)
                if cycle:
                    return cycle
        path.pop()
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_no_import_cycle_inside_the_generator_package() -> None:
    cycle = find_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("name", _module_names())
def test_each_module_stays_small(name: str) -> None:
    lines = len((PACKAGE / f"{name}.py").read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"generator/{name}.py has {lines} lines (at most {MAX_LINES}): split it"


def test_the_cycle_finder_finds_a_cycle_through_a_type_checking_import() -> None:
    """The check itself: the old shape (pages imports feeds, feeds imports pages for a type) fails."""
    modules = {"pages", "feeds", "models"}
    feeds_source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .pages import VacancyView\n"
    graph = {
        "pages": imported_modules("from . import feeds\nfrom .models import Vacancy\n", modules),
        "feeds": imported_modules(feeds_source, modules),
        "models": set(),
    }
    assert graph["pages"] == {"feeds", "models"}
    assert find_cycle(graph) == ["feeds", "pages", "feeds"]
    assert find_cycle({"pages": {"feeds"}, "feeds": {"models"}, "models": set()}) == []


def test_every_kind_of_import_is_seen() -> None:
    modules = {"a", "b", "c", "d"}
    source = (
        "import generator.a\nfrom generator.b import x\nfrom generator import c\n"
        "def f():\n    from .d import y\n"
    )
    assert imported_modules(source, modules) == {"a", "b", "c", "d"}
    assert imported_modules("import json\nfrom json import loads\n", modules) == set()
