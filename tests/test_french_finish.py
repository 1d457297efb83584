"""The built sites read as a careful editor would have written them, in both languages: French
typography on every French page (interface strings too, not only bodies), "1er" for the first of
the month, offers feminine and posts masculine in French, empty states and counts of 0 and 1 in
words, no label repeated by its value, an archive intro that covers what the archive lists.

The four builds of checkers.SITE_SOURCES: the fixture as of 2024-11-01 (two posts open, one of
them in English only), the shipped content as of 2020-04-01 (its internship offer open, no post),
2024-11-01 (one post open, no offer) and 2026-11-23 (nothing open)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from browser import serve
from checkers import SITE_SOURCES, BuiltSite, built_site
from conftest import Page
from french_text_check import NARROW_NBSP, NBSP, page_problems, typography_problems

if TYPE_CHECKING:
    from playwright.sync_api import Browser

OFFER = {"en": "/en/internships/INT-2021-LOCAL-001/", "fr": "/fr/stages/INT-2021-LOCAL-001/"}
OFFERS = {"en": "/en/internships/", "fr": "/fr/stages/"}
POST = {"en": "/en/vacancies/241490/", "fr": "/fr/postes-vacants/241490/"}
HOME = {"en": "/en/", "fr": "/fr/"}
VACANCIES = {"en": "/en/vacancies/", "fr": "/fr/postes-vacants/"}
ARCHIVE = {"en": "/en/archive/", "fr": "/fr/archives/"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltSite]:
    return {name: built_site(name, tmp_path_factory) for name in SITE_SOURCES}


def text(site: BuiltSite, path: str) -> str:
    """The page's text as read: parts joined as they are, ASCII white space folded."""
    return re.sub(r"[ \t\r\n]+", " ", "".join(Page(html(site, path)).text_parts)).strip()


def html(site: BuiltSite, path: str) -> str:
    return site.file(path).read_text("utf-8")


# --- French typography -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_every_french_page_has_french_typography(sites: dict[str, BuiltSite], name: str) -> None:
    """No ordinary space, and no space at all, before : ; ! ? or inside « » in the text (and the
    read attributes) of any French page: bodies, menus, labels, notes and what scripts swap in."""
    site = sites[name]
    french = [path for path in site.html_paths() if path.startswith("/fr/")]
    assert len(french) > 8, french
    problems = [f"{name}{path}: {problem}" for path in french for problem in page_problems(html(site, path))]
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize(
    ("prose", "wrong"),
    [
        ("Postes vacants: postes ouverts", True),
        ("Date de clôture : 10 mars", True),
        (f"Date de clôture{NBSP}: 10 mars", False),
        ("Pourquoi ?", True),
        ("Pourquoi?", True),
        (f"Pourquoi{NARROW_NBSP}?", False),
        ("le niveau « avancé »", True),
        (f"le niveau «{NARROW_NBSP}avancé{NARROW_NBSP}»", False),
        ("à 23:59 (UTC+01:00)", False),
        ("voir https://careers.example.org/?q=a et mailto:a@b.org", False),
        ("Vraiment ?!", True),
        (f"Vraiment{NARROW_NBSP}?!", False),
    ],
)
def test_the_typography_check_tells_right_from_wrong(prose: str, wrong: bool) -> None:
    assert bool(typography_problems(prose)) is wrong, typography_problems(prose)


def test_the_typography_check_reads_text_across_tags_but_not_code_or_english() -> None:
    assert page_problems('<html lang="fr"><body><p><a href="/x">Postes vacants</a>: tous</p></body></html>')
    assert page_problems('<html lang="fr"><body><p title="Voir : tout">x</p></body></html>')
    assert not page_problems(
        '<html lang="fr"><body><p>Le code <code>a: b</code> et <span lang="en">Why?</span></p>'
    )
    assert not page_problems(
        '<html lang="fr"><head><script>if (a) { b: c; }</script></head><body></body></html>'
    )


# --- dates ----------------------------------------------------------------------------------------


def test_the_first_of_the_month_is_1er_on_french_pages(sites: dict[str, BuiltSite]) -> None:
    site = sites["shipped-2024"]  # built on 1 November 2024: the footer's date is a first
    assert "Informations à jour au 1er novembre 2024." in text(site, HOME["fr"])
    assert "Information as of 1 November 2024." in text(site, HOME["en"])
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    cardinal = re.compile(rf"(?<![\d,.])1[\s{NBSP}{NARROW_NBSP}]+({months})\b")
    found = [
        f"{name}{path}: {match.group(0)!r}"
        for name, built in sites.items()
        for path in built.html_paths()
        if path.startswith("/fr/")
        for match in cardinal.finditer(text(built, path))
    ]
    assert not found, "\n".join(found[:20])


# --- an offer is feminine, a post masculine ---------------------------------------------------------


def test_an_open_internship_offer_agrees_in_french(sites: dict[str, BuiltSite]) -> None:
    site = sites["shipped-2020"]
    page, listing = html(site, OFFER["fr"]), html(site, OFFERS["fr"])
    assert ">Ouverte</span>" in page and ">Ouverte</span>" in listing
    assert "<dt>Publiée le</dt>" in page
    for where in (page, listing):  # what site.js swaps in once the deadline has passed
        assert 'data-closed-text="Clôturée"' in where and 'data-closed="clôturée"' in where
        assert ">Ouvert</span>" not in where and 'clôturé"' not in where
    english = html(site, OFFER["en"])
    assert ">Open</span>" in english and "<dt>Published</dt>" in english and 'data-closed="closed"' in english


def test_a_closed_internship_offer_agrees_in_french(sites: dict[str, BuiltSite]) -> None:
    site = sites["shipped-2026"]
    assert ">Clôturée</span>" in html(site, OFFER["fr"])
    assert "<dt>Publiée le</dt>" in html(site, OFFER["fr"])
    archive = html(site, ARCHIVE["fr"])
    card = archive[archive.index('id="v-INT-2021-LOCAL-001"') :]
    assert card.index(">Clôturée</span>") < card.index("</article>")


def test_a_post_stays_masculine_in_french(sites: dict[str, BuiltSite]) -> None:
    open_post = html(sites["shipped-2024"], POST["fr"])
    assert "<dt>Publié le</dt>" in open_post and 'data-closed="clôturé"' in open_post
    assert 'data-closed-text="Clôturé"' in open_post
    assert ">Clôturé</span>" in html(sites["shipped-2026"], POST["fr"])
    assert 'data-closed-text="Clôturé"' in html(sites["basic"], "/fr/postes-vacants/")


@pytest.mark.browser
def test_at_the_deadline_the_script_says_the_offer_is_closed_in_the_feminine(
    browser: Browser, sites: dict[str, BuiltSite]
) -> None:
    site = sites["shipped-2020"]
    deadline = datetime(2020, 4, 27, 23, 59, tzinfo=timezone(timedelta(hours=2)))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.install(time=deadline - timedelta(seconds=30))
        with serve(site.root) as base:
            page.goto(base + OFFER["fr"])
            assert page.locator(".facts .status").inner_text() == "Ouverte"
            assert page.locator(".facts .countdown").inner_text() == "clôture dans 29 secondes"
            page.clock.run_for(31_000)
            assert page.locator(".facts .status").inner_text() == "Clôturée"
            assert page.locator(".facts .countdown").inner_text() == "clôturée"
    finally:
        context.close()


# --- empty states and counts ----------------------------------------------------------------------

COUNTS = [
    # (site, page, language, sentence)
    ("shipped-2026", HOME, "en", "No vacancy is open at the moment."),
    ("shipped-2026", HOME, "fr", "Aucun poste n’est ouvert pour le moment."),
    ("shipped-2024", HOME, "en", "There is 1 open vacancy."),
    ("shipped-2024", HOME, "fr", "1 poste est ouvert."),
    ("basic", HOME, "en", "There are 2 open vacancies."),
    ("shipped-2026", VACANCIES, "en", "There are no open vacancies at the moment."),
    ("shipped-2026", VACANCIES, "fr", "Aucun poste n’est ouvert aux candidatures pour le moment."),
    ("shipped-2024", VACANCIES, "en", "1 vacancy is open for applications."),
    ("shipped-2024", VACANCIES, "fr", "1 poste est ouvert aux candidatures."),
    ("basic", VACANCIES, "en", "2 vacancies are open for applications, soonest deadline first."),
    ("shipped-2026", OFFERS, "en", "No internship offer is open at the moment."),
    ("shipped-2026", OFFERS, "fr", "Aucune offre de stage n’est ouverte pour le moment."),
    ("shipped-2020", OFFERS, "en", "1 internship offer is open for applications."),
    ("shipped-2020", OFFERS, "fr", "1 offre de stage est ouverte aux candidatures."),
    ("shipped-2020", ARCHIVE, "en", "The archive is empty."),
    ("shipped-2020", ARCHIVE, "fr", "Les archives sont vides."),
]


@pytest.mark.parametrize(("name", "paths", "language", "sentence"), COUNTS)
def test_counts_of_none_one_and_more_read_well(
    sites: dict[str, BuiltSite], name: str, paths: dict[str, str], language: str, sentence: str
) -> None:
    shown = text(sites[name], paths[language])
    assert sentence in shown, shown[:600]
    assert not re.search(r"\b0 (open |poste|offre|vacanc|internship)", shown), "a count of zero in figures"
    one = re.search(r"\b1 (vacancy|internship offer|poste|offre de stage) [^.]*\.", shown)
    assert not one or not re.search("soonest|plus proche", one.group(0)), f"one item, sorted: {one.group(0)}"


def test_the_archive_intro_covers_posts_and_internship_offers(sites: dict[str, BuiltSite]) -> None:
    site = sites["shipped-2026"]  # the archive holds two posts and the internship offer
    english, french = text(site, ARCHIVE["en"]), text(site, ARCHIVE["fr"])
    assert "INT-2021-LOCAL-001" in english and "241490" in english
    assert "Vacancies and internship offers whose deadline has passed or that were cancelled" in english
    assert "Postes et offres de stage dont la date de clôture est passée" in french
    home = text(site, HOME["en"])
    assert "Archive: vacancies and internship offers that have closed or been cancelled." in home


# --- no label repeated by its value ---------------------------------------------------------------

_FACT = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.DOTALL)
_REPEATS = {  # a word of the label -> what the value must then not say again
    "monthly": ("per month", "a month", "monthly"),
    "mensuel": ("par mois", "mensuel"),
    "mensuelle": ("par mois", "mensuel"),
}


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_no_fact_repeats_its_label(sites: dict[str, BuiltSite], name: str) -> None:
    site = sites[name]
    found = []
    for path in site.html_paths():
        for label, value in _FACT.findall(html(site, path)):
            label_words = set(re.findall(r"\w+", label.lower()))
            value_text = re.sub(r"<[^>]*>", " ", value).lower()
            found += [
                f"{path}: {label!r} -> {' '.join(value_text.split())!r}"
                for word, repeats in _REPEATS.items()
                if word in label_words and any(repeat in value_text for repeat in repeats)
            ]
    assert not found, "\n".join(found[:20])


def test_the_salary_and_allowance_are_the_amounts(sites: dict[str, BuiltSite]) -> None:
    post = html(sites["shipped-2024"], POST["en"])
    assert re.search(r"<dt>Monthly basic salary</dt>\s*<dd>\s*€7,540.44\s*</dd>", post), post
    french = html(sites["shipped-2024"], POST["fr"])
    assert re.search(
        rf"<dt>Traitement mensuel de base</dt>\s*<dd>\s*7{NARROW_NBSP}540,44{NBSP}€\s*</dd>", french
    )


# --- the accessibility statement says what the site does -----------------------------------------

STATEMENT = {"en": "/en/accessibility/", "fr": "/fr/accessibilite/"}
SEARCH = {"en": "/en/search/", "fr": "/fr/recherche/"}
SEARCH_WITHOUT_SCRIPT = {
    "en": "Search\nSearching needs JavaScript, which is off in your browser. See the list of open vacancies "
    "or the archive.",
    "fr": "Rechercher\nLa recherche nécessite JavaScript, qui est désactivé dans votre navigateur. Voir la "
    "liste des postes ouverts ou les archives.",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_statement_names_search_as_the_page_that_needs_javascript(
    sites: dict[str, BuiltSite], language: str
) -> None:
    statement = text(sites["shipped-2024"], STATEMENT[language])
    said = {
        "en": ("Every page except Search works without JavaScript; the Search page says so and links to "
               "the vacancy list and the archive. Without JavaScript, whether a vacancy is open is shown as "
               "of the last update of the site."),
        "fr": (f"Toutes les pages sauf la recherche fonctionnent sans JavaScript{NARROW_NBSP}; la page de "
               "recherche le signale et renvoie à la liste des postes et aux archives. Sans JavaScript, "
               "l’ouverture d’une offre est indiquée telle qu’elle était à la dernière mise à jour du site."),
    }[language]  # fmt: skip
    assert said in statement
    for unverified in ("Every page works without JavaScript", "Toutes les pages fonctionnent", "by hand",
                       "manuelles", "offered as PDF", "existent aussi en PDF"):  # fmt: skip
        assert unverified not in statement


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_javascript_the_search_page_says_so_and_leads_on(
    browser: Browser, sites: dict[str, BuiltSite], language: str
) -> None:
    """What the statement says of it: the page says search needs JavaScript and links to the
    vacancy list and the archive, and shows nothing else (no form that cannot work)."""
    site = sites["shipped-2024"]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        with serve(site.root) as base:
            page.goto(base + SEARCH[language])
            main = page.locator("main")
            lines = [line.strip() for line in main.inner_text().splitlines() if line.strip()]
            assert "\n".join(lines) == SEARCH_WITHOUT_SCRIPT[language]
            links = main.locator("a:visible")
            hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
            assert hrefs == [VACANCIES[language], ARCHIVE[language]]
            assert not page.locator("main form:visible, main input:visible").count()
    finally:
        context.close()
