"""`import FILE... [--content DIR] [--reference REF]`: notices -> new bundles, checked.

Parts of the given files that carry the same reference make one bundle (a notice
may come as one bilingual file, or one file per language). A bundle folder that
already exists is never touched: the import stops before writing anything (exit 1).
Each new bundle is written and validated in a scratch folder first, then moved into
`vacancies/`, so a failed import leaves nothing behind.

A file that has numbered sections is not always a notice: a web page about careers
can have a numbered line ("1. Dernière mise à jour le") and so pass for a notice of
one section. A vacancy notice has at least one of the sections every notice has
(summary, qualifications and experience, main accountabilities...), and something
that says it offers a post: its reference, a grade line, or a vacancy's header (duty
location, deadline, salary, schedule). Lacking either, the file is refused with the
reason, whatever `--reference` says.
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
from ...content.validate import REFERENCE, REFERENCE_HINT, validate_bundle
from ..scaffold import check_command, require_content_folder
from . import facts
from .assemble import Import, Notice, extract, words
from .hyphens import words_of
from .read import ImportProblem, read_notice
from .split import NoticePart, known_section, split_parts

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _settings(content: Path) -> tuple[Site, SalaryScale]:
    require_content_folder(content)  # a UsageError, as for `new`: exit 2
    report = Report()
    site = validate_site(load_required_yaml(content / SITE_FILE, report), report)
    scale = validate_scale(load_required_yaml(content / SCALE_FILE, report), report)
    if site is None or scale is None:
        problems = "; ".join(p.format() for p in report.errors())
        raise ImportProblem(f"the site settings have errors: {problems}", f"run: {check_command(content)}")
    return site, scale


def gather(files: list[Path], languages: tuple[str, ...], reference: str | None) -> list[Notice]:
    """The notices in these files, grouped by reference."""
    notices: dict[str, Notice] = {}
    for path in files:
        lines = read_notice(path)
        try:
            parts = split_parts(lines, languages)
        except ImportProblem as problem:
            raise problem.about(path) from None
        refuse_what_is_no_notice(path, parts)
        given = reference or next((p.reference for p in parts if p.reference), None)
        if given is None:
            raise ImportProblem(
                f"{path}: no reference found (a title ending like '...Programme Officer-241490')",
                "give it with --reference REF",
            )
        if not REFERENCE.fullmatch(given):
            raise ImportProblem(f"{given!r} cannot be a reference", REFERENCE_HINT, usage=True)
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


_VACANCY_HEADERS = ("location", "deadline", "salary", "schedule")
_SHOWN = 3  # section headings quoted in the message


def refuse_what_is_no_notice(path: Path, parts: list[NoticePart]) -> None:
    """Raise an ImportProblem that says why, when the parts are not those of a vacancy notice."""
    reasons = []
    sections = [section for part in parts for section in part.sections]
    if not any(known_section(section.heading, 1) for section in sections):
        headings = ", ".join(repr(f"{s.number}. {s.heading}") for s in sections[:_SHOWN])
        reasons.append(f"none of its sections is one a vacancy notice has (it has {headings})")
    says_post = any(
        part.reference or facts.find_grade(part) or any(facts.labelled(part, key) for key in _VACANCY_HEADERS)
        for part in parts
    )
    if not says_post:
        reasons.append(
            "it names no reference and has no grade line, nor a vacancy's header "
            "(duty location, deadline, salary or schedule)"
        )
    if reasons:
        raise ImportProblem(
            f"{path}: is not a vacancy notice: {'; and '.join(reasons)}",
            "import the notice itself: its title ends with the reference, and it has sections "
            "like 1. SUMMARY, 2. QUALIFICATIONS AND EXPERIENCE",
        )


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
        print("Check and complete (each is marked CHECK on its line; `build --strict` fails until then):")
        for line in result.check:
            print(f"  {line}")
    print(f"Then run: {check_command(target.parent.parent)}")
