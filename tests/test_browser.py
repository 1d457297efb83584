"""In a real browser: build the fixture site, serve it on loopback, and use it as a visitor would.

Needs Debian's Chromium at /usr/bin/chromium. Without it these tests fail on CI (CI=true or 1) and are
skipped elsewhere. Screenshots go to tests/screenshots/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import real_failure, serve
from conftest import SITES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

NOW = "2024-11-01"  # 100002 and 100003 open, 100001 closed
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SWITCH = "nav.language-switch"


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build
    from generator.common.clock import parse_now

    output = tmp_path_factory.mktemp("browser") / "output"
    outcome = build(SITES / "basic", output, parse_now(NOW), strict=False)
    problems = "\n".join(problem.format() for problem in outcome.report)
    assert not outcome.failed(strict=False), f"the fixture site did not build:\n{problems}"
    assert (output / "en" / "index.html").is_file()
    return output


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


class Visitor:
    """A browser tab on the served site; every page it opens must load without a failed request."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.failed: list[str] = []
        page.on("response", self._record)
        page.on(
            "requestfailed",
            lambda r: real_failure(r) and self.failed.append(f"{r.url} ({r.failure})"),
        )
        page.on("pageerror", lambda error: self.failed.append(f"script error: {error}"))

    def _record(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def path(self) -> str:
        """The current address without the server part."""
        return self.page.url.removeprefix(self.base_url)

    def open(self, path: str) -> Page:
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        self.assert_loaded_cleanly()
        return self.page

    def assert_loaded_cleanly(self) -> None:
        assert not self.failed, f"{self.path()}: " + "; ".join(self.failed)

    def lang(self) -> str:
        return str(self.page.eval_on_selector("html", "element => element.lang"))

    def h1(self) -> str:
        heading = self.page.locator("h1")
        assert heading.count() == 1, f"{self.path()}: {heading.count()} h1 elements"
        return " ".join(heading.inner_text().replace("\u00ad", "").split())  # soft hyphens: invisible

    def current_language(self) -> str:
        """The name the language switch shows as current (not a link)."""
        return self.page.locator(f"{SWITCH} [aria-current]").inner_text().strip()

    def switch_to(self, language: str, expected_path: str) -> None:
        """Click the switch link for LANGUAGE and wait until EXPECTED_PATH has loaded."""
        link = self.page.locator(f"{SWITCH} a[hreflang='{language}']")
        assert link.count() == 1, f"{self.path()}: {link.count()} switch links to {language}"
        link.click()
        self.page.wait_for_url(self.url(expected_path))
        self.page.wait_for_load_state("load")
        self.assert_loaded_cleanly()


@pytest.fixture
def visitor(browser: Browser, base_url: str) -> Iterator[Visitor]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    try:
        yield Visitor(context.new_page(), base_url)
    finally:
        context.close()


@pytest.fixture
def narrow_visitor(browser: Browser, base_url: str) -> Iterator[Visitor]:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        yield Visitor(context.new_page(), base_url)
    finally:
        context.close()


# --- 1-2: language switch round trips ---------------------------------------------------------

ROUND_TRIPS = [
    pytest.param(
        "/en/vacancies/100002/",
        "Winter Assistant",
        "/fr/postes-vacants/100002/",
        "Assistant(e) d’hiver",
        id="vacancy",
    ),
    pytest.param(
        "/en/grades-and-salaries/",
        "Grades and salaries",
        "/fr/grades-et-traitements/",
        "Grades et traitements",
        id="grades",
    ),
    pytest.param("/en/", "Jobs at Example", "/fr/", "Emplois chez Exemple", id="home"),
]


@pytest.mark.parametrize(("english", "english_h1", "french", "french_h1"), ROUND_TRIPS)
def test_language_switch_round_trip(
    visitor: Visitor, english: str, english_h1: str, french: str, french_h1: str
) -> None:
    visitor.open(english)
    assert visitor.lang() == "en"
    assert visitor.h1() == english_h1
    assert visitor.current_language() == "English"

    french_link = visitor.page.get_by_role("navigation", name="Language").get_by_role("link", name="Français")
    assert french_link.is_visible()
    french_link.click()
    visitor.page.wait_for_url(visitor.url(french))
    visitor.assert_loaded_cleanly()
    assert visitor.path() == french
    assert visitor.lang() == "fr"
    assert visitor.h1() == french_h1
    assert visitor.current_language() == "Français"

    visitor.switch_to("en", english)
    assert visitor.path() == english
    assert visitor.lang() == "en"
    assert visitor.h1() == english_h1


def test_language_chooser_leads_to_each_home(visitor: Visitor) -> None:
    for name, home, heading in (
        ("English", "/en/", "Jobs at Example"),
        ("Français", "/fr/", "Emplois chez Exemple"),
    ):
        visitor.open("/")
        visitor.page.get_by_role("link", name=name, exact=True).click()
        visitor.page.wait_for_url(visitor.url(home))
        assert visitor.lang() == home.strip("/")
        assert visitor.h1() == heading


# --- 3: a vacancy that exists in English only -------------------------------------------------


def test_english_only_vacancy_tells_french_visitors_and_leads_to_the_french_list(visitor: Visitor) -> None:
    page = visitor.open("/en/vacancies/100003/")
    assert visitor.h1() == "Analyst, English only"

    # The switch names only real translations: a page in one language has none.
    assert page.locator(SWITCH).count() == 0
    notice = page.locator(".notice-untranslated")
    assert notice.count() == 1
    assert notice.is_visible()
    assert "n’est pas publié en français" in notice.inner_text()
    assert notice.get_attribute("lang") == "fr"

    notice.get_by_role("link").click()
    page.wait_for_url(visitor.url("/fr/postes-vacants/"))
    visitor.assert_loaded_cleanly()
    assert visitor.lang() == "fr"
    assert visitor.h1() == "Postes vacants"


def test_french_vacancy_list_leaves_out_the_english_only_vacancy(visitor: Visitor) -> None:
    # The English list shows it, so its absence from the French one is not an accident of the fixture.
    english = visitor.open("/en/vacancies/")
    assert english.locator("main a[href*='/100003/']").count() >= 1
    assert "100003" in english.locator("main").inner_text()

    french = visitor.open("/fr/postes-vacants/")
    assert french.locator("main a[href*='/100002/']").count() >= 1
    assert french.locator("a[href*='/100003/']").count() == 0
    assert "100003" not in french.locator("main").inner_text()
    assert "Analyst, English only" not in french.locator("body").inner_text()


# --- 4: keyboard ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/en/vacancies/", "Skip to main content"),
        ("/en/vacancies/100002/", "Skip to main content"),
    ],
)
def test_first_tab_focuses_a_visible_skip_link_that_moves_to_main(
    visitor: Visitor, path: str, label: str
) -> None:
    page = visitor.open(path)
    page.keyboard.press("Tab")

    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute('href'),
                    className: el.className};
        }"""
    )
    assert focused == {"tag": "A", "text": label, "href": "#main", "className": "skip-link"}, focused

    skip = page.locator("a.skip-link")
    assert skip.is_visible()
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["width"] > 0 and box["height"] > 0
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= viewport["width"], (box, viewport)
    assert box["y"] + box["height"] <= viewport["height"], (box, viewport)

    page.keyboard.press("Enter")
    page.wait_for_url(visitor.url(path + "#main"))
    assert page.evaluate("() => location.hash") == "#main"
    assert page.locator("main#main").count() == 1

    # The next Tab starts from <main>: the header's links were skipped.
    page.keyboard.press("Tab")
    in_main = page.evaluate(
        "() => !!document.activeElement.closest('main') && document.activeElement !== document.body"
    )
    focused_now = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    assert in_main, f"after the skip link, Tab focused {focused_now}"


# --- 5: narrow screens ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/en/vacancies/100002/",
        "/fr/postes-vacants/100002/",
        "/en/grades-and-salaries/",
        "/fr/grades-et-traitements/",
    ],
)
def test_no_horizontal_scroll_at_320_px(narrow_visitor: Visitor, path: str) -> None:
    page = narrow_visitor.open(path)
    widths = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth,
                   client: document.documentElement.clientWidth,
                   body: document.body.scrollWidth})"""
    )
    if widths["scroll"] > 320:
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > 320.5)
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                           + ' right=' + Math.round(el.getBoundingClientRect().right))"""
        )
        pytest.fail(f"{path}: scrollWidth {widths['scroll']} > 320 at 320 px wide; widest: {culprits}")
    assert widths["body"] <= 320, widths


# --- 6: screenshots ---------------------------------------------------------------------------

SCREENSHOT_PAGES = {
    "home": {"en": "/en/", "fr": "/fr/"},
    "vacancies": {"en": "/en/vacancies/", "fr": "/fr/postes-vacants/"},
    "vacancy-100002": {"en": "/en/vacancies/100002/", "fr": "/fr/postes-vacants/100002/"},
    "grades": {"en": "/en/grades-and-salaries/", "fr": "/fr/grades-et-traitements/"},
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_full_page_screenshots(visitor: Visitor, language: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, paths in SCREENSHOT_PAGES.items():
        page = visitor.open(paths[language])
        assert visitor.lang() == language
        target = SCREENSHOTS / f"{language}-{name}.png"
        target.unlink(missing_ok=True)
        page.screenshot(path=str(target), full_page=True)
        assert target.is_file() and target.stat().st_size > 0, target
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", target
