"""Helpers for the real-browser tests: find Chromium, serve a built site on loopback."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from missing_tools import on_ci, unavailable  # noqa: F401  (on_ci: for tests that import it from here)

# Debian's Chromium by default; CHROMIUM_PATH names another (the runner's Chrome in GitHub Actions).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

# Playwright cannot download its own browsers here: use Debian's Chromium, offline and quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_browser() -> None:
    """Chromium and Playwright must be there: fail on CI, skip with a reason elsewhere."""
    problem = ""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        problem = f"the playwright package is not installed ({error}); pip install -e '.[test]'"
    if not problem and not CHROMIUM.is_file():
        problem = f"Chromium not found at {CHROMIUM}; install it with `apt-get install chromium`"
    if problem:
        unavailable(problem, "browser tests need Chromium")


def launch_options() -> dict[str, Any]:
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without printing a line per request into the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve DIRECTORY on 127.0.0.1 at a free port in a daemon thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def real_failure(request: Any) -> bool:
    """A failed request that is the site's fault: not one the browser dropped itself because the
    page moved on (a reload or a click cancels what is still loading, e.g. the favicon)."""
    return request.failure != "net::ERR_ABORTED"
