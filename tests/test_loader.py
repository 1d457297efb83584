"""Unit tests of the loader: reading files and folders into raw bundles, never raising."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.common.problems import Problem, Report, Severity
from generator.content.loader import load_content, load_document, parse_yaml_mapping, read_text
from generator.content.validate import validate_content

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def _copy_basic(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(BASIC, target)
    return target


def _about(problems: Report | list[Problem], path: Path) -> list[Problem]:
    """The problems reported on one file (paths are shown as the editor would type them)."""
    return [p for p in problems if Path(p.path).resolve() == path.resolve()]


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- read_text -----------------------------------------------------------------


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", "\ufeff---\r\ntitle: Hello\r\n---\r\nBody line\r\nsecond\r")
    report = Report()
    assert read_text(path, report) == "---\ntitle: Hello\n---\nBody line\nsecond\n"
    assert len(report) == 0


def test_bom_and_crlf_document_is_parsed_with_file_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", "\ufeff---\r\ntitle: Hello\r\nslug: hi\r\n---\r\nBody\r\n")
    report = Report()
    document = load_document(path, report)
    assert document is not None and len(report) == 0
    assert document.front == {"title": "Hello", "slug": "hi"}
    assert document.front.key_lines == {"title": 2, "slug": 3}
    assert document.body == "Body\n"
    assert document.body_line == 5


def test_undecodable_bytes_are_reported_with_their_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "fr.md", b"---\ntitle: Equipe\n---\nok\n\xc9quipe en latin-1\n")
    report = Report()
    assert read_text(path, report) is None
    [problem] = list(report)
    assert problem.line == 5
    assert "UTF-8" in problem.message
    assert problem.severity is Severity.ERROR


def test_undecodable_bytes_after_a_bom_are_reported_with_their_line(tmp_path: Path) -> None:
    # An editor that saves with a BOM, then pastes a Latin-1 "É" at the start of line 5.
    path = _write(tmp_path / "fr.md", b"\xef\xbb\xbf---\ntitle: Equipe\n---\nok\n\xc9quipe\n")
    report = Report()
    assert read_text(path, report) is None
    [problem] = list(report)
    assert problem.line == 5


def test_a_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    (tmp_path / "en.md").mkdir()
    report = Report()
    assert read_text(tmp_path / "en.md", report) is None
    [problem] = list(report)
    assert "folder" in problem.message


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", b"a" * (2 * 1024 * 1024 + 1))
    report = Report()
    assert read_text(path, report) is None
    assert "2 MB" in next(iter(report)).message


# --- load_document ---------------------------------------------------------------


def test_empty_markdown_file_needs_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", b"")
    report = Report()
    assert load_document(path, report) is None
    [problem] = list(report)
    assert problem.line == 1
    assert "front matter" in problem.message


def test_no_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", "# Title\n\nBody\n")
    report = Report()
    assert load_document(path, report) is None
    [problem] = list(report)
    assert (problem.line, "must start with front matter" in problem.message) == (1, True)


def test_front_matter_not_closed(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", "---\ntitle: Hello\n\nBody without the closing line\n")
    report = Report()
    assert load_document(path, report) is None
    [problem] = list(report)
    assert "not closed" in problem.message
    assert problem.line == 1


def test_document_lines_are_file_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "fr.md",
        "---\n# a comment\ntitle: Bonjour\nsummary: Court\nextra:\n  nested: 1\n---\nPremier paragraphe.\n",
    )
    report = Report()
    document = load_document(path, report)
    assert document is not None
    assert document.language == "fr"
    assert document.front.key_lines == {"title": 3, "summary": 4, "extra": 5}
    assert document.front["extra"].key_lines == {"nested": 6}
    assert document.front.line == 3
    assert document.body_line == 8
    assert document.body.splitlines()[0] == "Premier paragraphe."


def test_yaml_error_in_front_matter_has_the_file_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", "---\ntitle: Hello\ntitle: Again\n---\nBody\n")
    report = Report()
    assert load_document(path, report) is None
    [problem] = list(report)
    assert problem.line == 3
    assert "line 2" in problem.hint


def test_empty_front_matter_is_an_empty_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.md", "---\n---\nBody\n")
    report = Report()
    document = load_document(path, report)
    assert document is not None and document.front == {}
    assert document.body_line == 3


# --- parse_yaml_mapping ------------------------------------------------------------


def test_yaml_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    report = Report()
    assert parse_yaml_mapping(tmp_path / "site.yaml", "- en\n- fr\n", report) is None
    [problem] = list(report)
    assert problem.line == 1 and "key: value" in problem.message


def test_empty_yaml_is_an_empty_mapping(tmp_path: Path) -> None:
    report = Report()
    data = parse_yaml_mapping(tmp_path / "page.yaml", "", report)
    assert data == {} and len(report) == 0


# --- load_content ------------------------------------------------------------------


def test_basic_fixture_loads_without_problems() -> None:
    report = Report()
    raw = load_content(BASIC, report)
    assert list(report) == []
    assert [b.name for b in raw.vacancies] == ["100001", "100002", "100003"]
    assert [b.name for b in raw.pages] == ["about"]
    assert sorted(raw.vacancies[0].documents) == ["en", "fr"]
    assert sorted(raw.vacancies[2].documents) == ["en"]
    assert raw.site is not None and raw.site.data is not None
    assert raw.site.data.line_of("timezone") == 3


def test_missing_content_folder(tmp_path: Path) -> None:
    report = Report()
    raw = load_content(tmp_path / "nope", report)
    assert raw.site is None and raw.vacancies == ()
    [problem] = list(report)
    assert problem.severity is Severity.ERROR
    assert "does not exist" in problem.message


def test_content_folder_is_a_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "content", "x")
    report = Report()
    load_content(path, report)
    [problem] = list(report)
    assert "is a file" in problem.message


def test_missing_site_and_scale_are_errors(tmp_path: Path) -> None:
    (tmp_path / "content" / "vacancies").mkdir(parents=True)
    report = Report()
    raw = load_content(tmp_path / "content", report)
    assert raw.site is None and raw.scale is None
    messages = [p.message for p in report.errors()]
    assert "site.yaml is missing" in messages
    assert "salary-scale.yaml is missing" in messages


def test_a_vacancy_written_as_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    _write(content / "vacancies" / "241490", "reference: 241490\n")
    report = Report()
    raw = load_content(content, report)
    assert "241490" not in [b.name for b in raw.vacancies]
    [problem] = _about(report, content / "vacancies" / "241490")
    assert problem.severity is Severity.ERROR
    assert "must be a folder" in problem.message
    assert "241490/" in problem.hint


def test_vacancies_folder_is_a_file(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    shutil.rmtree(content / "vacancies")
    _write(content / "vacancies", "oops")
    report = Report()
    raw = load_content(content, report)
    assert raw.vacancies == ()
    [problem] = _about(report, content / "vacancies")
    assert problem.severity is Severity.ERROR


def test_missing_vacancy_yaml_is_an_error(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    (content / "vacancies" / "100002" / "vacancy.yaml").unlink()
    report = Report()
    raw = load_content(content, report)
    bundle = next(b for b in raw.vacancies if b.name == "100002")
    assert bundle.facts is None
    [problem] = _about(report, content / "vacancies" / "100002" / "vacancy.yaml")
    assert "missing" in problem.message and problem.severity is Severity.ERROR


def test_unknown_files_in_a_bundle_are_warnings(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    notes = _write(content / "vacancies" / "100001" / "notes.txt", "remember\n")
    _write(content / "vacancies" / "100001" / ".DS_Store", b"\0")
    report = Report()
    load_content(content, report)
    [problem] = _about(report, notes)
    assert problem.severity is Severity.WARNING
    assert "'notes.txt' is not used" in problem.message
    assert report.errors() == []
    assert _about(report, content / "vacancies" / "100001" / ".DS_Store") == []


def test_unknown_entries_at_the_top_are_warnings(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    readme = _write(content / "README.txt", "hello")
    report = Report()
    load_content(content, report)
    [problem] = _about(report, readme)
    assert problem.severity is Severity.WARNING


def test_an_unreadable_document_in_a_bundle_is_reported_with_its_path(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    fr = _write(content / "vacancies" / "100001" / "fr.md", "title: no front matter\n")
    report = Report()
    raw = load_content(content, report)
    bundle = next(b for b in raw.vacancies if b.name == "100001")
    assert sorted(bundle.documents) == ["en"]
    [problem] = _about(report, fr)
    assert problem.line == 1


def test_yaml_error_in_vacancy_yaml_has_path_and_line(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    path = content / "vacancies" / "100002" / "vacancy.yaml"
    path.write_text(path.read_text("utf-8") + "grade: G17\n", "utf-8")
    report = Report()
    raw = load_content(content, report)
    bundle = next(b for b in raw.vacancies if b.name == "100002")
    assert bundle.facts is not None and bundle.facts.data is None
    [problem] = _about(report, path)
    assert problem.line == 10
    assert "line 2" in problem.hint


def test_pages_folder_is_optional(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    shutil.rmtree(content / "pages")
    report = Report()
    raw = load_content(content, report)
    assert raw.pages == ()
    assert list(report) == []


def test_a_problem_is_one_line_whatever_the_file_name_holds() -> None:
    """Found by tests/test_properties.py: a folder named "\\r" broke the `path:line: message` line."""
    problem = Problem("content/a\rb\nc\x1b[31m\u2028", 3, "name 'x\x85y'", "rename it")
    assert problem.format() == "content/a\\rb\\nc\\x1b[31m\\u2028:3: name 'x\\x85y'; rename it"
    assert len(problem.format().splitlines()) == 1


# --- names are whole names -------------------------------------------------------------


def _error_messages(content: Path) -> list[str]:
    report = Report()
    validate_content(load_content(content, report), report)
    return [p.message for p in report.errors()]


def test_a_folder_name_ending_in_a_newline_is_no_reference_and_no_page_name(tmp_path: Path) -> None:
    content = _copy_basic(tmp_path)
    (content / "vacancies" / "100001").rename(content / "vacancies" / "100001\n")
    (content / "pages" / "about").rename(content / "pages" / "about\n")
    messages = _error_messages(content)
    assert "the folder name '100001\\n' cannot be a reference" in messages
    assert "the page folder name 'about\\n' is not allowed" in messages


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("site.yaml", "languages: [en, fr]", 'languages: [en, "fr\\n"]', "is not a language code"),
        ("site.yaml", "regions: {en: GB, fr: BE}", 'regions: {en: GB, fr: "BE\\n"}', "is not a region code"),
        ("salary-scale.yaml", "G17: 7540.44", '"G17\\n": 7540.44', "is not a grade code"),
    ],
)
def test_codes_of_the_settings_are_whole_codes(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    content = _copy_basic(tmp_path)
    path = content / file
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    assert any(message in text for text in _error_messages(content)), _error_messages(content)
