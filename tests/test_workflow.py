"""The publishing workflow: actionlint finds nothing, and it publishes when and how it must.

GitHub Pages gets the site on every push to main, on demand, and every night just after midnight
in Brussels (so that vacancies close on time when nobody commits), built with the real clock, and
only after the whole test suite passed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import ROOT
from missing_tools import unavailable

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")
BUILD = re.compile(r"python -m generator build --strict\b")


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict), f"{WORKFLOW} is not a mapping"
    return data


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
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(WORKFLOW.relative_to(ROOT))],
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
