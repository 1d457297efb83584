"""An address with a typo is an editor's error at its file and line, never an internal error.

Python's urlsplit refuses some addresses with a ValueError (a `[` without its `]`, something
other than an IP address between brackets, a host name holding a look-alike of `#`), and
reading the port of `host:8o8o` raises one too. Each address an editor writes (a link or an
image in a body, `apply_url`, `base_url`) is checked for them where it is read; the code
that splits it later (the routes, the calendar, the preview) only sees checked ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_site, run_cli

from generator.common.addresses import address_typo, is_absolute_url
from generator.content.markdown import render_body, render_path
from generator.tools.link_check import check_links

BRACKETS = "square brackets [ ] go in pairs, around an IPv6 address only"
PORT = "the port, after the host name's colon, is not a number from 0 to 65535"
HOST = "the host name holds a character that stands for / ? # @ or :"

TYPOS = [
    ("https://[oops/apply", BRACKETS),
    ("https://oops]/apply", BRACKETS),
    ("https://[oops]/apply", BRACKETS),
    ("https://example.org:8o8o/apply", PORT),
    ("https://example.org:99999/apply", PORT),
    ("https://exa\uff03mple.org/apply", HOST),
]


@pytest.mark.parametrize(("address", "reason"), TYPOS)
def test_each_kind_of_typo_is_named(address: str, reason: str) -> None:
    assert address_typo(address).startswith(reason)
    assert not is_absolute_url(address)  # and never raises


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/apply",
        "https://example.org:8443/a[1]",
        "https://[2001:db8::1]/apply",
        "mailto:jobs@example.org",
        "../fr/[draft]/",
        "#duties",
        "",
    ],
)
def test_a_good_address_has_no_typo(address: str) -> None:
    assert address_typo(address) == ""


def test_an_address_needs_a_host_name() -> None:
    assert not is_absolute_url("https://:443/apply")
    assert is_absolute_url("https://[2001:db8::1]/apply")


# --- the build: exit 1 and file:line -----------------------------------------------------


def _build(content: Path, tmp_path: Path) -> tuple[int, str]:
    output = tmp_path / "output"
    args = ("--output", str(output), "--now", "2024-06-15", "--no-search", "--no-cache")
    result = run_cli("build", "--content", str(content), *args)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.returncode, result.stderr


def _append(path: Path, text: str) -> int:
    """Add `text` as the last line of `path`; its line number."""
    lines = path.read_text("utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join([*lines, "", text]) + "\n", "utf-8")
    return len(lines) + 2


@pytest.mark.parametrize(
    ("file", "markdown", "written", "reason"),
    [
        ("en.md", "Apply [here](https://[oops/apply).", "https://[oops/apply", BRACKETS),
        ("fr.md", "Postulez [ici](<https://oops]/postuler>).", "https://oops]/postuler", BRACKETS),
        ("en.md", "![Logo](https://exa\uff03mple.org/logo.png)", "https://exa\uff03mple.org/logo.png", HOST),
        ("fr.md", "Voir <https://example.org:8o8o/>.", "https://example.org:8o8o/", PORT),
        ("en.md", "See [the form][form].\n\n[form]: https://[oops/form", "https://[oops/form", BRACKETS),
    ],
)
def test_a_body_link_with_a_typo_is_an_error_at_its_line(
    tmp_path: Path, file: str, markdown: str, written: str, reason: str
) -> None:
    content = copy_site("basic", tmp_path)
    path = content / "vacancies" / "100001" / file
    line = _append(path, markdown)
    code, said = _build(content, tmp_path)
    assert code == 1, said
    assert f"{path}:{line}: the link {written!r} is not a valid address; {reason}" in said, said


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://[oops/apply", 'apply_url: "https://[oops/apply" is not a valid address; ' + BRACKETS),
        ("{en: https://example.org/apply, fr: 'https://example.org:x/postuler'}",
         'apply_url.fr: "https://example.org:x/postuler" is not a valid address; ' + PORT),
    ],
)  # fmt: skip
def test_an_apply_url_with_a_typo_is_an_error_at_its_line(tmp_path: Path, value: str, message: str) -> None:
    content = copy_site("basic", tmp_path)
    path = content / "vacancies" / "100001" / "vacancy.yaml"
    text = path.read_text("utf-8")
    assert "apply_url: https://example.org/apply/100001\n" in text
    path.write_text(text.replace("https://example.org/apply/100001", value), "utf-8")
    line = text.split("\n").index("apply_url: https://example.org/apply/100001") + 1
    code, said = _build(content, tmp_path)
    assert code == 1, said
    assert f"{path}:{line}: {message}" in said, said


@pytest.mark.parametrize(
    ("value", "reason"), [("https://[oops/", BRACKETS), ("https://jobs.example.org:0x50/", PORT)]
)
def test_a_base_url_with_a_typo_is_an_error_at_its_line(tmp_path: Path, value: str, reason: str) -> None:
    content = copy_site("basic", tmp_path)
    path = content / "site.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("base_url: https://jobs.example.org/", f"base_url: {value}"), "utf-8")
    line = text.split("\n").index("base_url: https://jobs.example.org/") + 1
    code, said = _build(content, tmp_path)
    assert code == 1, said
    assert f'{path}:{line}: base_url: "{value}" is not a valid address; {reason}' in said, said


# --- the renderer: the fast path hands a typo over --------------------------------------


# markdown-it reads `https://[oops]/` as the host `oops` between brackets, and links to
# `https://oops/`: an address that works, so not an error.
BODY_TYPOS = [(address, reason) for address, reason in TYPOS if "[oops]" not in address]


@pytest.mark.parametrize(("address", "reason"), BODY_TYPOS)
def test_a_body_typo_goes_through_the_reference_and_is_reported(address: str, reason: str) -> None:
    for text in (f"[a]({address})\n", f"![a]({address})\n", f"[a]\n\n[a]: {address}\n"):
        assert render_path(text) == "reference", text
        [problem] = render_body(text).problems
        assert problem.line == 1 and problem.hint.startswith(reason), text
        assert problem.message == f"the link {address!r} is not a valid address", text


# --- the link checker: a typo in a built page or in --base-url ---------------------------


def _output(tmp_path: Path, site: str, href: str) -> Path:
    output = tmp_path / "output"
    output.mkdir()
    (output / "vacancies.json").write_text(json.dumps({"site": site}), "utf-8")
    (output / "index.html").write_text(f'<a href="{href}">x</a><a href="/">home</a>', "utf-8")
    return output


@pytest.mark.parametrize(("address", "reason"), TYPOS)
def test_a_built_link_with_a_typo_is_a_broken_link(tmp_path: Path, address: str, reason: str) -> None:
    output = _output(tmp_path, "https://jobs.example.org/", address)
    count, broken = check_links(output)
    assert count == 2
    [link] = broken
    assert link.reason.startswith(f"the address is not valid: {reason}")


@pytest.mark.parametrize("href", ["https://jobs.example.org///[a", "https://jobs.example.org/a?[b]#[c"])
def test_an_odd_link_under_the_site_is_checked_without_an_error(tmp_path: Path, href: str) -> None:
    [link] = check_links(_output(tmp_path, "https://jobs.example.org/", href))[1]
    assert link.reason == "no such file in the built site"


def test_a_site_address_with_a_typo_is_a_usage_error(tmp_path: Path) -> None:
    output = _output(tmp_path, "https://[oops/", "/")
    result = run_cli("links", str(output))
    assert result.returncode == 2, result.stderr
    said = f"error: {output}/vacancies.json's site: 'https://[oops/' is not the site's address; {BRACKETS}"
    assert said in result.stderr
    result = run_cli("links", str(output), "--base-url", "https://jobs.example.org:x/")
    assert result.returncode == 2, result.stderr
    said = f"error: --base-url: 'https://jobs.example.org:x/' is not the site's address; {PORT}"
    assert said in result.stderr
