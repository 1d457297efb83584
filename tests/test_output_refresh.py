"""The preview's background builder (generator/preview/output_refresh.py): it rebuilds the output folder after
saves, keeps the content in memory between refreshes, and stops without leaving a half-made site."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SITES, run_cli
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
def refresher(tmp_path: Path) -> Iterator[OutputRefresher]:
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    made = OutputRefresher(serve_args(content, tmp_path))
    try:
        yield made
    finally:
        made.stop()


def test_each_refresh_builds_the_output_folder_with_the_saves_so_far(refresher: OutputRefresher) -> None:
    args = refresher.args
    refresher.start()
    refresher.refresh()
    page = args.output / "en" / "vacancies" / "100002" / "index.html"
    assert "Winter Assistant" in page.read_text("utf-8")
    words = args.content / "vacancies" / "100002" / "en.md"
    for title in ("Winter Coordinator", "Winter Planner"):
        words.write_text(words.read_text("utf-8").replace("Winter Assistant", title), "utf-8")
        refresher.refresh()  # the same builder each time: its bundles stay in memory
        assert f"{title}</h1>" in page.read_text("utf-8")
        words.write_text(words.read_text("utf-8").replace(title, "Winter Assistant"), "utf-8")
    assert (args.output / "pagefind" / "en" / "pagefind-entry.json").is_file()


def test_a_builder_that_died_is_started_again(refresher: OutputRefresher) -> None:
    refresher.start()
    builder = refresher._builder
    assert builder is not None
    builder.kill()
    builder.wait()
    refresher.refresh()
    assert (refresher.args.output / "en" / "vacancies" / "100002" / "index.html").is_file()


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
