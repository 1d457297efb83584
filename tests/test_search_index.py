"""The search index in shards (generator/publish/search_index.py): what is indexed, how it is
cut, and what a rebuild redoes."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_site, run_cli
from test_atomic_output import snapshot

from generator.build import check
from generator.common.clock import build_clock
from generator.publish.search_index import (
    INDEX_FOLDER,
    SHARD_LIST,
    SearchIndex,
    SearchPage,
    _glob,
    shard_count,
)

NOW = "2026-06-01"
CORPUS_SIZE = 200  # four shards in each language


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site of CORPUS_SIZE open vacancies (bench/corpus.py)."""
    out = tmp_path_factory.mktemp("corpus") / "content"
    command = [sys.executable, str(ROOT / "bench" / "corpus.py"), "--n", str(CORPUS_SIZE), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def build(content: Path, output: Path, cache: Path | None = None) -> None:
    extra = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", NOW, *extra)
    assert result.returncode == 0, result.stderr


def shard_of(path: str) -> str:
    """The shard a file of the index folder belongs to: "en" (a primary) or "en/shard-1"."""
    language, rest = path.split("/", 1)
    return f"{language}/{rest.split('/')[0]}" if rest.startswith("shard-") else language


def listed(path: str) -> bool:
    """Whether `path` is a language's list of shards (written by every build)."""
    return path.endswith(f"/{SHARD_LIST}")


def ctimes(folder: Path) -> dict[str, int]:
    """Each file's inode change time: making or removing a link to a file changes it."""
    return {str(p.relative_to(folder)): p.stat().st_ctime_ns for p in folder.rglob("*") if p.is_file()}


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_the_shard_count_is_a_power_of_two_that_grows_with_the_site() -> None:
    assert [shard_count(n) for n in (0, 1, 64, 65, 200, 1000, 5000, 100_000)] == [1, 1, 1, 2, 4, 16, 64, 64]


def test_each_language_has_its_own_shards_and_a_page_keeps_its_number_in_every_language() -> None:
    pages = [
        SearchPage(f"{lang}/v/{n}/index.html", lang, f"vacancy {n}", "k") for n in range(300) for lang in "ab"
    ]
    index = SearchIndex(pages, Path("/nowhere"), {})
    assert [shard.folder for shard in index.shards] == [
        *("a", *(f"a/shard-{n}" for n in range(1, 8))),
        *("b", *(f"b/shard-{n}" for n in range(1, 8))),
    ]
    number = {}
    for shard in index.shards:
        language = shard.folder.split("/")[0]
        assert {page.language for page in shard.pages} == {language}
        for page in shard.pages:
            number.setdefault(page.group, set()).add(shard.folder.removeprefix(language))
    assert len(number) == 300 and all(len(numbers) == 1 for numbers in number.values())
    again = SearchIndex(list(reversed(pages)), Path("/nowhere"), {})
    assert index.shards == again.shards  # the order pages come in does not matter


def test_a_shard_glob_starts_with_the_folder_its_pages_share() -> None:
    """Pagefind opens only the folders a glob names when it starts with a folder; a glob that
    starts with a choice makes it walk the whole site."""
    vacancies = [SearchPage(f"en/vacancies/{n}/index.html", "en", str(n), "k") for n in (7, 12)]
    assert _glob(vacancies) == "en/vacancies/{7/index.html,12/index.html}"
    mixed = [*vacancies, SearchPage("en/about-us/index.html", "en", "about", "k")]
    assert _glob(mixed) == "en/{vacancies/7/index.html,vacancies/12/index.html,about-us/index.html}"
    assert _glob([SearchPage("en/index.html", "en", "home", "k")]) == "en/{index.html}"


def test_a_shard_indexes_its_own_pages_in_place_whatever_their_names(tmp_path: Path) -> None:
    """Pagefind is given the shard's pages by a glob: characters that mean something in a
    glob are taken literally, in the shared folder as in the rest, and the other pages of the
    site are left out."""
    page = '<html lang="en"><title>{0}</title><body><main data-pagefind-body>{0}</main></body></html>'
    site = tmp_path / "site"
    names = ["en[1]/a{1},b[2]*?", "en[1]/plain", "en[1]/other", "en1/plain"]
    for name in names:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(page.format(name), "utf-8")
    shard = [SearchPage(f"{name}/index.html", "en", name, "k") for name in names[:2]]
    SearchIndex(shard, tmp_path / "live", {}).write(site)
    index = site / INDEX_FOLDER / "en"
    assert len(list((index / "fragment").iterdir())) == 2
    assert (index / SHARD_LIST).read_text("utf-8") == "[]"
    assert sorted(p.name for p in site.iterdir()) == ["en1", "en[1]", INDEX_FOLDER]  # no work folder left


def test_visitors_search_open_vacancies_and_pages_only(tmp_path: Path) -> None:
    outcome = check(copy_site("basic", tmp_path), build_clock("2024-11-01"))
    plan = outcome.plan
    assert plan is not None
    searchable = {route.key for route in plan.routes if plan.searchable(route)}
    open_ones = {
        ("vacancy", v.reference) for v in plan.vacancies if v.status_at(plan.now).accepts_applications
    }
    closed = {("vacancy", v.reference) for v in plan.vacancies} - open_ones
    assert open_ones and closed  # the basic site has both
    assert open_ones <= searchable and not closed & searchable
    assert {key for key in searchable if key[0] == "page"} == {("page", p.name) for p in plan.content.pages}
    assert {key[0] for key in searchable} == {"vacancy", "page"}  # no list, feed or home page


def test_a_cached_rebuild_reindexes_one_shard_and_equals_a_cold_build(corpus: Path, tmp_path: Path) -> None:
    """Each rebuild after a one-page edit indexes one shard again; the others are the live
    site's files (hard links), whether the older generation it starts from had them or not."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(content, output, cache)
    index = output / INDEX_FOLDER
    assert sorted(p.name for p in index.iterdir()) == ["en", "fr"]
    for language in ("en", "fr"):
        shards = (index / language / SHARD_LIST).read_text("utf-8")
        assert shards == '["shard-1/", "shard-2/", "shard-3/"]'
        assert (index / language / "pagefind.js").is_file()
        assert not list(index.glob(f"{language}/shard-1/pagefind*.js"))  # a merged shard holds its data only
    vacancies = sorted((content / "vacancies").iterdir())
    renewed_last: set[str] = set()
    for edited, word in [(7, "Zanzibarite"), (30, "Quokkaland"), (7, "Zanzibarian"), (120, "Tuatara")]:
        before, changed = inodes(index), ctimes(index)
        words = vacancies[edited] / "en.md"
        words.write_text(words.read_text("utf-8").replace("## ", f"## {word} ", 1), "utf-8")
        build(content, output, cache)
        after = inodes(index)
        renewed = [path for path in after if after[path] != before.get(path) and not listed(path)]
        gone = set(before) - set(after)
        renewed_now = {shard_of(path) for path in [*renewed, *gone]}
        # The vacancy's shard in each language (its pages' keys both change); the rest linked over.
        assert len({shard.removeprefix("en").removeprefix("fr") for shard in renewed_now}) == 1, renewed_now
        assert len(renewed_now) <= 2, renewed_now
        if renewed_last:  # the older generation held the other shards: they were left, not linked again
            untouched = {p for p in after if shard_of(p) not in renewed_now | renewed_last and not listed(p)}
            now = ctimes(index)
            assert untouched and all(now[path] == changed[path] for path in untouched)
        renewed_last = renewed_now
    cold = tmp_path / "cold"
    build(content, cold)
    assert snapshot(cold) == snapshot(output)


def truncate_in_place(file: Path) -> None:
    """Damage `file` as a crashed copy or a full disk would: same inode, fewer bytes."""
    with file.open("r+b") as handle:
        handle.truncate(file.stat().st_size // 2)


@pytest.mark.parametrize("damaged", ["output", "cache"])
def test_a_search_file_damaged_in_place_is_made_again(damaged: str, tmp_path: Path) -> None:
    """A carried-over shard is checked against the digest recorded when it was made: a file
    truncated in place, in the live site or in the older generation the cache keeps (the same
    file, hard-linked), is never reused, and the site comes out as a cold build's."""
    content = copy_site("basic", tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(content, output, cache)
    build(content, output, cache)  # the cache now keeps an older generation, linked to the live files
    if damaged == "output":
        files = [output / INDEX_FOLDER / "en" / "pagefind.js"]
    else:
        (generation,) = cache.glob("site-*")
        files = sorted(p for p in (generation / INDEX_FOLDER / "fr").rglob("*") if p.is_file())
    for file in files:
        truncate_in_place(file)
    build(content, output, cache)
    build(content, output, cache)
    cold = tmp_path / "cold"
    build(content, cold)
    assert snapshot(output) == snapshot(cold)


def indexed_urls(output: Path) -> set[str]:
    """The address of every page in the built Pagefind index, in every shard and language
    (a fragment is gzipped JSON after Pagefind's signature)."""
    urls = set()
    for fragment in (output / INDEX_FOLDER).rglob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.add(json.loads(data.removeprefix(b"pagefind_dcd"))["url"])
    return urls


def test_the_built_index_holds_the_open_vacancies_and_pages_and_no_closed_vacancy(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    output = tmp_path / "output"
    assert run_cli("build", "--content", str(content), "--output", str(output), "--now", "2024-11-01",
                   "--no-cache").returncode == 0  # fmt: skip
    plan = check(content, build_clock("2024-11-01")).plan
    assert plan is not None
    expected = {
        plan.urls.href(route.path)
        for route in plan.routes
        if route.language is not None
        and (
            route.key[0] == "page"
            or (
                route.key[0] in ("vacancy", "internship")
                and plan.vacancy(route.key[1]).status_at(plan.now).accepts_applications
            )
        )
    }
    closed = {v.reference for v in plan.vacancies if not v.status_at(plan.now).accepts_applications}
    assert closed and len(expected) > 4
    assert indexed_urls(output) == expected
