"""The preview's HTTP side: livereload's server with the guard of `request_guard` in front.

Every request, the livereload script and socket included, first meets the guard: a `Host`
the preview is not bound to gets 403, a path that could leave the site gets 400; only
then is it routed. Reloads are pushed by `serve` (livereload's polling is switched off).
Imported only by `serve`, so that the rest of the generator does not load tornado.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httputil, netutil, web
from tornado.routing import Matcher, Rule

from .request_guard import REFUSED_PATH, HostCheck, raw_path_refused

# livereload's snippet: it loads the client from the host and port the page came from.
LIVE_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");'
    b"var port=window.location.port||(window.location.protocol=='https:'?443:80);"
    b's.src="//"+window.location.host+"/livereload.js?port="+port;'
    b"document.head.appendChild(s);})();</script>"
)


def cannot_listen(host: str, port: int) -> str | None:
    """Why the preview could not listen on `host`:`port` (the port is taken, most often), tried
    as the server will bind it, then let go; None when it can."""
    try:
        sockets = netutil.bind_sockets(port, address=host or None)
    except OSError as error:
        return error.strerror or str(error)
    for sock in sockets:
        sock.close()
    return None


class PushedReloads(Watcher):  # type: ignore[misc]
    """livereload's watcher, told not to poll: `serve` pushes each reload."""

    def start(self, callback: Callable[[], None]) -> bool:
        return True


def refusal(check: HostCheck, request: httputil.HTTPServerRequest) -> tuple[int, str] | None:
    """The status and the explanation for a request the preview does not answer, or None."""
    host = request.headers.get("Host")
    if not check.allows(host):
        return 403, (
            f"The preview does not answer requests for {host or 'no host'!r}: it answers only "
            f"{check.addresses()}\n"
        )
    if raw_path_refused(request.path):
        return 400, REFUSED_PATH
    return None


class _Refused(Matcher):
    def __init__(self, check: HostCheck) -> None:
        self.check = check

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return {} if refusal(self.check, request) is not None else None


class _Refusal(web.RequestHandler):
    """Answers every method with the guard's status and explanation."""

    def initialize(self, check: HostCheck) -> None:
        self.check = check

    def prepare(self) -> None:
        status, text = refusal(self.check, self.request) or (400, "Bad request.\n")
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(text)


class _LiveReloadSocket(LiveReloadHandler):  # type: ignore[misc]
    """livereload's socket, opened only by pages of the preview itself (not any origin)."""

    check: HostCheck

    def check_origin(self, origin: str) -> bool:
        return self.check.allows_origin(origin)


class GuardedServer(Server):  # type: ignore[misc]
    """livereload's Server, whose application puts the guard before every route."""

    def __init__(self, app: Callable[..., Any], check: HostCheck) -> None:
        super().__init__(app=app, watcher=PushedReloads())
        self.check = check

    def application(
        self,
        port: int,
        host: str,
        liveport: int | None = None,
        debug: bool | None = None,
        live_css: bool = True,
    ) -> None:
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        _LiveReloadSocket.check = self.check
        handlers: list[Any] = [
            Rule(_Refused(self.check), _Refusal, {"check": self.check}),
            (r"/livereload", _LiveReloadSocket),
            (r"/livereload\.js", LiveReloadJSHandler),
            *self.get_web_handlers(LIVE_SCRIPT),
        ]
        web.Application(handlers=handlers, debug=False).listen(port, address=host)
