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

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

WATCH_START_TIMEOUT = 10.0  # seconds to wait for the watcher before building anyway

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
        self.problems: list[str] = []
        self.snapshot: Snapshot | None = None

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = _decoded_path(environ)
        if path is not None and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        relative = site_path(path) if path is not None else None
        if path is None or relative is None:  # the server refuses these first; never looked up here either
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [REFUSED_PATH.encode()]
        found = self._find(relative)
        status = "200 OK"
        if found is None:
            status, found = "404 Not Found", self._not_found(path)
        name, body = found or ("404.html", b"<!DOCTYPE html><html><head></head><body></body></html>")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type == "text/html":
            body = self._with_overlay(body)
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

    def _with_overlay(self, body: bytes) -> bytes:
        if not self.problems:
            return body
        overlay = OVERLAY.format(
            title=f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)} in the content",
            advice="This page is the last good build. Fix the files below and save: the page reloads.",
            problems=html.escape("\n".join(self.problems)),
        ).encode()
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
        self.output = OutputRefresher(args)
        self._renderer: tuple[Site, Renderer] | None = None  # its templates compiled as pages ask
        self._busy = threading.Lock()  # a save seen during the first build waits for it

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
        return outcome

    def update(self, changed: set[Path]) -> None:
        """Check the content again after a save, reading only the bundles that changed."""
        with self._busy:
            self._update(changed)

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


def _watch(preview: Preview, reload: Callable[[], None], watching: threading.Event) -> None:
    """Wait for saves under the content and template folders (inotify); update, then reload.
    `watching` is set once the folders are watched (the first quiet moment)."""
    from watchfiles import watch

    folders = [preview.args.content, preview.args.templates]
    for changes in watch(
        *folders, debounce=200, step=20, rust_timeout=200, yield_on_timeout=True, raise_interrupt=False
    ):
        watching.set()
        if changes:
            preview.update({Path(path) for _, path in changes})
            reload()


def serve(args: argparse.Namespace) -> int:
    from livereload.handlers import LiveReloadHandler  # imported here: only `serve` needs them
    from tornado import ioloop

    from .http_server import GuardedServer

    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    site = PreviewSite(args.output)
    preview = Preview(args, site)
    loop = ioloop.IOLoop.current()

    def reload() -> None:
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    # Watch first, then build: a save made while the site is being built is not missed.
    watching = threading.Event()
    threading.Thread(target=_watch, args=(preview, reload, watching), daemon=True).start()
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
    except OSError as error:
        print(f"error: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        print("Another preview may be running; stop it, or choose another port with --port.", file=sys.stderr)
        return 2
    finally:
        preview.output.stop()
    return 0
