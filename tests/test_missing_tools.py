"""A run without Chromium, nginx or the npm checkers says loudly what it skipped; CI=1 counts as CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from missing_tools import on_ci

TESTS = Path(__file__).resolve().parent
NEEDS_A_TOOL = """
from missing_tools import unavailable

def test_needs_axe():
    unavailable("axe-core is not installed; run `make test`")

def test_needs_nginx():
    unavailable("nginx not found; apt-get install nginx-light", "the hosting tests need nginx")

def test_runs():
    assert 1 + 1 == 2
"""


@pytest.mark.parametrize("value", ["true", "TRUE", "True", "1", "yes", "Yes", " on "])
def test_ci_is_recognised_as_ci_services_set_it(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    assert on_ci()


@pytest.mark.parametrize("value", ["", "0", "false", "no"])
def test_anything_else_is_not_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    assert not on_ci()


def _pytest(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_tools.py").write_text(NEEDS_A_TOOL, "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(TESTS)}
    command = [sys.executable, "-m", "pytest", "-p", "missing_tools", "-p", "no:cacheprovider", "-q"]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)


def test_a_plain_run_ends_with_what_it_skipped_and_how_to_install_it(tmp_path: Path) -> None:
    run = _pytest(tmp_path, "")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 tests SKIPPED: this run did NOT check everything" in run.stdout, run.stdout
    assert "1 x axe-core is not installed; run `make test`" in run.stdout, run.stdout
    assert "1 x the hosting tests need nginx: nginx not found; apt-get install nginx-light" in run.stdout
    assert "set CI=true (or 1, yes, on)" in run.stdout


def test_on_ci_a_missing_tool_fails(tmp_path: Path) -> None:
    run = _pytest(tmp_path, "1")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "2 failed, 1 passed" in run.stdout, run.stdout
    assert "cannot run on CI: axe-core is not installed" in run.stdout
    assert "SKIPPED: this run" not in run.stdout
