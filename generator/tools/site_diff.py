"""`python -m generator diff OLD NEW`: what a change does to the built site, as Markdown.

Compares two built output folders (in a pull request: the base branch's and the
change's, built as of the same moment): the pages it adds, removes and changes, and
the vacancies it opens or closes (from each build's vacancies.json). Pages are the
HTML files outside the search index; a page is changed when its bytes differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..common.problems import UsageError
from .problem_formats import cell

MAX_ROWS = 100  # per table: a summary stays readable when a template change touches every page


@dataclass(frozen=True)
class Vacancy:
    """One entry of vacancies.json, as far as the comparison needs it."""

    reference: str
    title: str
    kind: str
    status: str

    @property
    def label(self) -> str:
        noun = "internship offer" if self.kind == "internship" else "vacancy"
        return f"{noun} {self.reference} ({self.title})"

    @property
    def open(self) -> bool:
        return self.status in ("open", "pending-budget-approval")


@dataclass(frozen=True)
class SiteDiff:
    added: list[str]  # site paths, like /en/vacancies/241490/
    removed: list[str]
    changed: list[str]
    titles: dict[str, str]  # site path -> the page's <title>, from the newer build that has it
    opened: list[Vacancy]
    closed: list[tuple[Vacancy, str]]  # with what became of it


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


def vacancies(output: Path) -> dict[str, Vacancy]:
    try:
        data: Any = json.loads((output / "vacancies.json").read_text("utf-8"))
        entries = data["vacancies"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    found = {}
    for entry in entries:
        languages = list(entry.get("languages", {}).values())
        title = str(languages[0].get("title", "")) if languages else ""
        reference = str(entry.get("reference", ""))
        found[reference] = Vacancy(reference, title, str(entry.get("kind", "post")), str(entry.get("status")))
    return found


def compare(old: Path, new: Path) -> SiteDiff:
    before, after = pages(old), pages(new)
    changed = [path for path in sorted(before.keys() & after.keys()) if _differ(before[path], after[path])]
    titles = {path: page_title(file) for path, file in {**before, **after}.items()}
    old_vacancies, new_vacancies = vacancies(old), vacancies(new)
    opened = [
        vacancy
        for reference, vacancy in sorted(new_vacancies.items())
        if vacancy.open and not (reference in old_vacancies and old_vacancies[reference].open)
    ]
    closed = []
    for reference, vacancy in sorted(old_vacancies.items()):
        now = new_vacancies.get(reference)
        if vacancy.open and (now is None or not now.open):
            closed.append((vacancy, now.status if now else "no longer on the site"))
    return SiteDiff(
        sorted(after.keys() - before.keys()),
        sorted(before.keys() - after.keys()),
        changed,
        titles,
        opened,
        closed,
    )


def _differ(a: Path, b: Path) -> bool:
    return a.stat().st_size != b.stat().st_size or a.read_bytes() != b.read_bytes()


def diff_markdown(old: Path, new: Path) -> str:
    """The job-summary section for a change; OLD may be missing (the base did not build)."""
    if not new.is_dir():
        raise UsageError(f"{new} is not a folder (build the site first)")
    lines = ["## What this change does to the site", ""]
    if not old.is_dir():
        lines.append("The base branch could not be built, so there is nothing to compare with.")
        return "\n".join(lines) + "\n"
    diff = compare(old, new)
    lines.append("Compared with a build of the base branch as of the same moment.")
    lines.append("")
    if diff.opened:
        lines += ["**Opens:**", *[f"- {cell(v.label)}" for v in diff.opened], ""]
    if diff.closed:
        lines += ["**Closes:**", *[f"- {cell(v.label)}: {cell(why)}" for v, why in diff.closed], ""]
    if not (diff.opened or diff.closed):
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
            lines += [f"| `{cell(path)}` | {cell(diff.titles[path])} |" for path in paths[:MAX_ROWS]]
            if len(paths) > MAX_ROWS:
                lines.append(f"| … and {len(paths) - MAX_ROWS} more | |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
