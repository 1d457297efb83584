"""Live preview: build, serve the output folder, rebuild on every save, reload the browser.

A thin layer over `build`. A save that breaks the content leaves the last good
site in place and shows the problems over every page (`file:line: message`);
the next good save replaces the site and the overlay goes away.
"""

from __future__ import annotations

import argparse
import html
import mimetypes
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .build import Outcome, build
from .clock import build_clock

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

OVERLAY = """<div id="preview-problems" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;\
overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;border-top:4px solid #b00020;\
padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)">\
<h2 style="margin:0 0 .5rem;font-size:1.1rem;color:#b00020">{title}</h2>\
<p style="margin:0 0 .5rem">{advice}</p>\
<pre style="white-space:pre-wrap;margin:0;font:14px/1.5 ui-monospace,monospace">{problems}</pre></div>"""


class PreviewSite:
    """A WSGI app serving the output folder, with the last build's problems laid over each page."""

    def __init__(self, output: Path, base_path: str = "/") -> None:
        self.output = output.resolve()
        self.base_path = base_path
        self.problems: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = unquote(environ.get("PATH_INFO") or "/")
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        status, file = "200 OK", self._file(path)
        if file is None:
            status, file = "404 Not Found", self._not_found(path)
        body = file.read_bytes() if file else b"<!DOCTYPE html><html><head></head><body></body></html>"
        content_type = mimetypes.guess_type(file.name if file else "x.html")[0] or "application/octet-stream"
        if content_type == "text/html":
            body = self._with_overlay(body)
            content_type += "; charset=utf-8"
        start_response(status, [("Content-Type", content_type), ("Cache-Control", "no-store")])
        return [body]

    def _file(self, path: str) -> Path | None:
        candidate = (self.output / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.output):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _not_found(self, path: str) -> Path | None:
        language = path.strip("/").split("/")[0]
        for candidate in (self.output / language / "404.html", self.output / "404.html"):
            if language and candidate.is_file() and candidate.resolve().is_relative_to(self.output):
                return candidate
        root = self.output / "404.html"
        return root if root.is_file() else None

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


def rebuild(args: argparse.Namespace, preview: PreviewSite) -> Outcome:
    outcome = build(
        args.content,
        args.output,
        build_clock(args.now),
        strict=args.strict,
        templates=args.templates,
        cache_dir=args.cache_dir,  # a save re-renders only the pages it changes
        search=args.search,
    )
    for problem in (*outcome.report.errors(strict=args.strict), *outcome.report.warnings(strict=args.strict)):
        print(problem.format(), file=sys.stderr)
    if outcome.failed(args.strict):
        preview.problems = [p.format() for p in outcome.report.errors(strict=args.strict)]
        print("Not rebuilt: fix the problems above; the last good site is still served.", file=sys.stderr)
    else:
        preview.problems = []
        print(f"Rebuilt {outcome.files_written} files.", flush=True)
    return outcome


def serve(args: argparse.Namespace) -> int:
    from livereload import Server  # imported here: only `serve` needs it
    from livereload.handlers import LiveReloadHandler

    # livereload ignores a change made within 3 s of its last reload (to batch bursts of
    # writes); the site is rebuilt by then, so every save must reload the tab.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    preview = PreviewSite(args.output)
    outcome = rebuild(args, preview)
    if outcome.content is not None:
        preview.base_path = urlsplit(outcome.content.site.base_url).path or "/"
    server = Server(app=preview)
    for folder in (args.content, args.templates):
        server.watch(str(folder), lambda: rebuild(args, preview))
    print(f"Previewing on http://{args.host}:{args.port}{preview.base_path} (Ctrl+C to stop)", flush=True)
    try:
        server.serve(host=args.host, port=args.port, debug=False, open_url_delay=None)
    except OSError as error:
        print(f"error: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        print("Another preview may be running; stop it, or choose another port with --port.", file=sys.stderr)
        return 2
    return 0
