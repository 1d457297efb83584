"""The render cache: a cached build equals a cold one, and every kind of change shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_site, run_cli

NOW = "2024-11-01"


def _tree(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def _build(
    content: Path, output: Path, cache: Path | None, templates: Path | None = None, now: str = NOW
) -> str:
    args = ["build", "--content", str(content), "--output", str(output), "--now", now, "--no-search"]
    args += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    if templates:
        args += ["--templates", str(templates)]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A content copy, a templates copy and a cache folder, with one cached build done."""
    content = copy_site("basic", tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    cache = tmp_path / "cache"
    _build(content, tmp_path / "out", cache, templates)
    return content, templates, cache


def _assert_cached_equals_cold(
    tmp_path: Path, content: Path, templates: Path, cache: Path, now: str = NOW
) -> dict[str, bytes]:
    _build(content, tmp_path / "out", cache, templates, now)
    _build(content, tmp_path / "cold", None, templates, now)
    cached, cold = _tree(tmp_path / "out"), _tree(tmp_path / "cold")
    assert cached == cold
    return cached


def test_a_cached_rebuild_is_byte_identical_to_a_cold_build(
    tmp_path: Path, site: tuple[Path, Path, Path]
) -> None:
    content, templates, cache = site
    _assert_cached_equals_cold(tmp_path, content, templates, cache)
    assert list(cache.glob("pages-*.json")), "the cache records what it wrote"


def test_an_unchanged_page_is_carried_over_not_written_again(
    tmp_path: Path, site: tuple[Path, Path, Path]
) -> None:
    content, templates, cache = site
    before = (tmp_path / "out/en/vacancies/100002/index.html").stat().st_ino
    _build(content, tmp_path / "out", cache, templates)
    assert (tmp_path / "out/en/vacancies/100002/index.html").stat().st_ino == before  # the same file, linked


def test_a_changed_file_in_the_output_is_not_trusted(tmp_path: Path, site: tuple[Path, Path, Path]) -> None:
    content, templates, cache = site
    page = tmp_path / "out/en/vacancies/100002/index.html"
    page.write_text("tampered")
    _build(content, tmp_path / "out", cache, templates)
    assert "Winter Assistant" in page.read_text()


@pytest.mark.parametrize(
    ("change", "path", "old", "new", "url", "expected"),
    [
        ("content", "content/vacancies/100002/en.md", "title: Winter Assistant", "title: Winter Helper",
         "en/vacancies/100002/index.html", "Winter Helper"),
        ("template", "templates/partials/facts.html", '{{ _("Key facts") }}', "Facts at a glance",
         "en/vacancies/100002/index.html", "Facts at a glance"),
        ("catalog", "templates/locale/fr/LC_MESSAGES/messages.po", 'msgstr "En bref"', 'msgstr "L’essentiel"',
         "fr/postes-vacants/100002/index.html", "L’essentiel"),
        ("scale", "content/salary-scale.yaml", "G16: 5850.94", "G16: 5900.00",
         "en/grades-and-salaries/index.html", "€5,900.00"),
        ("site.yaml", "content/site.yaml", "en: Jobs at Example", "en: Careers at Example",
         "en/vacancies/100002/index.html", "Careers at Example"),
        ("static", "templates/static/style.css", ":root {", ":root { --changed: 1;",
         "en/index.html", "/static/style."),
        # A vacancy page is keyed by what it is made of (render_cache.PageKeys.route_key): the menu is one.
        ("menu", "content/pages/about/en.md", "title: About us", "title: Who we are",
         "en/vacancies/100002/index.html", "Who we are"),
        ("clock", "", "", "", "en/vacancies/100002/index.html", "as of"),
    ],
)  # fmt: skip
def test_each_kind_of_change_is_reflected_after_a_cached_rebuild(
    tmp_path: Path,
    site: tuple[Path, Path, Path],
    change: str,
    path: str,
    old: str,
    new: str,
    url: str,
    expected: str,
) -> None:
    content, templates, cache = site
    before = _tree(tmp_path / "out")
    if path:
        file = (content if path.startswith("content/") else templates) / path.split("/", 1)[1]
        text = file.read_text("utf-8")
        assert old in text, (change, old)
        file.write_text(text.replace(old, new), "utf-8")
    now = "2024-11-02" if change == "clock" else NOW
    after = _assert_cached_equals_cold(tmp_path, content, templates, cache, now)
    assert expected in after[url].decode(), change
    assert after != before, change


def test_the_cache_forgets_output_folders_that_are_gone(
    tmp_path: Path, site: tuple[Path, Path, Path]
) -> None:
    content, templates, cache = site
    for _ in range(2):  # the second build keeps the first one's site as its next staging folder
        _build(content, tmp_path / "other", cache, templates)
    _build(content, tmp_path / "out", cache, templates)
    assert len(list(cache.glob("pages-*.json"))) == len(list(cache.glob("site-*"))) == 2
    shutil.rmtree(tmp_path / "other")
    _build(content, tmp_path / "out", cache, templates)
    assert len(list(cache.glob("pages-*.json"))) == len(list(cache.glob("site-*"))) == 1


def test_a_bundle_problem_is_reported_again_when_the_bundle_comes_from_the_cache(
    tmp_path: Path, site: tuple[Path, Path, Path]
) -> None:
    content, templates, cache = site
    (content / "vacancies" / "100002" / "notes.txt").write_text("a stray file", "utf-8")
    for _ in range(2):  # read, then taken from the cache
        result = run_cli(
            *("build", "--content", str(content), "--output", str(tmp_path / "out"), "--now", NOW),
            *("--no-search", "--cache-dir", str(cache), "--templates", str(templates)),
        )
        assert result.returncode == 0, result.stderr
        assert "notes.txt: warning: 'notes.txt' is not used" in result.stderr


@pytest.mark.parametrize("change", ["added", "removed"])
def test_an_added_or_removed_vacancy_shows_after_a_cached_rebuild(
    tmp_path: Path, site: tuple[Path, Path, Path], change: str
) -> None:
    content, templates, cache = site
    vacancies = content / "vacancies"
    if change == "added":
        shutil.copytree(vacancies / "100002", vacancies / "100099")
        yaml = vacancies / "100099" / "vacancy.yaml"
        yaml.write_text(yaml.read_text("utf-8").replace("100002", "100099"), "utf-8")
    else:
        shutil.rmtree(vacancies / "100002")
    after = _assert_cached_equals_cold(tmp_path, content, templates, cache)
    assert ("en/vacancies/100099/index.html" in after) == (change == "added")
    assert ("en/vacancies/100002/index.html" in after) == (change == "added")


def test_a_body_change_renders_its_vacancy_again_but_not_the_lists(
    tmp_path: Path, site: tuple[Path, Path, Path]
) -> None:
    content, templates, cache = site
    out = tmp_path / "out"
    lists = ["en/vacancies/index.html", "fr/postes-vacants/index.html", "vacancies.json", "en/index.html"]
    before = {path: (out / path).stat().st_ino for path in [*lists, "en/vacancies/100002/index.html"]}
    english = content / "vacancies" / "100002" / "en.md"
    english.write_text(english.read_text("utf-8") + "\nA sentence added at the end.\n", "utf-8")
    after = _assert_cached_equals_cold(tmp_path, content, templates, cache)
    assert "A sentence added at the end." in after["en/vacancies/100002/index.html"].decode()
    assert (out / "en/vacancies/100002/index.html").stat().st_ino != before["en/vacancies/100002/index.html"]
    assert {path: (out / path).stat().st_ino for path in lists} == {path: before[path] for path in lists}


@pytest.mark.parametrize("damage", [b"", b"not a database", b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_damaged_cache_is_read_as_an_empty_one(
    tmp_path: Path, site: tuple[Path, Path, Path], damage: bytes
) -> None:
    content, templates, cache = site
    (cache / "bundles.sqlite").write_bytes(damage)
    _assert_cached_equals_cold(tmp_path, content, templates, cache)


@pytest.mark.parametrize(
    ("path", "old", "new", "said"),
    [
        # 100001 states the G17 salary: the figure it agreed with changes under it.
        ("salary-scale.yaml", "grades: {G17: 7540.44}", "grades: {G17: 7600.00}",
         "vacancies/100001/vacancy.yaml:10: salary: 7540.44 does not agree with the scale in force"),
        # 100002 belongs to PDD: the division goes.
        ("site.yaml", "  PDD: {en: Public Diplomacy Division, fr: Division Diplomatie publique}\n", "",
         "vacancies/100002/vacancy.yaml:3: division: \"PDD\" is not one of OPS"),
    ],
)  # fmt: skip
def test_a_settings_edit_that_makes_a_cached_bundle_invalid_fails_as_a_cold_build(
    tmp_path: Path, site: tuple[Path, Path, Path], path: str, old: str, new: str, said: str
) -> None:
    """A bundle's cached result depends on site.yaml and salary-scale.yaml: after an edit
    there, a cached build reports what a cold build does, and publishes nothing either."""
    content, templates, cache = site
    output = tmp_path / "out"
    before = _tree(output)
    file = content / path
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")
    results = []
    for cache_option in (["--cache-dir", str(cache)], ["--no-cache"]):
        args = ("build", "--content", str(content), "--output", str(output), "--now", NOW, "--no-search")
        results.append(run_cli(*args, "--templates", str(templates), *cache_option))
    cached, cold = results
    assert cached.returncode == cold.returncode == 1, cached.stderr
    assert said in cached.stderr, cached.stderr
    assert cached.stderr == cold.stderr
    assert _tree(output) == before
