"""Invariants of the build for any content tree (issue 11), checked with Hypothesis.

Each example is tests/sites/basic mutated (see content_strategies.py), built by
the real command line, `generator.__main__.main`, in this process (and a few
times as a subprocess), over the output of a good build. Whatever the tree:

1. the exit code is 0 (built) or 1 (content problems), never 2, 3 or other;
2. no traceback is printed;
3. every problem line names a file inside the content folder, with its line
   where the problem is in a YAML or Markdown file's text;
4. a failed build leaves the previous output byte for byte (contents and modes);
5. nothing is written outside the output folder: the content, the files beside
   it and the working folder are as they were;
6. no built file holds a `javascript:`, `vbscript:` or `data:` address in an
   attribute (after entity decoding, without spaces and control characters),
   nor in a feed's links or the JSON's URLs.

Two profiles (tests/property_settings.py): `bounded` (the default: a few seconds
in `make test`, new examples on every run from the seed it prints) and `fuzz`
(more than 10,000 examples in all; `make fuzz`, run every night by
.github/workflows/fuzz.yml).

Speed: each build is `--no-search --no-cache`, and the Jinja templates are
compiled once for the whole module (a bytecode cache added to each environment)
instead of once per build; the subprocess runs use neither shortcut.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import pytest
from addresses import executable_addresses, runs_script_unchecked
from conftest import run_cli
from content_mutations import BASIC, MARKDOWN_FILES, MARKER_NAME, SECRET, Body, Link, Tree
from content_strategies import (
    hostile_word_trees,
    linked_trees,
    long_address_trees,
    trees,
    undecodable_name_trees,
)
from hostile_inputs import HOSTILE_ADDRESSES, LINK_PLACES
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from property_settings import PROFILE

from generator.__main__ import main
from generator.site import render

NOW = "2024-11-01"
# Examples per property: bounded (make test) and fuzz (make fuzz); the profiles are in property_settings.py.
EXAMPLES = {
    "bounded": {"trees": 60, "words": 40, "links": 10, "addresses": 5, "subprocess": 2, "undecodable": 5},
    "fuzz": {
        "trees": 6000,
        "words": 4000,
        "links": 600,
        "addresses": 200,
        "subprocess": 40,
        "undecodable": 200,
    },
}[PROFILE]


def examples(name: str, *, shrink: bool = True) -> settings:
    """The settings of one property. A property marked xfail (a known bug, not mine to fix here)
    does not shrink its failure: shrinking is one build per step, minutes for nothing."""
    phases = tuple(Phase) if shrink else (Phase.explicit, Phase.reuse, Phase.generate)
    return settings(settings.get_profile(PROFILE), max_examples=EXAMPLES[name], phases=phases)


# --- running the command line -------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}"


def run_in_process(args: list[str], cwd: Path) -> Result:
    """`main(args)` in `cwd`, its output caught as a terminal would take it (UTF-8; stderr escapes
    what it cannot encode, as Python's own stderr does)."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", newline="\n")
    with contextlib.chdir(cwd), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(args)
    texts = []
    for stream in (stdout, stderr):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined]
    return Result(code, *texts)


class _MemoryBytecode(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="module", autouse=True)
def templates_compiled_once() -> Iterator[None]:
    """Each build makes new Jinja environments, which compile every template again (most of a
    small build's time); here they share one bytecode cache, keyed by each template's source."""
    cache = _MemoryBytecode()
    original = render.make_environment

    def make_environment(*args: Any, **kwargs: Any) -> jinja2.Environment:
        environment = original(*args, **kwargs)
        environment.bytecode_cache = cache
        return environment

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "make_environment", make_environment)
        yield


# --- snapshots ----------------------------------------------------------------------------

Snapshot = dict[str, tuple[str, int, str]]


def snapshot(folder: Path, skip: frozenset[str] = frozenset()) -> Snapshot:
    """Every entry below `folder` (links not followed): kind, mode, and a hash of the bytes
    (the target, for a link). Top-level names in `skip` are left out."""
    found: Snapshot = {}
    for parent, folders, files in os.walk(folder):
        relative_parent = os.path.relpath(parent, folder)
        if relative_parent == ".":
            folders[:] = [name for name in folders if name not in skip]
            files = [name for name in files if name not in skip]
        for name in folders + files:
            path = os.path.join(parent, name)
            relative = os.path.normpath(os.path.join(relative_parent, name))
            info = os.lstat(path)
            mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode):
                found[relative] = ("link", mode, os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                found[relative] = ("folder", mode, "")
            else:
                with open(path, "rb") as file:
                    found[relative] = ("file", mode, hashlib.sha256(file.read()).hexdigest())
    return found


# --- the invariants -----------------------------------------------------------------------

CONTENT = "content"
# Problems about a file as a whole: they may name it without a line.
WHOLE_FILE = (
    "is missing",
    "larger than 2 MB",
    "cannot read the file",
    "this is a folder",
    "is not used",
    "is not part of the content format",
    "must be a folder",
    "is not translated",
    "is not a language of the site",
)


def _inside_content(path: str) -> bool:
    parts = Path(path).parts
    return bool(parts) and parts[0] == CONTENT and ".." not in parts


def problem_location(line: str, cwd: Path) -> tuple[str, int | None] | None:
    """(path, line number) at the start of a problem line `path[:line]: message`, the path
    inside the content folder; the longest such path that exists wins (names may hold `: `)."""
    candidates = []
    for separator in re.finditer(": ", line):
        where = line[: separator.start()]
        numbered = re.fullmatch(r"(.*):(\d+)", where)
        path, number = (numbered.group(1), int(numbered.group(2))) if numbered else (where, None)
        if _inside_content(path):
            candidates.append((os.path.lexists(cwd / path), len(path), path, number))
    if not candidates:
        return None
    _, _, path, number = max(candidates)
    return path, number


def assert_problems_are_located(result: Result, cwd: Path) -> None:
    """Invariant 3: every stderr line but the closing summary is `path[:line]: ...`, the path in
    the content folder; an error about the text of an existing YAML or Markdown file has a line."""
    for line in result.stderr.splitlines():
        if line.startswith("Build failed: ") or not line.strip():
            continue
        location = problem_location(line, cwd)
        assert location is not None, f"a problem line names no file of the content:\n{line}\n\n{result}"
        path, number = location
        message = line[len(path) + (len(f":{number}") if number else 0) + 2 :]
        target = cwd / path
        is_error = not message.startswith("warning: ")
        text_file = target.suffix in (".yaml", ".md") and target.is_file() and not target.is_symlink()
        if is_error and text_file and not any(words in line for words in WHOLE_FILE):
            assert number, f"an error in a YAML or Markdown file has no line:\n{line}\n\n{result}"


@dataclass(frozen=True)
class Built:
    """One example: the folder it ran in, and what the run did."""

    root: Path
    content: Path
    output: Path
    result: Result
    output_before: Snapshot
    output_after: Snapshot
    rest_before: Snapshot
    rest_after: Snapshot


def assert_invariants(built: Built) -> None:
    result = built.result
    assert result.code in (0, 1), f"exit code {result.code}\n\n{result}"
    assert "Traceback" not in result.stdout + result.stderr, str(result)
    assert_problems_are_located(result, built.root)
    if result.code != 0:
        assert built.output_after == built.output_before, f"a failed build changed the output\n\n{result}"
    assert built.rest_after == built.rest_before, f"written outside the output folder\n\n{result}"
    assert not (built.root / MARKER_NAME).exists(), "content YAML ran a command"
    for relative, (kind, _, _) in built.output_after.items():
        if kind != "file":
            continue
        data = (built.output / relative).read_bytes()
        bad = executable_addresses(relative, data)
        assert bad == [], f"{relative} holds the executable addresses {bad}\n\n{result}"
        assert SECRET.encode() not in data, f"{relative} publishes a file from outside the content"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@pytest.fixture(scope="module")
def good_output(workspace: Path) -> Path:
    """The unmutated fixture site, built once: every example starts from a copy of it."""
    output = workspace / "good-output"
    args = ["--output", str(output), "--no-search", "--no-cache", "--now", NOW]
    result = run_in_process(["build", "--content", str(BASIC), *args], workspace)
    assert result.code == 0, str(result)
    return output


@contextlib.contextmanager
def example_folder(workspace: Path) -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="example-", dir=workspace))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def build_tree(tree: Tree, root: Path, good_output: Path, *, subprocess: bool = False) -> Built:
    """Write `tree` into `root`, copy the good output to root/output, build one into the other."""
    content = tree.make(root)
    output = root / "output"
    shutil.copytree(good_output, output, symlinks=True)
    skip = frozenset({"output", ".cache"})
    output_before, rest_before = snapshot(output), snapshot(root, skip)
    if subprocess:
        run = run_cli("build", "--content", "content", "--output", "output", "--now", NOW, cwd=root)
        result = Result(run.returncode, run.stdout, run.stderr)
    else:
        args = ["build", "--content", "content", "--output", "output", "--no-search", "--no-cache"]
        result = run_in_process([*args, "--now", NOW], root)
    return Built(
        root, content, output, result, output_before, snapshot(output), rest_before, snapshot(root, skip)
    )


# --- the properties -----------------------------------------------------------------------


@examples("trees")
@given(tree=trees)
def test_any_tree_builds_or_is_refused_cleanly(tree: Tree, workspace: Path, good_output: Path) -> None:
    """Protects every invariant above against YAML values, keys and nesting of any type, broken
    front matter, Markdown with hostile fragments, other encodings, and odd file and folder names."""
    with example_folder(workspace) as root:
        assert_invariants(build_tree(tree, root, good_output))


@examples("words")
@given(tree=hostile_word_trees())
def test_hostile_words_never_become_an_executable_address(
    tree: Tree, workspace: Path, good_output: Path
) -> None:
    """Protects visitors: javascript:, data: and vbscript: links and images, in every spelling a
    browser still runs (entities, case, control characters, autolinks, reference links), and
    raw HTML in bodies, titles and summaries, are refused or shown as text, never made links."""
    with example_folder(workspace) as root:
        built = build_tree(tree, root, good_output)
        assert_invariants(built)


# Per place of a link or an image, the hostile addresses that would run there if unchecked
# (most of them: tests/test_markdown.py).
_RUNNING = {
    place: [a for a in HOSTILE_ADDRESSES if runs_script_unchecked(template.format(address=a, label="r"))]
    for place, template in LINK_PLACES.items()
}


@st.composite
def hostile_link_bodies(draw: st.DrawFn) -> tuple[str, tuple[str, ...]]:
    """A body with an address that would run in every place a link or an image takes one, in
    any order; and the line that each place starts with."""
    places = [
        LINK_PLACES[place].format(address=draw(st.sampled_from(running)), label=f"r{index}")
        for index, (place, running) in enumerate(_RUNNING.items())
    ]
    places = draw(st.permutations(places))
    return "\n\n".join(["Intro.", *places]) + "\n", tuple(place.split("\n")[0] for place in places)


@examples("addresses")
@given(file=st.sampled_from(MARKDOWN_FILES), case=hostile_link_bodies())
def test_every_hostile_link_or_image_is_an_error_at_its_line(
    file: str, case: tuple[str, tuple[str, ...]], workspace: Path, good_output: Path
) -> None:
    """Protects visitors against a missing check, which the invariants alone may not see: a
    javascript:, vbscript: or data: address that would run, in a link or an image (inline, with
    a title, between < >, as an autolink, by reference), is an error at its own line."""
    body, first_lines = case
    with example_folder(workspace) as root:
        built = build_tree(Tree((Body(file, body),)), root, good_output)
        assert_invariants(built)
        assert built.result.code == 1, str(built.result)
        lines = (built.content / file).read_text("utf-8").split("\n")
        refused = {
            line.split(": the link ")[0]
            for line in built.result.stderr.splitlines()
            if "is not allowed" in line
        }
        for first in first_lines:
            assert f"content/{file}:{lines.index(first) + 1}" in refused, f"{first!r}\n\n{built.result}"


@examples("subprocess")
@given(tree=trees)
def test_the_real_command_keeps_the_invariants(tree: Tree, workspace: Path, good_output: Path) -> None:
    """The same invariants for `python -m generator build` as CI runs it: its own process and
    streams, the search index and the cache folder (whose changes are its own)."""
    with example_folder(workspace) as root:
        assert_invariants(build_tree(tree, root, good_output, subprocess=True))


# The folder the links lead out to is `outside/`, or `content-private/`: beside the content
# folder, and its name starts with `content`, but it is not inside.
_BESIDE = st.sampled_from(["outside", "content-private"])


@examples("links")
@given(tree=st.builds(lambda tree, outside: replace(tree, outside=outside), linked_trees, _BESIDE))
def test_a_symbolic_link_is_never_followed_out_of_the_content(
    tree: Tree, workspace: Path, good_output: Path
) -> None:
    """Protects CI secrets: a link to a file or folder outside the content folder (or a loop, or
    a dangling link) is reported at its own path and never read, so that nothing of what it
    points at (SECRET) is published; also when that folder's name starts like the content's."""
    with example_folder(workspace) as root:
        built = build_tree(tree, root, good_output)
        assert_invariants(built)
        # Without readable settings no bundle is read at all, and so no link inside one is followed.
        lines = built.result.stderr.splitlines()
        settings_failed = any(
            line.startswith(("content/site.yaml", "content/salary-scale.yaml")) for line in lines
        )
        for mutation in tree.mutations:
            if isinstance(mutation, Link) and os.path.islink(built.content / mutation.path):
                pointed = os.path.realpath(built.content / mutation.path)
                if not Path(pointed).is_relative_to(built.content.resolve()):
                    assert built.result.code == 1, f"{mutation} was accepted\n\n{built.result}"
                    named = f"content/{mutation.path}: this symbolic link " in built.result.stderr
                    assert named or settings_failed, str(built.result)


@examples("addresses")
@given(tree=long_address_trees())
def test_an_address_too_long_is_refused_at_its_line(tree: Tree, workspace: Path, good_output: Path) -> None:
    """Protects editors from an OS error about a temporary path: a slug or title that makes a
    path segment longer than 255 bytes is an error at the file and line that asked for it."""
    with example_folder(workspace) as root:
        built = build_tree(tree, root, good_output)
        assert_invariants(built)
        assert built.result.code == 1, str(built.result)


@examples("undecodable")
@given(tree=undecodable_name_trees)
def test_a_file_name_that_is_not_utf8_is_reported(tree: Tree, workspace: Path, good_output: Path) -> None:
    """Protects editors on a system that writes names in latin-1: a file or folder whose name is
    not UTF-8 is reported (or ignored) like any other odd name, never an internal error."""
    with example_folder(workspace) as root:
        assert_invariants(build_tree(tree, root, good_output))
