"""The Jinja environment of one language, and the rendering of one planned page."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, select_autoescape
from jinja2.loaders import split_template_path

from ..common.containment import target_problem
from ..content.models import Site
from .catalog_text import TranslationsAsText
from .hyphenation import hyphenated, hyphenated_headings
from .i18n import Formatter
from .planned_page import PlannedPage
from .template_i18n import CompiledTranslations


class ContainedLoader(FileSystemLoader):
    """Jinja's file loader, refusing a template whose real place is outside the templates
    folder (a symbolic link leading out of it), before reading it."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file() or path.is_symlink():
                problem = target_problem(path, folder, "the templates folder")
                if problem is not None:
                    raise TemplateNotFound(template, f"{path}: {problem}")
                break
        return super().get_source(environment, template)


def make_environment(
    templates: Path, site: Site, language: str, translations: gettext.NullTranslations
) -> Environment:
    """Autoescaping on; interface strings from the language's catalog; Babel filters."""
    environment = Environment(
        loader=ContainedLoader(templates),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        extensions=[CompiledTranslations],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a preview makes a new Renderer when a template changes
    )
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        TranslationsAsText(translations), newstyle=True
    )
    formatter = Formatter(site, language)
    environment.filters.update(
        date=formatter.date,
        month=formatter.month,
        time=formatter.time,
        timezone_name=formatter.timezone_name,
        utc_offset=formatter.utc_offset,
        money=formatter.money,
        number=formatter.number,
        country=formatter.country,
        language_name=formatter.language_name,
        relative=formatter.relative,
        localized=lambda value: site.text(value, language),
        hyphenate=lambda text: hyphenated(text, site.locale(language)),
        hyphenate_headings=lambda html: hyphenated_headings(html, site.locale(language)),
    )
    return environment


class Renderer:
    """Renders planned pages, with one environment per language (and one for the root)."""

    def __init__(
        self, templates: Path, site: Site, translations: dict[str, gettext.NullTranslations]
    ) -> None:
        self._environments = {
            language: make_environment(templates, site, language, translations[language])
            for language in site.languages
        }
        self._root = self._environments[site.default_language]

    def render(self, page: PlannedPage) -> bytes:
        if page.content is not None:
            return page.content
        if page.make is not None:
            return page.make()
        language = page.route.language
        environment = self._environments[language] if language else self._root
        return environment.get_template(page.template).render(page.context).encode("utf-8")
