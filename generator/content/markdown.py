"""The one configured Markdown renderer: CommonMark + tables, raw HTML off, safe links."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..common.addresses import address_typo

SUMMARY_LENGTH = 200
_ALLOWED_SCHEMES = ("http", "https", "mailto")
# A scheme as urlsplit and browsers read one: a letter, then letters, digits, + - or ., then a colon.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")


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
    scheme = match.group(1).lower() if (match := _SCHEME.match(cleaned)) else ""
    return scheme in _ALLOWED_SCHEMES or (scheme == "" and not cleaned.startswith("//"))


def render_body(text: str) -> RenderedBody:
    """HTML, first paragraph and problems of a body; the Rust fast path when it gives the same."""
    fast = None if _reference_only(text) else _render_fast(text)
    return fast if fast is not None else render_reference(text)


def render_path(text: str) -> str:
    """Which renderer `render_body` uses for TEXT: "fast" (markdown-it-pyrs) or "reference"
    (markdown-it-py). For the tests that compare the two; renders the body to find out."""
    if _reference_only(text):
        return "reference"
    return "fast" if _render_fast(text) is not None else "reference"


def _reference_only(text: str) -> bool:
    return _FAST is None or _needs_reference_parser(text) or _may_panic(text)


def _may_panic(text: str) -> bool:
    """markdown-it.rs 0.6 panics (an index out of bounds, pyo3's PanicException) on a backtick
    that opens no code span after a `[`, as in "[`" (found by tests/test_properties.py); the
    panic also prints a Rust backtrace. Every body that panics has both characters."""
    return "[" in text and "`" in text


def render_reference(text: str) -> RenderedBody:
    """markdown-it-py: the reference, and the only path that reports refused links."""
    tokens = _PARSER.parse(text)
    problems = list(_check(tokens))
    rendered = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return RenderedBody(rendered, _first_paragraph(tokens), tuple(problems))


def _heading_problem(line: int) -> BodyProblem:
    return BodyProblem(
        line,
        "a heading with a single # is not allowed in the body",
        "the title is the page's only top heading; start body headings at ##",
    )


def _raw_html_problem(line: int, tag: str) -> BodyProblem:
    if tag == "<!--":
        return BodyProblem(
            line,
            "an HTML comment is not hidden: <!-- … --> is shown as typed on the page",
            "delete it; keep notes for colleagues in a YAML comment (# …) or in the pull request",
            warning=True,
        )
    return BodyProblem(
        line,
        f"raw HTML is not rendered: {tag} is shown as typed",
        "use Markdown instead: **bold**, *italic*, [a link](https://example.org)",
        warning=True,
    )


def _check(tokens: list[Token]) -> list[BodyProblem]:
    problems = []
    line = 1
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        if token.type == "heading_open" and token.tag == "h1":
            problems.append(_heading_problem(line))
        child_line = line
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                child_line += 1
            if child.type == "text" and (tag := _RAW_HTML.search(child.content)):
                problems.append(_raw_html_problem(child_line, tag.group(0)))
            attr = {"link_open": "href", "image": "src"}.get(child.type)
            if attr and (problem := _link_problem(str(child.attrs.get(attr, "")), child_line)):
                problems.append(problem)
    return problems


def _link_problem(url: str, line: int) -> BodyProblem | None:
    """Why a link or image may not have the address `url` (as markdown-it encodes it); None
    when it may."""
    if not is_safe_link(url):
        return BodyProblem(
            line,
            f"the link {url!r} is not allowed",
            "links may be https://, http://, mailto: or a relative address",
        )
    written = _PARSER.normalizeLinkText(url)  # as the editor wrote it: %5B is [ again
    if typo := address_typo(written):
        return BodyProblem(line, f"the link {written!r} is not a valid address", typo)
    return None


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


# The fast path: markdown-it.rs through markdown-it-pyrs, when installed. It renders the
# same HTML as the reference for CommonMark + tables (tests/test_markdown_fast.py), but
# silently turns a refused link into text: a body whose links are not all plainly safe
# goes through the reference parser, which reports them.
_COMMONMARK_AND_TABLES: list[Any] = [
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
    "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table",
]  # fmt: skip


def _fast_parser() -> Any:
    try:
        import markdown_it_pyrs
    except ImportError:  # the reference path alone is correct, only slower
        return None
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(_COMMONMARK_AND_TABLES)


_FAST = _fast_parser()
# Every place a link destination can be written, with a marker that must be present:
# inline links and images, autolinks, reference definitions (also inside block quotes). One
# between < and > may hold spaces: `< javascript:x>` is `%20javascript:x` to markdown-it.rs but
# `javascript:x` to markdown-it-py, which the reference parser refuses.
_DESTINATIONS = (
    ("](", re.compile(r"\]\(\s*(<[^<>\n]*>?|[^\s)>]*)")),
    ("<", re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")),
    ("]:", re.compile(r"^[ \t>]*\[[^\]]+\]:\s*(<[^<>\n]*>?|\S*)", re.MULTILINE)),
)


def _needs_reference_parser(text: str) -> bool:
    for marker, pattern in _DESTINATIONS:
        if marker not in text:
            continue
        for found in pattern.findall(text):
            destination = found.removeprefix("<").removesuffix(">")
            if "&" in destination or "\\" in destination or not is_safe_link(destination):
                return True
            if address_typo(destination):  # an error to report with its line
                return True
    return False


_CODE = re.compile(r"<code>.*?</code>", re.DOTALL)
_ESCAPED_TAG = re.compile(r"&lt;(?:/?[A-Za-z]|!--)")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _render_fast(text: str) -> RenderedBody | None:
    """The fast path's HTML; None for a body that may have a problem to report, or where the two
    are known to differ: the reference renders it."""
    assert _FAST is not None
    try:
        rendered = _FAST.render(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a panic of the Rust parser (not an Exception): the reference is right
        return None
    paragraph = _PARAGRAPH.search(rendered)
    if (
        "<h1>" in rendered  # an error to report with its line
        or _ESCAPED_TAG.search(_CODE.sub("", rendered))  # raw HTML shown as typed: a warning
        or "<blockquote>\n</blockquote>" in rendered  # the one known difference: an empty quote
        or "<li>" in rendered[: paragraph.start() if paragraph else None]  # a tight list first
    ):
        return None
    first = html.unescape(_TAG.sub("", paragraph.group(1))) if paragraph else ""
    return RenderedBody(rendered, " ".join(first.split()), ())


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """At most `limit` characters, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
