"""Unit tests of page planning: routes, language switch, sitemap alternates, collisions."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.models import Content
from generator.content.validate import validate_content
from generator.outputs.feed_pages import FEED_ENTRIES
from generator.plan.site_plan import SitePlan, plan_site
from generator.site.i18n import load_translations
from generator.site.planned_page import PlannedPage

ROOT = Path(__file__).resolve().parent.parent
BASIC = ROOT / "tests" / "sites" / "basic"
LOCALE_DIR = ROOT / "templates" / "locale"
BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2024, 11, 1, tzinfo=BRUSSELS)


def _content(root: Path) -> Content:
    report = Report()
    content = validate_content(load_content(root, report), report)
    assert content is not None, [p.format() for p in report]
    return content


def _plan(root: Path = BASIC, now: datetime = NOW) -> tuple[list[PlannedPage], Report]:
    content = _content(root)
    report = Report()
    translations = load_translations(LOCALE_DIR, content.site, report)
    return plan_site(content, now, translations, report), report


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    return root


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _by_path(planned: list[PlannedPage]) -> dict[str, PlannedPage]:
    return {page.route.path: page for page in planned}


@pytest.fixture(scope="module")
def basic() -> list[PlannedPage]:
    planned, report = _plan()
    assert list(report) == []
    return planned


def test_routes_per_language_with_translated_section_names(basic: list[PlannedPage]) -> None:
    paths = set(_by_path(basic))
    for path in (
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "en/index.html",
        "en/404.html",
        "en/vacancies/index.html",
        "en/archive/index.html",
        "en/grades-and-salaries/index.html",
        "en/about-us/index.html",
        "fr/index.html",
        "fr/404.html",
        "fr/postes-vacants/index.html",
        "fr/archives/index.html",
        "fr/grades-et-traitements/index.html",
        "fr/a-propos/index.html",
        "en/vacancies/100001/index.html",
        "fr/postes-vacants/100001/index.html",
    ):
        assert path in paths, path
    assert len(paths) == len(basic)  # no path planned twice
    languages = {page.route.path: page.route.language for page in basic}
    assert languages["fr/postes-vacants/index.html"] == "fr"
    assert languages["index.html"] is None


def test_every_vacancy_path_contains_its_reference(basic: list[PlannedPage]) -> None:
    vacancy_pages = [page for page in basic if page.route.key[0] == "vacancy"]
    assert len(vacancy_pages) == 5  # 100001 and 100002 in two languages, 100003 in English
    for page in vacancy_pages:
        reference = page.route.key[1]
        assert f"/{reference}" in page.route.path
        assert page.context["view"].reference == reference


def test_a_written_slug_keeps_the_reference_in_the_path(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _write(root / "vacancies/100001/en.md", "---\ntitle: Officer\nslug: summer-officer\n---\nBody.\n")
    planned, report = _plan(root)
    assert report.errors() == []
    assert "en/vacancies/100001-summer-officer/index.html" in _by_path(planned)


def test_english_only_vacancy_is_not_planned_in_french(basic: list[PlannedPage]) -> None:
    paths = _by_path(basic)
    assert "en/vacancies/100003/index.html" in paths
    assert not any("100003" in path for path in paths if path.startswith("fr/"))


def test_unpublished_vacancy_is_not_planned(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "vacancies/100002/vacancy.yaml"
    path.write_text(
        path.read_text("utf-8").replace("published: 2024-10-01", "published: 2024-11-02"), "utf-8"
    )
    planned, _ = _plan(root)
    assert not any("100002" in page.route.path for page in planned)
    sitemap = _by_path(planned)["sitemap.xml"].context["entries"]
    assert not any("100002" in entry["loc"] for entry in sitemap)
    listed = _by_path(planned)["en/vacancies/index.html"].context["vacancies"]
    assert [view.reference for view in listed] == ["100003"]


def test_vacancy_published_today_in_the_site_time_zone_is_planned(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "vacancies/100002/vacancy.yaml"
    path.write_text(
        path.read_text("utf-8").replace("published: 2024-10-01", "published: 2024-11-01"), "utf-8"
    )
    # 23:30 UTC on 31 October is already 1 November in Brussels.
    planned, _ = _plan(root, datetime(2024, 10, 31, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert "en/vacancies/100002/index.html" in _by_path(planned)


def test_language_switch_of_an_english_only_vacancy(basic: list[PlannedPage]) -> None:
    switch = _by_path(basic)["en/vacancies/100003/index.html"].context["languages"]
    assert [link.language for link in switch] == ["en", "fr"]
    english, french = switch
    assert (english.url, english.available) == ("/en/vacancies/100003/", True)
    assert french.url == "/fr/postes-vacants/"
    assert french.absolute_url == "https://jobs.example.org/fr/postes-vacants/"
    assert french.available is False
    assert french.name == "Français"
    # The note is in French (the catalog puts a no-break space before the colon).
    assert french.note.startswith("non disponible dans cette langue")
    assert french.note.endswith("liste des postes")


def test_language_switch_of_a_translated_vacancy(basic: list[PlannedPage]) -> None:
    switch = _by_path(basic)["fr/postes-vacants/100001/index.html"].context["languages"]
    assert [(link.language, link.url, link.available) for link in switch] == [
        ("en", "/en/vacancies/100001/", True),
        ("fr", "/fr/postes-vacants/100001/", True),
    ]


def test_every_switch_link_points_at_a_planned_page(basic: list[PlannedPage]) -> None:
    planned_urls = {"/" + page.route.path.removesuffix("index.html") for page in basic}
    for page in basic:
        for link in page.context.get("languages", []):
            assert link.url in planned_urls, (page.route.path, link.url)


def test_sitemap_alternates_are_reciprocal(basic: list[PlannedPage]) -> None:
    entries = _by_path(basic)["sitemap.xml"].context["entries"]
    by_loc = {entry["loc"]: dict(entry["alternates"]) for entry in entries}
    assert len(by_loc) == len(entries)
    assert "https://jobs.example.org/fr/postes-vacants/100002/" in by_loc
    # 100001 is closed on that date: search engines are sent open vacancies only.
    assert "https://jobs.example.org/fr/postes-vacants/100001/" not in by_loc
    assert not any(loc.endswith("404.html") for loc in by_loc)
    for loc, alternates in by_loc.items():
        assert loc in alternates.values(), loc  # each entry lists itself
        for url in alternates.values():
            assert url in by_loc, url  # every alternate is itself in the sitemap
            assert by_loc[url] == alternates  # and lists the same set back
    assert by_loc["https://jobs.example.org/en/vacancies/100003/"] == {
        "en": "https://jobs.example.org/en/vacancies/100003/"
    }


def test_open_list_is_sorted_by_deadline(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    # Make 100001 open as well, with a deadline between the two others.
    path = root / "vacancies/100001/vacancy.yaml"
    path.write_text(path.read_text("utf-8").replace("2024-07-10T23:59", "2024-12-31T12:00"), "utf-8")
    planned, _ = _plan(root)
    pages = _by_path(planned)
    assert [v.reference for v in pages["en/vacancies/index.html"].context["vacancies"]] == [
        "100002",
        "100001",
        "100003",
    ]
    assert [v.reference for v in pages["fr/postes-vacants/index.html"].context["vacancies"]] == [
        "100002",
        "100001",
    ]
    assert [v.reference for v in pages["en/index.html"].context["soonest"]] == ["100002", "100001", "100003"]


def test_closed_vacancy_goes_to_the_archive(basic: list[PlannedPage]) -> None:
    pages = _by_path(basic)
    archived = pages["en/archive/index.html"].context["vacancies"]
    assert [v.reference for v in archived] == ["100001"]
    assert archived[0].status.value == "closed"
    assert "100001" not in [v.reference for v in pages["en/vacancies/index.html"].context["vacancies"]]


def _collision(tmp_path: Path, slug: str) -> tuple[list[PlannedPage], Report, Path]:
    root = _copy(tmp_path)
    page = _write(root / "pages/team/en.md", f"---\ntitle: Our team\nslug: {slug}\n---\nWho we are.\n")
    planned, report = _plan(root)
    return planned, report, page


def test_two_pages_with_one_slug_is_an_error_naming_both_files(tmp_path: Path) -> None:
    planned, report, team = _collision(tmp_path, "about-us")
    assert planned == []
    [problem] = report.errors()
    about = (team.parent.parent / "about" / "en.md").resolve()
    assert "/en/about-us/" in problem.message
    assert str(team) in problem.message and str(about) in problem.message
    assert Path(problem.path).resolve() in (team.resolve(), about)


@pytest.mark.parametrize("slug", ["vacancies", "archive", "grades-and-salaries"])
def test_a_page_slug_equal_to_a_section_is_an_error(tmp_path: Path, slug: str) -> None:
    planned, report, team = _collision(tmp_path, slug)
    assert planned == []
    [problem] = report.errors()
    assert Path(problem.path).resolve() == team.resolve()
    assert f"/en/{slug}/" in problem.message
    assert str(team) in problem.message


def test_references_differing_only_in_case_collide(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for reference in ("ABC-1", "abc-1"):
        folder = root / "vacancies" / reference
        shutil.copytree(root / "vacancies/100002", folder)
        path = folder / "vacancy.yaml"
        path.write_text(path.read_text("utf-8").replace('"100002"', f'"{reference}"'), "utf-8")
    planned, report = _plan(root)
    assert planned == []
    assert report.errors()


def _made(page: PlannedPage) -> bytes:
    assert page.make is not None, f"{page.route.path} is not made by a function"
    return page.make()


def test_feeds_carry_the_newest_open_vacancies_and_the_calendar_all_of_them(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # bench/corpus.py, standard library only

    root = tmp_path / "content"
    corpus.generate(FEED_ENTRIES + 10, 1, root, None)
    content = _content(root)
    now = datetime(2026, 6, 1, tzinfo=BRUSSELS)
    report = Report()
    plan = SitePlan(content, now, load_translations(LOCALE_DIR, content.site, report), report)
    pages = _by_path(plan.pages())
    newest = sorted(content.vacancies, key=lambda v: (v.published, v.reference), reverse=True)
    expected = [v.reference for v in newest[:FEED_ENTRIES]]
    for language in ("en", "fr"):
        atom = ElementTree.fromstring(_made(pages[f"{language}/feed.atom"]))
        ids = [entry.findtext("{http://www.w3.org/2005/Atom}id") or "" for entry in atom]
        entry_ids = [i for i in ids if "/vacancies/" in i or "/postes-vacants/" in i]
        assert [i.rstrip("/").rsplit("/", 1)[-1] for i in entry_ids] == expected
        items = json.loads(_made(pages[f"{language}/feed.json"]))["items"]
        assert [item["_vacancy"]["reference"] for item in items] == expected
        calendar = _made(pages[f"{language}/deadlines.ics"]).decode()
        assert calendar.count("BEGIN:VEVENT") == FEED_ENTRIES + 10


def test_two_pages_on_one_address_are_reported_at_the_slug_line(tmp_path: Path) -> None:
    """Found by tests/test_properties.py: the error named the file without the line asking for the address."""
    root = _copy(tmp_path)
    _write(root / "pages/team/en.md", "---\ntitle: Our team\nslug: about-us\n---\nThe team.\n")
    _write(root / "pages/zeta/en.md", "---\n# the title gives the address\ntitle: About us\n---\nAgain.\n")
    _, report = _plan(root)
    located = {(Path(p.path).parent.name, p.line) for p in report.errors() if "two pages" in p.message}
    assert located == {("team", 3), ("zeta", 3)}


def test_two_vacancies_on_one_address_are_reported_at_the_folder(tmp_path: Path) -> None:
    """Without a slug, a vacancy's address is its folder's name: the folder is named."""
    root = _copy(tmp_path)
    shutil.copytree(root / "vacancies/100001", root / "vacancies/abc")
    shutil.copytree(root / "vacancies/100001", root / "vacancies/ABC")
    for name in ("abc", "ABC"):
        facts = root / "vacancies" / name / "vacancy.yaml"
        facts.write_text(facts.read_text("utf-8").replace('"100001"', f'"{name}"'), "utf-8")
    _, report = _plan(root)
    problems = [p for p in report.errors() if "two pages" in p.message]
    assert problems and all(p.path.endswith("vacancies/abc") and p.line == 0 for p in problems)
