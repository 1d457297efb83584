"""HTML (a saved recruitment page, or what mammoth makes of a .docx) -> lines of text.

Blocks (paragraphs, headings, table rows) become lines separated by a blank line;
list items become "- item" (or "N. item" in a numbered list); cells of a row are
separated by a colon, so that a row "Grade | G17" reads like the text's "Grade: G17".
Scripts, styles and other invisible parts are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "ul", "ol", "dl", "dt", "dd",
    "pre", "address", "figure", "figcaption", "form", "fieldset", "body", "hr",
}  # fmt: skip
_HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._hidden = 0
        self._lists: list[list[int]] = []  # one counter per open list; -1 for a bulleted one

    def _flush(self, blank: bool = True) -> None:
        text = " ".join("".join(self._current).split())
        if re.fullmatch(r"-|\d+\.", text):  # a list item's mark, its words still to come
            self._current = [text, " "]
            return
        self._current = []
        if text:
            self.lines.append(text)
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._flush(blank=False)
            counter = self._lists[-1] if self._lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                self._current.append(f"{counter[0]}. ")
            else:
                self._current.append("- ")
        elif tag == "br":
            self._flush(blank=False)
        elif tag in ("td", "th"):
            so_far = "".join(self._current).strip()
            if so_far and not so_far.endswith(":"):
                self._current.append(": ")  # a label cell, then its value
            self._current.append(" ")
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "li" or tag == "tr":
            self._flush(blank=False)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)


def html_lines(text: str) -> list[str]:
    """The visible text of an HTML document, one block per line, blocks apart."""
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines
