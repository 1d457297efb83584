"""Which requests the live preview answers, decided before anything is looked up.

The preview is a development server for the editor's own browser. It guarantees:

- it names only files of the site: a request path is taken apart once, and one that
  could climb out or hide a separator (`..`, `.`, `//`, a backslash, a NUL or other
  control character, `%2f`, `%5c`, `%00`, an absolute URL instead of a path, bytes that
  are not UTF-8) is refused with 400 before any file is looked for;
- it answers only browsers that asked for it by a name it is bound to: the `Host` header
  must be the `--host` it listens on, or localhost, 127.0.0.1 or [::1], with its port.
  A page on another site that points its own domain name at 127.0.0.1 (DNS rebinding)
  sends its own name, and gets 403, as webpack-dev-server and Vite answer it. Bound to
  every interface (`--host 0.0.0.0`), an IP address as the name is also accepted: a
  rebinding attack needs a domain name.

Pure functions of strings: `http_server.py` applies them to each request.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})

# A Host header: a name or IPv4 address, or an IPv6 address in brackets; then maybe a port.
_HOST_HEADER = re.compile(r"^(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(?P<port>[0-9]{1,5}))?$")
# Escapes that would turn into a separator or a NUL once decoded.
_HIDDEN_SEPARATOR = re.compile(r"%(2f|5c|00)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The body of a 400 answer to such a path.
REFUSED_PATH = "This address cannot name a file of the site.\n"


def is_loopback(host: str) -> bool:
    """Whether `--host HOST` keeps the preview on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What `serve` prints when `--host` makes the preview reachable from other machines."""
    if is_loopback(host):
        return None
    return (
        f"warning: --host {host} exposes the preview to the network: anyone who can reach this "
        "machine can read the site as it is being edited, unpublished pages included. The preview is "
        "a development server, not made to face the public; leave out --host to keep it on this "
        "machine (127.0.0.1), and publish with `build` and a web server (docs/publishing.md)."
    )


def url_host(host: str) -> str:
    """HOST as it is written in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class HostCheck:
    """The names the preview answers to: the host it is bound to and localhost, on its port."""

    host: str
    port: int

    def allows(self, header: str | None) -> bool:
        """Whether a request whose `Host` header is HEADER is answered."""
        match = _HOST_HEADER.match(header or "")
        if match is None:
            return False
        name = match["name"].strip("[]").lower()
        port = int(match["port"]) if match["port"] else 80
        if port != self.port:
            return False
        bound = self.host.strip("[]").lower()
        if name in LOOPBACK_NAMES or name == bound:
            return True
        return bound in WILDCARD_HOSTS and _is_ip(name)

    def allows_origin(self, origin: str | None) -> bool:
        """Whether a page from ORIGIN (`http://name:port`) may open the livereload socket."""
        scheme, _, rest = (origin or "").partition("://")
        return scheme in ("http", "https") and self.allows(rest)

    def addresses(self) -> str:
        """The addresses the preview answers, for the refusal message."""
        names = [self.host] if self.host.lower() not in LOOPBACK_NAMES | WILDCARD_HOSTS else []
        names += ["localhost", "127.0.0.1", "[::1]"]
        listed = ", ".join(f"http://{url_host(name)}:{self.port}/" for name in names)
        wildcard = self.host.strip("[]").lower() in WILDCARD_HOSTS
        return listed + (f", and this machine's IP addresses on port {self.port}" if wildcard else "")


def site_path(decoded: str) -> str | None:
    """The file of the site that a decoded request path names (`/en/` -> `en/`), or None when
    the path could leave the site or hides something: no `.` or `..` segment, no empty
    segment but the last, no backslash, no control character, and it starts with `/`."""
    if not decoded.startswith("/") or "\\" in decoded or _CONTROL.search(decoded):
        return None
    relative = decoded[1:]
    segments = relative.split("/")
    if any(segment in (".", "..") for segment in segments) or "" in segments[:-1]:
        return None
    return relative


def raw_path_refused(raw: str) -> bool:
    """Whether a request path as it came over the wire (still percent-encoded, without the
    query) must be refused: it hides a separator or a NUL, is not UTF-8, or names no file of
    the site once decoded."""
    if _HIDDEN_SEPARATOR.search(raw):
        return True
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return True
    return site_path(decoded) is None
