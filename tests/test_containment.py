"""Read only what was given: symbolic links never lead the build out of its folders
(generator/common/containment.py).

A link committed in a pull request to a file of the machine that builds the site
(here a stand-in for an environment dump holding a secret) must be reported at
its path and never read, let alone published.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_site, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.common.containment import link_problem, target_problem

NOW = "2024-11-01"
SECRET = "AWS_SECRET_ACCESS_KEY=do-not-publish-me"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "runner" / "environment.txt"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: {SECRET}\n---\n\n{SECRET}\n", "utf-8")
    return path


def build(content: Path, output: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW, *extra)
    return result.returncode, result.stdout + result.stderr


def published(output: Path) -> str:
    if not output.exists():
        return ""
    return "".join(p.read_text("utf-8", "replace") for p in output.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "link",
    [
        "vacancies/100001/fr.md",  # a words file
        "vacancies/100001/vacancy.yaml",  # a facts file
        "pages/secret",  # a whole bundle folder
        "site.yaml",  # a settings file
    ],
)
def test_a_link_out_of_the_content_is_reported_at_its_path_and_never_read(
    tmp_path: Path, secret: Path, link: str
) -> None:
    content = copy_site("basic", tmp_path)
    path = content / link
    if path.exists():
        path.unlink() if path.is_file() else shutil.rmtree(path)
    path.symlink_to(secret.parent if link == "pages/secret" else secret)
    code, said = build(content, tmp_path / "output")
    assert code == 1, said
    assert f"{path}: this symbolic link leads outside the content folder, so it is not read" in said
    assert SECRET not in said
    assert SECRET not in published(tmp_path / "output")


def test_a_link_that_loops_or_leads_nowhere_is_reported(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    loop = content / "pages" / "loop"
    loop.symlink_to(loop)
    dangling = content / "vacancies" / "100001" / "fr.md"
    dangling.unlink()
    dangling.symlink_to(tmp_path / "nowhere.md")
    code, said = build(content, tmp_path / "output")
    assert code == 1
    assert f"{loop}: this symbolic link loops or leads to nothing" in said
    assert f"{dangling}: this symbolic link loops or leads to nothing" in said
    assert "Traceback" not in said


def test_a_link_that_stays_inside_the_content_is_followed(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    shared = content / "vacancies" / "100001" / "fr.md"
    other = content / "vacancies" / "100002"
    (other / "fr.md").unlink()
    (other / "fr.md").symlink_to(Path("..") / "100001" / "fr.md")  # relative, inside the tree
    code, said = build(content, tmp_path / "output")
    assert code == 0, said
    pages = tmp_path / "output" / "fr" / "postes-vacants"
    heading = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    first, second = (
        heading.findall((pages / ref / "index.html").read_text("utf-8")) for ref in ("100001", "100002")
    )
    assert first == second and "été" in first[0]  # 100002's French words are 100001's, through the link
    assert shared.is_file() and not shared.is_symlink()


def test_a_template_or_static_file_leading_out_is_refused(tmp_path: Path, secret: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    static = templates / "static" / "leak.css"
    static.symlink_to(secret)
    content = copy_site("basic", tmp_path)
    code, said = build(content, tmp_path / "output", "--templates", str(templates))
    assert code == 1, said
    assert f"{static}: this symbolic link leads outside the static folder" in said
    assert SECRET not in published(tmp_path / "output")
    static.unlink()
    partial = templates / "partials" / "leak.html"
    (templates / "base.html").write_text(
        (templates / "base.html")
        .read_text("utf-8")
        .replace("</body>", "{% include 'partials/leak.html' %}</body>"),
        "utf-8",
    )
    partial.symlink_to(secret)
    code, said = build(content, tmp_path / "output", "--templates", str(templates))
    assert code == 3, said
    assert "leads outside the templates folder" in said
    assert SECRET not in said + published(tmp_path / "output")


def test_a_catalog_leading_out_is_refused(tmp_path: Path, secret: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    catalog = templates / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.unlink()
    catalog.symlink_to(secret)
    code, said = build(copy_site("basic", tmp_path), tmp_path / "output", "--templates", str(templates))
    assert code == 1
    assert f"{catalog}: this symbolic link leads outside the locale folder" in said


def test_link_problem_looks_only_at_links(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("a", "utf-8")
    (tmp_path / "inside").symlink_to(tmp_path / "a")
    (tmp_path / "sub").mkdir()
    assert link_problem(tmp_path / "a", tmp_path / "sub") is None  # not a link: not judged
    assert link_problem(tmp_path / "inside", tmp_path) is None
    assert link_problem(tmp_path / "inside", tmp_path / "sub", "sub") == (
        "this symbolic link leads outside sub, so it is not read"
    )
    assert target_problem(tmp_path / "a", tmp_path / "sub") == (  # its real place is outside
        "this symbolic link leads outside its folder, so it is not read"
    )


def test_a_link_beside_the_content_whose_name_starts_alike_is_outside(tmp_path: Path) -> None:
    """`content-basic-private/` starts with `content-basic`, the content folder's name, and is
    beside it, not inside: a link to it leads outside."""
    content = copy_site("basic", tmp_path)
    private = content.with_name(content.name + "-private")
    private.mkdir()
    (private / "fr.md").write_text(f"---\ntitle: {SECRET}\n---\n\n{SECRET}\n", "utf-8")
    link = content / "vacancies" / "100001" / "fr.md"
    link.unlink()
    link.symlink_to(Path("..", "..", "..", private.name, "fr.md"))
    assert target_problem(link, content, "the content folder") == (
        "this symbolic link leads outside the content folder, so it is not read"
    )
    code, said = build(content, tmp_path / "output")
    assert code == 1, said
    assert f"{link}: this symbolic link leads outside the content folder, so it is not read" in said
    assert SECRET not in said + published(tmp_path / "output")


def test_a_relative_folder_is_the_one_in_the_working_folder_of_each_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's real path is remembered between calls, but never the one of another working
    folder (the property tests build in a new folder each time, in one process)."""
    for run in ("first", "second"):
        (tmp_path / run / "content").mkdir(parents=True)
        (tmp_path / run / "content" / "en.md").write_text("words", "utf-8")
        monkeypatch.chdir(tmp_path / run)
        assert target_problem("content/en.md", "content") is None, run


names = st.text("ab", min_size=1, max_size=3)


@st.composite
def layouts(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A folder's name, and a path beside it (often one whose first name starts like the
    folder's), below it, or the folder itself."""
    folder = draw(names)
    first = draw(st.one_of(st.just(folder), names.map(lambda extra: folder + extra), names))
    return folder, [first, *draw(st.lists(names, max_size=2))]


@settings(max_examples=60, deadline=None)
@given(layout=layouts())
def test_inside_means_below_the_folder_never_beside_it(layout: tuple[str, list[str]]) -> None:
    folder_name, parts = layout
    with tempfile.TemporaryDirectory() as base:
        folder, target = Path(base, folder_name), Path(base, *parts)
        target.mkdir(parents=True, exist_ok=True)
        folder.mkdir(exist_ok=True)
        link = folder / "link.md"
        link.symlink_to(target)
        inside = Path(os.path.realpath(target)).is_relative_to(os.path.realpath(folder))
        expected = None if inside else "this symbolic link leads outside its folder, so it is not read"
        assert link_problem(link, folder) == expected
