"""Live preview: the site kept in memory, each page made when a browser asks for it.

At start the whole site is built into the output folder (as `build` does; the
search index comes from there). From then on the checked content and its plan
stay in memory. A save, seen at once through inotify (watchfiles), checks the
content again, reading only the bundles whose files changed, and tells every
open tab to reload; each page is then rendered when it is asked for and kept
until the next change. A save that breaks the content keeps the last good site
and lays the problems over every page (`file:line: message`); the next good
save takes them away. The output folder (and its search index) is brought up
to date in the background, by a quiet `build` in a process of its own, once the
saves stop (output_refresh.py).

Nothing that fails leaves the preview stale in silence: a failure of the watcher
(watcher.py), of a check (any exception) or of the output folder's refresh is printed
in the terminal and laid over every page, the tabs reload to show it, and watching
goes on; it is taken away once what failed works again.
"""

from __future__ import annotations

import argparse
import html
import mimetypes
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..build import Outcome, build_as_asked, check
from ..common.clock import build_clock
from ..content.bundle_cache import BundleCache
from ..content.models import Site
from ..plan.site_plan import SitePlan
from ..site.render import Renderer
from ..site.routes import INDEX_FOLDER, Route
from .output_refresh import OutputRefresher
from .request_guard import REFUSED_PATH, HostCheck, exposure_warning, site_path, url_host
from .watcher import shown, watch_saves

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

WATCH_START_TIMEOUT = 10.0  # seconds to wait for the watcher before building anyway

# What can fail besides the content, as `Preview.failure` names it (watcher.py names two more).
CHECK = "check"
OUTPUT = "output"

OVERLAY = """<div id="preview-problems" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;\
overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;border-top:4px solid #b00020;\
padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)">\
<h2 style="margin:0 0 .5rem;font-size:1.1rem;color:#b00020">{title}</h2>\
<p style="margin:0 0 .5rem">{advice}</p>\
<pre style="white-space:pre-wrap;margin:0;font:14px/1.5 ui-monospace,monospace">{problems}</pre></div>"""


@dataclass
class Snapshot:
    """One good state of the site: its plan, and the pages rendered from it so far."""

    plan: SitePlan
    renderer: Renderer
    routes: dict[str, Route]
    made: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, outcome: Outcome, renderer: Renderer) -> Snapshot:
        assert outcome.plan is not None
        return cls(outcome.plan, renderer, {route.path: route for route in outcome.plan.routes})

    def page(self, path: str) -> bytes | None:
        made = self.made.get(path)
        if made is None and path in self.routes:
            made = self.made[path] = self.renderer.render(self.plan.page(self.routes[path]))
        return made


class PreviewSite:
    """A WSGI app serving the site from memory (the search index from the output folder),
    with the last check's problems laid over each page."""

    def __init__(self, output: Path, base_path: str = "/") -> None:
        self.output = output.resolve()
        self.base_path = base_path
        self.problems: list[str] = []  # the content's, from the last check
        self.failures: dict[str, list[str]] = {}  # what else failed, by what failed
        self.snapshot: Snapshot | None = None

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = _decoded_path(environ)
        if path is not None and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        relative = site_path(path) if path is not None else None
        if path is None or relative is None:  # the server refuses these first; never looked up here either
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [REFUSED_PATH.encode()]
        status, failure = "200 OK", ""
        try:
            found = self._find(relative)
            if found is None:
                status, found = "404 Not Found", self._not_found(path)
        except Exception as error:  # a page that cannot be made says why, over an empty page
            status, found = "500 Internal Server Error", None
            failure = f"internal error: {type(error).__name__}: {error} (while making /{shown(relative)})"
            print(failure, file=sys.stderr, flush=True)
        name, body = found or ("404.html", b"<!DOCTYPE html><html><head></head><body></body></html>")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type == "text/html":
            body = self._with_overlay(body, [failure] if failure else [])
            content_type += "; charset=utf-8"
        start_response(status, [("Content-Type", content_type), ("Cache-Control", "no-store")])
        return [body]

    def _find(self, relative: str) -> tuple[str, bytes] | None:
        """The page or file at a path of the site: `en/vacancies/` is its `index.html`."""
        candidates = [relative + "index.html"] if relative.endswith("/") or not relative else []
        candidates += [relative, relative + "/index.html"] if relative else []
        snapshot = self.snapshot
        for candidate in candidates:
            made = snapshot.page(candidate) if snapshot else None
            if made is not None:
                return candidate, made
            if not candidate.startswith(f"{INDEX_FOLDER}/"):
                continue
            file = (self.output / candidate).resolve()  # the search index, from the last build
            if file.is_relative_to(self.output) and file.is_file():
                return candidate, file.read_bytes()
        return None

    def _not_found(self, path: str) -> tuple[str, bytes] | None:
        language = path.strip("/").split("/")[0]
        for candidate in (f"{language}/404.html" if language else "", "404.html"):
            found = self._find(candidate) if candidate else None
            if found is not None:
                return found
        return None

    def _with_overlay(self, body: bytes, failures: list[str]) -> bytes:
        failures = [line for lines in self.failures.values() for line in lines] + failures
        problems = [*failures, *self.problems]
        if not problems:
            return body
        title = f"{len(problems)} problem{'s' * (len(problems) != 1)}" + " in the content" * (not failures)
        advice = "This page is the last good build. Fix the files below and save: the page reloads."
        if failures:
            advice = "The preview goes on watching your files. Fix what is named below and save again."
        overlay = OVERLAY.format(
            title=title, advice=advice, problems=html.escape("\n".join(problems))
        ).encode("utf-8", "backslashreplace")  # a name that is not UTF-8 is shown as `\udce9`
        marker = b"</body>"
        return body.replace(marker, overlay + marker, 1) if marker in body else body + overlay


def _decoded_path(environ: dict[str, Any]) -> str | None:
    """PATH_INFO as text: WSGI hands over the decoded bytes as Latin-1 (PEP 3333); None when
    they are not UTF-8."""
    try:
        return str(environ.get("PATH_INFO") or "/").encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None


class Preview:
    """What `serve` does on a save: check again, swap the site in memory, reload the tabs."""

    def __init__(self, args: argparse.Namespace, site: PreviewSite) -> None:
        self.args = args
        self.site = site
        self.bundles = BundleCache(args.cache_dir)  # the disk cache speeds up the first build
        self.output = OutputRefresher(args, self._refreshed)
        self.reload: Callable[[], None] = lambda: None  # tells the open tabs to reload (see `serve`)
        self._renderer: tuple[Site, Renderer] | None = None  # its templates compiled as pages ask
        self._busy = threading.Lock()  # a save seen during the first build waits for it
        self._failures = threading.Lock()
        self._started = False

    def start(self) -> Outcome:
        """Build the whole site into the output folder, and serve it."""
        with self._busy:
            return self._start()

    def _start(self) -> Outcome:
        args = self.args
        self.bundles.watched = True  # keys worked out now are kept (see `update`)
        outcome = build_as_asked(args, args.cache_dir, self.bundles)
        self._take(outcome, "Built {pages} pages into {output}/.")
        self.output.start()
        # From now on the watcher names each changed file: bundles are kept in memory, and
        # only those holding a changed file are read again.
        self.bundles.file = None
        self._started = True
        return outcome

    def update(self, changed: set[Path]) -> None:
        """Check the content again after a save, reading only the bundles that changed.
        Whatever fails is shown (never raised): the watcher goes on."""
        with self._busy:
            if not self._started:
                return  # the first build reads every file after this save
            try:
                self._update(changed)
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:  # a panic of a native extension too
                self.bundles.changed({self.args.content})  # what it read is not trusted: read all again
                self.failure(CHECK, [_check_failure(error, changed)], again=True)
            else:
                self.failure(CHECK, [])

    def failure(self, source: str, lines: list[str], again: bool = False) -> bool:
        """What failed in SOURCE (a check, the output folder's refresh, the watcher) is now
        LINES ([] when it works again): laid over every page, and printed when it changes
        (or AGAIN, as each failed save is). Whether it changed."""
        with self._failures:
            changed = self.site.failures.get(source, []) != lines
            self.site.failures = {**self.site.failures, source: lines}
        for line in lines if changed or again else []:
            print(line, file=sys.stderr, flush=True)
        return changed

    def _refreshed(self, problems: list[str]) -> None:
        lines = [_output_failure(self.args.output, problem) for problem in problems]
        if self.failure(OUTPUT, lines):
            if not lines:
                print(f"{self.args.output}/ and its search index are up to date again.", flush=True)
            self.reload()

    def _update(self, changed: set[Path]) -> None:
        args = self.args
        self.bundles.changed(changed)
        templates = args.templates.absolute()
        if any(path.absolute().is_relative_to(templates) for path in changed):
            self._renderer = None
        outcome = check(args.content, build_clock(args.now), args.templates, self.bundles)
        if self._take(outcome, "Updated: {pages} pages, each made when it is asked for."):
            self.output.soon()

    def _take(self, outcome: Outcome, done: str) -> bool:
        strict = self.args.strict
        for problem in (*outcome.report.errors(strict=strict), *outcome.report.warnings(strict=strict)):
            print(problem.format(), file=sys.stderr)
        if outcome.failed(strict) or outcome.plan is None:
            self.site.problems = [p.format() for p in outcome.report.errors(strict=strict)]
            print("Not rebuilt: fix the problems above; the last good site is still served.", file=sys.stderr)
            return False
        assert outcome.content is not None
        site = outcome.content.site
        if self._renderer is None or self._renderer[0] != site:
            self._renderer = (site, Renderer(self.args.templates, site, outcome.translations))
        self.site.snapshot = Snapshot.of(outcome, self._renderer[1])
        self.site.problems = []
        print(done.format(pages=len(outcome.plan.routes), output=self.args.output), flush=True)
        return True


def _check_failure(error: BaseException, changed: set[Path]) -> str:
    saved = ", ".join(sorted(shown(path) for path in changed)[:3]) + (", ..." if len(changed) > 3 else "")
    return (
        f"internal error: {type(error).__name__}: {error} (while checking the content after a save of "
        f"{saved}); the last good site is still served. This is a bug in the generator: please report "
        "it with this message. Changing the file and saving again tries again."
    )


def _output_failure(output: Path, problem: str) -> str:
    return (
        f"error: {output}/ and its search index were not brought up to date: {problem}; the preview "
        "shows your saves all the same, and the next save tries again"
    )


def serve(args: argparse.Namespace) -> int:
    from livereload.handlers import LiveReloadHandler  # imported here: only `serve` needs them
    from tornado import ioloop

    from .http_server import GuardedServer, cannot_listen

    busy = cannot_listen(args.host, args.port)  # before building: a second preview changes nothing
    if busy is not None:
        return _cannot_listen(args, busy)
    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    site = PreviewSite(args.output)
    preview = Preview(args, site)
    loop = ioloop.IOLoop.current()

    def reload() -> None:
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    preview.reload = reload
    # Watch first, then build: a save made while the site is being built is not missed.
    watching, stop = threading.Event(), threading.Event()
    folders = [args.content, args.templates]
    threading.Thread(target=watch_saves, args=(preview, folders, reload, watching, stop), daemon=True).start()
    watching.wait(timeout=WATCH_START_TIMEOUT)
    outcome = preview.start()
    if outcome.content is not None:
        site.base_path = urlsplit(outcome.content.site.base_url).path or "/"
    server = GuardedServer(site, HostCheck(args.host, args.port))
    server.watch(str(args.content))  # a task, so that livereload does not watch the working folder
    address = f"http://{url_host(args.host)}:{args.port}{site.base_path}"
    print(f"Previewing on {address} (Ctrl+C to stop)", flush=True)
    try:
        server.serve(host=args.host, port=args.port, debug=False, open_url_delay=None)
    except OSError as error:  # taken since it was tried
        return _cannot_listen(args, error.strerror or str(error))
    finally:
        stop.set()
        preview.output.stop()
    return 0


def _cannot_listen(args: argparse.Namespace, why: str) -> int:
    print(f"error: cannot listen on {args.host}:{args.port}: {why}", file=sys.stderr)
    print("Another preview may be running; stop it, or choose another port with --port.", file=sys.stderr)
    return 2
