"""`python -m generator links OUTPUT`: every address a built page uses leads to a built file.

Reads the HTML of a built site (nothing else) and follows each `href`, `src`, `srcset`,
`action` and `poster` that stays on the site: relative, site-absolute (`/en/...`) or
absolute under the site's address. The address is `site` in the output's
vacancies.json, or `--base-url`. A link to `PAGE#ID` also needs an element with that id.
Links to other sites are not fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from ..common.addresses import address_typo, is_absolute_url
from ..common.problems import UsageError

URL_ATTRIBUTES = {"href", "src", "action", "poster"}


class HtmlLinks(HTMLParser):
    """The addresses one page uses, and the ids it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.urls.append(value.strip())
            elif name in ("srcset", "imagesrcset"):
                self.urls += [part.split()[0] for part in value.split(",") if part.split()]
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the built file, relative to the output folder
    url: str  # as written in the page
    reason: str

    def format(self, output: Path) -> str:
        return f"{output / self.page}: {self.url}: {self.reason}"


def site_address(output: Path, base_url: str | None = None) -> str:
    """The address the site is published at, ending with `/`: an absolute http(s) address."""
    given = base_url is not None
    if base_url is None:
        try:
            base_url = str(json.loads((output / "vacancies.json").read_text("utf-8"))["site"])
        except (OSError, ValueError, KeyError, TypeError):
            raise UsageError(
                f"{output}/vacancies.json does not say the site's address; pass --base-url"
            ) from None
    if not is_absolute_url(base_url) or "?" in base_url or "#" in base_url:
        where = "--base-url" if given else f"{output}/vacancies.json's site"
        reason = address_typo(base_url) or "write it like https://careers.example.org/"
        raise UsageError(f"{where}: {base_url!r} is not the site's address; {reason}")
    return base_url if base_url.endswith("/") else base_url + "/"


def check_links(output: Path, base_url: str | None = None) -> tuple[int, list[BrokenLink]]:
    """How many links the pages use, and those that lead nowhere."""
    if not output.is_dir():
        raise UsageError(f"{output} is not a folder (build the site first)")
    base = site_address(output, base_url)
    pages = {path.relative_to(output).as_posix(): _read(path) for path in sorted(output.rglob("*.html"))}
    count = 0
    broken = []
    for page, links in pages.items():
        here = urljoin(base, page.removesuffix("index.html"))
        for url in links.urls:
            count += 1
            reason = _problem(output, base, here, url, pages)
            if reason:
                broken.append(BrokenLink(page, url, reason))
    return count, broken


def _read(path: Path) -> HtmlLinks:
    links = HtmlLinks()
    links.feed(path.read_text("utf-8", errors="replace"))
    links.close()
    return links


def _problem(output: Path, base: str, here: str, url: str, pages: dict[str, HtmlLinks]) -> str:
    """Why `url`, used on the page at address `here`, leads nowhere ("" when it leads somewhere)."""
    if not url:
        return "the address is empty"
    if typo := address_typo(url):
        return f"the address is not valid: {typo}"
    # `url` splits, and so do `here` and `base` (site_address): neither join nor split raises.
    absolute, fragment = urldefrag(urljoin(here, url))
    parts, site = urlsplit(absolute), urlsplit(base)
    if not absolute.startswith(base):
        if parts.scheme in ("http", "https", "") and parts.netloc == site.netloc:
            return f"leads outside the site's address {base}"
        return ""  # another site, mailto:, tel:
    relative = unquote(parts.path[len(site.path) :])
    target = built_file(output, relative)
    if target is None:
        return "no such file in the built site"
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"{target} has no element with id {fragment!r}"
    return ""


def built_file(output: Path, relative: str) -> str | None:
    """The built file a path inside the site leads to, as a path relative to `output`."""
    parts = PurePosixPath(relative).parts
    if ".." in parts or relative.startswith("/"):
        return None
    candidate = PurePosixPath(*parts) if parts else PurePosixPath(".")
    path = output / candidate
    if relative.endswith("/") or not parts or path.is_dir():
        candidate, path = candidate / "index.html", path / "index.html"
    return candidate.as_posix() if path.is_file() else None


def report_lines(output: Path, count: int, broken: list[BrokenLink]) -> Iterator[str]:
    yield from (link.format(output) for link in broken)
    pages = len({link.page for link in broken})
    if broken:
        yield f"Links: {len(broken)} of {count} lead nowhere, on {pages} page{'s' * (pages != 1)}."
    else:
        yield f"Links: all {count} links of {output}/ lead to built files."
