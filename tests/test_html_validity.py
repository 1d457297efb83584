"""Standards: every built HTML page and stylesheet passes the Nu Html Checker; sitemap and robots.txt parse.

The checker (vnu.jar, from npm into tests/node_modules) runs once, in one JVM, over all the built
sites: --skip-non-html checks the .html files, --also-check-css the .css files as CSS (the same
checker as --css, without a second JVM start, which costs as much as the whole HTML run). Without
Java or vnu.jar these tests fail on CI (CI=true or 1) and are skipped elsewhere; the sitemap and robots.txt
checks need neither.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from checkers import SITE_SOURCES, BuiltSite, built_site, require_vnu

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
VNU_TIMEOUT = 180  # seconds; one run over the three sites takes 3 to 15 s
# Quicker for one short run: no optimising compiler, a single-threaded collector. The HTML schema
# needs a thread stack of at least 512 KB.
JVM_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

# A page the checker must find fault with, in its HTML and in its CSS: proves it really ran over the
# files it was given, CSS included.
CANARY = (
    "<!DOCTYPE html>\n<html lang=en><head><title>canary</title><style>p { colr: red }</style></head>"
    "<body><p><li>stray</body></html>\n"
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltSite]:
    return {name: built_site(name, tmp_path_factory) for name in SITE_SOURCES}


@dataclass(frozen=True)
class VnuRun:
    """The checker's messages, with each file named as a reader of the report knows it."""

    messages: list[dict[str, Any]]
    html: dict[str, str]  # checked file -> name for the report ("shipped-2024: en/index.html")
    css: dict[str, str]  # the sites' own stylesheets (static/*.css)
    canary: str
    stderr: str

    def errors(self, files: dict[str, str]) -> list[str]:
        return [
            _describe(files[_file_of(message)], message)
            for message in self.messages
            if message.get("type") in ("error", "non-document-error") and _file_of(message) in files
        ]

    def canary_messages(self) -> list[str]:
        return [str(m.get("message")) for m in self.messages if _file_of(m) == self.canary]


def _file_of(message: dict[str, Any]) -> str:
    url = str(message.get("url", ""))
    return unquote(urlsplit(url).path) if url.startswith("file:") else url


def _describe(name: str, message: dict[str, Any]) -> str:
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    extract = " ".join(str(message.get("extract", "")).split())[:120]
    return f"{name}:{line}:{column}: {message.get('message')}" + (f"\n    {extract}" if extract else "")


@pytest.fixture(scope="module")
def vnu(sites: dict[str, BuiltSite], tmp_path_factory: pytest.TempPathFactory) -> VnuRun:
    """One checker run over the built sites (HTML and CSS) and a broken canary page."""
    java, *jar = require_vnu()
    html = {
        str(file): f"{site.name}: {file.relative_to(site.root).as_posix()}"
        for site in sites.values()
        for file in sorted(site.root.rglob("*.html"))
    }
    css = {
        str(file): f"{site.name}: {file.relative_to(site.root).as_posix()}"
        for site in sites.values()
        for file in sorted(site.root.glob("static/*.css"))
    }
    canary = tmp_path_factory.mktemp("vnu-canary") / "canary.html"
    canary.write_text(CANARY, "utf-8")
    arguments = ["--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]
    arguments += ["--also-check-css", "--skip-non-html", *(str(site.root) for site in sites.values())]
    try:
        result = subprocess.run(
            [java, *JVM_OPTIONS, *jar, *arguments, str(canary)],
            capture_output=True,
            text=True,
            timeout=VNU_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the Nu Html Checker did not finish within {VNU_TIMEOUT} s")
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError) as error:
        pytest.fail(
            f"the Nu Html Checker gave no JSON report ({error}):\n{result.stdout[:2000]}\n{result.stderr}"
        )
    return VnuRun(messages, html, css, str(canary), result.stderr)


def test_the_checker_ran_over_every_page(vnu: VnuRun) -> None:
    canary = vnu.canary_messages()
    assert canary, f"the checker found nothing wrong in a broken page: it did not run\n{vnu.stderr}"
    assert any(m.startswith("CSS:") for m in canary), f"the checker did not check CSS: {canary}"
    assert len(vnu.html) > 50, f"only {len(vnu.html)} HTML files were built"
    assert len(vnu.css) >= len(SITE_SOURCES), f"stylesheets: {sorted(vnu.css.values())}"


# Every kind of page must be among the checked files (the shipped content, as of 2020, 2024 and 2026).
PAGE_TYPES = {
    "internships page with an open offer": "shipped-2020: en/internships/index.html",
    "internships page with none open": "shipped-2026: fr/stages/index.html",
    "open internship offer": "shipped-2020: fr/stages/INT-2021-LOCAL-001/index.html",
    "closed internship offer": "shipped-2026: en/internships/INT-2021-LOCAL-001/index.html",
    "archive with an internship offer": "shipped-2026: en/archive/index.html",
    "open vacancy": "shipped-2024: en/vacancies/241490/index.html",
    "vacancy list": "shipped-2024: fr/postes-vacants/index.html",
    "follow page": "shipped-2020: fr/suivre/index.html",
}


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_the_checker_covers_every_page_type(vnu: VnuRun, kind: str) -> None:
    assert PAGE_TYPES[kind] in vnu.html.values(), f"{kind}: {PAGE_TYPES[kind]} was not checked"


def test_every_built_page_is_valid_html(vnu: VnuRun) -> None:
    errors = vnu.errors(vnu.html)
    assert not errors, f"{len(errors)} HTML errors in the built sites:\n" + "\n".join(errors)


def test_stylesheets_are_valid_css(vnu: VnuRun) -> None:
    """The site's own stylesheets; Pagefind's (pagefind/*.css) are its own business."""
    errors = vnu.errors(vnu.css)
    assert not errors, f"{len(errors)} CSS errors in the sites' stylesheets:\n" + "\n".join(errors)


# --- sitemap.xml and robots.txt ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_sitemap_lists_built_pages_with_their_alternates(sites: dict[str, BuiltSite], name: str) -> None:
    site = sites[name]
    tree = ET.parse(site.root / "sitemap.xml")  # raises on a document that is not well-formed
    root = tree.getroot()
    assert root.tag == f"{{{SITEMAP_NS}}}urlset", root.tag
    entries = root.findall(f"{{{SITEMAP_NS}}}url")
    assert entries, "the sitemap lists no page"
    problems = []
    locations = []
    for entry in entries:
        loc = (entry.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        locations.append(loc)
        if not loc.startswith(site.base_url):
            problems.append(f"<loc> {loc!r} is not an absolute address under {site.base_url}")
        elif site.resolve(loc) is None:
            problems.append(f"<loc> {loc} was not built")
        alternates = {
            link.get("hreflang"): link.get("href", "")
            for link in entry.findall(f"{{{XHTML_NS}}}link")
            if link.get("rel") == "alternate"
        }
        if loc not in alternates.values():
            problems.append(f"{loc}: its alternates {alternates} do not include itself")
        for language, href in alternates.items():
            if not href.startswith(site.base_url) or site.resolve(href) is None:
                problems.append(f"{loc}: alternate {language} {href} is not a built page of this site")
    assert len(set(locations)) == len(locations), "a page is listed twice"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", list(SITE_SOURCES))
def test_robots_txt_points_to_the_sitemap(sites: dict[str, BuiltSite], name: str) -> None:
    site = sites[name]
    lines = [line.strip() for line in (site.root / "robots.txt").read_text("utf-8").splitlines()]
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]
    assert sitemaps == [site.base_url + "sitemap.xml"], lines
    assert any(line.lower().startswith("user-agent:") for line in lines), lines
    assert "Disallow: /" not in lines, "robots.txt shuts search engines out of the whole site"
