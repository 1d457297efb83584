"""`links` finds every address of a built site that leads nowhere; `diff` says what a change does.

Both run as the pull-request workflow runs them: on real builds of the fixture site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, SITES, run_cli

from generator.build import build
from generator.common.clock import parse_now
from generator.tools.site_diff import MAX_ROWS

NOW = "2024-11-01"


def built(content: Path, output: Path) -> Path:
    outcome = build(content, output, parse_now(NOW), search=False)
    assert not outcome.failed(strict=False), [p.format() for p in outcome.report]
    return output


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(SITES / "basic", tmp_path_factory.mktemp("links") / "output")


@pytest.fixture
def site(basic: Path, tmp_path: Path) -> Path:
    """A copy of the built fixture site that a test may break."""
    return Path(shutil.copytree(basic, tmp_path / "output"))


# --- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["basic", "shipped"])
def test_every_link_of_a_built_site_leads_to_a_built_file(name: str, basic: Path, tmp_path: Path) -> None:
    output = basic if name == "basic" else built(CONTENT, tmp_path / "output")
    result = run_cli("links", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Links: all ") and result.stdout.endswith(
        f"links of {output}/ lead to built files.\n"
    )
    assert int(result.stdout.split()[2]) > 100  # menus, switches, lists, assets: it did look


def test_a_missing_page_is_reported_on_every_page_that_links_to_it(site: Path) -> None:
    (site / "en/vacancies/100002/index.html").unlink()
    result = run_cli("links", str(site))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{site}/en/vacancies/index.html: /en/vacancies/100002/: no such file in the built site" in lines
    assert (
        f"{site}/fr/postes-vacants/100002/index.html: /en/vacancies/100002/: no such file in the built site"
        in lines
    )
    assert lines[-1].startswith("Links: ") and " lead nowhere, on " in lines[-1]


def test_relative_absolute_fragment_and_asset_links_are_followed(site: Path) -> None:
    page = site / "en/vacancies/100002/index.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>t</title><main id="main">'
        '<a href="#main">ok</a> <a href="#nowhere">1</a> <a href="../100001/">ok</a>'
        '<a href="../100009/">2</a>'
        '<a href="https://jobs.example.org/fr/">ok</a> <a href="https://jobs.example.org/fr/nope/">3</a>'
        '<a href="/en/vacancies/100001/#nowhere">4</a> <a href="https://other.example.org/x">ok</a>'
        '<a href="mailto:jobs@example.org">ok</a> <img src="/static/missing.png" alt="">'
        '<img srcset="/robots.txt 1x, /static/big.png 2x" alt=""> <a href="/en/vacancies/../../../etc/">5</a>'
        '<a href="/%2e%2e/%2e%2e/etc/passwd">6</a>'
        "</main></html>",
        "utf-8",
    )
    result = run_cli("links", str(site))
    assert result.returncode == 1
    here = f"{site}/en/vacancies/100002/index.html"
    found = [line.removeprefix(here + ": ") for line in result.stderr.splitlines() if line.startswith(here)]
    assert found == [
        "#nowhere: en/vacancies/100002/index.html has no element with id 'nowhere'",
        "../100009/: no such file in the built site",
        "https://jobs.example.org/fr/nope/: no such file in the built site",
        "/en/vacancies/100001/#nowhere: en/vacancies/100001/index.html has no element with id 'nowhere'",
        "/static/missing.png: no such file in the built site",
        "/static/big.png: no such file in the built site",
        "/en/vacancies/../../../etc/: no such file in the built site",
        "/%2e%2e/%2e%2e/etc/passwd: no such file in the built site",
    ]


def test_a_site_under_a_sub_path_is_checked_against_its_address(site: Path) -> None:
    (site / "en/index.html").write_text('<a href="/careers/en/">ok</a><a href="/en/">outside</a>', "utf-8")
    result = run_cli("links", str(site), "--base-url", "https://jobs.example.org/careers")
    lines = result.stderr.splitlines()
    assert (
        f"{site}/en/index.html: /en/: leads outside the site's address https://jobs.example.org/careers/"
        in lines
    )
    assert not any(": /careers/en/:" in line for line in lines)


def test_no_built_site_is_a_usage_mistake(tmp_path: Path) -> None:
    assert run_cli("links", str(tmp_path / "nothing")).returncode == 2
    (tmp_path / "empty").mkdir()
    result = run_cli("links", str(tmp_path / "empty"))
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"error: {tmp_path}/empty/vacancies.json does not say the site's address; pass --base-url",
    )


# --- diff ---------------------------------------------------------------------------------------


def test_diff_names_the_pages_and_the_vacancies_a_change_opens_and_closes(
    basic: Path, tmp_path: Path
) -> None:
    content = Path(shutil.copytree(SITES / "basic", tmp_path / "content"))
    shutil.copytree(content / "vacancies/100002", content / "vacancies/100004")
    facts = content / "vacancies/100004/vacancy.yaml"
    facts.write_text(facts.read_text("utf-8").replace('"100002"', '"100004"'), "utf-8")
    for language in ("en", "fr"):
        words = content / f"vacancies/100004/{language}.md"
        words.write_text(words.read_text("utf-8").replace("title: ", "title: New ", 1), "utf-8")
    old_facts = content / "vacancies/100002/vacancy.yaml"
    old_facts.write_text(
        old_facts.read_text("utf-8").replace("status: pending-budget-approval", "status: cancelled"), "utf-8"
    )
    shutil.rmtree(content / "pages/about")
    new = built(content, tmp_path / "new")

    result = run_cli("diff", str(basic), str(new))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "## What this change does to the site"
    assert lines[lines.index("**Opens:**") + 1] == "- vacancy 100004 (New Winter Assistant)"
    assert lines[lines.index("**Closes:**") + 1] == "- vacancy 100002 (Winter Assistant): cancelled"
    added = lines.index("### Pages added (2)")
    assert lines[added + 4 : added + 6] == [
        "| /en/vacancies/100004/ | New Winter Assistant (100004) · Jobs at Example |",
        "| /fr/postes-vacants/100004/ | New Assistant(e) d’hiver (100004) · Emplois chez Exemple |",
    ]
    removed = lines.index("### Pages removed (2)")
    assert lines[removed + 4] == "| /en/about-us/ | About us · Jobs at Example |"
    changed = lines[lines.index(next(line for line in lines if line.startswith("### Pages changed"))) :]
    assert "| /en/vacancies/100002/ | Winter Assistant (100002) · Jobs at Example |" in changed
    assert (
        "| /en/vacancies/100001/ | Summer Programme Officer (100001) · Jobs at Example |" in changed
    )  # menu


def test_diff_of_identical_builds_and_of_a_base_that_did_not_build(basic: Path, tmp_path: Path) -> None:
    same = run_cli("diff", str(basic), str(basic))
    assert same.returncode == 0
    assert "No vacancy opens or closes." in same.stdout
    assert "Every page is the same as on the base branch." in same.stdout
    missing = run_cli("diff", str(tmp_path / "no-base"), str(basic))
    assert missing.returncode == 0
    assert "The base branch could not be built, so there is nothing to compare with." in missing.stdout
    assert run_cli("diff", str(basic), str(tmp_path / "no-head")).returncode == 2


def test_a_long_list_of_pages_is_cut(tmp_path: Path) -> None:
    for side, text in (("old", "a"), ("new", "b")):
        for number in range(MAX_ROWS + 5):
            page = tmp_path / side / f"p{number:03}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f"<title>Page | {number}</title>{text}", "utf-8")
    result = run_cli("diff", str(tmp_path / "old"), str(tmp_path / "new"))
    lines = result.stdout.splitlines()
    assert f"### Pages changed ({MAX_ROWS + 5})" in lines
    assert "| /p000/ | Page &#124; 0 |" in lines
    assert "| … and 5 more | |" in lines
