"""Which languages each item has, which are missing and which are stale (pure).

A translation is *stale* when the default language's file changed after it:
- if the translation's front matter says `translated_from: FINGERPRINT`, when
  that is no longer the fingerprint of the default language's file;
- otherwise, in a git work tree, when the default language's file has a newer
  change (a later commit, or uncommitted edits) than the translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..common.problems import Report
from .models import Content, Page, Vacancy, Words


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
    """`changes`: each file's change order from git_history.change_order (None outside git)."""
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
            if translation.translated_from != source.fingerprint:
                stale.append(language)
        elif changes is not None:
            source_order = changes.get(source.source)
            translation_order = changes.get(translation.source)
            if (
                source_order is not None
                and translation_order is not None
                and source_order < translation_order
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
