"""Accessibility and standards of the built sites, in a real browser and in the built files.

Three builds: the fixture tests/sites/basic as of 2024-11-01 (100002 and 100003 open, 100003 in
English only, 100001 closed), and the shipped content as of 2024-11-01 (241490 open, pending budget
approval) and as of 2026-11-23 (nothing open: empty list, full archive). They are served on loopback
and opened in Debian's Chromium, where axe-core checks every kind of page against WCAG 2.1 A and AA,
and a keyboard walks the pages. Head metadata, lang attributes and JSON-LD are read from the built
files (every page, no browser needed).

Without Chromium, Playwright or axe-core (tests/node_modules, installed by `make test`) the browser
tests fail on CI (CI=true or 1) and are skipped elsewhere. Screenshots go to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pytest
from browser import real_failure, serve
from checkers import SCREENSHOTS, SITE_SOURCES, BuiltSite, Document, built_site, require_axe

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

browser_test = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""
BRUSSELS_WINTER = timezone(timedelta(hours=1))
BUILT_ON = datetime(2024, 11, 1, tzinfo=BRUSSELS_WINTER)  # --now of the builds with open vacancies
FIXTURE_VACANCIES = {"en": "/en/vacancies/", "fr": "/fr/postes-vacants/"}
OPEN_241490 = {"en": "/en/vacancies/241490/", "fr": "/fr/postes-vacants/241490/"}
# The shipped internship offer: open as of 2024-11-01, closed (in the archive) as of 2026-11-23.
OFFER = {"en": "/en/internships/INT-2021-LOCAL-001/", "fr": "/fr/stages/INT-2021-LOCAL-001/"}
ROOT_PAGES = {"/", "/404.html"}  # language-neutral: no header, switch or head metadata of their own


def language_404(path: str) -> bool:
    return re.fullmatch(r"/[a-z]{2}/404\.html", path) is not None


# --- sites, servers, browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltSite]:
    return {name: built_site(name, tmp_path_factory) for name in SITE_SOURCES}


@pytest.fixture(scope="module")
def servers(sites: dict[str, BuiltSite]) -> Iterator[dict[str, str]]:
    """Each built site served on 127.0.0.1: name -> base URL without the final slash."""
    running: dict[str, tuple[AbstractContextManager[str], str]] = {}
    try:
        for name, site in sites.items():
            server = serve(site.root)
            running[name] = (server, server.__enter__())
        yield {name: url for name, (_, url) in running.items()}
    finally:
        # Each server takes up to half a second to stop: stop them together.
        stopping = [
            threading.Thread(target=server.__exit__, args=(None, None, None))
            for server, _ in running.values()
        ]
        for thread in stopping:
            thread.start()
        for thread in stopping:
            thread.join()


class Tab:
    """A browser tab on the served sites; every page it opens must load without a failed request."""

    def __init__(self, context: BrowserContext, servers: dict[str, str]) -> None:
        self.context = context
        self.page = context.new_page()
        self.servers = servers
        self.problems: list[str] = []
        self.page.on("response", self._record)
        self.page.on(
            "requestfailed",
            lambda r: real_failure(r) and self.problems.append(f"{r.url} ({r.failure})"),
        )
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _record(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.url}: HTTP {response.status}")

    def url(self, site: str, path: str) -> str:
        return self.servers[site] + path

    def open(self, site: str, path: str) -> Page:
        self.problems.clear()
        response = self.page.goto(self.url(site, path))
        assert response is not None and response.status == 200, (
            f"{site}{path}: {response and response.status}"
        )
        self.assert_clean(f"{site}{path}")
        return self.page

    def assert_clean(self, where: str) -> None:
        assert not self.problems, f"{where}: " + "; ".join(self.problems)


@pytest.fixture
def new_tab(browser: Browser, servers: dict[str, str]) -> Iterator[Callable[..., Tab]]:
    """Opens tabs in fresh browser contexts (keyword arguments go to new_context); closes them after."""
    contexts: list[BrowserContext] = []

    def _new_tab(axe: bool = False, **options: Any) -> Tab:
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        contexts.append(context)
        if axe:
            context.add_init_script(path=str(require_axe()))
        return Tab(context, servers)

    yield _new_tab
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def shared_context(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """Module-wide tabs, one per set of context options, for the tests that need no clock of their own."""
    made: dict[str, Tab] = {}

    def _tab(servers: dict[str, str], axe: bool = False, **options: Any) -> Tab:
        options.setdefault("viewport", {"width": 1280, "height": 800})
        key = repr((axe, sorted(options.items())))
        if key not in made:
            context = browser.new_context(**options)
            # The visitor's clock reads the builds' --now, so the countdowns show what they did then.
            context.clock.set_fixed_time(BUILT_ON)
            if axe:
                context.add_init_script(path=str(require_axe()))
            made[key] = Tab(context, servers)
        return made[key]

    yield _tab
    for tab in made.values():
        tab.context.close()


@pytest.fixture
def tab(shared_context: Callable[..., Tab], servers: dict[str, str]) -> Tab:
    """A tab with JavaScript on, at 1280 × 800."""
    return shared_context(servers)


@pytest.fixture
def no_js_tab(shared_context: Callable[..., Tab], servers: dict[str, str]) -> Tab:
    return shared_context(servers, java_script_enabled=False)


@pytest.fixture
def axe_tab(shared_context: Callable[..., Tab], servers: dict[str, str]) -> Tab:
    """A tab that injects axe-core into every page it loads."""
    require_axe()
    return shared_context(servers, axe=True)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.is_file() and target.stat().st_size > 0, target


# --- 1: axe-core ----------------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict[str, Any]]:
    assert page.evaluate("() => typeof window.axe"), "axe-core was not injected"
    result = page.evaluate(AXE_RUN, AXE_TAGS)
    return list(result["violations"])


def describe_violations(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{where}: {len(violations)} axe-core violations of WCAG 2.1 A/AA"]
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in nodes[:3]
        )
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    targets: {targets}{more}")
        summary = " ".join(str(nodes[0].get("failureSummary", "")).split()) if nodes else ""
        if summary:
            lines.append(f"    first: {summary[:300]}")
        lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(where, violations)


def _pair(kind: str, site: str, english: str, french: str) -> list[Any]:
    return [
        pytest.param(site, english, id=f"{kind}-en"),
        pytest.param(site, french, id=f"{kind}-fr"),
    ]


AXE_PAGES = [
    pytest.param("shipped-2024", "/", id="root-chooser"),
    pytest.param("shipped-2024", "/404.html", id="root-404"),
    *_pair("home", "shipped-2024", "/en/", "/fr/"),
    *_pair("vacancies-open", "shipped-2024", "/en/vacancies/", "/fr/postes-vacants/"),
    *_pair("vacancies-empty", "shipped-2026", "/en/vacancies/", "/fr/postes-vacants/"),
    *_pair("vacancy-open", "shipped-2024", OPEN_241490["en"], OPEN_241490["fr"]),
    *_pair("vacancy-closed", "shipped-2026", "/en/vacancies/241490/", "/fr/postes-vacants/241490/"),
    *_pair("vacancy-twin-graded", "basic", "/en/vacancies/100002/", "/fr/postes-vacants/100002/"),
    pytest.param("basic", "/en/vacancies/100003/", id="vacancy-english-only-en"),
    *_pair("archive", "shipped-2026", "/en/archive/", "/fr/archives/"),
    *_pair("grades", "shipped-2024", "/en/grades-and-salaries/", "/fr/grades-et-traitements/"),
    *_pair(
        "content-page",
        "shipped-2024",
        "/en/careers-in-international-organisations/",
        "/fr/carrieres-dans-les-organisations-internationales/",
    ),
    *_pair("internships-open", "shipped-2020", "/en/internships/", "/fr/stages/"),
    *_pair("internships-none-open", "shipped-2026", "/en/internships/", "/fr/stages/"),
    *_pair("internship-offer-open", "shipped-2020", OFFER["en"], OFFER["fr"]),
    *_pair("internship-offer-closed", "shipped-2026", OFFER["en"], OFFER["fr"]),
    *_pair("accessibility-statement", "shipped-2024", "/en/accessibility/", "/fr/accessibilite/"),
    *_pair("search", "shipped-2024", "/en/search/", "/fr/recherche/"),
    *_pair("follow", "shipped-2020", "/en/follow/", "/fr/suivre/"),
    *_pair("language-404", "shipped-2024", "/en/404.html", "/fr/404.html"),
]


@browser_test
@pytest.mark.parametrize(("site", "path"), AXE_PAGES)
def test_axe_finds_no_wcag_violations(axe_tab: Tab, site: str, path: str) -> None:
    page = axe_tab.open(site, path)
    assert_no_axe_violations(page, f"{site}{path}")


@browser_test
@pytest.mark.parametrize("language", ["en", "fr"])
def test_axe_with_the_filters_in_use(axe_tab: Tab, language: str) -> None:
    path = FIXTURE_VACANCIES[language]
    page = axe_tab.open("basic", path)
    assert page.locator("#vacancy-filters").is_visible(), "site.js did not show the filter form"
    page.locator("#filter-grade").select_option("G15")
    page.locator("#filter-sort").select_option("-deadline")
    expect_status(page, {"en": "Vacancies shown: 1 of 2", "fr": "Postes affichés\u00a0: 1 sur 1"}[language])
    assert_no_axe_violations(page, f"basic{path}?grade=G15&sort=-deadline (filters in use)")
    axe_tab.assert_clean(page.url)
    screenshot(page, f"{language}-vacancies-filtered")


@browser_test
@pytest.mark.parametrize("language", ["en", "fr"])
def test_axe_on_the_vacancy_list_at_320_px(
    shared_context: Callable[..., Tab], servers: dict[str, str], language: str
) -> None:
    tab = shared_context(servers, axe=True, viewport={"width": 320, "height": 640})
    page = tab.open("basic", FIXTURE_VACANCIES[language])
    assert page.locator("#vacancy-filters").is_visible()
    assert_no_axe_violations(page, f"basic{FIXTURE_VACANCIES[language]} at 320 px")
    screenshot(page, f"{language}-vacancies-320px")


OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '');
    const boxes = [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 0.5)
        .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > width + 0.5))
        .map(el => describe(el) + ' right=' + Math.round(el.getBoundingClientRect().right));
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const right = Math.max(...[...range.getClientRects()].map(rect => rect.right));
        if (right > width + 0.5) {
            const text = JSON.stringify(node.textContent.trim().slice(0, 40));
            texts.push(describe(node.parentElement) + ' text ' + text + ' right=' + Math.round(right));
        }
    }
    return {scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
            culprits: [...new Set([...texts, ...boxes])].slice(0, 6)};
}"""
REFLOW_WIDTHS = (320, 640, 768, 1024)
REFLOW_PAGES = [
    *_pair("fixture-vacancies", "basic", FIXTURE_VACANCIES["en"], FIXTURE_VACANCIES["fr"]),
    *_pair("vacancies", "shipped-2024", "/en/vacancies/", "/fr/postes-vacants/"),
    *_pair("vacancy-241490", "shipped-2024", OPEN_241490["en"], OPEN_241490["fr"]),
    *_pair(
        "vacancy-twin-graded",
        "shipped-2026",
        "/en/vacancies/PDD-LOCAL-001/",
        "/fr/postes-vacants/PDD-LOCAL-001/",
    ),
    *_pair("archive", "shipped-2026", "/en/archive/", "/fr/archives/"),
    *_pair("internships", "shipped-2020", "/en/internships/", "/fr/stages/"),
    *_pair("internship-offer", "shipped-2020", OFFER["en"], OFFER["fr"]),
]


@browser_test
@pytest.mark.parametrize(("site", "path"), REFLOW_PAGES)
def test_no_horizontal_scrolling_from_320_px_up(
    shared_context: Callable[..., Tab], servers: dict[str, str], site: str, path: str
) -> None:
    """WCAG 1.4.10 Reflow (AA): nothing but the salary table may need scrolling sideways at 320 CSS
    px, and the filter form must fit the widths where it lays its fields side by side."""
    tab = shared_context(servers, viewport={"width": 320, "height": 640})
    page = tab.page
    page.set_viewport_size({"width": 320, "height": 640})
    tab.open(site, path)
    too_wide = []
    for width in REFLOW_WIDTHS:
        page.set_viewport_size({"width": width, "height": 640})
        found = page.evaluate(OVERFLOW)
        if found["scroll"] > found["client"]:
            too_wide.append(f"  at {width} px: {found['scroll']} px wide; {'; '.join(found['culprits'])}")
    assert not too_wide, f"{site}{path} scrolls sideways:\n" + "\n".join(too_wide)


# --- 2: keyboard only -----------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const region = el.closest('footer') ? 'footer' : el.closest('header') ? 'header'
        : el.closest('main') ? 'main' : 'body';
    return {
        index: Array.prototype.indexOf.call(document.getElementsByTagName('*'), el),
        tag: el.tagName.toLowerCase(),
        id: el.id,
        className: typeof el.className === 'string' ? el.className : '',
        href: el.getAttribute('href'),
        text: (el.innerText || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60),
        region: region,
        visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true})
            && rect.width > 0 && rect.height > 0,
        inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
        focusVisible: el.matches(':focus-visible'),
        outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0
            ? 'none' : style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
        boxShadow: style.boxShadow,
    };
}"""


def tab_through(page: Page, limit: int = 100) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves the document or comes round again."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["index"] == stops[0]["index"]):
            return stops
        stops.append(focused)
    pytest.fail(
        f"still inside the page after {limit} Tabs (a keyboard trap?): " + describe_stops(stops[-10:])
    )


def describe_stops(stops: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {n}. <{s['tag']}{' #' + s['id'] if s['id'] else ''}> {s['text']!r} {s['href'] or ''} "
        f"[{s['region']}; visible={s['visible']}, in view={s['inViewport']}, "
        f":focus-visible={s['focusVisible']}, outline={s['outline']}, box-shadow={s['boxShadow']}]"
        for n, s in enumerate(stops, 1)
    )


def assert_focus_always_visible(stops: list[dict[str, Any]], where: str) -> None:
    bad = [
        s
        for s in stops
        if not (s["visible"] and s["inViewport"] and s["focusVisible"])
        or (s["outline"] == "none" and s["boxShadow"] in ("none", ""))
    ]
    assert not bad, f"{where}: focused elements hidden or without a focus indicator:\n" + describe_stops(bad)


def assert_in_order(found: list[str], expected: list[str], what: str, stops: list[dict[str, Any]]) -> None:
    assert found == expected, (
        f"{what}: Tab reached {found}, expected {expected}; the stops:\n" + describe_stops(stops)
    )


def dom_hrefs(page: Page, selector: str) -> list[str]:
    return list(page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))"))


@browser_test
def test_keyboard_walk_through_the_vacancy_list(tab: Tab) -> None:
    page = tab.open("basic", "/en/vacancies/")
    stops = tab_through(page)
    where = "basic/en/vacancies/"
    assert stops, "Tab focused nothing"
    first = stops[0]
    assert (first["className"], first["href"], first["text"]) == (
        "skip-link",
        "#main",
        "Skip to main content",
    ), "the first Tab stop is not the skip link:\n" + describe_stops(stops[:3])
    assert_focus_always_visible(stops, where)

    regions = [s["region"] for s in stops]
    assert regions == sorted(regions, key=["body", "header", "main", "footer"].index), (
        "focus order does not follow header, main, footer:\n" + describe_stops(stops)
    )
    selects = [s["id"] for s in stops if s["tag"] == "select"]
    assert_in_order(
        selects, ["filter-grade", "filter-division", "filter-location", "filter-sort"], "filters", stops
    )

    vacancy_links = dom_hrefs(page, "#vacancy-list h2 a")
    assert vacancy_links == ["/en/vacancies/100002/", "/en/vacancies/100003/"], vacancy_links
    reached = [s["href"] for s in stops if s["region"] == "main" and s["href"] in vacancy_links]
    assert_in_order(reached, vacancy_links, "vacancy links", stops)

    # No trap: the walk runs to the footer's last link, then leaves the page.
    footer_links = dom_hrefs(page, "footer a[href]")
    assert footer_links, "the footer has no links"
    reached = [s["href"] for s in stops if s["region"] == "footer"]
    assert_in_order(reached, footer_links, "footer links", stops)
    assert stops[-1]["href"] == footer_links[-1], "Tab did not end on the last footer link"


@browser_test
def test_keyboard_walk_through_an_open_vacancy_reaches_apply(tab: Tab) -> None:
    page = tab.open("shipped-2024", OPEN_241490["en"])
    stops = tab_through(page)
    assert stops and stops[0]["className"] == "skip-link", describe_stops(stops[:3])
    assert_focus_always_visible(stops, f"shipped-2024{OPEN_241490['en']}")
    apply = dom_hrefs(page, "main .apply a")
    assert apply == ["https://www.nato.int/recruitment"] * 2, apply  # in the key facts, and at the end
    in_main = [s["href"] for s in stops if s["region"] == "main" and s["tag"] == "a"]
    assert in_main == dom_hrefs(page, "main a[href]"), (
        "not every link of the vacancy is reachable, in order:\n" + describe_stops(stops)
    )
    buttons = [s["text"] for s in stops if s["region"] == "main" and s["tag"] != "a"]
    assert buttons == ["Copy the link"], describe_stops(stops)
    apply_stop = next(s for s in stops if s["href"] == apply[0])
    assert apply_stop["text"] == "Apply online", apply_stop
    assert stops[-1]["href"] == dom_hrefs(page, "footer a[href]")[-1], describe_stops(stops[-3:])


@browser_test
def test_enter_on_a_focused_vacancy_link_opens_the_vacancy(tab: Tab) -> None:
    page = tab.open("basic", "/en/vacancies/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == "/en/vacancies/100002/":
            break
    else:
        pytest.fail("Tab never reached the link to vacancy 100002")
    page.keyboard.press("Enter")
    page.wait_for_url(tab.url("basic", "/en/vacancies/100002/"))
    page.wait_for_load_state("load")
    tab.assert_clean(page.url)
    assert page.locator("h1").inner_text() == "Winter Assistant"


# --- 3: filters -----------------------------------------------------------------------------------


def listed(page: Page) -> list[str]:
    """The references of the vacancies a sighted visitor sees, top to bottom."""
    return list(
        page.eval_on_selector_all(
            "#vacancy-list > li",
            "items => items.filter(li => li.checkVisibility())"
            ".map(li => li.querySelector('h2').id.replace(/^v-/, ''))",
        )
    )


def expect_status(page: Page, text: str | None) -> str:
    status = page.locator("#filter-status")
    assert status.get_attribute("role") == "status"
    if text is not None:
        page.wait_for_function(
            "text => document.getElementById('filter-status').textContent.trim() === text",
            arg=text,
            timeout=2000,
        )
    return status.inner_text().strip()


def focus_by_keyboard(page: Page, element_id: str) -> None:
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


@browser_test
def test_filter_by_grade_keeps_its_state_in_the_address(tab: Tab) -> None:
    page = tab.open("basic", "/en/vacancies/")
    assert page.locator("#vacancy-filters").is_visible()
    assert listed(page) == ["100002", "100003"]

    # Keyboard only: Tab to the grade, then the arrow key picks the first grade (Chromium on Linux
    # changes a closed select's value with the arrow keys). 100002 is G15-G16, 100003 is G16.
    focus_by_keyboard(page, "filter-grade")
    page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"\?grade=G15$"))
    assert listed(page) == ["100002"]
    assert expect_status(page, "Vacancies shown: 1 of 2") == "Vacancies shown: 1 of 2"
    assert page.evaluate("() => document.activeElement.id") == "filter-grade", "choosing moved the focus"

    page.reload()
    tab.assert_clean(page.url)
    assert page.url.endswith("/en/vacancies/?grade=G15")
    assert page.locator("#filter-grade").input_value() == "G15"
    assert listed(page) == ["100002"]
    assert expect_status(page, "Vacancies shown: 1 of 2") == "Vacancies shown: 1 of 2"

    page.locator("#filter-grade").select_option("G16")  # twin-graded G15-G16 counts as G16 too
    assert listed(page) == ["100002", "100003"]
    assert expect_status(page, "Vacancies shown: 2 of 2")
    page.locator("#filter-grade").select_option("")
    page.wait_for_url(tab.url("basic", "/en/vacancies/"))


@browser_test
def test_sort_by_latest_deadline_reverses_the_list(tab: Tab) -> None:
    page = tab.open("basic", "/en/vacancies/")
    assert listed(page) == ["100002", "100003"]  # soonest deadline first
    page.locator("#filter-sort").select_option("-deadline")
    page.wait_for_url(re.compile(r"\?sort=-deadline$"))
    assert listed(page) == ["100003", "100002"]
    assert expect_status(page, "Vacancies shown: 2 of 2")
    page.reload()
    assert page.locator("#filter-sort").input_value() == "-deadline"
    assert listed(page) == ["100003", "100002"]


@browser_test
def test_filters_announce_in_french(tab: Tab) -> None:
    page = tab.open("basic", "/fr/postes-vacants/")
    assert listed(page) == ["100002"]  # 100003 is in English only, and so are its filter options
    assert page.locator("#filter-division option").all_inner_texts() == [
        "Toutes les divisions",
        "Division Diplomatie publique",
    ]
    page.locator("#filter-grade").select_option("G16")
    page.wait_for_url(re.compile(r"\?grade=G16$"))
    assert listed(page) == ["100002"]
    assert expect_status(page, "Postes affichés\u00a0: 1 sur 1")


@browser_test
def test_without_javascript_no_filters_and_every_vacancy_listed(no_js_tab: Tab) -> None:
    tab = no_js_tab
    page = tab.open("basic", "/en/vacancies/?grade=G15&sort=-deadline")
    assert page.locator("#vacancy-filters").count() == 1
    assert not page.locator("#vacancy-filters").is_visible(), "the filter form shows without JavaScript"
    assert listed(page) == ["100002", "100003"]
    assert not page.locator("#filter-status").is_visible()


@browser_test
def test_filter_status_is_rendered_before_its_first_announcement(tab: Tab) -> None:
    """A live region must be in the accessibility tree before its text changes, or screen readers
    (NVDA and JAWS with Chrome, VoiceOver) may not announce the change: an element that goes from
    display: none to shown in the same moment as its text arrives counts as a new live region."""
    page = tab.open("basic", "/en/vacancies/")
    status = page.locator("#filter-status")
    before = status.evaluate("el => ({text: el.textContent, display: getComputedStyle(el).display})")
    assert before["text"] == "", before
    assert before["display"] != "none", (
        "#filter-status (role=status) is display: none while empty (style.css: `.filter-status:empty "
        "{ display: none; }`), so it is not in the accessibility tree when the first filter change fills it "
        "in and the first 'Vacancies shown: 1 of 2' may not be announced"
    )


# --- 4: countdown ---------------------------------------------------------------------------------

DEADLINE_241490 = datetime(2024, 11, 10, 23, 59, tzinfo=BRUSSELS_WINTER)
COUNTDOWN = {  # language: (as built on 2024-11-01, 2 days 12 hours before the deadline, after it)
    "en": ("closes in 1 week", "closes in 2 days", "closed"),
    "fr": ("clôture dans 1 semaine", "clôture dans 2 jours", "clôturé"),
}


def countdowns(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(".countdown").all_inner_texts()]


@browser_test
@pytest.mark.parametrize("language", ["en", "fr"])
def test_countdown_as_built(no_js_tab: Tab, language: str) -> None:
    tab = no_js_tab
    page = tab.open("shipped-2024", OPEN_241490[language])
    assert countdowns(page) == [COUNTDOWN[language][0]]
    # Next to the deadline in the facts, where the deadline's own <time> is.
    deadline = page.locator(".facts .countdown").locator("xpath=preceding-sibling::time")
    assert deadline.get_attribute("datetime") == DEADLINE_241490.isoformat()


@browser_test
@pytest.mark.parametrize("language", ["en", "fr"])
def test_countdown_follows_the_visitors_clock(new_tab: Callable[..., Tab], language: str) -> None:
    """A tab left open: at the build's moment the script agrees with the built text, a few days on
    it counts the days, and once the deadline passes its minute timer says closed."""
    built, soon, after = COUNTDOWN[language]
    tab = new_tab()
    page = tab.page
    page.clock.install(time=BUILT_ON)
    tab.open("shipped-2024", OPEN_241490[language])
    assert countdowns(page) == [built], "the script does not agree with the build at the build's time"

    page.clock.set_system_time(DEADLINE_241490 - timedelta(days=2, hours=12))
    page.clock.fast_forward(60_000)  # the script's minute timer fires (before fast_forward returns)
    assert countdowns(page) == [soon]

    page.clock.fast_forward(int(timedelta(days=3).total_seconds() * 1000))  # past the deadline
    assert countdowns(page) == [after]
    tab.assert_clean(page.url)

    # Reloaded after the deadline, the page says closed at once.
    tab.open("shipped-2024", OPEN_241490[language])
    assert countdowns(page) == [after]
    screenshot(page, f"{language}-vacancy-241490-after-deadline")


# --- 5: lang --------------------------------------------------------------------------------------


def language_of(path: str) -> str:
    """The language a page is in: its first path segment; the root pages are in the default, en."""
    return path.split("/")[1] if path not in ROOT_PAGES else "en"


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_every_page_declares_its_language(sites: dict[str, BuiltSite], name: str) -> None:
    site = sites[name]
    paths = site.html_paths()
    assert len(paths) > 15, paths
    wrong = [
        f"{path}: <html lang={doc.lang!r}>, expected {language_of(path)!r}"
        for path in paths
        if (doc := site.document(path)).lang != language_of(path)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_links_to_another_language_are_marked_with_it(sites: dict[str, BuiltSite], name: str) -> None:
    """Each hreflang link, and each entry of the language switch, is in the language it names, so a
    screen reader says "Français" with French speech; the current language is the page's own."""
    site = sites[name]
    problems = []
    for path in site.html_paths():
        doc = site.document(path)
        switch_languages = {e.attrs.get("hreflang") for e in doc.elements if e.in_switch}
        for element in doc.elements:
            label = f"{path}: <{element.tag} {' '.join(f'{k}={v!r}' for k, v in element.attrs.items())}>"
            hreflang = element.attrs.get("hreflang")
            own = element.attrs.get("lang")
            if element.tag == "a" and hreflang and element.lang != hreflang:
                problems.append(f"{label}: in language {element.lang!r}, not {hreflang!r}")
            if not element.in_switch:
                continue
            if element.tag == "a" and own != hreflang:
                problems.append(f"{label}: a language switch link needs lang={hreflang!r}")
            if element.attrs.get("aria-current") and own != doc.lang:
                problems.append(f"{label}: the current language should be lang={doc.lang!r}")
            if "switch-note" in element.attrs.get("class", "") and own not in switch_languages:
                problems.append(f"{label}: a note in a language no switch link leads to")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_the_language_switch_is_never_empty(sites: dict[str, BuiltSite], name: str) -> None:
    """A <nav aria-label="Language"> with no link in it is a landmark that screen readers list and
    announce with nothing inside; a page either has no language switch or one that leads somewhere."""
    site = sites[name]
    empty = []
    for path in site.html_paths():
        if path in ROOT_PAGES:
            continue
        doc = site.document(path)
        assert doc.switches <= 1, f"{path}: {doc.switches} language switches"
        links = [e for e in doc.elements if e.in_switch and e.tag == "a" and e.attrs.get("hreflang")]
        if doc.switches and not links:
            empty.append(path)
    assert not empty, f"{site.name}: empty <nav class=language-switch> on " + ", ".join(empty)


# --- 6: print -------------------------------------------------------------------------------------


PRINT_HIDDEN = (".skip-link", ".site-header", ".main-nav", ".language-switch", ".site-footer")
PRINT_SHOWN = ("h1", ".notice-pending", ".facts", ".vacancy .body")


@browser_test
def test_printing_a_vacancy_leaves_out_the_site_chrome(tab: Tab) -> None:
    page = tab.open("shipped-2024", OPEN_241490["en"])
    page.emulate_media(media="print")
    try:
        shown = {
            selector: page.locator(selector).first.is_visible() for selector in PRINT_HIDDEN + PRINT_SHOWN
        }
        assert not [s for s in PRINT_HIDDEN if shown[s]], f"printed: {shown}"
        assert all(shown[s] for s in PRINT_SHOWN), f"not printed: {shown}"
        screenshot(page, "en-vacancy-241490-print")
    finally:
        page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()


# --- 7: JSON-LD -----------------------------------------------------------------------------------


def job_posting(site: BuiltSite, path: str) -> tuple[dict[str, Any], Document]:
    doc = site.document(path)
    assert len(doc.json_ld) == 1, f"{site.name}{path}: {len(doc.json_ld)} JSON-LD blocks"
    data = json.loads(doc.json_ld[0])
    assert isinstance(data, dict), data
    return data, doc


def employment_types(posting: dict[str, Any]) -> list[str]:
    """schema.org allows one type or a list of them."""
    value = posting.get("employmentType")
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_open_vacancy_has_a_job_posting(sites: dict[str, BuiltSite], language: str) -> None:
    site = sites["shipped-2024"]
    posting, doc = job_posting(site, OPEN_241490[language])
    assert posting["@context"] in ("https://schema.org", "https://schema.org/", "http://schema.org")
    assert posting["@type"] == "JobPosting"
    assert doc.h1 == [posting["title"]]
    assert posting["identifier"]["value"] == "241490"
    assert posting["datePosted"] == "2024-10-14"
    assert posting["datePosted"] in doc.datetimes.values(), (
        "datePosted is not the publication day the page shows"
    )
    assert posting["validThrough"] == "2024-11-10T23:59:00+01:00"
    assert posting["validThrough"] in doc.datetimes.values(), (
        "validThrough is not the deadline the page shows"
    )
    assert employment_types(posting) == ["FULL_TIME"]
    organisation = {"en": "NATO International Staff", "fr": "Secrétariat international de l’OTAN"}[language]
    assert posting["hiringOrganization"]["name"] == organisation
    assert posting["jobLocation"]["address"]["addressCountry"] == "BE"
    salary = posting["baseSalary"]
    assert salary["currency"] == "EUR"
    assert salary["value"]["unitText"] == "MONTH"
    assert salary["value"]["value"] == 7540.44
    assert posting["inLanguage"] == doc.lang == language
    assert posting["url"] == doc.canonical()
    assert posting["description"].strip(), "no description"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_open_internship_offer_has_an_intern_job_posting(sites: dict[str, BuiltSite], language: str) -> None:
    posting, doc = job_posting(sites["shipped-2020"], OFFER[language])
    assert posting["@type"] == "JobPosting"
    assert doc.h1 == [posting["title"]]
    assert posting["identifier"]["value"] == "INT-2021-LOCAL-001"
    assert posting["employmentType"] == "INTERN"
    assert "baseSalary" not in posting, "the shipped offer gives no allowance"
    assert "jobStartDate" not in posting, "the call gives no start month"
    assert posting["validThrough"] == "2020-04-27T23:59:00+02:00"
    assert posting["validThrough"] in doc.datetimes.values()
    assert posting["inLanguage"] == doc.lang == language
    assert posting["url"] == doc.canonical()


@pytest.mark.parametrize(
    ("path", "reference", "deadline"),
    [
        ("/en/vacancies/100002/", "100002", "2024-12-01T12:00:00+01:00"),
        ("/fr/postes-vacants/100002/", "100002", "2024-12-01T12:00:00+01:00"),
        ("/en/vacancies/100003/", "100003", "2025-01-31T17:00:00+01:00"),
    ],
)
def test_fixture_job_postings_match_their_pages(
    sites: dict[str, BuiltSite], path: str, reference: str, deadline: str
) -> None:
    posting, doc = job_posting(sites["basic"], path)
    assert posting["@type"] == "JobPosting"
    assert doc.h1 == [posting["title"]]
    assert posting["identifier"]["value"] == reference
    assert posting["validThrough"] == deadline
    assert deadline in doc.datetimes.values()
    assert posting["inLanguage"] == doc.lang
    assert posting["jobLocation"]["address"]["addressCountry"] == "BE"
    assert "baseSalary" not in posting, "no salary is published for these grades"
    expected = {"100002": ["PART_TIME"], "100003": ["FULL_TIME", "TEMPORARY"]}[reference]
    assert employment_types(posting) == expected


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("shipped-2026", "/en/vacancies/241490/"),
        ("shipped-2026", "/fr/postes-vacants/241490/"),
        ("shipped-2026", "/en/vacancies/PDD-LOCAL-001/"),
        ("shipped-2026", OFFER["en"]),
        ("shipped-2026", OFFER["fr"]),
        ("basic", "/en/vacancies/100001/"),
        ("basic", "/fr/postes-vacants/100001/"),
    ],
)
def test_closed_vacancy_has_no_job_posting(sites: dict[str, BuiltSite], name: str, path: str) -> None:
    doc = sites[name].document(path)
    assert doc.h1, f"{name}{path} has no h1"
    assert doc.json_ld == [], f"{name}{path} (closed) still offers a JobPosting to search engines"


# --- 8: head metadata -----------------------------------------------------------------------------


def check_head(site: BuiltSite, path: str, doc: Document) -> list[str]:
    problems = []
    own = site.base_url + path.lstrip("/")
    canonical = doc.canonical()
    if canonical != own:
        problems.append(f"canonical {canonical!r}, expected {own!r}")
    for key in ("og:title", "og:description", "og:url", "og:locale", "description"):
        if not doc.meta.get(key, "").strip():
            problems.append(f"no {key}")
    if doc.meta.get("og:url") != own:
        problems.append(f"og:url {doc.meta.get('og:url')!r} is not the canonical address")
    if not re.fullmatch(rf"{doc.lang}_[A-Z]{{2}}", doc.meta.get("og:locale", "")):
        problems.append(f"og:locale {doc.meta.get('og:locale')!r} does not match lang={doc.lang!r}")
    alternates = doc.alternates()
    if alternates.get(doc.lang) != own:
        problems.append(f"the alternates {alternates} do not list this page as {doc.lang}")
    if alternates.get("x-default") != site.base_url:
        problems.append(f"x-default {alternates.get('x-default')!r}, expected the chooser {site.base_url}")
    for language, href in alternates.items():
        if not href.startswith(site.base_url):
            problems.append(f"alternate {language} {href!r} is not an absolute address on {site.base_url}")
            continue
        target = site.resolve(href)
        if target is None:
            problems.append(f"alternate {language} {href} was not built")
        elif language != "x-default":
            other = site.document(site.path_of(target))
            if other.lang != language:
                problems.append(f"alternate {language} {href} is in lang={other.lang!r}")
            if other.alternates().get(doc.lang) != own:
                problems.append(
                    f"alternate {language} {href} does not list this page back: {other.alternates()}"
                )
    for kind in ("application/atom+xml", "application/feed+json"):
        feeds = doc.link("alternate", type=kind)
        if len(feeds) != 1:
            problems.append(f"{len(feeds)} <link rel=alternate type={kind}>")
        elif site.resolve(feeds[0].get("href", "")) is None:
            problems.append(f"the {kind} feed {feeds[0].get('href')} was not built")
    return problems


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_head_metadata_of_every_page(sites: dict[str, BuiltSite], name: str) -> None:
    """Canonical, Open Graph, reciprocal hreflang alternates with an x-default, and the feeds.

    The root chooser and root 404 are language-neutral (their own test below); the language 404
    pages are served at any missing address, so they rightly claim no canonical address.
    """
    site = sites[name]
    checked = 0
    problems = []
    for path in site.html_paths():
        if path in ROOT_PAGES or language_404(path):
            continue
        problems += [f"{path}: {problem}" for problem in check_head(site, path, site.document(path))]
        checked += 1
    assert checked > 10, f"only {checked} pages checked"
    assert not problems, f"{site.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_feeds_behind_the_head_links_parse(sites: dict[str, BuiltSite], name: str) -> None:
    site = sites[name]
    for language in ("en", "fr"):
        doc = site.document(f"/{language}/")
        atom = site.resolve(doc.link("alternate", type="application/atom+xml")[0]["href"])
        feed = site.resolve(doc.link("alternate", type="application/feed+json")[0]["href"])
        assert atom is not None and feed is not None
        assert ET.parse(atom).getroot().tag == "{http://www.w3.org/2005/Atom}feed"
        assert json.loads(feed.read_text("utf-8"))["version"].startswith("https://jsonfeed.org/version/1")


def test_root_chooser_is_the_x_default_and_lists_each_home(sites: dict[str, BuiltSite]) -> None:
    site = sites["shipped-2024"]
    chooser = site.document("/")
    assert chooser.canonical() == site.base_url
    homes = {language: site.base_url + f"{language}/" for language in ("en", "fr")}
    assert {k: v for k, v in chooser.alternates().items() if k != "x-default"} == homes
    for language, home in homes.items():
        assert site.document(f"/{language}/").alternates().get("x-default") == site.base_url, home


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { total += entry.value; } }
  }).observe({type: "layout-shift", buffered: true});
  // Two frames after load: site.js has run (deferred) and any shift it caused is recorded.
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 300)));
})"""


@browser_test
@pytest.mark.parametrize("path", ["/en/vacancies/", "/fr/postes-vacants/"])
def test_the_vacancy_list_does_not_move_when_its_script_runs(new_tab: Callable[..., Tab], path: str) -> None:
    """On a phone, the list is where it will stay before site.js has run (the filter form is there
    from the start, not revealed by the script), and the cumulative layout shift stays near 0."""
    phone: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    site_js = re.compile(r"/static/site\.[0-9a-f]+\.js$")
    before_script = new_tab(**phone)
    before_script.page.route(site_js, lambda route: route.fulfill(content_type="text/javascript", body=""))
    box = before_script.open("basic", path).locator("#vacancy-list").bounding_box()
    assert box is not None

    tab = new_tab(**phone)

    def late(route: Route) -> None:  # as on a slow phone: the page is painted before the script runs
        time.sleep(0.5)
        route.continue_()

    tab.page.route(site_js, late)
    page = tab.open("basic", path)
    page.wait_for_load_state("load")
    assert page.locator("#vacancy-filters").is_visible()
    after = page.locator("#vacancy-list").bounding_box()
    assert after is not None and after["y"] == box["y"], "the list moved when site.js ran"
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift <= 0.01, f"{path}: cumulative layout shift {shift:.3f}"
