"""Nothing unfinished publishes (generator/content/placeholders.py): what `new` and `import` leave
for an editor is a warning of `check` at its line, an error of `build --strict`, and listed in the
pull-request summary; once replaced, the build passes."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CONTENT, SITES, copy_site, run_cli

from generator.common.problems import Report
from generator.content.placeholders import APPLY_URL, TITLES, WRITE_HERE, report_placeholders

NOW = "2024-11-01"
# What an editor writes in place of each placeholder.
FINISHED = {
    "Title of the post": "Logistics Officer",
    "Intitulé du poste": "Officier logistique",
    "Title of the internship": "Intern, Logistics",
    "Intitulé du stage": "Stagiaire, logistique",
    "Title of the page": "Working with us",
    "Titre de la page": "Travailler avec nous",
    "Write here.": "The post supports the division's planning work.",
    "Écrivez ici.": "Le poste appuie les travaux de planification de la division.",
    "A section": "Our teams",
    "Une section": "Nos équipes",
}


def warnings_of(path: str, text: str) -> list[tuple[int, str]]:
    report = Report()
    report_placeholders(Path(path), text, report)
    return [(p.line, p.message) for p in report]


def test_each_kind_of_placeholder_is_found_at_its_line() -> None:
    vacancy = 'reference: "1"\n# CHECK: the notice gives no grade\ngrade: G5  # CHECK: confirm\n'
    vacancy += f"apply_url: {APPLY_URL}\n"
    assert [line for line, _ in warnings_of("v/vacancy.yaml", vacancy)] == [2, 3, 4]
    words = (
        '---\ntitle: "Intitulé du poste"  # CHECK: no title found\n---\n\n'
        "## Une section\n\nÉcrivez ici.\n\nCHECK: is this still true?\n"
    )
    found = warnings_of("v/fr.md", words)
    assert [line for line, _ in found] == [2, 5, 7, 9]
    assert "no title found" in found[0][1]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Write here.\n---\nA title that quotes a placeholder is the editor's choice.\n",
        "---\ntitle: The post\n---\nWe CHECK every application. Checks: two.\n",
        "---\ntitle: The post\n---\n## A section of the division\n\nWrite here. Then there.\n",
        "---\ntitle: Title of the post, logistics\n---\nhttps://example.org/application\n",
        "---\ntitle: Apply\n---\n[Apply](https://example.org/apply/250001)\n",
    ],
)
def test_finished_text_that_resembles_a_placeholder_is_not_reported(text: str) -> None:
    assert warnings_of("v/en.md", text) == []


def test_the_shipped_content_and_the_fixtures_hold_no_placeholder() -> None:
    for root in (CONTENT, SITES / "basic"):
        for path in sorted(p for p in root.rglob("*") if p.suffix in (".md", ".yaml")):
            assert warnings_of(str(path), path.read_text("utf-8")) == [], path


def _new(content: Path, kind: str, name: str) -> Path:
    result = run_cli("new", kind, name, "--content", str(content))
    assert result.returncode == 0, result.stderr
    return content / ("pages" if kind == "page" else "vacancies") / name


def _strict_build(content: Path, output: Path) -> tuple[int, str]:
    args = ("build", "--strict", "--no-search", "--no-cache", "--now", NOW)
    result = run_cli(*args, "--content", str(content), "--output", str(output))
    return result.returncode, result.stderr


@pytest.mark.parametrize(
    ("kind", "name"), [("vacancy", "250001"), ("internship", "INT-2025-01"), ("page", "about-us")]
)
def test_a_new_bundle_fails_the_strict_build_at_each_placeholder_until_it_is_replaced(
    tmp_path: Path, kind: str, name: str
) -> None:
    content = copy_site("shipped", tmp_path)
    folder = _new(content, kind, name)
    expected = set()
    for file in sorted(folder.iterdir()):
        for number, line in enumerate(file.read_text("utf-8").split("\n"), start=1):
            if line.startswith(f"apply_url: {APPLY_URL} ") or any(
                re.search(rf"\b{re.escape(p)}(\s|$)", line) for p in FINISHED
            ):
                expected.add(f"{file.name}:{number}")
    assert expected

    check = run_cli("check", "--content", str(content))
    assert check.returncode == 0, check.stderr  # a warning: the editor may go on writing
    assert "warning: " in check.stderr and "placeholder" in check.stderr

    code, stderr = _strict_build(content, tmp_path / "output")
    assert code == 1
    named = set(re.findall(rf"{re.escape(name)}/([\w.]+:\d+): ", stderr))
    assert named == expected, stderr
    assert "Title of the" in stderr or "Titre de la page" in stderr  # says what to replace
    assert not (tmp_path / "output").exists()

    for file in folder.iterdir():
        text = file.read_text("utf-8")
        for placeholder, finished in FINISHED.items():
            text = text.replace(placeholder, finished)
        text = text.replace(APPLY_URL, "https://jobs.example.org/apply/" + name)
        file.write_text(text, "utf-8")
    code, stderr = _strict_build(content, tmp_path / "output")
    assert code == 0, stderr


def test_the_pull_request_summary_lists_the_placeholders(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    _new(content, "vacancy", "250001")
    result = run_cli("check", "--strict", "--format", "markdown", "--content", str(content))
    assert result.returncode == 1
    assert "250001/vacancy.yaml" in result.stdout and "placeholder" in result.stdout
    assert result.stdout.count("250001/en.md") >= 2  # the title and each "Write here."


def test_a_new_vacancy_comments_the_salary_the_scale_gives_its_grade(tmp_path: Path) -> None:
    """The commented salary line never contradicts the scale in force for the scaffold's grade."""
    content = copy_site("basic", tmp_path)
    text = (_new(content, "vacancy", "250001") / "vacancy.yaml").read_text("utf-8")
    grade = re.search(r"^grade: (\S+)", text, re.M)
    salary = re.search(r"^# salary: (\S+)", text, re.M)
    assert grade and salary
    scale = (content / "salary-scale.yaml").read_text("utf-8")
    in_force = [block for block in re.findall(r"effective: (\S+)\n\s+grades: \{([^}]*)\}", scale)
                if date.fromisoformat(block[0]) <= date.today()][-1]  # fmt: skip
    figures = dict(item.strip().split(": ") for item in in_force[1].split(","))
    assert Decimal(salary[1]) == Decimal(figures[grade[1]])


def test_without_a_figure_in_force_the_salary_line_gives_none(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    scale = content / "salary-scale.yaml"
    scale.write_text(scale.read_text("utf-8").replace("grades: {G17: 7540.44}", "grades: {}"), "utf-8")
    text = (_new(content, "vacancy", "250001") / "vacancy.yaml").read_text("utf-8")
    assert re.search(r"^# salary: 0000\.00 .*none in force for", text, re.M), text


def test_the_placeholder_words_are_those_the_scaffold_writes(tmp_path: Path) -> None:
    """One source: every title and paragraph the detector knows is one a scaffold can write."""
    content = copy_site("basic", tmp_path)
    written = "".join(
        file.read_text("utf-8")
        for kind, name in (("vacancy", "250001"), ("internship", "INT-2025-01"), ("page", "about-us"))
        for file in _new(content, kind, name).iterdir()
    )
    for by_language in TITLES.values():
        for language in ("en", "fr"):
            assert f"title: {by_language[language]}" in written
    for text, heading in WRITE_HERE.values():
        assert f"\n{text}\n" in written and f"## {heading}\n" in written
