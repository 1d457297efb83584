"""Content trees made by mutating tests/sites/basic: the mutations, and the tree they make.

A tree is the valid fixture site plus a few `Mutation`s, each a small frozen
value (so that Hypothesis prints a failing example as something a person can
read and replay): a YAML value, key or nesting changed; a Markdown body
replaced; front matter broken; a file re-encoded; a file or folder renamed,
added or removed; a symbolic link. `Tree.make` writes the tree into a folder,
next to a folder `outside/` whose files hold SECRET: text that must never
reach a built site. tests/content_strategies.py draws the mutations.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from conftest import SITES

BASIC = SITES / "basic"
SECRET = "SECRET-7f3a9c-outside-the-content-folder"
MARKER = "@MARKER@"  # replaced by the path of a file that must never be created
MARKER_NAME = "pwned"


def _files(suffix: str) -> list[str]:
    return sorted(p.relative_to(BASIC).as_posix() for p in BASIC.rglob(f"*{suffix}"))


YAML_FILES = _files(".yaml")
MARKDOWN_FILES = _files(".md")
VACANCIES = sorted(p.name for p in (BASIC / "vacancies").iterdir())
PAGES = sorted(p.name for p in (BASIC / "pages").iterdir())
FOLDERS = ["", "vacancies", "pages", *(f"vacancies/{v}" for v in VACANCIES), *(f"pages/{p}" for p in PAGES)]


# --- reading and writing the fixture's files ---------------------------------------------


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body) of a Markdown file, or None when it has no closed front matter."""
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return None
    try:
        end = lines.index("---", 1)
    except ValueError:
        return None
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :])


def _yaml_text(path: Path) -> str | None:
    """The YAML of a file (the front matter of a .md), or None when it is not UTF-8 YAML any more."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if path.suffix == ".md":
        parts = split_front_matter(text)
        return parts[0] if parts else None
    return text


def _write_yaml_text(path: Path, yaml_text: str) -> None:
    if path.suffix == ".md":
        parts = split_front_matter(path.read_text("utf-8"))
        assert parts is not None
        path.write_text(f"---\n{yaml_text}\n---\n{parts[1]}", "utf-8")
    else:
        path.write_text(yaml_text, "utf-8")


def _key_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside parsed YAML: (), ("location",), ("location", "city"), ..."""
    paths = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            paths += _key_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            paths += _key_paths(child, (*prefix, index))
    return paths


def _front_or_file(name: str) -> Any:
    text = _yaml_text(BASIC / name)
    return yaml.safe_load(text or "") or {}


KEY_PATHS = {name: _key_paths(_front_or_file(name))[1:] for name in YAML_FILES + MARKDOWN_FILES}


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _set(data.get(head), rest, value)}
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        return [*data[:head], _set(data[head], rest, value), *data[head + 1 :]]
    return {str(head): _set(None, rest, value)}


def _delete(data: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return data
    head, rest = path[0], path[1:]
    if isinstance(data, dict) and head in data:
        if not rest:
            return {k: v for k, v in data.items() if k != head}
        return {**data, head: _delete(data[head], rest)}
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        if not rest:
            return data[:head] + data[head + 1 :]
        return [*data[:head], _delete(data[head], rest), *data[head + 1 :]]
    return data


def _rewrite_yaml(target: Path, change: Callable[[Any], Any]) -> None:
    """Parse the YAML of `target` (left alone when it is not YAML any more), change it, write it."""
    text = _yaml_text(target) if target.is_file() else None
    if text is None:
        return
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    _write_yaml_text(target, yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False).rstrip("\n"))


def _rewrite_markdown(target: Path, make: Callable[[str, str], str]) -> None:
    """Write `make(front matter, body)` in place of a Markdown file that has front matter."""
    try:
        parts = split_front_matter(target.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return
    if parts is not None:
        target.write_text(make(*parts), "utf-8")


# --- mutations ----------------------------------------------------------------------------


class Mutation:
    """One change to a content tree. `phase` orders them: words first, then bytes, then names."""

    phase = 0

    def apply(self, content: Path, outside: Path) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class SetValue(Mutation):
    """Set a YAML value (of a .yaml file or a .md front matter) at a key path, written by PyYAML."""

    file: str
    path: tuple[Any, ...]
    value: Any

    def apply(self, content: Path, outside: Path) -> None:
        _rewrite_yaml(content / self.file, lambda data: _set(data, self.path, self.value))


@dataclass(frozen=True)
class DeleteKey(Mutation):
    file: str
    path: tuple[Any, ...]

    def apply(self, content: Path, outside: Path) -> None:
        _rewrite_yaml(content / self.file, lambda data: _delete(data, self.path))


@dataclass(frozen=True)
class YamlText(Mutation):
    """Raw YAML text put at a line of a YAML file or front matter (or in place of all of it)."""

    file: str
    line: int
    text: str
    replace_all: bool = False

    def apply(self, content: Path, outside: Path) -> None:
        target = content / self.file
        yaml_text = _yaml_text(target) if target.is_file() else None
        if yaml_text is None:
            return
        fragment = self.text.replace(MARKER, str(outside.parent / MARKER_NAME))
        if self.replace_all:
            _write_yaml_text(target, fragment)
            return
        lines = yaml_text.split("\n")
        at = self.line % (len(lines) + 1)
        _write_yaml_text(target, "\n".join([*lines[:at], fragment, *lines[at:]]))


@dataclass(frozen=True)
class Body(Mutation):
    """A new Markdown body under the same front matter."""

    file: str
    body: str

    def apply(self, content: Path, outside: Path) -> None:
        _rewrite_markdown(content / self.file, lambda front, body: f"---\n{front}\n---\n{self.body}")


FRONT_MATTER_BREAKS = {
    "no-opening-line": lambda front, body: f"{front}\n---\n{body}",
    "no-closing-line": lambda front, body: f"---\n{front}\n{body}",
    "nothing-but-the-opening-line": lambda front, body: "---",
    "empty-file": lambda front, body: "",
    "empty-front-matter": lambda front, body: f"---\n---\n{body}",
    "closed-with-dots": lambda front, body: f"---\n{front}\n...\n{body}",
    "opening-line-with-text": lambda front, body: f"--- {front}\n---\n{body}",
    "indented-lines": lambda front, body: f" ---\n{front}\n ---\n{body}",
    "blank-line-first": lambda front, body: f"\n---\n{front}\n---\n{body}",
    "a-list": lambda front, body: f"---\n- {front}\n---\n{body}",
    "a-scalar": lambda front, body: f"---\njust words\n---\n{body}",
    "twice": lambda front, body: f"---\n{front}\n---\n---\n{front}\n---\n{body}",
    "body-in-front-matter": lambda front, body: f"---\n{front}\n{body}\n---\n",
    "four-dashes": lambda front, body: f"----\n{front}\n----\n{body}",
    "tabs": lambda front, body: f"---\n\t{front}\n---\n{body}",
}


@dataclass(frozen=True)
class BreakFrontMatter(Mutation):
    file: str
    how: str

    def apply(self, content: Path, outside: Path) -> None:
        _rewrite_markdown(content / self.file, FRONT_MATTER_BREAKS[self.how])


def _encode(text: str, how: str, at: int) -> bytes:
    data = text.encode("utf-8")
    position = at % (len(data) + 1)
    recipes = {
        "utf-16": lambda: text.encode("utf-16"),
        "utf-16-le": lambda: text.encode("utf-16-le"),
        "utf-16-be": lambda: text.encode("utf-16-be"),
        "utf-32": lambda: text.encode("utf-32"),
        "bom": lambda: b"\xef\xbb\xbf" + data,
        "bom-twice": lambda: b"\xef\xbb\xbf\xef\xbb\xbf" + data,
        "bom-inside": lambda: data[:position] + b"\xef\xbb\xbf" + data[position:],
        "latin-1": lambda: ("é" + text).encode("latin-1", errors="replace"),
        "cp1252": lambda: ("’ " + text).encode("cp1252", errors="replace"),
        "nul": lambda: data[:position] + b"\x00" + data[position:],
        "crlf": lambda: data.replace(b"\n", b"\r\n"),
        "cr": lambda: data.replace(b"\n", b"\r"),
        "bom-crlf": lambda: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"),
        "mixed-endings": lambda: data.replace(b"\n", b"\r\n", 1).replace(b"\n\n", b"\r\r"),
        "invalid-byte": lambda: data[:position] + b"\xff" + data[position:],
        "overlong": lambda: data[:position] + b"\xc0\xaf" + data[position:],
        "surrogate": lambda: data[:position] + b"\xed\xa0\x80" + data[position:],
        "cut-character": lambda: data + "é".encode()[:1],
        "control-characters": lambda: data[:position] + b"\x0b\x0c\x1b\x7f" + data[position:],
        "line-separators": lambda: data[:position] + "\u2028\u2029\x85".encode() + data[position:],
        "empty": lambda: b"",
        "only-bom": lambda: b"\xef\xbb\xbf",
    }
    return recipes[how]()


ENCODINGS = (
    *("utf-16", "utf-16-le", "utf-16-be", "utf-32", "bom", "bom-twice", "bom-inside", "latin-1"),
    *("cp1252", "nul", "crlf", "cr", "bom-crlf", "mixed-endings", "invalid-byte", "overlong"),
    *("surrogate", "cut-character", "control-characters", "line-separators", "empty", "only-bom"),
)


@dataclass(frozen=True)
class Encode(Mutation):
    """The same text in other bytes: UTF-16, latin-1, a BOM, NUL, CRLF, broken UTF-8..."""

    file: str
    how: str
    at: int = 0
    phase = 1

    def apply(self, content: Path, outside: Path) -> None:
        target = content / self.file
        try:
            text = target.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return
        target.write_bytes(_encode(text, self.how, self.at))


@dataclass(frozen=True)
class AddBundle(Mutation):
    """A copy of a bundle under another folder name (its reference made to match, for a vacancy)."""

    source: str  # "vacancies/100001" or "pages/about"
    name: str
    phase = 2

    def apply(self, content: Path, outside: Path) -> None:
        source = content / self.source
        target = source.parent / self.name
        if not source.is_dir() or target.exists() or source.parent.is_symlink():
            return
        shutil.copytree(source, target, symlinks=True)
        facts = target / "vacancy.yaml"
        if facts.is_file() and not facts.is_symlink():
            data = facts.read_bytes()
            facts.write_bytes(
                data.replace(source.name.encode(), self.name.encode("utf-8", "surrogateescape"))
            )


@dataclass(frozen=True)
class Rename(Mutation):
    """A file or folder of the tree under another name (in the same folder)."""

    path: str
    name: str
    phase = 3

    def apply(self, content: Path, outside: Path) -> None:
        source = content / self.path
        target = source.parent / self.name
        if source.exists() and not target.exists():
            source.rename(target)


@dataclass(frozen=True)
class AddEntry(Mutation):
    """A stray file or folder: an unknown name, an odd name, a .md for no language..."""

    folder: str
    name: str
    data: bytes | None  # None: an empty folder
    phase = 3

    def apply(self, content: Path, outside: Path) -> None:
        parent = content / self.folder
        target = parent / self.name
        if not parent.is_dir() or parent.is_symlink() or os.path.lexists(target):
            return
        if self.data is None:
            target.mkdir()
        else:
            target.write_bytes(self.data)


@dataclass(frozen=True)
class Remove(Mutation):
    path: str
    phase = 3

    def apply(self, content: Path, outside: Path) -> None:
        target = content / self.path
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)


@dataclass(frozen=True)
class SwapKind(Mutation):
    """A file made a folder of the same name, or a folder made a file."""

    path: str
    phase = 3

    def apply(self, content: Path, outside: Path) -> None:
        target = content / self.path
        if target.is_symlink() or not target.exists():
            return
        if target.is_file():
            target.unlink()
            target.mkdir()
        else:
            shutil.rmtree(target)
            target.write_text("a file where a folder was\n", "utf-8")


LINK_TARGETS = (
    "outside-file",  # a file of outside/ (SECRET inside)
    "outside-folder",  # a bundle folder of outside/
    "absolute-outside-file",  # the same, by an absolute path
    "chain-to-outside",  # a link to a link (inside the tree) to outside/
    "through-parent",  # ../../.. up and into outside/, by a relative path
    "loop-self",  # a link to itself
    "loop-parent",  # a folder link to its own parent folder
    "dangling",  # to nothing
)


@dataclass(frozen=True)
class Link(Mutation):
    """A symbolic link in place of a file or folder of the tree (or as a new entry)."""

    path: str
    target: str
    phase = 4

    def apply(self, content: Path, outside: Path) -> None:
        link = content / self.path
        if not link.parent.is_dir() or link.parent.is_symlink():
            return
        folder = link.is_dir() and not link.is_symlink()
        suffix = link.suffix or ".md"
        secret_file = outside / f"secret{suffix if suffix in ('.md', '.yaml') else '.md'}"
        relative_outside = Path(os.path.relpath(outside, link.parent))
        to = {
            "outside-file": outside / "bundle" if folder else secret_file,
            "outside-folder": outside / "bundle",
            "absolute-outside-file": (outside / "bundle" if folder else secret_file).absolute(),
            "chain-to-outside": link.parent / f".chain-{link.name}",
            "through-parent": relative_outside / ("bundle" if folder else secret_file.name),
            "loop-self": Path(link.name),
            "loop-parent": Path(".."),
            "dangling": Path(f"missing-{link.name}"),
        }[self.target]
        if os.path.lexists(link):
            shutil.rmtree(link) if folder else link.unlink()
        if self.target == "chain-to-outside":
            if os.path.lexists(to):  # the same link drawn twice
                to.unlink()
            os.symlink(outside / "bundle" if folder else secret_file, to)
            to = Path(to.name)
        elif self.target in ("outside-file", "outside-folder"):
            to = Path(os.path.relpath(to, link.parent))
        os.symlink(to, link)


def make_outside(outside: Path) -> None:
    """Files outside the content folder that a link may point at: each holds SECRET."""
    bundle = outside / "bundle"
    bundle.mkdir(parents=True)
    words = f"---\ntitle: {SECRET}\n---\n{SECRET} from the runner's disk.\n"
    (outside / "secret.md").write_text(words, "utf-8")
    (outside / "secret.yaml").write_text(f"reference: '{SECRET}'\ntitle: {SECRET}\n", "utf-8")
    (bundle / "en.md").write_text(words, "utf-8")
    (bundle / "fr.md").write_text(words, "utf-8")
    facts = (BASIC / "vacancies" / "100001" / "vacancy.yaml").read_text("utf-8")
    (bundle / "vacancy.yaml").write_text(facts.replace("apply_url", f"# {SECRET}\napply_url"), "utf-8")


@dataclass(frozen=True)
class Tree:
    """The fixture site with `mutations` applied (in phase order, then as drawn)."""

    mutations: tuple[Mutation, ...]
    outside: str = "outside"  # or "content-private": a name that starts like the content folder's

    def make(self, root: Path) -> Path:
        """Write the tree as root/content, with root/outside beside it; return the content folder."""
        content, outside = root / "content", root / self.outside
        shutil.copytree(BASIC, content)
        make_outside(outside)
        for mutation in sorted(self.mutations, key=lambda m: m.phase):
            mutation.apply(content, outside)
        return content
