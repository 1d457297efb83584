"""Shared by test_accessibility.py and test_html_validity.py: the built sites, the checkers, a parser.

The checkers come from npm (`make test` installs them into tests/node_modules): axe-core for the
browser tests and the Nu Html Checker (vnu.jar, run with the system `java`). Without them, or without
Java, the tests that need them fail on CI and are skipped with a reason elsewhere (see missing_tools.py).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, SITES
from missing_tools import unavailable

TESTS = Path(__file__).resolve().parent
NODE_MODULES = TESTS / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = TESTS / "screenshots"
NPM_HINT = (
    "run `make test`, or `npm ci --prefix tests --no-audit --no-fund --ignore-scripts` in the repository"
)


def require_axe() -> Path:
    if not AXE_JS.is_file():
        unavailable(f"axe-core is not installed ({AXE_JS} is missing); {NPM_HINT}")
    return AXE_JS


def require_vnu() -> list[str]:
    """The command that starts the Nu Html Checker."""
    java = shutil.which("java")
    if java is None:
        unavailable(
            "the Nu Html Checker needs Java 11 or later; install it with `apt-get install default-jre`"
        )
    if not VNU_JAR.is_file():
        unavailable(f"the Nu Html Checker is not installed ({VNU_JAR} is missing); {NPM_HINT}")
    return [java, "-jar", str(VNU_JAR)]


# --- the sites under test -----------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltSite:
    """One built output folder and the address it is published at (base_url of its site.yaml)."""

    name: str
    root: Path
    base_url: str
    now: str

    def file(self, path: str) -> Path:
        """The file behind a site path: /en/vacancies/ -> en/vacancies/index.html."""
        relative = path.split("#")[0].split("?")[0].lstrip("/")
        target = self.root / relative
        return target / "index.html" if path.endswith("/") or target.is_dir() else target

    def path_of(self, file: Path) -> str:
        """The site path a visitor uses for a built file: en/vacancies/index.html -> /en/vacancies/."""
        relative = file.relative_to(self.root).as_posix()
        return "/" + relative.removesuffix("index.html")

    def html_paths(self) -> list[str]:
        return sorted(self.path_of(file) for file in self.root.rglob("*.html"))

    def document(self, path: str) -> Document:
        file = self.file(path)
        assert file.is_file(), f"{self.name}: {path} was not built ({file})"
        return Document(file.read_text("utf-8"))

    def resolve(self, url: str) -> Path | None:
        """The built file an address of this site leads to (absolute or site-relative), if any."""
        if url.startswith(self.base_url):
            url = "/" + url.removeprefix(self.base_url)
        if not url.startswith("/") or url.startswith("//"):
            return None
        file = self.file(url)
        return file if file.is_file() else None


# name: (content folder, --now). The fixture has 100002 and 100003 open (100003 English only) and
# 100001 closed; the shipped content has its internship offer INT-2021-LOCAL-001 open on 2020-04-01
# (and no vacancy yet), 241490 open (pending budget approval) on 2024-11-01, and nothing open on
# 2026-11-23 (241490, the twin-graded PDD-LOCAL-001 and the offer are in the archive).
SITE_SOURCES = {
    "basic": (SITES / "basic", "2024-11-01"),
    "shipped-2020": (CONTENT, "2020-04-01"),
    "shipped-2024": (CONTENT, "2024-11-01"),
    "shipped-2026": (CONTENT, "2026-11-23"),
}
_built: dict[str, BuiltSite] = {}


def built_site(name: str, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Build SITE_SOURCES[name] once per test run, whichever test file asks first."""
    if name not in _built:
        from generator.build import build
        from generator.common.clock import parse_now

        content, now = SITE_SOURCES[name]
        output = tmp_path_factory.mktemp(f"site-{name}") / "output"
        outcome = build(content, output, parse_now(now), strict=False)
        problems = "\n".join(problem.format() for problem in outcome.report)
        assert not outcome.failed(strict=False), f"{name} did not build as of {now}:\n{problems}"
        base_url = yaml.safe_load((content / "site.yaml").read_text("utf-8"))["base_url"]
        _built[name] = BuiltSite(name, output, base_url, now)
    return _built[name]


# --- reading a built page -----------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: dict[str, str]
    lang: str  # the language in effect: its own lang, else the nearest ancestor's
    in_switch: bool  # inside <nav class="language-switch">


class Document(HTMLParser):
    """What the head-metadata and lang checks look at in a built page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.links: list[dict[str, str]] = []  # <link> elements
        self.meta: dict[str, str] = {}  # property or name -> content
        self.json_ld: list[str] = []  # the text of each <script type="application/ld+json">
        self.h1: list[str] = []
        self.elements: list[Element] = []  # every element with a lang or hreflang attribute
        self.switches = 0  # <nav class="language-switch"> elements
        self.datetimes: dict[str, str] = {}  # the text of each <time> -> its datetime
        self._stack: list[tuple[str, str, bool]] = []  # (tag, lang, in_switch)
        self._capture: str | None = None  # "h1", "json-ld" or "time"
        self._buffer = ""
        self._time = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        parent_lang, parent_switch = self._stack[-1][1:] if self._stack else ("", False)
        lang = attributes.get("lang", parent_lang)
        in_switch = parent_switch or (
            tag == "nav" and "language-switch" in attributes.get("class", "").split()
        )
        if tag == "nav" and in_switch and not parent_switch:
            self.switches += 1
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag == "link":
            self.links.append(attributes)
        if tag == "meta" and "content" in attributes:
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta.setdefault(key, attributes["content"])
        if "lang" in attributes or "hreflang" in attributes:
            self.elements.append(Element(tag, attributes, lang, in_switch))
        if tag == "h1" or (tag == "script" and attributes.get("type") == "application/ld+json"):
            self._capture, self._buffer = ("h1" if tag == "h1" else "json-ld"), ""
        if tag == "time" and "datetime" in attributes and self._capture is None:
            self._capture, self._buffer, self._time = "time", "", attributes["datetime"]
        if tag not in VOID:
            self._stack.append((tag, lang, in_switch))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._capture == "h1" and tag == "h1":
            self.h1.append(" ".join(self._buffer.replace("\u00ad", "").split()))  # soft hyphens: invisible
            self._capture = None
        elif self._capture == "json-ld" and tag == "script":
            self.json_ld.append(self._buffer)
            self._capture = None
        elif self._capture == "time" and tag == "time":
            self.datetimes[" ".join(self._buffer.split())] = self._time
            self._capture = None
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer += data

    def link(self, rel: str, **attributes: str) -> list[dict[str, str]]:
        return [
            link
            for link in self.links
            if rel in link.get("rel", "").split() and all(link.get(k) == v for k, v in attributes.items())
        ]

    def canonical(self) -> str | None:
        found = self.link("canonical")
        return found[0].get("href") if len(found) == 1 else None

    def alternates(self) -> dict[str, str]:
        """hreflang -> href of the <link rel="alternate" hreflang> elements."""
        return {
            link["hreflang"]: link.get("href", "") for link in self.link("alternate") if "hreflang" in link
        }
