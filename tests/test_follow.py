"""Follow by interest: the feeds and calendars of the internship offers and of each division, the
Follow page of each language that lists them, and the links to them from the lists.

The fixture is tests/sites/basic as of 2024-11-01 with, written here: a division LEG that no vacancy
names, the internships page, four internship offers and a cancelled post.

    ref      kind        division  published   deadline          as of 2024-11-01
    100001   post        OPS       2024-06-01  2024-07-10        closed
    100002   post        PDD       2024-10-01  2024-12-01 12:00  open (pending budget approval)
    100003   post        OPS       2024-09-01  2025-01-31 17:00  open, in English only
    100005   post        PDD       2024-10-10  2024-12-31        cancelled
    INT-A    internship  PDD       2024-10-20  2024-12-10        open
    INT-B    internship  OPS       2024-10-25  2025-02-15        open
    INT-C    internship  OPS       2024-09-15  2024-10-20        closed
    INT-D    internship  PDD       2024-11-15  2024-12-20        not yet published

Each feed must hold the open vacancies of its subject in its language, newest first, and each
calendar the same vacancies, soonest deadline first; the two orders differ in every feed that has
two entries, so that a feed ordered like its calendar (or the reverse) is caught. What each holds is
written out below (EXPECTED), not worked out by the generator.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from browser import serve
from conftest import SITES, Page, Site, run_cli
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.models import Content
from generator.content.validate import validate_content
from generator.outputs import feed_pages
from generator.outputs.interest_feeds import EVERYTHING, INTERNSHIPS, followed, follows
from generator.plan.site_plan import SitePlan
from generator.site.i18n import load_translations
from generator.site.routes import SectionSlugs, address_word, division_words, follow_routes, site_routes

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "templates" / "locale"
NOW = "2024-11-01T00:00"
BASE = "https://jobs.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"

FOLLOW_PAGE = {"en": "/en/follow/", "fr": "/fr/suivre/"}
VACANCY_LIST = {"en": "/en/vacancies/", "fr": "/fr/postes-vacants/"}
OFFERS_PAGE = {"en": "/en/internships/", "fr": "/fr/stages/"}
ARCHIVE = {"en": "/en/archive/", "fr": "/fr/archives/"}
# Where each subject's three files are, below the language's folder ("" is the language's own).
FOLDERS = {
    "en": {"all": "", "internships": "follow/internships/", "OPS": "follow/division-ops/",
           "PDD": "follow/division-pdd/", "LEG": "follow/division-leg/"},
    "fr": {"all": "", "internships": "suivre/stages/", "OPS": "suivre/division-ops/",
           "PDD": "suivre/division-pdd/", "LEG": "suivre/division-leg/"},
}  # fmt: skip
FILES = {"atom": "feed.atom", "json": "feed.json", "ics": "deadlines.ics"}
FEED_TYPES = {"application/atom+xml": "atom", "application/feed+json": "json", "text/calendar": "ics"}
# (newest first: the feeds, soonest deadline first: the calendars), per language and subject.
EXPECTED: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "en": {
        "all": (["INT-B", "INT-A", "100002", "100003"], ["100002", "INT-A", "100003", "INT-B"]),
        "internships": (["INT-B", "INT-A"], ["INT-A", "INT-B"]),
        "OPS": (["INT-B", "100003"], ["100003", "INT-B"]),
        "PDD": (["INT-A", "100002"], ["100002", "INT-A"]),
        "LEG": ([], []),
    },
    "fr": {
        "all": (["INT-B", "INT-A", "100002"], ["100002", "INT-A", "INT-B"]),
        "internships": (["INT-B", "INT-A"], ["INT-A", "INT-B"]),
        "OPS": (["INT-B"], ["INT-B"]),
        "PDD": (["INT-A", "100002"], ["100002", "INT-A"]),
        "LEG": ([], []),
    },
}
SUBJECTS = {
    "all": EVERYTHING,
    "internships": INTERNSHIPS,
    **{d: ("division", d) for d in ("OPS", "PDD", "LEG")},
}
# Every vacancy of the fixture each subject takes, open or not (the feeds then keep the open ones).
MEMBERS = {
    "all": {"100001", "100002", "100003", "100005", "INT-A", "INT-B", "INT-C", "INT-D"},
    "internships": {"INT-A", "INT-B", "INT-C", "INT-D"},
    "OPS": {"100001", "100003", "INT-B", "INT-C"},
    "PDD": {"100002", "100005", "INT-A", "INT-D"},
    "LEG": set(),
}

OFFER = """\
reference: "{ref}"
kind: internship
division: {division}
location: {{city: {{en: Brussels, fr: Bruxelles}}, country: BE}}
schedule: full-time
duration_months: 6
published: {published}
deadline: {deadline}
"""
OFFERS = {
    "INT-A": ("PDD", "2024-10-20", "2024-12-10T23:59"),
    "INT-B": ("OPS", "2024-10-25", "2025-02-15T12:00"),
    "INT-C": ("OPS", "2024-09-15", "2024-10-20T23:59"),
    "INT-D": ("PDD", "2024-11-15", "2024-12-20T23:59"),
}


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")


def follow_site(root: Path) -> Path:
    """The fixture described at the top of this file, as a content folder under ROOT."""
    content = root / "content"
    shutil.copytree(SITES / "basic", content)
    settings = content / "site.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(text + "  LEG: {en: Legal Office, fr: Bureau juridique}\n", "utf-8")
    _write(
        content / "pages" / "internships",
        {
            "page.yaml": "order: 2\nlists: internships\n",
            "en.md": "---\ntitle: Internships\nslug: internships\n---\nSix months with us.\n",
            "fr.md": "---\ntitle: Stages\nslug: stages\n---\nSix mois avec nous.\n",
        },
    )
    for reference, (division, published, deadline) in OFFERS.items():
        facts = OFFER.format(ref=reference, division=division, published=published, deadline=deadline)
        _write(
            content / "vacancies" / reference,
            {
                "vacancy.yaml": facts,
                "en.md": f"---\ntitle: Intern {reference}\n---\nWhat intern {reference} does.\n",
                "fr.md": f"---\ntitle: Stage {reference}\n---\nCe que fait le stage {reference}.\n",
            },
        )
    cancelled = content / "vacancies" / "100005"
    shutil.copytree(content / "vacancies" / "100002", cancelled)
    facts = (cancelled / "vacancy.yaml").read_text("utf-8")
    facts = facts.replace('reference: "100002"', 'reference: "100005"')
    facts = facts.replace("published: 2024-10-01", "published: 2024-10-10")
    facts = facts.replace("deadline: 2024-12-01T12:00", "deadline: 2024-12-31T23:59")
    (cancelled / "vacancy.yaml").write_text(facts.replace("pending-budget-approval", "cancelled"), "utf-8")
    return content


@dataclass(frozen=True)
class Built:
    site: Site
    content: Content
    plan: SitePlan

    def url(self, language: str, subject: str, kind: str) -> str:
        return f"{BASE}{language}/{FOLDERS[language][subject]}{FILES[kind]}"

    def bytes(self, url: str) -> bytes:
        return self.site.path("/" + url.removeprefix(BASE)).read_bytes()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("follow")
    content_dir = follow_site(root)
    output = root / "output"
    result = run_cli(
        "build", "--content", str(content_dir), "--output", str(output), "--no-search",
        "--cache-dir", str(root / "cache"), "--now", NOW,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = Report()
    content = validate_content(load_content(content_dir, report), report)
    assert content is not None, [p.format() for p in report]
    when = datetime.fromisoformat(NOW).replace(tzinfo=ZoneInfo("Europe/Brussels"))
    plan = SitePlan(content, when, load_translations(LOCALE_DIR, content.site, report), report)
    return Built(Site(output), content, plan)


# --- what each subject follows --------------------------------------------------------------------


@pytest.mark.parametrize("subject", list(SUBJECTS))
def test_each_subject_follows_its_vacancies_open_or_not(built: Built, subject: str) -> None:
    taken = {v.reference for v in built.content.vacancies if follows(SUBJECTS[subject], v)}
    assert taken == MEMBERS[subject]


def test_followed_keeps_the_order_it_is_given(built: Built) -> None:
    views = list(reversed(built.plan._language("en").open_listed))
    assert [v.reference for v in followed(("division", "OPS"), views)] == ["INT-B", "100003"]


def test_a_subject_that_does_not_exist_is_refused(built: Built) -> None:
    with pytest.raises(ValueError, match="cannot follow"):
        follows(("grade", "G15"), built.content.vacancies[0])


def test_interest_feeds_keep_the_newest_up_to_the_language_feeds_limit(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feed_pages, "FEED_ENTRIES", 1)
    [route] = [
        r for r in built.plan.routes if r.key == ("feed", "json", "division", "PDD") and r.language == "en"
    ]
    views = built.plan.page(route).context["inputs"][3]
    assert [v.reference for v in views] == ["INT-A"]


# --- addresses ------------------------------------------------------------------------------------


def test_each_language_has_the_feeds_of_every_division_and_of_the_offers(built: Built) -> None:
    for language in ("en", "fr"):
        slugs = SectionSlugs.translated(built.plan.translations[language])
        divisions = division_words(built.content.site, Report())
        routes = follow_routes(divisions, language, slugs, has_offers_page=True)
        paths = {route.key: route.path for route in routes}
        assert paths.pop(("section", "follow")) == FOLLOW_PAGE[language].lstrip("/") + "index.html"
        expected = {
            ("feed", kind, *SUBJECTS[subject]): f"{language}/{folder}{name}"
            for subject, folder in FOLDERS[language].items()
            if subject != "all"
            for kind, name in FILES.items()
        }
        assert paths == expected
        without = follow_routes(divisions, language, slugs, has_offers_page=False)
        assert {r.key for r in without} == {r.key for r in routes if r.key[2:3] != ("internships",)}


@pytest.mark.parametrize(
    ("code", "word"), [("OPS", "ops"), ("PASP", "pasp"), ("Div. 2", "div-2"), ("Défense", "defense")]
)
def test_a_division_code_becomes_an_address_word(code: str, word: str) -> None:
    assert address_word(code) == word


@given(st.text(max_size=30))
def test_no_division_code_makes_an_address_that_leaves_its_folder(code: str) -> None:
    word = address_word(code)
    assert word and all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in word)
    assert not word.startswith("-") and not word.endswith("-")


def test_two_division_codes_with_one_address_are_an_error(built: Built) -> None:
    site = built.content.site
    twin = dataclasses.replace(site, divisions={**site.divisions, "ops": site.divisions["OPS"]})
    report = Report()
    slugs = {lang: SectionSlugs.translated(built.plan.translations[lang]) for lang in site.languages}
    site_routes(twin, slugs, built.content.vacancies, built.content.pages, report)
    messages = [problem.message for problem in report.errors()]
    assert messages == ["the divisions OPS and ops would have their feeds at one address (division-ops)"]


# --- the built feeds, read back -----------------------------------------------------------------


def _reference(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def _title(built: Built, language: str, subject: str) -> str:
    """The title a feed of SUBJECT should have, from the catalog the build used."""
    catalog, site = built.plan.translations[language], built.content.site
    names = {"site": site.title[language]}
    if subject == "all":
        return catalog.gettext("Open vacancies – %(site)s") % names
    if subject == "internships":
        return catalog.gettext("Internship offers – %(site)s") % names
    names["division"] = site.divisions[subject][language]
    return catalog.gettext("%(division)s: open vacancies – %(site)s") % names


def _listing(language: str, subject: str) -> str:
    if subject == "internships":
        return BASE + OFFERS_PAGE[language].lstrip("/")
    query = "" if subject == "all" else f"?division={subject}"
    return BASE + VACANCY_LIST[language].lstrip("/") + query


CASES = [(language, subject) for language in EXPECTED for subject in EXPECTED[language]]


def test_the_french_feed_titles_are_translated(built: Built) -> None:
    assert _title(built, "fr", "OPS") == "Division Opérations\u00a0: postes ouverts – Emplois chez Exemple"
    assert _title(built, "fr", "internships") == "Offres de stage – Emplois chez Exemple"


@pytest.mark.parametrize(("language", "subject"), CASES)
def test_built_atom_feed_holds_its_subjects_open_vacancies_newest_first(
    built: Built, language: str, subject: str
) -> None:
    url = built.url(language, subject, "atom")
    root = ET.fromstring(built.bytes(url))
    assert root.findtext(f"{ATOM}title") == _title(built, language, subject)
    assert root.findtext(f"{ATOM}id") == url
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": url, "alternate": _listing(language, subject)}
    assert built.site.exists(urlsplit(links["alternate"] or "").path)
    entries = [entry.findtext(f"{ATOM}id") or "" for entry in root.findall(f"{ATOM}entry")]
    assert [_reference(url) for url in entries] == EXPECTED[language][subject][0]
    for entry_url in entries:
        assert entry_url.startswith(f"{BASE}{language}/")
        assert built.site.exists("/" + entry_url.removeprefix(BASE))


@pytest.mark.parametrize(("language", "subject"), CASES)
def test_built_json_feed_holds_its_subjects_open_vacancies_newest_first(
    built: Built, language: str, subject: str
) -> None:
    url = built.url(language, subject, "json")
    feed = json.loads(built.bytes(url))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert (feed["title"], feed["feed_url"], feed["language"]) == (
        _title(built, language, subject),
        url,
        language,
    )
    assert feed["home_page_url"] == _listing(language, subject)
    assert [item["_vacancy"]["reference"] for item in feed["items"]] == EXPECTED[language][subject][0]
    for item in feed["items"]:
        assert _reference(item["url"]) == item["_vacancy"]["reference"]


@pytest.mark.parametrize(("language", "subject"), CASES)
def test_built_calendar_holds_its_subjects_deadlines_soonest_first(
    built: Built, language: str, subject: str
) -> None:
    calendar = Calendar.from_ical(built.bytes(built.url(language, subject, "ics")))
    assert str(calendar["X-WR-CALNAME"]) == _title(built, language, subject)
    suffix = f"-{language}@jobs.example.org"
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert all(uid.endswith(suffix) for uid in uids)
    assert [uid.removesuffix(suffix) for uid in uids] == EXPECTED[language][subject][1]


def test_the_empty_division_feed_is_a_valid_empty_feed(built: Built) -> None:
    root = ET.fromstring(built.bytes(built.url("en", "LEG", "atom")))
    assert root.findall(f"{ATOM}entry") == []
    assert json.loads(built.bytes(built.url("fr", "LEG", "json")))["items"] == []


# --- the pages ------------------------------------------------------------------------------------


def _main_feed_links(site: Site, path: str) -> list[str]:
    """The feed and calendar links inside <main> of the page at PATH, in order."""
    html = site.path(path).read_text("utf-8")
    main = html[html.index("<main") : html.index("</main>")]
    return [
        link["href"] for link in Page(main).links if link["tag"] == "a" and link.get("type") in FEED_TYPES
    ]


def _hrefs(language: str, *subjects: str) -> list[str]:
    return [f"/{language}/{FOLDERS[language][s]}{FILES[k]}" for s in subjects for k in FILES]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_follow_page_lists_every_feed_of_its_language(built: Built, language: str) -> None:
    listed = _main_feed_links(built.site, FOLLOW_PAGE[language])
    assert listed == _hrefs(language, "all", "internships", "OPS", "PDD", "LEG")
    page = built.site.page(FOLLOW_PAGE[language])
    assert page.h1 == [{"en": "Follow vacancies", "fr": "Suivre les offres"}[language]]


def test_the_follow_page_says_what_each_feed_holds_today(built: Built) -> None:
    text = built.site.page("/en/follow/").text
    assert "Operations Division Vacancies open today: 2." in text
    assert "Legal Office No vacancy open today." in text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_list_links_to_the_feeds_that_match_it(built: Built, language: str) -> None:
    assert _main_feed_links(built.site, VACANCY_LIST[language]) == _hrefs(language, "all")
    assert _main_feed_links(built.site, OFFERS_PAGE[language]) == _hrefs(language, "internships")
    assert _main_feed_links(built.site, ARCHIVE[language]) == []  # the feeds carry no closed vacancy


def test_every_page_links_to_its_languages_follow_page_in_the_footer(built: Built) -> None:
    pages = [p for p in built.site.html_files() if p.relative_to(built.site.root).parts[0] in FOLLOW_PAGE]
    assert len(pages) > 20
    for path in pages:
        language = path.relative_to(built.site.root).parts[0]
        html = path.read_text("utf-8")
        footer = html[html.index("<footer") :]
        assert f'href="{FOLLOW_PAGE[language]}"' in footer, path


def test_the_follow_pages_switch_languages_and_are_in_the_sitemap(built: Built) -> None:
    assert built.site.page("/en/follow/").switch() == {"fr": "/fr/suivre/"}
    assert built.site.page("/fr/suivre/").switch() == {"en": "/en/follow/"}
    sitemap = built.site.path("/sitemap.xml").read_text("utf-8")
    assert f"<loc>{BASE}en/follow/</loc>" in sitemap and f"<loc>{BASE}fr/suivre/</loc>" in sitemap
    assert "feed.atom" not in sitemap and "deadlines.ics" not in sitemap


def test_the_link_check_finds_every_link_of_the_follow_pages(built: Built) -> None:
    result = run_cli("links", str(built.site.root))
    assert result.returncode == 0, result.stdout + result.stderr


# --- in a browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[str]:
    with serve(built.site.root) as url:
        yield url


def _read_back(kind: str, data: bytes) -> tuple[str, list[str]]:
    """A feed's title and the references it holds, read with the parser of its format."""
    if kind == "atom":
        root = ET.fromstring(data)
        return root.findtext(f"{ATOM}title") or "", [
            _reference(e.findtext(f"{ATOM}id") or "") for e in root.findall(f"{ATOM}entry")
        ]
    if kind == "json":
        feed = json.loads(data)
        return feed["title"], [item["_vacancy"]["reference"] for item in feed["items"]]
    calendar = Calendar.from_ical(data)
    return str(calendar["X-WR-CALNAME"]), [
        str(event["UID"]).split("@")[0].rsplit("-", 1)[0] for event in calendar.walk("VEVENT")
    ]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "fr"])
def test_in_a_browser_the_follow_page_leads_to_feeds_that_parse(
    browser: Browser, built: Built, served: str, language: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        footer_link = {"en": "Follow vacancies", "fr": "Suivre les offres"}[language]
        response = page.goto(served + VACANCY_LIST[language])
        assert response is not None and response.status == 200
        page.locator("footer").get_by_role("link", name=footer_link).click()
        page.wait_for_url(served + FOLLOW_PAGE[language])
        found: dict[str, dict[str, str]] = {}
        for heading in page.locator("main h3[id]").all():
            subject = heading.get_attribute("id") or ""
            links = page.locator(f"main a[aria-describedby='{subject}']")
            found[subject] = {
                link.get_attribute("type") or "": link.get_attribute("href") or "" for link in links.all()
            }
        wanted = {
            "all": "all",
            "internships": "internships",
            "division-ops": "OPS",
            "division-pdd": "PDD",
            "division-leg": "LEG",
        }
        assert list(found) == list(wanted)
        kinds = FEED_TYPES
        for anchor, subject in wanted.items():
            assert set(found[anchor]) == set(kinds)
            for media_type, href in found[anchor].items():
                fetched = context.request.get(urljoin(page.url, href))
                assert fetched.ok, f"{href}: HTTP {fetched.status}"
                title, references = _read_back(kinds[media_type], fetched.body())
                newest, soonest = EXPECTED[language][subject]
                assert title == _title(built, language, subject)
                assert references == (soonest if kinds[media_type] == "ics" else newest), href
    finally:
        context.close()
