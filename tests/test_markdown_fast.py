"""The Rust fast path (markdown-it-pyrs) must give exactly what the reference gives."""

from __future__ import annotations

import sys
from pathlib import Path
from random import Random

import pytest

from generator import markdown

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


@pytest.mark.skipif(markdown._FAST is None, reason="markdown-it-pyrs is not installed")
@pytest.mark.parametrize(("name", "text"), _bodies(), ids=lambda value: str(value)[:40])
def test_fast_path_renders_exactly_like_the_reference(name: str, text: str) -> None:
    reference = markdown.render_reference(text)
    if markdown._needs_reference_parser(text):
        assert markdown.render_body(text) == reference
        return
    assert markdown._render_fast(text) == reference, name


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
    ],
)
def test_a_body_with_a_refused_link_goes_through_the_reference_and_is_reported(text: str) -> None:
    assert markdown._needs_reference_parser(text)
    assert any("is not allowed" in p.message for p in markdown.render_body(text).problems)
