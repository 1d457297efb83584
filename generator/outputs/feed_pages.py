"""Planning the machine-readable pages: each language's feeds and calendar, and vacancies.json.

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

FEED_ENTRIES = 50  # the newest open vacancies; a reader keeps an entry once fetched


def feed_page(
    route: Route, data: LanguageData, table: RouteTable, catalog: gettext.NullTranslations, now: datetime
) -> PlannedPage:
    """The language's Atom feed or JSON Feed (its newest open vacancies, newest first, at
    most FEED_ENTRIES) or its calendar (the deadlines of all open vacancies)."""
    language, kind = route.language, route.key[1]
    assert language is not None
    site, urls = data.content.site, table.urls
    newest = sorted(data.open_views, key=lambda v: (v.vacancy.published, v.reference), reverse=True)
    title = catalog.gettext("Open vacancies – %(site)s") % {"site": site.text(site.title, language)}
    listing = urls.absolute(table.by_key[("section", "vacancies")][language].path)
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
        inputs = (site, language, title, data.open_listed, now, catalog.gettext("Deadline:"))
        make = deadline_calendar.ics_calendar
    return made_page(route, make, *inputs)


def data_page(
    route: Route, content: Content, languages: Mapping[str, LanguageData], now: datetime
) -> PlannedPage:
    """vacancies.json: every published vacancy with its facts, and its words per language."""
    views = {language: list(data.listed.values()) for language, data in languages.items()}
    return made_page(route, feeds.vacancies_json, content.site, content.scale, views, now)
