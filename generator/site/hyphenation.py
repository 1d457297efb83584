"""Soft hyphens in the long words of visible headings, by each language's rules (pure).

A word longer than a line must break somewhere. Browsers break it at a visible hyphen with
CSS `hyphens: auto` only where they have a hyphenation dictionary for the page's language,
which Chromium on Linux does not; without one, `overflow-wrap` cuts the word anywhere and
shows no hyphen ("administrate|ur"). So the build puts soft hyphens (U+00AD, invisible
unless a line breaks there, where they show as a hyphen) at the points that Pyphen, with
LibreOffice's dictionaries, allows.

Only in the text of visible headings: never in <title>, attributes, JSON-LD, feeds or data,
where a soft hyphen would be a stray character in what machines and search engines read.
(Pagefind indexes a heading's words whole; static/search.js shows its titles without them.)
Only in words of at least MIN_LETTERS letters: a shorter word always fits on a line and
moves to the next one whole. templates/static/style.css says the same to browsers that
hyphenate themselves (`hyphenate-limit-chars`).
"""

from __future__ import annotations

import functools
import re

import pyphen
from markupsafe import Markup, escape

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 12
# At least this many letters before a break and after it: the convention of French and
# English typesetting (TeX's lefthyphenmin and righthyphenmin for both languages).
LEFT, RIGHT = 2, 3

_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_HEADING = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.DOTALL | re.IGNORECASE)
_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")


@functools.cache
def _dictionary(locale: str) -> pyphen.Pyphen | None:
    """Pyphen's dictionary for a Babel locale (`fr_BE` falls back to `fr`); None without one."""
    found = pyphen.language_fallback(locale)
    return pyphen.Pyphen(lang=found, left=LEFT, right=RIGHT) if found else None


@functools.lru_cache(maxsize=4096)
def _hyphenated_word(word: str, locale: str) -> str:
    dictionary = _dictionary(locale)
    if dictionary is None or word.isupper():  # an acronym is not split
        return word
    return str(dictionary.inserted(word, hyphen=SOFT_HYPHEN))


def hyphenate(text: str, locale: str) -> str:
    """`text` with soft hyphens in its words of MIN_LETTERS letters or more."""
    return _WORD.sub(lambda match: _hyphenated_word(match.group(), locale), text)


def hyphenated(text: str, locale: str) -> Markup:
    """A heading's plain text, escaped, with soft hyphens (the `hyphenate` filter)."""
    return Markup(hyphenate(str(escape(text)), locale))


def hyphenated_headings(html: str, locale: str) -> Markup:
    """Rendered Markdown with soft hyphens in the text of its headings (h1-h6) only: not in
    their tags, attributes, character references or code, nor anywhere else in the HTML."""
    return Markup(_HEADING.sub(lambda match: _heading(match, locale), str(html)))


def _heading(match: re.Match[str], locale: str) -> str:
    opening, _, inner, closing = match.groups()
    pieces, in_code = [], 0
    for piece in _TAG_OR_ENTITY.split(inner):
        if piece.startswith("<"):
            name = piece.strip("</> ").split(" ", 1)[0].lower()
            if name == "code":
                in_code += -1 if piece.startswith("</") else 1
            pieces.append(piece)
        elif piece.startswith("&") or in_code:
            pieces.append(piece)
        else:
            pieces.append(hyphenate(piece, locale))
    return opening + "".join(pieces) + closing
