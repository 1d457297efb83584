"""End to end: build the small fixture site and read it as a visitor would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SITES, Site, copy_site, run_cli

from generator.tools.link_check import check_links

NOW = "2024-11-01"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    output = tmp_path_factory.mktemp("basic") / "output"
    result = run_cli("build", "--content", str(SITES / "basic"), "--output", str(output), "--now", NOW)
    assert result.returncode == 0, result.stderr
    return Site(output)


def test_both_languages_are_built_with_translated_section_names(site: Site) -> None:
    for url in (
        "/en/",
        "/fr/",
        "/en/vacancies/",
        "/fr/postes-vacants/",
        "/en/archive/",
        "/fr/archives/",
        "/en/grades-and-salaries/",
        "/fr/grades-et-traitements/",
        "/en/about-us/",
        "/fr/a-propos/",
        "/en/vacancies/100002/",
        "/fr/postes-vacants/100002/",
    ):
        assert site.exists(url), url
        page = site.page(url)
        assert page.lang == url.split("/")[1]
        assert len(page.h1) == 1


def test_money_and_dates_are_formatted_for_each_language(tmp_path: Path) -> None:
    # 100001 is open before its summer deadline.
    output = tmp_path / "out"
    assert (
        run_cli(
            "build", "--content", str(SITES / "basic"), "--output", str(output), "--now", "2024-07-01"
        ).returncode
        == 0
    )
    english = Site(output).page("/en/vacancies/100001/").text
    french = Site(output).page("/fr/postes-vacants/100001/").text
    assert "Monthly basic salary €7,540.44" in english
    assert "Traitement mensuel de base 7\u202f540,44\u00a0€" in french
    assert "10 July 2024, 23:59" in english and "1 June 2024" in english
    assert "10 juillet 2024, 23:59" in french and "1er juin 2024" in french
    assert "Central European Summer Time, UTC+02:00" in english
    assert "heure d’été d’Europe centrale, UTC+02:00" in french
    assert "Belgium" in english and "Belgique" in french
    assert "level V (advanced)" in english and "niveau V (avancé)" in french


def test_every_internal_link_points_at_a_built_page(site: Site) -> None:
    # The link check the workflows run (tests/test_links_and_diff.py shows what it catches).
    count, broken = check_links(site.root)
    assert count > 100 and not broken, "\n".join(link.format(site.root) for link in broken)


def test_language_switch_leads_to_the_same_page_in_the_other_language(site: Site) -> None:
    assert site.page("/en/vacancies/100002/").switch()["fr"] == "/fr/postes-vacants/100002/"
    assert site.page("/fr/postes-vacants/100002/").switch()["en"] == "/en/vacancies/100002/"
    assert site.page("/en/about-us/").switch()["fr"] == "/fr/a-propos/"
    assert site.page("/fr/grades-et-traitements/").switch()["en"] == "/en/grades-and-salaries/"


def test_missing_translation_switch_says_so_and_links_to_the_listing(site: Site) -> None:
    assert not site.exists("/fr/postes-vacants/100003/")
    page = site.page("/en/vacancies/100003/")
    assert page.switch()["fr"] == "/fr/postes-vacants/"  # the French notice's link (the page has no switch)
    assert "Cet avis de vacance n’est pas publié en français" in page.text
    assert "fr" not in page.alternates()
    assert "/fr/postes-vacants/100003/" not in site.page("/fr/postes-vacants/").hrefs()


def test_missing_translation_is_reported_and_fatal_with_strict(tmp_path: Path) -> None:
    output = tmp_path / "out"
    relaxed = run_cli("build", "--content", str(SITES / "basic"), "--output", str(output), "--now", NOW)
    assert relaxed.returncode == 0
    assert "100003/fr.md: warning: vacancy 100003 is not translated into fr" in relaxed.stderr
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    strict = run_cli(
        "build", "--strict", "--content", str(SITES / "basic"), "--output", str(output), "--now", NOW
    )
    assert strict.returncode == 1
    assert "100003/fr.md" in strict.stderr and "Traceback" not in strict.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_sitemap_lists_every_page_with_reciprocal_alternates(site: Site) -> None:
    tree = ET.parse(site.root / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", SITEMAP_NS)}
        # Every page names the language chooser for visitors of any other language.
        assert alternates.pop("x-default") == "https://jobs.example.org/", loc
        entries[loc] = alternates
    base = "https://jobs.example.org/"
    assert f"{base}en/vacancies/100002/" in entries
    assert f"{base}en/vacancies/100003/" in entries
    for loc, alternates in entries.items():
        assert loc in alternates.values(), loc
        for other in alternates.values():
            assert entries[other] == alternates, (loc, other)
        assert site.exists("/" + loc.removeprefix(base))
    assert entries[f"{base}en/vacancies/100003/"] == {"en": f"{base}en/vacancies/100003/"}
    html_pages = {p for p in site.html_files() if p.name != "404.html" and p.parent != site.root}
    closed = {site.path("/en/vacancies/100001/"), site.path("/fr/postes-vacants/100001/")}
    assert len(entries) == len(html_pages - closed)  # closed vacancies leave the sitemap
    assert not closed & {site.path("/" + loc.removeprefix(base)) for loc in entries}


def test_robots_points_to_the_sitemap(site: Site) -> None:
    assert "Sitemap: https://jobs.example.org/sitemap.xml" in (site.root / "robots.txt").read_text()


def test_root_is_a_language_chooser_without_redirect(site: Site) -> None:
    html = (site.root / "index.html").read_text()
    page = site.page("/index.html")
    assert page.switch() == {"en": "/en/", "fr": "/fr/"}
    assert 'lang="fr">Français</a>' in html and 'lang="en">English</a>' in html
    assert "http-equiv" not in html and "<script" not in html


def test_not_found_pages_exist_per_language_and_at_the_root(site: Site) -> None:
    assert "Page not found" in site.page("/en/404.html").text
    assert "Page introuvable" in site.page("/fr/404.html").text
    assert {"en", "fr"} <= set(site.page("/404.html").switch())


def test_twin_graded_post_shows_both_grades_and_what_that_means(site: Site) -> None:
    page = site.page("/fr/postes-vacants/100002/")
    assert "Poste à grades jumelés\u00a0: la personne retenue est nommée au grade G15" in page.text
    links = [h for h in page.hrefs() if "#grade-" in h]
    assert links == ["/fr/grades-et-traitements/#grade-g15", "/fr/grades-et-traitements/#grade-g16"]
    grades = (site.root / "fr/grades-et-traitements/index.html").read_text()
    assert 'id="grade-g15"' in grades and 'id="grade-g16"' in grades


@pytest.mark.parametrize(
    ("reference", "before", "after"),
    [
        # Summer time: 23:59 CEST is 21:59 UTC.
        ("100001", "2024-07-10T21:58:59+00:00", "2024-07-10T21:59:00+00:00"),
        # Winter time: 12:00 CET is 11:00 UTC.
        ("100002", "2024-12-01T10:59:59+00:00", "2024-12-01T11:00:00+00:00"),
    ],
)
def test_a_vacancy_closes_exactly_at_its_local_deadline(
    tmp_path: Path, reference: str, before: str, after: str
) -> None:
    for now, accepts in ((before, True), (after, False)):
        output = tmp_path / now
        result = run_cli("build", "--content", str(SITES / "basic"), "--output", str(output), "--now", now)
        assert result.returncode == 0, result.stderr
        site = Site(output)
        url = f"/en/vacancies/{reference}/"
        page = site.page(url)
        listed = url in site.page("/en/vacancies/").hrefs()
        archived = url in site.page("/en/archive/").hrefs()
        assert listed is accepts and archived is not accepts, now
        assert ("This vacancy is closed" in page.text) is not accepts, now


def test_apply_link_only_while_open(tmp_path: Path) -> None:
    for now, shown in (("2024-07-01", True), ("2024-08-01", False)):
        output = tmp_path / now
        assert (
            run_cli(
                "build", "--content", str(SITES / "basic"), "--output", str(output), "--now", now
            ).returncode
            == 0
        )
        hrefs = Site(output).page("/en/vacancies/100001/").hrefs()
        assert ("https://example.org/apply/100001" in hrefs) is shown


def test_a_vacancy_published_in_the_future_is_not_built(tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert (
        run_cli(
            "build", "--content", str(SITES / "basic"), "--output", str(output), "--now", "2024-05-31"
        ).returncode
        == 0
    )
    site = Site(output)
    assert not site.exists("/en/vacancies/100001/")
    assert "100001" not in (output / "sitemap.xml").read_text()
    assert "/en/vacancies/100001/" not in site.page("/en/vacancies/").hrefs()


def test_same_content_and_clock_give_byte_identical_output(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "2"):
        output = tmp_path / seed
        result = run_cli(
            "build",
            "--content",
            str(copy_site("basic", tmp_path / f"c{seed}")),
            "--output",
            str(output),
            env={"PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1730419200"},
        )
        assert result.returncode == 0, result.stderr
        trees.append({str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]
    assert "1 November 2024" in trees[0]["en/index.html"].decode()


def test_sub_path_base_url_prefixes_every_link(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text().replace("https://jobs.example.org/", "https://example.org/careers/")
    )
    output = tmp_path / "out"
    assert run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW).returncode == 0
    page = Site(output).page("/en/vacancies/100002/")
    internal = [h for h in page.hrefs() if h.startswith("/")]
    assert internal and all(h.startswith("/careers/") for h in internal)
    assert page.alternates()["fr"] == "https://example.org/careers/fr/postes-vacants/100002/"


def test_assets_are_fingerprinted_and_linked_from_every_page(site: Site) -> None:
    assets = sorted(p.name for p in (site.root / "static").iterdir())
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in assets] == [
        "favicon.svg",
        "noscript.css",
        "search.js",
        "site.js",
        "style.css",
    ]
    for url in ("/index.html", "/404.html", "/en/", "/fr/postes-vacants/100002/"):
        hrefs = {link.get("href", "") for link in site.page(url).links} | set(
            re.findall(r'src="([^"]+)"', site.path(url).read_text())
        )
        assert any(re.fullmatch(r"/static/style\.[0-9a-f]{10}\.css", h) for h in hrefs), url
