"""The pre-commit hook: a commit with a broken content file is stopped with the messages of `check`.

Runs the real `pre-commit` (the test extra) through git's own hook, in a throw-away repository
set up like ours: content/, our .pre-commit-config.yaml, and the generator's environment as .venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SITES

HOOK_KEYS = ("id", "name", "description", "entry", "language", "files", "pass_filenames")


def offered() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1, hooks
    return dict(hooks[0])


def test_our_configuration_uses_the_hook_we_offer() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    [repository] = config["repos"]
    assert repository["repo"] == "local"
    [hook] = repository["hooks"]
    assert hook == offered()
    assert set(hook) == set(HOOK_KEYS)
    assert hook["entry"].endswith("-m generator check") and hook["pass_filenames"] is False


class Repository:
    """A throw-away git repository holding a copy of the fixture site as content/."""

    def __init__(self, root: Path, home: Path) -> None:
        self.root = root
        shutil.copytree(SITES / "basic", root / "content")
        shutil.copy(ROOT / ".pre-commit-config.yaml", root)
        (root / ".gitignore").write_text(".venv\n", "utf-8")
        (root / ".venv").symlink_to(sys.prefix, target_is_directory=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))},
            "PRE_COMMIT_HOME": str(home),
            "GIT_AUTHOR_NAME": "Editor",
            "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "Editor",
            "GIT_COMMITTER_EMAIL": "editor@example.org",
            "SOURCE_DATE_EPOCH": "1730419200",
        }
        self.run("git", "init", "-q", "-b", "main")
        self.run(sys.executable, "-m", "pre_commit", "install")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            args, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=120
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        self.run("git", "add", "-A")
        return self.run("git", "commit", "-q", "-m", message, check=False)

    def commits(self) -> list[str]:
        log = self.run("git", "log", "--format=%s", check=False)
        return log.stdout.splitlines() if log.returncode == 0 else []


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "repository", tmp_path / "pre-commit-home")


def test_a_commit_with_a_broken_file_is_stopped_with_the_messages_of_check(repository: Repository) -> None:
    assert repository.commit("The site as it was").returncode == 0
    facts = repository.root / "content/vacancies/100001/vacancy.yaml"
    good = facts.read_text("utf-8")
    facts.write_text(good.replace("grade: G17", "grade: Senior").replace("division:", "divison:"), "utf-8")

    stopped = repository.commit("A broken vacancy")
    assert stopped.returncode != 0
    assert repository.commits() == ["The site as it was"]
    checked = repository.run(".venv/bin/python", "-m", "generator", "check", check=False)
    problems = [line for line in checked.stderr.splitlines() if line.startswith("content/")]
    assert len(problems) == 3, checked.stderr
    shown = (stopped.stdout + stopped.stderr).splitlines()
    for problem in problems:
        assert problem in shown, f"the hook did not show {problem!r}:\n{stopped.stdout}{stopped.stderr}"
    assert "Check failed: 3 errors" in stopped.stdout + stopped.stderr

    facts.write_text(good.replace("contract_years: 3", "contract_years: 2"), "utf-8")
    mended = repository.commit("The vacancy mended")
    assert mended.returncode == 0, mended.stdout + mended.stderr
    assert repository.commits() == ["The vacancy mended", "The site as it was"]


def test_a_commit_that_does_not_touch_content_is_not_checked(repository: Repository) -> None:
    assert repository.commit("The site as it was").returncode == 0
    facts = repository.root / "content/vacancies/100001/vacancy.yaml"
    facts.write_text(facts.read_text("utf-8").replace("grade: G17", "grade: Senior"), "utf-8")
    (repository.root / "notes.txt").write_text("minutes of the editorial meeting\n", "utf-8")
    repository.run("git", "add", "notes.txt")
    result = repository.run("git", "commit", "-q", "-m", "Notes only", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in (result.stdout + result.stderr).replace(".", "")
