"""The feeds and data files, built from the basic site and read back with real parsers."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from generator import feeds, ics
from generator.errors import Report
from generator.i18n import load_translations
from generator.loader import load_content
from generator.models import Content, Status
from generator.pages import plan_site
from generator.validate import validate_content
from generator.views import VacancyView

ROOT = Path(__file__).resolve().parent.parent
BASIC = ROOT / "tests" / "sites" / "basic"
LOCALE_DIR = ROOT / "templates" / "locale"
BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2024, 11, 1, tzinfo=BRUSSELS)
BASE = "https://jobs.example.org"

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TITLES = {"en": "Open vacancies – Jobs at Example", "fr": "Postes à pourvoir – Emplois chez Exemple"}
LABELS = {"en": "Deadline", "fr": "Date de clôture :"}

HOSTILE_TITLE = "<script>alert(\"x\")</script> & 'quotes'; a, b \\ c"
HOSTILE_BODY = '<p>CDATA end ]]> &amp; <a href="x?a=1&b=2">link</a></p>\n<script>evil()</script>\n'
LONG_FRENCH = (
    "L'Organisation recherche un(e) spécialiste expérimenté(e) chargé(e) de la coordination des "
    "activités régionales ; il ou elle élaborera des stratégies, évaluera les priorités « à moyen terme », "
    "négociera avec les États membres et rédigera des synthèses précises, concises et cohérentes — "
    "sans oublier la gestion budgétaire, l'égalité des genres et la sécurité des données ‘sensibles’. "
    "Ça, c'est déjà beaucoup : œuvrer à Bruxelles, à Mons ou à Naples, été comme hiver."
)


@dataclasses.dataclass(frozen=True)
class Basic:
    content: Content
    views: list[VacancyView]  # every planned vacancy page, every language

    def of(self, language: str, *, open_only: bool = True) -> list[VacancyView]:
        chosen = [
            v
            for v in self.views
            if v.language == language and (v.status.accepts_applications or not open_only)
        ]
        return sorted(chosen, key=lambda v: (v.vacancy.deadline, v.reference))

    def by_language(self) -> dict[str, list[VacancyView]]:
        return {lang: self.of(lang, open_only=False) for lang in self.content.site.languages}


@pytest.fixture(scope="module")
def basic() -> Basic:
    report = Report()
    content = validate_content(load_content(BASIC, report), report)
    assert content is not None, [p.format() for p in report]
    translations = load_translations(LOCALE_DIR, content.site, report)
    planned = plan_site(content, NOW, translations, report)
    views = [page.context["view"] for page in planned if "view" in page.context]
    assert views, "the basic site plans no vacancy page"
    return Basic(content, views)


def _urls(language: str, kind: str) -> tuple[str, str]:
    page = f"{BASE}/{language}/vacancies/"
    return f"{page}feed.{kind}", page


def _atom(basic: Basic, language: str, views: list[VacancyView] | None = None, now: datetime = NOW) -> bytes:
    feed_url, page_url = _urls(language, "xml")
    chosen = basic.of(language) if views is None else views
    return feeds.atom_feed(basic.content.site, language, TITLES[language], chosen, feed_url, page_url, now)


def _json_feed(basic: Basic, language: str, views: list[VacancyView] | None = None) -> bytes:
    feed_url, page_url = _urls(language, "json")
    chosen = basic.of(language) if views is None else views
    return feeds.json_feed(basic.content.site, language, TITLES[language], chosen, feed_url, page_url, NOW)


def _ics(
    basic: Basic,
    language: str,
    views: list[VacancyView] | None = None,
    now: datetime = NOW,
    label: str | None = None,
) -> bytes:
    chosen = basic.of(language) if views is None else views
    return ics.ics_calendar(
        basic.content.site, language, TITLES[language], chosen, now, label or LABELS[language]
    )


def _midnight(view: VacancyView) -> datetime:
    return datetime.combine(view.vacancy.published, time(0), tzinfo=BRUSSELS)


def _hostile(view: VacancyView, **words: str) -> VacancyView:
    values: dict[str, Any] = {
        "title": HOSTILE_TITLE,
        "summary": HOSTILE_TITLE,
        "body_html": HOSTILE_BODY,
        **words,
    }
    return dataclasses.replace(view, words=dataclasses.replace(view.words, **values))


def _events(data: bytes) -> tuple[Calendar, list[Any]]:
    calendar = Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_fixture_has_open_and_closed_vacancies_in_both_languages(basic: Basic) -> None:
    assert [v.reference for v in basic.of("en")] == ["100002", "100003"]
    assert [v.reference for v in basic.of("fr")] == ["100002"]
    statuses = {v.reference: v.status for v in basic.views}
    assert statuses == {
        "100001": Status.CLOSED,
        "100002": Status.PENDING_BUDGET_APPROVAL,
        "100003": Status.OPEN,
    }


# --- Atom --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_atom_feed_is_namespaced_atom_with_the_vacancy_facts(basic: Basic, language: str) -> None:
    views = basic.of(language)
    feed_url, page_url = _urls(language, "xml")
    data = _atom(basic, language)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == language
    assert root.findtext(f"{ATOM}id") == feed_url
    assert root.findtext(f"{ATOM}title") == TITLES[language]
    site = basic.content.site
    assert root.findtext(f"{ATOM}author/{ATOM}name") == site.organisation[language]
    links = {link.get("rel"): link for link in root.findall(f"{ATOM}link")}
    assert links["self"].get("href") == feed_url
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == page_url
    assert links["alternate"].get("type") == "text/html"
    updated = datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    assert updated.utcoffset() is not None
    assert updated == max(_midnight(v) for v in views)

    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(views)
    for entry, view in zip(entries, views, strict=True):
        vacancy = view.vacancy
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert vacancy.reference in entry_id
        assert entry_id == view.absolute_url
        assert entry.findtext(f"{ATOM}title") == vacancy.words[language].title
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert (link.get("rel"), link.get("href")) == ("alternate", view.absolute_url)
        for name in ("published", "updated"):
            stamp = datetime.fromisoformat(entry.findtext(f"{ATOM}{name}") or "")
            assert stamp.utcoffset() is not None
            assert stamp == _midnight(view)
        assert entry.findtext(f"{ATOM}summary") == view.words.summary
        content = entry.find(f"{ATOM}content")
        assert content is not None
        assert content.get("type") == "html"
        assert content.text == view.words.body_html
        terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
        assert terms == [*vacancy.grades, vacancy.division, vacancy.kind.value]  # the kind: post


def test_atom_titles_are_in_the_feed_language(basic: Basic) -> None:
    french = ET.fromstring(_atom(basic, "fr"))
    titles = [e.findtext(f"{ATOM}title") for e in french.findall(f"{ATOM}entry")]
    assert titles == ["Assistant(e) d'hiver"]
    english = ET.fromstring(_atom(basic, "en"))
    titles = [e.findtext(f"{ATOM}title") for e in english.findall(f"{ATOM}entry")]
    assert titles == ["Winter Assistant", "Analyst, English only"]


def test_empty_atom_feed_is_updated_now(basic: Basic) -> None:
    root = ET.fromstring(_atom(basic, "en", views=[]))
    assert root.findall(f"{ATOM}entry") == []
    assert datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "") == NOW


def test_atom_keeps_hostile_text_exact(basic: Basic) -> None:
    view = _hostile(basic.of("en")[0])
    data = _atom(basic, "en", views=[view])
    assert b"<script>" not in data
    assert b"]]>" not in data
    entry = ET.fromstring(data).find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == HOSTILE_TITLE
    assert entry.findtext(f"{ATOM}summary") == HOSTILE_TITLE
    assert entry.findtext(f"{ATOM}content") == HOSTILE_BODY


def test_atom_drops_characters_xml_cannot_hold(basic: Basic) -> None:
    view = _hostile(basic.of("en")[0], title="bell\x07 and\x0b tab\tend", body_html="<p>a\r\nb</p>")
    entry = ET.fromstring(_atom(basic, "en", views=[view])).find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "bell and tab\tend"
    assert entry.findtext(f"{ATOM}content") == "<p>a\nb</p>"


def test_atom_does_not_depend_on_the_clock_when_it_has_entries(basic: Basic) -> None:
    assert _atom(basic, "en") == _atom(basic, "en", now=datetime(2031, 5, 6, 7, 8, 9, 123, tzinfo=UTC))


# --- JSON Feed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_json_feed_follows_version_1_1(basic: Basic, language: str) -> None:
    views = basic.of(language)
    feed_url, page_url = _urls(language, "json")
    data = _json_feed(basic, language)
    assert data.endswith(b"}\n")
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == TITLES[language]
    assert (feed["home_page_url"], feed["feed_url"], feed["language"]) == (page_url, feed_url, language)
    assert feed["authors"] == [{"name": basic.content.site.organisation[language]}]
    assert len(feed["items"]) == len(views)
    for item, view in zip(feed["items"], views, strict=True):
        vacancy = view.vacancy
        assert vacancy.reference in item["id"]
        assert item["id"] == item["url"] == view.absolute_url
        assert item["title"] == vacancy.words[language].title
        assert item["summary"] == view.words.summary
        assert item["content_html"] == view.words.body_html
        assert datetime.fromisoformat(item["date_published"]) == _midnight(view)
        assert item["tags"] == [*vacancy.grades, view.division]
        extension = item["_vacancy"]
        assert extension["reference"] == vacancy.reference
        assert extension["grades"] == list(vacancy.grades)
        deadline = datetime.fromisoformat(extension["deadline"])
        assert deadline.utcoffset() is not None
        assert deadline == vacancy.deadline
        assert extension["division"] == vacancy.division
        assert extension["city"] == vacancy.location.city[language]
        assert extension["country"] == vacancy.location.country


def test_json_feed_writes_utf8_and_local_names(basic: Basic) -> None:
    data = _json_feed(basic, "fr", views=basic.of("fr", open_only=False))
    assert "Opérations".encode() in data  # not \u00e9
    item = next(i for i in json.loads(data)["items"] if i["_vacancy"]["reference"] == "100001")
    assert item["_vacancy"]["city"] == "Bruxelles"
    assert item["title"] == "Administrateur de programme d'été"
    assert "Division Opérations" in item["tags"]


def test_json_feed_keeps_hostile_text_exact(basic: Basic) -> None:
    item = json.loads(_json_feed(basic, "en", views=[_hostile(basic.of("en")[0])]))["items"][0]
    assert item["title"] == HOSTILE_TITLE
    assert item["content_html"] == HOSTILE_BODY


# --- iCalendar ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_ics_has_one_utc_event_per_open_vacancy_at_its_deadline(basic: Basic, language: str) -> None:
    views = basic.of(language)
    calendar, events = _events(_ics(basic, language))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == f"-//careers-site-generator//{language.upper()}"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == TITLES[language]
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"
    assert calendar.walk("VTIMEZONE") == []
    assert len(events) == len(views)
    for event, view in zip(events, views, strict=True):
        vacancy = view.vacancy
        assert str(event["UID"]) == f"{vacancy.reference}-{language}@jobs.example.org"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.utcoffset() == timedelta(0)  # written in UTC
        assert start == vacancy.deadline
        assert end == vacancy.deadline + timedelta(minutes=1)
        assert str(event["URL"]) == view.absolute_url
        title = vacancy.words[language].title
        expected = f"Deadline: {title}" if language == "en" else f"Date de clôture : {title}"
        assert str(event["SUMMARY"]) == f"{expected} ({vacancy.reference})"
        description = str(event["DESCRIPTION"])
        assert description.startswith(view.words.summary + "\n\n")
        assert view.absolute_url in description


def test_ics_description_gives_the_local_deadline(basic: Basic) -> None:
    _, events = _events(_ics(basic, "fr"))
    assert "Date de clôture : 1 décembre 2024, 12:00 (" in str(events[0]["DESCRIPTION"])
    assert "UTC+01:00)" in str(events[0]["DESCRIPTION"])
    _, events = _events(_ics(basic, "en"))
    assert "Deadline: 1 December 2024, 12:00 (" in str(events[0]["DESCRIPTION"])


def test_ics_label_gets_a_colon_unless_it_brings_one(basic: Basic) -> None:
    view = basic.of("fr")[0]
    for label, prefix in [("Date de clôture", "Date de clôture: "), ("Deadline:", "Deadline: ")]:
        _, events = _events(_ics(basic, "fr", label=label))
        assert str(events[0]["SUMMARY"]) == f"{prefix}{view.words.title} ({view.reference})"


def test_ics_stamp_comes_from_the_data_not_the_clock(basic: Basic) -> None:
    first = _ics(basic, "en")
    later = _ics(basic, "en", now=datetime(2031, 5, 6, 7, 8, 9, 123, tzinfo=UTC))
    assert first == later
    _, events = _events(first)
    for event, view in zip(events, basic.of("en"), strict=True):
        stamp = event.decoded("DTSTAMP")
        assert stamp == datetime.combine(view.vacancy.published, time(0), tzinfo=UTC)


def test_ics_lines_end_crlf_and_are_folded_at_75_octets(basic: Basic) -> None:
    views = [_hostile(v, summary=LONG_FRENCH) for v in basic.of("fr")] + basic.of("en")
    data = _ics(basic, "fr", views=views)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert any(line.startswith(b" ") for line in lines), "nothing was folded"
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # no multibyte character split between two lines


def test_ics_unfolding_restores_long_french_text(basic: Basic) -> None:
    view = _hostile(basic.of("fr")[0], summary=LONG_FRENCH)
    data = _ics(basic, "fr", views=[view])
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    raw = next(line for line in unfolded if line.startswith("DESCRIPTION"))
    escaped = LONG_FRENCH.replace(",", "\\,").replace(";", "\\;")
    assert raw.startswith(f"DESCRIPTION;LANGUAGE=fr:{escaped}\\n\\n")
    _, events = _events(data)
    assert str(events[0]["DESCRIPTION"]).startswith(LONG_FRENCH + "\n\n")
    assert str(events[0]["SUMMARY"]) == f"Date de clôture : {HOSTILE_TITLE} ({view.reference})"


@pytest.mark.parametrize("filler", ["é", "€", "😀", "e"])
def test_ics_folding_never_splits_a_character(basic: Basic, filler: str) -> None:
    text = "x" + filler * 120
    view = _hostile(basic.of("fr")[0], title=text, summary=text)
    data = _ics(basic, "fr", views=[view])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    _, events = _events(data)
    assert str(events[0]["DESCRIPTION"]).startswith(text + "\n\n")


def test_ics_escapes_text_values(basic: Basic) -> None:
    text = "a\\b; c, d\ne\r\nf"
    view = _hostile(basic.of("en")[0], title=text, summary=text)
    data = _ics(basic, "en", views=[view])
    assert b"a\\\\b\\; c\\, d\\ne\\nf" in data.replace(b"\r\n ", b"")
    _, events = _events(data)
    assert str(events[0]["SUMMARY"]) == f"Deadline: a\\b; c, d\ne\nf ({view.reference})"


# --- vacancies.json ----------------------------------------------------------------------------


def test_vacancies_json_lists_every_published_vacancy(basic: Basic) -> None:
    content = basic.content
    data = feeds.vacancies_json(content.site, content.scale, basic.by_language(), NOW)
    assert data.endswith(b"}\n")
    document = json.loads(data)
    assert datetime.fromisoformat(document["generated"]) == NOW
    assert document["generated"] == "2024-11-01T00:00:00+01:00"
    assert document["site"] == "https://jobs.example.org/"
    records = document["vacancies"]
    assert [r["reference"] for r in records] == ["100001", "100002", "100003"]
    facts = {v.reference: v for v in content.vacancies}
    for record in records:
        vacancy = facts[record["reference"]]
        assert record["status"] == str(vacancy.status_at(NOW))
        assert record["grades"] == list(vacancy.grades)
        assert record["division"]["code"] == vacancy.division
        assert record["division"]["name"] == content.site.divisions[vacancy.division]
        assert record["location"]["city"] == vacancy.location.city
        assert record["location"]["country"] == vacancy.location.country
        assert (record["schedule"], record["contract"]) == (vacancy.schedule, vacancy.contract)
        assert record["contract_years"] == vacancy.contract_years
        assert record["published"] == vacancy.published.isoformat()
        assert datetime.fromisoformat(record["deadline"]) == vacancy.deadline
        assert record["apply_url"] == vacancy.apply_url
        assert sorted(record["languages"]) == sorted(vacancy.words)
        for language, words in record["languages"].items():
            assert words["title"] == vacancy.words[language].title
            assert words["summary"] == vacancy.words[language].summary
            assert vacancy.reference in words["url"]
            assert words["url"].startswith(f"{BASE}/{language}/")
    first, second, third = records
    assert [first["status"], second["status"], third["status"]] == [
        "closed",
        "pending-budget-approval",
        "open",
    ]
    assert first["salary"] == {"amount": "7540.44", "currency": "EUR", "period": "month"}
    assert first["language_levels"] == {"one": "V", "other": "I"}
    assert second["language_levels"] is None
    assert third["languages"].keys() == {"en"}


def test_vacancies_json_leaves_out_what_is_not_yet_published(basic: Basic) -> None:
    content = basic.content
    earlier = datetime(2024, 9, 15, 12, tzinfo=BRUSSELS)
    document = json.loads(feeds.vacancies_json(content.site, content.scale, basic.by_language(), earlier))
    assert [r["reference"] for r in document["vacancies"]] == ["100001", "100003"]


def test_vacancies_json_writes_salary_with_two_decimals(basic: Basic) -> None:
    content = basic.content
    view = basic.of("en")[0]
    whole = dataclasses.replace(view, vacancy=dataclasses.replace(view.vacancy, salary=Decimal("5000")))
    document = json.loads(feeds.vacancies_json(content.site, content.scale, {"en": [whole]}, NOW))
    assert document["vacancies"][0]["salary"]["amount"] == "5000.00"


# --- all outputs -------------------------------------------------------------------------------


def test_every_output_is_byte_identical_on_a_second_call(basic: Basic) -> None:
    content = basic.content

    def everything() -> list[bytes]:
        by_language = basic.by_language()
        return [
            *(_atom(basic, lang) for lang in ("en", "fr")),
            *(_json_feed(basic, lang) for lang in ("en", "fr")),
            *(_ics(basic, lang) for lang in ("en", "fr")),
            feeds.vacancies_json(content.site, content.scale, by_language, NOW),
            feeds.vacancies_json(content.site, content.scale, dict(reversed(by_language.items())), NOW),
        ]

    first, second = everything(), everything()
    assert first == second
    assert first[-1] == first[-2]  # the order of the languages given does not matter
