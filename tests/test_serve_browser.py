"""In a real browser: the live preview (`python -m generator serve`) as an editor uses it.

Serves a copy of tests/sites/basic, opens a vacancy in Chromium, then edits the copy and waits for
livereload to reload the tab by itself: a good save shows the new text, a broken save lays the
problems over the last good page, fixing it takes them away.

Needs Debian's Chromium at /usr/bin/chromium. Without it these tests fail on CI (CI=true or 1) and are
skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import require_browser
from preview_server import PreviewProcess, fetch

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

NOW = "2024-11-01"  # 100002 is open
VACANCY = "/en/vacancies/100002/"
RELOAD_TIMEOUT = 10.0  # seconds from a save to the tab showing it
CONNECT_TIMEOUT = 5.0  # seconds from a tab's load to livereload counting it among the tabs to reload

BROKEN_DEADLINE = 'deadline: "next Friday"'
PROBLEM = re.compile(r'vacancy\.yaml:\d+: deadline: "next Friday" is not a date-time')


# --- the preview server -------------------------------------------------------------------------


def save(path: Path, text: str) -> None:
    """Write TEXT with an mtime later than the file's previous one (the watcher sees it either way)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    stamp = max(time.time_ns(), before + 1_000_000_000)
    os.utime(path, ns=(stamp, stamp))


Preview = PreviewProcess


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    require_browser()  # before starting anything: no server when the browser is missing
    server = Preview(tmp_path, NOW)
    try:
        server.wait_until_up(VACANCY)
        yield server
    finally:
        server.stop()


# --- the tab ------------------------------------------------------------------------------------


class LiveTab:
    """A browser tab on the preview. It never reloads itself: only livereload may reload it."""

    def __init__(self, page: Page, preview: Preview) -> None:
        self.page = page
        self.preview = preview
        self.loads = 0
        self.loads_at_save = 0
        self.errors: list[str] = []
        page.on("load", lambda _: self._loaded())
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))

    def _loaded(self) -> None:
        self.loads += 1

    def open(self, path: str) -> None:
        response = self.page.goto(self.preview.url(path))
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        assert not self.errors, "; ".join(self.errors)

    def h1(self) -> str:
        return " ".join(self.page.locator("h1").inner_text().split())

    def wait_for_livereload(self) -> None:
        """Wait until this document's livereload client has shaken hands with the server."""
        self.page.wait_for_function(
            "() => { const live = window.LiveReload;"
            " return !!(live && live.connector && live.connector.protocol); }",
            timeout=5000,
        )

    def wait_until_counted(self) -> None:
        """Wait until the server has counted this document among the tabs to reload: livereload
        logs `Browser Connected: URL` once per document (after the client's `info` message), so
        the log names this URL once for each load of the tab."""
        line = f"Browser Connected: {self.page.url}"
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while self.preview.output_text().count(line) < self.loads:
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the server logged {line!r} fewer than {self.loads} times {CONNECT_TIMEOUT:.0f} s after "
                    f"the tab's last load\n{self.preview.describe()}"
                )
            self.page.wait_for_timeout(20)  # not time.sleep: load events must keep arriving

    def before_save(self) -> None:
        """Connected (in the page and on the server), then marked (a reload wipes the mark)."""
        self.wait_for_livereload()
        self.wait_until_counted()
        self.page.evaluate("() => { window.__beforeSave = true; }")
        self.loads_at_save = self.loads

    def assert_reloaded_by_itself(self) -> None:
        deadline = time.monotonic() + 5
        while self.loads == self.loads_at_save and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)  # what the test waited for may come before the load event
        assert self.loads > self.loads_at_save, "the page changed without a load event"
        assert self.page.evaluate("() => window.__beforeSave === undefined"), "the document was not reloaded"
        assert not self.errors, "; ".join(self.errors)

    def wait_for_h1(self, expected: str, what: str, timeout: float = RELOAD_TIMEOUT) -> None:
        """Wait until livereload has reloaded the tab and the h1 reads EXPECTED; explain it if not."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(
                "expected => { const h = document.querySelector('h1');"
                " return !!h && h.textContent.trim().split(/\\s+/).join(' ') === expected; }",
                arg=expected,
                timeout=timeout * 1000,
            )
        except PlaywrightTimeout:
            status, body = fetch(self.preview.url(VACANCY))
            served = "served" if f">{expected}<" in body else "NOT served"
            pytest.fail(
                f"{what}: the tab's h1 is still {self.h1()!r} {timeout:.0f} s later, not {expected!r} "
                f"(loads since the save: {self.loads - self.loads_at_save}). Over plain HTTP the new page "
                f"is {served} (HTTP {status}), so "
                + (
                    "the server rebuilt but livereload never told the tab to reload"
                    if served == "served"
                    else "the server did not rebuild"
                )
                + f".\n{self.preview.describe()}"
            )


@contextmanager
def desktop_page(browser: Browser) -> Iterator[Page]:
    """A page in a browser context of its own, closed with it."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def tab(browser: Browser, preview: Preview) -> Iterator[LiveTab]:
    with desktop_page(browser) as page:
        yield LiveTab(page, preview)


# --- tests --------------------------------------------------------------------------------------


def test_saves_reload_the_tab_and_problems_show_over_the_last_good_site(
    tab: LiveTab, preview: Preview
) -> None:
    from playwright.sync_api import expect

    folder = preview.content / "vacancies" / "100002"
    english, details = folder / "en.md", folder / "vacancy.yaml"
    good_details = details.read_text(encoding="utf-8")
    assert re.search(r"^deadline: ", good_details, re.MULTILINE), "the fixture has no deadline line"

    tab.open(VACANCY)
    assert tab.h1() == "Winter Assistant"
    assert tab.page.locator("#preview-problems").count() == 0

    # A good save: the tab reloads by itself and shows the new title.
    tab.before_save()
    text = english.read_text(encoding="utf-8")
    assert "title: Winter Assistant" in text
    save(english, text.replace("title: Winter Assistant", "title: Winter Coordinator"))
    tab.wait_for_h1("Winter Coordinator", "after saving a new title")
    tab.assert_reloaded_by_itself()

    # A broken save: the problems appear over the last good page, in the same tab.
    tab.before_save()
    save(details, re.sub(r"^deadline: .*$", BROKEN_DEADLINE, good_details, count=1, flags=re.MULTILINE))
    overlay = tab.page.locator("#preview-problems")
    try:
        expect(overlay).to_be_visible(timeout=RELOAD_TIMEOUT * 1000)
    except AssertionError as error:
        status, body = fetch(preview.url(VACANCY))
        served = 'id="preview-problems"' in body
        pytest.fail(
            f"after breaking vacancy.yaml the tab shows no #preview-problems within {RELOAD_TIMEOUT:.0f} s "
            f"(over plain HTTP the overlay is {'served' if served else 'NOT served'}, HTTP {status}): "
            f"{error}\n{preview.describe()}"
        )
    tab.assert_reloaded_by_itself()
    assert overlay.get_attribute("role") == "alert"
    problems = overlay.inner_text()
    assert "vacancy.yaml:" in problems, problems
    assert 'deadline: "next Friday" is not a date-time' in problems, problems
    assert PROBLEM.search(problems), f"not `file:line: message`: {problems}"
    assert tab.h1() == "Winter Coordinator", "the page under the problems is not the last good build"

    # Every other page carries the problems too.
    other = tab.page.context.new_page()
    try:
        response = other.goto(preview.url("/fr/postes-vacants/"))
        assert response is not None and response.status == 200
        assert " ".join(other.locator("h1").inner_text().split()) == "Postes vacants"
        other_overlay = other.locator("#preview-problems")
        expect(other_overlay).to_be_visible()
        assert PROBLEM.search(other_overlay.inner_text()), other_overlay.inner_text()
    finally:
        other.close()

    # The fix: the problems go away by themselves.
    tab.before_save()
    save(details, good_details)
    try:
        expect(overlay).to_have_count(0, timeout=RELOAD_TIMEOUT * 1000)
    except AssertionError as error:
        status, body = fetch(preview.url(VACANCY))
        served = 'id="preview-problems"' in body
        pytest.fail(
            f"after fixing vacancy.yaml the tab still shows #preview-problems {RELOAD_TIMEOUT:.0f} s later "
            f"(over plain HTTP the overlay is {'still' if served else 'no longer'} served, HTTP {status}): "
            f"{error}\n{preview.describe()}"
        )
    tab.assert_reloaded_by_itself()
    assert tab.h1() == "Winter Coordinator"
    assert 'id="preview-problems"' not in fetch(preview.url("/fr/postes-vacants/"))[1]

    # A missing page under /fr/ answers 404 with the French not-found page.
    missing = tab.page.context.new_page()
    try:
        response = missing.goto(preview.url("/fr/cette-page-n-existe-pas/"))
        assert response is not None and response.status == 404, response and response.status
        assert missing.locator("html").get_attribute("lang") == "fr"
        assert " ".join(missing.locator("h1").inner_text().split()) == "Page introuvable"
        assert missing.locator("#preview-problems").count() == 0
    finally:
        missing.close()


def test_a_quick_second_save_also_reloads_the_tab(tab: LiveTab, preview: Preview) -> None:
    """An editor who saves, sees a typo and saves again a second later must see the second save."""
    english = preview.content / "vacancies" / "100002" / "en.md"
    text = english.read_text(encoding="utf-8")

    tab.open(VACANCY)
    assert tab.h1() == "Winter Assistant"

    tab.before_save()
    save(english, text.replace("title: Winter Assistant", "title: Winter Cordinator"))
    tab.wait_for_h1("Winter Cordinator", "after the first save")

    tab.before_save()  # right after the reload, as soon as livereload is connected again
    save(english, text.replace("title: Winter Assistant", "title: Winter Coordinator"))
    # The reload is pushed as soon as the save is checked (no polling, no throttle): 6 s is plenty.
    tab.wait_for_h1("Winter Coordinator", "after a second save right after the first reload", 6)
    tab.assert_reloaded_by_itself()


def test_a_name_that_is_not_utf8_shows_over_the_tab_and_the_save_after_its_removal_too(
    tab: LiveTab, preview: Preview
) -> None:
    """Such a name (as old zip archives write them) stops inotify: the tab says so by itself, and
    once the folder is gone, the next save reloads it as any save."""
    from playwright.sync_api import expect

    english = preview.content / "vacancies" / "100002" / "en.md"
    text = english.read_text(encoding="utf-8")
    tab.open(VACANCY)

    tab.before_save()
    bad = os.path.join(os.fsencode(preview.content), b"vacancies", b"caf\xe9")
    os.mkdir(bad)
    overlay = tab.page.locator("#preview-problems")
    expect(overlay).to_be_visible(timeout=RELOAD_TIMEOUT * 1000)
    tab.assert_reloaded_by_itself()
    assert "vacancies/caf\\xe9: this name is not UTF-8 text" in overlay.inner_text(), overlay.inner_text()
    assert tab.h1() == "Winter Assistant"

    tab.before_save()
    shutil.rmtree(bad)
    expect(overlay).to_have_count(0, timeout=RELOAD_TIMEOUT * 1000)
    tab.assert_reloaded_by_itself()

    tab.before_save()
    save(english, text.replace("title: Winter Assistant", "title: Winter Coordinator"))
    tab.wait_for_h1("Winter Coordinator", "after a save once the folder is gone")
    tab.assert_reloaded_by_itself()


# The search page of each language, and vacancy 100002's page in it.
SEARCH = {
    "en": ("/en/search/", "/en/vacancies/100002/"),
    "fr": ("/fr/recherche/", "/fr/postes-vacants/100002/"),
}
INDEX_TIMEOUT = 30.0  # seconds from a save to the preview's search index having it (5 s on a large site)


class SearchTab:
    """A visitor's tab on the preview that only the test navigates: livereload's script is not
    loaded, so no save can reload the tab while the test opens another page in it."""

    def __init__(self, page: Page, preview: Preview) -> None:
        self.page = page
        self.preview = preview
        self.errors: list[str] = []
        page.route("**/livereload.js*", lambda route: route.abort())
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))

    def results(self, path: str) -> list[str]:
        """Open PATH (a search page with ?q=), wait for the search to speak, and return the paths
        of the results."""
        response = self.page.goto(self.preview.url(path))
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        self.page.wait_for_function(
            "() => document.getElementById('search-status').textContent.trim() !== ''", timeout=10_000
        )
        assert not self.errors, "; ".join(self.errors)
        assert self.page.evaluate("() => window.LiveReload === undefined"), "livereload runs in the tab"
        return list(
            self.page.locator("#search-results li > a").evaluate_all("links => links.map(a => a.pathname)")
        )


@pytest.fixture
def search_tab(browser: Browser, preview: Preview) -> Iterator[SearchTab]:
    with desktop_page(browser) as page:
        yield SearchTab(page, preview)


def test_search_in_the_preview_finds_a_word_just_saved_in_either_language(
    search_tab: SearchTab, preview: Preview
) -> None:
    """The preview's search index is the output folder's, which a background build brings up to
    date after a save: a word saved into a vacancy's text is soon found, in its own language."""
    words = {"en": "Quetzalcoatlus", "fr": "ornithorynques"}
    for language, word in words.items():
        search_page, _ = SEARCH[language]
        assert search_tab.results(f"{search_page}?q={word}") == [], f"{word} is found before it is saved"
    for language, word in words.items():
        text_file = preview.content / "vacancies" / "100002" / f"{language}.md"
        save(text_file, text_file.read_text(encoding="utf-8") + f"\nA line about {word}.\n")
    for language, word in words.items():
        search_page, vacancy = SEARCH[language]
        deadline = time.monotonic() + INDEX_TIMEOUT
        while (found := search_tab.results(f"{search_page}?q={word}")) != [vacancy]:
            assert time.monotonic() < deadline, (
                f"{language}: {word} not found {INDEX_TIMEOUT:.0f} s after the save (results: {found})\n"
                + preview.describe()
            )
            search_tab.page.wait_for_timeout(250)
    # The other language's word is not in this language's index.
    assert search_tab.results(f"{SEARCH['en'][0]}?q={words['fr']}") == []
