"""`import FILE... [--content DIR] [--reference REF]`: notices -> new bundles, checked.

Parts of the given files that carry the same reference make one bundle (a notice
may come as one bilingual file, or one file per language). A bundle folder that
already exists is never touched: the import stops before writing anything (exit 1).
Each new bundle is written and validated in a scratch folder first, then moved into
`vacancies/`, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from ...common.clock import build_clock, in_timezone
from ...common.problems import Report, display_path
from ...content.loader import SCALE_FILE, SITE_FILE, load_bundle, load_required_yaml
from ...content.models import SalaryScale, Site
from ...content.settings import validate_scale, validate_site
from ...content.validate import REFERENCE, validate_bundle
from .assemble import Import, Notice, extract, words
from .blocks import words_of
from .read import ImportProblem, read_notice
from .split import NoticePart, split_parts

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _settings(content: Path) -> tuple[Site, SalaryScale]:
    if not (content / SITE_FILE).is_file():
        raise ImportProblem(
            f"{display_path(content)} is not a content folder (no {SITE_FILE})",
            "run the command from the project, or give --content DIR",
            usage=True,
        )
    report = Report()
    site = validate_site(load_required_yaml(content / SITE_FILE, report), report)
    scale = validate_scale(load_required_yaml(content / SCALE_FILE, report), report)
    if site is None or scale is None:
        problems = "; ".join(p.format() for p in report.errors())
        raise ImportProblem(f"the site settings have errors: {problems}", "run: python -m generator check")
    return site, scale


def gather(files: list[Path], languages: tuple[str, ...], reference: str | None) -> list[Notice]:
    """The notices in these files, grouped by reference."""
    notices: dict[str, Notice] = {}
    for path in files:
        lines = read_notice(path)
        parts = split_parts(lines, languages)
        given = reference or next((p.reference for p in parts if p.reference), None)
        if given is None:
            raise ImportProblem(
                f"{path}: no reference found (a title ending like '...Programme Officer-241490')",
                "give it with --reference REF",
            )
        if not REFERENCE.match(given):
            raise ImportProblem(
                f"{given!r} cannot be a reference", "use letters, digits and hyphens", usage=True
            )
        notice = notices.setdefault(given, Notice(given))
        notice.parts.extend(parts)
        notice.sources.append(path)
        notice.vocabulary |= words_of(lines)
    for notice in notices.values():
        seen: dict[str, NoticePart] = {}
        for part in notice.parts:
            if part.language in seen:
                raise ImportProblem(
                    f"vacancy {notice.reference}: two parts in {part.language} "
                    f"(lines {seen[part.language].first_line} and {part.first_line})",
                    "import one notice at a time, or give each its own --reference",
                )
            seen[part.language] = part
    return list(notices.values())


def run_import(files: list[Path], content: Path, reference: str | None) -> int:
    try:
        site, scale = _settings(content)
        notices = gather(files, site.languages, reference)
        existing = [n.reference for n in notices if (content / "vacancies" / n.reference).exists()]
        if existing:
            folders = ", ".join(display_path(content / "vacancies" / ref) for ref in existing)
            raise ImportProblem(
                f"{folders} already exists; nothing was imported",
                "an import never overwrites a vacancy: edit it, or delete the folder and import again",
            )
        today = in_timezone(build_clock(None), site.timezone).date()
        results = []
        for notice in notices:
            result = extract(notice, site, scale, today)
            words(result, notice, site)
            results.append((notice, result))
        for notice, result in results:
            _write_checked(notice, result, content, site, scale)
    except ImportProblem as problem:
        print(f"error: {problem.format()}", file=sys.stderr)
        return EXIT_USAGE if problem.usage else EXIT_CONTENT
    return EXIT_OK


def _write_checked(notice: Notice, result: Import, content: Path, site: Site, scale: SalaryScale) -> None:
    files = {"vacancy.yaml": result.text.vacancy_yaml([p.name for p in notice.sources])}
    files.update({f"{lang}.md": text for lang, text in result.text.words.items()})
    target = content / "vacancies" / notice.reference
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        folder = Path(scratch) / notice.reference
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        report = Report()
        validate_bundle(load_bundle(folder, "vacancy", report, Path(scratch)), site, scale, report)
        if report.errors():
            problems = "\n  ".join(p.format().replace(str(folder), str(target)) for p in report.errors())
            raise ImportProblem(
                f"the imported vacancy {notice.reference} does not pass check:\n  {problems}",
                "please report this notice to the developers",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, target)  # fails if it appeared meanwhile: never overwrites
    _print(notice, result, target, files)


def _print(notice: Notice, result: Import, target: Path, files: dict[str, str]) -> None:
    sources = ", ".join(display_path(p) for p in notice.sources)
    print(f"Imported {sources} into {display_path(target)}/ ({', '.join(files)}).")
    print("Found:")
    for line in result.found:
        print(f"  {line}")
    if result.dropped:
        print("Left out, as on every import (the page has its own Apply button and deadline):")
        for heading in result.dropped:
            print(f"  {heading}")
    if result.check:
        print("Check and complete (marked CHECK in vacancy.yaml):")
        for line in result.check:
            print(f"  {line}")
    print("Then run: python -m generator check")
