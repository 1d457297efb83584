"""The vacancy page for its visitors (tracker issue 22), in Debian's Chromium and in the built files.

- Apply at hand: the Apply button in the key facts as well as at the end, while the vacancy is open;
  printed, the page reads like the notice (facts, text, deadline and zone, reference, the address to
  apply at written out, the page's own address) without the site's navigation, forms and buttons.
- Clean breaks: at 360 and 390 px, in both languages, no line of a heading ends inside a word
  without a hyphen; the sort menu's longest option is never cut off.
- Sharing without tracking: a button that copies the canonical address (a plain link without
  JavaScript), a mailto link, no third-party script.
- Untranslated content: a page missing in a language tells that language's visitors so, in their
  language; the language switch, the hreflang links and the sitemap name only real translations.

Sites, built as of 2024-11-01: "fixture" is tests/sites/basic where 100002 (open, English and
French) has an address to apply at and very long words in its titles and a heading, and the "About
us" page is in English only (100003 is in English only already); "shipped" is the shipped content
(the long French title of 241490, open); "offer" is the shipped content with the internship offer
in French only; "three" is tests/sites/basic with a third language, German, which has no catalog.
Without Chromium the browser tests fail on CI (CI=true or 1) and are skipped elsewhere.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import serve
from conftest import CONTENT, SITES, Page, Site, run_cli

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from playwright.sync_api import Page as Tab

browser_test = pytest.mark.browser

NOW = "2024-11-01"
BUILT_ON = datetime(2024, 11, 1, tzinfo=timezone(timedelta(hours=1)))  # the visitor's clock: --now
APPLY = "https://example.org/apply/100002"
LONG_WORDS = {
    "en.md": """---
title: Telecommunications Interoperability Coordinator (Counterintelligence Liaison)
---
Keeps the radio networks of several countries talking to one another.

## Interoperability of transnational telecommunications infrastructure

Testing, certification and troubleshooting.
""",
    "fr.md": """---
title: Coordonnatrice/coordonnateur de l’interopérabilité des radiocommunications transfrontalières
---
Fait dialoguer les réseaux radio de plusieurs pays.

## Interopérabilité des infrastructures de télécommunications transnationales

Essais, certification et dépannage.
""",
}
FIXTURE_100002 = {"en": "/en/vacancies/100002/", "fr": "/fr/postes-vacants/100002/"}
SHIPPED_241490 = {"en": "/en/vacancies/241490/", "fr": "/fr/postes-vacants/241490/"}
VACANCY_LISTS = {"en": "/en/vacancies/", "fr": "/fr/postes-vacants/"}
OFFER = "INT-2021-LOCAL-001"


# --- the sites --------------------------------------------------------------------------------


def _build(root: Path, name: str, source: Path, change: Any = None) -> Site:
    content = root / f"content-{name}"
    shutil.copytree(source, content)
    if change is not None:
        change(content)
    output = root / name
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW)
    assert result.returncode == 0, f"{name}: {result.stderr}"
    return Site(output)


def _long_words_and_an_english_only_page(content: Path) -> None:
    folder = content / "vacancies" / "100002"
    for name, text in LONG_WORDS.items():
        (folder / name).write_text(text, "utf-8")
    facts = folder / "vacancy.yaml"
    facts.write_text(facts.read_text("utf-8") + f"apply_url: {APPLY}\n", "utf-8")
    (content / "pages" / "about" / "fr.md").unlink()


def _offer_in_french_only(content: Path) -> None:
    (content / "vacancies" / OFFER / "en.md").unlink()


def _a_third_language(content: Path) -> None:
    settings = content / "site.yaml"
    settings.write_text(settings.read_text("utf-8").replace("[en, fr]", "[en, fr, de]"), "utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    root = tmp_path_factory.mktemp("vacancy-page")
    return {
        "fixture": _build(root, "fixture", SITES / "basic", _long_words_and_an_english_only_page),
        "shipped": _build(root, "shipped", CONTENT),
        "offer": _build(root, "offer", CONTENT, _offer_in_french_only),
        "three": _build(root, "three", SITES / "basic", _a_third_language),
    }


@pytest.fixture(scope="module")
def servers(sites: dict[str, Site]) -> Iterator[dict[str, str]]:
    with serve(sites["fixture"].root) as fixture, serve(sites["shipped"].root) as shipped:
        yield {"fixture": fixture, "shipped": shipped}


class Visitor:
    """Tabs on the served sites, with the builds' clock (so that open vacancies are open)."""

    def __init__(self, browser: Browser, servers: dict[str, str]) -> None:
        self.browser, self.servers, self.contexts = browser, servers, []  # type: ignore[var-annotated]

    def open(self, site: str, path: str, width: int = 1280, **options: Any) -> Tab:
        context = self.browser.new_context(viewport={"width": width, "height": 800}, **options)
        context.clock.set_fixed_time(BUILT_ON)
        self.contexts.append(context)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        response = tab.goto(self.servers[site] + path)
        assert response is not None and response.status == 200, f"{site}{path}"
        assert not errors, errors
        return tab

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def visitor(browser: Browser, servers: dict[str, str]) -> Iterator[Visitor]:
    opened = Visitor(browser, servers)
    try:
        yield opened
    finally:
        opened.close()


def canonical(page: Page) -> str:
    [link] = [link for link in page.links if link.get("rel") == "canonical"]
    return link["href"]


# --- apply at hand ------------------------------------------------------------------------------


@browser_test
@pytest.mark.parametrize("language", ["en", "fr"])
def test_apply_is_in_the_key_facts_and_at_the_end(visitor: Visitor, language: str) -> None:
    tab = visitor.open("fixture", FIXTURE_100002[language])
    in_facts = tab.locator(".facts a.apply-link")
    assert in_facts.count() == 1 and in_facts.is_visible()
    assert in_facts.get_attribute("href") == APPLY
    at_end = tab.locator(".apply-end a.apply-link")
    assert at_end.is_visible() and at_end.get_attribute("href") == APPLY
    facts_apply, body = in_facts.bounding_box(), tab.locator(".vacancy .body").bounding_box()
    assert facts_apply and body and facts_apply["y"] < body["y"], "the facts' Apply comes before the text"


def test_no_apply_button_without_an_address_or_once_closed(sites: dict[str, Site]) -> None:
    fixture = sites["fixture"]
    assert "apply-link" not in fixture.page("/en/vacancies/100003/").html  # open, no apply_url
    assert "apply-link" not in fixture.page("/en/vacancies/100001/").html  # closed, has an apply_url
    assert fixture.page("/en/vacancies/100002/").html.count('class="button apply-link"') == 2


PRINT_HIDDEN = (
    ".site-header",
    ".main-nav",
    ".language-switch",
    ".site-footer",
    ".share",
    ".apply-end",
    "button",
)
PRINT_SHOWN = ("h1", ".facts", ".facts .zone", ".vacancy .body", ".facts a.apply-link", ".print-address")


@browser_test
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_printed_vacancy_reads_like_the_notice(
    visitor: Visitor, sites: dict[str, Site], language: str
) -> None:
    path = FIXTURE_100002[language]
    tab = visitor.open("fixture", path)
    assert tab.locator("button.copy-link").is_visible()  # on screen: the script made the button
    tab.emulate_media(media="print")
    shown = {selector: tab.locator(selector).first.is_visible() for selector in PRINT_SHOWN + PRINT_HIDDEN}
    assert [s for s in PRINT_SHOWN if not shown[s]] == [], f"not printed: {shown}"
    assert [s for s in PRINT_HIDDEN if shown[s]] == [], f"printed: {shown}"
    address = canonical(sites["fixture"].page(path))
    assert address in tab.locator(".print-address").inner_text()
    assert "100002" in tab.locator(".facts").inner_text()  # the reference
    # The address to apply at is written out after the link, on paper only.
    after = "a => getComputedStyle(a, '::after').content"
    assert tab.eval_on_selector(".facts a.apply-link", after) == f'" ({APPLY})"'
    tab.emulate_media(media="screen")
    assert not tab.locator(".print-address").is_visible()
    assert tab.eval_on_selector(".facts a.apply-link", after) == "none"


@browser_test
def test_a_printed_vacancy_list_leaves_out_its_filters(visitor: Visitor) -> None:
    tab = visitor.open("shipped", VACANCY_LISTS["en"])
    assert tab.locator("#vacancy-filters").is_visible()
    tab.emulate_media(media="print")
    assert not tab.locator("#vacancy-filters").is_visible()
    assert not tab.locator("form").first.is_visible()


# --- clean breaks -------------------------------------------------------------------------------

# Every pair of neighbouring characters of a heading's text on two lines: a break inside a word
# (between two letters) must follow a soft hyphen, which the browser shows as a hyphen. A character's
# box is the last of its range's boxes (the range of the letter after a soft hyphen also holds the
# hyphen drawn at the end of the line before).
BREAKS = r"""() => {
  const problems = [], hyphenated = [];
  const letter = /[\p{L}\p{M}\p{N}]/u;
  for (const heading of document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    let before = null, beforeTop = null, soft = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const c = node.data[i];
        if (c === '\u00ad') { soft = true; continue; }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const boxes = range.getClientRects();
        if (!boxes.length || /\s/.test(c)) { before = null; soft = false; continue; }
        const top = boxes[boxes.length - 1].top;
        if (before !== null && top > beforeTop + 2 && letter.test(before) && letter.test(c)) {
          const where = heading.textContent.replace(/\u00ad/g, '');
          (soft ? hyphenated : problems).push(`${where}: "${before}|${c}"`);
        }
        before = c; beforeTop = top; soft = false;
      }
    }
  }
  return {problems, hyphenated};
}"""
HEADING_PAGES = [
    ("fixture", FIXTURE_100002["en"]),
    ("fixture", FIXTURE_100002["fr"]),
    ("fixture", VACANCY_LISTS["en"]),
    ("fixture", VACANCY_LISTS["fr"]),
    ("shipped", SHIPPED_241490["en"]),
    ("shipped", SHIPPED_241490["fr"]),
    ("shipped", "/fr/carrieres-dans-les-organisations-internationales/"),
    ("shipped", "/fr/accessibilite/"),
]


@browser_test
@pytest.mark.parametrize("width", [360, 390])
def test_headings_break_only_between_words_or_at_a_hyphen(visitor: Visitor, width: int) -> None:
    problems, hyphenated = [], []
    for site, path in HEADING_PAGES:
        found = visitor.open(site, path, width=width).evaluate(BREAKS)
        problems += [f"{path}: {problem}" for problem in found["problems"]]
        hyphenated += [f"{path}: {where}" for where in found["hyphenated"]]
    assert not problems, f"at {width} px, lines end inside a word without a hyphen:\n" + "\n".join(problems)
    # The long words did reach the end of a line, in both languages: the check above had work to do.
    for language in ("en", "fr"):
        assert any(f"/{language}/" in line for line in hyphenated), hyphenated


# Each select's width as it would be to show its longest option whole (a copy of it sized by its
# options), beside its width on the page.
SELECT_WIDTHS = r"""() => [...document.querySelectorAll('#vacancy-filters select')].map(select => {
  const copy = select.cloneNode(true);
  copy.removeAttribute('id');
  copy.style.position = 'absolute';
  copy.style.visibility = 'hidden';
  copy.style.width = 'auto';
  copy.style.minWidth = '0';
  copy.style.maxWidth = 'none';
  select.parentElement.appendChild(copy);
  const needed = copy.getBoundingClientRect().width;
  copy.remove();
  return {name: select.name, needed, actual: select.getBoundingClientRect().width,
          longest: [...select.options].map(o => o.text).sort((a, b) => b.length - a.length)[0]};
})"""


@browser_test
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_filter_option_is_cut_off(visitor: Visitor, width: int, language: str) -> None:
    tab = visitor.open("shipped", VACANCY_LISTS[language], width=width)
    selects = tab.evaluate(SELECT_WIDTHS)
    assert [s["name"] for s in selects] == ["grade", "division", "location", "sort"]
    cut = [s for s in selects if s["needed"] > s["actual"] + 0.5]
    assert not cut, f"at {width} px, cut off: {cut}"
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


# --- search: the plain title ----------------------------------------------------------------------


@browser_test
def test_search_shows_the_title_without_its_soft_hyphens(visitor: Visitor) -> None:
    tab = visitor.open("shipped", "/fr/recherche/?q=administratrice")
    first = tab.locator("#search-results li a").first
    first.wait_for(timeout=15_000)
    assert first.inner_text() == (
        "Administratrice/administrateur de programme – Renforcement des capacités de défense (DCB)"
    )


# --- sharing without tracking ------------------------------------------------------------------


@browser_test
@pytest.mark.parametrize("clipboard_api", [True, False], ids=["clipboard-api", "copy-command"])
def test_the_copy_button_copies_the_canonical_address(
    visitor: Visitor, sites: dict[str, Site], clipboard_api: bool
) -> None:
    path = FIXTURE_100002["fr"]
    tab = visitor.open("fixture", "/en/", permissions=["clipboard-read", "clipboard-write"])
    if not clipboard_api:  # an older browser: the script falls back on the copy command
        tab.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    tab.goto(visitor.servers["fixture"] + path)
    assert tab.evaluate("!!navigator.clipboard") is clipboard_api
    tab.get_by_role("button", name="Copier le lien").click()
    tab.locator(".copy-status", has_text="Lien copié.").wait_for()
    reader = tab.context.new_page()  # a page that has the Clipboard API reads what was copied
    reader.goto(visitor.servers["fixture"] + "/en/")
    assert reader.evaluate("navigator.clipboard.readText()") == canonical(sites["fixture"].page(path))


@browser_test
def test_without_javascript_the_copy_link_is_a_plain_link_to_the_page(visitor: Visitor) -> None:
    path = FIXTURE_100002["en"]
    tab = visitor.open("fixture", path, java_script_enabled=False)
    link = tab.get_by_role("link", name="Link to this page")
    assert link.get_attribute("href") == path
    link.click()
    tab.wait_for_load_state("load")
    assert tab.url == visitor.servers["fixture"] + path
    assert tab.locator("button.copy-link").count() == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_mail_link_has_the_title_as_subject_and_the_address_as_body(
    sites: dict[str, Site], language: str
) -> None:
    page = sites["fixture"].page(FIXTURE_100002[language])
    [mailto] = [href for href in page.hrefs() if href.startswith("mailto:")]
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == page.h1 and query["body"] == [canonical(page)]


def test_no_third_party_script(sites: dict[str, Site]) -> None:
    for site in sites.values():
        for path in site.html_files():
            for source in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", path.read_text("utf-8")):
                assert source.startswith("/") and not source.startswith("//"), f"{path}: {source}"


# --- untranslated content -------------------------------------------------------------------------


def notices(page: Page) -> list[tuple[str, str, str]]:
    """(lang, text, link) of each notice that the page is not published in a language."""
    return [
        (lang, re.sub(r"<[^>]+>", "", text).strip(), link)
        for lang, text, link in re.findall(
            r'<p class="notice notice-untranslated" lang="([^"]+)"[^>]*>(.*?<a href="([^"]+)".*?)</p>',
            page.html,
            re.S,
        )
    ]


def switch_languages(page: Page) -> list[str]:
    nav = re.search(r'<nav class="language-switch".*?</nav>', page.html, re.S)
    return re.findall(r'(?<!href)lang="([a-z]{2})"', nav.group()) if nav else []


def sitemap_alternates(site: Site, loc_part: str) -> dict[str, list[str]]:
    """loc -> the hreflang of its alternates, for the sitemap's entries whose address holds LOC_PART."""
    tree = ET.parse(site.root / "sitemap.xml")
    found = {}
    for url in tree.getroot():
        loc = url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") or ""
        if loc_part in loc:
            found[loc] = [link.get("hreflang", "") for link in url if link.tag.endswith("link")]
    return found


def test_a_vacancy_in_english_only_tells_french_visitors_in_french(sites: dict[str, Site]) -> None:
    site = sites["fixture"]
    page = site.page("/en/vacancies/100003/")
    assert notices(page) == [
        (
            "fr",
            "Cet avis de vacance n’est pas publié en français\u00a0: il n’existe qu’en anglais. "
            "Voir les postes vacants en français",
            "/fr/postes-vacants/",
        )
    ]
    assert switch_languages(page) == [], "no switch on a page in one language"
    assert page.alternates() == {
        "en": "https://jobs.example.org/en/vacancies/100003/",
        "x-default": "https://jobs.example.org/",
    }
    assert "og:locale:alternate" not in page.html
    assert sitemap_alternates(site, "/100003/") == {
        "https://jobs.example.org/en/vacancies/100003/": ["en", "x-default"]
    }
    # A vacancy in both languages: no notice, both in the switch, the alternates and the sitemap.
    both = site.page("/en/vacancies/100002/")
    assert notices(both) == [] and switch_languages(both) == ["en", "fr"]
    assert set(both.alternates()) == {"en", "fr", "x-default"}
    for alternates in sitemap_alternates(site, "/100002/").values():
        assert alternates == ["en", "fr", "x-default"]


def test_a_page_in_english_only_sends_french_visitors_home(sites: dict[str, Site]) -> None:
    site = sites["fixture"]
    page = site.page("/en/about-us/")
    assert notices(page) == [
        (
            "fr",
            "Cette page n’est pas publiée en français\u00a0: elle n’existe qu’en anglais. "
            "Aller à la page d’accueil en français",
            "/fr/",
        )
    ]
    assert switch_languages(page) == [] and set(page.alternates()) == {"en", "x-default"}
    assert list(sitemap_alternates(site, "/about-us/").values()) == [["en", "x-default"]]


def test_an_offer_in_french_only_tells_english_visitors_in_english(sites: dict[str, Site]) -> None:
    site = sites["offer"]
    assert not site.exists(f"/en/internships/{OFFER}/")
    page = site.page(f"/fr/stages/{OFFER}/")
    assert notices(page) == [
        (
            "en",
            "This internship offer is not published in English: it exists only in French. "
            "See the internship offers in English",
            "/en/internships/",
        )
    ]
    assert switch_languages(page) == [] and set(page.alternates()) == {"fr", "x-default"}


def test_a_third_language_without_a_catalog_is_told_in_the_language_it_reads(sites: dict[str, Site]) -> None:
    site = sites["three"]
    page = site.page("/fr/postes-vacants/100002/")
    # German has no interface catalog: its visitors read the default language, English, so the
    # notice is in English and says so (lang="en"); its link leads to the German list.
    assert notices(page) == [
        (
            "en",
            "This vacancy is not published in German: it exists only in English and French. "
            "See the vacancies in German",
            "/de/vacancies/",
        )
    ]
    assert switch_languages(page) == ["en", "fr"]
    assert set(page.alternates()) == {"en", "fr", "x-default"}
    for alternates in sitemap_alternates(site, "/100002/").values():
        assert alternates == ["en", "fr", "x-default"]
    english_only = site.page("/en/vacancies/100003/")
    assert [(lang, link) for lang, _, link in notices(english_only)] == [
        ("fr", "/fr/postes-vacants/"),
        ("en", "/de/vacancies/"),
    ]


@browser_test
def test_the_notice_is_visible_and_leads_to_the_visitors_language(visitor: Visitor) -> None:
    tab = visitor.open("fixture", "/en/vacancies/100003/", width=390)
    notice = tab.locator(".notice-untranslated")
    assert notice.is_visible() and notice.get_attribute("lang") == "fr"
    assert tab.locator("nav.language-switch").count() == 0
    notice.get_by_role("link").click()
    tab.wait_for_url(visitor.servers["fixture"] + "/fr/postes-vacants/")
    assert tab.evaluate("document.documentElement.lang") == "fr"
