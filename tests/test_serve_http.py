"""The preview server as an attacker would talk to it: raw HTTP requests, sent byte for byte over a
socket so that no client library tidies the path or the Host header first.

It never serves a file outside the site (dot segments plain or encoded, encoded separators,
doubled slashes, backslashes, NUL, absolute URLs, a symbolic link in the output folder that leads
out), and it answers only requests for a host it is bound to (the DNS-rebinding defence), the
livereload script and socket included. The rules themselves are unit-tested at the end.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from preview_server import PreviewProcess, free_port

from generator.__main__ import _parser
from generator.preview.request_guard import (
    HostCheck,
    exposure_warning,
    is_loopback,
    raw_path_refused,
    site_path,
)

NOW = "2024-11-01"
SECRET = "the runner's secret, never to be served"


class Served:
    def __init__(self, preview: PreviewProcess, secret: Path) -> None:
        self.preview = preview
        self.secret = secret
        self.host = f"127.0.0.1:{preview.port}"

    def request(
        self, target: str, host: str | None = None, extra: str = "", version: str = "HTTP/1.1"
    ) -> tuple[int, bytes]:
        """Send `GET TARGET` exactly as written (HOST "" sends no Host header); the status and the body."""
        host_line = f"Host: {self.host if host is None else host}\r\n" if host != "" else ""
        extra = extra or "Connection: close\r\n"
        head = f"GET {target} {version}\r\n{host_line}{extra}\r\n"
        with socket.create_connection(("127.0.0.1", self.preview.port), timeout=5) as connection:
            connection.sendall(head.encode("latin-1"))
            answer = b""
            while (chunk := connection.recv(65536)) and not _complete(answer := answer + chunk):
                pass
        status_line, _, rest = answer.partition(b"\r\n")
        return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def _complete(answer: bytes) -> bool:
    """Whether ANSWER holds a whole response (a websocket's handshake stays open after its head)."""
    head, separator, body = answer.partition(b"\r\n\r\n")
    if not separator:
        return False
    if head.startswith(b"HTTP/1.1 101 "):
        return True
    lengths = [
        line.split(b":", 1)[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
    ]
    return bool(lengths) and len(body) >= int(lengths[0])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp_path = tmp_path_factory.mktemp("serve-http")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    preview = PreviewProcess(tmp_path, NOW, "--no-search")
    try:
        preview.wait_until_up("/en/")
        # The search index is the one part served from the output folder: plant links that lead out.
        index = preview.output / "pagefind"
        index.mkdir()
        (index / "inside.txt").write_text("a file of the site", "utf-8")
        (index / "secret.txt").symlink_to(secret)
        (index / "outside").symlink_to(tmp_path, target_is_directory=True)
        yield Served(preview, secret)
    finally:
        preview.stop()


def test_pages_and_the_search_index_are_served(served: Served) -> None:
    status, body = served.request("/en/")
    assert status == 200 and b"<h1" in body
    assert served.request("/pagefind/inside.txt") == (200, b"a file of the site")
    assert served.request("/en/vacancies/100002/")[0] == 200
    assert served.request("/livereload.js")[0] == 200


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2E/secret.txt",
        "/en/..%2f..%2fsecret.txt",
        "/en%2f..%2f..%2fsecret.txt",
        "/en%2fvacancies/",
        "/en%5cvacancies/",
        "/./en/",
        "//en/",
        "/en//vacancies/",
        "//etc/passwd",
        "/en\\..\\..\\secret.txt",
        "/en/%00",
        "/en/index.html%00.txt",
        "/%0aen/",
        "/%ff%fe/",
        "http://127.0.0.1/en/",
        "/pagefind/../../secret.txt",
        "/pagefind/%2e%2e/%2e%2e/secret.txt",
    ],
)
def test_a_path_that_could_leave_the_site_is_refused(served: Served, target: str) -> None:
    status, body = served.request(target)
    assert status == 400, (target, status, body[:200])
    assert SECRET.encode() not in body


@pytest.mark.parametrize(
    "target",
    [
        "/pagefind/secret.txt",  # a link in the output folder to a file outside it
        "/pagefind/outside/secret.txt",  # a link to a folder outside it
        "/etc/passwd",  # an absolute path is a path of the site
        "/%252e%252e/secret.txt",  # decoded once: a folder named `%2e%2e`, which the site has not
    ],
)
def test_what_is_not_a_file_of_the_site_is_not_found(served: Served, target: str) -> None:
    status, body = served.request(target)
    assert status == 404, (target, status)
    assert SECRET.encode() not in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_the_bound_host_and_localhost_are_answered(served: Served, host: str) -> None:
    assert served.request("/en/", host.format(port=served.preview.port))[0] == 200


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example:{port}",  # DNS rebinding: the attacker's name, resolved to 127.0.0.1
        "attacker.example",
        "localhost.attacker.example:{port}",
        "127.0.0.1.attacker.example:{port}",
        "127.0.0.1:{other}",  # the right name with another port
        "127.0.0.1",  # no port: 80, not this one
        "192.168.1.10:{port}",  # an IP address other than the one bound
    ],
)
@pytest.mark.parametrize("target", ["/en/", "/livereload.js", "/livereload", "/forcereload"])
def test_another_host_gets_403_on_every_endpoint(served: Served, host: str, target: str) -> None:
    port = served.preview.port
    status, body = served.request(target, host.format(port=port, other=port + 1))
    assert status == 403, (host, target, status)
    assert b"the preview does not answer" in body.lower()
    assert f"http://127.0.0.1:{port}/".encode() in body  # it says which addresses it answers


def test_a_request_without_a_host_is_refused(served: Served) -> None:
    assert served.request("/en/", "")[0] == 400  # HTTP/1.1 requires one: tornado refuses it first
    status, body = served.request("/en/", "", version="HTTP/1.0")
    assert status == 403 and b"no host" in body


def _upgrade(origin: str) -> str:
    return (
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: {origin}\r\n"
    )


def test_the_livereload_socket_opens_only_for_pages_of_the_preview(served: Served) -> None:
    port = served.preview.port
    own = served.request("/livereload", extra=_upgrade(f"http://127.0.0.1:{port}"))
    assert own[0] == 101
    assert served.request("/livereload", extra=_upgrade("http://attacker.example"))[0] == 403
    rebound = served.request(
        "/livereload", f"attacker.example:{port}", _upgrade(f"http://attacker.example:{port}")
    )
    assert rebound[0] == 403


# --- listening on the network -------------------------------------------------------------------


def test_the_preview_listens_on_loopback_unless_told(served: Served) -> None:
    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    log = served.preview.output_text()
    assert f"Previewing on http://127.0.0.1:{served.preview.port}/" in log
    assert "exposes the preview" not in log


def test_a_host_on_the_network_is_warned_about(tmp_path: Path) -> None:
    """The warning comes before the first build: the server is stopped once it has said it."""
    command = [sys.executable, "-m", "generator", "serve", "--content", str(tmp_path / "none")]
    command += ["--output", str(tmp_path / "output"), "--host", "0.0.0.0", "--port", str(free_port())]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
    finally:
        process.kill()  # its own process, started above
        process.wait(timeout=10)
    assert first.startswith("warning: --host 0.0.0.0 exposes the preview to the network"), first
    assert "development server" in first and "127.0.0.1" in first


def test_a_second_preview_on_a_busy_port_stops_before_building(tmp_path: Path) -> None:
    """The port is tried first: nothing is built, no address is printed, the output is untouched."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "sites" / "basic", content)
    command = [sys.executable, "-m", "generator", "serve", "--content", str(content), "--port", str(port)]
    command += ["--output", str(tmp_path / "output"), "--cache-dir", str(tmp_path / "cache")]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    finally:
        taken.close()
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"error: cannot listen on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Previewing on" not in result.stdout + result.stderr
    assert not (tmp_path / "output").exists() and not (tmp_path / "cache").exists()


# --- the rules, without a server ----------------------------------------------------------------


def test_which_hosts_are_loopback() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.0.0.2", "localhost", "LocalHost", "::1", "[::1]"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.10", "example.org", ""]))
    assert exposure_warning("127.0.0.1") is None
    assert "exposes the preview" in (exposure_warning("192.168.1.10") or "")


def test_bound_to_every_interface_an_address_is_answered_but_not_a_name() -> None:
    check = HostCheck("0.0.0.0", 8000)
    assert (
        check.allows("192.168.1.10:8000")
        and check.allows("[fe80::1]:8000")
        and check.allows("localhost:8000")
    )
    assert not check.allows("attacker.example:8000")
    assert not check.allows("192.168.1.10:8001")
    named = HostCheck("laptop.example", 8000)
    assert named.allows("laptop.example:8000") and named.allows("LAPTOP.example:8000")
    assert not named.allows("192.168.1.10:8000")
    assert HostCheck("127.0.0.1", 80).allows("localhost")  # port 80 may be left out
    assert check.addresses().endswith("http://[::1]:8000/, and this machine's IP addresses on port 8000")
    assert named.addresses().startswith("http://laptop.example:8000/, http://localhost:8000/")


@pytest.mark.parametrize(
    "header",
    ["user@127.0.0.1:8000", "127.0.0.1:8000/x", "127.0.0.1:8000, attacker.example", " 127.0.0.1:8000", None],
)
def test_a_malformed_host_header_is_refused(header: str | None) -> None:
    assert not HostCheck("127.0.0.1", 8000).allows(header)


def test_the_path_rules() -> None:
    assert site_path("/") == "" and site_path("/en/vacancies/") == "en/vacancies/"
    assert site_path("/pagefind/pagefind.js") == "pagefind/pagefind.js"
    for refused in ("", "en/", "/..", "/en/..", "/en/./x", "//x", "/a//b", "/a\\b", "/a\x00b", "/a\tb"):
        assert site_path(refused) is None, refused
    assert raw_path_refused("/en%2Fx") and raw_path_refused("/%2e%2e/") and raw_path_refused("/%C3")
    assert not raw_path_refused("/fr/%C3%A9t%C3%A9/") and not raw_path_refused("/%252e%252e/")


@pytest.mark.parametrize("path", ["/../x", "/en/../../x", "/a\\b", "/a\x00b", "/\xff"])
def test_the_wsgi_app_refuses_such_paths_itself(tmp_path: Path, path: str) -> None:
    """Behind the server's guard, the app that reads files refuses them too (it decodes once)."""
    from generator.preview.server import PreviewSite

    answer: list[str] = []
    body = b"".join(PreviewSite(tmp_path)({"PATH_INFO": path}, lambda status, headers: answer.append(status)))
    assert answer == ["400 Bad Request"], (path, answer)
    assert b"cannot name a file" in body
