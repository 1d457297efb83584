"""French typography: no-break spaces and apostrophes in text, never in tags, attributes or code."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_site, run_cli
from hypothesis import given
from hypothesis import strategies as st

from generator.content.french_typography import NARROW_NBSP, NBSP, french_html, french_text, is_french
from generator.content.markdown import render_body, render_reference


def test_the_usual_french_rules() -> None:
    assert french_text("Vos missions : rédiger ; conseiller ! Pourquoi ?") == (
        f"Vos missions{NBSP}: rédiger{NARROW_NBSP}; conseiller{NARROW_NBSP}! Pourquoi{NARROW_NBSP}?"
    )
    assert french_text("le niveau « avancé »") == f"le niveau «{NARROW_NBSP}avancé{NARROW_NBSP}»"
    assert french_text("le niveau «avancé»") == f"le niveau «{NARROW_NBSP}avancé{NARROW_NBSP}»"
    assert french_text("l'OTAN et aujourd'hui") == "l’OTAN et aujourd’hui"
    assert french_text("https://example.org/?q=1 et a:b") == "https://example.org/?q=1 et a:b"


def test_a_line_break_before_the_sign_is_made_unbreakable_too() -> None:
    html = render_reference("Une phrase coupée\n: la suite ; et\n« la fin\n»").html
    assert (
        french_html(html)
        == f"<p>Une phrase coupée{NBSP}: la suite{NARROW_NBSP}; et\n«{NARROW_NBSP}la fin{NARROW_NBSP}»</p>\n"
    )


def test_tags_attributes_and_code_are_left_alone() -> None:
    body = (
        'Voir [le guide : étape 1](https://example.org/a?b=c "titre ; d\'e : f") et `code ; ici : là`.\n\n'
        "```\nx = y ; z ? w : 'v'\n```\n"
    )
    for rendered in (render_reference(body).html, render_body(body).html):
        result = french_html(rendered)
        assert '<a href="https://example.org/a?b=c" title="titre ; d\'e : f">' in result
        assert re.findall(r"<[^>]*>", result) == re.findall(r"<[^>]*>", rendered)
        assert "<code>code ; ici : là</code>" in result
        assert "x = y ; z ? w : 'v'" in result
        assert f"le guide{NBSP}: étape 1" in result


def test_which_languages_are_french() -> None:
    assert is_french("fr") and is_french("fr_CA") and is_french("fr-BE")
    assert not is_french("en") and not is_french("fy")


_TEXT = st.text(alphabet=" \n\t:;!?«»'aéZ.,/\u00a0\u202f", max_size=30)
_ATTRIBUTE = st.text(alphabet=" :;!?«»'a=/.", max_size=20).map(lambda v: v.replace('"', ""))
_NODE = st.one_of(
    _TEXT.map(lambda t: t.replace("<", "").replace(">", "")),
    _ATTRIBUTE.map(lambda v: f'<a href="{v}" title="{v}">'),
    st.just("</a>"),
    _TEXT.map(lambda t: f"<code>{t}</code>"),
    _TEXT.map(lambda t: f'<pre><code class="language-x">{t}</code></pre>'),
    st.just("<br />"),
)


@given(st.lists(_NODE, max_size=12).map("".join))
def test_tags_and_code_never_change_and_twice_is_once(html: str) -> None:
    result = french_html(html)
    assert french_html(result) == result
    assert re.findall(r"<[^>]*>", result) == re.findall(r"<[^>]*>", html)
    code = re.compile(r"<code[^>]*>(.*?)</code>", re.DOTALL)
    assert code.findall(result) == code.findall(html)
    assert re.sub(r"[\s\u00a0\u202f]", "", result).replace("’", "'") == re.sub(
        r"[\s\u00a0\u202f]", "", html
    ).replace("’", "'")


@given(_TEXT)
def test_plain_text_twice_is_once(text: str) -> None:
    once = french_text(text)
    assert french_text(once) == once


def test_a_built_french_page_has_french_typography_and_the_english_one_not(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    fr = root / "vacancies" / "100001" / "fr.md"
    fr.write_text(fr.read_text("utf-8") + "\nVos missions : voir `a : b` ; « vite » !\n", encoding="utf-8")
    en = root / "vacancies" / "100001" / "en.md"
    en.write_text(en.read_text("utf-8") + "\nYour tasks: see `a : b` ; fast !\n", encoding="utf-8")
    output = tmp_path / "out"
    result = run_cli("build", "--content", str(root), "--output", str(output), "--now", "2024-06-15",
                     "--no-search", "--no-cache")  # fmt: skip
    assert result.returncode == 0, result.stderr
    french = next((output / "fr").glob("*/100001/index.html")).read_text("utf-8")
    quoted = f"«{NARROW_NBSP}vite{NARROW_NBSP}»{NARROW_NBSP}!"
    assert f"Vos missions{NBSP}: voir <code>a : b</code>{NARROW_NBSP}; {quoted}" in french
    assert "d’été" in french  # the title's apostrophe
    english = (output / "en" / "vacancies" / "100001" / "index.html").read_text("utf-8")
    assert "see <code>a : b</code> ; fast !" in english and NARROW_NBSP not in english
