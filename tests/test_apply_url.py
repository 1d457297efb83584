"""`apply_url`: one https address, or one per language, and the address each page links to."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_site, run_cli

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.validate import validate_content

ONE = "apply_url: https://example.org/apply/100001"


def _with(tmp_path: Path, line: str) -> Path:
    root = copy_site("basic", tmp_path)
    path = root / "vacancies" / "100001" / "vacancy.yaml"
    path.write_text(path.read_text("utf-8").replace(ONE, line), encoding="utf-8")
    return root


def _problems(root: Path) -> tuple[list[str], object]:
    report = Report()
    content = validate_content(load_content(root, report), report)
    return [p.format() for p in report], content


def test_one_address_serves_every_language(tmp_path: Path) -> None:
    problems, content = _problems(_with(tmp_path, ONE))
    assert problems == []
    vacancy = next(v for v in content.vacancies if v.reference == "100001")  # type: ignore[attr-defined]
    assert vacancy.apply_url_in("fr") == vacancy.apply_url_in("en") == "https://example.org/apply/100001"


def test_one_address_per_language(tmp_path: Path) -> None:
    line = "apply_url: {en: https://example.org/en/apply, fr: https://example.org/fr/postuler}"
    root = _with(tmp_path, line)
    problems, content = _problems(root)
    assert problems == []
    vacancy = next(v for v in content.vacancies if v.reference == "100001")  # type: ignore[attr-defined]
    assert vacancy.apply_url == "https://example.org/en/apply"  # what vacancies.json carries
    assert vacancy.apply_url_in("fr") == "https://example.org/fr/postuler"
    output = tmp_path / "out"
    result = run_cli("build", "--content", str(root), "--output", str(output), "--now", "2024-06-15",
                     "--no-search", "--no-cache")  # fmt: skip
    assert result.returncode == 0, result.stderr
    french = next((output / "fr").glob("*/100001/index.html")).read_text("utf-8")
    english = (output / "en" / "vacancies" / "100001" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/fr/postuler"' in french and "en/apply" not in french
    assert 'href="https://example.org/en/apply"' in english


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("apply_url: {en: https://example.org/a, fr: http://example.org/b}",
         'vacancy.yaml:12: apply_url.fr: "http://example.org/b" is not an absolute https address'),
        ("apply_url: {en: https://example.org/a, de: https://example.org/b}",
         "vacancy.yaml:12: apply_url: 'de' is not a language of the site"),
        ("apply_url: {fr: https://example.org/b}",
         "vacancy.yaml:12: apply_url has no text in en, the default language"),
    ],
)  # fmt: skip
def test_refused_addresses(tmp_path: Path, line: str, message: str) -> None:
    problems, _content = _problems(_with(tmp_path, line))
    assert any(message in problem for problem in problems), problems


def test_a_missing_language_falls_back_with_a_warning(tmp_path: Path) -> None:
    problems, content = _problems(_with(tmp_path, "apply_url: {en: https://example.org/a}"))
    assert any("apply_url has no text in fr; the en text is used" in p for p in problems), problems
    vacancy = next(v for v in content.vacancies if v.reference == "100001")  # type: ignore[attr-defined]
    assert vacancy.apply_url_in("fr") == "https://example.org/a"
