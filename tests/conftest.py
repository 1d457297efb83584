"""Shared helpers: build a site into a temp folder and read it as a visitor would."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import missing_tools
import property_settings
import pytest
from property_settings import pytest_configure  # noqa: F401  (a hook: every property test's seed)

ROOT = Path(__file__).resolve().parent.parent


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """After the run: the seed the property tests drew their examples from, and each reason
    tests were skipped for."""
    terminalreporter.write_line(property_settings.seed_line(config))
    missing_tools.pytest_terminal_summary(terminalreporter, exitstatus, config)


SITES = Path(__file__).resolve().parent / "sites"
CONTENT = ROOT / "content"


# The cache of builds run from the repository that name none: the test session's own, never the
# repository's .cache (which `make site` and an editor's builds use).
_SESSION_CACHE = Path(tempfile.mkdtemp(prefix="generator-tests-cache-"))
atexit.register(shutil.rmtree, _SESSION_CACHE, True)


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` as an editor or CI would run it. A build or preview run from
    the repository without a cache option uses the test session's cache."""
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full_env.update(env or {})
    if cwd == ROOT and args[:1] in (("build",), ("serve",)) and not {"--cache-dir", "--no-cache"} & set(args):
        args = (*args, "--cache-dir", str(_SESSION_CACHE))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = html
        self.lang = ""
        self.links: list[dict[str, str]] = []  # every <a> and <link> with its attributes
        self.h1: list[str] = []
        self.text_parts: list[str] = []
        self._in_h1 = False
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag in ("a", "link"):
            self.links.append({"tag": tag, **attributes})
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        if tag in ("script", "style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if tag in ("script", "style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        data = data.replace("\u00ad", "")  # soft hyphens (in headings) show only where a line breaks
        if self._in_h1:
            self.h1[-1] += data
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        # Only ASCII white space is folded: no-break spaces are part of formatted figures.
        return re.sub(r"[ \t\r\n]+", " ", " ".join(self.text_parts)).strip()

    def hrefs(self) -> list[str]:
        return [link["href"] for link in self.links if link["tag"] == "a" and "href" in link]

    def alternates(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link["tag"] == "link" and link.get("rel") == "alternate" and "hreflang" in link
        }

    def switch(self) -> dict[str, str]:
        """The language switch: language -> href (the current language is not a link)."""
        return {
            link["hreflang"]: link["href"] for link in self.links if link["tag"] == "a" and "hreflang" in link
        }


class Site:
    """A built output folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, url: str) -> Path:
        relative = url.split("#")[0].lstrip("/")
        target = self.root / relative
        return target / "index.html" if url.endswith("/") or target.is_dir() else target

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def page(self, url: str) -> Page:
        return Page(self.path(url).read_text("utf-8"))

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def copy_site(name: str, destination: Path) -> Path:
    source = CONTENT if name == "shipped" else SITES / name
    target = destination / f"content-{name}"
    shutil.copytree(source, target)
    return target


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., tuple[subprocess.CompletedProcess[str], Site]]:
    """Build a content folder with the command line; returns the run and the output."""

    def _build(
        content: Path, *args: str, output: Path | None = None
    ) -> tuple[subprocess.CompletedProcess[str], Site]:
        output = output or tmp_path / "output"
        result = run_cli("build", "--content", str(content), "--output", str(output), *args)
        return result, Site(output)

    return _build


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test module (see browser.py)."""
    from browser import launch_options, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**launch_options())
        try:
            yield chromium
        finally:
            chromium.close()
