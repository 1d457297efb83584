"""Command line: the one place where problems become messages and exit codes.

Exit codes: 0 success, 1 content problems (or --strict warnings), 2 usage
mistakes, 3 an internal error of the generator or its templates.
"""

from __future__ import annotations

import argparse
import codecs
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from .build import TEMPLATES, Outcome, build_as_asked, check
from .common.clock import build_clock, parse_now
from .common.problems import UsageError, escaped
from .content.translation_status import translation_status
from .publish.search_index import SearchIndexError
from .publish.staged_site import WriteError
from .tools.problem_formats import FORMATS, format_check

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORCE_HELP = (
    "build into a non-empty output folder the generator did not make (its files are moved aside, not deleted)"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the bilingual careers site from content/.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--content", type=Path, default=Path("content"), help="content folder (default: content)"
        )
        sub.add_argument("--templates", type=Path, default=TEMPLATES, help=argparse.SUPPRESS)
        sub.add_argument("--strict", action="store_true", help="missing translations are errors")
        sub.add_argument(
            "--now",
            metavar="ISO",
            help="build as of this date or date-time (default: SOURCE_DATE_EPOCH, else the clock)",
        )

    build_cmd = commands.add_parser("build", help="check the content and build the site")
    common(build_cmd)
    build_cmd.add_argument(
        "--output", type=Path, default=Path("output"), help="output folder (default: output)"
    )
    build_cmd.add_argument(
        "--no-search", dest="search", action="store_false", help="leave out the search index (faster)"
    )
    build_cmd.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(".cache"),
        help="where to keep what the next build can reuse (default: .cache)",
    )
    build_cmd.add_argument("--no-cache", action="store_true", help="render every page again")
    build_cmd.add_argument("--force", action="store_true", help=FORCE_HELP)
    check_cmd = commands.add_parser("check", help="check the content without writing anything")
    common(check_cmd)
    check_cmd.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for people (default), github for annotations, json for tools, markdown for a summary",
    )
    serve_cmd = commands.add_parser("serve", help="build, serve and rebuild on every save")
    common(serve_cmd)
    serve_cmd.add_argument("--output", type=Path, default=Path("output"))
    serve_cmd.add_argument("--force", action="store_true", help=FORCE_HELP)
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument("--cache-dir", type=Path, default=Path(".cache"), help=argparse.SUPPRESS)
    serve_cmd.add_argument(
        "--no-search", dest="search", action="store_false", help="leave out the search index (faster)"
    )
    new_cmd = commands.add_parser("new", help="start a new vacancy, internship offer or page from a template")
    new_cmd.add_argument("kind", choices=("vacancy", "internship", "page"))
    new_cmd.add_argument("name", help="the vacancy's or offer's reference, or the page's folder name")
    new_cmd.add_argument("--content", type=Path, default=Path("content"))
    schemas_cmd = commands.add_parser("schemas", help="write the JSON Schemas of the YAML files into DIR")
    schemas_cmd.add_argument("folder", metavar="DIR", type=Path, help="for example docs/schemas")
    links_cmd = commands.add_parser("links", help="check that every link of a built site leads to a file")
    links_cmd.add_argument("output", metavar="OUTPUT", type=Path, help="a built site, like output")
    links_cmd.add_argument("--base-url", help="the site's address (default: from OUTPUT/vacancies.json)")
    diff_cmd = commands.add_parser("diff", help="the pages and vacancies two builds differ in, as Markdown")
    diff_cmd.add_argument("old", metavar="OLD", type=Path, help="the earlier build (may be missing)")
    diff_cmd.add_argument("new", metavar="NEW", type=Path, help="the later build")
    diff_cmd.add_argument(
        "--now",
        help="the moment both builds' vacancies are read as of (default: NEW's build time)",
    )
    import_cmd = commands.add_parser("import", help="turn published vacancy notices into new vacancies")
    import_cmd.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="notice: .txt, .docx or .html"
    )
    import_cmd.add_argument("--content", type=Path, default=Path("content"))
    import_cmd.add_argument("--reference", help="the vacancy's reference, when the notice gives none")
    return parser


def print_problems(outcome: Outcome, strict: bool) -> None:
    for problem in outcome.report.errors(strict=strict):
        print(problem.format(), file=sys.stderr)
    for problem in outcome.report.warnings(strict=strict):
        print(problem.format(), file=sys.stderr)


def _summary(outcome: Outcome, strict: bool) -> str:
    errors = len(outcome.report.errors(strict=strict))
    warnings = len(outcome.report.warnings(strict=strict))
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def run_build(args: argparse.Namespace) -> int:
    outcome = build_as_asked(args, cache_dir=None if args.no_cache else args.cache_dir)
    print_problems(outcome, args.strict)
    if outcome.failed(args.strict):
        print(
            f"Build failed: {_summary(outcome, args.strict)}; {args.output}/ was not changed.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    assert outcome.content is not None and outcome.now is not None
    published = [v for v in outcome.content.vacancies if v.is_published_at(outcome.now)]
    vacancies = [v for v in published if not v.is_internship]  # staff posts: offers are counted apart
    offers = [v for v in published if v.is_internship]
    noun = "vacancy" if len(vacancies) == 1 else "vacancies"
    open_count = sum(v.status_at(outcome.now).accepts_applications for v in vacancies)
    open_offers = sum(v.status_at(outcome.now).accepts_applications for v in offers)
    offer_noun = "internship offer" if len(offers) == 1 else "internship offers"
    counts = f"{len(vacancies)} {noun}, {open_count} open"
    counts += f"; {len(offers)} {offer_noun}, {open_offers} open" if offers else ""
    print(
        f"Built {outcome.files_written} files into {args.output}/ "
        f"({', '.join(outcome.content.site.languages)}; {counts}) "
        f"as of {outcome.now:%Y-%m-%d %H:%M %Z}; {_summary(outcome, args.strict)}."
    )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    outcome = check(args.content, build_clock(args.now), args.templates)
    if args.format != "text":
        write_utf8(format_check(args.format, outcome, args.strict, args.content))
        return EXIT_CONTENT if outcome.failed(args.strict) else EXIT_OK
    print_problems(outcome, args.strict)
    shown = outcome.content or outcome.valid_part  # with errors, what has none is still reported
    if shown is not None:
        default = shown.site.default_language
        judged = (
            "git history" if outcome.changes is not None else "translated_from only (not a git work tree)"
        )
        which = "" if outcome.content is not None else "of the vacancies and pages without errors; "
        print(f"Translations ({which}stale judged from {judged}):")
        for status in translation_status(shown, outcome.changes):
            missing = f"; missing: {', '.join(status.missing)}" if status.missing else ""
            stale = f"; stale: {', '.join(status.stale)}" if status.stale else ""
            source = status.item.words.get(default)
            fingerprint = f" ({default}.md fingerprint {source.fingerprint})" if source else ""
            print(f"  {status.label}: {', '.join(status.present)}{missing}{stale}{fingerprint}")
    failed = outcome.failed(args.strict)
    print(f"{'Check failed' if failed else 'Content is valid'}: {_summary(outcome, args.strict)}.")
    return EXIT_CONTENT if failed else EXIT_OK


def run_links(args: argparse.Namespace) -> int:
    from .tools.link_check import check_links, report_lines

    count, broken = check_links(args.output, args.base_url)
    for line in report_lines(args.output, count, broken):
        print(line, file=sys.stderr if broken else sys.stdout)
    return EXIT_CONTENT if broken else EXIT_OK


def write_utf8(text: str) -> None:
    """JSON, GitHub commands and Markdown are UTF-8, whatever the locale or PYTHONIOENCODING."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors="generator.escape")
    sys.stdout.write(text)


def _escape_unprintable(error: UnicodeError) -> tuple[str, int]:
    """What the output's encoding cannot hold, written as an escape (`\\xe9`, `\\u2019`)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(escaped(char) for char in error.object[error.start : error.end]), error.end


def _printable_streams() -> None:
    """A name that is not UTF-8, or a character the locale has not, never stops a command."""
    codecs.register_error("generator.escape", _escape_unprintable)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="generator.escape")


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args)
        if args.command == "check":
            return run_check(args)
        if args.command == "schemas":
            from .tools.schemas import write_schemas

            for path in write_schemas(args.folder):
                print(f"Wrote {path}")
            return EXIT_OK
        if args.command == "links":
            return run_links(args)
        if args.command == "diff":
            from .tools.site_diff import diff_markdown

            markdown, unread = diff_markdown(args.old, args.new, parse_now(args.now) if args.now else None)
            for problem in unread:
                print(problem.format(), file=sys.stderr)
            write_utf8(markdown)
            return EXIT_OK
        if args.command == "serve":
            from .preview.server import serve

            return serve(args)
        if args.command == "import":
            from .tools.notice_import.command import run_import

            return run_import(args.files, args.content, args.reference)
        from .tools.scaffold import scaffold

        return scaffold(args.kind, args.name, args.content)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TemplateSyntaxError as error:
        print(f"{error.filename}:{error.lineno}: template error: {error.message}", file=sys.stderr)
        return EXIT_INTERNAL
    except TemplateError as error:
        print(f"template error: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    except SearchIndexError as error:
        print(f"error: {error}; {args.output}/ was not changed", file=sys.stderr)
        return EXIT_INTERNAL
    except WriteError as error:
        print(f"error: {error}; {args.output}/ was not changed", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as error:
        print(f"error: cannot build the site: {error.strerror or error}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    # The last line of defence: an editor never sees a traceback, not even for a panic of a native
    # extension (pyo3 raises those as BaseException).
    except BaseException as error:
        print(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in the generator, not in your content; please report it with this message.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
