"""A failure while writing is one message in the user's terms: their path, the source that asked
for it, the reason in words; never a temporary path, never exit 3, never a traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import copy_site
from test_atomic_output import snapshot

import generator.publish.staged_site
from generator.__main__ import main
from generator.content.language_files import MAX_SLUG_LENGTH
from generator.publish.staged_site import address_problems

NOW = "2024-11-01"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the folder is on a read-only file system"),
        (errno.ENAMETOOLONG, "the address is too long for the file system"),
    ],
)
def test_a_write_failure_names_the_users_path_and_its_source(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    reason: str,
) -> None:
    content = copy_site("basic", tmp_path)
    output = tmp_path / "output"
    arguments = ["build", "--content", str(content), "--output", str(output), "--now", NOW, "--no-cache"]
    assert main(arguments) == 0
    before = snapshot(output)
    write_bytes = generator.publish.staged_site.Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        if self.name == "index.html" and "100001" in str(self):
            raise OSError(code, os.strerror(code), str(self))  # the staging path, as the OS says it
        return write_bytes(self, data)

    monkeypatch.setattr(generator.publish.staged_site.Path, "write_bytes", failing)
    capsys.readouterr()
    assert main(arguments) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"error: cannot write {output}/en/vacancies/100001/index.html (asked for by ")
    assert f"(asked for by {content}/vacancies/100001)" in said  # its folder: the address is its name
    assert f": {reason}; {output}/ was not changed" in said
    assert ".output.new" not in said and "Traceback" not in said
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content-basic", "output"]


def test_a_slug_too_long_for_an_address_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = copy_site("basic", tmp_path)
    words = content / "pages" / "about" / "en.md"
    text = words.read_text("utf-8")
    words.write_text(text.replace("---\n", f"---\nslug: {'a' * 300}\n", 1), "utf-8")
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out"), "--now", NOW]) == 1
    said = capsys.readouterr().err
    assert f"{words}:2: slug: the address it gives is 300 characters long" in said
    assert f"at most {MAX_SLUG_LENGTH}" in said
    assert "Errno" not in said and not (tmp_path / "out").exists()


def test_a_title_too_long_for_an_address_asks_for_a_slug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = copy_site("basic", tmp_path)
    words = content / "pages" / "about" / "fr.md"
    lines = [
        line for line in words.read_text("utf-8").splitlines(keepends=True) if not line.startswith("slug:")
    ]
    title_line = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[title_line] = f"title: {'Très long titre ' * 20}\n"
    words.write_text("".join(lines), "utf-8")
    assert main(["check", "--content", str(content), "--now", NOW]) == 1
    said = capsys.readouterr().err
    assert f"{words}:{title_line + 1}: title: the address it gives is" in said
    assert "write a shorter line `slug: short-name`" in said


def test_address_problems_measure_parts_in_bytes_and_the_whole_path(tmp_path: Path) -> None:
    ok = ("en/" + "é" * 127 + "/index.html", "a.md")  # 254 bytes
    long_part = ("en/" + "é" * 128 + "/index.html", "b.md")  # 256 bytes
    assert address_problems([ok], tmp_path) == []
    [(source, message, _)] = address_problems([long_part], tmp_path)
    assert source == "b.md" and "a part of 256 bytes; at most 255 fit" in message
    deep = tmp_path / ("d" * 200) / ("e" * 200)
    many = ("/".join(["x" * 250] * 16) + "/index.html", "c.md")
    [(source, message, hint)] = address_problems([many], deep)
    assert source == "c.md" and "is too long to be written under" in message
    assert hint == "build into a folder with a shorter path"
