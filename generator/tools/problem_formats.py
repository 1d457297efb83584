"""`check --format`: the problems of a check for machines as well as for people.

- `github`: GitHub workflow commands (`::error file=…,line=…,title=…::message`), so
  that a pull request shows each problem on the line that has it;
- `json`: a list of problems, each with file, line, severity, message and hint;
- `markdown`: a report for a job summary: the problems, then the translations.

Files are named relative to the top of the git repository that holds the content
folder (the paths GitHub knows), or to the working folder outside git.
`text`, the default, is printed by __main__ as before.

Every format is valid UTF-8 whatever the names in it hold: a byte of a file name that is
not UTF-8 is written `\\xe9`, as in the text format. The Markdown shows every value as
typed: `markdown_text` keeps a link, an image or HTML in a title or a grade from becoming
one in the summary that reviewers read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..build import Outcome
from ..common.problems import Problem, Severity, encodable, one_line
from ..content.translation_status import TranslationStatus, top_level, translation_status

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
    try:
        real = os.path.realpath(path)
    except ValueError:  # a NUL: not a path of the file system
        return path
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
    written = ",".join(f"{key}={escape_property(encodable(value))}" for key, value in properties.items())
    return f"::{problem.severity.value} {written}::{escape_data(encodable(full_message(problem)))}"


def as_json(problem: Problem, root: Path) -> dict[str, object]:
    return {
        "file": encodable(repository_path(problem.path, root)),
        "line": problem.line or None,
        "severity": problem.severity.value,
        "message": encodable(problem.message),
        "hint": encodable(problem.hint),
    }


# Where a line break or a column break could come from: runs of them become one space.
_BREAKS = re.compile("[ \t\n\r\f\v]+")
# What starts Markdown or HTML inside a line, in CommonMark and in GitHub's extensions (tables,
# strikethrough, math, and the addresses it makes links of: https://… and www.…)...
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]~$&<>|]|(?<=[A-Za-z]):(?=//)|(?<=[wW]{3})\.")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
# ... and what starts a block at the start of a line: a heading, a list item, an ordered list item.
_ORDERED = re.compile(r"\d{1,9}(?=[.)])")


def plain_line(text: str) -> str:
    """`text` on one line, as the summary shows it: breaks as spaces, control characters and
    bytes that are not UTF-8 as escapes (like the text format)."""
    return one_line(_BREAKS.sub(" ", text).strip(" "))


def markdown_text(text: str) -> str:
    """Markdown that shows `text` as typed, anywhere in a line or a table cell: no link, image,
    HTML, emphasis or code of its own, however it is written (backticks included)."""
    shown = _INLINE_MARKUP.sub(lambda match: _ENTITIES.get(match[0], "\\" + match[0]), plain_line(text))
    if number := _ORDERED.match(shown):
        return f"{number[0]}\\{shown[number.end() :]}"
    return "\\" + shown if shown[:1] in ("#", "+", "-", "=") else shown


def problem_row(problem: Problem, root: Path) -> str:
    """`| file | line | message; hint |`, a row of the Markdown report's table of problems."""
    where = markdown_text(repository_path(problem.path, root))
    return f"| {where} | {problem.line or ''} | {markdown_text(full_message(problem))} |"


def translation_row(status: TranslationStatus) -> str:
    """`| item | in | missing | out of date |`, a row of the Markdown report's translations."""
    cells = [markdown_text(status.label), markdown_text(", ".join(status.present))]
    cells += [markdown_text(", ".join(languages)) or "-" for languages in (status.missing, status.stale)]
    return f"| {' | '.join(cells)} |"


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
            lines += [problem_row(problem, root) for problem in found]
    lines += ["", "### Translations", ""]
    shown = outcome.content or outcome.valid_part  # with errors, what has none is still reported
    if shown is None:
        lines.append("Not known: site.yaml or salary-scale.yaml has errors that stop the check before.")
    else:
        if outcome.content is None:
            lines += ["Of the vacancies and pages without errors:", ""]
        behind = [
            status for status in translation_status(shown, outcome.changes) if status.missing or status.stale
        ]
        if not behind:
            lines.append("Every vacancy and page is in every language, and no translation is out of date.")
        else:
            lines += ["| Item | In | Missing | Out of date |", "|---|---|---|---|"]
            lines += [translation_row(status) for status in behind]
    return "\n".join(lines) + "\n"
