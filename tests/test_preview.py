"""The preview's site in memory (generator/preview/server.py), without a browser: what a save
changes, it serves.

The watcher (watchfiles) is left out: each test names the changed files itself, as the watcher
does. test_serve_browser.py runs the real server, watcher and livereload in Chromium.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_site

from generator.common.problems import Report
from generator.content.bundle_cache import BundleCache, load_and_validate
from generator.preview.server import Preview, PreviewSite

VACANCY = "en/vacancies/100002/"


class Served:
    def __init__(self, tmp_path: Path) -> None:
        self.content = copy_site("basic", tmp_path)
        self.output = tmp_path / "output"
        args = argparse.Namespace(
            content=self.content,
            output=self.output,
            now="2024-11-01",
            strict=False,
            templates=ROOT / "templates",
            search=False,
            cache_dir=tmp_path / "cache",
            force=False,
        )
        self.site = PreviewSite(self.output)
        self.preview = Preview(args, self.site)
        self.preview.output.soon = lambda: None  # no background build in these tests
        self.preview.start()

    def page(self, path: str) -> str:
        """GET /PATH through the WSGI app, as the server does; 404s give ""."""
        answer: list[str] = []
        body = self.site({"PATH_INFO": "/" + path}, lambda status, headers: answer.append(status))
        return b"".join(body).decode() if answer == ["200 OK"] else ""

    def edit(self, relative: str, old: str, new: str) -> None:
        file = self.content / relative
        text = file.read_text("utf-8")
        assert old in text
        file.write_text(text.replace(old, new), "utf-8")
        self.preview.update({file})


@pytest.fixture
def served(tmp_path: Path) -> Served:
    return Served(tmp_path)


def test_a_saved_title_is_served_at_once_from_memory(served: Served) -> None:
    assert "<h1>Winter Assistant" in served.page(VACANCY)
    served.edit("vacancies/100002/en.md", "title: Winter Assistant", "title: Winter Helper")
    assert "<h1>Winter Helper" in served.page(VACANCY)
    assert "Winter Helper" in served.page("en/vacancies/")  # the list shows it too
    assert "Winter Assistant" in (served.output / VACANCY / "index.html").read_text("utf-8")  # not rewritten


def test_a_removed_vacancy_is_gone_though_the_output_folder_still_has_it(served: Served) -> None:
    shutil.rmtree(served.content / "vacancies" / "100002")
    served.preview.update({served.content / "vacancies" / "100002" / "en.md"})
    assert served.page(VACANCY) == ""
    assert (served.output / VACANCY / "index.html").is_file()


def test_a_broken_save_keeps_the_last_good_page_with_the_problems_over_it(served: Served) -> None:
    served.edit("vacancies/100002/vacancy.yaml", "deadline:", "deadline: next Friday\nold_deadline:")
    page = served.page(VACANCY)
    assert "<h1>Winter Assistant" in page
    assert 'id="preview-problems"' in page and "vacancy.yaml:" in page
    served.edit("vacancies/100002/vacancy.yaml", "deadline: next Friday\nold_deadline:", "deadline:")
    assert 'id="preview-problems"' not in served.page(VACANCY)


def test_a_template_change_is_served(served: Served, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    served.preview.args.templates = templates
    served.preview.update(set())
    facts = templates / "partials" / "facts.html"
    facts.write_text(facts.read_text("utf-8").replace('{{ _("Key facts") }}', "Facts at a glance"), "utf-8")
    served.preview.update({facts})
    assert "Facts at a glance" in served.page(VACANCY)


def test_a_watched_cache_rereads_only_the_folders_it_is_told_about(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    cache = BundleCache()
    cache.watched = True
    english = content / "vacancies" / "100002" / "en.md"

    def title() -> str:
        loaded = load_and_validate(content, Report(), cache)
        assert loaded is not None
        return next(v for v in loaded.vacancies if v.reference == "100002").words["en"].title

    assert title() == "Winter Assistant"
    english.write_text(english.read_text("utf-8").replace("Winter Assistant", "Winter Helper"), "utf-8")
    assert title() == "Winter Assistant"  # not told: the folder is trusted as it was
    cache.changed({english})
    assert title() == "Winter Helper"
    english.write_text(english.read_text("utf-8").replace("Winter Helper", "Winter Aide"), "utf-8")
    cache.changed({content / "site.yaml"})  # in no bundle folder: every folder is looked at again
    assert title() == "Winter Aide"
