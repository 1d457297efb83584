"""French typography, applied to the rendered text of French pages.

French puts a space before `: ; ! ?` and inside « », and that space must not let
the sign wrap onto a line of its own. Editors type an ordinary space (or none inside
« »); this module makes it unbreakable, following the usual French rules (Imprimerie
nationale): a narrow no-break space (U+202F) before ; ! ? and inside « », a no-break
space (U+00A0) before :. A straight apostrophe between letters becomes the
typographic one (’), the form the French content uses.

Only text is touched: never a tag or an attribute (so never a link's address), never
the inside of <code>, <pre>, <kbd> or <samp>, and never text without a space before
the sign (so "https://" stays as it is). Applying it twice changes nothing.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_TAG = re.compile(r"(<[^>]*>)")
_RAW = ("code", "pre", "kbd", "samp", "script", "style")
_OPENING = re.compile(r"^<\s*(" + "|".join(_RAW) + r")\b", re.IGNORECASE)
_CLOSING = re.compile(r"^<\s*/\s*(" + "|".join(_RAW) + r")\b", re.IGNORECASE)
_ANY_RAW = re.compile(r"<\s*/?\s*(" + "|".join(_RAW) + r")\b", re.IGNORECASE)
_SPACE = r"[ \t\n\r\u00a0\u202f\u2009]"
_BEFORE_NARROW = re.compile(rf"{_SPACE}+(?=[;!?])")
_BEFORE_COLON = re.compile(rf"{_SPACE}+(?=:)")
_AFTER_OPENING_QUOTE = re.compile(rf"«{_SPACE}*")
_BEFORE_CLOSING_QUOTE = re.compile(rf"{_SPACE}*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def is_french(language: str) -> bool:
    return re.split(r"[-_]", language)[0].lower() == "fr"


def french_text(text: str) -> str:
    """One run of plain text (or of HTML text between tags) set in French typography.
    (Each rule is tried only where its sign occurs: most runs of a body have none.)"""
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    if ";" in text or "!" in text or "?" in text:
        text = _BEFORE_NARROW.sub(NARROW_NBSP, text)
    if ":" in text:
        text = _BEFORE_COLON.sub(NBSP, text)
    if "«" in text:
        text = _AFTER_OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
    if "»" in text:
        text = _BEFORE_CLOSING_QUOTE.sub(NARROW_NBSP + "»", text)
    return text


def french_html(html: str) -> str:
    """Rendered HTML with French typography in its text, tags and code left as they are."""
    pieces = _TAG.split(html)
    if not _ANY_RAW.search(html):  # the usual body: every piece between tags is text
        pieces[::2] = [french_text(piece) if piece else piece for piece in pieces[::2]]
        return "".join(pieces)
    raw_depth = 0
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            if _CLOSING.match(piece):
                raw_depth = max(0, raw_depth - 1)
            elif _OPENING.match(piece) and not piece.endswith("/>"):
                raw_depth += 1
        elif piece and not raw_depth:
            pieces[index] = french_text(piece)
    return "".join(pieces)
