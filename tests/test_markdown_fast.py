"""The Rust fast path (markdown-it-pyrs) must give exactly what the reference gives.

Each comparison is between two renderings made independently: the Rust renderer's own HTML
against markdown-it-py's, for every body, also those `render_body` hands over to the reference;
and, where `render_path` says the fast path runs, the fast path's whole result against the
reference's. Which path runs is asserted too, so that a fast path that silently hands every
body over cannot pass for one that renders them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from random import Random

import pytest

from generator.content import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: the benchmark's body generator)

TRICKY = [
    "Intro <b>bold</b> here\nsecond <i>line</i> and `<code>`\n\n## Part\n\n"
    "| a | b |\n|---|---|\n| <x> | 2 |\n",
    "![alt `c` *e*](https://example.org/b.png) after\n\n> quoted\n> [ref]: https://example.org\n",
    "# A top heading\n\ntext\n\n- one\n- two\n\n  nested para\n\n1. first\n2. second\n",
    '[link](https://example.org "title") and <https://example.org> and <mail@example.org>\n',
    "Entities &amp; &copy; &#233; and \\*escaped\\* and `code &amp;`\n\n    indented code\n",
    "```python\nprint('<b>')\n```\n\nSetext\n======\n\nOther\n-----\n\n***\n",
    "Hard  \nbreak and soft\nbreak; **strong _nested_** text\n\n"
    "| left | right |\n|:-----|------:|\n| é | ü |\n",
]


def _bodies() -> list[tuple[str, str]]:
    bodies = [(f"tricky {i}", text) for i, text in enumerate(TRICKY)]
    for path in sorted([*ROOT.glob("content/**/*.md"), *ROOT.glob("tests/sites/**/*.md")]):
        bodies.append((str(path.relative_to(ROOT)), path.read_text("utf-8").split("---", 2)[2]))
    rng = Random(7)
    bodies += [
        (f"corpus {lang} {i}", corpus.make_body(lang, rng)) for i in range(20) for lang in ("en", "fr")
    ]
    return bodies


needs_fast = pytest.mark.skipif(markdown._FAST is None, reason="markdown-it-pyrs is not installed")
BODIES = _bodies()


@needs_fast
@pytest.mark.parametrize(("name", "text"), BODIES, ids=lambda value: str(value)[:40])
def test_fast_path_renders_exactly_like_the_reference(name: str, text: str) -> None:
    reference = markdown.render_reference(text)
    assert markdown._FAST.render(text) == reference.html, name  # the two renderers, each on its own
    if markdown.render_path(text) == "fast":
        fast = markdown._render_fast(text)  # made without the reference: None would mean handed over
        assert fast == reference, name  # the first paragraph and the (absent) problems too
        assert markdown.render_body(text) == fast


# The TRICKY bodies, in order: what each must go through, and why.
TRICKY_PATHS = [
    "reference",  # raw HTML shown as typed: a warning with its line
    "reference",  # a backtick after a `[`: markdown-it.rs may panic on it (markdown._may_panic)
    "reference",  # a top heading: an error with its line
    "fast",
    "fast",
    "reference",  # `<b>` in a fenced block looks like raw HTML to the fast path's quick test
    "fast",
]


@needs_fast
@pytest.mark.parametrize(("text", "path"), list(zip(TRICKY, TRICKY_PATHS, strict=True)))
def test_each_tricky_body_takes_the_path_it_should(text: str, path: str) -> None:
    assert markdown.render_path(text) == path


@needs_fast
def test_most_bodies_take_the_fast_path() -> None:
    paths = [markdown.render_path(text) for name, text in BODIES if not name.startswith("tricky")]
    assert paths.count("fast") >= 0.9 * len(paths), f"{paths.count('reference')} of {len(paths)} handed over"


@needs_fast
def test_where_the_two_differ_the_reference_renders() -> None:
    """An empty block quote is the one known difference in the HTML; before a tight list, the two
    would take a different first paragraph."""
    assert markdown._FAST.render(">\n") != markdown.render_reference(">\n").html
    assert markdown.render_path(">\n") == "reference"
    assert markdown.render_path("- a\n- b\n\ntext\n") == "reference"
    assert markdown.render_body("- a\n- b\n\ntext\n").first_paragraph == "a"


@pytest.mark.parametrize(
    "text",
    [
        "[a](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[r]: vbscript:x\n\n[r]",
        "> [r]: data:text/html,x\n> [r]",
        "[a](<java&#115;cript:x>)",
        "[a](\n  javascript:x)",
        "![i](data:image/png;base64,AA)",
        "[a](< javascript:x>)",  # markdown-it.rs keeps the space (%20), markdown-it-py drops it
        "[r]: <\tvbscript:x>\n\n[r]",
    ],
)
def test_a_body_with_a_refused_link_goes_through_the_reference_and_is_reported(text: str) -> None:
    assert markdown._needs_reference_parser(text)
    assert markdown.render_path(text) == "reference"
    assert any("is not allowed" in p.message for p in markdown.render_body(text).problems)
