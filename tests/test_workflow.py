"""The workflows: actionlint finds nothing, they publish and review when and how they must.

GitHub Pages gets the site on every push to main, on demand, and every night just after midnight
in Brussels (so that vacancies close on time when nobody commits), built with the real clock, and
only after the whole test suite passed for the code that builds it: a content-only push skips the
suite and is checked, built with --strict and link-checked.

Every pull request is checked (its problems as annotations), built with --strict, link-checked,
summarised against its base branch and uploaded, with a read-only token and no secrets.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import ROOT, SITES
from missing_tools import unavailable

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "publish.yml"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")
BUILD = re.compile(r"python -m generator build --strict\b")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict), f"{path} is not a mapping"
    return data


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return load(WORKFLOW)


@pytest.fixture(scope="module")
def pull_request() -> dict[Any, Any]:
    return load(PULL_REQUEST)


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict), f"`on:` should be a mapping, not {on!r}"
    return on


def steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    found = workflow["jobs"][job].get("steps", [])
    assert isinstance(found, list)
    return found


def index(found: list[dict[str, Any]], what: str, test: Any) -> int:
    matches = [i for i, step in enumerate(found) if test(step)]
    assert matches, f"the build job has no step that {what}: {found}"
    return matches[0]


def test_actionlint_finds_nothing() -> None:
    if not ACTIONLINT.is_file():
        unavailable(f"actionlint is not at {ACTIONLINT}; pip install -e '.[test]'")
    workflows = sorted(str(path.relative_to(ROOT)) for path in WORKFLOWS.glob("*.y*ml"))
    assert ".github/workflows/pull-request.yml" in workflows, workflows
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *workflows],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stdout + result.stderr


def test_triggers_push_schedule_and_manual_runs(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    assert on.get("push", {}).get("branches") == ["main"], on.get("push")
    assert "workflow_dispatch" in on


@pytest.mark.parametrize("day", ["2025-01-15", "2025-07-15"], ids=["winter", "summer"])
def test_the_nightly_run_is_just_after_midnight_in_brussels(workflow: dict[Any, Any], day: str) -> None:
    schedule = triggers(workflow).get("schedule")
    assert isinstance(schedule, list) and len(schedule) == 1, schedule
    minute, hour, *rest = schedule[0]["cron"].split()
    assert rest == ["*", "*", "*"], f"not a daily schedule: {schedule[0]['cron']!r}"
    assert minute.isdigit() and hour.isdigit(), f"one run a day at a fixed time: {schedule[0]['cron']!r}"
    # GitHub reads cron in UTC; Brussels is UTC+1 in winter and UTC+2 in summer.
    when = datetime.fromisoformat(day).replace(hour=int(hour), minute=int(minute), tzinfo=UTC)
    local = when.astimezone(BRUSSELS).time()
    assert time(0, 0) <= local < time(2, 0), f"{schedule[0]['cron']!r} runs at {local} in Brussels on {day}"


def test_the_build_job_tests_then_builds_with_the_real_clock(workflow: dict[Any, Any]) -> None:
    found = steps(workflow, "build")
    tests = index(found, "runs make test", lambda s: re.search(r"\bmake test\b", s.get("run", "")))
    build = index(found, "builds the site", lambda s: BUILD.search(s.get("run", "")))
    upload = index(
        found, "uploads the site", lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert tests < build < upload, "the tests must pass before the build, the build before the upload"
    assert found[upload].get("with", {}).get("path") == "output"

    command = found[build]["run"]
    assert "--now" not in command, command
    assert not re.search(r"SOURCE_DATE_EPOCH\s*=", command), command
    for level, env in (
        ("workflow", workflow.get("env")),
        ("job", workflow["jobs"]["build"].get("env")),
        ("step", found[build].get("env")),
    ):
        assert "SOURCE_DATE_EPOCH" not in (env or {}), f"the {level} sets SOURCE_DATE_EPOCH"


def test_deploys_to_pages_only_after_the_build(workflow: dict[Any, Any]) -> None:
    jobs = workflow["jobs"]
    deploy = jobs["deploy"]
    needs = deploy.get("needs")
    assert "build" in ([needs] if isinstance(needs, str) else needs or []), f"deploy needs {needs!r}"
    # `if: always()` and the like would deploy after a failed build.
    assert not re.search(r"always\(\)|failure\(\)|cancelled\(\)", str(deploy.get("if", ""))), deploy.get("if")
    uses = [step.get("uses", "") for step in deploy.get("steps", [])]
    assert any(u.startswith("actions/deploy-pages@") for u in uses), uses
    assert deploy.get("environment", {}).get("name") == "github-pages"

    # A job's own `permissions:` replaces the workflow's; deploy-pages needs these two.
    permissions = deploy.get("permissions", workflow.get("permissions")) or {}
    assert permissions.get("pages") == "write", permissions
    assert permissions.get("id-token") == "write", permissions


def step_running(found: list[dict[str, Any]], pattern: str) -> int:
    return index(found, f"runs {pattern!r}", lambda s: re.search(pattern, s.get("run", "")))


def step_using(found: list[dict[str, Any]], action: str) -> int:
    return index(found, f"uses {action}", lambda s: s.get("uses", "").startswith(f"{action}@"))


def fingerprinted(workflow: dict[Any, Any]) -> list[str]:
    """The file patterns of the code fingerprint that decides whether the tests run."""
    found = steps(workflow, "build")
    code = found[index(found, "fingerprints the code", lambda s: s.get("id") == "code")]["run"]
    patterns = re.search(r"hashFiles\(([^)]*)\)", code)
    assert patterns, code
    return re.findall(r"'([^']+)'", patterns.group(1))


def test_the_test_suite_runs_only_for_code_it_has_not_passed(workflow: dict[Any, Any]) -> None:
    found = steps(workflow, "build")
    tested = found[index(found, "looks up the code", lambda s: s.get("id") == "tested")]
    assert tested["uses"].startswith("actions/cache/restore@")
    assert tested["with"] == {
        "path": ".tests-passed",
        "key": "${{ steps.code.outputs.key }}",
        "lookup-only": True,
    }
    test = step_running(found, r"\bmake test\b")
    assert found[test]["if"] == "steps.tested.outputs.cache-hit != 'true'"
    assert ".tests-passed" in found[test]["run"].split("make test")[1], (
        "the mark is made after the tests pass"
    )
    save = step_using(found, "actions/cache/save")
    assert found[save]["with"] == {"path": ".tests-passed", "key": "${{ steps.code.outputs.key }}"}
    assert found[save]["if"] == found[test]["if"] and test < save


def _top_prose(path: str) -> bool:
    """A page of prose in the top folder (README.md): no test reads it."""
    return path.endswith(".md") and "/" not in path


def test_the_fingerprint_covers_code_templates_tests_and_dependencies_not_content(
    workflow: dict[Any, Any],
) -> None:
    patterns = fingerprinted(workflow)
    for needed in ("generator/**", "templates/**", "tests/**", "pyproject.toml", "Makefile"):
        assert needed in patterns
    assert not any(p.startswith("content") for p in patterns), patterns
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()

    def covered(path: str) -> bool:
        return any(path == p or (p.endswith("/**") and path.startswith(p[:-2])) for p in patterns)

    # Content and the top folder's prose change what is published, not whether the code works.
    uncovered = [p for p in tracked if not (p.startswith("content/") or _top_prose(p) or covered(p))]
    assert uncovered in ([], [".gitignore"]), f"files no test run would see change: {uncovered}"


def test_every_publish_is_checked_built_strictly_and_link_checked(workflow: dict[Any, Any]) -> None:
    found = steps(workflow, "build")
    check = step_running(found, r"python -m generator check --format github$")
    cache = index(found, "keeps .cache", lambda s: s.get("with", {}).get("path") == ".cache")
    assert found[cache]["uses"].startswith("actions/cache@")
    assert found[cache]["with"]["restore-keys"] == "site-cache-"
    build = step_running(found, BUILD.pattern)
    links = step_running(found, r"python -m generator links output$")
    upload = step_using(found, "actions/upload-pages-artifact")
    assert check < cache < build < links < upload
    for step in (check, cache, build, links, upload):
        assert "if" not in found[step], f"{found[step]} must run on every publish"


# --- the pull-request workflow ------------------------------------------------------------------


def test_pull_requests_run_untrusted_with_a_read_only_token(pull_request: dict[Any, Any]) -> None:
    text = PULL_REQUEST.read_text("utf-8")
    assert list(triggers(pull_request)) == ["pull_request"]
    assert "pull_request_target" not in text.replace("never `pull_request_target`", "")
    assert pull_request["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pull_request["jobs"].values())
    assert "secrets." not in text
    # Text a pull-request author chooses never reaches a shell (script injection).
    assert not re.search(r"github\.(head_ref|event\.pull_request\.(title|body|head\.(ref|label)))", text)
    for job in pull_request["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, step


def test_a_pull_request_is_checked_built_linked_summarised_and_uploaded(pull_request: dict[Any, Any]) -> None:
    found = steps(pull_request, "review")
    base = index(found, "checks out the base", lambda s: s.get("with", {}).get("path") == ".base")
    assert found[base]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    check = step_running(found, r"^\.venv/bin/python -m generator check --format github$")
    build = step_running(found, r"python -m generator build --strict --output output$")
    links = step_running(found, r"python -m generator links output$")
    base_build = step_running(found, r"-m generator build --output \.\./\.base-output")
    summary = step_running(found, r"GITHUB_STEP_SUMMARY")
    upload = step_using(found, "actions/upload-artifact")
    assert base < check < build < links < base_build < summary < upload
    assert found[base_build]["working-directory"] == ".base"
    assert "check --strict --format markdown" in found[summary]["run"]
    assert "generator diff .base-output output" in found[summary]["run"]
    assert found[upload]["with"]["path"] == "output"
    # The summary and what can be shown still come when the check finds problems.
    for step in (build, summary):
        assert found[step]["if"] == "${{ !cancelled() }}"
    assert (
        "steps.build.outcome == 'success'" in found[links]["if"] and found[upload]["if"] == found[links]["if"]
    )
    clock = step_running(found, r"SOURCE_DATE_EPOCH=\$\(date \+%s\)")
    assert clock < build, "both sites are built as of the same moment"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_workflow_check_command_annotates_a_broken_tree(
    pull_request: dict[Any, Any], tmp_path: Path
) -> None:
    found = steps(pull_request, "review")
    command = found[step_running(found, r"generator check --format github")]["run"]
    # A repository like ours: content/ at the top and the generator's environment in .venv.
    repository = tmp_path / "repository"
    shutil.copytree(SITES / "basic", repository / "content")
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    facts = repository / "content/vacancies/100001/vacancy.yaml"
    _replace(facts, "division: OPS", "divison: OPS")
    _replace(facts, "grade: G17", "grade: Senior")
    _replace(facts, "deadline: 2024-07-10T23:59", "deadline: 10 July, midnight")
    _replace(repository / "content/vacancies/100002/vacancy.yaml", "division: PDD", 'division: "P, 100%"')
    _replace(
        repository / "content/vacancies/100003/vacancy.yaml", "{en: Brussels, fr: Bruxelles}", "Brussels"
    )

    result = subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=repository,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1730419200"},
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    annotations = [
        (match["kind"], match["file"], match["line"], match["message"])
        for match in map(ANNOTATION.fullmatch, result.stdout.splitlines())
        if match
    ]
    assert len(annotations) == len(result.stdout.splitlines()), result.stdout
    first = "content/vacancies/100001/vacancy.yaml"
    assert annotations == [
        ("error", first, "1", "division is required; add a line `division: ...`"),
        (
            "error",
            first,
            "2",
            'grade: "Senior" is not a grade of the salary scale; grades come from salary-scale.yaml',
        ),
        ("error", first, "3", "unknown key divison; did you mean 'division'?"),
        (
            "error",
            first,
            "9",
            'deadline: "10 July, midnight" is not a date-time; write it like 2024-11-10T23:59',
        ),
        (
            "error",
            "content/vacancies/100002/vacancy.yaml",
            "3",
            'division: "P, 100%25" is not one of OPS, PDD',
        ),
        (
            "warning",
            "content/vacancies/100003/vacancy.yaml",
            "4",
            "location.city is written once, so every language shows 'Brussels'; "
            "write one text per language, like {en: ..., fr: ...}",
        ),
    ]


ANNOTATION = re.compile(
    r"::(?P<kind>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"title=Content (?P=kind)::(?P<message>.*)"
)


@pytest.mark.parametrize(
    ("changed", "code"),
    [
        (["content/vacancies/1/vacancy.yaml", "README.md"], "false"),
        (["content/vacancies/1/vacancy.yaml", "templates/base.html"], "true"),
        (["pyproject.toml"], "true"),
        (["tests/sites/basic/site.yaml"], "true"),
        (["tests/sites/basic/vacancies/100001/en.md"], "true"),  # a fixture written in Markdown
        (["docs/architecture.md"], "true"),  # the tests read it (test_architecture.py)
    ],
    ids=["content-and-prose", "template", "dependencies", "fixture", "markdown-fixture", "docs"],
)
def test_a_pull_request_runs_the_test_suite_when_it_touches_code(
    pull_request: dict[Any, Any], tmp_path: Path, changed: list[str], code: str
) -> None:
    found = steps(pull_request, "tests")
    detect = found[index(found, "looks for code", lambda s: s.get("id") == "changes")]
    test = step_running(found, r"^make test$")
    assert found[test]["if"] == "steps.changes.outputs.code == 'true'"
    assert detect["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}

    repository = tmp_path / "repository"
    files = ["content/vacancies/1/vacancy.yaml", "templates/base.html", "docs/editing.md", "README.md"]
    files += ["pyproject.toml", "tests/sites/basic/site.yaml", "tests/sites/basic/vacancies/100001/en.md"]
    files += ["docs/architecture.md"]
    for name in files:
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        (repository / name).write_text("before\n", "utf-8")
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repository, check=True)
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repository, capture_output=True, text=True, check=True
    ).stdout.strip()
    for name in changed:
        (repository / name).write_text("after\n", "utf-8")
    subprocess.run([*git, "commit", "-qam", "change"], cwd=repository, check=True)

    output = tmp_path / "github-output"
    result = subprocess.run(
        ["bash", "-e", "-c", detect["run"]],
        cwd=repository,
        env={**os.environ, "BASE": base, "GITHUB_OUTPUT": str(output)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert output.read_text("utf-8") == f"code={code}\n"


def test_the_property_tests_run_at_length_every_night() -> None:
    """`make test` tries a few examples per property; `make fuzz` many, on a schedule."""
    fuzz = load(WORKFLOWS / "fuzz.yml")
    on = triggers(fuzz)
    (schedule,) = on["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit(), schedule
    assert "workflow_dispatch" in on
    assert fuzz["permissions"] == {"contents": "read"}
    found = steps(fuzz, "fuzz")
    step_running(found, r"^make fuzz$")
    assert all(step.get("with", {}).get("persist-credentials") is not True for step in found)
    make = (ROOT / "Makefile").read_text("utf-8")
    recipe = make.split("\nfuzz:", 1)[1].split("\n\n", 1)[0]
    assert "HYPOTHESIS_PROFILE=fuzz" in recipe and "-m hypothesis" in recipe, recipe
