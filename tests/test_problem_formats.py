"""`check --format`: GitHub annotations, JSON and Markdown say what the text says, exit codes unchanged."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import SITES, copy_site, run_cli

from generator.common.problems import Problem, Severity
from generator.tools.problem_formats import escape_data, escape_property, github_command

NOW = "2024-11-01"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def git_repository(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A git repository whose content (in site/content) has one error and one missing translation."""
    repository = git_repository(tmp_path / "repo")
    (repository / "site").mkdir()
    content = copy_site("basic", repository / "site")
    _replace(content / "vacancies/100002/vacancy.yaml", "division: PDD", "division: PPD")
    return content


def test_data_and_properties_are_escaped_as_github_reads_them() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = Problem("content/a,b:c.yaml", 0, "x: 50% off", "one\ntwo", Severity.WARNING)
    assert github_command(problem, Path.cwd()) == (
        "::warning file=content/a%2Cb%3Ac.yaml,title=Content warning::x: 50%25 off; one%0Atwo"
    )


def test_github_names_files_from_the_top_of_the_repository(broken: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = run_cli("check", "--content", str(broken), "--now", NOW, cwd=elsewhere)
    github = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "github", cwd=elsewhere)
    assert text.returncode == github.returncode == 1
    assert github.stdout.splitlines() == [
        "::error file=site/content-basic/vacancies/100002/vacancy.yaml,line=3,title=Content error::"
        "division: \"PPD\" is not one of OPS, PDD; did you mean 'PDD'?",
    ]
    assert github.stderr == ""
    # The same message as the text format, which names the file as given.
    assert f'{broken}/vacancies/100002/vacancy.yaml:3: division: "PPD" is not one of OPS, PDD' in text.stderr


def test_json_lists_every_problem_with_its_severity(broken: Path) -> None:
    _replace(broken / "vacancies/100002/vacancy.yaml", "division: PPD", "division: PDD")
    result = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "json", cwd=broken)
    assert result.returncode == 0
    problems = json.loads(result.stdout)
    assert problems == [
        {
            "file": "site/content-basic/vacancies/100003/fr.md",
            "line": None,
            "severity": "warning",
            "message": "vacancy 100003 is not translated into fr; it is published in en only",
            "hint": "write fr.md in 100003/ (build --strict fails until then)",
        }
    ]
    strict = run_cli("check", "--strict", "--content", str(broken), "--now", NOW, "--format", "json")
    assert strict.returncode == 1
    assert [p["severity"] for p in json.loads(strict.stdout)] == ["error"]


def test_outside_git_files_are_named_from_the_working_folder(tmp_path: Path) -> None:
    result = run_cli("check", "--content", str(SITES / "basic"), "--now", NOW, "--format", "json", cwd=SITES)
    assert result.returncode == 0
    # tests/sites is inside this repository, so its top is the repository's.
    assert json.loads(result.stdout)[0]["file"] == "tests/sites/basic/vacancies/100003/fr.md"
    content = copy_site("basic", tmp_path)
    outside = run_cli("check", "--content", "content-basic", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert json.loads(outside.stdout)[0]["file"] == "content-basic/vacancies/100003/fr.md"
    assert content.is_dir()


def test_markdown_reports_problems_and_translations(broken: Path) -> None:
    _replace(broken / "vacancies/100001/vacancy.yaml", "{en: Brussels, fr: Bruxelles}", '"A | <b>B</b>"')
    result = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "markdown")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "**Check failed:** 1 error, 1 warning." in lines
    assert (
        "| site/content-basic/vacancies/100002/vacancy.yaml | 3 | "
        "division: \"PPD\" is not one of OPS, PDD; did you mean 'PDD'? |"
    ) in lines
    assert "Not known: the content has errors that stop the check before translations." in lines

    _replace(broken / "vacancies/100002/vacancy.yaml", "division: PPD", "division: PDD")
    valid = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "markdown")
    assert valid.returncode == 0
    assert "| vacancy 100003 | en | fr | - |" in valid.stdout.splitlines()
    assert "<b>" not in valid.stdout
    assert "so every language shows 'A &#124; &lt;b&gt;B&lt;/b&gt;'; write one text per" in valid.stdout


def test_usage_mistakes_keep_exit_code_2() -> None:
    result = run_cli("check", "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr
