"""Which languages each item has, which are missing and which are stale.

A translation is *stale* when the default language's file changed after it:
- if the translation's front matter says `translated_from: FINGERPRINT`, when
  that is no longer the fingerprint of the default language's file;
- otherwise, in a git work tree, when the default language's file has a newer
  change (a later commit, or uncommitted edits) than the translation, and
  differs from what it was when the translation last changed.
Either way, only words count: an edit of whitespace alone (lines wrapped again,
a blank line, trailing spaces) leaves the fingerprint as it was
(loader.fingerprint), and so the translation up to date.

When each file last changed comes from git (`change_order`), the only question
the generator asks git. Outside a git work tree, or without git, the answer is
None and staleness is judged from `translated_from` alone.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..common.problems import Report
from .loader import fingerprint
from .models import Content, Page, Vacancy, Words

# A file with uncommitted changes is the newest of all.
UNCOMMITTED = 0


@dataclass(frozen=True)
class TranslationStatus:
    """One item's languages: those it has, those it lacks, those behind the default language."""

    item: Vacancy | Page
    label: str  # "vacancy 241490" or "page internships"
    present: tuple[str, ...]
    missing: tuple[str, ...]
    stale: tuple[str, ...]


def translation_status(
    content: Content, changes: Mapping[Path, int] | None = None
) -> list[TranslationStatus]:
    """`changes`: each file's change order from `change_order` (None outside git)."""
    languages = content.site.languages
    statuses = []
    items: list[Vacancy | Page] = [*content.vacancies, *content.pages]
    for item in items:
        label = f"vacancy {item.reference}" if isinstance(item, Vacancy) else f"page {item.name}"
        statuses.append(
            TranslationStatus(
                item,
                label,
                tuple(lang for lang in languages if lang in item.words),
                tuple(lang for lang in languages if lang not in item.words),
                _stale(item.words, content.site.default_language, changes),
            )
        )
    return statuses


def _stale(words: Mapping[str, Words], default: str, changes: Mapping[Path, int] | None) -> tuple[str, ...]:
    source = words.get(default)
    if source is None:
        return ()
    stale = []
    for language, translation in words.items():
        if language == default:
            continue
        if translation.translated_from is not None:
            if translation.translated_from not in (source.fingerprint, source.exact_fingerprint):
                stale.append(language)
        elif changes is not None:
            source_order = changes.get(source.source)
            translation_order = changes.get(translation.source)
            if (
                source_order is not None
                and translation_order is not None
                and source_order < translation_order
                and _fingerprint_when_last_changed(source.source, translation.source) != source.fingerprint
            ):
                stale.append(language)
    return tuple(stale)


def report_translations(content: Content, changes: Mapping[Path, int] | None, report: Report) -> None:
    """Missing and stale translations are never silent: warnings, and errors with --strict."""
    default = content.site.default_language
    for status in translation_status(content, changes):
        folder = status.item.folder
        for language in status.missing:
            report.warning(
                folder / f"{language}.md",
                None,
                f"{status.label} is not translated into {language}; "
                f"it is published in {', '.join(status.present)} only",
                f"write {language}.md in {folder.name}/ (build --strict fails until then)",
                strict_error=True,
            )
        for language in status.stale:
            translation = status.item.words[language]
            source = status.item.words[default]
            how = (
                f"update it, then write `translated_from: {source.fingerprint}` in its front matter"
                if translation.translated_from is not None
                else f"update it and commit it (with {default}.md if you changed both)"
            )
            report.warning(
                translation.source,
                None,
                f"the {language} translation may be out of date: {default}.md changed after it",
                how,
                strict_error=True,
            )


# --- when each file last changed, from git --------------------------------------------------


def change_order(root: Path) -> dict[Path, int] | None:
    """Each file under `root` -> how recent its last change is (0 newest; larger is older).

    Files are named as the loader names them: `root` as given, joined with the path inside it."""
    repository = top_level(root)
    if repository is None:
        return None
    real_root = root.resolve()

    def under_root(line: str) -> Path | None:
        path = repository / line
        return root / path.relative_to(real_root) if path.is_relative_to(real_root) else None

    order: dict[Path, int] = {}
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "-z", "--", ".")
    for entry in (status or "").split("\0"):
        if len(entry) > 3 and (path := under_root(entry[3:])) is not None:
            order[path] = UNCOMMITTED
    log = _git(root, "log", "--format=%x00commit", "--name-only", "--", ".")
    rank = UNCOMMITTED
    for line in (log or "").splitlines():
        if line == "\0commit":
            rank += 1
        elif line and (path := under_root(line)) is not None:
            order.setdefault(path, rank)
    return order


def _fingerprint_when_last_changed(source: Path, translation: Path) -> str | None:
    """The fingerprint `source` had in the last commit that changed `translation` (its words as
    the translator read them); None when git cannot say (then the translation is stale)."""
    folder = translation.parent
    commit = _git(folder, "log", "-1", "--format=%H", "--", translation.name)
    if not commit or not commit.strip():
        return None
    text = _git(folder, "show", f"{commit.strip()}:./{source.relative_to(folder).as_posix()}")
    return None if text is None else fingerprint(text.replace("\r\n", "\n").replace("\r", "\n"))


def top_level(folder: Path) -> Path | None:
    """The top folder of the git work tree that holds `folder`; None outside git."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    return Path(top.strip()) if top else None


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout
