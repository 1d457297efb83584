"""JobPosting JSON-LD to the letter of Google's job search documentation.

Google requires five properties and recommends ten (developers.google.com/search/docs/appearance/
structured-data/job-posting, written out below from that page, not from the generator). Every open
vacancy's posting has each required one; of the recommended ones it has those the content can
honestly fill and no other (generator/outputs/job_posting.py says why each of the others is left
out). The fixture is tests/sites/basic as of 2024-11-01, where 100002 (open, in English and French)
is given an address to apply at and a nationality condition, and 100003 (open, English only) has
no address to apply at.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SITES, run_cli

from generator.outputs import job_posting

NOW = "2024-11-01"
APPLY = "https://example.org/apply/100002"
# Google's lists, as its documentation gives them.
REQUIRED = {"datePosted", "description", "hiringOrganization", "jobLocation", "title"}
RECOMMENDED = {
    "applicantLocationRequirements",
    "baseSalary",
    "directApply",
    "educationRequirements",
    "employmentType",
    "experienceRequirements",
    "experienceInPlaceOfEducation",
    "identifier",
    "jobLocationType",
    "validThrough",
}
# What no vacancy of this site can honestly fill (job_posting.py's docstring says why).
NEVER_FILLED = {
    "applicantLocationRequirements",
    "educationRequirements",
    "experienceRequirements",
    "experienceInPlaceOfEducation",
    "jobLocationType",
}
POSTINGS = {
    "/en/vacancies/100002/": True,  # directApply
    "/fr/postes-vacants/100002/": True,
    "/en/vacancies/100003/": False,
}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("job-posting")
    content = root / "content"
    shutil.copytree(SITES / "basic", content)
    facts = content / "vacancies" / "100002" / "vacancy.yaml"
    facts.write_text(
        facts.read_text("utf-8") + f"apply_url: {APPLY}\nconditions: [nationality, security-clearance]\n",
        "utf-8",
    )
    result = run_cli("build", "--content", str(content), "--output", str(root / "output"), "--now", NOW)
    assert result.returncode == 0, result.stderr
    return root / "output"


def posting(output: Path, url: str) -> dict[str, Any]:
    html = (output / url.strip("/") / "index.html").read_text("utf-8")
    [script] = re.findall(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.S)
    data = json.loads(script)
    assert isinstance(data, dict)
    return data


def test_the_generator_knows_googles_lists() -> None:
    assert set(job_posting.GOOGLE_REQUIRED) == REQUIRED
    assert set(job_posting.GOOGLE_RECOMMENDED) == RECOMMENDED


@pytest.mark.parametrize("url", list(POSTINGS))
def test_every_required_property_is_there_and_filled(output: Path, url: str) -> None:
    data = posting(output, url)
    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    missing = [name for name in sorted(REQUIRED) if not data.get(name)]
    assert not missing, f"{url}: no {missing}"
    assert data["hiringOrganization"]["name"] and data["hiringOrganization"]["sameAs"]
    address = data["jobLocation"]["address"]
    assert address["addressLocality"] and re.fullmatch(r"[A-Z]{2}", address["addressCountry"])


@pytest.mark.parametrize("url", list(POSTINGS))
def test_the_recommended_properties_the_content_fills_and_no_others(output: Path, url: str) -> None:
    data = posting(output, url)
    given = RECOMMENDED & set(data)
    # No salary is published for the fixture's grades: baseSalary is left out, as it must be.
    assert given == RECOMMENDED - NEVER_FILLED - {"baseSalary"}, url
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", data["validThrough"])
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "name": data["hiringOrganization"]["name"],
        "value": url.rstrip("/").rsplit("/", 1)[1],
    }


@pytest.mark.parametrize(("url", "direct"), list(POSTINGS.items()))
def test_direct_apply_is_true_exactly_when_the_page_links_to_the_application(
    output: Path, url: str, direct: bool
) -> None:
    data = posting(output, url)
    assert data["directApply"] is direct
    html = (output / url.strip("/") / "index.html").read_text("utf-8")
    assert (f'href="{APPLY}"' in html) is direct


def test_an_eligibility_condition_is_not_where_applicants_may_live(output: Path) -> None:
    # 100002 may be applied for by nationals of member countries only: that is not a location requirement.
    html = (output / "en" / "vacancies" / "100002" / "index.html").read_text("utf-8")
    assert "Only nationals of NATO member countries may apply." in html  # the page states it
    data = posting(output, "/en/vacancies/100002/")
    assert "applicantLocationRequirements" not in data and "jobLocationType" not in data
