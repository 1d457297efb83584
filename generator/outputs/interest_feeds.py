"""What each feed follows, and the feed sets the Follow page and the lists link to (pure).

A language has its own feeds (/LANG/feed.atom, feed.json, deadlines.ics) of every open
vacancy; below its Follow page it has the same three files for the internship offers (where
the language has the internships page) and for each division of site.yaml, whether or not
it has an open vacancy today (site/routes.py says where). Each holds what the language's own
holds, narrowed to its subject: the vacancies that accept applications (staff posts and
internship offers alike, pending budget approval included) in that language; feed_pages.py
orders them as the language's own feeds are ordered.

A feed's route key says what it follows: ("feed", KIND) everything, ("feed", KIND,
"internships") the internship offers, ("feed", KIND, "division", CODE) one division.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ..content.models import Site, Vacancy
from ..site.language_context import LanguageData
from ..site.routes import Key, RouteTable, address_word, internships_page
from ..site.vacancy_views import VacancyView

Subject = tuple[str, ...]  # what a feed follows: (), ("internships",) or ("division", CODE)
EVERYTHING: Subject = ()
INTERNSHIPS: Subject = ("internships",)


def follows(subject: Subject, vacancy: Vacancy) -> bool:
    """Whether a feed of SUBJECT carries VACANCY (when it is open, in the feed's language)."""
    if subject == EVERYTHING:
        return True
    if subject == INTERNSHIPS:
        return vacancy.is_internship
    if subject[0] == "division":
        return vacancy.division == subject[1]
    raise ValueError(f"a feed cannot follow {subject!r}")


def followed(subject: Subject, views: Iterable[VacancyView]) -> list[VacancyView]:
    """The views a feed of SUBJECT carries, in the order given."""
    return [view for view in views if follows(subject, view.vacancy)]


def feed_key(kind: str, subject: Subject) -> Key:
    return ("feed", kind, *subject)


def subjects(table: RouteTable, language: str) -> list[Subject]:
    """What LANGUAGE's feeds follow, in the order of its routes: everything first."""
    return [
        key[2:] for key, routes in table.by_key.items() if key[:2] == ("feed", "atom") and language in routes
    ]


def feed_title(subject: Subject, site: Site, language: str, catalog: gettext.NullTranslations) -> str:
    """The title a feed reader and a calendar show: what the feed follows, and the site."""
    names = {"site": site.text(site.title, language)}
    if subject == EVERYTHING:
        return catalog.gettext("Open vacancies – %(site)s") % names
    if subject == INTERNSHIPS:
        return catalog.gettext("Internship offers – %(site)s") % names
    division = site.text(site.divisions[subject[1]], language)
    return catalog.gettext("%(division)s: open vacancies – %(site)s") % {**names, "division": division}


def listing_url(subject: Subject, data: LanguageData) -> str:
    """The page a feed stands for (its `alternate` link, JSON Feed's home_page_url): the list
    of vacancies, the internships page, or the list of vacancies filtered to the division."""
    table, language = data.table, data.language
    if subject == INTERNSHIPS:
        lister = internships_page(data.content.pages)
        assert lister is not None  # routes.py gives the offers feeds only to a language that has it
        key: Key = ("page", lister.name)
    else:
        key = ("section", "vacancies")
    listing = table.urls.absolute(table.by_key[key][language].path)
    if subject[:1] == ("division",):
        listing += "?division=" + quote(subject[1], safe="")
    return listing


@dataclass(frozen=True)
class FeedSet:
    """One subject one can follow in a language: its name, its three files and what it holds now."""

    subject: Subject
    name: str
    anchor: str  # its id on the Follow page
    open_count: int  # the vacancies its feeds carry today
    atom: str  # the files' addresses on the site
    json: str
    ics: str


def feed_set(subject: Subject, data: LanguageData, catalog: gettext.NullTranslations) -> FeedSet:
    site, language, href = data.content.site, data.language, data.table.href
    if subject == EVERYTHING:
        name, anchor = catalog.gettext("All open vacancies"), "all"
    elif subject == INTERNSHIPS:
        name, anchor = catalog.gettext("Internship offers"), "internships"
    else:
        name = site.text(site.divisions[subject[1]], language)
        anchor = f"division-{address_word(subject[1])}"
    return FeedSet(
        subject=subject,
        name=name,
        anchor=anchor,
        open_count=len(followed(subject, data.open_listed)),
        atom=href(feed_key("atom", subject), language),
        json=href(feed_key("json", subject), language),
        ics=href(feed_key("ics", subject), language),
    )


def feed_sets(data: LanguageData, catalog: gettext.NullTranslations) -> list[FeedSet]:
    """Every feed set of the language, everything first, then the internship offers, then
    the divisions in the order of site.yaml."""
    return [feed_set(subject, data, catalog) for subject in subjects(data.table, data.language)]


def has_feed(subject: Subject, data: LanguageData) -> bool:
    return data.language in data.table.by_key.get(feed_key("atom", subject), {})
