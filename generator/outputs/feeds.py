"""Machine-readable outputs: Atom and JSON feeds and vacancies.json (pure; the calendar is
deadline_calendar.py).

Every function returns bytes that depend only on its arguments: no file access, no
wall clock, keys sorted where their order means nothing. The only timestamps are
derived from the vacancies' facts, or from the `now` passed in where the format
needs one and there is nothing else (an empty Atom feed, vacancies.json's `generated`).

Staff posts and internship offers both appear, each with its kind (an Atom category,
`_vacancy.kind` in the JSON Feed, `kind` in vacancies.json).

Dates of publication are calendar dates; feeds need instants, so a vacancy counts
as published at 00:00 on that date in the site's time zone.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from ..common.clock import in_timezone
from ..content.models import ALLOWANCE_CURRENCY, SalaryScale, Site, Vacancy
from ..site.vacancy_views import VacancyView

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
CENTS = Decimal("0.01")
# The Atom category that says what an entry offers: term "post" or "internship".
KIND_SCHEME = "urn:careers-site-generator:kind"

# Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# --- shared -------------------------------------------------------------------------------


def language_tag(language: str) -> str:
    """A Babel code as a BCP 47 tag, for xml:lang, hreflang and JSON Feed: pt_BR -> pt-BR."""
    return language.replace("_", "-")


def _published_at(site: Site, published: date) -> datetime:
    """A publication date as an instant: 00:00 that day in the site's time zone."""
    return datetime.combine(published, time(0), tzinfo=site.timezone)


def rfc3339(moment: datetime) -> str:
    """2024-06-01T00:00:00+02:00: seconds precision, numeric offset."""
    return moment.replace(microsecond=0).isoformat()


def local_time(site: Site, moment: datetime) -> datetime:
    return in_timezone(moment, site.timezone)


def unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- Atom (RFC 4287) -------------------------------------------------------------------------


def atom_feed(
    site: Site,
    language: str,
    title: str,
    views: Sequence[VacancyView],
    feed_url: str,
    page_url: str,
    now: datetime,
) -> bytes:
    """An Atom feed of one language's open vacancies, in the order given.

    `updated` is the newest publication among the entries, so that the feed only
    changes when its content does; `now` is used only when there is no entry.
    """
    tag = language_tag(language)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": tag})
    _text(feed, "id", feed_url)
    _text(feed, "title", title)
    if views:
        updated = max(_published_at(site, view.vacancy.published) for view in views)
    else:
        updated = local_time(site, now)
    _text(feed, "updated", rfc3339(updated))
    _link(feed, "self", feed_url, "application/atom+xml")
    _link(feed, "alternate", page_url, "text/html", tag)
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.text(site.organisation, language))
    for view in views:
        entry = ET.SubElement(feed, "entry")
        words = view.words
        published = rfc3339(_published_at(site, view.vacancy.published))
        _text(entry, "id", view.absolute_url)
        _text(entry, "title", words.title)
        _link(entry, "alternate", view.absolute_url, "text/html", tag)
        _text(entry, "published", published)
        _text(entry, "updated", published)
        if words.summary:
            _text(entry, "summary", words.summary)
        _text(entry, "content", words.body_html, type="html")
        for grade in view.vacancy.grades:
            _element(entry, "category", term=grade, label=grade)
        _element(entry, "category", term=view.vacancy.division, label=view.division)
        _element(entry, "category", term=view.vacancy.kind.value, scheme=KIND_SCHEME)
    ET.indent(feed, space="  ")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _xml(text: str) -> str:
    """Text an XML 1.0 document can hold: forbidden characters dropped, line breaks as LF."""
    return _NOT_XML.sub("", unix_newlines(text))


def _element(parent: ET.Element, name: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, name, {key: _xml(value) for key, value in attributes.items()})


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = _element(parent, name, **attributes)
    element.text = _xml(text)
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str, hreflang: str = "") -> None:
    attributes = {"rel": rel, "type": media_type, "href": href}
    if hreflang:
        attributes["hreflang"] = hreflang
    _element(parent, "link", **attributes)


# --- JSON Feed 1.1 ---------------------------------------------------------------------------


def json_feed(
    site: Site,
    language: str,
    title: str,
    views: Sequence[VacancyView],
    feed_url: str,
    page_url: str,
    now: datetime,
) -> bytes:
    """A JSON Feed 1.1 of one language's open vacancies, in the order given.

    Each item carries a `_vacancy` extension with the facts a reader may filter on.
    `now` is not used: the feed has no field that needs the build clock.
    """
    organisation = site.text(site.organisation, language)
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": page_url,
        "feed_url": feed_url,
        "language": language_tag(language),
        "authors": [{"name": organisation}],
        "items": [_json_item(site, view) for view in views],
    }
    return _json(feed)


def _json_item(site: Site, view: VacancyView) -> dict[str, Any]:
    vacancy = view.vacancy
    item: dict[str, Any] = {
        "id": view.absolute_url,
        "url": view.absolute_url,
        "title": view.words.title,
        "content_html": view.words.body_html,
        "date_published": rfc3339(_published_at(site, vacancy.published)),
        "tags": [*vacancy.grades, view.division],
        "_vacancy": {
            "kind": vacancy.kind.value,
            "internship": _internship(vacancy),
            "reference": vacancy.reference,
            "grades": list(vacancy.grades),
            "deadline": rfc3339(local_time(site, vacancy.deadline)),
            "division": vacancy.division,
            "city": view.city,
            "country": vacancy.location.country,
            "status": str(view.status),
        },
    }
    if view.words.summary:
        item["summary"] = view.words.summary
    return item


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode(
        "utf-8"
    )


# --- vacancies.json --------------------------------------------------------------------------


def vacancies_json(
    site: Site,
    scale: SalaryScale,
    views_by_language: Mapping[str, Sequence[VacancyView]],
    now: datetime,
) -> bytes:
    """Every vacancy published at `now`, open or not, with its facts and its words per language.

    `views_by_language` holds, per language, the views of the vacancies that exist
    in that language (as planned; any not yet published at `now` are left out).
    Sorted by reference; `generated` is `now` in the site's time zone.
    """
    by_reference: dict[str, list[VacancyView]] = {}
    for language in sorted(views_by_language):
        for view in views_by_language[language]:
            if view.vacancy.is_published_at(now):
                by_reference.setdefault(view.reference, []).append(view)
    document = {
        "generated": rfc3339(local_time(site, now)),
        "site": site.base_url,
        "vacancies": [
            _vacancy_record(site, scale, by_reference[reference]) for reference in sorted(by_reference)
        ],
    }
    return _json(document)


def _vacancy_record(site: Site, scale: SalaryScale, views: Sequence[VacancyView]) -> dict[str, Any]:
    vacancy: Vacancy = views[0].vacancy
    levels = vacancy.language_levels
    return {
        "reference": vacancy.reference,
        "kind": vacancy.kind.value,
        "internship": _internship(vacancy),
        "status": str(views[0].status),
        "grades": list(vacancy.grades),
        "division": {
            "code": vacancy.division,
            "name": _per_language(site, site.divisions.get(vacancy.division, {})),
        },
        "location": {
            "city": _per_language(site, vacancy.location.city),
            "country": vacancy.location.country,
        },
        "schedule": vacancy.schedule,
        "contract": vacancy.contract,
        "contract_years": vacancy.contract_years,
        "published": vacancy.published.isoformat(),
        "deadline": rfc3339(local_time(site, vacancy.deadline)),
        "salary": None
        if vacancy.salary is None
        else {
            "amount": f"{vacancy.salary.quantize(CENTS):f}",
            "currency": scale.currency,
            "period": scale.period,
        },
        "language_levels": None if levels is None else {"one": levels.one, "other": levels.other},
        "apply_url": vacancy.apply_url,
        "conditions": [c.code or _per_language(site, c.text) for c in vacancy.conditions],
        "languages": {
            view.language: {
                "title": view.words.title,
                "summary": view.words.summary,
                "url": view.absolute_url,
            }
            for view in views
        },
    }


def _internship(vacancy: Vacancy) -> dict[str, Any] | None:
    """An offer's own facts (None for a post): its length, start month and monthly allowance."""
    if not vacancy.is_internship:
        return None
    allowance = vacancy.allowance
    return {
        "duration_months": vacancy.duration_months,
        "starts": None if vacancy.starts is None else f"{vacancy.starts:%Y-%m}",
        "allowance": None
        if allowance is None
        else {"amount": f"{allowance.quantize(CENTS):f}", "currency": ALLOWANCE_CURRENCY, "period": "month"},
    }


def _per_language(site: Site, value: Mapping[str, str]) -> dict[str, str]:
    """A name in every site language, falling back to the default language's."""
    return {language: site.text(dict(value), language) for language in site.languages}
