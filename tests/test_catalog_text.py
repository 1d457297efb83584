"""Interface translations are text (generator/site/catalog_text.py): never rendered as markup,
never cut short."""

from __future__ import annotations

import gettext
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from conftest import ROOT, copy_site, run_cli
from hypothesis import given
from hypothesis import strategies as st

from generator.content.french_typography import NARROW_NBSP, NBSP
from generator.site.catalog_text import (
    TranslationsAsText,
    as_text,
    markup_problems,
    typeset,
    unclosed_strings,
)

CATALOG = Path("locale") / "fr" / "LC_MESSAGES" / "messages.po"
TIME_ID = 'Information as of <time datetime="%(iso)s">%(time)s</time>.'


def _templates_with(tmp_path: Path, old: str, new: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    catalog = templates / CATALOG
    text = catalog.read_text("utf-8")
    assert old in text
    catalog.write_text(text.replace(old, new, 1), "utf-8")
    return templates


def _build(tmp_path: Path, templates: Path) -> tuple[int, str, Path]:
    output = tmp_path / "output"
    content = copy_site("basic", tmp_path)
    result = run_cli(
        "build", "--content", str(content), "--output", str(output), "--now", "2024-11-01",
        "--templates", str(templates),
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr, output


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_markup_in_a_translation_is_an_error_at_its_po_line(tmp_path: Path) -> None:
    templates = _templates_with(
        tmp_path, 'msgstr "Archives"', 'msgstr "Archives<img src=x onerror=alert(1)>"'
    )
    code, said, output = _build(tmp_path, templates)
    catalog = templates / CATALOG
    line = _line_of(catalog, "onerror")
    assert code == 1
    assert f"{catalog}:{line}: msgstr of 'Archive' holds markup: <img src=x onerror=alert(1)>" in said
    assert not output.exists()


def test_a_string_without_its_closing_quote_is_an_error_at_its_line(tmp_path: Path) -> None:
    templates = _templates_with(tmp_path, 'msgstr "Archives"', 'msgstr "Archives')
    code, said, _ = _build(tmp_path, templates)
    catalog = templates / CATALOG
    assert code == 1
    line = _line_of(catalog, 'msgstr "Archives')
    assert f"{catalog}:{line}: this string is not closed" in said


def test_quotes_and_ampersands_in_a_translation_are_shown_as_typed(tmp_path: Path) -> None:
    templates = _templates_with(tmp_path, 'msgstr "Archives"', 'msgstr "Archives \\"closes\\" & <3"')
    code, said, output = _build(tmp_path, templates)
    assert code == 0, said
    html = (output / "fr" / "index.html").read_text("utf-8")
    assert "Archives &#34;closes&#34; &amp; &lt;3" in html
    assert 'Archives "closes"' not in html


def test_the_tags_of_the_msgid_stay_markup() -> None:
    translated = 'Informations à jour au <time datetime="%(iso)s">%(time)s</time> & plus.'
    assert markup_problems(TIME_ID, translated) == []
    assert as_text(TIME_ID, translated) == (
        'Informations à jour au <time datetime="%(iso)s">%(time)s</time> &amp; plus.'
    )
    # A tag changed by the translator is not the msgid's: an error, and shown as typed.
    changed = 'À jour au <time datetime="%(iso)s" onclick="x">%(time)s</time>.'
    assert markup_problems(TIME_ID, changed) == ['<time datetime="%(iso)s" onclick="x">']
    assert "&lt;time" in as_text(TIME_ID, changed)


def test_an_untranslated_string_is_the_templates_own_text() -> None:
    assert as_text(TIME_ID, TIME_ID) == TIME_ID


def test_the_catalog_templates_see_escapes_every_form() -> None:
    catalog = Catalog(locale="de")  # two plural forms
    catalog.add("Close", "Fermer <b>")
    catalog.add(("one day", "%(num)s days"), ("un jour & demi", "%(num)s jours & plus"))
    catalog.add("Menu", "Menu « principal »", context="nav")
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    text = TranslationsAsText(gettext.GNUTranslations(buffer))
    assert text.gettext("Close") == "Fermer &lt;b&gt;"
    assert text.ngettext("one day", "%(num)s days", 1) == "un jour &amp; demi"
    assert text.ngettext("one day", "%(num)s days", 3) == "%(num)s jours &amp; plus"
    assert text.pgettext("nav", "Menu") == "Menu « principal »"
    assert text.npgettext("x", "a", "b", 2) == "b"


@pytest.mark.parametrize(
    ("po", "lines"),
    [
        ('msgid "a"\nmsgstr "b"\n', []),
        ('msgid "a"\nmsgstr "b\n', [2]),
        ('msgid "a"\nmsgstr ""\n"one "\n"two\n', [4]),
        ('msgid "a \\"q\\""\nmsgstr "b \\\\"\n', []),
        ('msgid "a"\nmsgstr "ends with an escaped quote \\"\n', [2]),
        ('msgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c\n', [3]),
        ('# a comment with " a quote\n#~ msgid "old\n', []),
    ],
)
def test_unclosed_strings(po: str, lines: list[int]) -> None:
    assert list(unclosed_strings(po)) == lines


@given(st.text())
def test_as_text_never_lets_a_tag_through_that_the_msgid_lacks(typed: str) -> None:
    shown = as_text("Plain words", typed)
    assert "<" not in shown or shown == "Plain words"
    assert '"' not in shown or shown == "Plain words"


# --- French typography of interface strings ------------------------------------------------------


def _typed_catalog() -> Catalog:
    catalog = Catalog(locale="fr")
    catalog.add("Deadline:", "Date de clôture :")
    catalog.add("Why?", "Pourquoi?")  # no space typed: left as it is (as in bodies, for "https://")
    catalog.add(TIME_ID, 'Mis à jour : <time datetime="%(iso)s">%(time)s</time> ; voir « ici » !')
    catalog.add(
        ("%(num)s day left: go", "%(num)s days left: go"), ("%(num)s jour : vite", "%(num)s jours : vite")
    )
    catalog.add("l'archive", "l'archive")
    catalog.add("vacancies", "postes-vacants", context="URL segment")
    catalog.add("Results: {count}", "Résultats : {count}", context="search")
    return catalog


def test_typeset_gives_french_interface_strings_their_no_break_spaces() -> None:
    catalog = _typed_catalog()
    typeset(catalog, "fr", keep_context="URL segment")
    strings = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m.string for m in catalog if m.id}
    assert strings[(None, "Deadline:")] == f"Date de clôture{NBSP}:"
    assert strings[(None, "Why?")] == "Pourquoi?"
    assert strings[(None, TIME_ID)] == (
        f'Mis à jour{NBSP}: <time datetime="%(iso)s">%(time)s</time>{NARROW_NBSP}; '
        f"voir «{NARROW_NBSP}ici{NARROW_NBSP}»{NARROW_NBSP}!"
    )
    assert strings[(None, "%(num)s day left: go")] == (
        f"%(num)s jour{NBSP}: vite",
        f"%(num)s jours{NBSP}: vite",
    )
    assert strings[(None, "l'archive")] == "l’archive"
    assert strings[("URL segment", "vacancies")] == "postes-vacants"
    assert strings[("search", "Results: {count}")] == f"Résultats{NBSP}: {{count}}"


def test_typeset_leaves_other_languages_alone() -> None:
    catalog = _typed_catalog()
    typeset(catalog, "en", keep_context="URL segment")
    deadline = catalog.get("Deadline:")
    assert deadline is not None and deadline.string == "Date de clôture :"


def test_a_plain_space_typed_in_the_catalog_reaches_the_page_as_a_no_break_one(tmp_path: Path) -> None:
    templates = _templates_with(tmp_path, 'msgstr "Postes affichés : {shown} sur {total}"',
                                'msgstr "Postes affichés ; montrés ! {shown} sur {total} ?"')  # fmt: skip
    code, output, built = _build(tmp_path, templates)
    assert code == 0, output
    pages = [p.read_text("utf-8") for p in (built / "fr").rglob("index.html")]
    typed = f"Postes affichés{NARROW_NBSP}; montrés{NARROW_NBSP}! {{shown}} sur {{total}}{NARROW_NBSP}?"
    wanted = f'data-status="{typed}"'
    assert any(wanted in html for html in pages)
