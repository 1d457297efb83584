"""Models -> the plan of the site: every page's address at once, what it shows on demand (pure).

Addresses are worked out in site/routes.py, what a language shows of the vacancies
in site/language_context.py and site/vacancy_views.py, the feeds and data in
outputs/feed_pages.py, the pages outside any language in root_pages.py; this module
puts them together and makes each language page's template context.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

from ..common.problems import Report
from ..content.models import Content, Vacancy
from ..outputs.feed_pages import FEED_ENTRIES, data_page, feed_page
from ..outputs.interest_feeds import EVERYTHING, INTERNSHIPS, feed_set, feed_sets, has_feed
from ..outputs.job_posting import JobPostingScript
from ..site.host_files import HOST_FILES
from ..site.language_context import LanguageData, untranslated_notices
from ..site.planned_page import PlannedPage
from ..site.routes import (
    INDEX_FOLDER,
    Key,
    Route,
    RouteTable,
    SectionSlugs,
    Urls,
    fingerprinted,
    internships_page,
    language_switch,
    site_routes,
    vacancy_key,
)
from ..site.vacancy_views import GradeTable, filter_options, grade_table, grades_page_figure
from .root_pages import root_page, sitemap_page

SOONEST_ON_HOME = 3


class SitePlan:
    """Every page of the site: where it goes, at once; what it shows, on demand.

    Routes (and so every address, and every collision) are worked out when the
    plan is made, which is cheap. A page's template context, or its bytes for
    feeds and data, are made only when `page(route)` asks for it, so that a
    build can spread that work over processes and a preview can make just the
    page a browser asks for.
    """

    def __init__(
        self,
        content: Content,
        now: datetime,
        translations: dict[str, gettext.NullTranslations],
        report: Report,
        assets: Mapping[str, bytes] | None = None,
    ) -> None:
        site = content.site
        self.content, self.site, self.now, self.translations = content, site, now, translations
        self.urls = Urls(site.base_url)
        self.assets = dict(assets or {})
        self.vacancies = [v for v in content.vacancies if v.is_published_at(now)]
        self._by_reference = {v.reference: v for v in self.vacancies}
        self._languages: dict[str, LanguageData] = {}
        slugs = {lang: SectionSlugs.translated(translations[lang]) for lang in site.languages}
        routes = site_routes(site, slugs, self.vacancies, content.pages, report)
        self.routes: list[Route] = []
        if len({r.path.lower() for r in routes}) < len(routes) or report.errors():
            return
        by_key: dict[Key, dict[str, Route]] = {}
        root: dict[Key, Route] = {}
        for route in routes:
            if route.language:
                by_key.setdefault(route.key, {})[route.language] = route
            else:
                root[route.key] = route
        self.table = RouteTable(self.urls, by_key)
        asset_routes = [
            Route(("asset", name), None, fingerprinted(name, data), "templates/static")
            for name, data in self.assets.items()
        ]
        self.asset_urls = {route.key[1]: self.urls.href(route.path) for route in asset_routes}
        self.routes = [
            *asset_routes,
            *(route for language in site.languages for route in self._language_routes(language)),
            root[("data",)],
            root[("root",)],
            root[("root-not-found",)],
            root[("sitemap",)],
            root[("robots",)],
            *(root[("hosting", name)] for name in HOST_FILES),
        ]

    def _language_routes(self, language: str) -> list[Route]:
        """One language's routes in the order they are listed in the sitemap."""
        by_key = self.table.by_key
        keys: list[Key] = [
            ("home",),
            ("section", "vacancies"),
            ("section", "archive"),
            ("section", "search"),
            ("section", "grades"),
            ("section", "follow"),
            *(vacancy_key(v) for v in self.vacancies),
            *(("page", p.name) for p in self.content.pages),
            ("not-found",),
            ("feed", "atom"),
            ("feed", "json"),
            ("feed", "ics"),
            *(key for key in by_key if key[0] == "feed" and len(key) > 2),  # interest_feeds.py
        ]
        return [by_key[key][language] for key in keys if language in by_key.get(key, {})]

    @cached_property
    def _offers_key(self) -> Key:
        """The internships page's key: where an offer missing in a language switches to."""
        lister = internships_page(self.content.pages)
        return ("page", lister.name) if lister else ("page",)

    def vacancy(self, reference: str) -> Vacancy:
        return self._by_reference[reference]

    @cached_property
    def grades(self) -> GradeTable:
        """The grades page's table, which vacancy pages compare their salary with."""
        return grade_table(self.content.scale, self.now.astimezone(self.site.timezone).date())

    @cached_property
    def shared_state(self) -> tuple[Any, ...]:
        """What every vacancy page's context is made of besides its vacancy and addresses."""
        commons = [self._language(language).common for language in self.site.languages]
        return (self.site, self.content.scale, self.now, self.asset_urls, commons)

    def pages(self) -> list[PlannedPage]:
        """Every page, made now (tests and small sites; builds make them where they render)."""
        return [self.page(route) for route in self.routes]

    def in_sitemap(self, route: Route) -> bool:
        """Pages search engines are shown: every language page but 404s, feeds and the
        vacancies (posts and offers) that no longer accept applications."""
        kind = route.key[0]
        if route.language is None or kind in ("not-found", "feed"):
            return False
        if kind in ("vacancy", "internship"):
            return self._by_reference[route.key[1]].status_at(self.now).accepts_applications
        return True

    def searchable(self, route: Route) -> bool:
        """Pages visitors find by searching (publish/search_index.py): the vacancies and internship offers
        that accept applications, and the content pages."""
        kind = route.key[0]
        if kind in ("vacancy", "internship"):
            return self._by_reference[route.key[1]].status_at(self.now).accepts_applications
        return kind == "page"

    def page(self, route: Route) -> PlannedPage:
        """The page at `route`: its template and context, or its bytes."""
        kind, key = route.key[0], route.key
        if kind == "asset":
            return PlannedPage(route, "", in_sitemap=False, content=self.assets[key[1]])
        if key == ("data",):
            languages = {language: self._language(language) for language in self.site.languages}
            return data_page(route, self.content, languages, self.now)
        if key == ("sitemap",):
            return sitemap_page(route, filter(self.in_sitemap, self.routes), self.site, self.table)
        if route.language is None:
            return root_page(route, self.site, self.table, self.translations, self.asset_urls)
        if kind == "feed":
            data = self._language(route.language)
            return feed_page(route, data, self.table, self.translations[route.language], self.now)
        return self._language_page(route)

    def _language(self, language: str) -> LanguageData:
        data = self._languages.get(language)
        if data is None:
            data = self._languages[language] = LanguageData(
                language, self.content, self.vacancies, self.now, self.table, self.asset_urls
            )
        return data

    def _language_page(self, route: Route) -> PlannedPage:
        language, key = route.language, route.key
        assert language is not None
        data = self._language(language)
        urls, scale, site = self.urls, self.content.scale, self.site
        context: dict[str, Any] = {**data.common}
        if key == ("home",):
            template, context["soonest"] = "home.html", data.open_posts[:SOONEST_ON_HOME]
        elif key == ("section", "vacancies"):
            template = "vacancies.html"
            context.update(vacancies=data.open_posts, filter_options=filter_options(data.open_posts))
            context["follow_feeds"] = feed_set(EVERYTHING, data, self.translations[language])
        elif key == ("section", "archive"):
            template, context["vacancies"] = "archive.html", data.archived
        elif key == ("section", "search"):
            template = "search.html"
            index_url = urls.href(f"{INDEX_FOLDER}/{language}/pagefind.js")  # each language's own index
            context.update(index_url=index_url, base_path=urls.base_path)
        elif key == ("section", "follow"):
            template, context["feed_entries"] = "follow.html", FEED_ENTRIES
            context["feed_sets"] = feed_sets(data, self.translations[language])
        elif key == ("section", "grades"):
            template = "grades.html"
            today = self.now.astimezone(site.timezone).date()
            context.update(grades=self.grades, today=today, currency=scale.currency)
        elif key[0] in ("vacancy", "internship"):
            view = data.view(self._by_reference[key[1]])
            template = "vacancy.html"
            context.update(
                view=view,
                words=view.words,
                description=view.words.summary,
                job_posting=JobPostingScript(view, site, scale) if view.status.accepts_applications else "",
                grades_page_figure=grades_page_figure(view.vacancy, self.grades),
            )
        elif key[0] == "page":
            page = next(p for p in self.content.pages if p.name == key[1])
            template, words = "page.html", page.words[language]
            context.update(words=words, description=words.summary)
            if page.lists == "internships":
                context["offers"] = data.open_offers
                if has_feed(INTERNSHIPS, data):
                    context["follow_feeds"] = feed_set(INTERNSHIPS, data, self.translations[language])
        else:  # the 404 page: no address of its own
            template = "404.html"
        context.update(
            url=urls.href(route.path),
            canonical="" if key == ("not-found",) else urls.absolute(route.path),
            languages=language_switch(key, site, self.table, self.translations, self._offers_key),
        )
        languages = context["languages"]
        context["untranslated"] = untranslated_notices(key, languages, self.table, self.translations, site)
        return PlannedPage(route, template, context, self.in_sitemap(route), shared=data.common)


def plan_site(
    content: Content,
    now: datetime,
    translations: dict[str, gettext.NullTranslations],
    report: Report,
    assets: Mapping[str, bytes] | None = None,
) -> list[PlannedPage]:
    """Every page of the site, made now."""
    return SitePlan(content, now, translations, report, assets).pages()
