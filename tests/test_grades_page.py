"""The grades page shows figures a visitor can use: each grade's latest published figure with the
day it took effect, never a table that is mostly "not published" (generator/site/vacancy_views.py,
templates/grades.html)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CONTENT, SITES, Page, run_cli

from generator.content.models import SalaryScale, ScaleRevision
from generator.site.vacancy_views import Figure, grade_table

GRADES_PAGE = {"en": "en/grades-and-salaries/index.html", "fr": "fr/grades-et-traitements/index.html"}


def scale(*revisions: tuple[str, dict[str, str]]) -> SalaryScale:
    return SalaryScale(
        "EUR",
        "month",
        ("G1", "G2", "G3", "G4"),
        tuple(
            ScaleRevision(date.fromisoformat(day), {g: Decimal(v) for g, v in grades.items()})
            for day, grades in revisions
        ),
    )


def test_each_grade_shows_its_latest_figure_whichever_revision_published_it() -> None:
    table = grade_table(
        scale(("2022-01-01", {"G3": "3000.00", "G4": "4000.00"}), ("2024-01-01", {"G4": "4100.00"})),
        date(2024, 6, 1),
    )
    assert [(row.grade, row.latest, row.others) for row in table.rows] == [
        ("G4", Figure(Decimal("4100.00"), date(2024, 1, 1)), (Figure(Decimal("4000.00"), date(2022, 1, 1)),)),
        ("G3", Figure(Decimal("3000.00"), date(2022, 1, 1)), ()),  # the 2024 revision did not list it
    ]
    assert table.unpublished == (("G1", "grade-g1"), ("G2", "grade-g2"))


def test_a_figure_to_come_is_not_shown_as_the_one_in_effect() -> None:
    revisions = (("2024-01-01", {"G4": "4100.00"}), ("2027-01-01", {"G4": "4200.00", "G2": "2000.00"}))
    table = grade_table(scale(*revisions), date(2026, 12, 4))
    g4, g2 = table.rows
    assert g4.latest == Figure(Decimal("4100.00"), date(2024, 1, 1))
    assert g4.others == (Figure(Decimal("4200.00"), date(2027, 1, 1)),)
    assert g2.latest == Figure(Decimal("2000.00"), date(2027, 1, 1)) and not g2.latest.in_force_on(
        date(2026, 12, 4)
    )


def test_no_revision_at_all_leaves_every_grade_unpublished() -> None:
    table = grade_table(scale(), date(2026, 12, 4))
    assert table.rows == () and [grade for grade, _ in table.unpublished] == ["G1", "G2", "G3", "G4"]


@pytest.fixture(scope="module", params=["shipped", "basic"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = CONTENT if request.param == "shipped" else SITES / "basic"
    output = tmp_path_factory.mktemp("grades") / "output"
    args = ("build", "--content", str(content), "--output", str(output), "--now", "2026-12-04")
    result = run_cli(*args, "--no-search", "--no-cache")
    assert result.returncode == 0, result.stderr
    return output


def salary_cells(html: str) -> list[str]:
    table = re.search(r'<table class="salary-table">.*?</table>', html, re.S)
    assert table is not None, "no table of salaries"
    return re.findall(r'<tr id="grade-[^"]+">\s*<th scope="row">[^<]+</th>\s*<td>(.*?)</td>', table[0], re.S)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_at_most_a_quarter_of_the_salary_cells_say_there_is_no_figure(built: Path, language: str) -> None:
    cells = salary_cells((built / GRADES_PAGE[language]).read_text("utf-8"))
    assert cells
    figureless = [cell for cell in cells if not re.search(r"\d", cell) or "publi" in cell]
    assert len(figureless) * 4 <= len(cells), figureless


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_grade_a_vacancy_links_to_is_on_the_grades_page(built: Path, language: str) -> None:
    grades_html = (built / GRADES_PAGE[language]).read_text("utf-8")
    anchors = set(re.findall(r'id="(grade-[^"]+)"', grades_html))
    linked = set()
    for page in built.glob(f"{language}/*/*/index.html"):
        for link in Page(page.read_text("utf-8")).links:
            if "#grade-" in link.get("href", ""):
                linked.add(link["href"].split("#", 1)[1])
    assert linked and linked <= anchors, linked - anchors


def test_a_vacancy_says_why_its_salary_differs_from_the_grades_page(tmp_path: Path) -> None:
    """100002 (G15-G16, published in 2024) states no salary: the revision in effect then lists
    only G17. The grades page shows G15's latest figure, from 2022: the vacancy says why."""
    output = tmp_path / "output"
    args = ("build", "--content", str(SITES / "basic"), "--output", str(output), "--now", "2024-11-01")
    assert run_cli(*args, "--no-search", "--no-cache").returncode == 0
    differs = Page((output / "en/vacancies/100002/index.html").read_text("utf-8"))
    assert "As in effect on the day this vacancy was published." in differs.text
    assert (
        "The latest figure published for this grade is €5,000.00, in effect from 1 January 2022"
        in differs.text
    )
    assert any(link.get("href") == "/en/grades-and-salaries/" for link in differs.links)
    french = Page((output / "fr/postes-vacants/100002/index.html").read_text("utf-8")).text
    said = "Le dernier montant publié pour ce grade est de 5\u202f000,00\u00a0€, en vigueur depuis le 1er"
    assert said + " janvier 2022" in french
    agrees = Page((output / "en/vacancies/100001/index.html").read_text("utf-8"))  # G17 at €7,540.44
    assert "€7,540.44" in agrees.text and "As in effect on the day" not in agrees.text
