"""Translations are text: what a translator types is shown as typed, never rendered as markup.

Interface strings reach the page marked safe (Jinja's newstyle gettext trusts its
catalog), so a `msgstr` holding `<img src=x onerror=…>` or a stray `"` inside an
attribute would become markup. Two defences:

- `markup_problems`: a translation may hold no tag that its msgid does not hold
  (the tags of the msgid are the template author's, and must come back as they
  are); i18n.py reports any other at the entry's `.po` line;
- `TranslationsAsText`: the catalog the templates see escapes every translated
  string, all but those tags, so `&`, `<` and quotes are shown as typed.

And `unclosed_strings` finds the `.po` lines whose string lacks its closing quote,
which Babel's reader accepts without a word.

`typeset` sets the translations of a French catalog in French typography when it is
loaded (i18n.py), as the bodies are (content/french_typography.py): a translator types
an ordinary space before `:` and the page, its attributes, the feeds and what the
scripts swap in all get the no-break one.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator

from babel.messages.catalog import Catalog
from markupsafe import escape

from ..content.french_typography import french_html, is_french

_TAG = re.compile(r"<\s*[A-Za-z/!?][^<>]*>?")
_PO_STRING_LINE = re.compile(r'^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"')
_CLOSED = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def unclosed_strings(text: str) -> Iterator[int]:
    """The 1-based line numbers of `.po` strings that are not closed by a quote."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not _PO_STRING_LINE.match(stripped):
            continue
        quoted = stripped[stripped.index('"') :]
        if not _CLOSED.match(quoted):
            yield number


def markup_problems(message_id: str, translation: str) -> list[str]:
    """The tags of `translation` that its msgid does not hold, in order (none: it is text)."""
    allowed = _TAG.findall(message_id)
    extra = []
    for tag in _TAG.findall(translation):
        if tag in allowed:
            allowed.remove(tag)
        else:
            extra.append(tag)
    return extra


def as_text(message_id: str, translated: str) -> str:
    """A translation as HTML that shows what was typed: the msgid's own tags stay markup."""
    if translated == message_id:  # not translated: the template's own text, as written
        return translated
    allowed = _TAG.findall(message_id)
    parts = []
    position = 0
    for match in _TAG.finditer(translated):
        if match.group(0) in allowed:
            allowed.remove(match.group(0))
            parts += [str(escape(translated[position : match.start()])), match.group(0)]
            position = match.end()
    parts.append(str(escape(translated[position:])))
    return "".join(parts)


class TranslationsAsText:
    """A catalog for templates whose translations are text (see `as_text`)."""

    def __init__(self, catalog: gettext.NullTranslations) -> None:
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return as_text(message, self._catalog.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return as_text(singular if n == 1 else plural, self._catalog.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return as_text(message, self._catalog.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        translated = self._catalog.npgettext(context, singular, plural, n)
        return as_text(singular if n == 1 else plural, translated)


def typeset(catalog: Catalog, language: str, keep_context: str) -> None:
    """Every translation of a French catalog in French typography (a no-break space before `:`,
    a narrow one before `; ! ?` and inside « », ’ for '), its tags left as they are; the
    entries of `keep_context` (address words) untouched. Other languages are left alone."""
    if not is_french(language):
        return
    for message in catalog:
        if not message.id or message.context == keep_context:
            continue
        if isinstance(message.string, (tuple, list)):
            message.string = tuple(french_html(form) if form else form for form in message.string)
        elif message.string:
            message.string = french_html(message.string)
