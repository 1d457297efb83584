"""`check --format`: the problems of a check for machines as well as for people.

- `github`: GitHub workflow commands (`::error file=…,line=…,title=…::message`), so
  that a pull request shows each problem on the line that has it;
- `json`: a list of problems, each with file, line, severity, message and hint;
- `markdown`: a report for a job summary: the problems, then the translations.

Files are named relative to the top of the git repository that holds the content
folder (the paths GitHub knows), or to the working folder outside git.
`text`, the default, is printed by __main__ as before.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..build import Outcome
from ..common.problems import Problem, Severity
from ..content.git_history import top_level
from ..content.translation_status import translation_status

FORMATS = ("text", "github", "json", "markdown")
TITLES = {Severity.ERROR: "Content error", Severity.WARNING: "Content warning"}


def format_check(form: str, outcome: Outcome, strict: bool, content: Path) -> str:
    """The whole output of `check --format FORM` (not `text`), ending with a newline."""
    root = top_level(content) or Path.cwd()
    problems = [*outcome.report.errors(strict=strict), *outcome.report.warnings(strict=strict)]
    if form == "github":
        return "".join(github_command(problem, root) + "\n" for problem in problems)
    if form == "json":
        return (
            json.dumps([as_json(problem, root) for problem in problems], ensure_ascii=False, indent=2) + "\n"
        )
    return markdown_report(outcome, problems, root, strict)


def repository_path(path: str, root: Path) -> str:
    """A problem's path relative to `root` (with `/`), or as it was when it is outside."""
    real = os.path.realpath(path)
    relative = os.path.relpath(real, os.path.realpath(root))
    return path if relative == ".." or relative.startswith(f"..{os.sep}") else Path(relative).as_posix()


def full_message(problem: Problem) -> str:
    return f"{problem.message}; {problem.hint}" if problem.hint else problem.message


# GitHub reads a workflow command up to the end of the line, its properties up to `,`.
# https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem, root: Path) -> str:
    """`::error file=content/x.yaml,line=3,title=Content error::message; hint`."""
    properties = {"file": repository_path(problem.path, root)}
    if problem.line:
        properties["line"] = str(problem.line)
    properties["title"] = TITLES[problem.severity]
    written = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{problem.severity.value} {written}::{escape_data(full_message(problem))}"


def as_json(problem: Problem, root: Path) -> dict[str, object]:
    return {
        "file": repository_path(problem.path, root),
        "line": problem.line or None,
        "severity": problem.severity.value,
        "message": problem.message,
        "hint": problem.hint,
    }


def cell(text: str) -> str:
    """Text in a Markdown table cell: no markup, no line break, no column break."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"), ("`", "&#96;")):
        text = text.replace(char, entity)
    return " ".join(text.split())


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def markdown_report(outcome: Outcome, problems: Iterable[Problem], root: Path, strict: bool) -> str:
    problems = list(problems)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    verdict = "Check failed" if outcome.failed(strict) else "Content is valid"
    lines = [
        "## Content check",
        "",
        f"**{verdict}:** {_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}"
        + (" (with `--strict`: missing and stale translations are errors)." if strict else "."),
    ]
    for title, found in (("Errors", errors), ("Warnings", warnings)):
        if found:
            lines += ["", f"### {title}", "", "| File | Line | Problem |", "|---|---|---|"]
            lines += [
                f"| {cell(repository_path(p.path, root))} | {p.line or ''} | {cell(full_message(p))} |"
                for p in found
            ]
    lines += ["", "### Translations", ""]
    if outcome.content is None:
        lines.append("Not known: the content has errors that stop the check before translations.")
    else:
        behind = [
            status
            for status in translation_status(outcome.content, outcome.changes)
            if status.missing or status.stale
        ]
        if not behind:
            lines.append("Every vacancy and page is in every language, and no translation is out of date.")
        else:
            lines += ["| Item | In | Missing | Out of date |", "|---|---|---|---|"]
            lines += [
                f"| {cell(s.label)} | {', '.join(s.present)} | {', '.join(s.missing) or '-'}"
                f" | {', '.join(s.stale) or '-'} |"
                for s in behind
            ]
    return "\n".join(lines) + "\n"
