"""Planning the machine-readable pages: each language's feeds and calendar (its own, and those
of the internship offers and of each division: interest_feeds.py), and vacancies.json.

What goes into each (which vacancies, in which order, with which titles and
addresses) is decided here; feeds.py turns that into bytes when the page is rendered.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from ..content.models import Content
from ..site.language_context import LanguageData
from ..site.planned_page import PlannedPage, made_page
from ..site.routes import Route, RouteTable
from . import deadline_calendar, feeds
from .interest_feeds import feed_title, followed, listing_url

FEED_ENTRIES = 50  # the newest open vacancies; a reader keeps an entry once fetched


def feed_page(
    route: Route, data: LanguageData, table: RouteTable, catalog: gettext.NullTranslations, now: datetime
) -> PlannedPage:
    """An Atom feed or JSON Feed (the newest open vacancies of what it follows, newest first,
    at most FEED_ENTRIES) or a calendar (the deadlines of all of them, soonest first): the
    language's own, or one it has for the internship offers or a division (interest_feeds.py)."""
    language, kind, subject = route.language, route.key[1], route.key[2:]
    assert language is not None
    site, urls = data.content.site, table.urls
    chosen = followed(subject, data.open_views)
    newest = sorted(chosen, key=lambda v: (v.vacancy.published, v.reference), reverse=True)
    title = feed_title(subject, site, language, catalog)
    listing = listing_url(subject, data)
    feed_url = urls.absolute(route.path)
    inputs: tuple[Any, ...]
    make: Callable[..., bytes]
    if kind == "atom":
        inputs = (site, language, title, newest[:FEED_ENTRIES], feed_url, listing, now)
        make = feeds.atom_feed
    elif kind == "json":
        inputs = (site, language, title, newest[:FEED_ENTRIES], feed_url, listing, now)
        make = feeds.json_feed
    else:
        inputs = (
            site,
            language,
            title,
            followed(subject, data.open_listed),
            now,
            catalog.gettext("Deadline:"),
        )
        make = deadline_calendar.ics_calendar
    return made_page(route, make, *inputs)


def data_page(
    route: Route, content: Content, languages: Mapping[str, LanguageData], now: datetime
) -> PlannedPage:
    """vacancies.json: every published vacancy with its facts, and its words per language."""
    views = {language: list(data.listed.values()) for language, data in languages.items()}
    return made_page(route, feeds.vacancies_json, content.site, content.scale, views, now)
