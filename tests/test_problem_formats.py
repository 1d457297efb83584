"""`check --format`: GitHub annotations, JSON and Markdown say what the text says, exit codes unchanged.

The Markdown of the job summary (`check --format markdown` and `diff`) shows every value as
typed: for any text, each line renders (CommonMark with HTML, as GitHub does) to that text and
no link, image, HTML or other markup of its own.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import SITES, copy_site, run_cli
from hostile_inputs import ODD_NAMES, ODD_TEXTS
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.common.problems import Problem, Severity
from generator.content.translation_status import TranslationStatus
from generator.tools.diff_vacancies import Vacancy
from generator.tools.problem_formats import (
    escape_data,
    escape_property,
    github_command,
    markdown_text,
    plain_line,
    problem_row,
    repository_path,
    translation_row,
)
from generator.tools.site_diff import closed_line, opened_line, page_row, unread_line

NOW = "2024-11-01"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def git_repository(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A git repository whose content (in site/content) has one error and one missing translation."""
    repository = git_repository(tmp_path / "repo")
    (repository / "site").mkdir()
    content = copy_site("basic", repository / "site")
    _replace(content / "vacancies/100002/vacancy.yaml", "division: PDD", "division: PPD")
    return content


def test_data_and_properties_are_escaped_as_github_reads_them() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = Problem("content/a,b:c.yaml", 0, "x: 50% off", "one\ntwo", Severity.WARNING)
    assert github_command(problem, Path.cwd()) == (
        "::warning file=content/a%2Cb%3Ac.yaml,title=Content warning::x: 50%25 off; one%0Atwo"
    )


def test_github_names_files_from_the_top_of_the_repository(broken: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = run_cli("check", "--content", str(broken), "--now", NOW, cwd=elsewhere)
    github = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "github", cwd=elsewhere)
    assert text.returncode == github.returncode == 1
    assert github.stdout.splitlines() == [
        "::error file=site/content-basic/vacancies/100002/vacancy.yaml,line=3,title=Content error::"
        "division: \"PPD\" is not one of OPS, PDD; did you mean 'PDD'?",
    ]
    assert github.stderr == ""
    # The same message as the text format, which names the file as given.
    assert f'{broken}/vacancies/100002/vacancy.yaml:3: division: "PPD" is not one of OPS, PDD' in text.stderr


def test_json_lists_every_problem_with_its_severity(broken: Path) -> None:
    _replace(broken / "vacancies/100002/vacancy.yaml", "division: PPD", "division: PDD")
    result = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "json", cwd=broken)
    assert result.returncode == 0
    problems = json.loads(result.stdout)
    assert problems == [
        {
            "file": "site/content-basic/vacancies/100003/fr.md",
            "line": None,
            "severity": "warning",
            "message": "vacancy 100003 is not translated into fr; it is published in en only",
            "hint": "write fr.md in 100003/ (build --strict fails until then)",
        }
    ]
    strict = run_cli("check", "--strict", "--content", str(broken), "--now", NOW, "--format", "json")
    assert strict.returncode == 1
    assert [p["severity"] for p in json.loads(strict.stdout)] == ["error"]


def test_outside_git_files_are_named_from_the_working_folder(tmp_path: Path) -> None:
    result = run_cli("check", "--content", str(SITES / "basic"), "--now", NOW, "--format", "json", cwd=SITES)
    assert result.returncode == 0
    # tests/sites is inside this repository, so its top is the repository's.
    assert json.loads(result.stdout)[0]["file"] == "tests/sites/basic/vacancies/100003/fr.md"
    content = copy_site("basic", tmp_path)
    outside = run_cli("check", "--content", "content-basic", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert json.loads(outside.stdout)[0]["file"] == "content-basic/vacancies/100003/fr.md"
    assert content.is_dir()


def test_markdown_reports_problems_and_translations(broken: Path) -> None:
    _replace(broken / "vacancies/100001/vacancy.yaml", "{en: Brussels, fr: Bruxelles}", '"A | <b>B</b>"')
    result = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "markdown")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "**Check failed:** 1 error, 1 warning." in lines
    assert (
        "| site/content-basic/vacancies/100002/vacancy.yaml | 3 | "
        "division: \"PPD\" is not one of OPS, PDD; did you mean 'PDD'? |"
    ) in lines
    # The error does not hide the translations of what has none: every problem is shown at once.
    assert "Of the vacancies and pages without errors:" in lines
    assert "| vacancy 100003 | en | fr | - |" in lines
    text = run_cli("check", "--content", str(broken), "--now", NOW)
    assert text.returncode == 1
    assert "Translations (of the vacancies and pages without errors; stale judged" in text.stdout
    assert "  vacancy 100003: en; missing: fr" in text.stdout

    _replace(broken / "vacancies/100002/vacancy.yaml", "division: PPD", "division: PDD")
    valid = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "markdown")
    assert valid.returncode == 0
    assert "| vacancy 100003 | en | fr | - |" in valid.stdout.splitlines()
    assert "<b>" not in valid.stdout
    assert "so every language shows 'A &#124; &lt;b&gt;B&lt;/b&gt;'; write one text per" in valid.stdout


def test_usage_mistakes_keep_exit_code_2() -> None:
    result = run_cli("check", "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr


# --- Markdown: values as typed ------------------------------------------------------------------

TRACKERS = (
    "![x](https://tracker.example/p.gif)",
    "[click](https://evil.example)",
    "<img src=https://tracker.example/p.gif>",
    "<a href='https://evil.example'>G17</a>",
    "[click][1]\n\n[1]: https://evil.example",
    "<https://evil.example>",
    "``a` | `b``",
    "\\[click\\](https://evil.example)",
    "&lt;img src=x&gt; &#60;b&#62;",
    "# heading",
    "1. first",
    "- [ ] task",
    "> quote",
    "***bold***  ~~gone~~ $x$ <!-- hidden -->",
)
MARKUP = "[]()!<>`*_~|\\#-+=.:/&;$ \nwx1"
# Any text, lone surrogates (names that are not UTF-8) included; markup-heavy text; known payloads.
TEXTS = st.one_of(
    st.text(st.characters(exclude_categories=())),
    st.text(st.sampled_from(MARKUP)),
    st.sampled_from(TRACKERS + ODD_TEXTS + ODD_NAMES),
)


def shown(markdown: str, columns: int = 0) -> list[str]:
    """The text of each leaf block (a table cell, a list item) as GitHub would show it; fails on
    any token but text in them (a link, an image, HTML, code, emphasis, a line break) and on any
    block but the table of `columns` columns, or the one list item, that the line is in."""
    head = f"|{' a |' * columns}\n|{'---|' * columns}\n" if columns else ""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(head + markdown)
    blocks = {t.type for t in tokens} - {"inline", "paragraph_open", "paragraph_close"}
    parts = ("table", "thead", "tbody", "tr", "th", "td") if columns else ("bullet_list", "list_item")
    assert blocks == {f"{part}_{side}" for part in parts for side in ("open", "close")}, markdown
    texts = []
    for token in tokens:
        if token.type == "inline":
            children: list[Any] = token.children or []
            assert {child.type for child in children} <= {"text"}, (markdown, children)
            texts.append("".join(child.content for child in children))
    return texts[columns:]


def same(rendered: str, text: str) -> bool:
    """Shown as typed: the text on one line, control characters and undecodable bytes escaped
    (as in the text format); a renderer may trim white space at a cell's ends."""
    return rendered.strip() == plain_line(text).strip()


@given(path=TEXTS, message=TEXTS, hint=TEXTS)
@example(path="content/vacancies/caf\udce9", message=TRACKERS[0], hint=TRACKERS[1])
@example(path="no\x00file", message="", hint="")
def test_a_problem_row_shows_its_values_as_typed(path: str, message: str, hint: str) -> None:
    problem = Problem(path, 3, message, hint)
    [where, line, what] = shown(problem_row(problem, Path.cwd()), 3)
    assert (
        same(where, repository_path(path, Path.cwd()))
        and line == "3"
        and same(what, f"{message}; {hint}" if hint else message)
    )


@given(label=TEXTS, languages=st.lists(TEXTS, max_size=3))
def test_a_translation_row_shows_its_values_as_typed(label: str, languages: list[str]) -> None:
    status = TranslationStatus(None, label, tuple(languages), tuple(languages), ())  # type: ignore[arg-type]
    [item, present, missing, stale] = shown(translation_row(status), 4)
    joined = ", ".join(languages)
    assert same(item, label) and same(present, joined) and stale == "-"
    assert missing == "-" if not plain_line(joined) else same(missing, joined)


@given(reference=TEXTS, title=TEXTS, why=TEXTS)
@example(reference="241490", title=TRACKERS[2], why=TRACKERS[6])
def test_the_vacancies_a_diff_names_show_as_typed(reference: str, title: str, why: str) -> None:
    vacancy = Vacancy(reference, title, "post", "open")
    [opened] = shown(opened_line(vacancy))
    assert same(opened, vacancy.label)
    [closed] = shown(closed_line(vacancy, why))
    assert same(closed, f"{plain_line(vacancy.label)}: {plain_line(why)}")


@given(path=TEXTS, title=TEXTS)
def test_the_pages_a_diff_names_show_as_typed(path: str, title: str) -> None:
    [where, named] = shown(page_row(path, title), 2)
    assert same(where, path) and same(named, title)


@given(path=TEXTS, message=TEXTS)
@example(path="# heading", message="")
@example(path="1. first", message="")
@example(path="2) second", message="")
@example(path="- item", message="")
@example(path="+ item", message="")
def test_what_a_diff_could_not_compare_shows_as_typed(path: str, message: str) -> None:
    [line] = shown(unread_line(Problem(path, 0, message, "left out")))
    assert same(line, f"{path}: {message}; left out")


def test_addresses_are_not_made_links_by_github() -> None:
    """GitHub (cmark-gfm) links a bare https://… or www.… address; an escape stops it."""
    assert markdown_text("see https://evil.example/p and www.evil.example") == (
        "see https\\://evil.example/p and www\\.evil.example"
    )


def test_a_grade_typed_as_a_link_stays_text_in_the_summary(broken: Path) -> None:
    _replace(broken / "vacancies/100002/vacancy.yaml", "division: PPD", "division: PDD")
    _replace(
        broken / "vacancies/100001/vacancy.yaml", "grade: ", "grade: '![x](https://tracker.example/p.gif)' #"
    )
    result = run_cli("check", "--content", str(broken), "--now", NOW, "--format", "markdown")
    assert result.returncode == 1
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(result.stdout)
    assert "<img" not in html and "<a " not in html
    assert "![x](https://tracker.example/p.gif)" in html
