"""The deadline countdown never says more time is left than is: one list of edges, held against
both the text the build writes (Python, for visitors without JavaScript) and the text
templates/static/site.js writes in the visitor's browser (run in Chromium), in both languages.

For each unit: one second less than the unit, the unit, one second more; and the cases that the
old rule (Babel's: the next unit from 0.85 of it, rounded) got wrong.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment
from test_i18n import _site

from generator.common.problems import Report
from generator.site.i18n import COUNTDOWN_UNITS, Formatter, load_translations, time_left
from generator.site.render import make_environment

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
SITE_JS = ROOT / "templates" / "static" / "site.js"
NOW = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)

SECOND, MINUTE, HOUR, DAY = (timedelta(seconds=n) for n in (1, 60, 3600, 86400))
WEEK, MONTH, YEAR = 7 * DAY, 30 * DAY, 365 * DAY

# Time left -> what each language says.
EDGES: list[tuple[timedelta, str, str]] = [
    (timedelta(milliseconds=500), "in 0 seconds", "dans 0 seconde"),
    (SECOND, "in 1 second", "dans 1 seconde"),
    (MINUTE - SECOND, "in 59 seconds", "dans 59 secondes"),
    (MINUTE, "in 1 minute", "dans 1 minute"),
    (MINUTE + SECOND, "in 1 minute", "dans 1 minute"),
    (HOUR - SECOND, "in 59 minutes", "dans 59 minutes"),
    (HOUR, "in 1 hour", "dans 1 heure"),
    (HOUR + SECOND, "in 1 hour", "dans 1 heure"),
    (21 * HOUR, "in 21 hours", "dans 21 heures"),
    (DAY - SECOND, "in 23 hours", "dans 23 heures"),
    (DAY, "in 1 day", "dans 1 jour"),
    (DAY + SECOND, "in 1 day", "dans 1 jour"),
    (6 * DAY, "in 6 days", "dans 6 jours"),
    (WEEK - SECOND, "in 6 days", "dans 6 jours"),
    (WEEK, "in 1 week", "dans 1 semaine"),
    (WEEK + SECOND, "in 1 week", "dans 1 semaine"),
    (11 * DAY, "in 1 week", "dans 1 semaine"),
    (26 * DAY, "in 3 weeks", "dans 3 semaines"),
    (MONTH - SECOND, "in 4 weeks", "dans 4 semaines"),
    (MONTH, "in 1 month", "dans 1 mois"),
    (MONTH + SECOND, "in 1 month", "dans 1 mois"),
    (YEAR - SECOND, "in 12 months", "dans 12 mois"),
    (YEAR, "in 1 year", "dans 1 an"),
    (YEAR + SECOND, "in 1 year", "dans 1 an"),
    (2 * YEAR + 300 * DAY, "in 2 years", "dans 2 ans"),
]
LANGUAGES = {"en": 1, "fr": 2}  # language -> column of EDGES


def _edges() -> list[Any]:
    return [
        pytest.param(language, edge[0], edge[column], id=f"{language}-{edge[0]}")
        for language, column in LANGUAGES.items()
        for edge in EDGES
    ]


# --- the build (Python) ---------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "left", "expected"), _edges())
def test_the_built_text_never_overstates(language: str, left: timedelta, expected: str) -> None:
    assert Formatter(_site(), language).relative(NOW + left, NOW) == expected


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3650)))
def test_the_count_is_whole_units_rounded_down(left: timedelta) -> None:
    count, unit, seconds = time_left(left)
    size = timedelta(seconds=seconds)
    assert count * size <= left < (count + 1) * size
    bigger = [timedelta(seconds=s) for _, s in COUNTDOWN_UNITS if s > seconds]
    assert all(left < unit_size for unit_size in bigger), (left, unit)
    assert count >= 1 or (unit == "second" and left < size)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_deadline_macro_writes_the_rounded_down_text(language: str) -> None:
    """The text a visitor without JavaScript reads, as the page template writes it."""
    templates = ROOT / "templates"
    translations = load_translations(templates / "locale", _site(), Report())
    environment: Environment = make_environment(templates, _site(), language, translations[language])
    rendered = environment.from_string(
        '{% from "partials/deadline.html" import deadline with context %}'
        "{{ deadline(moment, countdown=true) }}"
    ).render(moment=NOW + 6 * DAY + 23 * HOUR, now=NOW)
    countdown = re.search(r'<span class="countdown"[^>]*>([^<]*)</span>', rendered)
    assert countdown is not None, rendered
    assert (
        html.unescape(countdown.group(1))
        == {"en": "closes in 6 days", "fr": "clôture dans 6 jours"}[language]
    )


def test_python_and_the_script_count_with_the_same_units() -> None:
    script = SITE_JS.read_text("utf-8")
    table = re.search(r"var UNITS = (\[.*?\]);", script, re.DOTALL)
    assert table is not None, "site.js has no UNITS table"
    assert [tuple(unit) for unit in json.loads(table.group(1))] == list(COUNTDOWN_UNITS)


# --- the browser (static/site.js) ----------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>countdown</title>
<script src="site.js" defer></script></head>
<body>{spans}</body></html>
"""


def _span(index: int, deadline: datetime) -> str:
    moment = deadline.isoformat(timespec="milliseconds")
    return (
        f'<span class="countdown" id="c{index}" data-deadline="{moment}" data-closes="{{when}}" '
        'data-closed="closed">?</span>'
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A page per language with one countdown per edge, beside a copy of site.js: language -> URL."""
    folder = tmp_path_factory.mktemp("countdown")
    (folder / "site.js").write_bytes(SITE_JS.read_bytes())
    urls = {}
    for language in LANGUAGES:
        spans = "\n".join(_span(index, NOW + left) for index, (left, *_) in enumerate(EDGES))
        page = folder / f"{language}.html"
        page.write_text(PAGE.format(lang=language, spans=spans), "utf-8")
        urls[language] = page.as_uri()
    return urls


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def _texts(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(".countdown").all_inner_texts()]


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_script_never_overstates(tab: Page, pages: dict[str, str], language: str) -> None:
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.clock.set_fixed_time(NOW)
    tab.goto(pages[language])
    tab.wait_for_function("() => document.querySelector('.countdown').textContent !== '?'")
    expected = [edge[LANGUAGES[language]] for edge in EDGES]
    found = _texts(tab)
    assert len(found) == len(expected), found
    wrong = [
        f"{left} left: {text!r}, expected {want!r}"
        for (left, *_), text, want in zip(EDGES, found, expected, strict=True)
        if text != want
    ]
    assert not wrong, "\n".join(wrong)
    assert not errors, errors


@pytest.mark.browser
def test_the_script_changes_the_text_when_it_changes_not_a_minute_later(tab: Page, tmp_path: Path) -> None:
    """A tab left open: 61 seconds before the deadline it says "in 1 minute"; a second later, 59
    seconds are left and it says so then, not up to a minute later."""
    (tmp_path / "site.js").write_bytes(SITE_JS.read_bytes())
    page = tmp_path / "en.html"
    page.write_text(PAGE.format(lang="en", spans=_span(0, NOW + MINUTE + SECOND)), "utf-8")
    tab.clock.install(time=NOW)
    tab.goto(page.as_uri())
    assert _texts(tab) == ["in 1 minute"]
    tab.clock.run_for(1001)
    assert _texts(tab) == ["in 59 seconds"]
    tab.clock.run_for(58_000)  # 1.999 seconds left
    assert _texts(tab) == ["in 1 second"]
    tab.clock.run_for(1000)
    assert _texts(tab) == ["in 0 seconds"]
    tab.clock.run_for(999)  # the deadline
    assert _texts(tab) == ["closed"]
