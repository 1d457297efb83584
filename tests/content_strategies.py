"""Hypothesis strategies that make content trees: tests/sites/basic, mutated.

A tree is the valid fixture site plus a few `Mutation`s, each a small frozen
value (so that Hypothesis prints a failing example as something a person can
read and replay): a YAML value, key or nesting changed; a Markdown body with
hostile fragments; front matter broken; a file re-encoded; a file or folder
renamed, added or removed; a symbolic link. `Tree.make` writes the tree into
a folder, next to a folder `outside/` whose files hold SECRET: text that must
never reach a built site.
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
from hypothesis import strategies as st

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

    def make(self, root: Path) -> Path:
        """Write the tree as root/content, with root/outside beside it; return the content folder."""
        content, outside = root / "content", root / "outside"
        shutil.copytree(BASIC, content)
        make_outside(outside)
        for mutation in sorted(self.mutations, key=lambda m: m.phase):
            mutation.apply(content, outside)
        return content


# --- values -------------------------------------------------------------------------------

ODD_TEXTS = (
    "",
    " ",
    "~",
    "null",
    "NO",
    "yes",
    "0",
    "-1",
    "1e999",
    "0x1F",
    "2024-02-30",
    "2024-13-01T25:61",
    "9999-12-31T23:59",
    "0001-01-01",
    "2024-10-27T02:30",  # a time that happens twice in Brussels
    "2024-03-31T02:30",  # a time that never happens in Brussels
    "G17 ",
    "g17",
    "OPS\n",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    'https://evil.example/" onmouseover="alert(1)',
    "https://",
    "http://example.org/apply",
    "//evil.example/apply",
    "mailto:someone@example.org",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]><x>",
    "{{ 7 * 7 }}",
    "{% include 'base.html' %}",
    "%(name)s",
    "../../../etc/passwd",
    "a/b",
    "CON",
    "\u202egnp.exe",
    "e\u0301t\u00e9",
    "\u00a0\u2003",
    "😀 emoji",
    "中文 标题",
    "עברית",
    "\ufeffBOM",
    "x" * 300,
    "line one\nline two",
    "tab\there",
    "nul\x00here",
    "bell\x07",
)

_CHARACTERS = st.characters(codec="utf-8")
texts = st.one_of(st.sampled_from(ODD_TEXTS), st.text(_CHARACTERS, max_size=30))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.decimals(allow_nan=False, places=3).map(float),
    st.dates(),
    st.datetimes(),
    texts,
)
yaml_keys = st.one_of(
    st.sampled_from(
        [
            "title",
            "slug",
            "summary",
            "kind",
            "reference",
            "grade",
            "salary",
            "status",
            "unknown",
            "Title",
            "<<",
        ]
    ),
    st.text(_CHARACTERS, min_size=1, max_size=12),
    st.integers(),
    st.none(),
    st.booleans(),
)


def _nest(depth: int) -> Any:
    value: Any = "deep"
    for index in range(depth):
        value = [value] if index % 2 else {"k": value}
    return value


yaml_values = st.one_of(
    st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(yaml_keys, children, max_size=4),
        max_leaves=12,
    ),
    st.integers(min_value=20, max_value=120).map(_nest),
)

RAW_YAML = (
    "x: !!python/object/apply:os.system ['touch @MARKER@']",
    "x: !!python/object/new:os.system [touch @MARKER@]",
    "x: !!python/name:os.system",
    "x: !!binary aGVsbG8=",
    "x: !!float '1'",
    "x: !!str 1",
    "x: !custom thing",
    "x: !<tag:example.org,2024:thing> 1",
    "%YAML 1.1\n---\nx: 1",
    "%TAG ! tag:example.org,2024:\n---\nx: !a 1",
    "x: 1\n---\ny: 2",
    "...",
    "a: &a [1, 2]\nb: *a",
    "lol1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "lol2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n"
    "lol3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]",
    "<<: {grade: G15}",
    "base: &b {a: 1}\nother:\n  <<: *b",
    "title: one\ntitle: two",
    "grade: G17",
    "reference: '100001'",
    "\tkey: tab",
    "key: 'unclosed",
    'key: "unclosed',
    "key: [1, 2",
    "key: {a: 1",
    "key: value\n  bad: indent",
    "- a\n- b",
    "? complex key\n: value",
    "[a, b]: value",
    "{a: 1}: value",
    "key: " + "[" * 3000 + "]" * 3000,
    "key: " + "{a: " * 400 + "1" + "}" * 400,
    "key: " + "9" * 50,
    "key: 1." + "5" * 50,
    "key: 1e400",
    "key: -0",
    "key: .inf",
    "key: .nan",
    "key: 0o17",
    "key: 1_000",
    "key: 2024-02-30",
    "key: 2024-07-10T23:59:60",
    "published: 2024-02-30",
    "published: 99999-01-01",
    "published: 0000-01-01",
    "deadline: 2024-10-27T02:30",
    "deadline: 2024-03-31T02:30",
    "deadline: 2024-13-45T99:99",
    "deadline: 1970-01-01T00:00Z",
    "deadline: 2024-07-10 23:59:00+05:00",
    "salary: 7540.444",
    "salary: -1",
    "salary: 1e308",
    "contract_years: 99999999999999999999",
    "order: -999999",
    "country: NO",
    "languages: [en, fr, en]",
    "languages: []",
    "languages: [xx-invalid, '']",
    "languages: [de]",
    "timezone: Mars/Olympus",
    "timezone: ../../etc/localtime",
    "base_url: javascript:alert(1)//",
    "base_url: 'data:text/html,x'",
    "base_url: http://[::1",
    "apply_url: javascript:alert(1)",
    "apply_url: ' JaVa\tScript:alert(1)'",
    'apply_url: https://example.org/" onclick="alert(1)',
    "key: |\n  block\n   text",
    "key: >-\n folded",
    "key: value # comment",
    "key: value\x0b",
    "key: \x85 next line",
    "key: \u2028 separator",
    "\ufeffkey: bom in the middle",
    "key: " + "a" * 5000,
    "",
    "   ",
    "#",
    ":",
    "- ",
    "&",
    "*",
    "!",
    "key: @reserved",
    "key: `reserved",
)


def hostile_scheme(draw: st.DrawFn) -> str:
    """javascript:, data: or vbscript: in one of the spellings a browser still runs."""
    scheme = draw(st.sampled_from(["javascript", "data", "vbscript"]))
    letters = []
    for letter in scheme:
        spelling = draw(
            st.sampled_from(
                [
                    letter,
                    letter.upper(),
                    f"&#{ord(letter)};",
                    f"&#x{ord(letter):x};",
                    f"&#X{ord(letter):X};",
                    f"&#{ord(letter):07d};",
                    f"&#x{ord(letter):06x}",
                    f"%{ord(letter):02x}",
                    f"\\{letter}",
                ]
            )
        )
        hidden = draw(
            st.sampled_from(
                ["", "", "", "\t", "&Tab;", "&NewLine;", "&#9;", "&#x0A;", "\x00", "\x01", "\x7f"]
            )
        )
        letters.append(spelling + hidden)
    colon = draw(st.sampled_from([":", ":", "&colon;", "&#58;", "&#x3a;", "&#X3A;", "\\:", "%3a"]))
    lead = draw(st.sampled_from(["", "", " ", "\x01", "&#32;", "&#x20;", "\x0c"]))
    payload = draw(
        st.sampled_from(
            [
                "alert(1)",
                "alert(document.cookie)",
                "text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "image/svg+xml,<svg onload=alert(1)>",
                "msgbox(1)",
                "//%0aalert(1)",
            ]
        )
    )
    return lead + "".join(letters) + colon + payload


hostile_urls = st.composite(hostile_scheme)()
safe_urls = st.sampled_from(
    [
        "https://example.org/",
        "http://example.org/a?b=c&d=e",
        "mailto:jobs@example.org",
        "/en/vacancies/",
        "../fr/",
        "#duties",
        "?x=1",
        "//evil.example/",
        'https://example.org/"><script>alert(1)</script>',
        "",
    ]
)
urls = st.one_of(hostile_urls, safe_urls)
words = st.one_of(st.sampled_from(ODD_TEXTS), st.text(_CHARACTERS, max_size=40))

RAW_HTML = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<!-- a comment -->",
    "<!-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php echo 1; ?>",
    "<div\nonclick=alert(1)>x</div>",
    "</p><script>alert(1)</script><p>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<base href=javascript:alert(1)//>",
)


@st.composite
def markdown_fragments(draw: st.DrawFn) -> str:
    url = draw(urls)
    text = draw(words).replace("\n", " ")
    kind = draw(
        st.sampled_from(
            [
                "words", "heading", "h1", "setext", "list", "table", "code", "open-fence", "quote", "html",
                "inline-html", "link", "image", "autolink", "bare", "reference", "titled", "entity", "long",
                "hr", "nested", "email", "angle-link",
            ]
        )
    )  # fmt: skip
    return {
        "words": text,
        "heading": f"## {text}",
        "h1": f"# {text}",
        "setext": f"{text or 'x'}\n===",
        "list": f"- {text}\n  - [{text}]({url})\n1. two",
        "table": f"| a | b |\n|---|---|\n| {text} | [x]({url}) |",
        "code": f"```\n{url}\n<script>\n```",
        "open-fence": f"```js\n{text}",
        "quote": f"> [{text}]({url})\n>\n> [r]: {url}",
        "html": draw(st.sampled_from(RAW_HTML)),
        "inline-html": f"{text} {draw(st.sampled_from(RAW_HTML))} {text}",
        "link": f"[{text}]({url})",
        "image": f"![{text}]({url})",
        "autolink": f"<{url}>",
        "bare": url,
        "reference": f"[{text}][r{len(url)}]\n\n[r{len(url)}]: {url}",
        "titled": f'[{text}]({url} "title")',
        "entity": draw(
            st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "&bogus;", "&#"])
        ),
        "long": "word " * draw(st.integers(min_value=100, max_value=3000)),
        "hr": "---",
        "nested": ">" * draw(st.integers(min_value=1, max_value=200)) + " deep",
        "email": f"<{text}@example.org>",
        "angle-link": f"[{text}](<{url}>)",
    }[kind]


markdown_bodies = st.lists(markdown_fragments(), min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from(["\n\n", "\n", " "]).map(lambda joint: joint.join(parts))
)

# --- names --------------------------------------------------------------------------------

ODD_NAMES = (
    "a b",
    " leading",
    "trailing ",
    "é",
    "e\u0301",
    "Ⅻ",
    "CON",
    "nul",
    "...",
    "-rf",
    "a\tb",
    "a\nb",
    "a\rb",
    "a:b",
    "a\\b",
    "*",
    "?",
    "#",
    "%2e%2e",
    "&amp;",
    "<b>",
    "\"'",
    "😀",
    "ü" * 127,
    "x" * 255,
    "100001 ",
    "100001.",
    "ABOUT",
    "About",
    "index.html",
    "en.md",
    "EN.md",
    "en.MD",
    "en.md.bak",
    "de.md",
    "xx-YY.md",
    ".md",
    "vacancy.yaml",
    "page.yaml",
    "site.yaml",
    "page.yml",
    ".hidden",
    "\u202egnp.md",
)
_NAME_CHARACTERS = st.characters(codec="utf-8", exclude_characters="/\x00")
names = st.one_of(
    st.sampled_from(ODD_NAMES),
    st.text(_NAME_CHARACTERS, min_size=1, max_size=20).filter(
        lambda name: name not in (".", "..") and len(name.encode()) <= 255
    ),
)
references = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,20}", fullmatch=True),
    st.sampled_from(["100001", "0", "a" * 64]),
)
page_names = st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), names)

# --- mutations, drawn ---------------------------------------------------------------------

ALL_PATHS = sorted({*(p.relative_to(BASIC).as_posix() for p in BASIC.rglob("*")), "vacancies", "pages"})


@st.composite
def yaml_mutations(draw: st.DrawFn) -> Mutation:
    file = draw(st.sampled_from(YAML_FILES + MARKDOWN_FILES))
    known = KEY_PATHS[file]
    path = draw(
        st.one_of(
            st.sampled_from(known),
            st.tuples(yaml_keys),
            st.sampled_from(known).flatmap(lambda p: yaml_keys.map(lambda k: (*p, k))),
        )
        if known
        else st.tuples(yaml_keys)
    )
    kind = draw(st.sampled_from(["set", "set", "delete", "text", "text", "replace"]))
    if kind == "set":
        return SetValue(file, path, draw(yaml_values))
    if kind == "delete":
        return DeleteKey(file, path)
    text = draw(st.one_of(st.sampled_from(RAW_YAML), st.text(_CHARACTERS, max_size=40)))
    return YamlText(file, draw(st.integers(0, 20)), text, replace_all=kind == "replace")


word_mutations = st.one_of(
    st.builds(Body, st.sampled_from(MARKDOWN_FILES), markdown_bodies),
    st.builds(
        BreakFrontMatter, st.sampled_from(MARKDOWN_FILES), st.sampled_from(sorted(FRONT_MATTER_BREAKS))
    ),
)
encoding_mutations = st.builds(
    Encode, st.sampled_from(YAML_FILES + MARKDOWN_FILES), st.sampled_from(ENCODINGS), st.integers(0, 400)
)
name_mutations = st.one_of(
    st.builds(AddBundle, st.sampled_from([f"vacancies/{v}" for v in VACANCIES]), references),
    st.builds(AddBundle, st.sampled_from([f"pages/{p}" for p in PAGES]), page_names),
    st.builds(Rename, st.sampled_from(ALL_PATHS), names),
    st.builds(
        AddEntry,
        st.sampled_from(FOLDERS),
        names,
        st.one_of(st.none(), st.binary(max_size=20), st.just(b"---\ntitle: Stray\n---\nStray words.\n")),
    ),
    st.builds(Remove, st.sampled_from(ALL_PATHS)),
    st.builds(SwapKind, st.sampled_from(ALL_PATHS)),
)
mutations = st.one_of(yaml_mutations(), word_mutations, encoding_mutations, name_mutations)
trees = st.lists(mutations, min_size=1, max_size=4).map(lambda drawn: Tree(tuple(drawn)))

link_mutations = st.builds(
    Link,
    st.one_of(st.sampled_from(ALL_PATHS), st.sampled_from(FOLDERS[1:]).map(lambda f: f"{f}/link.md")),
    st.sampled_from(LINK_TARGETS),
)
# A tree with at least one symbolic link, and maybe other changes.
linked_trees = st.tuples(
    st.lists(link_mutations, min_size=1, max_size=3), st.lists(mutations, max_size=2)
).map(lambda drawn: Tree((*drawn[0], *drawn[1])))


@st.composite
def hostile_word_trees(draw: st.DrawFn) -> Tree:
    """The fixture with hostile Markdown in bodies, and hostile text in titles and summaries."""
    changes: list[Mutation] = [
        Body(file, draw(markdown_bodies))
        for file in draw(st.lists(st.sampled_from(MARKDOWN_FILES), min_size=1, max_size=3, unique=True))
    ]
    for file in draw(st.lists(st.sampled_from(MARKDOWN_FILES), max_size=2, unique=True)):
        key = draw(st.sampled_from(["title", "summary"]))
        changes.append(SetValue(file, (key,), draw(st.one_of(urls, words))))
    return Tree(tuple(changes))


@st.composite
def long_address_trees(draw: st.DrawFn) -> Tree:
    """A page or vacancy whose address has a segment too long for a file system (over 255 bytes)."""
    length = draw(st.integers(min_value=256, max_value=600))
    file = draw(st.sampled_from(MARKDOWN_FILES))
    if draw(st.booleans()):
        return Tree((SetValue(file, ("slug",), "a" * length),))
    letter = draw(st.sampled_from(["a", "é", "word "]))
    return Tree((SetValue(file, ("title",), (letter * length)[:length]),))


# File names that are not UTF-8 (bytes a latin-1 system wrote), as Python spells them: the
# bytes that cannot be decoded become lone surrogates (os.fsdecode, "surrogateescape").
UNDECODABLE_NAMES = ("caf\udce9", "\udcff", "caf\udce9.md", "en\udc80.md", "10\udce9")
undecodable_name_trees = st.lists(
    st.one_of(
        st.builds(AddEntry, st.sampled_from(FOLDERS), st.sampled_from(UNDECODABLE_NAMES), st.none()),
        st.builds(AddEntry, st.sampled_from(FOLDERS), st.sampled_from(UNDECODABLE_NAMES), st.just(b"text\n")),
        st.builds(AddBundle, st.sampled_from([f"vacancies/{v}" for v in VACANCIES]), st.just("10\udce9")),
        st.builds(Rename, st.sampled_from(ALL_PATHS), st.sampled_from(UNDECODABLE_NAMES)),
    ),
    min_size=1,
    max_size=3,
).map(lambda drawn: Tree(tuple(drawn)))
