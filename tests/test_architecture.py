"""The shape of the generator package: rooms by stage, small modules, imports that only go down.

Read from the source with `ast`, nothing is imported: every import between the package's modules
counts, those made only for type checking (`if TYPE_CHECKING:`) and inside functions too, since a
module that needs another's names at type-checking time depends on it all the same.

docs/architecture.md explains the rooms; LAYERS below is the order it draws.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 350  # "a few hundred lines at most" (docs/STYLE): a module past this has two jobs
MAX_MODULES_A_ROOM = 12  # past this a room holds two things: split it

# Lowest first. A module may import its own room and any room of an earlier layer, never a later
# one; rooms of one layer (the preview and the editors' tools) do not import each other.
# `build` is the pipeline and `__main__` the command line: files at the top, not rooms.
LAYERS: list[tuple[str, ...]] = [
    ("common",),
    ("content",),
    ("site",),
    ("outputs",),
    ("plan",),
    ("publish",),
    ("build",),
    ("preview", "tools"),
    ("__main__",),
]
ENTRY_FILES = {"__init__.py", "__main__.py", "build.py"}
ROOMS = [name for layer in LAYERS for name in layer if name not in {"build", "__main__"}]


def module_names(package: Path = PACKAGE) -> list[str]:
    """Every module as a dotted name below the package: "build", "content.models",
    "tools.notice_import.split" (a package is named by its folder)."""
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            names.append(".".join(parts))
    return names


def _source(name: str) -> str:
    path = PACKAGE.joinpath(*name.split("."))
    return (path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text("utf-8")


def _is_package(name: str, modules: set[str]) -> bool:
    return any(other.startswith(name + ".") for other in modules)


def imported_modules(source: str, name: str, modules: set[str]) -> set[str]:
    """The package's modules that the module `name` imports, by any form: `from .x import y`,
    `from ..room.x import y`, `from . import x`, `import generator.room.x`, `from generator.room
    import x`."""
    own_package = name.split(".") if _is_package(name, modules) else name.split(".")[:-1]
    found: set[str] = set()

    def add(base: list[str], names: list[str]) -> None:
        for alias in names:  # `from .room import x`: x may be a module of that room
            candidate = ".".join([*base, alias])
            found.add(candidate if candidate in modules else ".".join(base))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = own_package[: len(own_package) - (node.level - 1)]
            elif module == "generator" or module.startswith("generator."):
                base, module = [], module.removeprefix("generator").lstrip(".")
            else:
                continue
            if module:
                base = [*base, *module.split(".")]
            add(base, [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("generator."):
                    found.add(alias.name.removeprefix("generator."))
    return (found & modules) - {name}


def import_graph() -> dict[str, set[str]]:
    modules = set(module_names())
    return {name: imported_modules(_source(name), name, modules) for name in sorted(modules)}


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


def layer_of(module: str, layers: list[tuple[str, ...]] = LAYERS) -> int:
    room = module.split(".")[0]
    for rank, names in enumerate(layers):
        if room in names:
            return rank
    raise AssertionError(f"generator/{room} is in no layer of tests/test_architecture.py: add it")


def upward_imports(graph: dict[str, set[str]], layers: list[tuple[str, ...]] = LAYERS) -> list[str]:
    """Each import that goes to a later layer, or sideways to another room of the same layer."""
    wrong = []
    for module, imported in sorted(graph.items()):
        room = module.split(".")[0]
        for target in sorted(imported):
            if target.split(".")[0] != room and layer_of(target, layers) >= layer_of(module, layers):
                wrong.append(f"{module} imports {target}")
    return wrong


def test_no_import_cycle_inside_the_generator_package() -> None:
    cycle = find_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_imports_only_go_down_the_layers() -> None:
    wrong = upward_imports(import_graph())
    assert not wrong, "imports against the layer order (see docs/architecture.md):\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", module_names())
def test_each_module_stays_small(name: str) -> None:
    lines = len(_source(name).splitlines())
    assert lines <= MAX_LINES, f"generator/{name} has {lines} lines (at most {MAX_LINES}): split it"


@pytest.mark.parametrize("room", sorted({str(path.parent) for path in PACKAGE.rglob("__init__.py")}))
def test_each_room_stays_small(room: str) -> None:
    modules = [path for path in Path(room).glob("*.py") if path.name != "__init__.py"]
    assert len(modules) <= MAX_MODULES_A_ROOM, f"{room} holds {len(modules)} modules: split the room"


def test_the_top_level_shows_the_rooms_and_the_two_entry_files() -> None:
    entries = {path.name for path in PACKAGE.iterdir() if path.name != "__pycache__"}
    assert entries == ENTRY_FILES | set(ROOMS)
    for room in ROOMS:
        assert (PACKAGE / room / "__init__.py").is_file(), f"generator/{room} is not a package"


@pytest.mark.parametrize("room", ROOMS)
def test_every_room_says_what_it_holds_and_what_it_may_import(room: str) -> None:
    """The docstring of each room's __init__.py ends with a line `May import: …` that names exactly
    the rooms of the earlier layers, so that the docs and this test cannot drift apart."""
    docstring = ast.get_docstring(ast.parse(_source(room))) or ""
    lines = docstring.splitlines()
    assert len(lines) > 2, f"generator/{room}/__init__.py: say what the room holds"
    allowed = [name for layer in LAYERS[: layer_of(room)] for name in layer]
    expected = "May import: " + (
        ", ".join(f"`{name}`" for name in allowed) if allowed else "nothing of the generator"
    )
    assert expected + "." in lines, f"generator/{room}/__init__.py should say: {expected}."


def test_every_room_inside_a_room_says_what_it_holds_and_that_it_imports_as_its_room() -> None:
    for init in PACKAGE.glob("*/*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        room = init.parent.parent.name
        assert len(docstring.splitlines()) > 2, f"{init}: say what it holds"
        assert f"May import: what `{room}` may import." in docstring.splitlines(), init


def test_the_architecture_page_lists_the_layers_in_this_order() -> None:
    """docs/architecture.md's table of rooms: one row per layer, the rooms of LAYERS in order."""
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text("utf-8")
    rows = [line.split("|")[1:3] for line in page.splitlines() if re.match(r"\| \d+ \| `", line)]
    assert [int(rank) for rank, _ in rows] == list(range(1, len(LAYERS) + 1))
    documented = [
        tuple(name.strip().strip("`").removesuffix("/").removesuffix(".py") for name in cell.split(","))
        for _, cell in rows
    ]
    assert documented == LAYERS


# --- the checker itself --------------------------------------------------------------------------


def test_the_cycle_finder_finds_a_cycle_through_a_type_checking_import() -> None:
    """The old shape (pages imports feeds, feeds imports pages for a type) fails."""
    modules = {"site.pages", "site.feeds", "content.models"}
    feeds_source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .pages import VacancyView\n"
    pages_source = "from . import feeds\nfrom ..content.models import Vacancy\n"
    graph = {
        "site.pages": imported_modules(pages_source, "site.pages", modules),
        "site.feeds": imported_modules(feeds_source, "site.feeds", modules),
        "content.models": set(),
    }
    assert graph["site.pages"] == {"site.feeds", "content.models"}
    assert find_cycle(graph) == ["site.feeds", "site.pages", "site.feeds"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_every_kind_of_import_is_seen() -> None:
    modules = {"site", "site.a", "content", "content.b", "content.c", "outputs", "outputs.d", "build"}
    source = (
        "import generator.site.a\nfrom generator.content.b import x\nfrom generator.content import c\n"
        "from .. import build\n"
        "def f():\n    from .d import y\n"
    )
    assert imported_modules(source, "outputs.e", modules) == {
        "site.a",
        "content.b",
        "content.c",
        "outputs.d",
        "build",
    }
    assert imported_modules("import json\nfrom json import loads\n", "outputs.e", modules) == set()
    # three dots from a room's sub-package reach the top, as tools/notice_import does
    deep = {"tools", "tools.notice_import", "tools.notice_import.read", "content", "content.models"}
    assert imported_modules(
        "from ...content.models import Vacancy\nfrom .read import lines\n", "tools.notice_import.split", deep
    ) == {"content.models", "tools.notice_import.read"}
    # a room's __init__ imports relative to itself
    assert imported_modules("from .read import lines\n", "tools.notice_import", deep) == {
        "tools.notice_import.read"
    }


def test_an_upward_or_sideways_import_is_reported() -> None:
    layers = [("content",), ("site",), ("preview", "tools")]
    graph = {
        "content.models": {"site.routes"},  # up
        "site.routes": {"content.models"},  # down: fine
        "preview.server": {"tools.scaffold", "site.routes"},  # sideways, then down
        "tools.scaffold": set(),
    }
    assert upward_imports(graph, layers) == [
        "content.models imports site.routes",
        "preview.server imports tools.scaffold",
    ]
