"""The editors' docs stay true to what the program does: the fingerprints they show are the
shipped content's, `new` writes every field they list, and they cite no file the repository
lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, copy_site, run_cli

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.validate import validate_content

DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md", ROOT / "CHANGELOG.md"]
FIELD_ROW = re.compile(r"^\| `(\w+)`(?: → `\w+`)? \|", re.M)


def shipped_fingerprints() -> dict[str, str]:
    """Each shipped item's label ("vacancy 241490", "page internships") -> its en.md fingerprint."""
    report = Report()
    content = validate_content(load_content(CONTENT, report), report)
    assert content is not None, [p.format() for p in report]
    labels = {f"vacancy {v.reference}": v.words["en"] for v in content.vacancies}
    labels.update({f"page {p.name}": p.words["en"] for p in content.pages})
    return {label: words.fingerprint for label, words in labels.items()}


def test_every_fingerprint_the_docs_show_is_the_shipped_contents() -> None:
    fingerprints = shipped_fingerprints()
    checked = 0
    for doc in DOCS:
        for number, line in enumerate(doc.read_text("utf-8").splitlines(), 1):
            if "fingerprint" not in line and not line.strip().startswith("translated_from:"):
                continue  # (a warning's example of a *new* fingerprint is none of the shipped ones)
            for label, shown in re.findall(
                r"((?:vacancy|page) [\w-]+): [^(]*\(en\.md fingerprint ([0-9a-f]{12})\)", line
            ):
                assert fingerprints.get(label) == shown, (
                    f"{doc.name}:{number}: {label} is {fingerprints.get(label)}"
                )
                checked += 1
            for shown in re.findall(r"\b[0-9a-f]{12}\b", line):
                assert shown in fingerprints.values(), (
                    f"{doc.name}:{number}: {shown} is no shipped fingerprint"
                )
                checked += 1
    assert checked >= 5


def documented_fields(heading: str) -> list[str]:
    """The fields of the table under `heading` in docs/content-format.md."""
    page = (ROOT / "docs" / "content-format.md").read_text("utf-8")
    section = page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return FIELD_ROW.findall(section)


@pytest.mark.parametrize(
    ("kind", "heading", "refused"),
    [
        ("vacancy", "vacancies/REF/vacancy.yaml", {"kind"}),  # a post is the default kind
        (
            "internship",
            "Internship offers: `kind: internship`",
            {"grade", "salary", "contract", "contract_years"},
        ),
    ],
)
def test_new_writes_every_field_the_docs_list(
    tmp_path: Path, kind: str, heading: str, refused: set[str]
) -> None:
    """The docs say a new bundle holds every line, each explained: written, or commented out."""
    content = copy_site("basic", tmp_path)
    assert run_cli("new", kind, "250001", "--content", str(content)).returncode == 0
    written = (content / "vacancies" / "250001" / "vacancy.yaml").read_text("utf-8")
    fields = set(documented_fields(heading))
    if kind == "internship":
        fields |= set(documented_fields("vacancies/REF/vacancy.yaml")) - refused
    assert len(fields) > 10
    missing = [
        field for field in sorted(fields - refused) if not re.search(rf"^(# )?{field}:", written, re.M)
    ]
    assert missing == [], f"`new {kind}` leaves out {missing}, which docs/content-format.md lists"


def test_the_docs_cite_no_file_the_repository_lacks() -> None:
    """A file named in backticks with a path (`docs/x.md`, `tests/y.py`) is in the repository."""
    for doc in DOCS:
        text = doc.read_text("utf-8")
        for cited in re.findall(r"`((?:docs|tests|generator|templates|bench|\.github)/[\w./-]+\.\w+)`", text):
            if any(mark in cited for mark in ("REF", "NAME", "LANG", "*", "/de/", "/nl/")):
                continue  # a pattern, not a file
            assert (ROOT / cited).exists(), f"{doc.name} cites {cited}, which is not in the repository"
        assert "CONTENT-FORMAT.md" not in text, f"{doc.name} cites a contract file the repository lacks"


def test_the_changelog_has_an_entry_for_the_version_in_pyproject() -> None:
    """Keep a Changelog: an Unreleased section, then one per version, newest first, each dated;
    the newest is the version pyproject.toml declares."""
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert version is not None
    releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.M)
    assert releases[0] == ("Unreleased", "")
    assert releases[1][0] == version[1] and releases[1][1], releases[1]
    dates = [day for _, day in releases[1:]]
    assert dates == sorted(dates, reverse=True)
    for section in re.split(r"^## ", changelog, flags=re.M)[2:]:
        kinds = re.findall(r"^### (\w+)$", section, re.M)
        assert kinds and set(kinds) <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
