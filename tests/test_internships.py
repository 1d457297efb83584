"""Internship offers (`kind: internship`): listed on the internships page, each on its own page,
carried by feeds, calendar and data, archived when closed, and kept out of the staff lists.

The fixture is tests/sites/basic with a page that says `lists: internships` and four offers, built
as of 2024-11-01: INT-PENDING (pending budget approval, closes 10 Nov.), INT-OPEN (open, closes
20 Nov., with an allowance and a start month), INT-CLOSED (deadline passed) and INT-CANCELLED.
The refusals are checked in process, on one vacancy.yaml at a time.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SITES, Site, run_cli

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.models import Content, Kind
from generator.content.validate import validate_content
from generator.tools.scaffold import scaffold

NOW = "2024-11-01"
ATOM = "{http://www.w3.org/2005/Atom}"
OFFERS_PAGE = {"en": "/en/internships/", "fr": "/fr/stages/"}
OPEN_OFFER = {"en": "/en/internships/INT-OPEN/", "fr": "/fr/stages/INT-OPEN/"}

OFFER_YAML = """\
reference: "{ref}"
kind: internship
division: OPS
location: {{city: {{en: Brussels, fr: Bruxelles}}, country: BE}}
schedule: full-time
duration_months: {months}
published: 2024-10-01
deadline: {deadline}
"""
OFFERS = {
    "INT-OPEN": (
        "6",
        "2024-11-20T23:59",
        "starts: 2025-03\nallowance: 1100.00\napply_url: https://example.org/a\n",
    ),
    "INT-PENDING": ("3", "2024-11-10T12:00", "status: pending-budget-approval\n"),
    "INT-CLOSED": ("4", "2024-10-20T23:59", ""),
    "INT-CANCELLED": ("5", "2024-12-01T23:59", "status: cancelled\n"),
}
LISTS_PAGE = {
    "page.yaml": "menu: true\norder: 2\nlists: internships\n",
    "en.md": "---\ntitle: Internships\nslug: internships\n---\nOur programme.\n",
    "fr.md": "---\ntitle: Stages\nslug: stages\n---\nNotre programme.\n",
}


def offer_files(reference: str, months: str, deadline: str, extra: str) -> dict[str, str]:
    return {
        "vacancy.yaml": OFFER_YAML.format(ref=reference, months=months, deadline=deadline) + extra,
        "en.md": f"---\ntitle: Intern {reference}\n---\nWhat the intern does.\n",
        "fr.md": f"---\ntitle: Stage {reference}\n---\nCe que fait le stagiaire.\n",
    }


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")


def offers_site(root: Path, *, lists_page: bool = True) -> Path:
    """tests/sites/basic, the four offers and (by default) the internships page."""
    content = root / "content"
    shutil.copytree(SITES / "basic", content)
    for reference, (months, deadline, extra) in OFFERS.items():
        write(content / "vacancies" / reference, offer_files(reference, months, deadline, extra))
    if lists_page:
        write(content / "pages" / "internships", LISTS_PAGE)
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, str]:
    root = tmp_path_factory.mktemp("internships")
    content = offers_site(root)
    output = root / "output"
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW)
    assert result.returncode == 0, result.stderr
    return Site(output), result.stdout


@pytest.fixture(scope="module")
def site(built: tuple[Site, str]) -> Site:
    return built[0]


def card_references(site: Site, url: str) -> list[str]:
    """The references of the cards listed on a page, in order."""
    return re.findall(
        r'<article class="vacancy-card" aria-labelledby="v-([^"]+)"', site.path(url).read_text()
    )


def job_postings(site: Site, url: str) -> list[dict[str, Any]]:
    scripts = re.findall(
        r'<script type="application/ld\+json">\s*(.*?)\s*</script>', site.path(url).read_text(), re.S
    )
    return [json.loads(script) for script in scripts]


# --- the internships page: listing and states ------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_internships_page_lists_open_offers_soonest_deadline_first(site: Site, language: str) -> None:
    assert card_references(site, OFFERS_PAGE[language]) == ["INT-PENDING", "INT-OPEN"]
    html = site.path(OFFERS_PAGE[language]).read_text()
    assert 'class="status status-pending-budget-approval"' in html and 'class="status status-open"' in html
    assert f'href="{OPEN_OFFER[language]}"' in html
    text = site.page(OFFERS_PAGE[language]).text
    heading, deadline = {
        "en": ("Open internship offers", "20 November 2024, 23:59"),
        "fr": ("Offres de stage ouvertes", "20 novembre 2024, 23:59"),
    }[language]
    assert heading in text and deadline in text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_closed_and_cancelled_offers_go_to_the_archive_labelled_as_internships(
    site: Site, language: str
) -> None:
    archive = {"en": "/en/archive/", "fr": "/fr/archives/"}[language]
    references = card_references(site, archive)
    assert {"INT-CLOSED", "INT-CANCELLED"} <= set(references)
    assert not {"INT-OPEN", "INT-PENDING"} & set(references)
    label = {"en": "Internship offer", "fr": "Offre de stage"}[language]
    assert site.page(archive).text.count(label) == 2
    closed = site.page({"en": "/en/internships/INT-CLOSED/", "fr": "/fr/stages/INT-CLOSED/"}[language]).text
    assert {"en": "This internship offer is closed", "fr": "Cette offre de stage est clôturée"}[
        language
    ] in closed


def test_when_no_offer_is_open_the_page_says_so_in_each_language(tmp_path: Path) -> None:
    content = offers_site(tmp_path)
    output = tmp_path / "output"
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", "2025-01-15")
    assert result.returncode == 0, result.stderr
    built = Site(output)
    assert card_references(built, OFFERS_PAGE["en"]) == []
    assert "No internship offer is open at the moment." in built.page(OFFERS_PAGE["en"]).text
    assert "Aucune offre de stage n’est ouverte pour le moment." in built.page(OFFERS_PAGE["fr"]).text
    assert set(OFFERS) <= set(card_references(built, "/en/archive/"))


def test_each_offer_has_its_own_page_in_each_language_with_its_facts(site: Site) -> None:
    english, french = site.page(OPEN_OFFER["en"]), site.page(OPEN_OFFER["fr"])
    assert english.switch()["fr"] == OPEN_OFFER["fr"] and french.switch()["en"] == OPEN_OFFER["en"]
    assert "6 months" in english.text and "March 2025" in english.text
    assert "Monthly allowance €1,100.00" in english.text
    assert "6 mois" in french.text and "mars 2025" in french.text
    facts = site.path(OPEN_OFFER["en"]).read_text()
    assert "<dt>Grade</dt>" not in facts and "<dt>Contract</dt>" not in facts
    assert "Not stated in this offer" in site.page("/en/internships/INT-PENDING/").text


def test_an_offer_in_one_language_switches_to_the_other_languages_internships_page(tmp_path: Path) -> None:
    content = offers_site(tmp_path)
    (content / "vacancies" / "INT-OPEN" / "fr.md").unlink()
    output = tmp_path / "output"
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW)
    assert result.returncode == 0, result.stderr
    built = Site(output)
    assert not built.exists(OPEN_OFFER["fr"])
    english = built.page(OPEN_OFFER["en"])
    assert english.switch()["fr"] == OFFERS_PAGE["fr"]
    assert "Cette offre de stage n’est pas publiée en français" in english.text
    assert card_references(built, OFFERS_PAGE["fr"]) == ["INT-PENDING"]


def test_the_sitemap_lists_open_offers_with_their_alternates(site: Site) -> None:
    sitemap = site.path("/sitemap.xml").read_text()
    assert "https://jobs.example.org/en/internships/INT-OPEN/" in sitemap
    assert 'hreflang="fr" href="https://jobs.example.org/fr/stages/INT-OPEN/"' in sitemap
    assert "INT-CLOSED" not in sitemap and "INT-CANCELLED" not in sitemap


# --- JobPosting ----------------------------------------------------------------------------------


def test_an_open_offer_has_a_job_posting_for_an_intern(site: Site) -> None:
    [posting] = job_postings(site, OPEN_OFFER["en"])
    assert posting["@type"] == "JobPosting"
    assert posting["employmentType"] == "INTERN"
    assert posting["baseSalary"]["currency"] == "EUR"
    assert posting["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "value": 1100.0,
        "unitText": "MONTH",
    }
    assert posting["jobStartDate"] == "2025-03"
    assert posting["identifier"]["value"] == "INT-OPEN"
    assert posting["validThrough"] == "2024-11-20T23:59:00+01:00"  # Brussels in winter
    assert posting["url"] == "https://jobs.example.org/en/internships/INT-OPEN/"


def test_an_offer_without_allowance_has_no_base_salary(site: Site) -> None:
    [posting] = job_postings(site, "/fr/stages/INT-PENDING/")
    assert posting["employmentType"] == "INTERN"
    assert "baseSalary" not in posting and "jobStartDate" not in posting


def test_closed_and_cancelled_offers_have_no_job_posting(site: Site) -> None:
    assert job_postings(site, "/en/internships/INT-CLOSED/") == []
    assert job_postings(site, "/en/internships/INT-CANCELLED/") == []


# --- staff lists and counts stay posts only --------------------------------------------------------


def test_staff_lists_and_counts_show_posts_only(built: tuple[Site, str]) -> None:
    site, stdout = built
    assert card_references(site, "/en/vacancies/") == ["100002", "100003"]
    assert card_references(site, "/fr/postes-vacants/") == ["100002"]  # 100003 is in English only
    home = site.page("/en/")
    assert "There are 2 open vacancies." in home.text
    assert not any("internships/INT" in href for href in home.hrefs())
    assert "(en, fr; 3 vacancies, 2 open; 4 internship offers, 2 open)" in stdout


# --- feeds, calendar and vacancies.json carry offers with their kind -----------------------------------


def test_the_atom_and_json_feeds_carry_offers_with_their_kind(site: Site) -> None:
    feed = ET.fromstring(site.path("/en/feed.atom").read_bytes())
    kinds = {
        entry.findtext(f"{ATOM}id"): [
            c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("scheme", "").endswith(":kind")
        ]
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert kinds["https://jobs.example.org/en/internships/INT-OPEN/"] == ["internship"]
    assert kinds["https://jobs.example.org/en/vacancies/100002/"] == ["post"]
    assert not any("INT-CLOSED" in str(key) for key in kinds)
    items = {
        item["_vacancy"]["reference"]: item["_vacancy"]
        for item in json.loads(site.path("/fr/feed.json").read_text())["items"]
    }
    assert items["INT-OPEN"]["kind"] == "internship" and items["100002"]["kind"] == "post"
    assert items["INT-OPEN"]["internship"]["duration_months"] == 6


def test_the_calendar_carries_offers_with_their_kind(site: Site) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(site.path("/en/deadlines.ics").read_bytes())
    kinds = {
        str(event["URL"]).rstrip("/").rsplit("/", 1)[-1]: event.get("CATEGORIES").to_ical().decode()
        for event in calendar.walk("VEVENT")
    }
    assert kinds == {
        "100002": "POST",
        "100003": "POST",
        "INT-PENDING": "INTERNSHIP",
        "INT-OPEN": "INTERNSHIP",
    }


def test_vacancies_json_carries_every_offer_with_its_kind_and_facts(site: Site) -> None:
    records = {r["reference"]: r for r in json.loads(site.path("/vacancies.json").read_text())["vacancies"]}
    assert {r for r, record in records.items() if record["kind"] == "internship"} == set(OFFERS)
    offer = records["INT-OPEN"]
    assert offer["internship"] == {
        "duration_months": 6,
        "starts": "2025-03",
        "allowance": {"amount": "1100.00", "currency": "EUR", "period": "month"},
    }
    assert offer["grades"] == [] and offer["contract"] is None and offer["salary"] is None
    assert offer["languages"]["fr"]["url"] == "https://jobs.example.org/fr/stages/INT-OPEN/"
    assert records["INT-CANCELLED"]["status"] == "cancelled"
    assert records["100001"]["kind"] == "post" and records["100001"]["internship"] is None


# --- refusals at file:line -----------------------------------------------------------------------------


def problems_of(tmp_path: Path, vacancy_yaml: str) -> list[str]:
    """The errors validation reports for one offer whose vacancy.yaml is `vacancy_yaml`."""
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    write(
        content / "vacancies" / "INT-1",
        {**offer_files("INT-1", "6", "2024-11-20T23:59", ""), "vacancy.yaml": vacancy_yaml},
    )
    report = Report()
    validate_content(load_content(content, report), report)
    return [p.format().removeprefix(str(content) + "/") for p in report.errors()]


GOOD = OFFER_YAML.format(ref="INT-1", months="6", deadline="2024-11-20T23:59")


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("grade", "grade: G15"),
        ("salary", "salary: 5850.94"),
        ("contract", "contract: definite"),
        ("contract_years", "contract_years: 2"),
    ],
)
def test_a_post_field_on_an_internship_is_refused_at_its_line(tmp_path: Path, key: str, line: str) -> None:
    text = GOOD + line + "\n"
    assert problems_of(tmp_path, text) == [
        f"vacancies/INT-1/vacancy.yaml:{line_of(text, key)}: {key} does not belong here; "
        "an internship offer has no grade, salary or contract: remove this line"
    ]


def test_a_missing_duration_is_refused_at_the_file(tmp_path: Path) -> None:
    text = GOOD.replace("duration_months: 6\n", "")
    assert problems_of(tmp_path, text) == [
        "vacancies/INT-1/vacancy.yaml:1: duration_months is required; add a line `duration_months: ...`"
    ]


@pytest.mark.parametrize("months", ["0", "13", "6.5", "six", "-1"])
def test_a_duration_out_of_range_is_refused_at_its_line(tmp_path: Path, months: str) -> None:
    text = GOOD.replace("duration_months: 6", f"duration_months: {months}")
    [problem] = problems_of(tmp_path, text)
    assert problem.startswith(
        f"vacancies/INT-1/vacancy.yaml:{line_of(text, 'duration_months')}: duration_months: "
    )
    assert problem.endswith(
        "is not a whole number from 1 to 12; an internship lasts from 1 to 12 whole months"
    )


@pytest.mark.parametrize("starts", ["March 2025", "2025-13", "2025-03-01", "2025", "25-03"])
def test_a_bad_start_month_is_refused_at_its_line(tmp_path: Path, starts: str) -> None:
    text = GOOD + f"starts: {starts}\n"
    [problem] = problems_of(tmp_path, text)
    assert problem.startswith(f"vacancies/INT-1/vacancy.yaml:{line_of(text, 'starts')}: starts: ")
    assert problem.endswith("is not a month; write it like 2025-03")


def test_a_bad_allowance_and_a_misspelt_kind_are_refused(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD + "allowance: 12.345\n") == [
        f"vacancies/INT-1/vacancy.yaml:{line_of(GOOD, 'deadline') + 1}: allowance: 12.345 has more than two "
        "decimals; write it in cents, like 7540.44"
    ]
    problems = problems_of(tmp_path / "kind", GOOD.replace("kind: internship", "kind: intern"))
    refused = "kind: \"intern\" is not one of post, internship; did you mean 'internship'?"
    assert f"vacancies/INT-1/vacancy.yaml:2: {refused}" in problems


def test_an_internship_field_on_a_post_is_refused(tmp_path: Path) -> None:
    post = (SITES / "basic" / "vacancies" / "100001" / "vacancy.yaml").read_text("utf-8")
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    (content / "vacancies" / "100001" / "vacancy.yaml").write_text(post + "duration_months: 6\n", "utf-8")
    report = Report()
    validate_content(load_content(content, report), report)
    [problem] = [p.format() for p in report.errors()]
    assert f"vacancy.yaml:{len(post.splitlines()) + 1}: duration_months does not belong here" in problem
    assert "write `kind: internship`" in problem


def test_offers_without_a_page_to_list_them_are_refused(tmp_path: Path) -> None:
    content = offers_site(tmp_path, lists_page=False)
    result = run_cli("check", "--content", str(content), "--now", NOW)
    assert result.returncode == 1
    assert (
        "INT-OPEN/vacancy.yaml: no page lists the internship offer INT-OPEN; add `lists: internships`"
        in result.stderr
    )


def test_a_page_can_only_list_internships(tmp_path: Path) -> None:
    content = offers_site(tmp_path)
    (content / "pages" / "internships" / "page.yaml").write_text("lists: interns\n", "utf-8")
    report = Report()
    validate_content(load_content(content, report), report)
    assert [p.format().removeprefix(str(content) + "/") for p in report.errors()] == [
        "pages/internships/page.yaml:1: "
        "lists: \"interns\" is not one of internships; did you mean 'internships'?"
    ]


# --- the scaffold ----------------------------------------------------------------------------------


def validated(content: Path) -> tuple[Content | None, Report]:
    report = Report()
    return validate_content(load_content(content, report), report), report


def test_new_internship_scaffolds_a_valid_offer_that_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    write(content / "pages" / "internships", LISTS_PAGE)
    assert scaffold("internship", "INT-2030-01", content) == 0
    assert "INT-2030-01" in capsys.readouterr().out
    folder = content / "vacancies" / "INT-2030-01"
    assert sorted(p.name for p in folder.iterdir()) == ["en.md", "fr.md", "vacancy.yaml"]
    text = (folder / "vacancy.yaml").read_text("utf-8")
    assert "kind: internship" in text and "\ngrade:" not in text and "\ncontract:" not in text
    result, report = validated(content)
    assert result is not None, [p.format() for p in report]
    assert [p.format() for p in report.errors()] == []
    # Only its placeholders keep it from being published with --strict (tests/test_placeholders.py).
    assert all("placeholder" in p.message for p in report.errors(strict=True) if "INT-2030-01" in p.path)
    offer = next(v for v in result.vacancies if v.reference == "INT-2030-01")
    assert offer.kind is Kind.INTERNSHIP and offer.grades == () and offer.contract is None
    assert offer.duration_months == 6 and offer.starts == date(date.today().year + 1, 1, 1)
    assert offer.words["fr"].title == "Intitulé du stage"
    output = tmp_path / "output"
    built = run_cli("build", "--content", str(content), "--output", str(output))
    assert built.returncode == 0, built.stderr
    assert Site(output).exists("/fr/stages/INT-2030-01/")


def test_new_internship_from_the_command_line_refuses_an_existing_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    first = run_cli("new", "internship", "INT-9", "--content", str(content))
    assert first.returncode == 0, first.stderr
    again = run_cli("new", "internship", "INT-9", "--content", str(content))
    assert again.returncode == 1 and "already exists" in again.stderr
