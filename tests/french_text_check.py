"""Reads a built French page as a careful French editor would look at its punctuation: in its
text (and in the attributes a visitor reads or a script shows), a `:` has a no-break space
before it, `; ! ?` a narrow no-break space, and « » narrow no-break spaces inside; never an
ordinary space, never none. Code, scripts, addresses and times (23:59) are not prose."""

from __future__ import annotations

import re
from html.parser import HTMLParser

NBSP, NARROW_NBSP = "\u00a0", "\u202f"
# Elements whose text is not prose; their text counts as one opaque character for its neighbours.
NOT_PROSE = {"code", "pre", "kbd", "samp", "script", "style"}
BLOCKS = {
    "p", "li", "ul", "ol", "dl", "dt", "dd", "div", "section", "article", "nav", "header", "footer",
    "main", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "caption", "title",
    "form", "label", "option", "select", "button", "blockquote", "figure", "figcaption", "br", "head",
}  # fmt: skip
# Attributes a visitor reads (or a script puts on the page): checked like text.
READ_ATTRIBUTES = {
    "title", "aria-label", "alt", "placeholder", "data-closes", "data-closed", "data-closed-text",
    "data-none", "data-some", "data-failed", "data-status",
}  # fmt: skip
READ_META = {"description", "og:title", "og:description", "og:site_name"}
OPAQUE = "\ufffc"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bmailto:|\bwww\.)\S+", re.IGNORECASE)
_TIME = re.compile(r"\d:\d")
_WRONG = [
    (re.compile(r"[ \t\r\n]+[;!?]"), "an ordinary space before ; ! ? (a narrow no-break one is wanted)"),
    (re.compile(r"[ \t\r\n]+:"), "an ordinary space before : (a no-break one is wanted)"),
    (re.compile(rf"[^\s{NBSP}{NARROW_NBSP};:!?…({OPAQUE}][;!?]"), "no space before ; ! ?"),
    (re.compile(rf"[^\s{NBSP}{NARROW_NBSP};:!?…({OPAQUE}]:"), "no space before :"),
    (re.compile(rf"«(?!{NARROW_NBSP}|{NBSP})"), "no narrow no-break space after «"),
    (re.compile(rf"(?<!{NARROW_NBSP}|{NBSP})»"), "no narrow no-break space before »"),
]


def typography_problems(text: str) -> list[str]:
    """Each wrong space of a run of French prose, with a few characters of context."""
    text = _URL.sub(OPAQUE, text)
    problems = []
    for pattern, what in _WRONG:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if what.startswith("no space before :") and _TIME.match(text, max(0, end - 2)):
                continue
            context = text[max(0, start - 25) : end + 15].replace("\n", " ")
            problems.append(f"{what}: {context!r}")
    return problems


class FrenchProse(HTMLParser):
    """The French prose of a page: runs of text, joined across inline elements, and the read
    attributes. Text inside an element of another language (lang="en") is left out."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self._run: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, in French?, inside code or a script?)
        self.feed(html)
        self.close()
        self._end_run()

    def _state(self) -> tuple[bool, bool]:
        return self._stack[-1][1:] if self._stack else (True, False)

    def _end_run(self) -> None:
        if "".join(self._run).strip():
            self.runs.append("".join(self._run))
        self._run = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        french, raw = self._state()
        if "lang" in attributes:
            french = attributes["lang"].lower().startswith("fr")
        if tag in BLOCKS:
            self._end_run()
        if french:
            self.runs.extend(attributes[name] for name in sorted(READ_ATTRIBUTES & attributes.keys()))
            if tag == "meta" and (attributes.get("name") or attributes.get("property")) in READ_META:
                self.runs.append(attributes.get("content", ""))
        if tag in NOT_PROSE and not raw:
            self._run.append(OPAQUE)
        if tag not in VOID:
            self._stack.append((tag, french, raw or tag in NOT_PROSE))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break
        if tag in BLOCKS:
            self._end_run()

    def handle_data(self, data: str) -> None:
        french, raw = self._state()
        if french and not raw:
            self._run.append(data)


def page_problems(html: str) -> list[str]:
    """The typography problems of a French page's prose."""
    return [problem for run in FrenchProse(html).runs for problem in typography_problems(run)]
