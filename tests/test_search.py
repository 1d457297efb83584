"""Full-text search in a real browser, with the keyboard only: the shipped site, indexed by Pagefind.

The shipped content is built as of 2024-11-01 (vacancy 241490 is open), Pagefind indexes it during
the build, and the output is served on loopback. Needs Debian's Chromium: without it these tests
fail on CI (CI=true or 1) and are skipped elsewhere.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import real_failure, serve
from conftest import CONTENT, ROOT, copy_site, run_cli

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

NOW = "2024-11-01"
VACANCY = CONTENT / "vacancies" / "241490"
NONSENSE = "zxqvbrelk"

# language: (search page, a word only vacancy 241490's text has, its page, "results" and "none" lines)
LANGUAGES = {
    "en": (
        "/en/search/",
        "Mauritania",
        "/en/vacancies/241490/",
        "Results for “{query}”: {count}.",
        "Nothing matches “{query}”. Try another word, or see the list of vacancies.",
    ),
    "fr": (
        "/fr/recherche/",
        "Mauritanie",
        "/fr/postes-vacants/241490/",
        "Résultats pour « {query} » : {count}.",
        "Aucun résultat pour « {query} ». Essayez un autre mot ou consultez la liste des postes.",
    ),
}
NOSCRIPT = {
    "en": ("Searching needs JavaScript", "See the list of open vacancies", "/en/vacancies/"),
    "fr": ("La recherche nécessite JavaScript", "Voir la liste des postes ouverts", "/fr/postes-vacants/"),
}
# French forms that are not in fr.md, nor the start of a word there: only stemming finds the vacancy
# ("épaulerez" and "gouvernées" are in the text).
STEMMED = ["épaulait", "gouvernés"]


def words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("search")
    output = work / "output"
    result = run_cli(
        "build", "--content", str(copy_site("shipped", work)), "--output", str(output), "--now", NOW
    )
    assert result.returncode == 0, f"the shipped site did not build:\n{result.stdout}\n{result.stderr}"
    for language in ("en", "fr"):
        assert (output / "pagefind" / language / "pagefind.js").is_file(), f"no search index in {language}"
    with serve(output) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB")
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    tab.on("requestfailed", lambda r: real_failure(r) and errors.append(f"{r.url}: {r.failure}"))
    try:
        yield tab
        assert not errors, "\n".join(errors)
    finally:
        context.close()


def focused(page: Page) -> str:
    """The focused element, as `tag#id.class` plus its href."""
    return str(
        page.evaluate(
            """() => {
              const e = document.activeElement;
              const href = e.getAttribute("href") || "";
              return `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${href}`.trim();
            }"""
        )
    )


def search_with_keyboard(page: Page, base_url: str, search_page: str, query: str) -> str:
    """Open the search page, reach the field with Tab from the skip link, type QUERY, press Enter;
    returns the status line once it has spoken."""
    page.goto(base_url + search_page)
    page.locator("#search-form").wait_for(state="visible")  # search.js shows the form
    page.keyboard.press("Tab")
    assert focused(page).startswith("a#.skip-link"), focused(page)
    page.keyboard.press("Enter")  # to <main>
    page.keyboard.press("Tab")
    assert focused(page).startswith("input#search-input"), focused(page)
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('search-status').textContent.trim() !== ''", timeout=10_000
    )
    return " ".join(page.locator("#search-status").inner_text().split())


def result_links(page: Page) -> list[str]:
    return list(page.locator("#search-results li > a").evaluate_all("links => links.map(a => a.pathname)"))


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_word_of_the_vacancy_finds_it_and_enter_opens_it(page: Page, base_url: str, language: str) -> None:
    search_page, word, target, some, _ = LANGUAGES[language]
    # The word is in this vacancy's body and in no other text of the site.
    assert word.lower() in words_of((VACANCY / f"{language}.md").read_text("utf-8"))
    others = [p for p in CONTENT.rglob(f"{language}.md") if p.parent != VACANCY]
    assert not [p for p in others if word.lower() in words_of(p.read_text("utf-8"))]

    status = search_with_keyboard(page, base_url, search_page, word)
    assert status == some.format(query=word, count=1)
    assert page.locator("#search-status").get_attribute("role") == "status"
    assert result_links(page) == [target]
    assert page.url == f"{base_url}{search_page}?q={word}"  # the query stays in the address

    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first result
    assert focused(page) == f"a#. {target}"
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + target)
    assert page.locator("html").get_attribute("lang") == language
    assert "241490" in page.locator("main .subtitle").inner_text()


@pytest.mark.parametrize(
    ("language", "labels"), [("en", ("Status", "Reference")), ("fr", ("Statut", "Référence"))]
)
def test_an_excerpt_keeps_each_fact_apart_from_its_label(
    page: Page, base_url: str, language: str, labels: tuple[str, str]
) -> None:
    """The facts panel is a list of terms and values: in an excerpt each stays a word of its own
    ("Reference 241490", not "Reference241490")."""
    search_with_keyboard(page, base_url, LANGUAGES[language][0], "241490")
    excerpt = " ".join(page.locator("#search-results li > p").first.inner_text().split())
    assert f"{labels[1]} 241490" in excerpt, excerpt
    glued = [label for label in labels if re.search(rf"{label}[^\s:]", excerpt)]
    assert not glued, excerpt


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_word_found_nowhere_says_nothing_matches(page: Page, base_url: str, language: str) -> None:
    search_page, _, _, _, none = LANGUAGES[language]
    status = search_with_keyboard(page, base_url, search_page, NONSENSE)
    assert status == none.format(query=NONSENSE)
    assert status.startswith({"en": "Nothing matches", "fr": "Aucun résultat"}[language])
    assert result_links(page) == []


@pytest.mark.parametrize("query", STEMMED)
def test_french_search_finds_other_forms_of_a_word(page: Page, base_url: str, query: str) -> None:
    text = words_of((VACANCY / "fr.md").read_text("utf-8"))
    assert not [w for w in text if w.startswith(query.lower())], f"{query} is in fr.md: no stemming needed"
    status = search_with_keyboard(page, base_url, "/fr/recherche/", query)
    assert status.startswith(f"Résultats pour « {query} »"), status
    assert "/fr/postes-vacants/241490/" in result_links(page)


@pytest.mark.parametrize("language", list(NOSCRIPT))
def test_without_javascript_the_page_offers_the_list(browser: Browser, base_url: str, language: str) -> None:
    search_page = LANGUAGES[language][0]
    explanation, link_text, vacancies = NOSCRIPT[language]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + search_page)
        assert page.locator("#search-form").is_hidden()
        note = page.locator("main noscript p")
        assert note.is_visible()
        assert explanation in note.inner_text()
        link = note.get_by_role("link", name=link_text)
        assert link.get_attribute("href") == vacancies
        link.click()
        page.wait_for_url(base_url + vacancies)
        assert page.locator("html").get_attribute("lang") == language
    finally:
        context.close()


# --- a site large enough to be indexed in shards (generator/publish/search_index.py) ------------


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A generated site of 200 open vacancies (four shards in each language), served on
    loopback: (base URL, output)."""
    work = tmp_path_factory.mktemp("sharded")
    content = work / "content"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "--n", "200", "--out", str(content)],
        check=True,
        capture_output=True,
    )
    output = work / "output"
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", "2026-06-01")
    assert result.returncode == 0, result.stderr
    for language in ("en", "fr"):
        assert (output / "pagefind" / language / "shard-3" / "pagefind-entry.json").is_file()
    with serve(output) as url:
        yield url, output


def _title(output: Path, path: str) -> str:
    page = (output / path / "index.html").read_text("utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading is not None
    return " ".join(html.unescape(heading[1]).replace("\u00ad", "").split())  # without its soft hyphens


def _result_titles(page: Page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("#search-results li > a").all_inner_texts()]


@pytest.mark.parametrize(
    ("language", "search_page", "section"),
    [("en", "/en/search/", "en/vacancies"), ("fr", "/fr/recherche/", "fr/postes-vacants")],
)
def _one_vacancy_per_shard(output: Path, language: str, section: str) -> dict[str, str]:
    """For each shard of the language's built index (its primary and every `shard-N`), the
    path of one vacancy page it holds, read from the shard's own fragments."""
    chosen = {}
    primary = output / "pagefind" / language
    for shard in [primary, *sorted(primary.glob("shard-*"))]:
        urls = []
        for fragment in sorted((shard / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
            urls.append(json.loads(data)["url"].strip("/"))
        chosen[shard.name] = min(url for url in urls if url.startswith(section + "/"))
    return chosen


@pytest.mark.parametrize(
    ("language", "search_page", "section"),
    [("en", "/en/search/", "en/vacancies"), ("fr", "/fr/recherche/", "fr/postes-vacants")],
)
def test_a_title_is_found_first_across_every_shard(
    page: Page, sharded: tuple[str, Path], language: str, search_page: str, section: str
) -> None:
    """A title from each shard is found, first: the primary merges every other shard."""
    base_url, output = sharded
    chosen = _one_vacancy_per_shard(output, language, section)
    assert sorted(chosen) == [language, "shard-1", "shard-2", "shard-3"]
    for shard, path in chosen.items():
        title = _title(output, path)
        search_with_keyboard(page, base_url, search_page, title)
        found = _result_titles(page)
        assert found and found[0] == title, (shard, title, found[:3])
        # Titles repeat in the corpus: the page itself is among the results, whatever its shard.
        addresses = page.locator("#search-results li > a").evaluate_all("links => links.map(a => a.pathname)")
        assert f"/{path}/" in addresses, (shard, path, addresses)
