"""Tests that need a tool pytest cannot install (Chromium, axe-core, the Nu Html Checker, Java,
nginx, actionlint): on CI they fail when it is missing; elsewhere they are skipped, and the run
ends with a loud list of what was not checked and how to install it, so that a green local run
is not taken for a full one.

CI is the environment variable CI set to true, 1, yes or on (any case), as CI services set it.
The end-of-run list is a pytest hook, re-exported by conftest.py.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any, NoReturn

import pytest

CI_VALUES = ("true", "1", "yes", "on")


def on_ci() -> bool:
    """Whether the suite runs on CI, where a missing tool is a failure."""
    return os.environ.get("CI", "").strip().lower() in CI_VALUES


def unavailable(problem: str, needs: str = "") -> NoReturn:
    """A tool is missing: fail on CI, skip with the reason (and how to install it) elsewhere."""
    reason = f"{needs}: {problem}" if needs else problem
    if on_ci():
        pytest.fail(f"cannot run on CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _reason(report: Any) -> str:
    longrepr = report.longrepr
    text = str(longrepr[2]) if isinstance(longrepr, tuple) else str(longrepr)
    return text.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """After the run: each reason tests were skipped for, with their number, in red."""
    reasons = Counter(_reason(report) for report in terminalreporter.stats.get("skipped", []))
    if not reasons:
        return
    total = sum(reasons.values())
    terminalreporter.write_sep(
        "!",
        f"{total} test{'s' * (total != 1)} SKIPPED: this run did NOT check everything",
        red=True,
        bold=True,
    )
    for reason, count in reasons.most_common():
        terminalreporter.write_line(f"  {count:4d} x {reason}", red=True)
    terminalreporter.write_line(
        "Install what is missing (`make test` installs the npm checkers into tests/node_modules), "
        f"or set CI=true (or {', '.join(CI_VALUES[1:])}) to make these tests fail instead of skipping.",
        red=True,
        bold=True,
    )
