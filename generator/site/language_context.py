"""What many pages of one language share: the context every page has (menus, section links,
feeds), and the vacancies as the language shows them, each made when first needed (pure).

Staff posts and internship offers are both vacancies here: the feeds, the calendar, the
data and the archive carry both; the vacancy list, the home page and the counts show posts
only (`open_posts`), the internships page the offers (`open_offers`).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from babel import Locale
from babel.lists import format_list

from ..content.models import ALLOWANCE_CURRENCY, Content, Site, Vacancy
from .i18n import SOURCE_LANGUAGE
from .routes import VACANCIES_JSON, Key, LanguageLink, RouteTable, internships_page
from .vacancy_views import VacancyView, vacancy_view, view_without_bodies


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
        open_count = sum(
            language in v.words and v.status_at(now).accepts_applications and not v.is_internship
            for v in vacancies
        )
        lister = internships_page(content.pages)
        has_offers_page = lister is not None and language in lister.words
        self.common: dict[str, Any] = {
            "lang": language,
            "site": site,
            "now": now,
            "home_url": href(("home",), language),
            "vacancies_url": href(("section", "vacancies"), language),
            "archive_url": href(("section", "archive"), language),
            "grades_url": href(("section", "grades"), language),
            "search_url": href(("section", "search"), language),
            "follow_url": href(("section", "follow"), language),
            "internships_url": href(("page", lister.name), language) if lister and has_offers_page else "",
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
            "allowance_currency": ALLOWANCE_CURRENCY,
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
    def open_posts(self) -> list[VacancyView]:
        """The open staff posts, soonest deadline first: the vacancy list and the home page."""
        return [view for view in self.open_listed if not view.vacancy.is_internship]

    @cached_property
    def open_offers(self) -> list[VacancyView]:
        """The open internship offers, soonest deadline first: the internships page."""
        return [view for view in self.open_listed if view.vacancy.is_internship]

    @cached_property
    def archived(self) -> list[VacancyView]:
        """Posts and offers that no longer accept applications, latest deadline first."""
        return sorted(
            (v for v in self.listed.values() if not v.status.accepts_applications),
            key=lambda v: (v.vacancy.deadline, v.reference),
            reverse=True,
        )


@dataclass(frozen=True)
class UntranslatedNotice:
    """What a page missing in a visitor's language says to that visitor, in that language."""

    language: str  # the language the page is missing in, which the link leads to
    lang: str  # the language the words are in: `language`, or the one its catalog falls back to
    text: str
    link_text: str
    url: str


def untranslated_notices(
    key: Key,
    links: Sequence[LanguageLink],
    table: RouteTable,
    translations: Mapping[str, gettext.NullTranslations],
    site: Site,
) -> list[UntranslatedNotice]:
    """A notice for each language the page is not published in (a vacancy, an internship offer
    or a content page written in some languages only), in that language: the page exists only in
    its other languages, and a link to where the language switch would have led (that
    language's list of vacancies or of internship offers, or its home page)."""
    published = [link.language for link in links if link.available]
    notices = []
    for link in links:
        if link.available:
            continue
        lang = catalog_language(link.language, translations, site)
        catalog, locale = translations[link.language], Locale.parse(lang)
        names = {
            "language": str(locale.languages.get(link.language, link.language)),
            "languages": format_list([str(locale.languages.get(p, p)) for p in published], locale=locale),
        }
        if key[0] == "internship":
            text = catalog.gettext(
                "This internship offer is not published in %(language)s: it exists only in %(languages)s."
            )
            link_text = catalog.gettext("See the internship offers in %(language)s")
        elif key[0] == "vacancy":
            text = catalog.gettext(
                "This vacancy is not published in %(language)s: it exists only in %(languages)s."
            )
            link_text = catalog.gettext("See the vacancies in %(language)s")
        else:
            text = catalog.gettext(
                "This page is not published in %(language)s: it exists only in %(languages)s."
            )
            link_text = catalog.gettext("Go to the home page in %(language)s")
        if link.url == table.href(("home",), link.language):
            link_text = catalog.gettext("Go to the home page in %(language)s")
        notices.append(UntranslatedNotice(link.language, lang, text % names, link_text % names, link.url))
    return notices


def catalog_language(language: str, translations: Mapping[str, gettext.NullTranslations], site: Site) -> str:
    """The language a page's interface strings are really in: its own, or, for a language
    without a catalog, the default language's (or the source language's, English)."""
    catalog = translations[language]
    if language == SOURCE_LANGUAGE:
        return language
    if not isinstance(catalog, gettext.GNUTranslations):
        return SOURCE_LANGUAGE
    if language != site.default_language and catalog is translations[site.default_language]:
        return catalog_language(site.default_language, translations, site)
    return language
