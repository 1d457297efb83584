"""The feeds and data files of a real build, read back with real parsers.

The basic site is built into a temporary folder with the command line, as an editor builds it,
and the built /LANG/feed.atom, /LANG/feed.json, /LANG/deadlines.ics and /vacancies.json are read
as a feed reader or a calendar reads them: their titles must be the catalog's words in each
language, their self links the addresses the pages publish, their entries the published open
vacancies, newest first, each one's link a page of the build. The copy is changed first so that
"newest first" and "soonest deadline first" give different orders, and one vacancy is not yet
published.

The writers' own guarantees (escaping, folding, characters XML cannot hold, determinism) are then
tested by calling them with the inputs the build gave them, with hostile words put in.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from conftest import SITES, Site, run_cli
from icalendar import Calendar

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.models import Condition, Content, Status, Vacancy
from generator.content.validate import validate_content
from generator.outputs import deadline_calendar, feeds
from generator.plan.site_plan import SitePlan
from generator.site.i18n import load_translations
from generator.site.planned_page import PlannedPage
from generator.site.vacancy_views import VacancyView

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "templates" / "locale"
BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2024, 11, 1, tzinfo=BRUSSELS)
BASE = "https://jobs.example.org/"

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The feeds' entries as the copy publishes them on NOW: open, published, in the language; newest first.
NEWEST_FIRST = {"en": ["100003", "100002"], "fr": ["100002"]}
SOONEST_DEADLINE_FIRST = {"en": ["100002", "100003"], "fr": ["100002"]}

HOSTILE_TITLE = "<script>alert(\"x\")</script> & 'quotes'; a, b \\ c"
HOSTILE_BODY = '<p>CDATA end ]]> &amp; <a href="x?a=1&b=2">link</a></p>\n<script>evil()</script>\n'
LONG_FRENCH = (
    "L'Organisation recherche un(e) spécialiste expérimenté(e) chargé(e) de la coordination des "
    "activités régionales ; il ou elle élaborera des stratégies, évaluera les priorités « à moyen terme », "
    "négociera avec les États membres et rédigera des synthèses précises, concises et cohérentes — "
    "sans oublier la gestion budgétaire, l'égalité des genres et la sécurité des données ‘sensibles’. "
    "Ça, c'est déjà beaucoup : œuvrer à Bruxelles, à Mons ou à Naples, été comme hiver."
)


def _catalog(language: str, msgid: str) -> str:
    """MSGID in LANGUAGE as the .po catalog gives it (English is the msgid itself)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return msgid
    with po.open("rb") as file:
        message = read_po(file).get(msgid)
    assert message is not None and message.string, f"{msgid!r} is not translated in {po}"
    return str(message.string)


def _copy_of_basic(tmp_path: Path) -> Path:
    """The basic site, with 100003 published after 100002 (whose deadline is sooner) and 100004
    published after NOW."""
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    facts = content / "vacancies" / "100003" / "vacancy.yaml"
    facts.write_text(
        facts.read_text("utf-8").replace("published: 2024-09-01", "published: 2024-10-15"), "utf-8"
    )
    later = content / "vacancies" / "100004"
    shutil.copytree(content / "vacancies" / "100002", later)
    facts = later / "vacancy.yaml"
    text = facts.read_text("utf-8").replace('reference: "100002"', 'reference: "100004"')
    facts.write_text(text.replace("published: 2024-10-01", "published: 2024-11-15"), "utf-8")
    return content


@dataclasses.dataclass(frozen=True)
class Built:
    """The built copy, its content as validated, and the plan the build made of it."""

    site: Site
    content: Content
    plan: SitePlan

    def bytes(self, path: str) -> bytes:
        return self.site.path(path).read_bytes()

    def vacancy(self, reference: str) -> Vacancy:
        return next(v for v in self.content.vacancies if v.reference == reference)

    def published_url(self, language: str, media_type: str) -> str:
        """The address the language's pages give for the feed of MEDIA_TYPE (`<link rel=alternate>`)."""
        page = self.site.page(f"/{language}/")
        [href] = [
            link["href"]
            for link in page.links
            if link["tag"] == "link" and link.get("rel") == "alternate" and link.get("type") == media_type
        ]
        return urljoin(BASE, href)

    def page_h1(self, url: str) -> str:
        """The h1 of the built page at URL (an absolute address of the site)."""
        assert url.startswith(BASE), url
        path = "/" + url.removeprefix(BASE)
        assert self.site.exists(path), f"{url} is not a page of the build"
        return " ".join(self.site.page(path).h1[0].split())

    @staticmethod
    def reference_in(url: str) -> str:
        """The reference in a vacancy's address: .../vacancies/100003/ -> 100003."""
        return url.rstrip("/").rsplit("/", 1)[1].split("-")[0]

    def inputs(self, language: str | None, kind: str) -> tuple[Any, ...]:
        """What the build handed to the feed writer for LANGUAGE's feed (or the data) of KIND."""
        key = ("data",) if kind == "data" else ("feed", kind)
        [route] = [r for r in self.plan.routes if r.key == key and r.language == language]
        page: PlannedPage = self.plan.page(route)
        return tuple(page.context["inputs"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp_path = tmp_path_factory.mktemp("feeds")
    content_dir = _copy_of_basic(tmp_path)
    output = tmp_path / "output"
    result = run_cli(
        "build", "--content", str(content_dir), "--output", str(output), "--no-search",
        "--cache-dir", str(tmp_path / "cache"), "--now", "2024-11-01T00:00",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = Report()
    content = validate_content(load_content(content_dir, report), report)
    assert content is not None, [p.format() for p in report]
    plan = SitePlan(content, NOW, load_translations(LOCALE_DIR, content.site, report), report)
    return Built(Site(output), content, plan)


def _title(built: Built, language: str) -> str:
    """The feeds' title: the catalog's words, with the site's title in that language."""
    site = built.content.site
    return _catalog(language, "Open vacancies – %(site)s") % {"site": site.text(site.title, language)}


def _midnight(vacancy: Vacancy) -> datetime:
    return datetime.combine(vacancy.published, time(0), tzinfo=BRUSSELS)


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


# --- the built feeds ---------------------------------------------------------------------------


def test_the_copy_has_open_closed_and_unpublished_vacancies(built: Built) -> None:
    statuses = {v.reference: v.status_at(NOW) for v in built.content.vacancies}
    assert statuses == {
        "100001": Status.CLOSED,
        "100002": Status.PENDING_BUDGET_APPROVAL,
        "100003": Status.OPEN,
        "100004": Status.PENDING_BUDGET_APPROVAL,
    }
    assert not built.vacancy("100004").is_published_at(NOW)
    assert NEWEST_FIRST["en"] != SOONEST_DEADLINE_FIRST["en"]  # the two orders tell apart
    assert _title(built, "fr") != _title(built, "en").replace("Jobs at Example", "Emplois chez Exemple")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_built_atom_feed_is_the_published_vacancies_newest_first(built: Built, language: str) -> None:
    feed_url = built.published_url(language, "application/atom+xml")
    assert feed_url == f"{BASE}{language}/feed.atom"
    data = built.bytes(f"/{language}/feed.atom")
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == language
    assert root.findtext(f"{ATOM}title") == _title(built, language)
    assert root.findtext(f"{ATOM}id") == feed_url
    site = built.content.site
    assert root.findtext(f"{ATOM}author/{ATOM}name") == site.organisation[language]
    links = {link.get("rel"): link for link in root.findall(f"{ATOM}link")}
    assert (links["self"].get("href"), links["self"].get("type")) == (feed_url, "application/atom+xml")
    listing = links["alternate"].get("href") or ""
    assert links["alternate"].get("type") == "text/html"
    assert built.page_h1(listing)  # the list of vacancies, a page of the build

    entries = root.findall(f"{ATOM}entry")
    references = [built.reference_in(entry.findtext(f"{ATOM}id") or "") for entry in entries]
    assert references == NEWEST_FIRST[language]
    updated = datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    assert updated == max(_midnight(built.vacancy(r)) for r in references)
    for entry, reference in zip(entries, references, strict=True):
        vacancy = built.vacancy(reference)
        words = vacancy.words[language]
        url = entry.findtext(f"{ATOM}id") or ""
        assert entry.findtext(f"{ATOM}title") == words.title == built.page_h1(url)
        link = entry.find(f"{ATOM}link")
        assert link is not None and (link.get("rel"), link.get("href")) == ("alternate", url)
        for name in ("published", "updated"):
            stamp = datetime.fromisoformat(entry.findtext(f"{ATOM}{name}") or "")
            assert stamp.utcoffset() is not None
            assert stamp == _midnight(vacancy)
        assert entry.findtext(f"{ATOM}summary") == words.summary
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        assert content.text == words.body_html
        terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
        assert terms == [*vacancy.grades, vacancy.division, vacancy.kind.value]  # the kind: post


@pytest.mark.parametrize("language", ["en", "fr"])
def test_built_json_feed_follows_version_1_1(built: Built, language: str) -> None:
    feed_url = built.published_url(language, "application/feed+json")
    assert feed_url == f"{BASE}{language}/feed.json"
    data = built.bytes(f"/{language}/feed.json")
    assert data.endswith(b"}\n")
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == _title(built, language)
    assert (feed["feed_url"], feed["language"]) == (feed_url, language)
    assert built.page_h1(feed["home_page_url"])
    assert feed["authors"] == [{"name": built.content.site.organisation[language]}]
    assert [item["_vacancy"]["reference"] for item in feed["items"]] == NEWEST_FIRST[language]
    for item in feed["items"]:
        vacancy = built.vacancy(item["_vacancy"]["reference"])
        words = vacancy.words[language]
        assert item["id"] == item["url"]
        assert item["title"] == words.title == built.page_h1(item["url"])
        assert item["summary"] == words.summary
        assert item["content_html"] == words.body_html
        assert datetime.fromisoformat(item["date_published"]) == _midnight(vacancy)
        assert item["tags"] == [*vacancy.grades, built.content.site.divisions[vacancy.division][language]]
        extension = item["_vacancy"]
        assert extension["grades"] == list(vacancy.grades)
        deadline = datetime.fromisoformat(extension["deadline"])
        assert deadline.utcoffset() is not None and deadline == vacancy.deadline
        assert extension["division"] == vacancy.division
        assert extension["city"] == vacancy.location.city[language]
        assert extension["country"] == vacancy.location.country


def test_built_json_feed_writes_utf8(built: Built) -> None:
    data = built.bytes("/fr/feed.json")
    assert "Postes ouverts – ".encode() in data  # the dash as itself,
    assert b"\\u" not in data  # never as an escape


@pytest.mark.parametrize("language", ["en", "fr"])
def test_built_calendar_has_one_utc_event_per_open_vacancy_at_its_deadline(
    built: Built, language: str
) -> None:
    assert built.published_url(language, "text/calendar") == f"{BASE}{language}/deadlines.ics"
    calendar, events = _events(built.bytes(f"/{language}/deadlines.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == f"-//careers-site-generator//{language.upper()}"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == _title(built, language)
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"
    assert calendar.walk("VTIMEZONE") == []
    references = [str(event["UID"]).split("-")[0] for event in events]
    assert references == SOONEST_DEADLINE_FIRST[language]
    label = _catalog(language, "Deadline:")
    for event, reference in zip(events, references, strict=True):
        vacancy = built.vacancy(reference)
        words = vacancy.words[language]
        assert str(event["UID"]) == f"{reference}-{language}@jobs.example.org"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.utcoffset() == timedelta(0)  # written in UTC
        assert start == vacancy.deadline
        assert end == vacancy.deadline + timedelta(minutes=1)
        assert built.page_h1(str(event["URL"])) == words.title
        assert str(event["SUMMARY"]) == f"{label} {words.title} ({reference})"
        description = str(event["DESCRIPTION"])
        assert description.startswith(words.summary + "\n\n")
        assert str(event["URL"]) in description
        assert event.decoded("DTSTAMP") == datetime.combine(vacancy.published, time(0), tzinfo=UTC)


def test_built_calendar_gives_the_local_deadline_in_words(built: Built) -> None:
    _, events = _events(built.bytes("/fr/deadlines.ics"))
    label = _catalog("fr", "Deadline:")
    assert label == "Date de clôture\u00a0:"  # a no-break space before the colon, as French writes it
    assert f"{label} 1er décembre 2024, 12:00 (" in str(events[0]["DESCRIPTION"])
    assert "UTC+01:00)" in str(events[0]["DESCRIPTION"])
    _, events = _events(built.bytes("/en/deadlines.ics"))
    assert "Deadline: 1 December 2024, 12:00 (" in str(events[0]["DESCRIPTION"])


# --- the writers, with the inputs the build gave them -------------------------------------------


def _atom(
    built: Built, language: str, views: list[VacancyView] | None = None, now: datetime | None = None
) -> bytes:
    site, lang, title, given, feed_url, listing, when = built.inputs(language, "atom")
    return feeds.atom_feed(
        site, lang, title, given if views is None else views, feed_url, listing, now or when
    )


def _json_feed(built: Built, language: str, views: list[VacancyView] | None = None) -> bytes:
    site, lang, title, given, feed_url, listing, when = built.inputs(language, "json")
    return feeds.json_feed(site, lang, title, given if views is None else views, feed_url, listing, when)


def _ics(
    built: Built,
    language: str,
    views: list[VacancyView] | None = None,
    now: datetime | None = None,
    label: str | None = None,
) -> bytes:
    site, lang, title, given, when, given_label = built.inputs(language, "ics")
    return deadline_calendar.ics_calendar(
        site, lang, title, given if views is None else views, now or when, label or given_label
    )


def _views(built: Built, language: str) -> list[VacancyView]:
    """The feed's views as the build gave them."""
    return list(built.inputs(language, "atom")[3])


def test_the_writers_given_the_builds_inputs_make_the_built_files(built: Built) -> None:
    for language in ("en", "fr"):
        assert _atom(built, language) == built.bytes(f"/{language}/feed.atom")
        assert _json_feed(built, language) == built.bytes(f"/{language}/feed.json")
        assert _ics(built, language) == built.bytes(f"/{language}/deadlines.ics")
    assert feeds.vacancies_json(*built.inputs(None, "data")) == built.bytes("/vacancies.json")


def test_empty_atom_feed_is_updated_now(built: Built) -> None:
    root = ET.fromstring(_atom(built, "en", views=[]))
    assert root.findall(f"{ATOM}entry") == []
    assert datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "") == NOW


def test_atom_keeps_hostile_text_exact(built: Built) -> None:
    view = _hostile(_views(built, "en")[0])
    data = _atom(built, "en", views=[view])
    assert b"<script>" not in data
    assert b"]]>" not in data
    entry = ET.fromstring(data).find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == HOSTILE_TITLE
    assert entry.findtext(f"{ATOM}summary") == HOSTILE_TITLE
    assert entry.findtext(f"{ATOM}content") == HOSTILE_BODY


def test_atom_drops_characters_xml_cannot_hold(built: Built) -> None:
    view = _hostile(_views(built, "en")[0], title="bell\x07 and\x0b tab\tend", body_html="<p>a\r\nb</p>")
    entry = ET.fromstring(_atom(built, "en", views=[view])).find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "bell and tab\tend"
    assert entry.findtext(f"{ATOM}content") == "<p>a\nb</p>"


def test_atom_does_not_depend_on_the_clock_when_it_has_entries(built: Built) -> None:
    assert _atom(built, "en") == _atom(built, "en", now=datetime(2031, 5, 6, 7, 8, 9, 123, tzinfo=UTC))


def test_json_feed_keeps_hostile_text_exact(built: Built) -> None:
    item = json.loads(_json_feed(built, "en", views=[_hostile(_views(built, "en")[0])]))["items"][0]
    assert item["title"] == HOSTILE_TITLE
    assert item["content_html"] == HOSTILE_BODY


def test_ics_label_gets_a_colon_unless_it_brings_one(built: Built) -> None:
    view = _views(built, "fr")[0]
    for label, prefix in [("Date de clôture", "Date de clôture: "), ("Deadline:", "Deadline: ")]:
        _, events = _events(_ics(built, "fr", label=label))
        assert str(events[0]["SUMMARY"]) == f"{prefix}{view.words.title} ({view.reference})"


def test_ics_stamp_comes_from_the_data_not_the_clock(built: Built) -> None:
    assert _ics(built, "en") == _ics(built, "en", now=datetime(2031, 5, 6, 7, 8, 9, 123, tzinfo=UTC))


def test_ics_lines_end_crlf_and_are_folded_at_75_octets(built: Built) -> None:
    views = [_hostile(v, summary=LONG_FRENCH) for v in _views(built, "fr")] + _views(built, "en")
    data = _ics(built, "fr", views=views)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert any(line.startswith(b" ") for line in lines), "nothing was folded"
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # no multibyte character split between two lines


def test_ics_unfolding_restores_long_french_text(built: Built) -> None:
    view = _hostile(_views(built, "fr")[0], summary=LONG_FRENCH)
    data = _ics(built, "fr", views=[view])
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    raw = next(line for line in unfolded if line.startswith("DESCRIPTION"))
    escaped = LONG_FRENCH.replace(",", "\\,").replace(";", "\\;")
    assert raw.startswith(f"DESCRIPTION;LANGUAGE=fr:{escaped}\\n\\n")
    _, events = _events(data)
    assert str(events[0]["DESCRIPTION"]).startswith(LONG_FRENCH + "\n\n")
    assert str(events[0]["SUMMARY"]) == f"Date de clôture\u00a0: {HOSTILE_TITLE} ({view.reference})"


@pytest.mark.parametrize("filler", ["é", "€", "😀", "e"])
def test_ics_folding_never_splits_a_character(built: Built, filler: str) -> None:
    text = "x" + filler * 120
    view = _hostile(_views(built, "fr")[0], title=text, summary=text)
    data = _ics(built, "fr", views=[view])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    _, events = _events(data)
    assert str(events[0]["DESCRIPTION"]).startswith(text + "\n\n")


def test_ics_escapes_text_values(built: Built) -> None:
    text = "a\\b; c, d\ne\r\nf"
    view = _hostile(_views(built, "en")[0], title=text, summary=text)
    data = _ics(built, "en", views=[view])
    assert b"a\\\\b\\; c\\, d\\ne\\nf" in data.replace(b"\r\n ", b"")
    _, events = _events(data)
    assert str(events[0]["SUMMARY"]) == f"Deadline: a\\b; c, d\ne\nf ({view.reference})"


# --- vacancies.json ----------------------------------------------------------------------------


def test_built_vacancies_json_lists_every_published_vacancy(built: Built) -> None:
    content = built.content
    data = built.bytes("/vacancies.json")
    assert data.endswith(b"}\n")
    document = json.loads(data)
    assert document["generated"] == "2024-11-01T00:00:00+01:00"
    assert document["site"] == BASE
    assert built.published_url("en", "application/json") == f"{BASE}vacancies.json"
    records = document["vacancies"]
    assert [r["reference"] for r in records] == ["100001", "100002", "100003"]  # not 100004, not yet
    for record in records:
        vacancy = built.vacancy(record["reference"])
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
            assert words["title"] == vacancy.words[language].title == built.page_h1(words["url"])
            assert words["summary"] == vacancy.words[language].summary
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


def test_vacancies_json_leaves_out_what_is_not_yet_published(built: Built) -> None:
    site, scale, views, _ = built.inputs(None, "data")
    earlier = datetime(2024, 9, 15, 12, tzinfo=BRUSSELS)
    document = json.loads(feeds.vacancies_json(site, scale, views, earlier))
    assert [r["reference"] for r in document["vacancies"]] == ["100001"]


def test_vacancies_json_carries_the_conditions_codes_as_written_words_in_every_language(built: Built) -> None:
    site, scale, _, now = built.inputs(None, "data")
    assert all(r["conditions"] == [] for r in json.loads(built.bytes("/vacancies.json"))["vacancies"])
    view = _views(built, "en")[0]
    worded = Condition(None, {"en": "Appointment needs an accreditation."})  # no French: English for both
    vacancy = dataclasses.replace(view.vacancy, conditions=(Condition("nationality"), worded))
    document = json.loads(
        feeds.vacancies_json(site, scale, {"en": [dataclasses.replace(view, vacancy=vacancy)]}, now)
    )
    assert document["vacancies"][0]["conditions"] == [
        "nationality",
        {"en": "Appointment needs an accreditation.", "fr": "Appointment needs an accreditation."},
    ]


def test_vacancies_json_writes_salary_with_two_decimals(built: Built) -> None:
    site, scale, _, now = built.inputs(None, "data")
    view = _views(built, "en")[0]
    whole = dataclasses.replace(view, vacancy=dataclasses.replace(view.vacancy, salary=Decimal("5000")))
    document = json.loads(feeds.vacancies_json(site, scale, {"en": [whole]}, now))
    assert document["vacancies"][0]["salary"]["amount"] == "5000.00"


# --- all outputs -------------------------------------------------------------------------------


def test_every_output_is_byte_identical_on_a_second_call(built: Built) -> None:
    site, scale, by_language, now = built.inputs(None, "data")

    def everything() -> list[bytes]:
        return [
            *(_atom(built, lang) for lang in ("en", "fr")),
            *(_json_feed(built, lang) for lang in ("en", "fr")),
            *(_ics(built, lang) for lang in ("en", "fr")),
            feeds.vacancies_json(site, scale, by_language, now),
            feeds.vacancies_json(site, scale, dict(reversed(by_language.items())), now),
        ]

    first, second = everything(), everything()
    assert first == second
    assert first[-1] == first[-2]  # the order of the languages given does not matter
