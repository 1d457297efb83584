"""Unit tests of `new vacancy REF` and `new page NAME`."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import run_cli

from generator.common.problems import Report, UsageError
from generator.content.loader import load_content
from generator.content.models import Content
from generator.content.validate import validate_content
from generator.tools.scaffold import scaffold

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    return root


def _validate(root: Path) -> tuple[Content | None, Report]:
    report = Report()
    return validate_content(load_content(root, report), report), report


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(folder.iterdir())}


def test_new_vacancy_passes_validation(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scaffold("vacancy", "241490", content) == 0
    folder = content / "vacancies" / "241490"
    assert sorted(_files(folder)) == ["en.md", "fr.md", "vacancy.yaml"]
    assert "241490" in capsys.readouterr().out
    result, report = _validate(content)
    assert result is not None, [p.format() for p in report]
    assert [p.format() for p in report.errors() if "241490" in p.path] == []
    # Only its placeholders keep it from being published with --strict (tests/test_placeholders.py).
    unfinished = [p for p in report.errors(strict=True) if "241490" in p.path]
    assert unfinished and all("placeholder" in p.message for p in unfinished), unfinished
    vacancy = next(v for v in result.vacancies if v.reference == "241490")
    today = date.today()
    assert vacancy.published == today
    assert vacancy.deadline.date() == today + timedelta(weeks=4)
    assert vacancy.deadline.strftime("%H:%M") == "23:59"
    assert vacancy.grades == ("G17",)  # the lowest grade with a figure in the newest revision
    assert sorted(vacancy.words) == ["en", "fr"]
    assert vacancy.words["fr"].title == "Intitulé du poste"


def test_new_vacancy_explains_every_field(content: Path) -> None:
    scaffold("vacancy", "241490", content)
    text = (content / "vacancies" / "241490" / "vacancy.yaml").read_text("utf-8")
    for key in (
        "reference",
        "grade",
        "division",
        "location",
        "schedule",
        "contract",
        "published",
        "deadline",
        "salary",
        "status",
        "language_levels",
        "apply_url",
    ):
        assert f"{key}:" in text, key
    assert 'reference: "241490"' in text
    body = (content / "vacancies" / "241490" / "fr.md").read_text("utf-8")
    assert body.startswith("---\ntitle: ")
    assert "## À propos du poste" in body


def test_new_vacancy_follows_the_site_languages(content: Path) -> None:
    site = content / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("[en, fr]", "[en, fr, de]"), "utf-8")
    scaffold("vacancy", "PDD-2025-01", content)
    assert sorted(_files(content / "vacancies" / "PDD-2025-01")) == [
        "de.md",
        "en.md",
        "fr.md",
        "vacancy.yaml",
    ]


def test_new_vacancy_is_valid_on_a_site_without_english(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "vacancies").mkdir(parents=True)
    shutil.copy(BASIC / "salary-scale.yaml", root / "salary-scale.yaml")
    (root / "site.yaml").write_text(
        "languages: [fr, nl]\n"
        "base_url: https://jobs.example.org/\n"
        "timezone: Europe/Brussels\n"
        "title: {fr: Emplois, nl: Vacatures}\n"
        "organisation: {fr: Organisation, nl: Organisatie}\n"
        "divisions:\n"
        "  OPS: {fr: Division Opérations, nl: Afdeling Operaties}\n",
        "utf-8",
    )
    assert scaffold("vacancy", "241490", root) == 0
    assert sorted(_files(root / "vacancies" / "241490")) == ["fr.md", "nl.md", "vacancy.yaml"]
    result, report = _validate(root)
    assert report.errors() == [], [p.format() for p in report.errors()]
    assert result is not None


def test_existing_reference_is_refused(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = content / "vacancies" / "100001"
    before = _files(folder)
    assert scaffold("vacancy", "100001", content) == 1
    assert "already exists" in capsys.readouterr().err
    assert _files(folder) == before


@pytest.mark.parametrize("name", ["../x", "a/b", "", "-x", "x y", ".hidden", "250999\n", "250999\nx"])
def test_bad_reference_is_a_usage_error(content: Path, name: str) -> None:
    before = sorted(p.name for p in (content / "vacancies").iterdir())
    with pytest.raises(UsageError):
        scaffold("vacancy", name, content)
    assert sorted(p.name for p in (content / "vacancies").iterdir()) == before
    assert not (content / "x").exists() and not (content.parent / "x").exists()


def test_new_page_passes_validation(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scaffold("page", "internships", content) == 0
    folder = content / "pages" / "internships"
    assert sorted(_files(folder)) == ["en.md", "fr.md", "page.yaml"]
    assert "internships" in capsys.readouterr().out
    result, report = _validate(content)
    assert result is not None, [p.format() for p in report]
    page = next(p for p in result.pages if p.name == "internships")
    assert page.menu is True and page.order == 10
    assert page.words["en"].slug == "internships"  # written, so a title edit never moves the page
    assert page.words["fr"].slug == "internships"


@pytest.mark.parametrize("name", ["Internships", "../x", "my page", "-x", "benefits\n"])
def test_bad_page_name_is_a_usage_error(content: Path, name: str) -> None:
    with pytest.raises(UsageError):
        scaffold("page", name, content)
    assert sorted(p.name for p in (content / "pages").iterdir()) == ["about"]


def test_existing_page_is_refused(content: Path) -> None:
    before = _files(content / "pages" / "about")
    assert scaffold("page", "about", content) == 1
    assert _files(content / "pages" / "about") == before


def _built_site(folder: Path) -> Path:
    """A folder shaped like the output of a build: what `new` must never write into."""
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "index.html").write_text("<!doctype html><title>Jobs</title>", "utf-8")
    (folder / ".careers-site-generator").write_text("built\n", "utf-8")
    return folder


@pytest.mark.parametrize("kind", ["vacancy", "internship", "page"])
def test_new_writes_only_into_a_content_folder(kind: str, tmp_path: Path) -> None:
    output = _built_site(tmp_path / "output")
    before = sorted(str(p.relative_to(output)) for p in output.rglob("*"))
    for folder in (output, tmp_path / "nowhere", tmp_path / "nowhere" / "deeper"):
        with pytest.raises(UsageError) as refused:
            scaffold(kind, "250001" if kind != "page" else "benefits", folder)
        assert str(refused.value) == (
            f"{folder} is not a content folder (no site.yaml); "
            "run the command from the project, or give --content DIR"
        )
    assert sorted(str(p.relative_to(output)) for p in output.rglob("*")) == before
    assert not (tmp_path / "nowhere").exists()


def test_new_outside_a_content_folder_is_exit_code_2(tmp_path: Path) -> None:
    output = _built_site(tmp_path / "output")
    result = run_cli("new", "vacancy", "250001", "--content", str(output))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {output} is not a content folder (no site.yaml); run the command from the project, "
        "or give --content DIR\n"
    )
    assert not (output / "vacancies").exists()
