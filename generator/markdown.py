"""The one configured Markdown renderer: CommonMark + tables, raw HTML off, safe links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

SUMMARY_LENGTH = 200
_ALLOWED_SCHEMES = ("http", "https", "mailto")
_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class BodyProblem:
    line: int  # 1-based, within the body
    message: str
    hint: str = ""
    warning: bool = False  # shown, but the page is still built


@dataclass(frozen=True)
class RenderedBody:
    html: str
    first_paragraph: str
    problems: tuple[BodyProblem, ...] = field(default=())


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        # Accept every link while parsing, so that a refused one is reported with
        # its line (markdown-it would otherwise turn it into text without a word).
        return True


_PARSER = _Parser("commonmark", {"html": False, "typographer": False}).enable("table")


def is_safe_link(url: str) -> bool:
    """http(s), mailto, or a relative address; never javascript:, data: and the like."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in _ALLOWED_SCHEMES or (scheme == "" and not cleaned.startswith("//"))


def render_body(text: str) -> RenderedBody:
    tokens = _PARSER.parse(text)
    problems = list(_check(tokens))
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return RenderedBody(html, _first_paragraph(tokens), tuple(problems))


def _check(tokens: list[Token]) -> list[BodyProblem]:
    problems = []
    line = 1
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        if token.type == "heading_open" and token.tag == "h1":
            problems.append(
                BodyProblem(
                    line,
                    "a heading with a single # is not allowed in the body",
                    "the title is the page's only top heading; start body headings at ##",
                )
            )
        child_line = line
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                child_line += 1
            if child.type == "text" and (tag := _RAW_HTML.search(child.content)):
                problems.append(
                    BodyProblem(
                        child_line,
                        f"raw HTML is not rendered: {tag.group(0)} is shown as typed",
                        "use Markdown instead: **bold**, *italic*, [a link](https://example.org)",
                        warning=True,
                    )
                )
            attr = {"link_open": "href", "image": "src"}.get(child.type)
            url = str(child.attrs.get(attr, "")) if attr else ""
            if attr and not is_safe_link(url):
                problems.append(
                    BodyProblem(
                        child_line,
                        f"the link {url!r} is not allowed",
                        "links may be https://, http://, mailto: or a relative address",
                    )
                )
    return problems


def _first_paragraph(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and index + 1 < len(tokens):
            return plain_text(tokens[index + 1])
    return ""


def plain_text(inline: Token) -> str:
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """At most `limit` characters, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
