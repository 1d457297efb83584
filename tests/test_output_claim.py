"""The output and cache folders are the generator's, or untouched (generator/publish/output_claim.py).

Tried as a new user would, in a project of their own: every folder no build may
write is refused with exit 2 before anything is read or written, and the whole
tree is byte for byte as it was.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import copy_site, run_cli
from test_atomic_output import snapshot

from generator.publish.output_claim import CACHE_TAG, MARKER

NOW = "2024-11-01"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/project: a git work tree with content/, an uncommitted note and a folder of notes;
    tmp/home: the user's home folder, with a file in it."""
    root = tmp_path / "project"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    copy_site("basic", tmp_path).rename(root / "content")
    (root / "NOTE.md").write_text("an uncommitted note\n", "utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("call the division\n", "utf-8")
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "letter.txt").write_text("keep me\n", "utf-8")
    return root


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    home = str(project.parent / "home")
    return run_cli("build", "--now", NOW, *args, cwd=project, env={"HOME": home})


def tree(folder: Path) -> dict[str, bytes | None]:
    return snapshot(folder)


@pytest.mark.parametrize(
    ("output", "said"),
    [
        (".", "--output . is the project that holds the content"),
        ("content", "--output content is the content folder"),
        ("content/site", "--output content/site is inside the content folder"),
        ("content/vacancies", "--output content/vacancies is inside the content folder"),
        ("..", "--output .. holds the project that holds the content"),
        ("~", "is your home folder"),
        ("/", "--output / is the root of the file system"),
        ("notes", "--output notes holds 1 file or folder (todo.txt), which this generator did not make"),
    ],
)
def test_a_folder_no_build_may_write_is_refused_and_nothing_changes(
    project: Path, output: str, said: str
) -> None:
    before = tree(project.parent)
    output = str(project.parent / "home") if output == "~" else output
    result = build(project, "--output", output)
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # one message, with what to do
    assert "choose" in result.stderr
    assert tree(project.parent) == before


def test_force_does_not_take_the_content_or_the_project(project: Path) -> None:
    before = tree(project.parent)
    for output in (".", "content", "content/site"):
        result = build(project, "--output", output, "--force")
        assert result.returncode == 2, result.stderr
    assert tree(project.parent) == before


def test_force_takes_over_a_folder_and_sets_its_files_aside(project: Path) -> None:
    result = build(project, "--output", "notes", "--force")
    assert result.returncode == 0, result.stderr
    assert (project / "notes" / MARKER).is_file()
    assert (project / "notes" / "en" / "index.html").is_file()
    assert not (project / "notes" / "todo.txt").exists()
    aside = [p for p in project.iterdir() if p.name.startswith("notes.replaced-")]
    assert len(aside) == 1
    assert (aside[0] / "todo.txt").read_text("utf-8") == "call the division\n"
    # From now on the folder is a site of ours: no --force needed, and the files set aside stay.
    assert build(project, "--output", "notes").returncode == 0
    assert (aside[0] / "todo.txt").exists()


def test_a_second_build_into_the_previous_output_works(project: Path) -> None:
    assert build(project).returncode == 0
    assert (project / "output" / MARKER).is_file()
    assert (
        (project / ".cache" / CACHE_TAG)
        .read_text("utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    result = build(project, "--now", "2025-01-01")
    assert result.returncode == 0, result.stderr


def test_an_empty_folder_and_a_site_built_before_the_marker_are_taken(project: Path) -> None:
    (project / "empty").mkdir()
    assert build(project, "--output", "empty").returncode == 0
    assert build(project, "--output", "older").returncode == 0
    (project / "older" / MARKER).unlink()  # as builds made before the marker left it
    assert build(project, "--output", "older").returncode == 0


def test_an_output_folder_that_is_a_link_is_refused(project: Path) -> None:
    (project / "real").mkdir()
    (project / "linked").symlink_to(project / "real")
    result = build(project, "--output", "linked")
    assert result.returncode == 2
    assert "--output linked is a symbolic link" in result.stderr


@pytest.mark.parametrize(
    ("cache", "said"),
    [
        ("content", "--cache-dir content is the content folder"),
        (".", "--cache-dir . is the project that holds the content"),
        ("notes", "--cache-dir notes holds 1 file or folder (todo.txt)"),
        ("output/cache", "--cache-dir output/cache and --output output overlap"),
        ("content/.cache", "--cache-dir content/.cache is inside the content folder"),
    ],
)
def test_a_cache_folder_that_is_not_ours_is_refused(project: Path, cache: str, said: str) -> None:
    before = tree(project.parent)
    result = build(project, "--cache-dir", cache)
    assert result.returncode == 2, result.stderr
    assert said in result.stderr
    assert tree(project.parent) == before


def test_a_cache_made_before_the_tag_is_still_ours(project: Path) -> None:
    assert build(project).returncode == 0
    (project / ".cache" / CACHE_TAG).unlink()
    assert sorted(os.listdir(project / ".cache"))  # bundles.sqlite, pages-*.json, site-*
    assert build(project).returncode == 0


def test_serve_refuses_the_same_folders(project: Path) -> None:
    before = tree(project.parent)
    home = str(project.parent / "home")
    for output in ("content", "."):
        result = run_cli("serve", "--output", output, "--port", "0", cwd=project, env={"HOME": home})
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"--output {output} is the" in result.stderr
    assert tree(project.parent) == before


@pytest.mark.parametrize(
    "held",
    [
        ["robots.txt"],  # one file a site has, among someone's
        ["robots.txt", "sitemap.xml", "vacancies.json"],  # all but one of what an old build always wrote
        ["_headers", "robots.txt", "sitemap.xml", "vacancies.json\n"],  # a name that only starts like one
    ],
)
def test_a_folder_that_only_partly_looks_like_an_old_site_is_not_taken(
    project: Path, held: list[str]
) -> None:
    """A site built before the marker is recognised by all the files such builds wrote: a
    folder of someone's files holding some of them is refused, and untouched."""
    folder = project / "drafts"
    folder.mkdir()
    for name in held:
        (folder / name).write_text("mine\n", "utf-8")
    (folder / "letter.txt").write_text("keep me\n", "utf-8")
    before = tree(project.parent)
    result = build(project, "--output", "drafts")
    assert result.returncode == 2, result.stderr
    assert "which this generator did not make" in result.stderr
    assert tree(project.parent) == before


@pytest.mark.parametrize(
    "held",
    [
        ["bundles.sqlite", "thesis.docx"],  # one name the cache uses, among someone's files
        ["pages-0123abcd.json", "site-0123abcd", "pages-0123abcd.json.bak"],
        ["bundles.sqlite\n"],  # a name that only starts like one
    ],
)
def test_a_folder_that_only_partly_looks_like_an_old_cache_is_not_taken(
    project: Path, held: list[str]
) -> None:
    """A cache made before the tag is recognised when every name in it is one the cache
    uses: a folder where only some are is refused, and untouched."""
    folder = project / "scratch"
    folder.mkdir()
    for name in held:
        (folder / name).write_text("mine\n", "utf-8")
    before = tree(project.parent)
    result = build(project, "--cache-dir", "scratch")
    assert result.returncode == 2, result.stderr
    assert "--cache-dir scratch holds" in result.stderr
    assert tree(project.parent) == before
