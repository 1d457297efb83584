"""The shipped nginx configuration, serving the shipped site under a sub-path, as a visitor meets it.

One build of content/ with base_url https://careers.example.org/careers/, one nginx (Debian's
/usr/sbin/nginx, listening on 127.0.0.1 only) running docs/nginx/careers.conf as shipped (only the
folder names are replaced), one Chromium. Checked: no broken link anywhere (pages, assets, feeds,
sitemap, #fragments), the security headers of every page, a year of caching for fingerprinted
assets only, the feeds' media types, the three 404 pages, and the Content Security Policy in a real
browser, Pagefind's WebAssembly included.

nginx and Chromium must be there: without them these tests fail on CI (CI=true or 1), and are skipped
elsewhere with the reason.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from browser import real_failure
from conftest import ROOT, copy_site, run_cli
from missing_tools import unavailable

from generator.site.host_files import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
DOCS = ROOT / "docs" / "nginx"

PUBLIC = "https://careers.example.org"
PREFIX = "/careers/"
NOW = "2024-11-01"  # vacancy 241490 is open

REFERRER_POLICY = "strict-origin-when-cross-origin"
FEED_TYPES = {".atom": "application/atom+xml", ".json": "application/json", ".ics": "text/calendar"}
FINGERPRINTED = re.compile(r"^/careers/static/[\w-]+\.[0-9a-f]{10}\.\w+$")

# Addresses that do not exist on purpose, the status they must get, and what the page must say.
MISSING = {
    "/careers/en/no-such-page": ("en", "Page not found"),
    "/careers/fr/nulle-part": ("fr", "Page introuvable"),
    "/careers/nowhere": ("en", "404"),
}

# Recorded in every document before its own scripts run; read back by the test.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}` +
      ` at ${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`.trimEnd()
  );
}, true);
"""


# --- nginx --------------------------------------------------------------------------------------


def require_nginx() -> None:
    """nginx must be there: fail on CI, skip with a reason elsewhere."""
    problem = ""
    if not (NGINX.is_file() and os.access(NGINX, os.X_OK)):
        problem = f"nginx not found at {NGINX}; install it with `apt-get install nginx-light` (.ci/run does)"
    elif not MIME_TYPES.is_file():
        problem = f"{MIME_TYPES} is missing (it comes with Debian's nginx-common)"
    if problem:
        unavailable(problem, "the hosting tests need nginx")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_conf(work: Path, output: Path, port: int) -> Path:
    """A minimal nginx.conf in WORK whose one server includes a copy of the shipped careers.conf."""
    snippets = work / "snippets"
    snippets.mkdir(exist_ok=True)
    shutil.copy(DOCS / "careers-headers.conf", snippets / "careers-headers.conf")
    shutil.copy(MIME_TYPES, work / "mime.types")  # where nginx looks for it: next to nginx.conf
    shipped = (DOCS / "careers.conf").read_text("utf-8")
    assert "/srv/careers/output/" in shipped and "/etc/nginx/snippets/" in shipped, "careers.conf changed"
    careers = (
        shipped.replace("/srv/careers/output/", f"{output}/")
        .replace("/srv/careers/output", str(output))
        .replace("/etc/nginx/snippets/", f"{snippets}/")
    )
    (work / "careers.conf").write_text(careers, "utf-8")
    empty = work / "empty-root"
    empty.mkdir(exist_ok=True)
    temp = "\n".join(
        f"  {kind}_temp_path {work / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx would hand the requests to `nobody`, who cannot read pytest's private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(
        f"""{user}worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"};
events {{}}
http {{
  include mime.types;
  default_type application/octet-stream;
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{port};
    root {empty};
    include {work / "careers.conf"};
  }}
}}
""",
        "utf-8",
    )
    return conf


def nginx_command(work: Path, conf: Path, *extra: str) -> list[str]:
    command = [str(NGINX), "-p", f"{work}/", "-c", str(conf)]
    # -e (nginx >= 1.19.5) keeps nginx away from /var/log/nginx before it has read the configuration.
    help_text = subprocess.run([str(NGINX), "-h"], capture_output=True, text=True, timeout=10).stderr
    if re.search(r"^\s*-e\s", help_text, re.MULTILINE):
        command += ["-e", str(work / "error.log")]
    return [*command, *extra]


def stop(process: subprocess.Popen[str]) -> str:
    """Stop nginx (the master process started here) and return what it wrote."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    out, _ = process.communicate()
    return out or ""


def wait_for_port(process: subprocess.Popen[str], port: int, error_log: Path) -> str:
    """'' once nginx accepts connections; what went wrong if it stopped or never listened."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text("utf-8", "replace") if error_log.is_file() else ""
            return f"nginx exited with {process.returncode}:\n{stop(process)}\n{log}"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return ""
        except OSError:
            time.sleep(0.05)
    return f"nginx did not listen on 127.0.0.1:{port} within 10 s"


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, published under /careers/."""
    work = tmp_path_factory.mktemp("hosting-build")
    content = copy_site("shipped", work)
    settings = content / "site.yaml"
    text, count = re.subn(
        r"^base_url:.*$", f"base_url: {PUBLIC}{PREFIX}", settings.read_text("utf-8"), flags=re.MULTILINE
    )
    assert count == 1, "site.yaml has no base_url line"
    settings.write_text(text, "utf-8")
    target = work / "output"
    result = run_cli("build", "--content", str(content), "--output", str(target), "--now", NOW)
    assert result.returncode == 0, f"the shipped site did not build:\n{result.stdout}\n{result.stderr}"
    assert (target / "en" / "vacancies" / "241490" / "index.html").is_file(), "vacancy 241490 is not open"
    return target


@pytest.fixture(scope="module")
def server(output: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx running the shipped configuration; yields http://127.0.0.1:PORT."""
    require_nginx()
    work = tmp_path_factory.mktemp("nginx")
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / "temp" / kind).mkdir(parents=True)
    problem = ""
    for _attempt in range(3):  # the free port may be taken between the probe and nginx
        port = free_port()
        conf = nginx_conf(work, output, port)
        check = subprocess.run(nginx_command(work, conf, "-t"), capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"nginx -t rejects the configuration:\n{check.stdout}{check.stderr}"
        process = subprocess.Popen(
            nginx_command(work, conf, "-g", "daemon off;"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            problem = wait_for_port(process, port, work / "error.log")
            if not problem:
                yield f"http://127.0.0.1:{port}"
                return
        finally:
            stop(process)
        if "in use" not in problem:
            break
    pytest.fail(f"nginx did not start:\n{problem}\nnginx -t said:\n{check.stderr}", pytrace=False)


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type()

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def fetch(base: str, path: str) -> Response:
    """GET PATH from nginx, without following redirects."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        answer = connection.getresponse()
        return Response(answer.status, answer.msg, answer.read())
    finally:
        connection.close()


class Links(HTMLParser):
    """Every address an HTML page refers to (a, link, script, img, the search index), and its ids."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        name = {"a": "href", "link": "href", "script": "src", "img": "src"}.get(tag)
        if name and attributes.get(name):
            self.urls.append(attributes[name])
        if tag == "form" and attributes.get("data-index"):
            self.urls.append(attributes["data-index"])  # search.js imports Pagefind from there


@dataclass
class Crawl:
    base: str
    responses: dict[str, Response] = field(default_factory=dict)  # path (with query) -> response
    referrers: dict[str, set[str]] = field(default_factory=dict)  # path -> the pages linking to it
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target path, #id)
    ids: dict[str, set[str]] = field(default_factory=dict)  # HTML path -> ids in it
    sitemap: list[str] = field(default_factory=list)

    def html(self) -> list[str]:
        return [p for p, r in self.responses.items() if r.status == 200 and r.content_type == "text/html"]


def local(base: str, url: str) -> str | None:
    """The path of URL on the local server, or None when it is another site's."""
    if url.startswith(PUBLIC + "/"):
        url = base + url[len(PUBLIC) :]
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != base:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawl(server: str) -> Crawl:
    """Everything reachable from the chooser and from the sitemap, fetched once."""
    result = Crawl(server)
    sitemap = fetch(server, PREFIX + "sitemap.xml")
    assert sitemap.status == 200, f"{PREFIX}sitemap.xml: HTTP {sitemap.status}"
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.fromstring(sitemap.body)
    listed = [e.text or "" for e in tree.iterfind("s:url/s:loc", namespaces)]
    listed += [e.get("href", "") for e in tree.iterfind("s:url/x:link", namespaces)]
    assert listed, "the sitemap lists nothing"
    result.sitemap = listed

    queue: list[tuple[str, str]] = [(PREFIX, "(start)"), (PREFIX + "robots.txt", "(start)")]
    for url in listed:
        path = local(server, url)
        assert path is not None and url.startswith(PUBLIC + PREFIX), f"sitemap.xml lists {url}"
        queue.append((path, "sitemap.xml"))
    while queue:
        path, referrer = queue.pop(0)
        result.referrers.setdefault(path, set()).add(referrer)
        if path in result.responses:
            continue
        response = result.responses[path] = fetch(server, path)
        if response.status != 200 or response.content_type != "text/html":
            continue
        page = Links(response.body.decode("utf-8"))
        result.ids[path] = page.ids
        for href in page.urls:
            absolute, fragment = urldefrag(urljoin(server + path, href))
            target = local(server, absolute)
            if target is None:
                continue
            if fragment:
                result.fragments.append((path, target, fragment))
            queue.append((target, path))
    return result


# --- links, headers, caching, media types ------------------------------------------------------


def test_no_broken_links(crawl: Crawl, output: Path) -> None:
    folders = {file.parent.relative_to(output).as_posix() for file in output.rglob("index.html")}
    built = {PREFIX if folder == "." else f"{PREFIX}{folder}/" for folder in folders}
    unreached = sorted(built - set(crawl.responses))
    assert not unreached, f"pages no link or sitemap entry leads to: {unreached}"
    for must in (
        "/careers/en/",
        "/careers/fr/",
        "/careers/en/vacancies/241490/",
        "/careers/fr/postes-vacants/241490/",
        "/careers/en/search/",
        "/careers/fr/recherche/",
    ):
        assert must in crawl.responses, f"{must} was not reached from the chooser or the sitemap"
    broken = [
        f"{path}: HTTP {response.status} {response.header('Location')} (linked from "
        + ", ".join(sorted(crawl.referrers[path]))
        + ")"
        for path, response in crawl.responses.items()
        if response.status != 200
    ]
    assert not broken, "broken links:\n" + "\n".join(broken)
    missing_ids = [
        f"{page} links to {target}#{fragment}"
        for page, target, fragment in crawl.fragments
        if target in crawl.ids and fragment not in crawl.ids[target]
    ]
    assert not missing_ids, "links to ids that are not there:\n" + "\n".join(missing_ids)


def test_every_page_carries_the_security_headers(crawl: Crawl) -> None:
    problems = []
    for path, response in crawl.responses.items():
        if response.header("X-Content-Type-Options") != "nosniff":
            problems.append(f"{path}: X-Content-Type-Options {response.header('X-Content-Type-Options')!r}")
        if response.content_type != "text/html":
            continue
        csp = response.headers.get_all("Content-Security-Policy") or []
        if csp != [CONTENT_SECURITY_POLICY]:
            problems.append(f"{path}: Content-Security-Policy {csp!r}")
        if response.header("Referrer-Policy") != REFERRER_POLICY:
            problems.append(f"{path}: Referrer-Policy {response.header('Referrer-Policy')!r}")
        if "immutable" in response.header("Cache-Control"):
            problems.append(f"{path}: a page must not be cached as immutable")
    assert not problems, "\n".join(problems)


def test_fingerprinted_assets_are_cached_for_a_year(crawl: Crawl) -> None:
    assets = [path for path in crawl.responses if path.startswith(PREFIX + "static/")]
    assert {Path(a).name.split(".")[0] for a in assets} >= {"style", "site", "search"}, assets
    for path in assets:
        assert FINGERPRINTED.match(path), f"{path} is not fingerprinted"
        cache = crawl.responses[path].header("Cache-Control")
        directives = {d.strip() for d in cache.split(",")}
        assert {"max-age=31536000", "immutable"} <= directives, f"{path}: Cache-Control {cache!r}"


def test_feeds_have_their_media_types(crawl: Crawl) -> None:
    feeds = {path: Path(path).suffix for path in crawl.responses if Path(path).suffix in FEED_TYPES}
    for language in ("en", "fr"):
        for name in ("feed.atom", "feed.json", "deadlines.ics"):
            assert f"{PREFIX}{language}/{name}" in feeds, f"no link reaches {PREFIX}{language}/{name}"
    assert f"{PREFIX}vacancies.json" in feeds
    wrong = {
        path: crawl.responses[path].header("Content-Type")
        for path, suffix in feeds.items()
        if crawl.responses[path].content_type != FEED_TYPES[suffix]
    }
    assert not wrong, f"wrong Content-Type: {wrong}"


# --- 404 ----------------------------------------------------------------------------------------


class Heading(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = ""
        self.hreflangs: list[str] = []
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attributes.get("lang", "")
        self._in_h1 = self._in_h1 or tag == "h1"
        if tag == "a" and "hreflang" in attributes:
            self.hreflangs.append(f"{attributes['hreflang']} {attributes.get('href', '')}")

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = self._in_h1 and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


@pytest.mark.parametrize("path", list(MISSING))
def test_missing_pages_get_their_language_404(server: str, path: str) -> None:
    language, heading = MISSING[path]
    response = fetch(server, path)
    assert response.status == 404, f"{path}: HTTP {response.status}"
    assert response.content_type == "text/html"
    assert response.headers.get_all("Content-Security-Policy") == [CONTENT_SECURITY_POLICY]
    page = Heading(response.body.decode("utf-8"))
    assert page.lang == language
    assert " ".join(page.h1.split()) == heading
    if path == "/careers/nowhere":  # the bilingual root 404 leads to both home pages
        assert page.hreflangs == ["en /careers/en/", "fr /careers/fr/"]


def test_the_address_without_its_final_slash_leads_to_the_site(server: str) -> None:
    """Visitors type https://careers.example.org/careers: it must not end on nginx's own 404."""
    response = fetch(server, PREFIX.rstrip("/"))
    location = urlsplit(response.header("Location"))
    assert response.status in (301, 308) and location.path == PREFIX, (
        f"{PREFIX.rstrip('/')}: HTTP {response.status}, Location {response.header('Location')!r}"
    )


# --- the Content Security Policy in Chromium ---------------------------------------------------


class Tab:
    """One tab through nginx: what each page it opens logs, breaks or violates."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.document = ""
        # Chromium asks every origin for /favicon.ico by itself. Under /careers/ the domain's root
        # is not the site's (here an empty folder): that 404 is the host's, not a broken link.
        self.favicon = ""
        self.found: list[str] = []  # the links of every search result
        page.add_init_script(CSP_RECORDER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        page.on(
            "requestfailed",
            lambda r: real_failure(r) and self.errors.append(f"{r.url}: {r.failure}"),
        )
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if source in (self.document, self.favicon) and "404" in message.text:
            return  # the deliberate 404 of the page being opened, or the favicon (see __init__)
        self.errors.append(f"console error: {message.text} ({source})")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.url not in (self.document, self.favicon):
            self.errors.append(f"{response.url}: HTTP {response.status}")

    def visit(self, url: str, status: int = 200) -> list[str]:
        """Open URL; what went wrong there (console errors, failed requests, CSP violations)."""
        self.errors = []
        self.document = url
        self.favicon = urljoin(url, "/favicon.ico")
        response = self.page.goto(url, wait_until="load")
        problems = [] if response and response.status == status else [f"HTTP {response and response.status}"]
        if "?q=" in url:
            self.page.wait_for_function(
                "() => document.getElementById('search-status').textContent.trim() !== ''", timeout=10_000
            )
            links = self.page.locator("#search-results li > a").evaluate_all("all => all.map(a => a.href)")
            status_line = self.page.locator("#search-status").inner_text()
            if not links:
                problems.append(f"the search found nothing: {status_line!r}")
            self.found += links
        problems += self.violations() + self.errors
        return problems

    def violations(self) -> list[str]:
        # The event is queued as a task after the violation: let it run first.
        found = self.page.evaluate(
            "() => new Promise(done => setTimeout(() => done(window.__cspViolations), 20))"
        )
        return [f"CSP violation: {v}" for v in found or []]


@pytest.mark.browser
def test_no_csp_violation_or_console_error_in_chromium(browser: Browser, crawl: Crawl, server: str) -> None:
    pages = [server + path for path in sorted(crawl.html())]
    pages += [server + "/careers/en/search/?q=capacity", server + "/careers/fr/recherche/?q=capacit%C3%A9s"]
    context = browser.new_context(locale="en-GB")
    try:
        tab = Tab(context.new_page())
        problems = {url: tab.visit(url) for url in pages}
        problems.update({server + path: tab.visit(server + path, status=404) for path in MISSING})
        assert not any(problems.values()), "\n".join(
            f"{url}:\n  " + "\n  ".join(found) for url, found in problems.items() if found
        )
        # Pagefind's results lead to pages under the prefix that the crawl found.
        assert tab.found, "the searches found nothing"
        stray = [url for url in tab.found if (local(server, url) or "") not in crawl.html()]
        assert not stray, f"search results outside the site's pages: {stray}"
        # The recorder itself works: an inline script is refused and reported.
        tab.visit(server + PREFIX)
        tab.page.evaluate(
            "() => document.body.append(Object.assign(document.createElement('script'), {text: '1'}))"
        )
        assert any("script-src" in v for v in tab.violations()), "the CSP recorder saw nothing"
    finally:
        context.close()


# --- the host files of other hosts --------------------------------------------------------------


def test_host_files_repeat_the_policy_under_the_prefix(output: Path) -> None:
    headers = (output / "_headers").read_text("utf-8")
    rules: dict[str, dict[str, str]] = {}
    current = ""
    for line in headers.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = line.strip()
            rules[current] = {}
        else:
            name, _, value = line.strip().partition(":")
            rules[current][name.strip()] = value.strip()
    assert rules.get("/careers/*", {}).get("Content-Security-Policy") == CONTENT_SECURITY_POLICY, rules
    assert rules["/careers/*"].get("X-Content-Type-Options") == "nosniff"
    assert rules["/careers/*"].get("Referrer-Policy") == REFERRER_POLICY
    cache = rules.get("/careers/static/*", {}).get("Cache-Control", "")
    assert {"max-age=31536000", "immutable"} <= {d.strip() for d in cache.split(",")}, rules

    redirects = [
        line.split()
        for line in (output / "_redirects").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ["/careers/en/*", "/careers/en/404.html", "404"] in redirects, redirects
    assert ["/careers/fr/*", "/careers/fr/404.html", "404"] in redirects, redirects
