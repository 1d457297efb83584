"""Unit tests of translation bookkeeping: a missing translation is never silent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.common.problems import Report, Severity
from generator.content.loader import load_content
from generator.content.models import Content
from generator.content.translation_status import change_order, report_translations, translation_status
from generator.content.validate import validate_content

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def _content(root: Path = BASIC) -> Content:
    report = Report()
    content = validate_content(load_content(root, report), report)
    assert content is not None, [p.format() for p in report]
    return content


def test_translation_status_lists_present_and_missing() -> None:
    statuses = translation_status(_content())
    assert [(s.label, s.present, s.missing, s.stale) for s in statuses] == [
        ("vacancy 100001", ("en", "fr"), (), ()),
        ("vacancy 100002", ("en", "fr"), (), ()),
        ("vacancy 100003", ("en",), ("fr",), ()),
        ("page about", ("en", "fr"), (), ()),
    ]


def test_missing_french_is_a_strict_warning_naming_the_file() -> None:
    content = _content()
    report = Report()
    report_translations(content, None, report)
    [warning] = list(report)
    assert warning.severity is Severity.WARNING
    assert warning.strict_error is True
    assert Path(warning.path).resolve() == (BASIC / "vacancies" / "100003" / "fr.md").resolve()
    assert "vacancy 100003 is not translated into fr" in warning.message
    assert "published in en only" in warning.message
    assert "fr.md" in warning.hint and "--strict" in warning.hint
    # Not an error by default, an error with --strict.
    assert report.errors() == []
    assert report.errors(strict=True) == [warning]
    assert report.warnings(strict=True) == []


def test_nothing_is_reported_when_everything_is_translated(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    shutil.copy(root / "vacancies" / "100001" / "fr.md", root / "vacancies" / "100003" / "fr.md")
    content = _content(root)
    report = Report()
    report_translations(content, None, report)
    assert list(report) == []
    assert all(status.missing == () for status in translation_status(content))


def test_a_missing_page_translation_is_reported_too(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    (root / "pages" / "about" / "fr.md").unlink()
    content = _content(root)
    report = Report()
    report_translations(content, None, report)
    paths = sorted(Path(p.path).name + ":" + Path(p.path).parent.name for p in report)
    assert paths == ["fr.md:100003", "fr.md:about"]
    assert any("page about is not translated into fr" in p.message for p in report)


def test_a_new_site_language_reports_every_item(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    site = root / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("[en, fr]", "[en, fr, de]"), "utf-8")
    content = _content(root)
    report = Report()
    report_translations(content, None, report)
    german = [p for p in report if Path(p.path).name == "de.md"]
    assert len(german) == 4
    assert all(p.strict_error for p in german)


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _stale(root: Path) -> dict[str, tuple[str, ...]]:
    return {s.label: s.stale for s in translation_status(_content(root), change_order(root)) if s.stale}


def test_stale_translations_are_judged_from_git_history(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "first")
    assert _stale(root) == {}
    english = root / "vacancies" / "100002" / "en.md"
    english.write_text(english.read_text("utf-8") + "\nA new paragraph.\n", "utf-8")
    assert _stale(root) == {"vacancy 100002": ("fr",)}  # uncommitted edit of the English
    _git(root, "commit", "-qam", "English only")
    assert _stale(root) == {"vacancy 100002": ("fr",)}
    report = Report()
    report_translations(_content(root), change_order(root), report)
    [warning] = [p for p in report if "out of date" in p.message]
    assert Path(warning.path).name == "fr.md" and warning.strict_error
    french = root / "vacancies" / "100002" / "fr.md"
    french.write_text(french.read_text("utf-8") + "\nUn nouveau paragraphe.\n", "utf-8")
    _git(root, "commit", "-qam", "French too")
    assert _stale(root) == {}


def test_a_translation_edited_alone_does_not_make_the_original_stale(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "first")
    french = root / "vacancies" / "100002" / "fr.md"
    french.write_text(french.read_text("utf-8").replace("hiver", "hiver !"), "utf-8")
    _git(root, "commit", "-qam", "typo")
    assert _stale(root) == {}


def test_outside_git_translated_from_decides(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    assert change_order(root) is None
    source = _content(root).vacancies[1].words["en"].fingerprint
    french = root / "vacancies" / "100002" / "fr.md"
    french.write_text(
        french.read_text("utf-8").replace("---\n", f"---\ntranslated_from: {source}\n", 1), "utf-8"
    )
    assert _stale(root) == {}
    english = root / "vacancies" / "100002" / "en.md"
    english.write_text(english.read_text("utf-8") + "\nMore.\n", "utf-8")
    assert _stale(root) == {"vacancy 100002": ("fr",)}
    report = Report()
    report_translations(_content(root), None, report)
    [warning] = [p for p in report if "out of date" in p.message]
    new = _content(root).vacancies[1].words["en"].fingerprint
    assert f"translated_from: {new}" in warning.hint


def _rewrap(text: str) -> str:
    """The same words laid out again below the front matter: each paragraph on one line with
    trailing spaces, a blank line more between paragraphs and at the end."""
    _, front, body = text.split("---\n", 2)
    paragraphs = [" ".join(p.split("\n")) + "   " for p in body.strip().split("\n\n")]
    return f"---\n{front}---\n\n" + "\n\n\n".join(paragraphs) + "\n\n"


def test_a_whitespace_edit_of_the_original_keeps_its_translations_up_to_date(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "first")
    english = root / "vacancies" / "100002" / "en.md"
    words = english.read_text("utf-8")
    english.write_text(_rewrap(words), "utf-8")
    assert _stale(root) == {}  # uncommitted
    _git(root, "commit", "-qam", "lines wrapped again")
    assert _stale(root) == {}
    english.write_text(_rewrap(words) + "A new paragraph.\n", "utf-8")
    assert _stale(root) == {"vacancy 100002": ("fr",)}  # a word is a change


def test_outside_git_a_whitespace_edit_keeps_the_fingerprint(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    english = root / "vacancies" / "100002" / "en.md"
    source = _content(root).vacancies[1].words["en"]
    french = root / "vacancies" / "100002" / "fr.md"
    text = french.read_text("utf-8")
    french.write_text(text.replace("---\n", f"---\ntranslated_from: {source.fingerprint}\n", 1), "utf-8")
    english.write_text(_rewrap(english.read_text("utf-8")), "utf-8")
    assert _content(root).vacancies[1].words["en"].fingerprint == source.fingerprint
    assert _stale(root) == {}
    # A fingerprint written by an earlier version (of the bytes, whitespace included) still counts.
    english.write_text(english.read_text("utf-8"), "utf-8")
    exact = _content(root).vacancies[1].words["en"].exact_fingerprint
    french.write_text(text.replace("---\n", f"---\ntranslated_from: {exact}\n", 1), "utf-8")
    assert _stale(root) == {}
