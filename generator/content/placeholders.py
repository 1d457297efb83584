"""Unfinished text: what `new` and `import` write for an editor to replace, found again (pure).

The scaffolds (tools/scaffold.py) write a placeholder title, "Write here." under
each heading and a placeholder application address; the importer
(tools/notice_import/) marks every line it could not fill from the notice with
`CHECK:`. Both take their words from here, so that what they write is what
`check` finds. A file that still holds one is reported at its line as a warning
that `--strict` (what CI publishes with) turns into an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..common.problems import Report

# The title a new bundle's LANG.md starts with, by kind and language (English for any other).
TITLES = {
    "vacancy": {"en": "Title of the post", "fr": "Intitulé du poste"},
    "internship": {"en": "Title of the internship", "fr": "Intitulé du stage"},
    "page": {"en": "Title of the page", "fr": "Titre de la page"},
}
# The paragraph under each heading, and the heading a new page has, by language.
WRITE_HERE = {"en": ("Write here.", "A section"), "fr": ("Écrivez ici.", "Une section")}
APPLY_URL = "https://example.org/apply"  # written in a new vacancy.yaml
CHECK_MARK = "CHECK:"  # the importer's mark: `# CHECK: why`, on the line it concerns

_TITLES = {title for by_language in TITLES.values() for title in by_language.values()}
_PARAGRAPHS = {text for text, _ in WRITE_HERE.values()}
_HEADINGS = {heading for _, heading in WRITE_HERE.values()}
_TITLE_LINE = re.compile(r"""title:\s*(["']?)(?P<title>.*?)\1\s*(?:#.*)?""")
_HEADING_LINE = re.compile(r"#{1,6}\s+(?P<heading>.*?)\s*#*")
_MARK = re.compile(r"\bCHECK:\s*(?P<why>.*)")
_APPLY_URL = re.compile(re.escape(APPLY_URL) + r"(?![\w/.?#%-])")  # the address itself, not one below it
_SHOWN = 80  # characters of the importer's reason quoted in a message
# Any of them anywhere in a file: most files hold none, and are then not read line by line.
_ANYWHERE = re.compile(
    "|".join(re.escape(text) for text in (CHECK_MARK, APPLY_URL, *_TITLES, *_PARAGRAPHS, *_HEADINGS))
)


def title(kind: str, language: str) -> str:
    """The placeholder title of a new bundle of `kind` in `language`."""
    return TITLES[kind].get(language, TITLES[kind]["en"])


def report_placeholders(path: Path, text: str, report: Report) -> None:
    """A warning (an error with --strict) at each line of `text` that is unfinished."""
    if not _ANYWHERE.search(text):
        return
    front_matter_end = _front_matter_end(text) if path.suffix == ".md" else 0
    for number, line in enumerate(text.split("\n"), start=1):
        found = _unfinished(line.strip(), in_front_matter=number <= front_matter_end)
        if found is not None:
            message, hint = found
            report.warning(path, number, message, hint, strict_error=True)


def _unfinished(line: str, *, in_front_matter: bool) -> tuple[str, str] | None:
    """What is unfinished on one line, and what to do about it; None when nothing is."""
    if mark := _MARK.search(line):
        why = mark["why"].strip()
        shown = why if len(why) <= _SHOWN else why[: _SHOWN - 1].rstrip() + "…"
        said = f" ({shown})" if shown else ""
        return (
            f"this line is marked CHECK{said}",
            "confirm or correct the line against the notice, then delete the CHECK mark",
        )
    if _APPLY_URL.search(line):
        return (
            f"{APPLY_URL} is the placeholder address of a new vacancy",
            "write the address of the real application form, or delete the apply_url line",
        )
    if in_front_matter and (match := _TITLE_LINE.fullmatch(line)) and match["title"] in _TITLES:
        return f"the title is still the placeholder {match['title']!r}", "write the real title"
    if not in_front_matter and line in _PARAGRAPHS:
        return f"{line!r} is placeholder text", "write the text of this section, or delete the line"
    if not in_front_matter and (match := _HEADING_LINE.fullmatch(line)) and match["heading"] in _HEADINGS:
        return f"the heading is still the placeholder {match['heading']!r}", "write the real heading"
    return None


def _front_matter_end(text: str) -> int:
    """The line number of the `---` that closes a Markdown file's front matter (0 if none)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return 0
    return next((number for number, line in enumerate(lines[1:], start=2) if line.strip() == "---"), 0)
