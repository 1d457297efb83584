"""Read `content/` into raw bundles: parsed YAML and Markdown text, with line numbers.

This is the only stage that reads content from disk. Anything it cannot read
becomes a problem in the report, never an exception. It reads only inside the
content folder: a symbolic link that leads out of it is reported, never
followed (common/containment.py).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.containment import OUTSIDE_HINT, link_problem, target_problem
from ..common.problems import Report
from .placeholders import report_placeholders
from .yaml_source import Mapping, Sequence, YamlError, load_yaml

SITE_FILE = "site.yaml"
SCALE_FILE = "salary-scale.yaml"
VACANCIES_DIR = "vacancies"
PAGES_DIR = "pages"
FACT_FILES = {"vacancy": "vacancy.yaml", "page": "page.yaml"}
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A YAML file: its path and its top-level mapping (None when unreadable)."""

    path: Path
    data: Mapping | None


@dataclass(frozen=True)
class Document:
    """One language's words: front matter and Markdown body."""

    path: Path
    language: str
    front: Mapping
    body: str
    body_line: int  # line of the file on which the body starts
    fingerprint: str  # short hash of the whole text but its whitespace, for `translated_from`
    exact_fingerprint: str  # of the text as it is, what versions before 0.2 wrote


@dataclass(frozen=True)
class RawBundle:
    kind: str  # "vacancy" or "page"
    name: str  # folder name
    folder: Path
    facts: SourceFile | None
    documents: dict[str, Document] = field(default_factory=dict)


@dataclass(frozen=True)
class RawContent:
    root: Path
    site: SourceFile | None
    scale: SourceFile | None
    vacancies: tuple[RawBundle, ...]
    pages: tuple[RawBundle, ...]


def load_content(root: Path, report: Report) -> RawContent:
    """Read every file of the content tree; report what cannot be read."""
    settings = load_settings(root, report)
    if settings is None:
        return RawContent(root, None, None, (), ())
    bundles = [load_bundle(folder, kind, report, root) for kind, folder in bundle_folders(root, report)]
    return RawContent(
        root,
        *settings,
        tuple(b for b in bundles if b.kind == "vacancy"),
        tuple(b for b in bundles if b.kind == "page"),
    )


def load_settings(root: Path, report: Report) -> tuple[SourceFile | None, SourceFile | None] | None:
    """site.yaml and salary-scale.yaml; None when there is no content folder at all."""
    if not root.exists():
        report.error(root, None, "the content folder does not exist", "pass --content DIR")
        return None
    if not root.is_dir():
        report.error(root, None, "the content folder is a file, not a folder")
        return None
    known = {SITE_FILE, SCALE_FILE, VACANCIES_DIR, PAGES_DIR}
    for entry in sorted(root.iterdir()):
        if entry.name not in known and not entry.name.startswith("."):
            report.warning(entry, None, f"{entry.name!r} is not part of the content format and is ignored")
    settings = [root / SITE_FILE, root / SCALE_FILE]
    site, scale = (
        None if unfollowed(path, root, report) else load_required_yaml(path, report) for path in settings
    )
    return site, scale


def unfollowed(path: Path, root: Path, report: Report) -> bool:
    """True (and reported) when `path` is a symbolic link that must not be followed."""
    problem = link_problem(path, root, "the content folder")
    if problem is not None:
        report.error(path, None, problem, OUTSIDE_HINT)
    return problem is not None


def bundle_folders(root: Path, report: Report) -> list[tuple[str, Path]]:
    """(kind, folder) of every vacancy, then every page, in name order."""
    vacancies = _folders(root, VACANCIES_DIR, "vacancy", report)
    pages = _folders(root, PAGES_DIR, "page", report, optional=True)
    return [("vacancy", folder) for folder in vacancies] + [("page", folder) for folder in pages]


def read_text(path: Path, report: Report) -> str | None:
    """A text file as str: UTF-8 (a BOM is accepted), line endings made LF."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            report.error(path, None, "the file is larger than 2 MB", "split it or shorten it")
            return None
        raw = path.read_bytes()
    except IsADirectoryError:
        report.error(path, None, "this is a folder, but a file is expected here")
        return None
    except OSError as error:
        report.error(path, None, f"cannot read the file: {error.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1  # counted after any BOM
        report.error(path, line, "the file is not UTF-8 text", "save it again as UTF-8 in your editor")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml_mapping(path: Path, text: str, report: Report, line_offset: int = 0) -> Mapping | None:
    """Parse YAML whose top level must be a mapping of `key: value` lines."""
    try:
        data: Any = load_yaml(text)
    except YamlError as error:
        error = error.shifted(line_offset)
        report.error(path, error.line, error.message, error.hint)
        return None
    if data is None:
        data = Mapping()
        data.line, data.key_lines = line_offset + 1, {}
    if not isinstance(data, Mapping):
        report.error(path, line_offset + 1, "expected `key: value` lines at the top of the file")
        return None
    if line_offset:
        data.line += line_offset
        _shift_lines(data, line_offset)
    return data


def _shift_lines(value: Any, offset: int) -> None:
    if isinstance(value, Mapping):
        value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        for child in value.values():
            if isinstance(child, Mapping):
                child.line += offset
            _shift_lines(child, offset)
    elif isinstance(value, list):
        if isinstance(value, Sequence):
            value.line += offset
        for child in value:
            if isinstance(child, Mapping):
                child.line += offset
            _shift_lines(child, offset)


def _load_yaml_file(path: Path, report: Report) -> SourceFile:
    text = read_text(path, report)
    if text is None:
        return SourceFile(path, None)
    report_placeholders(path, text, report)
    return SourceFile(path, parse_yaml_mapping(path, text, report))


def load_required_yaml(path: Path, report: Report) -> SourceFile | None:
    if not path.exists():
        report.error(path, None, f"{path.name} is missing", "every content folder needs one")
        return None
    return _load_yaml_file(path, report)


def _folders(root: Path, name: str, kind: str, report: Report, *, optional: bool = False) -> list[Path]:
    folder = root / name
    if unfollowed(folder, root, report):
        return []
    if not folder.exists():
        if not optional:
            report.warning(folder, None, "there is no vacancies folder, so no vacancy is built")
        return []
    if not folder.is_dir():
        report.error(folder, None, "this is a file, but a folder is expected here")
        return []
    folders = []
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith(".") or (entry.is_symlink() and unfollowed(Path(entry.path), root, report)):
            continue
        if not entry.is_dir():
            path = folder / entry.name
            report.error(
                path,
                None,
                f"a {kind} must be a folder, not a file",
                f"make a folder {path.stem}/ holding {FACT_FILES[kind]} and one .md file per language",
            )
            continue
        folders.append(folder / entry.name)
    return folders


def load_bundle(folder: Path, kind: str, report: Report, root: Path) -> RawBundle:
    """One vacancy or page folder of the content folder `root`: its facts file and its
    language files."""
    facts_name = FACT_FILES[kind]
    facts_path = folder / facts_name
    linked_out = unfollowed(facts_path, root, report)
    facts = _load_yaml_file(facts_path, report) if facts_path.exists() and not linked_out else None
    if facts is None and kind == "vacancy" and not linked_out:
        report.error(facts_path, None, f"{facts_name} is missing", "copy one from another vacancy")
    documents = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name == facts_name:
            continue
        if unfollowed(entry, root, report):
            continue
        if entry.suffix == ".md":
            document = load_document(entry, report)
            if document is not None:
                documents[document.language] = document
        else:
            report.warning(
                entry,
                None,
                f"{entry.name!r} is not used",
                f"a {kind} folder holds {facts_name} and one LANGUAGE.md per language",
            )
    return RawBundle(kind, folder.name, folder, facts, documents)


def load_document(path: Path, report: Report) -> Document | None:
    """Split a Markdown file into its front matter (parsed) and body."""
    text = read_text(path, report)
    if text is None:
        return None
    report_placeholders(path, text, report)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.error(
            path,
            1,
            "the file must start with front matter: a line `---`, `title: ...`, then `---`",
        )
        return None
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        report.error(path, 1, "the front matter is not closed", "add a line `---` after the title")
        return None
    front = parse_yaml_mapping(path, "\n".join(lines[1:end]), report, line_offset=1)
    if front is None:
        return None
    body = "\n".join(lines[end + 1 :])
    return Document(path, path.stem, front, body, end + 2, fingerprint(text), exact_fingerprint(text))


def fingerprint(text: str) -> str:
    """A short, stable hash of a text, what `translated_from` refers to: of its words, so that
    an edit of whitespace only (lines wrapped again, a blank line, trailing spaces) keeps it."""
    return exact_fingerprint(" ".join(text.split()))


def exact_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_assets(folder: Path, report: Report) -> dict[str, bytes]:
    """The site's static files (CSS, scripts), by path relative to `folder`; a file whose
    real place is outside `folder` is reported, not read."""
    if not folder.is_dir():
        return {}
    assets = {}
    for path in sorted(folder.rglob("*")):
        if path.name.startswith(".") or not (path.is_file() or path.is_symlink()):
            continue
        problem = target_problem(path, folder, "the static folder")
        if problem is not None:
            report.error(path, None, problem, OUTSIDE_HINT)
            continue
        assets[path.relative_to(folder).as_posix()] = path.read_bytes()
    return assets
