"""`python -m generator diff OLD NEW`: what a change does to the built site, as Markdown.

Compares two built output folders (in a pull request: the base branch's and the
change's): the pages it adds, removes and changes, and the vacancies it opens,
closes, or adds already closed. Both builds are read as of one clock, the newer
build's unless `--now` gives another, so that the time of a build is never taken
for a change: a vacancy's state is worked out as of that clock (diff_vacancies.py),
and pages are compared without the parts the templates mark `data-clock` (the
"as of" line, the countdowns). Pages are the HTML files outside the search index.
Every value is shown as typed (`markdown_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from ..common.problems import Problem, UsageError, display_path
from .diff_vacancies import Changes, Vacancy, changes, read_vacancies
from .problem_formats import markdown_text

MAX_ROWS = 100  # per table: a summary stays readable when a template change touches every page
# An element marked as telling the time of the build, and all it holds (it holds no element of
# its own name): the templates mark the "as of" line and the countdowns so.
_CLOCK_PART = re.compile(rb"<(\w+)(?=[^>]*\sdata-clock[\s>=])[^>]*>.*?</\1>", re.S)


@dataclass(frozen=True)
class SiteDiff:
    added: list[str]  # site paths, like /en/vacancies/241490/
    removed: list[str]
    changed: list[str]
    titles: dict[str, str]  # site path -> the page's <title>, from the newer build that has it
    vacancies: Changes | None  # None when a vacancies.json could not be read at all
    unread: list[Problem]  # what of either vacancies.json could not be compared
    clocks: tuple[datetime | None, datetime | None]  # each build's own
    clock: datetime | None  # the one both builds' vacancies are read as of


class _Title(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.title += data


def page_title(path: Path) -> str:
    parser = _Title()
    parser.feed(path.read_text("utf-8", errors="replace"))
    return " ".join(parser.title.split())


def pages(output: Path) -> dict[str, Path]:
    """Site path -> built file, for every page of a build (not the search index)."""
    found = {}
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output)
        if relative.parts[0] != "pagefind":
            found["/" + relative.as_posix().removesuffix("index.html")] = path
    return found


def compare(old: Path, new: Path, now: datetime | None = None) -> SiteDiff:
    """What differs between two builds, both read as of one clock: `now`, else the newer build's."""
    before, after = pages(old), pages(new)
    changed = [path for path in sorted(before.keys() & after.keys()) if _differ(before[path], after[path])]
    titles = {path: page_title(file) for path, file in {**before, **after}.items()}
    earlier, later = read_vacancies(old), read_vacancies(new)
    own = later.clock or earlier.clock
    clock = own if now is None else now if now.tzinfo or own is None else now.replace(tzinfo=own.tzinfo)
    compared = earlier.found is not None and later.found is not None
    return SiteDiff(
        sorted(after.keys() - before.keys()),
        sorted(before.keys() - after.keys()),
        changed,
        titles,
        changes(earlier.as_of(clock), later.as_of(clock)) if compared else None,
        [*earlier.unread, *later.unread],
        (earlier.clock, later.clock),
        clock,
    )


def _differ(a: Path, b: Path) -> bool:
    """Whether two pages differ in more than what tells the time of their build."""
    first, second = a.read_bytes(), b.read_bytes()
    return first != second and _without_clock(first) != _without_clock(second)


def _without_clock(html: bytes) -> bytes:
    """A page without the parts marked `data-clock` (the "as of" line, the countdowns): they
    change with every build, whatever the content."""
    return _CLOCK_PART.sub(rb"<\1>", html)


def diff_markdown(old: Path, new: Path, now: datetime | None = None) -> tuple[str, list[Problem]]:
    """The job-summary section for a change, and what could not be compared (also said in it).
    OLD may be missing (the base did not build)."""
    if not new.is_dir():
        raise UsageError(f"{new} is not a folder (build the site first)")
    lines = ["## What this change does to the site", ""]
    if not old.is_dir():
        lines.append("The base branch could not be built, so there is nothing to compare with.")
        return "\n".join(lines) + "\n", []
    diff = compare(old, new, now)
    lines += [compared_line(old, new, diff), ""]
    if diff.unread:
        lines += ["**Not compared:**", *[unread_line(problem) for problem in diff.unread], ""]
    vacancies = diff.vacancies
    if vacancies is not None:
        if vacancies.opened:
            lines += ["**Opens:**", *[opened_line(vacancy) for vacancy in vacancies.opened], ""]
        if vacancies.closed:
            lines += ["**Closes:**", *[closed_line(vacancy, why) for vacancy, why in vacancies.closed], ""]
        if vacancies.arrived_closed:
            arrived = [closed_line(vacancy, vacancy.status) for vacancy in vacancies.arrived_closed]
            lines += ["**Arrives already closed:**", *arrived, ""]
        if not (vacancies.opened or vacancies.closed or vacancies.arrived_closed):
            lines += ["No vacancy opens or closes.", ""]
    if not (diff.added or diff.removed or diff.changed):
        lines.append("Every page is the same as on the base branch.")
    for title, paths in (
        ("Pages added", diff.added),
        ("Pages removed", diff.removed),
        ("Pages changed", diff.changed),
    ):
        if paths:
            lines += [f"### {title} ({len(paths)})", "", "| Page | Title |", "|---|---|"]
            lines += [page_row(path, diff.titles[path]) for path in paths[:MAX_ROWS]]
            if len(paths) > MAX_ROWS:
                lines.append(f"| … and {len(paths) - MAX_ROWS} more | |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n", diff.unread


def compared_line(old: Path, new: Path, diff: SiteDiff) -> str:
    """What was compared with what, and as of which clock."""
    earlier, later = (_moment(clock) for clock in diff.clocks)
    said = (
        f"Compared {markdown_text(display_path(old))} (built as of {earlier}) with "
        f"{markdown_text(display_path(new))} (built as of {later})"
    )
    if diff.clock is None:
        return said + "."
    return (
        f"{said}, both read as of {_moment(diff.clock)}: a vacancy's state is its state then, and "
        'the pages are compared without their "as of" line and countdowns.'
    )


def _moment(clock: datetime | None) -> str:
    return clock.isoformat(timespec="minutes") if clock else "an unknown time"


def opened_line(vacancy: Vacancy) -> str:
    return f"- {markdown_text(vacancy.label)}"


def closed_line(vacancy: Vacancy, why: str) -> str:
    return f"- {markdown_text(vacancy.label)}: {markdown_text(why)}"


def page_row(path: str, title: str) -> str:
    return f"| {markdown_text(path)} | {markdown_text(title)} |"


def unread_line(problem: Problem) -> str:
    return f"- {markdown_text(f'{problem.path}: {problem.message}; {problem.hint}')}"
