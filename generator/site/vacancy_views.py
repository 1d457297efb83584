"""What pages, feeds and data show of the models, in one language (pure).

The views several outputs share live here, below all of them: the pages plan
them, the feeds and the JobPosting data read them, none imports the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..content.models import ScaleRevision, Site, Status, Vacancy, Words, copied, grade_number, without_bodies
from .routes import RouteTable, grade_anchor, vacancy_key


@dataclass(frozen=True)
class VacancyView:
    """A vacancy as one language's pages show it."""

    vacancy: Vacancy
    language: str
    words: Words
    status: Status
    url: str  # on the site, e.g. /en/vacancies/241490/
    absolute_url: str  # with the site's base_url
    division: str
    city: str
    grade_urls: tuple[tuple[str, str], ...]  # (grade, link to its row on the grades page)

    @property
    def reference(self) -> str:
        return self.vacancy.reference


def vacancy_view(
    vacancy: Vacancy, language: str, now: datetime, site: Site, table: RouteTable
) -> VacancyView:
    grades_url = table.href(("section", "grades"), language)
    path = table.by_key[vacancy_key(vacancy)][language].path
    return VacancyView(
        vacancy=vacancy,
        language=language,
        words=vacancy.words[language],
        status=vacancy.status_at(now),
        url=table.urls.href(path),
        absolute_url=table.urls.absolute(path),
        division=site.text(site.divisions[vacancy.division], language),
        city=site.text(vacancy.location.city, language),
        grade_urls=tuple((g, f"{grades_url}#{grade_anchor(g)}") for g in vacancy.grades),
    )


def view_without_bodies(view: VacancyView) -> VacancyView:
    """The view as lists and data show it: a list shows no body (see models.without_bodies)."""
    vacancy = without_bodies(view.vacancy)
    return copied(view, vacancy=vacancy, words=vacancy.words[view.language])


@dataclass(frozen=True)
class FilterOptions:
    """The choices of the vacancy list's filters: only values some open vacancy has."""

    grades: list[str]
    divisions: list[tuple[str, str]]  # (code, name)
    locations: list[tuple[str, str]]  # (value, "City, Country")


def filter_options(views: list[VacancyView]) -> FilterOptions:
    return FilterOptions(
        grades=sorted({g for v in views for g in v.vacancy.grades}, key=grade_number),
        divisions=sorted({(v.vacancy.division, v.division) for v in views}, key=lambda d: d[1]),
        locations=sorted(
            {(f"{v.vacancy.location.country}-{v.city}", v.city) for v in views}, key=lambda loc: loc[1]
        ),
    )


@dataclass(frozen=True)
class GradeRow:
    grade: str
    anchor: str
    figures: tuple[Decimal | None, ...]  # one per revision, None where not published


def grade_rows(spine: tuple[str, ...], revisions: tuple[ScaleRevision, ...]) -> list[GradeRow]:
    """The grades page's table: highest grade first, one figure per revision."""
    return [
        GradeRow(grade, grade_anchor(grade), tuple(r.grades.get(grade) for r in revisions))
        for grade in sorted(spine, key=grade_number, reverse=True)
    ]
