"""Which languages each item is published in, and which translations are missing (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import Report
from .models import Content, Page, Vacancy


@dataclass(frozen=True)
class TranslationStatus:
    """One item's languages: those it has and those it lacks."""

    label: str  # "vacancy 241490" or "page internships"
    present: tuple[str, ...]
    missing: tuple[str, ...]


def translation_status(content: Content) -> list[TranslationStatus]:
    items: Iterable[Vacancy | Page] = (*content.vacancies, *content.pages)
    statuses = []
    for item in items:
        label = f"vacancy {item.reference}" if isinstance(item, Vacancy) else f"page {item.name}"
        languages = content.site.languages
        statuses.append(
            TranslationStatus(
                label,
                tuple(lang for lang in languages if lang in item.words),
                tuple(lang for lang in languages if lang not in item.words),
            )
        )
    return statuses


def report_missing(content: Content, report: Report) -> None:
    """A missing translation is never silent: a warning, and an error with --strict."""
    items: Iterable[Vacancy | Page] = (*content.vacancies, *content.pages)
    for item, status in zip(items, translation_status(content), strict=True):
        for language in status.missing:
            published = ", ".join(status.present)
            report.warning(
                item.folder / f"{language}.md",
                None,
                f"{status.label} is not translated into {language}; it is published in {published} only",
                f"write {language}.md in {item.folder.name}/ (build --strict fails until then)",
                strict_error=True,
            )
