"""Addresses: where each page of each language is written, and how pages link across languages (pure).

Every page has a *key* that is the same in every language (("vacancy", "241490"),
("internship", "INT-2025-01"), ("section", "grades")); pages sharing a key are
translations of one another, which gives the language switch and the sitemap's
alternates. Two pages on one path is an error that names both sources.

A staff post is at /LANG/VACANCIES/REF/ (VACANCIES is the section's translated
address word); an internship offer is below the internships page (the page whose
page.yaml says `lists: internships`): /LANG/PAGE-SLUG/REF/, e.g. /en/internships/REF/
and /fr/stages/REF/. Either way the address holds the reference, and a written
slug is added after it (REF-SLUG).

The Follow page is at /LANG/FOLLOW/, and the feeds one can follow apart below it, named as
a language's own (/LANG/feed.atom, feed.json, deadlines.ics): /en/follow/internships/feed.atom,
/fr/suivre/division-ops/deadlines.ics.
"""

from __future__ import annotations

import gettext
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..common.problems import Report
from ..content.models import Page, Site, Vacancy
from .host_files import HOST_FILES
from .i18n import autonym

Key = tuple[str, ...]
VACANCIES_JSON = "vacancies.json"
# Each feed set's files: (kind, file name, what it is), as a language's own are named.
FEED_FILES = (
    ("atom", "feed.atom", "Atom"),
    ("json", "feed.json", "JSON Feed"),
    ("ics", "deadlines.ics", "calendar"),
)
INDEX_FOLDER = "pagefind"  # the search index, one folder per language (publish/search_index.py)


@dataclass(frozen=True)
class SectionSlugs:
    """The address words of the fixed sections, in one language."""

    vacancies: str
    archive: str
    grades: str
    search: str
    follow: str  # the Follow page, and the folder of the feeds one can follow apart
    internships: str  # the internship offers' feeds, below `follow`
    division: str  # a division's feeds, below `follow`: DIVISION-CODE

    @classmethod
    def translated(cls, translations: gettext.NullTranslations) -> SectionSlugs:
        return cls(
            vacancies=translations.pgettext("URL segment", "vacancies"),
            archive=translations.pgettext("URL segment", "archive"),
            grades=translations.pgettext("URL segment", "grades-and-salaries"),
            search=translations.pgettext("URL segment", "search"),
            follow=translations.pgettext("URL segment", "follow"),
            internships=translations.pgettext("URL segment", "internships"),
            division=translations.pgettext("URL segment", "division"),
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
class Urls:
    """Turns output paths into addresses on the site."""

    base_url: str  # site.yaml's, which settings.py checked with common/addresses.py

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def href(self, path: str) -> str:
        return self.base_path + pretty(path)

    def absolute(self, path: str) -> str:
        return self.base_url + pretty(path)


def pretty(path: str) -> str:
    """An output path as its address: `en/vacancies/index.html` -> `en/vacancies/`."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def fingerprinted(name: str, data: bytes) -> str:
    """`style.css` -> `static/style.3f9a1c2b7e.css`: a new name whenever the bytes change,
    so that hosts may let browsers cache assets for a year."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"static/{stem}.{digest}.{suffix}" if dot else f"static/{name}.{digest}"


def grade_anchor(grade: str) -> str:
    return f"grade-{grade.lower()}"


def vacancy_key(vacancy: Vacancy) -> Key:
    """A post's page key, ("vacancy", REF), or an internship offer's, ("internship", REF)."""
    return ("internship" if vacancy.is_internship else "vacancy", vacancy.reference)


@dataclass(frozen=True)
class RouteTable:
    """Where each page of each language is written, found by key."""

    urls: Urls
    by_key: dict[Key, dict[str, Route]]

    def href(self, key: Key, language: str) -> str:
        return self.urls.href(self.by_key[key][language].path)


def site_routes(
    site: Site,
    slugs: dict[str, SectionSlugs],
    vacancies: Iterable[Vacancy],
    pages: Iterable[Page],
    report: Report,
) -> list[Route]:
    """Every page's output path; two pages on one path is an error naming both sources, and so
    are internship offers with no page to list them, or two pages that list them."""
    pages, vacancies = list(pages), list(vacancies)
    lister = internships_page(pages, report)
    if lister is None:
        for offer in (v for v in vacancies if v.is_internship):
            report.error(
                offer.folder / "vacancy.yaml",
                None,
                f"no page lists the internship offer {offer.reference}",
                "add `lists: internships` to the page.yaml of the internships page",
            )
    divisions = division_words(site, report)
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
        offers_page = lister.words.get(lang) if lister else None
        routes += follow_routes(divisions, lang, section, has_offers_page=offers_page is not None)
        for vacancy in vacancies:
            words = vacancy.words.get(lang)
            if words:
                segment = f"{vacancy.reference}-{words.slug}" if words.slug_written else vacancy.reference
                folder = section.vacancies
                if vacancy.is_internship and offers_page is not None:
                    folder = offers_page.slug
                # Without a slug, the folder's name (the reference) is what asks for the address.
                source, line = (
                    (words.source, words.address_line) if words.slug_written else (vacancy.folder, 0)
                )
                path = f"{lang}/{folder}/{segment}/index.html"
                routes.append(Route(vacancy_key(vacancy), lang, path, str(source), line))
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
                f"two pages would have the address /{pretty(route.path)}: {other.source} and {route.source}",
                "give one of them another slug",
            )
    return routes


def follow_routes(
    divisions: Mapping[str, str], lang: str, section: SectionSlugs, *, has_offers_page: bool
) -> list[Route]:
    """The Follow page, and below it the feeds of what one can follow apart: the internship
    offers (where the language has the internships page) and each division (code -> address
    word, `division_words`), open vacancies or not, so that a subscription made today keeps
    working. A feed's key is the language feed's, ("feed", KIND), followed by what it
    follows: ("internships",) or ("division", CODE)."""
    follow = f"{lang}/{section.follow}"
    routes = [Route(("section", "follow"), lang, f"{follow}/index.html", "the Follow page")]
    subjects: list[tuple[Key, str, str]] = []
    if has_offers_page:
        subjects.append((("internships",), section.internships, "the internship offers"))
    for code, word in divisions.items():
        folder = f"{section.division}-{word}"
        subjects.append((("division", code), folder, f"the division {code} of site.yaml"))
    for subject, folder, what in subjects:
        for kind, name, label in FEED_FILES:
            routes.append(
                Route(("feed", kind, *subject), lang, f"{follow}/{folder}/{name}", f"{what} ({label})")
            )
    return routes


def division_words(site: Site, report: Report) -> dict[str, str]:
    """Each division's code -> the word of its feeds' address; two codes that would share one
    (`OPS` and `ops`) are an error, and the second gets no feeds."""
    words: dict[str, str] = {}
    for code in site.divisions:
        word = address_word(code)
        first = next((other for other, taken in words.items() if taken == word), None)
        if first is None:
            words[code] = word
        else:
            report.error(
                "site.yaml",
                None,
                f"the divisions {first} and {code} would have their feeds at one address (division-{word})",
                "give one of them a code that differs by more than capitals, accents or punctuation",
            )
    return words


def address_word(code: str) -> str:
    """A division code as a word of an address: `PASP` -> `pasp`, `Div. 2` -> `div-2` (lower-case
    letters, digits and hyphens only, so that no code can reach outside its folder)."""
    ascii_code = unicodedata.normalize("NFKD", str(code)).encode("ascii", "ignore").decode()
    word = re.sub(r"[^a-z0-9]+", "-", ascii_code.lower()).strip("-")
    return word or hashlib.sha256(str(code).encode()).hexdigest()[:10]  # a code of no Latin letter


def internships_page(pages: Iterable[Page], report: Report | None = None) -> Page | None:
    """The page that lists the internship offers (`lists: internships`); a second one is an error."""
    listers = [page for page in pages if page.lists == "internships"]
    for other in listers[1:]:
        if report is not None:
            report.error(
                other.folder / "page.yaml",
                None,
                f"two pages list the internship offers: {listers[0].name} and {other.name}",
                "keep `lists: internships` in one page.yaml only",
            )
    return listers[0] if listers else None


def language_switch(
    key: Key,
    site: Site,
    table: RouteTable,
    translations: dict[str, gettext.NullTranslations],
    offers_key: Key = ("page",),
) -> list[LanguageLink]:
    """The same page in every language; where it is missing, that language's listing (the
    internships page, `offers_key`, for an offer), or else its home page."""
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
        elif key[0] == "internship" and other in by_key.get(offers_key, {}):
            fallback = offers_key
            note = catalog.gettext("not available in this language: internship offers")
        else:
            fallback, note = ("home",), catalog.gettext("not available in this language: home page")
        target = by_key[fallback][other].path
        links.append(
            LanguageLink(other, autonym(other), urls.href(target), urls.absolute(target), False, note)
        )
    return links
