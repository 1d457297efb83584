"""The preview's background builder (generator/preview/output_refresh.py): it rebuilds the output folder after
saves, keeps the content in memory between refreshes (one process), says what went wrong, and stops without
leaving a half-made site. Every test ends the processes it started, and fails if one is left."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SITES, run_cli
from preview_server import BUILD_FAULT, FAULT, assert_all_ended, descendants, h1
from test_atomic_output import snapshot

from generator.__main__ import _parser
from generator.preview.output_refresh import OutputRefresher

NOW = "2024-11-01"


def serve_args(content: Path, tmp_path: Path, now: str = NOW) -> argparse.Namespace:
    """The options `serve` would have, as the preview hands them to its builder."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    command = ["serve", "--content", str(content), "--output", str(output), "--cache-dir", str(cache)]
    return _parser().parse_args([*command, "--now", now])


@pytest.fixture
def results() -> list[list[str]]:
    """What each refresh of `refresher` handed over: the list of what went wrong."""
    return []


@pytest.fixture
def refresher(tmp_path: Path, results: list[list[str]]) -> Iterator[OutputRefresher]:
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    before = descendants(os.getpid())
    made = OutputRefresher(serve_args(content, tmp_path), results.append)
    try:
        yield made
    finally:
        assert made.stop(wait=30), "the builder did not end when the refresher stopped"
        assert_all_ended(descendants(os.getpid()) - before, "the test", timeout=1)


def test_each_refresh_builds_the_output_folder_with_the_saves_so_far(
    refresher: OutputRefresher, results: list[list[str]]
) -> None:
    args = refresher.args
    refresher.start()
    builder = refresher.builder_pid
    refresher.refresh()
    page = args.output / "en" / "vacancies" / "100002" / "index.html"
    assert "Winter Assistant" in page.read_text("utf-8")
    words = args.content / "vacancies" / "100002" / "en.md"
    for title in ("Winter Coordinator", "Winter Planner"):
        words.write_text(words.read_text("utf-8").replace("Winter Assistant", title), "utf-8")
        refresher.refresh()  # the same builder each time: its bundles stay in memory
        assert h1(page.read_text("utf-8")) == title
        words.write_text(words.read_text("utf-8").replace(title, "Winter Assistant"), "utf-8")
    assert (args.output / "pagefind" / "en" / "pagefind-entry.json").is_file()
    assert builder is not None and refresher.builder_pid == builder, "a refresh started another builder"
    assert descendants(os.getpid()) >= {builder}
    assert results == [[], [], []]


def test_a_builder_that_died_is_started_again_once(
    refresher: OutputRefresher, results: list[list[str]]
) -> None:
    refresher.start()
    builder = refresher._builder
    assert builder is not None
    builder.kill()
    builder.wait()
    refresher.refresh()
    assert (refresher.args.output / "en" / "vacancies" / "100002" / "index.html").is_file()
    restarted = refresher.builder_pid
    assert restarted not in (None, builder.pid)
    refresher.refresh()
    assert refresher.builder_pid == restarted
    assert results == [[], []]  # started again without a word


def test_a_build_that_raises_is_said_and_the_next_one_works(
    refresher: OutputRefresher, results: list[list[str]]
) -> None:
    refresher.command = (sys.executable, str(ROOT / "tests" / "preview_server.py"), "builder")
    fault = refresher.args.content / BUILD_FAULT
    fault.write_text("", "utf-8")
    refresher.refresh()
    builder = refresher.builder_pid
    fault.unlink()
    refresher.refresh()
    assert results == [[f"internal error: RuntimeError: {FAULT}"], []]
    assert refresher.builder_pid == builder  # a build that raised leaves the builder as it was
    assert (refresher.args.output / "en" / "vacancies" / "100002" / "index.html").is_file()


def test_a_builder_that_cannot_build_is_said(refresher: OutputRefresher, results: list[list[str]]) -> None:
    refresher.command = (sys.executable, "-c", "raise SystemExit(7)")
    refresher.refresh()
    assert results == [["the builder process ended (exit code 7) twice in a row"]]


def test_a_stop_during_a_build_lets_it_finish_and_leaves_no_half_made_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    command = [sys.executable, str(ROOT / "bench" / "corpus.py"), "--n", "300", "--out", str(content)]
    subprocess.run(command, check=True, capture_output=True)
    made = OutputRefresher(serve_args(content, tmp_path, "2026-06-01"))  # the corpus is open then
    made.refresh()
    words = sorted((content / "vacancies").iterdir())[0] / "en.md"
    words.write_text(words.read_text("utf-8").replace("title: ", "title: Changed ", 1), "utf-8")
    shutil.rmtree(tmp_path / "cache")  # the next build makes every page again: a few seconds
    building = threading.Thread(target=made.refresh)
    building.start()
    deadline = time.monotonic() + 30
    while not staging_folders(tmp_path):  # the build is writing the new site
        assert building.is_alive() and time.monotonic() < deadline, "no build was seen under way"
        time.sleep(0.01)
    made.stop()
    builder = made._builder
    assert builder is not None
    assert builder.wait(timeout=60) == 0  # it ends by itself, once the build is done
    building.join(timeout=10)
    cold = tmp_path / "cold"
    run_cli("build", "--content", str(content), "--output", str(cold), "--now", "2026-06-01", "--no-cache")
    assert snapshot(made.args.output) == snapshot(cold)
    assert staging_folders(tmp_path) == []


def staging_folders(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.startswith(".output.new-")]
