"""LANG.md files -> the words of a bundle in each language: front matter and body checked (pure)."""

from __future__ import annotations

import re
import unicodedata

from ..common.problems import Report
from .french_typography import french_html, french_text, is_french
from .loader import Document, RawBundle
from .markdown import render_body, shorten
from .models import Site, Words
from .typed_fields import Fields, did_you_mean, show

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A file system takes at most 255 bytes a name; an address part is `REFERENCE-slug` at most.
MAX_SLUG_LENGTH = 255 - 64 - 1


# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)


def slugify(text: str) -> str:
    """ASCII, lower-case words joined by hyphens: "Carrières à l'OTAN" -> "carrieres-a-l-otan"."""
    spelled = text.lower().translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def bundle_words(
    bundle: RawBundle, site: Site, report: Report, facts: tuple[str, ...]
) -> dict[str, Words] | None:
    """Each language's words; None when any language file is wrong. A key of `facts` in a
    front matter is refused: facts are written once, in the bundle's YAML file."""
    if not bundle.documents:
        report.error(
            bundle.folder,
            None,
            "there is no language file",
            f"add {site.default_language}.md with a title and the text",
        )
        return None
    words = {}
    ok = True
    for language, document in bundle.documents.items():
        if language not in site.languages:
            report.warning(
                document.path,
                None,
                f"{language!r} is not a language of the site, so this file is not published",
                f"rename it to {language.lower()}.md"
                if language.lower() in site.languages
                else did_you_mean(language, site.languages)
                or f"add {language} to languages in site.yaml, or rename the file",
            )
            continue
        result = _document_words(document, bundle.kind, report, facts)
        if result is None:
            ok = False
        else:
            words[language] = result
    return words if ok else None


_MISPLACED_FACT = "facts belong in the .yaml file of the folder, written once for all languages"


def _document_words(document: Document, kind: str, report: Report, facts: tuple[str, ...]) -> Words | None:
    fields = Fields(
        document.front,
        document.path,
        report,
        required=("title",),
        optional=("slug", "summary", "translated_from"),
        misplaced={fact: _MISPLACED_FACT for fact in facts},
    )
    title = fields.text("title")
    summary = fields.text("summary")
    translated_from = fields.text("translated_from")
    slug = fields.text("slug")
    if slug is not None and not _SLUG.fullmatch(slug):
        fields.error(
            "slug",
            f"slug: {show(slug)} is not allowed in an address",
            f"use lower-case letters, digits and hyphens, like {slugify(slug) or 'my-page'}",
        )
        return None
    body = render_body(document.body)
    errors = [problem for problem in body.problems if not problem.warning]
    for problem in body.problems:
        line = document.body_line + problem.line - 1
        if problem.warning:
            report.warning(document.path, line, problem.message, problem.hint)
        else:
            report.error(document.path, line, problem.message, problem.hint)
    if title is None or errors:
        return None
    derived = slug or slugify(title)
    if not derived and kind == "page":
        fields.error("title", "the title gives no address", "add a line `slug: my-page`")
        return None
    if len(derived) > MAX_SLUG_LENGTH and (slug is not None or kind == "page"):
        field = "slug" if slug is not None else "title"
        fields.error(
            field,
            f"{field}: the address it gives is {len(derived)} characters long; "
            f"an address may be at most {MAX_SLUG_LENGTH}",
            "write a shorter line `slug: short-name`",
        )
        return None
    summary = summary or shorten(body.first_paragraph)
    body_html = body.html
    if is_french(document.language):  # after the slug: typography never changes an address
        title, summary, body_html = french_text(title), french_text(summary), french_html(body_html)
    return Words(
        language=document.language,
        title=title,
        slug=derived,
        slug_written=slug is not None,
        summary=summary,
        body_html=body_html,
        source=document.path,
        fingerprint=document.fingerprint,
        exact_fingerprint=document.exact_fingerprint,
        address_line=fields.line("slug" if slug is not None else "title"),
        translated_from=translated_from,
    )
