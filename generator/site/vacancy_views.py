"""What pages, feeds and data show of the models, in one language (pure).

The views several outputs share live here, below all of them: the pages plan
them, the feeds and the JobPosting data read them, none imports the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ..content.models import SalaryScale, Site, Status, Vacancy, Words, copied, grade_number, without_bodies
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
class Figure:
    """A monthly salary published for a grade, and the day it took (or takes) effect."""

    amount: Decimal
    effective: date

    def in_force_on(self, day: date) -> bool:
        return self.effective <= day


@dataclass(frozen=True)
class GradeRow:
    grade: str
    anchor: str
    latest: Figure  # the newest figure in force on the day; else, the first one to come
    others: tuple[Figure, ...]  # every other figure published for the grade, newest first


@dataclass(frozen=True)
class GradeTable:
    """The grades page: the grades with a published figure, and the grades without."""

    rows: tuple[GradeRow, ...]  # highest grade first
    unpublished: tuple[tuple[str, str], ...]  # (grade, anchor), lowest first


def grades_page_figure(vacancy: Vacancy, table: GradeTable) -> Figure | None:
    """The latest figure the grades page (`table`) shows for the vacancy's grade (the lower of
    two), when it is not the salary the vacancy states (the figure in effect on the day it was
    published): the vacancy page then says why the two differ. None when they agree, or for an offer."""
    if not vacancy.grades:
        return None
    row = next((row for row in table.rows if row.grade == vacancy.grades[0]), None)
    return row.latest if row is not None and row.latest.amount != vacancy.salary else None


def grade_table(scale: SalaryScale, today: date) -> GradeTable:
    """Each grade's latest published figure with its date, whichever revision published it (a
    revision may list only some grades), and its other figures; the grades without any apart."""
    rows, unpublished = [], []
    for grade in sorted(scale.spine, key=grade_number, reverse=True):
        figures = [Figure(r.grades[grade], r.effective) for r in scale.revisions if grade in r.grades]
        if not figures:
            unpublished.append((grade, grade_anchor(grade)))
            continue
        in_force = [figure for figure in figures if figure.in_force_on(today)]
        latest = in_force[-1] if in_force else figures[0]
        others = tuple(
            sorted((f for f in figures if f is not latest), key=lambda f: f.effective, reverse=True)
        )
        rows.append(GradeRow(grade, grade_anchor(grade), latest, others))
    return GradeTable(tuple(rows), tuple(reversed(unpublished)))
