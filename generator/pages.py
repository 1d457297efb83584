"""Models -> the list of pages to build: output path, template and context (pure).

Every page has a *key* that is the same in every language (("vacancy", "241490"),
("section", "grades")); pages sharing a key are translations of one another,
which gives the language switch and the sitemap's alternates.
"""

from __future__ import annotations

import gettext
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from . import feeds
from .errors import Report
from .hosting import CONTENT_SECURITY_POLICY, HOST_FILES
from .i18n import autonym
from .models import (
    Content,
    Page,
    ScaleRevision,
    Site,
    Status,
    Vacancy,
    Words,
    copied,
    grade_number,
    without_bodies,
)
from .search import INDEX_FOLDER
from .structured_data import JobPostingScript

Key = tuple[str, ...]
SOONEST_ON_HOME = 3
FEED_ENTRIES = 50  # the newest open vacancies; a reader keeps an entry once fetched
VACANCIES_JSON = "vacancies.json"


@dataclass(frozen=True)
class SectionSlugs:
    """The address words of the fixed sections, in one language."""

    vacancies: str
    archive: str
    grades: str
    search: str

    @classmethod
    def translated(cls, translations: gettext.NullTranslations) -> SectionSlugs:
        return cls(
            vacancies=translations.pgettext("URL segment", "vacancies"),
            archive=translations.pgettext("URL segment", "archive"),
            grades=translations.pgettext("URL segment", "grades-and-salaries"),
            search=translations.pgettext("URL segment", "search"),
        )


@dataclass(frozen=True)
class Route:
    key: Key
    language: str | None  # None for the language-neutral root pages
    path: str  # relative to the output folder, e.g. "en/vacancies/index.html"
    source: str  # what asked for this page, for collision messages
    line: int = 0  # the line of `source` that asked for it, where there is one


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switch or of the hreflang alternates."""

    language: str
    name: str  # the language named in itself
    url: str
    absolute_url: str
    available: bool  # False: the page is not in this language, `url` is a fallback
    note: str = ""  # in `language`: why the link leads elsewhere
    og_locale: str = ""  # the Babel locale, for Open Graph: en_GB


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


@dataclass(frozen=True)
class GradeRow:
    grade: str
    anchor: str
    figures: tuple[Decimal | None, ...]  # one per revision, None where not published


@dataclass(frozen=True)
class PlannedPage:
    route: Route
    template: str  # "" when `content` is given
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    content: bytes | None = None  # already made (static files), not rendered from a template
    make: Callable[[], bytes] | None = None  # makes the bytes (feeds, data) when it is rendered
    # The part of `context` every page of its language shares (the render cache hashes it once).
    shared: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Urls:
    """Turns output paths into addresses on the site."""

    base_url: str

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def href(self, path: str) -> str:
        return self.base_path + _pretty(path)

    def absolute(self, path: str) -> str:
        return self.base_url + _pretty(path)


def _pretty(path: str) -> str:
    return path[: -len("index.html")] if path.endswith("index.html") else path


def fingerprinted(name: str, data: bytes) -> str:
    """`style.css` -> `static/style.3f9a1c2b7e.css`: a new name whenever the bytes change,
    so that hosts may let browsers cache assets for a year."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"static/{stem}.{digest}.{suffix}" if dot else f"static/{name}.{digest}"


def grade_anchor(grade: str) -> str:
    return f"grade-{grade.lower()}"


@dataclass(frozen=True)
class RouteTable:
    """Where each page of each language is written, found by key."""

    urls: Urls
    by_key: dict[Key, dict[str, Route]]

    def href(self, key: Key, language: str) -> str:
        return self.urls.href(self.by_key[key][language].path)


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
        self._languages: dict[str, _LanguageData] = {}
        slugs = {lang: SectionSlugs.translated(translations[lang]) for lang in site.languages}
        routes = _routes(site, slugs, self.vacancies, content.pages, report)
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
            *(("vacancy", v.reference) for v in self.vacancies),
            *(("page", p.name) for p in self.content.pages),
            ("not-found",),
            ("feed", "atom"),
            ("feed", "json"),
            ("feed", "ics"),
        ]
        return [by_key[key][language] for key in keys if language in by_key.get(key, {})]

    def vacancy(self, reference: str) -> Vacancy:
        return self._by_reference[reference]

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
        vacancies that no longer accept applications."""
        kind = route.key[0]
        if route.language is None or kind in ("not-found", "feed"):
            return False
        if kind == "vacancy":
            return self._by_reference[route.key[1]].status_at(self.now).accepts_applications
        return True

    def page(self, route: Route) -> PlannedPage:
        """The page at `route`: its template and context, or its bytes."""
        kind = route.key[0]
        if kind == "asset":
            return PlannedPage(route, "", in_sitemap=False, content=self.assets[route.key[1]])
        if route.language is None:
            return self._root_page(route)
        if kind == "feed":
            return self._feed(route)
        return self._language_page(route)

    def _language(self, language: str) -> _LanguageData:
        data = self._languages.get(language)
        if data is None:
            data = self._languages[language] = _LanguageData(self, language)
        return data

    def _language_page(self, route: Route) -> PlannedPage:
        language, key = route.language, route.key
        assert language is not None
        data = self._language(language)
        urls, scale, site = self.urls, self.content.scale, self.site
        context: dict[str, Any] = {**data.common}
        if key == ("home",):
            template, context["soonest"] = "home.html", data.open_listed[:SOONEST_ON_HOME]
        elif key == ("section", "vacancies"):
            template = "vacancies.html"
            context.update(vacancies=data.open_listed, filter_options=_filter_options(data.open_listed))
        elif key == ("section", "archive"):
            template, context["vacancies"] = "archive.html", data.archived
        elif key == ("section", "search"):
            template = "search.html"
            context.update(index_url=urls.href(f"{INDEX_FOLDER}/pagefind.js"), base_path=urls.base_path)
        elif key == ("section", "grades"):
            template = "grades.html"
            context.update(
                revisions=scale.revisions,
                in_force=scale.in_force(self.now.astimezone(site.timezone).date()),
                rows=_grade_rows(scale.spine, scale.revisions),
                currency=scale.currency,
            )
        elif key[0] == "vacancy":
            view = data.view(self._by_reference[key[1]])
            template = "vacancy.html"
            context.update(
                view=view,
                words=view.words,
                description=view.words.summary,
                job_posting=JobPostingScript(view, site, scale) if view.status.accepts_applications else "",
            )
        elif key[0] == "page":
            words = next(p for p in self.content.pages if p.name == key[1]).words[language]
            template = "page.html"
            context.update(words=words, description=words.summary)
        else:  # the 404 page: no address of its own
            template = "404.html"
        context.update(
            url=urls.href(route.path),
            canonical="" if key == ("not-found",) else urls.absolute(route.path),
            languages=_switch(key, site, self.table, self.translations),
        )
        return PlannedPage(route, template, context, self.in_sitemap(route), shared=data.common)

    def _feed(self, route: Route) -> PlannedPage:
        """The language's Atom feed or JSON Feed (its newest open vacancies, newest first, at
        most FEED_ENTRIES) or its calendar (the deadlines of all open vacancies)."""
        language, kind = route.language, route.key[1]
        assert language is not None
        site, urls, catalog = self.site, self.urls, self.translations[language]
        data = self._language(language)
        newest = sorted(data.open_views, key=lambda v: (v.vacancy.published, v.reference), reverse=True)
        title = catalog.gettext("Open vacancies – %(site)s") % {"site": site.text(site.title, language)}
        listing = urls.absolute(self.table.by_key[("section", "vacancies")][language].path)
        feed_url = urls.absolute(route.path)
        inputs: tuple[Any, ...]
        make: Callable[..., bytes]
        if kind == "atom":
            inputs = (site, language, title, newest[:FEED_ENTRIES], feed_url, listing, self.now)
            make = feeds.atom_feed
        elif kind == "json":
            inputs = (site, language, title, newest[:FEED_ENTRIES], feed_url, listing, self.now)
            make = feeds.json_feed
        else:
            inputs = (site, language, title, data.open_listed, self.now, catalog.gettext("Deadline:"))
            make = feeds.ics_calendar
        return _made_page(route, make, *inputs)

    def _root_page(self, route: Route) -> PlannedPage:
        """The language chooser, the bilingual 404, robots.txt, the sitemap, vacancies.json
        and the host's configuration files."""
        site, urls, by_key, key = self.site, self.urls, self.table.by_key, route.key
        if key == ("data",):
            views = {lang: list(self._language(lang).listed.values()) for lang in site.languages}
            return _made_page(route, feeds.vacancies_json, site, self.content.scale, views, self.now)
        if key == ("sitemap",):
            in_sitemap: dict[Key, dict[str, Route]] = {}
            listed = [r for r in self.routes if self.in_sitemap(r)]
            for listed_route in listed:
                assert listed_route.language is not None
                in_sitemap.setdefault(listed_route.key, {})[listed_route.language] = listed_route
            entries = [
                {
                    "loc": urls.absolute(r.path),
                    "alternates": [
                        (lang, urls.absolute(alt.path)) for lang, alt in in_sitemap[r.key].items()
                    ],
                }
                for r in listed
            ]
            context = {"entries": entries, "x_default": site.base_url}  # the language chooser
            return PlannedPage(route, "sitemap.xml", context, in_sitemap=False)
        if key == ("robots",):
            context = {"sitemap_url": urls.absolute("sitemap.xml")}
            return PlannedPage(route, "robots.txt", context, in_sitemap=False)
        if key[0] == "hosting":
            context = {
                "base_path": urls.base_path,
                "csp": CONTENT_SECURITY_POLICY,
                "language_codes": site.languages,
            }
            return PlannedPage(route, f"hosting/{key[1]}", context, in_sitemap=False)
        homes = [
            LanguageLink(
                lang,
                autonym(lang),
                urls.href(by_key[("home",)][lang].path),
                urls.absolute(by_key[("home",)][lang].path),
                True,
                self.translations[lang].gettext("There is no page at this address. Go to the home page:"),
                site.locale(lang),
            )
            for lang in site.languages
        ]
        root_context = {"site": site, "languages": homes, "assets": self.asset_urls}
        if key == ("root",):
            return PlannedPage(route, "chooser.html", {**root_context, "canonical": site.base_url})
        return PlannedPage(route, "root-404.html", root_context, in_sitemap=False)


def _made_page(route: Route, make: Callable[..., bytes], *inputs: Any) -> PlannedPage:
    """A page made by a function (a feed, the data), when it is rendered; its inputs stand as
    its context, which is what the render cache hashes."""
    return PlannedPage(route, "", {"inputs": inputs}, in_sitemap=False, make=lambda: make(*inputs))


def plan_site(
    content: Content,
    now: datetime,
    translations: dict[str, gettext.NullTranslations],
    report: Report,
    assets: Mapping[str, bytes] | None = None,
) -> list[PlannedPage]:
    """Every page of the site, made now."""
    return SitePlan(content, now, translations, report, assets).pages()


class _LanguageData:
    """What many pages of one language share: the context every page has (menus, section
    links, feeds), and the vacancies as the language shows them, made when first needed."""

    def __init__(self, plan: SitePlan, language: str) -> None:
        self.plan, self.language = plan, language
        content, site, now = plan.content, plan.site, plan.now
        href, urls = plan.table.href, plan.table.urls
        open_count = sum(
            language in v.words and v.status_at(now).accepts_applications for v in plan.vacancies
        )
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
            "assets": plan.asset_urls,
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
        plan = self.plan
        return _vacancy_view(vacancy, self.language, plan.now, plan.site, plan.table)

    @cached_property
    def views(self) -> dict[str, VacancyView]:
        """By reference, in content order."""
        return {v.reference: self.view(v) for v in self.plan.vacancies if self.language in v.words}

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
        return {reference: _without_bodies(view) for reference, view in self.views.items()}

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


def _without_bodies(view: VacancyView) -> VacancyView:
    vacancy = without_bodies(view.vacancy)
    return copied(view, vacancy=vacancy, words=vacancy.words[view.language])


def _routes(
    site: Site,
    slugs: dict[str, SectionSlugs],
    vacancies: Iterable[Vacancy],
    pages: Iterable[Page],
    report: Report,
) -> list[Route]:
    """Every page's output path; two pages on one path is an error naming both sources."""
    routes = [
        Route(("root",), None, "index.html", "the language chooser"),
        Route(("root-not-found",), None, "404.html", "the 404 page"),
        Route(("sitemap",), None, "sitemap.xml", "the sitemap"),
        Route(("robots",), None, "robots.txt", "robots.txt"),
        Route(("data",), None, VACANCIES_JSON, "the vacancies data"),
        *(Route(("hosting", name), None, name, f"templates/hosting/{name}") for name in HOST_FILES),
    ]
    for lang in site.languages:
        section = slugs[lang]
        routes += [
            Route(("home",), lang, f"{lang}/index.html", f"the {lang} home page"),
            Route(("not-found",), lang, f"{lang}/404.html", f"the {lang} 404 page"),
            Route(
                ("section", "vacancies"), lang, f"{lang}/{section.vacancies}/index.html", "the vacancy list"
            ),
            Route(("section", "archive"), lang, f"{lang}/{section.archive}/index.html", "the archive"),
            Route(("section", "grades"), lang, f"{lang}/{section.grades}/index.html", "the grades page"),
            Route(("section", "search"), lang, f"{lang}/{section.search}/index.html", "the search page"),
            Route(("feed", "atom"), lang, f"{lang}/feed.atom", "the Atom feed"),
            Route(("feed", "json"), lang, f"{lang}/feed.json", "the JSON Feed"),
            Route(("feed", "ics"), lang, f"{lang}/deadlines.ics", "the deadlines calendar"),
        ]
        for vacancy in vacancies:
            words = vacancy.words.get(lang)
            if words:
                segment = f"{vacancy.reference}-{words.slug}" if words.slug_written else vacancy.reference
                # Without a slug, the folder's name (the reference) is what asks for the address.
                source, line = (
                    (words.source, words.address_line) if words.slug_written else (vacancy.folder, 0)
                )
                routes.append(
                    Route(
                        ("vacancy", vacancy.reference),
                        lang,
                        f"{lang}/{section.vacancies}/{segment}/index.html",
                        str(source),
                        line,
                    )
                )
        for page in pages:
            words = page.words.get(lang)
            if words:
                path = f"{lang}/{words.slug}/index.html"
                routes.append(Route(("page", page.name), lang, path, str(words.source), words.address_line))
    seen: dict[str, Route] = {}
    for route in routes:
        other = seen.setdefault(route.path.lower(), route)
        if other is not route:
            report.error(
                route.source,
                route.line,
                f"two pages would have the address /{_pretty(route.path)}: {other.source} and {route.source}",
                "give one of them another slug",
            )
    return routes


def _switch(
    key: Key, site: Site, table: RouteTable, translations: dict[str, gettext.NullTranslations]
) -> list[LanguageLink]:
    """The same page in every language; where it is missing, that language's listing."""
    by_key, urls = table.by_key, table.urls
    links = []
    for other in site.languages:
        route = by_key.get(key, {}).get(other)
        if route is not None:
            links.append(
                LanguageLink(
                    other,
                    autonym(other),
                    urls.href(route.path),
                    urls.absolute(route.path),
                    True,
                    og_locale=site.locale(other),
                )
            )
            continue
        catalog = translations[other]
        if key[0] == "vacancy":
            fallback: Key = ("section", "vacancies")
            note = catalog.gettext("not available in this language: list of vacancies")
        else:
            fallback, note = ("home",), catalog.gettext("not available in this language: home page")
        target = by_key[fallback][other].path
        links.append(
            LanguageLink(other, autonym(other), urls.href(target), urls.absolute(target), False, note)
        )
    return links


def _vacancy_view(
    vacancy: Vacancy, language: str, now: datetime, site: Site, table: RouteTable
) -> VacancyView:
    grades_url = table.href(("section", "grades"), language)
    path = table.by_key[("vacancy", vacancy.reference)][language].path
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


@dataclass(frozen=True)
class FilterOptions:
    """The choices of the vacancy list's filters: only values some open vacancy has."""

    grades: list[str]
    divisions: list[tuple[str, str]]  # (code, name)
    locations: list[tuple[str, str]]  # (value, "City, Country")


def _filter_options(views: list[VacancyView]) -> FilterOptions:
    return FilterOptions(
        grades=sorted({g for v in views for g in v.vacancy.grades}, key=grade_number),
        divisions=sorted({(v.vacancy.division, v.division) for v in views}, key=lambda d: d[1]),
        locations=sorted(
            {(f"{v.vacancy.location.country}-{v.city}", v.city) for v in views}, key=lambda loc: loc[1]
        ),
    )


def _grade_rows(spine: tuple[str, ...], revisions: tuple[ScaleRevision, ...]) -> list[GradeRow]:
    return [
        GradeRow(grade, grade_anchor(grade), tuple(r.grades.get(grade) for r in revisions))
        for grade in sorted(spine, key=grade_number, reverse=True)
    ]
