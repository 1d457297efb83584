"""`diff OLD NEW` reads a build of another version: what it cannot read is named, never guessed.

The base branch's build may come from an older (or newer) generator, whose vacancies.json has
another shape. Whatever it holds, `diff` exits 0, compares the pages, compares the vacancies it
can read, and says in the summary (and as a warning on stderr) which file held what it left out.
A vacancy it cannot read is left out on both sides: never reported as opened or closed for that.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from generator.tools.diff_vacancies import MAX_SKIPPED

NOT_COMPARED = "vacancies are not compared, only pages"
LEFT_OUT = "the vacancies they hold are left out of the comparison"


def vacancy(reference: str, status: str, title: str) -> dict[str, object]:
    return {"reference": reference, "kind": "post", "status": status, "languages": {"en": {"title": title}}}


NEW = {
    "site": {"base_url": "https://jobs.example.org/"},
    "vacancies": [
        vacancy("100001", "open", "Harbour Pilot"),
        vacancy("100002", "open", "Lighthouse Keeper"),
        vacancy("100003", "open", "Ferry Clerk"),
    ],
}


def write_build(folder: Path, vacancies_json: bytes | None, *pages: str) -> Path:
    """A built site as far as `diff` looks: pages (each with its <title>) and vacancies.json."""
    for name in pages:
        page = folder / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<title>{name.title()}</title>", "utf-8")
    if vacancies_json is not None:
        folder.mkdir(exist_ok=True)
        (folder / "vacancies.json").write_bytes(vacancies_json)
    return folder


def run_diff(tmp_path: Path, old: bytes | None, new: bytes | None = None) -> tuple[list[str], list[str]]:
    """`diff old new` from tmp_path: the summary's lines and stderr's; checks the exit code."""
    write_build(tmp_path / "old", old, "harbour")
    write_build(tmp_path / "new", json.dumps(NEW).encode() if new is None else new, "harbour", "ferry")
    result = run_cli("diff", "old", "new", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[lines.index("### Pages added (1)") + 4] == "| /ferry/ | Ferry |"
    )  # pages compared all the same
    return lines, result.stderr.splitlines()


def not_compared(lines: list[str]) -> list[str]:
    start = lines.index("**Not compared:**") + 1
    return lines[start : lines.index("", start)]


SHAPES = {
    "invalid JSON": (b'{"vacancies": [', "not valid JSON: Expecting value: line 1 column 16 (char 15)"),
    "not UTF-8": (
        b'{"vacancies": [{"reference": "caf\xe9"}]}',
        "not valid JSON: 'utf-8' codec can't decode byte 0xe9 in position 33: invalid continuation byte",
    ),
    "a list at the top": (b"[]", "a list at the top, where this version reads a mapping"),
    "null at the top": (b"null", "null at the top, where this version reads a mapping"),
    "no vacancies": (b'{"site": {}}', "'vacancies' is missing, where this version reads a list"),
    "vacancies a mapping": (
        b'{"vacancies": {}}',
        "'vacancies' is a mapping, where this version reads a list",
    ),
    "nested too deeply": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply to read"),
    "no file": (None, "no such file"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_vacancies_file_it_cannot_read_leaves_vacancies_uncompared(shape: str, tmp_path: Path) -> None:
    old, message = SHAPES[shape]
    lines, stderr = run_diff(tmp_path, old)
    assert not_compared(lines) == [f"- old/vacancies.json: {message}; {NOT_COMPARED}"]
    assert stderr == [f"old/vacancies.json: warning: {message}; {NOT_COMPARED}"]
    # Not "every vacancy opens", not "none opens or closes": nothing is said of them.
    assert not any(line.startswith(("**Opens", "**Closes", "No vacancy")) for line in lines)


def test_the_newer_build_is_read_the_same_way(tmp_path: Path) -> None:
    lines, stderr = run_diff(tmp_path, json.dumps(NEW).encode(), b'{"vacancies": null}')
    message = f"'vacancies' is null, where this version reads a list; {NOT_COMPARED}"
    assert not_compared(lines) == [f"- new/vacancies.json: {message}"]
    assert stderr == [f"new/vacancies.json: warning: {message}"]


def test_entries_of_another_shape_are_left_out_and_the_others_compared(tmp_path: Path) -> None:
    old = {
        "vacancies": [
            ["100001", "open"],  # a list where a mapping was
            None,
            {"reference": "100001", "state": "open"},  # no status: 100001 is left out of both builds
            {"status": "open"},
            {"reference": 100002, "status": "open", "languages": ["Lighthouse Keeper"]},  # no title to read
            vacancy("100004", "open", "Dock Porter"),
        ]
    }
    lines, stderr = run_diff(tmp_path, json.dumps(old).encode())
    message = (
        "4 of 6 entries cannot be read: entry 1 is a list, entry 2 is null, entry 3 (100001) has no status,"
        " entry 4 has no reference"
    )
    assert not_compared(lines) == [f"- old/vacancies.json: {message}; {LEFT_OUT}"]
    assert stderr == [f"old/vacancies.json: warning: {message}; {LEFT_OUT}"]
    assert lines[lines.index("**Opens:**") + 1 :][:2] == ["- vacancy 100003 (Ferry Clerk)", ""]
    assert lines[lines.index("**Closes:**") + 1 :][:2] == [
        "- vacancy 100004 (Dock Porter): no longer on the site",
        "",
    ]


def test_a_long_list_of_entries_it_cannot_read_is_cut(tmp_path: Path) -> None:
    lines, _ = run_diff(tmp_path, json.dumps({"vacancies": [None] * (MAX_SKIPPED + 3)}).encode())
    [line] = not_compared(lines)
    named = ", ".join(f"entry {number} is null" for number in range(1, MAX_SKIPPED + 1))
    count = MAX_SKIPPED + 3
    assert (
        line
        == f"- old/vacancies.json: {count} of {count} entries cannot be read: {named}, and 3 more; {LEFT_OUT}"
    )
