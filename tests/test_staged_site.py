"""Unit tests of atomic output: all or nothing, never outside the output folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.publish.output_claim import MARKER, MARKER_TEXT
from generator.publish.staged_site import StagedSite, WriteError, safe_relative, write_site


def _snapshot(folder: Path) -> dict[str, bytes]:
    """The site's files; the marker every build leaves is checked on its own."""
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert files.pop(MARKER, None) in (MARKER_TEXT.encode(), None)
    return files


def _siblings(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir())


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """An output folder holding a previous build."""
    output = tmp_path / "site" / "output"
    count = write_site([("index.html", b"old home"), ("en/index.html", b"old en")], output)
    assert count == 2
    return output


def test_files_are_written(tmp_path: Path) -> None:
    output = tmp_path / "output"
    count = write_site(
        [("index.html", b"<p>home</p>"), ("fr/postes-vacants/index.html", "é".encode())], output
    )
    assert count == 2
    assert _snapshot(output) == {"index.html": b"<p>home</p>", "fr/postes-vacants/index.html": "é".encode()}
    assert _siblings(output) == ["output"]  # no staging folder left behind


def test_every_site_written_is_marked_as_the_generators(tmp_path: Path) -> None:
    write_site([("index.html", b"home")], tmp_path / "output")
    assert (tmp_path / "output" / MARKER).read_text("utf-8") == MARKER_TEXT


def test_a_new_build_replaces_the_previous_one(previous: Path) -> None:
    write_site([("index.html", b"new home"), ("fr/index.html", b"new fr")], previous)
    # Files of the previous build that are no longer produced are gone.
    assert _snapshot(previous) == {"index.html": b"new home", "fr/index.html": b"new fr"}
    assert _siblings(previous) == ["output"]


def test_two_files_on_one_path_raise_and_keep_the_previous_output(previous: Path) -> None:
    before = _snapshot(previous)
    with pytest.raises(WriteError, match=r"en/index\.html"):
        write_site([("index.html", b"new"), ("en/index.html", b"a"), ("en/index.html", b"b")], previous)
    assert _snapshot(previous) == before
    assert _siblings(previous) == ["output"]


def test_paths_differing_only_in_case_collide(previous: Path) -> None:
    before = _snapshot(previous)
    with pytest.raises(WriteError):
        write_site([("en/About/index.html", b"a"), ("en/about/index.html", b"b")], previous)
    assert _snapshot(previous) == before


@pytest.mark.parametrize(
    "path",
    ["../escape.html", "en/../../escape.html", "/etc/passwd", "/tmp/x.html", "", ".", "en\\..\\x.html"],
)
def test_paths_outside_the_output_are_refused(previous: Path, path: str) -> None:
    before = _snapshot(previous)
    with pytest.raises(WriteError):
        write_site([("index.html", b"new"), (path, b"evil")], previous)
    assert _snapshot(previous) == before
    assert _siblings(previous) == ["output"]
    assert not (previous.parent / "escape.html").exists()


def test_safe_relative_accepts_ordinary_paths() -> None:
    assert str(safe_relative("fr/postes-vacants/241490/index.html")) == "fr/postes-vacants/241490/index.html"
    assert str(safe_relative("./sitemap.xml")) == "sitemap.xml"


def test_failure_midway_leaves_previous_output_and_no_staging(previous: Path) -> None:
    before = _snapshot(previous)

    def files() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"half-built"
        yield "en/index.html", b"half-built"
        raise RuntimeError("template exploded")

    with pytest.raises(RuntimeError, match="template exploded"):
        write_site(files(), previous)
    assert _snapshot(previous) == before
    assert _siblings(previous) == ["output"]


def test_interruption_midway_leaves_previous_output(previous: Path) -> None:
    before = _snapshot(previous)

    def files() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"half-built"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_site(files(), previous)
    assert _snapshot(previous) == before
    assert _siblings(previous) == ["output"]


def test_first_build_failure_creates_nothing(tmp_path: Path) -> None:
    output = tmp_path / "output"

    def files() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"x"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_site(files(), output)
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.write_bytes(b"not a folder")
    with pytest.raises(WriteError):
        write_site([("index.html", b"x")], output)
    assert output.read_bytes() == b"not a folder"
    assert _siblings(output) == ["output"]


def _generation(output: Path, generations: Path, files: dict[str, bytes | str]) -> None:
    """One build with a kept generation: str values are unchanged files, linked from `output`."""
    with StagedSite(output, generations) as staged:
        for path, data in files.items():
            staged.put(path, output / data if isinstance(data, str) else data)
        staged.keep_only(files)
        staged.commit()


def test_a_kept_generation_is_updated_in_place_and_never_written_through(tmp_path: Path) -> None:
    output, generations = tmp_path / "output", tmp_path / "cache" / "site"
    generations.parent.mkdir()
    first = {"index.html": b"home 1", "en/a/index.html": b"a 1", "en/b/index.html": b"b 1", "en/c": b"c 1"}
    _generation(output, generations, dict(first))
    assert not generations.exists()  # nothing was swapped out: there was no site before
    _generation(output, generations, {**first, "index.html": b"home 2"})
    assert generations.is_dir()  # the first site, kept for the next build
    home_ino = (output / "en/a/index.html").stat().st_ino
    live = _snapshot(output)
    with StagedSite(output, generations) as staged:
        assert not generations.exists()  # taken as the staging folder
        staged.put("index.html", b"home 3")  # the staging folder's file is replaced, not written through
        staged.put("en/a/index.html", output / "en/a/index.html")
        staged.put("en/c/index.html", b"c is a folder now")  # where an older generation has a file
        staged.put("en/d/index.html", b"d 3")
        staged.keep_only(["index.html", "en/a/index.html", "en/c/index.html", "en/d/index.html"])
        assert _snapshot(output) == live  # the live site is untouched until the swap
        staged.commit()
    assert _snapshot(output) == {
        "index.html": b"home 3",
        "en/a/index.html": b"a 1",
        "en/c/index.html": b"c is a folder now",
        "en/d/index.html": b"d 3",
    }
    assert (output / "en/a/index.html").stat().st_ino == home_ino  # unchanged: the same file
    assert not (output / "en/b").exists()  # gone from the plan, gone from the site
    assert _siblings(output) == ["cache", "output"]


def test_a_failed_build_with_a_kept_generation_leaves_the_output_alone(tmp_path: Path) -> None:
    output, generations = tmp_path / "output", tmp_path / "cache" / "site"
    generations.parent.mkdir()
    for home in (b"home 1", b"home 2"):
        _generation(output, generations, {"index.html": home})
    with pytest.raises(RuntimeError), StagedSite(output, generations) as staged:
        staged.put("index.html", b"home 3")
        raise RuntimeError("a template error")
    assert _snapshot(output) == {"index.html": b"home 2"}
    assert _siblings(output) == ["cache", "output"]
