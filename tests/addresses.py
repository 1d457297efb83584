"""Every address in a built file that a browser or a feed reader would follow or load.

Used by the bad-tree corpus and the property tests: no built file may hold a
`javascript:`, `vbscript:` or `data:` address. Attributes are read with
html.parser (which decodes entities, as a browser does); the address is then
cleaned as a browser cleans a scheme (tabs, newlines and other control
characters or spaces removed, case ignored). Attributes that only hold text for
people (alt, title, aria-label, a meta description) are not addresses: an
editor may write `javascript:` in a title, and it is shown as text.
"""

from __future__ import annotations

import contextlib
import json
import re
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt

EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "data:")
# Attributes that hold words for people, never an address.
TEXT_ATTRIBUTES = frozenset(
    {"alt", "title", "placeholder", "lang", "hreflang", "class", "id", "datetime", "type", "rel", "name"}
)
# <meta> whose content is an address; every other meta content is text.
ADDRESS_METAS = re.compile(r"(?:^|:)(?:url|image|video|audio)(?::|$)|^refresh$", re.IGNORECASE)
# Elements of Atom and the sitemap whose text is an address.
ADDRESS_ELEMENTS = frozenset({"id", "uri", "loc", "icon", "logo"})
# Keys of JSON Feed, vacancies.json and schema.org data whose value is an address.
ADDRESS_KEYS = re.compile(
    r"(?:url|^id$|^image$|^icon$|^favicon$|^logo$|^href$|^link$|^sameas$)", re.IGNORECASE
)
_HIDDEN = re.compile(r"[\x00-\x20\x7f]")


def executable(address: str) -> bool:
    """Would a browser run or inline this address? Errs on the safe side: every control
    character and space is dropped, wherever it is, and every data: address counts."""
    return _HIDDEN.sub("", address).lower().startswith(EXECUTABLE_SCHEMES)


_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):(.*)", re.DOTALL)


def runs_script(address: str) -> bool:
    """Does a browser run a script for this address, exactly? As the URL Standard reads it:
    leading and trailing control characters and spaces stripped, tabs and newlines removed
    anywhere, the scheme's case ignored; then javascript:, vbscript:, or data: text/html."""
    cleaned = re.sub("[\t\n\r]", "", address.strip(_C0_OR_SPACE))
    match = _SCHEME.fullmatch(cleaned)
    if match is None:
        return False
    scheme, rest = match.group(1).lower(), match.group(2)
    media_type = re.split("[;,]", rest, maxsplit=1)[0].strip().lower()
    return scheme in ("javascript", "vbscript") or (scheme == "data" and media_type == "text/html")


def unchecked_addresses(markdown: str) -> list[str]:
    """The addresses of the links and images of a Markdown text as they would be published if
    none were refused: CommonMark's own parser, with its validateLink (which refuses
    javascript: and the like) switched off."""
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return [
        str(child.attrs.get("href", child.attrs.get("src", "")))
        for token in parser.parse(markdown)
        for child in token.children or ()
        if child.type in ("link_open", "image")
    ]


def runs_script_unchecked(markdown: str) -> bool:
    """Would a link or an image of this Markdown text run a script, were it not refused?"""
    return any(map(runs_script, unchecked_addresses(markdown)))


class _Markup(HTMLParser):
    """The addresses of one HTML or XML text, including HTML escaped inside it (Atom content)
    and JSON inside <script> (schema.org data)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self._open: list[str] = []
        self._html_content = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name == "content" and tag == "meta":
                kind = values.get("property") or values.get("name") or values.get("http-equiv") or ""
                if ADDRESS_METAS.search(kind):
                    refresh = kind.lower() == "refresh"
                    self.addresses.append(
                        re.split("url=", value, maxsplit=1, flags=re.IGNORECASE)[-1] if refresh else value
                    )
            elif name not in TEXT_ATTRIBUTES and not name.startswith("aria-") and name != "content":
                self.addresses.append(value)
        self._open.append(tag)
        self._html_content = tag in ("content", "summary", "title", "subtitle") and values.get("type") in (
            "html",
            "xhtml",
        )

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        self._html_content = False

    def handle_data(self, data: str) -> None:
        tag = self._open[-1] if self._open else ""
        if tag in ADDRESS_ELEMENTS:
            self.addresses.append(data.strip())
        elif self._html_content:
            self.addresses.extend(addresses_in_markup(data))
        elif tag == "script" and data.strip().startswith(("{", "[")):
            with contextlib.suppress(ValueError):  # a script, not data
                self.addresses.extend(addresses_in_json(json.loads(data)))


def addresses_in_markup(text: str) -> list[str]:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser.addresses


def addresses_in_json(value: Any, key: str = "") -> list[str]:
    """Addresses in parsed JSON: values of address keys, and those in the HTML of `*html` keys
    (JSON Feed's content_html); other strings are text (a summary that says `<iframe ...>`)."""
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in addresses_in_json(v, str(k))]
    if isinstance(value, list):
        return [found for item in value for found in addresses_in_json(item, key)]
    if not isinstance(value, str):
        return []
    found = [value] if ADDRESS_KEYS.search(key) else []
    return found + (addresses_in_markup(value) if "html" in key.lower() else [])


def addresses_in_calendar(text: str) -> list[str]:
    """URL properties of an iCalendar file (folded lines unfolded)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return [line.split(":", 1)[1] for line in unfolded.splitlines() if re.match(r"URL[;:]", line)]


def addresses_in_file(name: str, data: bytes) -> list[str]:
    """The addresses of one built file, by its kind; [] for a kind that holds none."""
    text = data.decode("utf-8", errors="replace")
    if name.endswith((".html", ".xml", ".atom", ".svg")):
        return addresses_in_markup(text)
    if name.endswith(".json"):
        return addresses_in_json(json.loads(text))
    if name.endswith(".ics"):
        return addresses_in_calendar(text)
    return []


def executable_addresses(name: str, data: bytes) -> list[str]:
    return [address for address in addresses_in_file(name, data) if executable(address)]
