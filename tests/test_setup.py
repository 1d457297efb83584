"""The two-command set-up (README): `make site` installs only what building needs, `make test`
adds the test tools. Read from what make would run (`make -n`), in a virtual environment that does
not exist yet, as on a fresh machine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, SITES, run_cli


def planned(target: str, venv: Path) -> str:
    """The commands `make TARGET` would run on a machine without the virtual environment."""
    result = subprocess.run(
        ["make", "-n", "-B", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_site_installs_the_generator_without_the_test_tools(tmp_path: Path) -> None:
    commands = planned("site", tmp_path / "venv")
    assert "pip install --quiet -e .\n" in commands
    assert "[test]" not in commands
    assert "-m generator build" in commands


def test_make_test_adds_the_test_tools(tmp_path: Path) -> None:
    commands = planned("test", tmp_path / "venv")
    assert "pip install --quiet -e .\n" in commands
    assert "pip install --quiet -e '.[test]'" in commands
    assert commands.index("'.[test]'") < commands.index("-m pytest")


def test_the_command_new_prints_works_as_typed_in_the_project(tmp_path: Path) -> None:
    """`new` says what to run next: typed in the project's folder, with a PATH that has no
    virtual environment on it, it runs the generator (not a bare `python` without its packages)."""
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    created = run_cli("new", "vacancy", "250001", "--content", str(content))
    assert created.returncode == 0, created.stderr
    printed = created.stdout.strip().split("then run: ", 1)[1]
    assert " -m generator check --content " in printed
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        printed, shell=True, cwd=ROOT, env=bare, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Content is valid" in result.stdout + result.stderr
