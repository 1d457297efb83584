"""Unit tests of site.yaml and salary-scale.yaml validation, and of the scale's lookups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.common.problems import Problem, Report, Severity
from generator.content.loader import SourceFile, parse_yaml_mapping
from generator.content.models import SalaryScale, Site
from generator.content.settings import validate_scale, validate_site

SITE = """\
languages: [en, fr]
base_url: https://jobs.example.org/careers
timezone: Europe/Brussels
title: {en: Jobs at Example, fr: Emplois chez Exemple}
organisation: {en: Example Organisation, fr: Organisation Exemple}
divisions:
  OPS: {en: Operations Division, fr: Division Opérations}
  PDD: {en: Public Diplomacy Division, fr: Division Diplomatie publique}
"""

SCALE = """\
currency: EUR
period: month
scales:
  - effective: 2024-01-01
    grades: {G17: 7540.44}
  - effective: 2022-01-01
    grades: {G15: 5000.00, G16: 5850.94, G17: 7068.58}
"""


def _site(text: str) -> tuple[Site | None, list[Problem]]:
    report = Report()
    path = Path("content/site.yaml")
    data = parse_yaml_mapping(path, text, report)
    return validate_site(SourceFile(path, data), report), list(report)


def _scale(text: str) -> tuple[SalaryScale | None, list[Problem]]:
    report = Report()
    path = Path("content/salary-scale.yaml")
    data = parse_yaml_mapping(path, text, report)
    return validate_scale(SourceFile(path, data), report), list(report)


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


# --- site.yaml ---------------------------------------------------------------------


def test_valid_site() -> None:
    site, problems = _site(SITE)
    assert problems == []
    assert site is not None
    assert site.languages == ("en", "fr")
    assert site.default_language == "en"
    assert site.timezone.key == "Europe/Brussels"
    assert site.title["fr"] == "Emplois chez Exemple"
    assert site.divisions["OPS"]["fr"] == "Division Opérations"


def test_base_url_gets_a_trailing_slash() -> None:
    site, _ = _site(SITE)
    assert site is not None and site.base_url == "https://jobs.example.org/careers/"
    site, _ = _site(SITE.replace("/careers", "/"))
    assert site is not None and site.base_url == "https://jobs.example.org/"


def test_unknown_key_says_did_you_mean() -> None:
    _, problems = _site(SITE + "titel: Jobs\n")
    [problem] = _errors(problems)
    assert problem.path == "content/site.yaml"
    assert problem.line == 9
    assert "unknown key titel" in problem.message
    assert problem.hint == "did you mean 'title'?"


def test_language_without_babel_locale() -> None:
    site, problems = _site(SITE.replace("[en, fr]", "[en, xx]"))
    assert site is None
    [problem] = _errors(problems)
    assert problem.line == 1
    assert "'xx' has no Babel locale" in problem.message


@pytest.mark.parametrize("languages", ["[en, EN]", "[en, en]", "en", "[]"])
def test_bad_languages_are_refused(languages: str) -> None:
    site, problems = _site(SITE.replace("[en, fr]", languages))
    assert site is None
    assert any(p.line == 1 and "languages" in p.message for p in _errors(problems))


def test_bad_time_zone() -> None:
    site, problems = _site(SITE.replace("Europe/Brussels", "Europe/Bruxelles"))
    assert site is None
    [problem] = _errors(problems)
    assert problem.line == 3
    assert '"Europe/Bruxelles" is not a known time zone' in problem.message


@pytest.mark.parametrize(
    "url",
    [
        "jobs.example.org",
        "ftp://jobs.example.org/",
        "https://",
        "https://jobs.example.org/?page=1",
        "/careers/",
    ],
)
def test_bad_base_url(url: str) -> None:
    site, problems = _site(SITE.replace("https://jobs.example.org/careers", url))
    assert site is None
    [problem] = _errors(problems)
    assert problem.line == 2
    assert problem.message.startswith("base_url:")


def test_missing_title_in_the_default_language_is_an_error() -> None:
    site, problems = _site(SITE.replace("{en: Jobs at Example, fr: Emplois chez Exemple}", "{fr: Emplois}"))
    assert site is None
    [problem] = _errors(problems)
    assert problem.line == 4
    assert "title has no text in en" in problem.message


def test_missing_required_key() -> None:
    site, problems = _site(SITE.replace("timezone: Europe/Brussels\n", ""))
    assert site is None
    assert any("timezone is required" in p.message for p in _errors(problems))


def test_division_without_french_name_warns_and_falls_back() -> None:
    site, problems = _site(SITE.replace(", fr: Division Diplomatie publique", ""))
    assert site is not None
    assert _errors(problems) == []
    [warning] = problems
    assert warning.severity is Severity.WARNING
    assert warning.line == 8
    assert "divisions.PDD has no text in fr" in warning.message
    assert site.text(site.divisions["PDD"], "fr") == "Public Diplomacy Division"


def test_division_name_in_an_unknown_language_is_an_error() -> None:
    _, problems = _site(SITE.replace("fr: Division Opérations", "fe: Division Opérations"))
    [problem] = _errors(problems)
    assert problem.line == 7
    assert "'fe' is not a language of the site" in problem.message
    assert "fr" in problem.hint


def test_regions_give_the_babel_locale() -> None:
    site, problems = _site(SITE + "regions: {en: GB, fr: BE}\n")
    assert problems == [] and site is not None
    assert site.locale("en") == "en_GB" and site.locale("fr") == "fr_BE"


def test_bad_region_is_refused() -> None:
    site, problems = _site(SITE + "regions: {en: gb}\n")
    assert site is None
    [problem] = _errors(problems)
    assert problem.line == 9


# --- salary-scale.yaml ------------------------------------------------------------


def test_revisions_are_sorted_oldest_first() -> None:
    scale, problems = _scale(SCALE)
    assert problems == [] and scale is not None
    assert [r.effective for r in scale.revisions] == [date(2022, 1, 1), date(2024, 1, 1)]
    assert scale.spine == ("G15", "G16", "G17")
    assert scale.currency == "EUR" and scale.period == "month"
    assert scale.revisions[1].grades == {"G17": Decimal("7540.44")}


def test_in_force_picks_the_newest_on_or_before_the_date() -> None:
    scale, _ = _scale(SCALE)
    assert scale is not None
    assert scale.in_force(date(2021, 12, 31)) is None
    assert scale.in_force(date(2022, 1, 1)).effective == date(2022, 1, 1)  # type: ignore[union-attr]
    assert scale.in_force(date(2023, 12, 31)).effective == date(2022, 1, 1)  # type: ignore[union-attr]
    assert scale.in_force(date(2024, 1, 1)).effective == date(2024, 1, 1)  # type: ignore[union-attr]
    assert scale.in_force(date(2030, 1, 1)).effective == date(2024, 1, 1)  # type: ignore[union-attr]


def test_figure_is_the_one_of_the_revision_in_force() -> None:
    scale, _ = _scale(SCALE)
    assert scale is not None
    assert scale.figure("G17", date(2023, 12, 31)) == Decimal("7068.58")
    assert scale.figure("G17", date(2024, 1, 1)) == Decimal("7540.44")
    # The 2024 revision does not list G16: no figure, even though 2022 had one.
    assert scale.figure("G16", date(2024, 6, 1)) is None
    assert scale.figure("G16", date(2023, 6, 1)) == Decimal("5850.94")
    assert scale.figure("G17", date(2021, 1, 1)) is None


def test_two_revisions_on_the_same_date_are_refused() -> None:
    scale, problems = _scale(SCALE.replace("2024-01-01", "2022-01-01"))
    assert scale is None
    [problem] = _errors(problems)
    assert problem.line == 6
    assert "two revisions are effective on 2022-01-01" in problem.message


@pytest.mark.parametrize("amount", ["-7540.44", "7540.444", "0", '"7540.44"', "true"])
def test_bad_amounts_are_refused(amount: str) -> None:
    scale, problems = _scale(SCALE.replace("7540.44", amount))
    assert scale is None
    [problem] = _errors(problems)
    assert problem.line == 5
    assert problem.message.startswith("G17:")


def test_bad_effective_date() -> None:
    scale, problems = _scale(SCALE.replace("2024-01-01", "2024-02-30"))
    assert scale is None
    [problem] = _errors(problems)
    assert problem.line == 4 and "is not a date" in problem.message


def test_grade_not_in_the_spine_is_refused() -> None:
    scale, problems = _scale("spine: [G15, G16, G17]\n" + SCALE.replace("{G17: 7540.44}", "{G18: 7540.44}"))
    assert scale is None
    [problem] = _errors(problems)
    assert problem.line == 6
    assert "grade G18 is not in the spine" in problem.message
    assert "did you mean 'G17'?" in problem.hint


def test_spine_lists_grades_without_published_figures() -> None:
    scale, problems = _scale("spine: [G20, G15, G16, G17]\n" + SCALE)
    assert problems == [] and scale is not None
    assert scale.spine == ("G15", "G16", "G17", "G20")


def test_unknown_currency_and_period() -> None:
    scale, problems = _scale(SCALE.replace("EUR", "EURO").replace("month", "week"))
    assert scale is None
    errors = _errors(problems)
    assert [p.line for p in errors] == [1, 2]
    assert "did you mean 'EUR'?" in errors[0].hint
