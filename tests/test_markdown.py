"""Unit tests of the Markdown renderer: CommonMark + tables, no raw HTML, safe links only."""

from __future__ import annotations

import pytest
from addresses import addresses_in_markup, executable, runs_script_unchecked
from hostile_inputs import HOSTILE_ADDRESSES, LINK_PLACES

from generator.content import markdown
from generator.content.markdown import SUMMARY_LENGTH, is_safe_link, render_body, shorten


def test_tables_render() -> None:
    body = render_body("| Grade | Salary |\n|---|---:|\n| G17 | 7540.44 |\n")
    assert body.problems == ()
    assert "<table>" in body.html
    assert "<th>Grade</th>" in body.html
    assert '<td style="text-align:right">7540.44</td>' in body.html


def test_common_mark_basics() -> None:
    body = render_body("## Duties\n\n- *plan*\n- **do**\n\n`code`\n")
    assert "<h2>Duties</h2>" in body.html
    assert "<li><em>plan</em></li>" in body.html and "<strong>do</strong>" in body.html
    assert "<code>code</code>" in body.html


def test_raw_html_is_escaped_not_rendered() -> None:
    body = render_body('Hello <script>alert("x")</script>\n\n<div onclick="x()">block</div>\n')
    assert "<script>" not in body.html
    assert "&lt;script&gt;" in body.html
    assert "<div" not in body.html
    assert "&lt;div onclick=" in body.html
    # Shown as typed, with a warning (not an error) so that the editor knows why.
    assert body.problems and all(p.warning for p in body.problems)
    assert "raw HTML is not rendered: <script> is shown as typed" in body.problems[0].message


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x",
        "http://example.org",
        "mailto:jobs@example.org",
        "../241490/",
        "/fr/postes-vacants/",
        "#duties",
        "page.html",
        "HTTPS://EXAMPLE.ORG",
    ],
)
def test_safe_links_are_allowed(url: str) -> None:
    assert is_safe_link(url)
    body = render_body(f"[x]({url})\n")
    assert body.problems == ()
    assert "<a href=" in body.html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "file:///etc/passwd",
        "ftp://example.org",
    ],
)
def test_unsafe_links_are_refused(url: str) -> None:
    assert not is_safe_link(url)


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "![img](data:image/svg+xml;base64,PHN2Zz4=)",
        "[x](vbscript:msgbox)",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_unsafe_links_in_the_body_are_problems(markdown: str) -> None:
    body = render_body(markdown + "\n")
    assert len(body.problems) == 1
    [problem] = body.problems
    assert problem.line == 1
    assert "is not allowed" in problem.message
    assert "https://" in problem.hint


# At least this share of HOSTILE_ADDRESSES makes a link that runs in each place, if unchecked.
RUNNING_SHARE = {"autolink": 0.1, "angle": 0.5}


def _in(place: str, address: str) -> str:
    return LINK_PLACES[place].format(address=address, label="r")


@pytest.mark.parametrize("place", LINK_PLACES)
def test_most_hostile_addresses_would_run_if_unchecked(place: str) -> None:
    """The hostile addresses of the tests make links that run, had the renderer no check:
    else a missing check would pass every test (as it once did, when each letter of a scheme
    was disguised on its own, and javascript:alert(1) itself was never tried)."""
    running = [a for a in HOSTILE_ADDRESSES if runs_script_unchecked(_in(place, a))]
    assert len(running) >= RUNNING_SHARE.get(place, 0.6) * len(HOSTILE_ADDRESSES), len(running)
    assert "javascript:alert(1)" in running


@pytest.mark.parametrize("place", LINK_PLACES)
def test_a_hostile_address_is_refused_at_its_line_or_left_harmless(place: str) -> None:
    """A body with an error is not published: the build stops. Each address that would run is
    such an error, at its line; any other is rendered, and what is rendered never runs."""
    for address in HOSTILE_ADDRESSES:
        text = f"Intro.\n\n{_in(place, address)}\n"
        body = render_body(text)
        refused = [p.line for p in body.problems if "is not allowed" in p.message]
        if runs_script_unchecked(text):
            assert refused == [3], (address, body.problems)
        if not refused:
            published = [found for found in addresses_in_markup(body.html) if executable(found)]
            assert published == [], (address, body.html)


def test_problem_line_is_the_line_in_the_body() -> None:
    body = render_body("Intro.\n\n- one\n- two\n- [x](javascript:void(0))\n")
    [problem] = body.problems
    assert problem.line == 5


def test_single_hash_heading_is_a_problem_but_double_is_fine() -> None:
    assert render_body("## Fine\n\n### Also fine\n").problems == ()
    [problem] = render_body("Intro.\n\n# Top\n").problems
    assert problem.line == 3
    [problem] = render_body("Top\n===\n").problems
    assert problem.line == 1


def test_first_paragraph_is_plain_text() -> None:
    body = render_body(
        "## Heading\n\nThe **officer** runs `code` and [links](https://x.org)\nover two lines.\n\nSecond.\n"
    )
    assert body.first_paragraph == "The officer runs code and links over two lines."


def test_first_paragraph_is_empty_without_paragraphs() -> None:
    assert render_body("## Only a heading\n").first_paragraph == ""
    assert render_body("").first_paragraph == ""


def test_shorten_keeps_short_text() -> None:
    assert shorten("A short summary.") == "A short summary."
    text = "x" * SUMMARY_LENGTH
    assert shorten(text) == text


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    text = "The officer plans, organises and runs programmes in the summer months for visitors."
    short = shorten(text, 40)
    assert short.endswith("…")
    assert len(short) <= 40
    kept = short[:-1]
    assert text.startswith(kept)
    assert text[len(kept)] in " ,"  # cut between words, never inside one
    assert not kept.endswith((",", " "))
    assert short == "The officer plans, organises and runs…"


def test_shorten_default_limit() -> None:
    text = " ".join(["word"] * 100)
    short = shorten(text)
    assert len(short) <= SUMMARY_LENGTH
    assert short.endswith("word…")


@pytest.mark.parametrize(
    "body",
    ["Before <!-- a note --> after", "Para.\n\n<!-- a note\nover two lines -->\n", "- item <!-- x -->"],
)
def test_an_html_comment_is_shown_as_typed_with_a_warning(body: str) -> None:
    rendered = render_body(body)
    assert "&lt;!--" in rendered.html and "<!--" not in rendered.html
    [problem] = rendered.problems
    assert problem.warning
    assert problem.message.startswith("an HTML comment is not hidden")
    assert problem.line == next(n for n, line in enumerate(body.split("\n"), 1) if "<!--" in line)


def test_a_comment_inside_code_is_code_not_a_warning() -> None:
    assert render_body("`<!-- x -->` and\n\n```\n<!-- y -->\n```\n").problems == ()


@pytest.mark.parametrize("text", ["[`", "a [` b", "[a`]", "[``", "\\`[`", "[`\n\n`"])
def test_a_backtick_after_a_bracket_renders(text: str) -> None:
    """Found by tests/test_properties.py: the Rust fast path panicked on "[`" (a BaseException
    that ended the build with a traceback); such a body is rendered by the reference."""
    reference = markdown.render_reference(text)
    assert render_body(text) == reference
    if markdown._FAST is not None:  # and should one reach the fast path, its panic is caught
        assert markdown._render_fast(text) in (None, reference)  # None: the reference renders it
