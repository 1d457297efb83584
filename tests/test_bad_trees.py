"""A corpus of bad content trees, each one mutation of tests/sites/basic (see bad_trees.yaml).

A bad tree must be refused with exit code 1 and a message naming the exact file
(and line), without a traceback, leaving the previous build in the output folder
byte for byte. A hostile but valid tree must build, with everything escaped; an
unusual but valid tree (BOM, CRLF, `country: NO`) must build like the original.

Each case is one CLI run. The runs of the selected cases are started together
(a few at a time) when the first case needs its result, so that the corpus
stays fast; each case is then checked, and reported, on its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from addresses import executable_addresses
from conftest import SITES, copy_site, run_cli

CASES_FILE = Path(__file__).with_name("bad_trees.yaml")
NOW = "2024-11-01"
MARKER = "@MARKER@"
MUTATIONS = ("find", "content", "bytes", "prepend_bytes", "grow_to", "crlf", "delete", "to_folder", "to_file")
BAD_KEYS = {"name", "file", "replace", "exit", "path", "line", "message", "max_seconds", *MUTATIONS}
VALID_KEYS = {"name", "file", "replace", "same_as_good", "pages", "nowhere", "no_line_starts", *MUTATIONS}
MARKUP = (".html", ".xml", ".atom")  # where markup written by an editor must appear escaped

Snapshot = dict[str, bytes | None]


def _cases() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    data = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    return data["bad"], data["valid"]


BAD, VALID = _cases()


def snapshot(folder: Path) -> Snapshot:
    """Every file (its bytes) and folder (None) below `folder`, by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))
    }


def staging_folders(output: Path) -> list[str]:
    """Names of the build's staging folders next to `output` (`.output.new-*` and the like)."""
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}"))


def mutate(content: Path, case: dict[str, Any], marker: Path) -> None:
    """Apply the one mutation that `case` describes to the content tree."""
    used = [key for key in MUTATIONS if key in case]
    assert len(used) == 1, f"{case['name']}: exactly one mutation expected, found {used}"
    (kind,) = used
    target = content / case["file"]

    def text(value: str | list[list[Any]]) -> str:
        if isinstance(value, list):  # [text, times] pairs
            value = "".join(part * times for part, times in value)
        return value.replace(MARKER, str(marker))

    if kind == "find":
        old = target.read_text("utf-8")
        assert case["find"] in old, f"{case['name']}: {case['find']!r} not in {target}"
        target.write_bytes(old.replace(case["find"], text(case["replace"]), 1).encode("utf-8"))
    elif kind == "content":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text(case["content"]).encode("utf-8"))
    elif kind == "bytes":
        target.write_bytes(case["bytes"].encode("latin-1"))
    elif kind == "prepend_bytes":
        target.write_bytes(case["prepend_bytes"].encode("latin-1") + target.read_bytes())
    elif kind == "grow_to":
        data = target.read_bytes()
        paragraph = b"\nAll work and no play makes Jack a dull boy. " * 20 + b"\n"
        repeat = (case["grow_to"] - len(data)) // len(paragraph) + 1
        target.write_bytes(data + paragraph * repeat)
        assert target.stat().st_size >= case["grow_to"]
    elif kind == "crlf":
        files = [p for p in content.rglob("*") if p.is_file()] if case["file"] == "*" else [target]
        for path in files:
            data = path.read_bytes()
            assert b"\r" not in data
            path.write_bytes(data.replace(b"\n", b"\r\n"))
    elif kind == "delete":
        assert target.exists(), target
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    elif kind == "to_folder":
        target.unlink()
        target.mkdir()
    elif kind == "to_file":
        shutil.rmtree(target)
        target.write_bytes(case["to_file"].encode("utf-8"))


@dataclass(frozen=True)
class Run:
    """One case: its content tree, output folder, and the CLI run that built one into the other."""

    content: Path
    output: Path
    marker: Path  # a file that content YAML tries to create
    result: subprocess.CompletedProcess[str]
    seconds: float

    @property
    def report(self) -> str:
        result = self.result
        return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def _run_case(case: dict[str, Any], folder: Path, previous: Path | None) -> Run:
    """Mutate a copy of the fixture site and build it, over a copy of `previous` when given."""
    content = copy_site("basic", folder)
    output = folder / "output"
    if previous is not None:
        shutil.copytree(previous, output)
    marker = folder / "pwned"
    mutate(content, case, marker)
    started = time.monotonic()
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW)
    return Run(content, output, marker, result, time.monotonic() - started)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot]:
    """The unmutated fixture site, built once: (its output folder, its snapshot)."""
    output = tmp_path_factory.mktemp("good") / "output"
    result = run_cli("build", "--content", str(SITES / "basic"), "--output", str(output), "--now", NOW)
    assert result.returncode == 0, result.stderr
    return output, snapshot(output)


@pytest.fixture(scope="module")
def runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, good: tuple[Path, Snapshot]
) -> Iterator[dict[str, Future[Run]]]:
    """The runs of every selected case, started at once, by case name; bad trees over the good output."""
    selected = {
        item.callspec.params["case"]["name"]
        for item in request.session.items
        if getattr(item, "callspec", None) is not None and "case" in item.callspec.params
    }
    jobs = [(case, good[0]) for case in BAD if case["name"] in selected]
    jobs += [(case, None) for case in VALID if case["name"] in selected]
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) + 1)) as pool:
        yield {
            case["name"]: pool.submit(_run_case, case, tmp_path_factory.mktemp(case["name"]), previous)
            for case, previous in jobs
        }


def test_the_corpus_is_well_formed() -> None:
    names = [case["name"] for case in BAD + VALID]
    assert len(names) == len(set(names)), "case names must be unique"
    assert all(re.fullmatch(r"[a-z0-9-]+", name) for name in names)
    assert len(BAD) >= 40
    for case in BAD:
        assert set(case) <= BAD_KEYS, f"{case['name']}: unknown keys {set(case) - BAD_KEYS}"
        assert "file" in case, case["name"]
        assert ("find" in case) == ("replace" in case), case["name"]
    for case in VALID:
        assert set(case) <= VALID_KEYS, f"{case['name']}: unknown keys {set(case) - VALID_KEYS}"


@pytest.mark.parametrize("case", BAD, ids=[case["name"] for case in BAD])
def test_a_bad_tree_is_refused_and_the_previous_site_is_kept(
    case: dict[str, Any], runs: dict[str, Future[Run]], good: tuple[Path, Snapshot]
) -> None:
    run = runs[case["name"]].result()
    result = run.result
    assert result.returncode == case.get("exit", 1), run.report
    assert "Traceback" not in result.stdout + result.stderr, run.report
    where = re.escape(str(run.content / case.get("path", case["file"])))
    line = {None: "", "any": r"(?::\d+)?"}.get(case.get("line"), f":{case.get('line')}")
    prefix = re.compile(f"{where}{line}: (?!warning: )")
    message = case.get("message", "")
    named = [text[match.end() :] for text in result.stderr.splitlines() if (match := prefix.match(text))]
    assert any(message in rest for rest in named), (
        f"expected an error matching {prefix.pattern!r} containing {message!r}\n{run.report}"
    )
    assert run.seconds < case.get("max_seconds", 30), f"took {run.seconds:.1f} s"
    assert not run.marker.exists(), "content YAML ran a command"
    assert snapshot(run.output) == good[1], "the previous output was changed"
    assert staging_folders(run.output) == [], "a staging folder was left next to the output"


@pytest.mark.parametrize("case", VALID, ids=[case["name"] for case in VALID])
def test_an_unusual_or_hostile_tree_builds_safely(
    case: dict[str, Any], runs: dict[str, Future[Run]], good: tuple[Path, Snapshot]
) -> None:
    run = runs[case["name"]].result()
    assert run.result.returncode == 0, run.report
    assert "Traceback" not in run.result.stdout + run.result.stderr, run.report
    files = snapshot(run.output)
    if case.get("same_as_good"):
        assert files == good[1]
    for page, expected in case.get("pages", {}).items():
        html = (run.output / page).read_text("utf-8")
        for text in expected.get("contains", []):
            assert text in html, f"{text!r} not in {page}"
        for text in expected.get("absent", []):
            assert text not in html, f"{text!r} in {page}"
    markup = {path: data for path, data in files.items() if data is not None and path.endswith(MARKUP)}
    for text in case.get("nowhere", []):
        found = [path for path, data in markup.items() if text.encode() in data]
        assert found == [], f"{text!r} written in {found}"
    for text in case.get("no_line_starts", []):
        found = [
            path
            for path, data in files.items()
            if data is not None
            and path not in markup
            and any(line.startswith(text.encode()) for line in data.splitlines())
        ]
        assert found == [], f"a line starts with {text!r} in {found}"
    for path, data in files.items():
        if data is not None:  # every .json is parsed: hand-made JSON would break on quotes
            assert executable_addresses(path, data) == [], f"{path} links to executable addresses"
    assert not run.marker.exists()
    assert staging_folders(run.output) == []
