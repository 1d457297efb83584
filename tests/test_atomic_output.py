"""Atomic output, end to end: the previous site survives a killed, failed or impossible build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, copy_site, run_cli

NOW = "2024-11-01"

# Runs `python -m generator ARGS` with every file write slowed down, and touches
# MARKER once the third file of the site is written: the build can then be
# killed in the middle of writing.
SLOW_WRITER = """
import sys, time
from pathlib import Path
import generator.publish.staged_site
from generator.__main__ import main

marker = Path(sys.argv[1])
write_bytes = generator.publish.staged_site.Path.write_bytes
written = 0

def slow_write_bytes(self, data):
    global written
    count = write_bytes(self, data)
    written += 1
    if written == 3:
        marker.touch()
    time.sleep(0.05)
    return count

generator.publish.staged_site.Path.write_bytes = slow_write_bytes
sys.exit(main(sys.argv[2:]))
"""


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) below `folder`, by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))
    }


def _build(content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes | None]]:
    """A content tree and its site built into tmp_path/output: (content, output, snapshot)."""
    content = copy_site("basic", tmp_path)
    output = tmp_path / "output"
    result = _build(content, output)
    assert result.returncode == 0, result.stderr
    return content, output, snapshot(output)


def test_a_build_killed_while_writing_leaves_the_previous_output_untouched(
    tmp_path: Path, previous: tuple[Path, Path, dict[str, bytes | None]]
) -> None:
    content, output, before = previous
    # A valid change, so that the second build would write a different site.
    _edit(content / "vacancies/100002/en.md", "title: Winter Assistant", "title: Spring Assistant")
    marker = tmp_path / "third-file-written"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    arguments = ["build", "--content", str(content), "--output", str(output), "--now", NOW]
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(marker), *arguments],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert marker.exists(), "the build never wrote its third file"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        _, stderr = process.communicate(timeout=30)
    # Killed, not finished: the test really stopped a build in the middle of writing.
    assert process.returncode == -signal.SIGKILL, stderr.decode()

    assert snapshot(output) == before
    staging = [p for p in tmp_path.iterdir() if p.name.startswith(".output")]
    assert [p.name.startswith(".output.new-") for p in staging] == [True]
    assert len([p for p in staging[0].rglob("*") if p.is_file()]) >= 3  # the half-written new site

    # The next build is not confused by the leftover, and does replace the site.
    result = _build(content, output)
    assert result.returncode == 0, result.stderr
    assert "Spring Assistant" in (output / "en/vacancies/100002/index.html").read_text("utf-8")
    assert not any(p.name.startswith(".output") for p in output.iterdir())


def test_a_build_that_fails_validation_writes_nothing(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    _edit(content / "vacancies/100001/vacancy.yaml", "grade: G17", "grade: G71")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = _build(content, tmp_path / "output")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "vacancy.yaml:2: grade:" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no output, no staging folder


def test_a_failed_build_keeps_the_previous_output(
    tmp_path: Path, previous: tuple[Path, Path, dict[str, bytes | None]]
) -> None:
    content, output, before = previous
    _edit(content / "vacancies/100002/en.md", "title: Winter Assistant", "titel: Winter Assistant")
    result = _build(content, output)
    assert result.returncode == 1, result.stderr
    assert "was not changed" in result.stderr
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content-basic", "output"]


def test_an_output_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    output = tmp_path / "output"
    output.write_bytes(b"not a folder")
    result = _build(content, output)
    assert result.returncode == 2, result.stdout + result.stderr  # refused before anything is read
    assert "Traceback" not in result.stdout + result.stderr
    assert f"--output {output} is a file, not a folder" in result.stderr
    assert output.read_bytes() == b"not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content-basic", "output"]


def test_an_output_path_inside_a_file_is_an_error(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    blocker = tmp_path / "site"
    blocker.write_bytes(b"a file where a folder should be")
    result = _build(content, blocker / "output")
    assert result.returncode == 2, result.stdout + result.stderr  # refused before anything is read
    assert "Traceback" not in result.stdout + result.stderr
    assert f"is inside {blocker}, which is a file, not a folder" in result.stderr
    assert blocker.read_bytes() == b"a file where a folder should be"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content-basic", "site"]
