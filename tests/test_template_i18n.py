"""Interface strings translated at compile time give exactly what runtime gettext gives."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from jinja2 import DictLoader, Environment

from generator.site.template_i18n import CompiledTranslations

TEMPLATES = {
    "literal.html": '<p>{{ _("Key facts") }}</p><p>{{ _("Key facts")|upper }}</p>',
    "attribute.html": '<p title="{{ _("Rock & roll") }}">{{ _("Rock & roll") }}</p>',
    "percent.html": '<p>{% trans %}100% open{% endtrans %} {{ _("50%% done") }}</p>',
    "variables.html": "<p>{% trans name=who %}Hello {{ name }}{% endtrans %}</p>",
    "keywords.html": '<p>{{ _("Hello %(name)s", name=who) }}</p>',
    "plural.html": "<p>{% trans count=n %}{{ count }} post{% pluralize %}{{ count }} posts{% endtrans %}</p>",
    "context.html": "<p>{{ pgettext('URL segment', 'vacancies') }}</p>",
    "context-agreement.html": '<p>{{ pgettext("internship", "Open") if offer else _("Open") }}</p>',
    "context-keywords.html": '<p>{{ pgettext("internship", "Hello %(name)s", name=who) }}</p>',
    "context-escaped.html": '<p title="{{ pgettext("internship", "Rock & roll") }}">x</p>',
    "untranslated.html": '<p>{{ _("Not in the catalog") }}</p>',
    "method.html": '<p>{{ helper._("Key facts") }}</p>',
}

FRENCH = {
    "Key facts": "Points clés",
    "Rock & roll": "Rock & roll <b>fr</b>",
    "100%% open": "100%% ouvert",
    "50%% done": "50%% fait",
    "Hello %(name)s": "Bonjour %(name)s",
    ("URL segment", "vacancies"): "postes-vacants",
    ("internship", "Open"): "Ouverte",
    "Open": "Ouvert",
    ("internship", "Hello %(name)s"): "Bonjour %(name)s, stagiaire",
    ("internship", "Rock & roll"): "Rock & roll <i>stage</i>",
}


def _catalog() -> gettext.GNUTranslations:
    catalog = Catalog(locale="fr")
    for key, translation in FRENCH.items():
        context, message = key if isinstance(key, tuple) else (None, key)
        catalog.add(message, translation, context=context)
    catalog.add(("%(num)s post", "%(num)s posts"), ("%(num)s poste", "%(num)s postes"))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _environment(extension: object) -> Environment:
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True, extensions=[extension])  # type: ignore[list-item]
    environment.install_gettext_translations(_catalog(), newstyle=True)  # type: ignore[attr-defined]
    return environment


class Helper:
    @staticmethod
    def _(text: str) -> str:
        return f"method:{text}"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_compiled_strings_render_like_runtime_gettext(name: str) -> None:
    context = {"who": "<Ana>", "n": 2, "helper": Helper(), "offer": True}
    runtime = _environment("jinja2.ext.i18n").get_template(name).render(context)
    compiled = _environment(CompiledTranslations).get_template(name).render(context)
    assert compiled == runtime


def test_literal_strings_are_not_looked_up_at_render_time() -> None:
    environment = _environment(CompiledTranslations)
    template = environment.get_template("literal.html")
    environment.globals["_"] = environment.globals["gettext"] = None  # a call would now fail
    assert template.render() == "<p>Points clés</p><p>POINTS CLÉS</p>"


def test_literal_strings_with_a_context_are_not_looked_up_at_render_time() -> None:
    environment = _environment(CompiledTranslations)
    template = environment.get_template("context-agreement.html")
    environment.globals["_"] = environment.globals["pgettext"] = None  # a call would now fail
    assert template.render(offer=True) == "<p>Ouverte</p>"
    assert template.render(offer=False) == "<p>Ouvert</p>"


def test_variables_are_still_escaped() -> None:
    environment = _environment(CompiledTranslations)
    assert environment.get_template("variables.html").render(who="<Ana>") == "<p>Bonjour &lt;Ana&gt;</p>"
