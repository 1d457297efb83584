"""The preview's site in memory (generator/preview/server.py), without a browser: what a save
changes, it serves.

The watcher (watchfiles) is left out of the first tests: each names the changed files itself, as
the watcher does. The last ones run the real preview (`serve`, tests/preview_server.py) over HTTP:
whatever fails in watching or refreshing is shown and watching goes on, and the background builder
stays one process. test_serve_browser.py runs the real server, watcher and livereload in Chromium.

Every test ends every process it started, and fails if one is left.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, copy_site
from preview_server import (
    BUILD_FAULT,
    CHECK_FAULT,
    FAULT,
    PreviewProcess,
    assert_all_ended,
    descendants,
    h1,
    wait_for,
)

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
def served(tmp_path: Path) -> Iterator[Served]:
    before = descendants(os.getpid())
    made = Served(tmp_path)
    try:
        yield made
    finally:
        assert made.preview.output.stop(wait=30), "the builder did not end when the preview stopped"
        assert_all_ended(descendants(os.getpid()) - before, "the test", timeout=1)


def test_a_saved_title_is_served_at_once_from_memory(served: Served) -> None:
    assert h1(served.page(VACANCY)) == "Winter Assistant"
    served.edit("vacancies/100002/en.md", "title: Winter Assistant", "title: Winter Helper")
    assert h1(served.page(VACANCY)) == "Winter Helper"
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
    assert h1(page) == "Winter Assistant"
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


def test_a_page_that_cannot_be_made_says_why(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(page: object) -> bytes:
        raise RuntimeError("a template that breaks")

    assert served.site.snapshot is not None
    monkeypatch.setattr(served.site.snapshot.renderer, "render", fails)
    answer: list[str] = []
    body = b"".join(served.site({"PATH_INFO": "/" + VACANCY}, lambda status, headers: answer.append(status)))
    assert answer == ["500 Internal Server Error"]
    assert b'id="preview-problems"' in body
    assert f"internal error: RuntimeError: a template that breaks (while making /{VACANCY})".encode() in body


def test_a_watched_cache_rereads_only_the_folders_it_is_told_about(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    cache = BundleCache()
    cache.watched = True
    english = content / "vacancies" / "100002" / "en.md"

    def title() -> str:
        loaded = load_and_validate(content, Report(), cache).content
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


# --- the real preview: never stale in silence, one builder ----------------------------------------

NOW = "2024-11-01"
NOT_REBUILT = "Not rebuilt: fix the problems above"
BUILD_TIMEOUT = 30.0  # seconds for the builder, which runs at the lowest priority, to build the site


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[PreviewProcess]:
    """`serve` in a process of its own, with the faults of tests/preview_server.py at hand."""
    server = PreviewProcess(tmp_path, NOW, "--no-search", faults=True)
    try:
        server.wait_until_up("/" + VACANCY)
        yield server
    finally:
        server.stop()


def save_title(preview: PreviewProcess, title: str) -> None:
    """Give vacancy 100002 the English title TITLE (from whatever it had)."""
    words = preview.content / "vacancies" / "100002" / "en.md"
    text = words.read_text("utf-8")
    start = text.index("title: ")
    words.write_text(text[:start] + f"title: {title}" + text[text.index("\n", start) :], "utf-8")


def served_title(preview: PreviewProcess) -> str:
    return h1(preview.page("/" + VACANCY))


def built(page: Path, title: str) -> bool:
    """Whether the output folder's PAGE has the h1 TITLE."""
    try:
        return h1(page.read_text("utf-8")) == title
    except OSError:  # between two builds
        return False


def overlay(preview: PreviewProcess) -> str:
    page = preview.page("/" + VACANCY)
    return page.split('id="preview-problems"', 1)[1] if 'id="preview-problems"' in page else ""


def test_a_check_that_raises_is_shown_and_the_save_after_the_fix_is_served(preview: PreviewProcess) -> None:
    (preview.content / CHECK_FAULT).write_text("", "utf-8")
    save_title(preview, "Winter Helper")
    wait_for(lambda: FAULT in overlay(preview), f"the overlay saying {FAULT!r}\n{preview.describe()}")
    assert "internal error: RuntimeError: " + FAULT in overlay(preview)
    assert "vacancy.yaml" not in overlay(preview) and "en.md" in overlay(preview)  # the save it follows
    assert f"internal error: RuntimeError: {FAULT}" in preview.output_text()  # in the terminal too
    assert served_title(preview) == "Winter Assistant"  # the last good site
    save_title(preview, "Winter Planner")  # the watcher is alive: this save is checked (and fails too)
    wait_for(lambda: preview.output_text().count(FAULT) == 2, f"a second failure\n{preview.describe()}")
    (preview.content / CHECK_FAULT).unlink()
    save_title(preview, "Winter Coordinator")
    wait_for(lambda: served_title(preview) == "Winter Coordinator", f"the fixed save\n{preview.describe()}")
    assert overlay(preview) == ""


def test_a_name_that_is_not_utf8_is_shown_and_saves_are_still_served(preview: PreviewProcess) -> None:
    """Such a name stops watchfiles (and inotify cannot start while it is there)."""
    bad = os.path.join(os.fsencode(preview.content), b"vacancies", b"caf\xe9")
    os.mkdir(bad)
    shown = f"{preview.content}/vacancies/caf\\xe9: this name is not UTF-8 text"
    wait_for(lambda: shown in overlay(preview), f"the overlay naming the folder\n{preview.describe()}")
    assert shown in preview.output_text()
    # The folder is a vacancy with no files: its check follows the watcher's message.
    wait_for(lambda: NOT_REBUILT in preview.output_text(), f"the folder checked\n{preview.describe()}")
    checks = preview.output_text().count(NOT_REBUILT)
    save_title(preview, "Winter Helper")  # watched all the same, by polling: checked again
    wait_for(
        lambda: preview.output_text().count(NOT_REBUILT) > checks, f"a save beside it\n{preview.describe()}"
    )
    os.rename(bad, os.path.join(os.fsencode(preview.content), b"vacancies", b"100004"))
    wait_for(lambda: shown not in overlay(preview), f"the renamed folder\n{preview.describe()}")
    assert "vacancies/100004" in overlay(preview)  # now checked as any folder: it has no files
    shutil.rmtree(preview.content / "vacancies" / "100004")
    wait_for(lambda: overlay(preview) == "", f"the removed folder\n{preview.describe()}")
    save_title(preview, "Winter Coordinator")
    wait_for(lambda: served_title(preview) == "Winter Coordinator", f"the next save\n{preview.describe()}")


def test_a_build_that_fails_in_the_builder_is_shown_until_one_works(preview: PreviewProcess) -> None:
    page = preview.output / VACANCY / "index.html"
    (preview.content / BUILD_FAULT).write_text("", "utf-8")
    save_title(preview, "Winter Helper")
    said = f"output/ and its search index were not brought up to date: internal error: RuntimeError: {FAULT}"
    wait_for(
        lambda: said in overlay(preview),
        f"the overlay saying the build failed\n{preview.describe()}",
        BUILD_TIMEOUT,
    )
    assert said in preview.output_text()
    assert served_title(preview) == "Winter Helper"  # the preview itself is up to date
    assert "Winter Assistant" in page.read_text("utf-8")
    (preview.content / BUILD_FAULT).unlink()
    save_title(preview, "Winter Coordinator")
    wait_for(
        lambda: built(page, "Winter Coordinator"), f"the next build\n{preview.describe()}", BUILD_TIMEOUT
    )
    wait_for(lambda: overlay(preview) == "", f"the overlay going away\n{preview.describe()}", BUILD_TIMEOUT)
    assert "output/ and its search index are up to date again." in preview.output_text()


def test_the_preview_keeps_one_builder_and_starts_another_only_when_it_died(
    preview: PreviewProcess,
) -> None:
    page = preview.output / VACANCY / "index.html"
    wait_for(lambda: len(preview.builders()) == 1, "one builder")
    (builder,) = preview.builders()
    for title in ("Winter Helper", "Winter Planner", "Winter Coordinator"):
        save_title(preview, title)
        wait_for(
            lambda title=title: built(page, title), f"{title} built\n{preview.describe()}", BUILD_TIMEOUT
        )
        assert preview.builders() == {builder}, "a refresh started another builder"
    os.kill(builder, 9)  # as the system would when out of memory
    assert_all_ended({builder}, "the killed builder", timeout=5)
    builders: set[int] = set()
    for title in ("Winter Aide", "Winter Assistant"):
        save_title(preview, title)
        wait_for(
            lambda title=title: built(page, title), f"{title} built\n{preview.describe()}", BUILD_TIMEOUT
        )
        builders |= preview.builders()
    assert len(builders) == 1 and builder not in builders  # started again once, then kept
    assert overlay(preview) == ""  # a builder that died once is started again without a word
