"""End to end: the shipped content, as a newcomer's `make site` builds it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CONTENT, Site, copy_site, run_cli

TODAY = "2026-11-23"  # both seed vacancies are past their deadlines
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.fixture(scope="module")
def today(tmp_path_factory: pytest.TempPathFactory) -> Site:
    output = tmp_path_factory.mktemp("shipped") / "output"
    result = run_cli("build", "--strict", "--content", str(CONTENT), "--output", str(output), "--now", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not even a warning in the shipped content
    return Site(output)


def test_shipped_content_is_valid_and_complete_in_both_languages() -> None:
    result = run_cli("check", "--strict", "--content", str(CONTENT))
    assert result.returncode == 0, result.stderr
    assert "missing" not in result.stdout


def test_with_no_open_vacancy_the_listing_says_so_and_points_elsewhere(today: Site) -> None:
    english = today.page("/en/vacancies/")
    assert "There are no open vacancies at the moment." in english.text
    assert "/en/archive/" in english.hrefs() and "/en/internships/" in english.hrefs()
    french = today.page("/fr/postes-vacants/")
    assert "Aucun poste n’est ouvert aux candidatures pour le moment." in french.text
    assert "/fr/archives/" in french.hrefs() and "/fr/stages/" in french.hrefs()
    assert "No vacancy is open at the moment." in today.page("/en/").text


def test_closed_seed_vacancies_are_in_the_archive_without_apply_link(today: Site) -> None:
    archive = today.page("/en/archive/").hrefs()
    assert "/en/vacancies/241490/" in archive and "/en/vacancies/PDD-LOCAL-001/" in archive
    page = today.page("/fr/postes-vacants/241490/")
    assert "Cette vacance de poste est clôturée" in page.text
    assert "https://www.nato.int/recruitment" not in page.hrefs()  # no Apply button


def test_vacancy_241490_while_open(tmp_path: Path) -> None:
    output = tmp_path / "out"
    result = run_cli("build", "--content", str(CONTENT), "--output", str(output), "--now", "2024-11-01")
    assert result.returncode == 0, result.stderr
    site = Site(output)
    english, french = site.page("/en/vacancies/241490/"), site.page("/fr/postes-vacants/241490/")
    assert "€7,540.44" in english.text and "7\u202f540,44\u00a0€" in french.text
    assert "10 November 2024, 23:59" in english.text and "10 novembre 2024, 23:59" in french.text
    assert "Pending budget approval" in english.text
    assert "Sous réserve d’approbation budgétaire" in french.text
    assert "https://www.nato.int/recruitment" in english.hrefs()  # the Apply button
    assert "https://www.nato.int/recruitment" in french.hrefs()
    # Each language links to the notice's information page in that language.
    assert "https://www.nato.int/cps/en/natolive/recruit-hq-e.htm" in english.hrefs()
    assert "https://www.nato.int/cps/fr/natolive/recruit-hq-e.htm" in french.hrefs()
    assert "/en/vacancies/241490/" in site.page("/en/vacancies/").hrefs()
    # The PDD post is not published yet on that date.
    assert not site.exists("/en/vacancies/PDD-LOCAL-001/")


def test_pages_and_grades_are_built_in_both_languages(today: Site) -> None:
    for url in (
        "/en/internships/",
        "/fr/stages/",
        "/en/careers-in-international-organisations/",
        "/fr/carrieres-dans-les-organisations-internationales/",
    ):
        assert today.exists(url), url
    grades = today.page("/en/grades-and-salaries/").text
    assert "€12,340.39" in grades and "€7,540.44" in grades
    assert today.page("/en/internships/").switch()["fr"] == "/fr/stages/"


def test_a_new_vacancy_written_to_the_contract_is_built_everywhere(tmp_path: Path) -> None:
    """What an editor who has read only the content contract would write."""
    content = copy_site("shipped", tmp_path)
    bundle = content / "vacancies" / "250777"
    bundle.mkdir()
    (bundle / "vacancy.yaml").write_text(
        "reference: '250777'\n"
        "grade: G17\n"
        "division: OPS\n"
        "location: {city: {en: Brussels, fr: Bruxelles}, country: BE}\n"
        "schedule: full-time\n"
        "contract: definite\n"
        "contract_years: 3\n"
        "published: 2026-11-02\n"
        "deadline: 2026-12-14T23:59\n"
        "salary: 7540.44\n"
        "language_levels: {one: V, other: II}\n"
        "apply_url: https://careers.example.org/apply/250777\n"
    )
    (bundle / "en.md").write_text(
        "---\ntitle: Crisis Management Officer\n---\nYou will plan exercises.\n\n## Duties\n\n- Plan\n"
    )
    (bundle / "fr.md").write_text(
        "---\ntitle: Administrateur (gestion des crises)\n---\nVous planifierez des exercices.\n\n"
        "## Missions\n\n- Planifier\n"
    )
    output = tmp_path / "out"
    result = run_cli("build", "--strict", "--content", str(content), "--output", str(output), "--now", TODAY)
    assert result.returncode == 0, result.stderr
    site = Site(output)
    english, french = site.page("/en/vacancies/250777/"), site.page("/fr/postes-vacants/250777/")
    assert english.h1 == ["Crisis Management Officer"]
    assert french.h1 == ["Administrateur (gestion des crises)"]
    assert "€7,540.44" in english.text and "7\u202f540,44\u00a0€" in french.text
    assert "14 December 2026, 23:59" in english.text and "2 November 2026" in english.text
    assert "14 décembre 2026, 23:59" in french.text and "2 novembre 2026" in french.text
    assert "level II (elementary)" in english.text and "niveau II (élémentaire)" in french.text
    assert english.switch()["fr"] == "/fr/postes-vacants/250777/"
    assert "/en/vacancies/250777/" in site.page("/en/vacancies/").hrefs()
    assert "/fr/postes-vacants/250777/" in site.page("/fr/postes-vacants/").hrefs()
    assert "/en/vacancies/250777/" in site.page("/en/").hrefs()  # soonest deadlines on the home page
    locs = [el.text for el in ET.parse(output / "sitemap.xml").getroot().iter(SITEMAP_LOC)]
    assert "https://careers.example.org/en/vacancies/250777/" in locs
    assert "https://careers.example.org/fr/postes-vacants/250777/" in locs
