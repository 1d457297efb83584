"""The address checker of the property tests finds what a browser would run (so that a green
property run means something), and leaves text alone."""

from __future__ import annotations

import json

import pytest
from addresses import executable, executable_addresses, runs_script, runs_script_unchecked


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", " JaVa\tScRiPt:x", "java\nscript:x", "\x01vbscript:x", "DATA:text/html,x"],
)
def test_a_spelling_a_browser_runs_is_executable(address: str) -> None:
    assert executable(address)


@pytest.mark.parametrize("address", ["https://example.org/", "/en/", "javascript%3Ax", "#javascript:x", ""])
def test_an_ordinary_address_is_not(address: str) -> None:
    assert not executable(address)


def test_each_kind_of_built_file_is_read() -> None:
    found = {
        "page.html": b'<a href="&#106;ava&#x09;script&colon;alert(1)">x</a><img src=" data:x">',
        "feed.atom": b'<feed><content type="html">&lt;a href="javascript:x"&gt;y&lt;/a&gt;</content>'
        b"<id>vbscript:x</id></feed>",
        "feed.json": json.dumps(
            {"items": [{"url": "javascript:x", "content_html": "<a href='data:x'>"}]}
        ).encode(),
        "deadlines.ics": b"BEGIN:VEVENT\r\nURL:javascript:\r\n alert(1)\r\nEND:VEVENT\r\n",
        "ld.html": b'<script type="application/ld+json">{"url": "javascript:x"}</script>',
        "refresh.html": b'<meta http-equiv="refresh" content="0; URL=javascript:x">',
    }
    counts = {name: len(executable_addresses(name, data)) for name, data in found.items()}
    assert counts == {
        "page.html": 2,
        "feed.atom": 2,
        "feed.json": 2,
        "deadlines.ics": 1,
        "ld.html": 1,
        "refresh.html": 1,
    }


def test_words_for_people_are_not_addresses() -> None:
    page = (
        b'<img alt="javascript:alert(1)" title="data:x" src="/a.png">'
        b'<meta property="og:title" content="javascript:x"><meta name="description" content="data: x">'
    )
    assert executable_addresses("page.html", page) == []
    data = json.dumps({"summary": "<iframe src=javascript:alert(1)>", "title": "javascript:x"}).encode()
    assert executable_addresses("vacancies.json", data) == []


@pytest.mark.parametrize(
    ("address", "runs"),
    [
        ("javascript:alert(1)", True),
        (" \x01JaVa\tScRiPt:x", True),  # leading controls stripped, a tab removed, any case
        ("vbscript:msgbox(1)", True),
        ("DATA:Text/HTML;base64,PHA+", True),
        ("data:text/html,<script>x</script>", True),
        ("data:image/png;base64,AA", False),  # an image, shown, not run
        ("java\x01script:x", False),  # a control character inside is no part of a scheme
        ("java%09script:x", False),  # nor is a percent
        ("&#106;avascript:x", False),  # entities are Markdown's or HTML's to decode, not the URL's
        ("https://example.org/javascript:x", False),
    ],
)
def test_runs_script_reads_an_address_as_a_browser_does(address: str, runs: bool) -> None:
    assert runs_script(address) is runs
    assert executable(address) or not runs  # the invariants' check errs on the safe side


def test_what_markdown_decodes_runs_unchecked() -> None:
    assert runs_script_unchecked("[x](&#106;avascript:alert(1))")
    assert runs_script_unchecked("![x](javascript&colon;alert(1))")
    assert not runs_script_unchecked("[x](java&Tab;script:alert(1))")  # Markdown makes it %09
    assert not runs_script_unchecked("`[x](javascript:alert(1))`")  # code, not a link
