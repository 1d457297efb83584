"""What many pages of one language share: the context every page has (menus, section links,
feeds), and the vacancies as the language shows them, each made when first needed (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cached_property
from typing import Any

from .models import Content, Vacancy
from .routes import VACANCIES_JSON, RouteTable
from .views import VacancyView, vacancy_view, view_without_bodies


class LanguageData:
    """One language's shared context and vacancy views."""

    def __init__(
        self,
        language: str,
        content: Content,
        vacancies: Sequence[Vacancy],
        now: datetime,
        table: RouteTable,
        asset_urls: Mapping[str, str],
    ) -> None:
        self.language, self.content, self.vacancies, self.now, self.table = (
            language,
            content,
            vacancies,
            now,
            table,
        )
        site, href, urls = content.site, table.href, table.urls
        open_count = sum(language in v.words and v.status_at(now).accepts_applications for v in vacancies)
        self.common: dict[str, Any] = {
            "lang": language,
            "site": site,
            "now": now,
            "home_url": href(("home",), language),
            "vacancies_url": href(("section", "vacancies"), language),
            "archive_url": href(("section", "archive"), language),
            "grades_url": href(("section", "grades"), language),
            "search_url": href(("section", "search"), language),
            "menu": [
                (page.words[language].title, href(("page", page.name), language))
                for page in content.pages
                if page.menu and language in page.words
            ],
            "footer_links": [
                (page.words[language].title, href(("page", page.name), language))
                for page in content.pages
                if page.footer and language in page.words
            ],
            "assets": asset_urls,
            "open_count": open_count,
            "scale_currency": content.scale.currency,
            "description": site.text(site.description, language),
            "x_default": site.base_url,
            "og_locale": site.locale(language),
            "feeds": {
                "atom": href(("feed", "atom"), language),
                "json": href(("feed", "json"), language),
                "ics": href(("feed", "ics"), language),
                "data": urls.href(VACANCIES_JSON),
            },
        }

    def view(self, vacancy: Vacancy) -> VacancyView:
        return vacancy_view(vacancy, self.language, self.now, self.content.site, self.table)

    @cached_property
    def views(self) -> dict[str, VacancyView]:
        """By reference, in content order."""
        return {v.reference: self.view(v) for v in self.vacancies if self.language in v.words}

    @cached_property
    def open_views(self) -> list[VacancyView]:
        """Soonest deadline first (the feeds, which carry bodies)."""
        return sorted(
            (v for v in self.views.values() if v.status.accepts_applications),
            key=lambda v: (v.vacancy.deadline, v.reference),
        )

    @cached_property
    def listed(self) -> dict[str, VacancyView]:
        """The views as lists and data show them: without bodies. A list shows no body, so a
        change to a body re-renders its vacancy's pages and the feeds, not every list."""
        return {reference: view_without_bodies(view) for reference, view in self.views.items()}

    @cached_property
    def open_listed(self) -> list[VacancyView]:
        """Soonest deadline first."""
        return [self.listed[view.reference] for view in self.open_views]

    @cached_property
    def archived(self) -> list[VacancyView]:
        """Latest deadline first."""
        return sorted(
            (v for v in self.listed.values() if not v.status.accepts_applications),
            key=lambda v: (v.vacancy.deadline, v.reference),
            reverse=True,
        )
