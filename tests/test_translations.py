"""Unit tests of translation bookkeeping: a missing translation is never silent."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.errors import Report, Severity
from generator.loader import load_content
from generator.models import Content
from generator.translations import TranslationStatus, report_missing, translation_status
from generator.validate import validate_content

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def _content(root: Path = BASIC) -> Content:
    report = Report()
    content = validate_content(load_content(root, report), report)
    assert content is not None, [p.format() for p in report]
    return content


def test_translation_status_lists_present_and_missing() -> None:
    statuses = translation_status(_content())
    assert statuses == [
        TranslationStatus("vacancy 100001", ("en", "fr"), ()),
        TranslationStatus("vacancy 100002", ("en", "fr"), ()),
        TranslationStatus("vacancy 100003", ("en",), ("fr",)),
        TranslationStatus("page about", ("en", "fr"), ()),
    ]


def test_missing_french_is_a_strict_warning_naming_the_file() -> None:
    content = _content()
    report = Report()
    report_missing(content, report)
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
    report_missing(content, report)
    assert list(report) == []
    assert all(status.missing == () for status in translation_status(content))


def test_a_missing_page_translation_is_reported_too(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    (root / "pages" / "about" / "fr.md").unlink()
    content = _content(root)
    report = Report()
    report_missing(content, report)
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
    report_missing(content, report)
    german = [p for p in report if Path(p.path).name == "de.md"]
    assert len(german) == 4
    assert all(p.strict_error for p in german)
