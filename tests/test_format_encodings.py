"""`check --format` and `diff` give valid output for any name, under any locale and stdout encoding.

A folder whose name is not UTF-8 (as an old zip archive writes names) reaches Python as lone
surrogates (surrogateescape), which no UTF-8 output can hold. Whatever LC_ALL and
PYTHONIOENCODING say, each command exits as documented (1: content problems; `diff` 0), and:
- `json`, `github`, `markdown` and `diff` write UTF-8, the JSON parses, each GitHub command
  is one well-escaped line, and the name reads `caf\\xe9`, the same in every format;
- the text format (in the locale's encoding) names it `caf\\xe9` too, rather than failing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_site
from markdown_it import MarkdownIt

NOW = "2024-11-01"
LOCALES = ("C", "C.UTF-8", "POSIX", "en_US.UTF-8")
ENCODINGS = (None, "ascii", "utf-8", "latin-1")
COMMANDS = ("text", "json", "github", "markdown", "diff")
NAME = "caf\\xe9"  # how every format shows the byte 0xE9 of a name
GITHUB_LINE = re.compile(
    r"::(error|warning) file=[^,:\r\n]+(,line=\d+)?,title=Content (error|warning)::[^\r\n]*"
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Outside git: content whose vacancy and page folders are named in latin-1, and two builds
    (pages only, with a title in French) whose newer one has such a page."""
    root = tmp_path_factory.mktemp("encodings")
    content = copy_site("basic", root)
    for folder in ("vacancies", "pages"):
        os.mkdir(os.path.join(os.fsencode(content), folder.encode(), b"caf\xe9"))
    for side, names in (("old", [b"about"]), ("new", [b"about", b"caf\xe9"])):
        for name in names:
            page = os.path.join(os.fsencode(root), side.encode(), name, b"index.html")
            os.makedirs(os.path.dirname(page))
            with open(page, "wb") as file:
                file.write(f"<title>À propos d’{side} – {name.decode('latin-1')}</title>".encode())
    return root


def run(args: list[str], cwd: Path, locale: str, encoding: str | None) -> subprocess.CompletedProcess[bytes]:
    """The command as bytes, under exactly this locale and stdout encoding."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO", "PYTHONUTF8"))}
    env.update({"LC_ALL": locale, **({"PYTHONIOENCODING": encoding} if encoding else {})})
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=120, check=False)


def rendered_text(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: f"PYTHONIOENCODING={e or 'unset'}")
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_format_is_valid_whatever_the_locale(
    command: str, locale: str, encoding: str | None, workspace: Path
) -> None:
    args = (
        ["diff", "old", "new"] if command == "diff" else ["check", "--content", "content-basic", "--now", NOW]
    )
    result = run(
        [*args, "--format", command] if command not in ("text", "diff") else args, workspace, locale, encoding
    )
    assert result.returncode == (0 if command == "diff" else 1), result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr

    if command == "text":  # for people: in the locale's encoding, what it cannot hold escaped
        stdout = result.stdout.decode(encoding or "utf-8")
        stderr = result.stderr.decode(encoding or "utf-8")
        assert f"content-basic/vacancies/{NAME}: there is no language file" in stderr
        assert f"content-basic/pages/{NAME}: the page folder name '{NAME}' is not allowed" in stderr
        assert stdout.endswith("Check failed: 4 errors, 0 warnings.\n")
        return
    output = result.stdout.decode("utf-8")  # machines read UTF-8, whatever the locale
    if command == "json":
        problems = json.loads(output)
        assert [p["file"] for p in problems] == [
            f"content-basic/pages/{NAME}",
            f"content-basic/pages/{NAME}",
            f"content-basic/vacancies/{NAME}",
            f"content-basic/vacancies/{NAME}/vacancy.yaml",
        ]
        assert problems[0]["message"].startswith(f"the page folder name '{NAME}' is not allowed")
    elif command == "github":
        lines = output.splitlines()
        assert len(lines) == 4 and all(GITHUB_LINE.fullmatch(line) for line in lines), output
        assert lines[0].startswith(f"::error file=content-basic/pages/{NAME},title=Content error::")
        assert f"the page folder name '{NAME}' is not allowed" in lines[0]
    else:  # markdown, diff: the name reads the same once rendered
        html = rendered_text(output)
        if command == "markdown":
            assert f"<td>content-basic/vacancies/{NAME}</td>" in html
            assert f"the page folder name '{NAME}' is not allowed" in html.replace("&#x27;", "'")
        else:
            assert f"<td>/{NAME}/</td>" in html
            assert "<td>À propos d’new – café</td>" in html  # the title was UTF-8 all along


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: f"PYTHONIOENCODING={e or 'unset'}")
def test_a_build_names_an_output_folder_that_is_not_utf8(encoding: str | None, workspace: Path) -> None:
    """The last line names the output folder: in any encoding, its undecodable byte as \\xe9."""
    good = copy_site("basic", workspace / f"good-{encoding}")
    output = f"site-{encoding}-caf".encode() + b"\xe9"  # in the working folder
    args = ["build", "--content", str(good), "--now", NOW, "--no-search", "--no-cache", "--output"]
    result = run([*args, os.fsdecode(output)], workspace, "C.UTF-8", encoding)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert f"into site-{encoding}-{NAME}/ (en, fr;".encode() in result.stdout
