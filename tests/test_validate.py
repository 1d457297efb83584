"""Unit tests of content validation: every wrong fact or word reported with file, line and hint."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from generator.build import check
from generator.common.clock import build_clock
from generator.common.problems import Problem, Report, Severity
from generator.content.language_files import slugify
from generator.content.loader import load_content
from generator.content.models import Content, Status
from generator.content.validate import validate_content

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


class Tree:
    """A copy of the basic fixture site that a test may change, then validate."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "content"
        shutil.copytree(BASIC, self.root)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def replace(self, relative: str, old: str, new: str) -> Path:
        path = self.path(relative)
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new), "utf-8")
        return path

    def write(self, relative: str, text: str) -> Path:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path

    def validate(self) -> tuple[Content | None, Report]:
        report = Report()
        return validate_content(load_content(self.root, report), report), report


VACANCY = "vacancies/100001/vacancy.yaml"
EN = "vacancies/100001/en.md"


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


def _on(report: Report, path: Path) -> list[Problem]:
    return [p for p in report if Path(p.path).resolve() == path.resolve()]


def _single_error(tree: Tree, relative: str) -> Problem:
    """Validate; there must be exactly one problem, an error on `relative`, with a line."""
    content, report = tree.validate()
    assert content is None
    problems = list(report)
    assert len(problems) == 1, [p.format() for p in problems]
    [problem] = problems
    assert problem.severity is Severity.ERROR
    assert Path(problem.path).resolve() == tree.path(relative).resolve()
    assert problem.line > 0
    return problem


def _vacancy(content: Content, reference: str):  # type: ignore[no-untyped-def]
    return next(v for v in content.vacancies if v.reference == reference)


# --- the fixture itself ----------------------------------------------------------


def test_basic_fixture_is_valid() -> None:
    report = Report()
    content = validate_content(load_content(BASIC, report), report)
    assert [p.format() for p in report] == []
    assert content is not None
    assert [v.reference for v in content.vacancies] == ["100001", "100002", "100003"]
    first = _vacancy(content, "100001")
    assert first.grades == ("G17",)
    assert first.salary == Decimal("7540.44")
    assert first.deadline.isoformat() == "2024-07-10T23:59:00+02:00"
    assert first.status is Status.OPEN
    assert first.words["fr"].slug == "administrateur-de-programme-d-ete"
    assert first.words["en"].summary == "The officer runs programmes in summer."
    assert [p.name for p in content.pages] == ["about"]


def test_slugify() -> None:
    assert slugify("Carrières à l'OTAN") == "carrieres-a-l-otan"
    assert slugify("  Assistant(e) d'hiver!  ") == "assistant-e-d-hiver"


def test_slugify_keeps_letters_that_have_no_accent_to_strip() -> None:
    # NFKD does not decompose these: they must be spelled out, not dropped ("sœur" is not "sur").
    assert slugify("Main-d'œuvre qualifiée") == "main-d-oeuvre-qualifiee"
    assert slugify("Straße") == "strasse"


# --- vacancy.yaml ----------------------------------------------------------------------


def test_reference_differs_from_folder(tree: Tree) -> None:
    tree.replace(VACANCY, 'reference: "100001"', 'reference: "100009"')
    problem = _single_error(tree, VACANCY)
    assert problem.line == 1
    assert "differs from the folder name '100001'" in problem.message


def test_unquoted_numeric_reference_stays_the_text_100001(tree: Tree) -> None:
    """YAML reads `100001` as a number: the reference must still be the text "100001", exactly as
    the folder is named, and the vacancy's address must hold it."""
    tree.replace(VACANCY, 'reference: "100001"', "reference: 100001")
    content, report = tree.validate()
    assert content is not None, [p.format() for p in report]
    reference = _vacancy(content, "100001").reference
    assert type(reference) is str and reference == "100001"
    outcome = check(tree.root, build_clock("2024-06-15"))
    assert outcome.plan is not None, [p.format() for p in outcome.report]
    addresses = {route.path for route in outcome.plan.routes if route.key == ("vacancy", "100001")}
    assert addresses == {"en/vacancies/100001/index.html", "fr/postes-vacants/100001/index.html"}


def test_unknown_grade_says_did_you_mean(tree: Tree) -> None:
    tree.replace(VACANCY, "grade: G17", "grade: G71")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 2
    assert problem.message == 'grade: "G71" is not a grade of the salary scale'
    assert problem.hint == "did you mean 'G17'?"


def test_twin_grade_is_sorted_and_reported_as_twin(tree: Tree) -> None:
    tree.replace(VACANCY, "grade: G17", "grade: [G16, G15]")
    tree.replace(VACANCY, "salary: 7540.44\n", "")
    content, report = tree.validate()
    assert content is not None, [p.format() for p in report]
    vacancy = _vacancy(content, "100001")
    assert vacancy.grades == ("G15", "G16")
    assert vacancy.twin_graded
    assert not _vacancy(content, "100003").twin_graded


@pytest.mark.parametrize(
    ("grade", "words"),
    [
        ("[G15, G16, G17]", "exactly two different grades, found 3"),
        ("[G15, G15]", "G15 is written twice"),
        ("[G15]", "found 1"),
    ],
)
def test_twin_grade_must_be_two_different_grades(tree: Tree, grade: str, words: str) -> None:
    tree.replace(VACANCY, "grade: G17", f"grade: {grade}")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 2
    assert words in problem.message


def test_unknown_division(tree: Tree) -> None:
    tree.replace(VACANCY, "division: OPS", "division: OPX")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 3
    assert problem.message == 'division: "OPX" is not one of OPS, PDD'
    assert problem.hint == "did you mean 'OPS'?"


def test_unknown_country_code(tree: Tree) -> None:
    tree.replace(VACANCY, "country: BE", "country: XX")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 4
    assert "location.country" in problem.message and "ISO 3166" in problem.message


def test_country_norway_is_not_a_boolean(tree: Tree) -> None:
    tree.replace(VACANCY, "country: BE", "country: NO")
    content, report = tree.validate()
    assert content is not None, [p.format() for p in report]
    assert _vacancy(content, "100001").location.country == "NO"


def test_city_missing_in_french_warns(tree: Tree) -> None:
    tree.replace(VACANCY, "{en: Brussels, fr: Bruxelles}", "{en: Brussels}")
    content, report = tree.validate()
    assert content is not None
    [warning] = _on(report, tree.path(VACANCY))
    assert warning.severity is Severity.WARNING and warning.line == 4
    assert "location.city has no text in fr" in warning.message


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "schedule: full-time",
            "schedule: fulltime",
            5,
            'schedule: "fulltime" is not one of full-time, part-time',
        ),
        (
            "contract: definite",
            "contract: permanent",
            6,
            'contract: "permanent" is not one of definite, indefinite, temporary',
        ),
        ("contract_years: 3", "contract_years: 0", 7, "contract_years: 0 is not a whole number from 1 to 10"),
    ],
)
def test_schedule_and_contract_choices(tree: Tree, old: str, new: str, line: int, message: str) -> None:
    tree.replace(VACANCY, old, new)
    problem = _single_error(tree, VACANCY)
    assert (problem.line, problem.message) == (line, message)


def test_deadline_in_words_is_not_a_date_time(tree: Tree) -> None:
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", "deadline: next Friday")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 9
    assert problem.message == 'deadline: "next Friday" is not a date-time'
    assert problem.hint == "write it like 2024-11-10T23:59"


def test_impossible_dates_are_refused(tree: Tree) -> None:
    tree.replace(VACANCY, "published: 2024-06-01", "published: 2024-02-30")
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", "deadline: 2024-02-30T12:00")
    content, report = tree.validate()
    assert content is None
    problems = _on(report, tree.path(VACANCY))
    assert [(p.line, p.message) for p in problems] == [
        (8, 'published: "2024-02-30" is not a date'),
        (9, 'deadline: "2024-02-30T12:00" is not a date-time'),
    ]


def test_deadline_without_a_time_is_refused(tree: Tree) -> None:
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", "deadline: 2024-07-10")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 9 and "is not a date-time" in problem.message


def test_deadline_before_published(tree: Tree) -> None:
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", "deadline: 2024-05-31T23:59")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 9
    assert "is before the published date 2024-06-01" in problem.message


def test_deadline_in_the_spring_forward_gap_is_refused(tree: Tree) -> None:
    tree.replace(VACANCY, "published: 2024-06-01", "published: 2025-03-01")
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", "deadline: 2025-03-30T02:30")
    tree.replace(VACANCY, "salary: 7540.44\n", "")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 9
    assert "2025-03-30 02:30 does not exist in Europe/Brussels" in problem.message


def _autumn_deadline(tree: Tree, deadline: str) -> tuple[Content | None, Report]:
    """The deadline at DEADLINE, in the night of 2025-10-26, when Brussels goes from +02:00 back to +01:00."""
    tree.replace(VACANCY, "published: 2024-06-01", "published: 2025-10-01")
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", f"deadline: {deadline}")
    tree.replace(VACANCY, "salary: 7540.44\n", "")
    return tree.validate()


def test_deadline_in_the_autumn_repeated_hour_is_the_first_instant_with_a_warning(tree: Tree) -> None:
    content, report = _autumn_deadline(tree, "2025-10-26T02:30")
    assert content is not None, [p.format() for p in report]
    deadline = _vacancy(content, "100001").deadline
    assert deadline.astimezone(UTC) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 02:30+02:00
    [warning] = _on(report, tree.path(VACANCY))
    assert (warning.severity, warning.line) == (Severity.WARNING, 9)
    assert warning.message == (
        "deadline: 2025-10-26 02:30 happens twice in Europe/Brussels (the clocks go back that night); "
        "it is read as the first, 02:30+02:00 (00:30 UTC)"
    )
    assert warning.hint == (
        "to mean the second, 02:30+01:00 (01:30 UTC), write 2025-10-26T02:30+01:00; "
        "or choose a time outside the repeated hour"
    )


@pytest.mark.parametrize(("offset", "utc_hour"), [("+02:00", 0), ("+01:00", 1)])
def test_an_offset_picks_one_instant_of_the_repeated_hour(tree: Tree, offset: str, utc_hour: int) -> None:
    content, report = _autumn_deadline(tree, f"2025-10-26T02:30{offset}")
    assert content is not None, [p.format() for p in report]
    assert not list(report), [p.format() for p in report]
    deadline = _vacancy(content, "100001").deadline
    assert deadline.astimezone(UTC) == datetime(2025, 10, 26, utc_hour, 30, tzinfo=UTC)
    assert deadline.utcoffset() == timedelta(hours=2 - utc_hour)


def test_an_offset_the_time_zone_does_not_have_is_refused(tree: Tree) -> None:
    _autumn_deadline(tree, "2025-10-26T02:30+05:00")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 9
    assert problem.message == (
        "deadline: 2025-10-26 02:30+05:00 is not a time of Europe/Brussels, which is at +02:00 or +01:00 then"
    )
    tree.replace(VACANCY, "2025-10-26T02:30+05:00", "2025-11-10T12:00+02:00")  # winter: +01:00 only
    assert _single_error(tree, VACANCY).message.endswith("which is at +01:00 then")


def test_salary_disagreeing_with_the_scale_in_force_is_refused(tree: Tree) -> None:
    # 7068.58 was G17 in 2022; on 2024-06-01 the 2024 revision is in force.
    tree.replace(VACANCY, "salary: 7540.44", "salary: 7068.58")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 10
    assert "7068.58 does not agree with the scale in force on 2024-06-01" in problem.message
    assert "7540.44" in problem.message


def test_salary_agreeing_with_the_older_scale_in_force_is_accepted(tree: Tree) -> None:
    tree.replace(VACANCY, "published: 2024-06-01", "published: 2023-12-31")
    tree.replace(VACANCY, "salary: 7540.44", "salary: 7068.58")
    content, report = tree.validate()
    assert content is not None, [p.format() for p in report]
    assert _vacancy(content, "100001").salary == Decimal("7068.58")


def test_salary_with_three_decimals_is_refused(tree: Tree) -> None:
    tree.replace(VACANCY, "salary: 7540.44", "salary: 7540.443")
    problem = _single_error(tree, VACANCY)
    assert (problem.line, problem.message, problem.hint) == (
        10,
        "salary: 7540.443 has more than two decimals",
        "write it in cents, like 7540.44",
    )
    assert problem.format().endswith(
        "vacancy.yaml:10: salary: 7540.443 has more than two decimals; write it in cents, like 7540.44"
    )


def test_salary_written_with_one_decimal_agrees(tree: Tree) -> None:
    tree.replace(VACANCY, "salary: 7540.44", "salary: 7540.440")
    content, report = tree.validate()
    assert content is not None, [p.format() for p in report]


def test_salary_absent_takes_the_scale_figure(tree: Tree) -> None:
    tree.replace(VACANCY, "salary: 7540.44\n", "")
    content, report = tree.validate()
    assert content is not None, [p.format() for p in report]
    assert _vacancy(content, "100001").salary == Decimal("7540.44")
    # G16 is not in the 2024 revision in force on 100003's publication: no figure.
    assert _vacancy(content, "100003").salary is None


def test_status_closed_is_refused_with_the_cancelled_hint(tree: Tree) -> None:
    tree.replace(VACANCY, "contract: definite", "contract: definite\nstatus: closed")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 7
    assert 'status: "closed" is not one of' in problem.message
    assert "cancelled" in problem.hint


def test_status_cancelled_is_accepted(tree: Tree) -> None:
    tree.replace(VACANCY, "contract: definite", "contract: definite\nstatus: cancelled")
    content, _ = tree.validate()
    assert content is not None
    assert _vacancy(content, "100001").status is Status.CANCELLED


@pytest.mark.parametrize(
    "url", ["http://example.org/apply/100001", '"javascript:alert(1)"', "https://", "/apply/100001"]
)
def test_bad_apply_url(tree: Tree, url: str) -> None:
    tree.replace(VACANCY, "https://example.org/apply/100001", url)
    problem = _single_error(tree, VACANCY)
    assert problem.line == 12
    assert "is not an absolute https address" in problem.message


@pytest.mark.parametrize("levels", ["{one: VII, other: I}", "{one: V, other: 0}", "{one: v, other: I}"])
def test_language_levels_outside_i_to_vi(tree: Tree, levels: str) -> None:
    tree.replace(VACANCY, "{one: V, other: I}", levels)
    problem = _single_error(tree, VACANCY)
    assert problem.line == 11
    assert "is not one of I, II, III, IV, V, VI" in problem.message


def test_missing_required_fact(tree: Tree) -> None:
    tree.replace(VACANCY, "division: OPS\n", "")
    problem = _single_error(tree, VACANCY)
    assert "division is required" in problem.message


def test_unknown_fact_says_did_you_mean(tree: Tree) -> None:
    tree.replace(VACANCY, "salary: 7540.44", "salary: 7540.44\nsalery: 1")
    problem = _single_error(tree, VACANCY)
    assert problem.line == 11
    assert "unknown key salery" in problem.message and problem.hint == "did you mean 'salary'?"


def test_every_problem_is_reported_at_once(tree: Tree) -> None:
    tree.replace(VACANCY, "division: OPS", "division: OPX")
    tree.replace(VACANCY, "schedule: full-time", "schedule: always")
    tree.replace("vacancies/100002/vacancy.yaml", "country: BE", "country: XX")
    content, report = tree.validate()
    assert content is None
    assert len(report.errors()) == 3
    assert all(p.line > 0 for p in report.errors())


# --- LANGUAGE.md ---------------------------------------------------------------------


def test_a_fact_in_front_matter_is_misplaced(tree: Tree) -> None:
    tree.write(EN, "---\ntitle: Officer\ndeadline: 2024-07-10T23:59\n---\nBody.\n")
    problem = _single_error(tree, EN)
    assert problem.line == 3
    assert problem.message == "deadline does not belong here"
    assert ".yaml" in problem.hint


def test_unknown_front_matter_key_says_did_you_mean(tree: Tree) -> None:
    tree.write(EN, "---\ntitle: Officer\ntitel: Officer\n---\nBody.\n")
    problem = _single_error(tree, EN)
    assert problem.line == 3
    assert "unknown key titel" in problem.message
    assert problem.hint == "did you mean 'title'?"


def test_missing_title(tree: Tree) -> None:
    tree.write(EN, "---\nsummary: Short\n---\nBody.\n")
    problem = _single_error(tree, EN)
    assert "title is required" in problem.message


def test_bad_slug(tree: Tree) -> None:
    tree.write(EN, "---\ntitle: Officer\nslug: Summer Officer\n---\nBody.\n")
    problem = _single_error(tree, EN)
    assert problem.line == 3
    assert "summer-officer" in problem.hint


def test_written_slug_and_summary_are_kept(tree: Tree) -> None:
    tree.write(EN, "---\ntitle: Officer\nslug: summer-officer\nsummary: Short one.\n---\nBody.\n")
    content, _ = tree.validate()
    assert content is not None
    words = _vacancy(content, "100001").words["en"]
    assert (words.slug, words.slug_written, words.summary) == ("summer-officer", True, "Short one.")


def test_a_single_hash_heading_in_the_body_is_refused(tree: Tree) -> None:
    tree.write(EN, "---\ntitle: Officer\n---\nIntro.\n\n# Duties\n\nText.\n")
    problem = _single_error(tree, EN)
    assert problem.line == 6
    assert "single #" in problem.message


def test_a_javascript_link_is_refused_on_its_file_line(tree: Tree) -> None:
    tree.write(
        EN,
        "---\ntitle: Officer\nsummary: Short\n---\nIntro.\n\n## Apply\n\n"
        "See [the form](javascript:alert(1)).\n",
    )
    problem = _single_error(tree, EN)
    assert problem.line == 9
    assert "'javascript:alert(1)' is not allowed" in problem.message


def test_a_javascript_link_in_a_wrapped_paragraph_is_reported_on_its_own_line(tree: Tree) -> None:
    tree.write(
        EN,
        "---\ntitle: Officer\n---\nIntro that is long\nand wraps onto a second line\n"
        "where [the form](javascript:alert(1)) is.\n",
    )
    problem = _single_error(tree, EN)
    assert problem.line == 6


def test_a_language_file_for_a_language_not_in_site_yaml_is_a_warning(tree: Tree) -> None:
    de = tree.write("vacancies/100001/de.md", "---\ntitle: Referent\n---\nText.\n")
    content, report = tree.validate()
    assert content is not None
    [warning] = _on(report, de)
    assert warning.severity is Severity.WARNING
    assert "'de' is not a language of the site" in warning.message
    assert "de" not in _vacancy(content, "100001").words


def test_a_bundle_without_any_language_file(tree: Tree) -> None:
    for name in ("en.md", "fr.md"):
        tree.path(f"vacancies/100001/{name}").unlink()
    content, report = tree.validate()
    assert content is None
    [problem] = _on(report, tree.path("vacancies/100001"))
    assert "no language file" in problem.message


def test_page_folder_name_must_be_lower_case(tree: Tree) -> None:
    tree.path("pages/about").rename(tree.path("pages/About"))
    content, report = tree.validate()
    assert content is None
    [problem] = _on(report, tree.path("pages/About"))
    assert "'About' is not allowed" in problem.message


def test_every_error_names_a_file_and_a_line(tree: Tree) -> None:
    tree.replace(VACANCY, "grade: G17", "grade: G71")
    tree.replace(VACANCY, "deadline: 2024-07-10T23:59", "deadline: soon")
    tree.replace("vacancies/100002/vacancy.yaml", "schedule: part-time", "schedule: half")
    tree.write(EN, "---\ntitle: Officer\nsalary: 1\n---\n# Big\n")
    tree.replace("site.yaml", "OPS: {en: Operations Division", "OPS: {en: Operations Division, de: Abteilung")
    _, report = tree.validate()
    errors = report.errors()
    assert len(errors) >= 5
    for problem in errors:
        assert Path(problem.path).is_file(), problem.format()
        assert problem.line > 0, problem.format()
