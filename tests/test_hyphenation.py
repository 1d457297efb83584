"""Soft hyphens in the long words of headings (generator/site/hyphenation.py), and nowhere else.

A long word of a heading must break at a visible hyphen, by its language's rules: the build puts
soft hyphens (U+00AD) at Pyphen's hyphenation points, in words of MIN_LETTERS letters or more, in
the visible text of headings only. In <title>, attributes, JSON-LD, feeds, data, the sitemap or any
other text a soft hyphen would be a stray character for machines and for copy-paste. That the
browser then breaks lines only at hyphens is tests/test_vacancy_page_browser.py's.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONTENT, SITES, run_cli
from hypothesis import given
from hypothesis import strategies as st

from generator.site.hyphenation import (
    LEFT,
    MIN_LETTERS,
    RIGHT,
    SOFT_HYPHEN,
    hyphenate,
    hyphenated,
    hyphenated_headings,
)

NOW = "2024-11-01"


def plain(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")


def points(text: str) -> str:
    """Soft hyphens shown as "-", for readable expectations."""
    return text.replace(SOFT_HYPHEN, "-")


# --- the words -----------------------------------------------------------------------------------


def test_long_words_get_the_hyphenation_points_of_their_language() -> None:
    title = "Administratrice/administrateur de programme – Renforcement des capacités de défense (DCB)"
    assert points(hyphenate(title, "fr_BE")) == (
        "Ad-mi-nis-tra-trice/ad-mi-nis-tra-teur de programme – Ren-for-ce-ment des capacités de défense (DCB)"
    )
    # English rules for English words: "in-ter-na-tion-al", where French would cut "in-ter-na-tio-nal".
    assert points(hyphenate("internationalisation", "en_GB")) == "in-ter-na-tion-al-isa-tion"
    assert points(hyphenate("internationalisation", "fr")) == "in-ter-na-tio-na-li-sa-tion"


def test_short_words_acronyms_and_unknown_languages_are_left_alone() -> None:
    assert hyphenate("Programme Officer, Capacity (DCB)", "en_GB") == "Programme Officer, Capacity (DCB)"
    assert hyphenate("Représentation", "fr")[:3] == "Re" + SOFT_HYPHEN  # 14 letters: hyphenated
    assert hyphenate("Coordinator", "en") == "Coordinator"  # 11 letters: fits any line whole
    assert hyphenate("TELECOMMUNICATIONS", "en") == "TELECOMMUNICATIONS"  # an acronym-like word
    assert hyphenate("Telekommunikationsabteilung", "xx") == "Telekommunikationsabteilung"


letters = st.text(alphabet=st.sampled_from("abcdeéèfghilmnopqrstuvxyzç"), min_size=1, max_size=30)
glue = st.sampled_from([" ", "/", "-", "’", ", ", " (", ") ", "2024"])


@given(st.lists(st.tuples(letters, glue), max_size=8), st.sampled_from(["fr", "en_GB", "en"]))
def test_soft_hyphens_only_ever_go_inside_long_words(parts: list[tuple[str, str]], locale: str) -> None:
    text = "".join(word + between for word, between in parts)
    result = hyphenate(text, locale)
    assert plain(result) == text
    for match in re.finditer(rf"[\w{SOFT_HYPHEN}]+", result):
        whole = match.group()
        if SOFT_HYPHEN in whole:
            assert len(plain(whole)) >= MIN_LETTERS, whole
            pieces = whole.split(SOFT_HYPHEN)
            assert len(pieces[0]) >= LEFT and len(pieces[-1]) >= RIGHT, whole


def test_a_title_is_escaped_before_it_is_hyphenated() -> None:
    assert str(hyphenated("R&D <b>internationalisation</b>", "en_GB")) == (
        "R&amp;D &lt;b&gt;in\xadter\xadna\xadtion\xadal\xadisa\xadtion&lt;/b&gt;"
    )


def test_in_rendered_markdown_only_the_text_of_headings_is_hyphenated() -> None:
    html = (
        '<p>internationalisation</p>\n<h2 id="internationalisation">Internationalisation &amp; '
        "<code>internationalisation</code> <em>internationalisation</em></h2>\n"
        "<h3>Short words</h3>\n<ul><li>internationalisation</li></ul>\n"
    )
    result = str(hyphenated_headings(html, "en_GB"))
    word = "in\xadter\xadna\xadtion\xadal\xadisa\xadtion"
    assert result == (
        f'<p>internationalisation</p>\n<h2 id="internationalisation">I{word[1:]} &amp; '
        f"<code>internationalisation</code> <em>{word}</em></h2>\n"
        "<h3>Short words</h3>\n<ul><li>internationalisation</li></ul>\n"
    )


# --- a built site: in the visible text of headings, and nowhere else ------------------------------


class SoftHyphens(HTMLParser):
    """Where a page's soft hyphens are: in the text of a heading, or elsewhere."""

    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.in_headings = 0
        self.misplaced: list[str] = []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and SOFT_HYPHEN in value:
                self.misplaced.append(f"<{tag} {name}={value!r}>")
        if tag not in ("meta", "link", "br", "img", "input", "wbr", "hr", "source"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if SOFT_HYPHEN not in data:
            return
        if self.HEADINGS & set(self._open) and not {"title", "script", "code"} & set(self._open):
            self.in_headings += data.count(SOFT_HYPHEN)
        else:
            self.misplaced.append(f"in <{'><'.join(self._open)}>: {data.strip()[:80]!r}")


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content (long French titles) and the basic fixture, built as of NOW."""
    root = tmp_path_factory.mktemp("hyphenation")
    for name, source in (("shipped", CONTENT), ("basic", SITES / "basic")):
        content = root / f"content-{name}"
        shutil.copytree(source, content)
        result = run_cli("build", "--content", str(content), "--output", str(root / name), "--now", NOW)
        assert result.returncode == 0, result.stderr
    return root


@pytest.mark.parametrize("name", ["shipped", "basic"])
def test_soft_hyphens_are_in_the_visible_text_of_headings_only(output: Path, name: str) -> None:
    found, misplaced = 0, []
    for path in sorted((output / name).rglob("*")):
        if not path.is_file() or "pagefind" in path.parts:
            continue
        relative = path.relative_to(output / name)
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".html":
            page = SoftHyphens(text)
            found += page.in_headings
            misplaced += [f"{relative}: {where}" for where in page.misplaced]
        elif SOFT_HYPHEN in text:  # feeds, calendars, vacancies.json, the sitemap, host files
            misplaced.append(f"{relative}: {text.count(SOFT_HYPHEN)} soft hyphens")
    assert not misplaced, "\n".join(misplaced)
    assert found, f"no heading of the {name} site has a soft hyphen: the check above checked nothing"


def test_the_french_title_is_hyphenated_on_its_page_and_plain_in_its_title(output: Path) -> None:
    html = (output / "shipped" / "fr" / "postes-vacants" / "241490" / "index.html").read_text("utf-8")
    title = "Administratrice/administrateur de programme – Renforcement des capacités de défense (DCB)"
    [h1] = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert SOFT_HYPHEN in h1 and plain(h1) == title
    assert f"<title>{title} (241490) · " in html
