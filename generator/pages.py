"""Models -> the list of pages to build: output path, template and context (pure).

Every page has a *key* that is the same in every language (("vacancy", "241490"),
("section", "grades")); pages sharing a key are translations of one another,
which gives the language switch and the sitemap's alternates.
"""

from __future__ import annotations

import gettext
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from . import feeds
from .errors import Report
from .hosting import CONTENT_SECURITY_POLICY, HOST_FILES
from .i18n import autonym
from .models import Content, Page, ScaleRevision, Site, Status, Vacancy, Words, grade_number
from .search import INDEX_FOLDER
from .structured_data import job_posting, json_ld

Key = tuple[str, ...]
SOONEST_ON_HOME = 3
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
    content: bytes | None = None  # already made (feeds, data), not rendered from a template


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


def plan_site(
    content: Content,
    now: datetime,
    translations: dict[str, gettext.NullTranslations],
    report: Report,
    assets: Mapping[str, bytes] | None = None,
) -> list[PlannedPage]:
    site = content.site
    urls = Urls(site.base_url)
    slugs = {lang: SectionSlugs.translated(translations[lang]) for lang in site.languages}
    vacancies = [v for v in content.vacancies if v.is_published_at(now)]
    routes = _routes(site, slugs, vacancies, content.pages, report)
    if len({r.path.lower() for r in routes}) < len(routes) or report.errors():
        return []
    by_key: dict[Key, dict[str, Route]] = {}
    for route in routes:
        if route.language:
            by_key.setdefault(route.key, {})[route.language] = route
    table = RouteTable(urls, by_key)
    asset_routes = {
        name: Route(("asset", name), None, fingerprinted(name, data), "templates/static")
        for name, data in (assets or {}).items()
    }
    asset_urls = {name: urls.href(route.path) for name, route in asset_routes.items()}
    planned = [
        PlannedPage(route, "", in_sitemap=False, content=(assets or {})[name])
        for name, route in asset_routes.items()
    ]
    for language in site.languages:
        planned += _language_pages(content, vacancies, language, now, table, translations, asset_urls)
    views_by_language = {
        lang: [p.context["view"] for p in planned if p.route.language == lang and p.route.key[0] == "vacancy"]
        for lang in site.languages
    }
    data = feeds.vacancies_json(site, content.scale, views_by_language, now)
    planned.append(PlannedPage(_root(routes, ("data",)), "", in_sitemap=False, content=data))
    planned.extend(_root_pages(site, urls, routes, by_key, translations, planned, asset_urls))
    return planned


def _language_pages(
    content: Content,
    vacancies: list[Vacancy],
    language: str,
    now: datetime,
    table: RouteTable,
    translations: dict[str, gettext.NullTranslations],
    asset_urls: dict[str, str],
) -> list[PlannedPage]:
    """Every page of one language."""
    site, href, urls = content.site, table.href, table.urls
    views = [_vacancy_view(v, language, now, site, table) for v in vacancies if language in v.words]
    open_views = sorted(
        (v for v in views if v.status.accepts_applications),
        key=lambda v: (v.vacancy.deadline, v.reference),
    )
    archived = sorted(
        (v for v in views if not v.status.accepts_applications),
        key=lambda v: (v.vacancy.deadline, v.reference),
        reverse=True,
    )
    common = {
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
        "open_count": len(open_views),
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

    def page(key: Key, template: str, in_sitemap: bool = True, **context: Any) -> PlannedPage:
        route = table.by_key[key][language]
        return PlannedPage(
            route,
            template,
            {
                **common,
                **context,
                "url": urls.href(route.path),
                "canonical": urls.absolute(route.path),
                "languages": _switch(key, site, table, translations),
            },
            in_sitemap,
        )

    scale = content.scale
    planned = [
        page(("home",), "home.html", soonest=open_views[:SOONEST_ON_HOME]),
        page(
            ("section", "vacancies"),
            "vacancies.html",
            vacancies=open_views,
            filter_options=_filter_options(open_views),
        ),
        page(("section", "archive"), "archive.html", vacancies=archived),
        page(
            ("section", "search"),
            "search.html",
            index_url=urls.href(f"{INDEX_FOLDER}/pagefind.js"),
            base_path=urls.base_path,
        ),
        page(
            ("section", "grades"),
            "grades.html",
            revisions=scale.revisions,
            in_force=scale.in_force(now.astimezone(site.timezone).date()),
            rows=_grade_rows(scale.spine, scale.revisions),
            currency=scale.currency,
        ),
    ]
    planned += [
        page(
            ("vacancy", v.reference),
            "vacancy.html",
            # Search engines are shown open vacancies only.
            in_sitemap=v.status.accepts_applications,
            view=v,
            words=v.words,
            description=v.words.summary,
            job_posting=json_ld(job_posting(v, site, scale)) if v.status.accepts_applications else "",
        )
        for v in views
    ]
    planned += [
        page(
            ("page", item.name),
            "page.html",
            words=item.words[language],
            description=item.words[language].summary,
        )
        for item in content.pages
        if language in item.words
    ]
    not_found = table.by_key[("not-found",)][language]
    context = {
        **common,
        "url": urls.href(not_found.path),
        "canonical": "",  # a 404 has no address of its own
        "languages": _switch(("not-found",), site, table, translations),
    }
    planned.append(PlannedPage(not_found, "404.html", context, in_sitemap=False))
    planned += _feeds(content, language, open_views, now, table, translations[language])
    return planned


def _feeds(
    content: Content,
    language: str,
    open_views: list[VacancyView],
    now: datetime,
    table: RouteTable,
    catalog: gettext.NullTranslations,
) -> list[PlannedPage]:
    """The language's Atom feed, JSON Feed and calendar of deadlines, all of open vacancies."""
    site, urls = content.site, table.urls
    title = catalog.gettext("Open vacancies – %(site)s") % {"site": site.text(site.title, language)}
    listing = urls.absolute(table.by_key[("section", "vacancies")][language].path)
    routes = {kind: table.by_key[("feed", kind)][language] for kind in ("atom", "json", "ics")}
    made = {
        "atom": feeds.atom_feed(
            site, language, title, open_views, urls.absolute(routes["atom"].path), listing, now
        ),
        "json": feeds.json_feed(
            site, language, title, open_views, urls.absolute(routes["json"].path), listing, now
        ),
        "ics": feeds.ics_calendar(site, language, title, open_views, now, catalog.gettext("Deadline:")),
    }
    return [PlannedPage(routes[kind], "", in_sitemap=False, content=made[kind]) for kind in routes]


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
                routes.append(
                    Route(
                        ("vacancy", vacancy.reference),
                        lang,
                        f"{lang}/{section.vacancies}/{segment}/index.html",
                        str(words.source),
                    )
                )
        for page in pages:
            words = page.words.get(lang)
            if words:
                routes.append(
                    Route(("page", page.name), lang, f"{lang}/{words.slug}/index.html", str(words.source))
                )
    seen: dict[str, Route] = {}
    for route in routes:
        other = seen.setdefault(route.path.lower(), route)
        if other is not route:
            report.error(
                route.source,
                None,
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


def _root(routes: list[Route], key: Key) -> Route:
    return next(r for r in routes if r.key == key)


def _root_pages(
    site: Site,
    urls: Urls,
    routes: list[Route],
    by_key: dict[Key, dict[str, Route]],
    translations: dict[str, gettext.NullTranslations],
    planned: list[PlannedPage],
    asset_urls: dict[str, str],
) -> list[PlannedPage]:
    """The language chooser, the bilingual 404, robots.txt and the sitemap of `planned`."""
    homes = [
        LanguageLink(
            lang,
            autonym(lang),
            urls.href(by_key[("home",)][lang].path),
            urls.absolute(by_key[("home",)][lang].path),
            True,
            translations[lang].gettext("There is no page at this address. Go to the home page:"),
            site.locale(lang),
        )
        for lang in site.languages
    ]
    root_context = {"site": site, "languages": homes, "assets": asset_urls}
    in_sitemap: dict[Key, dict[str, Route]] = {}
    for page in planned:
        if page.in_sitemap and page.route.language:
            in_sitemap.setdefault(page.route.key, {})[page.route.language] = page.route
    sitemap = [
        {
            "loc": urls.absolute(route.path),
            "alternates": [(lang, urls.absolute(alt.path)) for lang, alt in in_sitemap[route.key].items()],
        }
        for page in planned
        if page.in_sitemap and (route := page.route).language
    ]
    return [
        PlannedPage(_root(routes, ("root",)), "chooser.html", {**root_context, "canonical": site.base_url}),
        PlannedPage(_root(routes, ("root-not-found",)), "root-404.html", root_context, in_sitemap=False),
        PlannedPage(
            _root(routes, ("sitemap",)),
            "sitemap.xml",
            {"entries": sitemap, "x_default": site.base_url},  # the language chooser
            in_sitemap=False,
        ),
        PlannedPage(
            _root(routes, ("robots",)),
            "robots.txt",
            {"sitemap_url": urls.absolute("sitemap.xml")},
            in_sitemap=False,
        ),
        *(
            PlannedPage(
                _root(routes, ("hosting", name)),
                f"hosting/{name}",
                {
                    "base_path": urls.base_path,
                    "csp": CONTENT_SECURITY_POLICY,
                    "language_codes": site.languages,
                },
                in_sitemap=False,
            )
            for name in HOST_FILES
        ),
    ]
