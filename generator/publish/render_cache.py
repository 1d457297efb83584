"""The render cache: a page whose inputs have not changed is not rendered again.

A page's *key* is a hash of everything its bytes depend on: the generator's
own code, the templates, catalogs and static files (the fingerprint), the
template name and the page's whole context (the content it shows, the site
settings, the salary scale, the clock). What many pages share is hashed once
and stands for its hash: the site, the scale, a language's common context, and
each vacancy, page and words by the key of the files they were read from
(content/bundle_cache.py). A vacancy page's key is made from those sources without
making its context at all (`PageKeys.route_key`).

After each successful build, the cache keeps, per output folder, each page's
key and the size and time of the file written for it, and the site the build
swapped out (`site-*`, see staged_site.StagedSite). On the next build, a page with
the same key whose file is still there, untouched, is carried over instead of
rendered: only files whose bytes change are written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..common.containment import target_problem
from ..content.models import Page, SalaryScale, Site, Vacancy, Words
from ..plan.site_plan import SitePlan
from ..site.planned_page import PlannedPage
from ..site.routes import Route
from .search_index import ShardRecord

CACHE_VERSION = "2"
GENERATOR = Path(__file__).resolve().parents[1]  # the package: every room's code


# The libraries whose version may change a page's bytes (dates, numbers, Markdown, hyphens).
SHAPING_LIBRARIES = ("babel", "jinja2", "markdown-it-py", "markdown-it-pyrs", "pyphen")


def fingerprint(*folders: Path) -> str:
    """A hash of every file under the folders (and of the generator's code, and the versions of
    the libraries that shape the pages)."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for library in SHAPING_LIBRARIES:
        digest.update(f"\0{library}={_version(library)}".encode())
    for folder in (GENERATOR, *folders):
        for path in sorted(folder.rglob("*")):
            # A file that leads out of its folder is never read (the loaders report it).
            if path.is_file() and "__pycache__" not in path.parts and not target_problem(path, folder):
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return version(library)
    except PackageNotFoundError:
        return "none"


_SHARED = object()


class PageKeys:
    """Page keys, with what many pages share (the site, the scale, each vacancy, a
    language's common context) hashed once and stood for by its hash."""

    def __init__(self, base: str) -> None:
        self.base = base.encode()
        self._digests: dict[int, tuple[object, bytes]] = {}  # id -> (object kept alive, hash)

    def route_key(self, plan: SitePlan, route: Route) -> str | None:
        """A vacancy page's key from what its context is made of, without making it: the
        plan's shared state (site, scale, clock, each language's common context), the
        vacancy's source key and the page's addresses in every language. None for the
        other pages: their key comes from their context (`key`)."""
        if route.key[0] != "vacancy":
            return None
        source_key = plan.vacancy(route.key[1]).source_key
        if not source_key:
            return None
        digest = hashlib.sha256(self.base)
        digest.update(self._digest(plan.shared_state))
        addresses = [other.path for other in plan.table.by_key[route.key].values()]
        digest.update("\0".join([source_key, route.path, *addresses]).encode())
        return "vacancy:" + digest.hexdigest()

    def key(self, page: PlannedPage) -> str:
        if page.content is not None:
            return "content:" + hashlib.sha256(page.content).hexdigest()
        shared = page.shared or {}
        own = {name: value for name, value in page.context.items() if shared.get(name, _SHARED) is not value}
        digest = hashlib.sha256(self.base)
        digest.update(self._digest(shared))
        digest.update(self._pickle((page.template, own)))
        return digest.hexdigest()

    def _digest(self, value: object) -> bytes:
        known = self._digests.get(id(value))
        if known is None:
            known = self._digests[id(value)] = (value, hashlib.sha256(self._pickle(value)).digest())
        return known[1]

    def _pickle(self, value: object) -> bytes:
        buffer = io.BytesIO()
        _KeyPickler(buffer, self, value).dump(value)
        return buffer.getvalue()


class _KeyPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, keys: PageKeys, top: object) -> None:
        super().__init__(file, protocol=5)
        self.keys, self.top = keys, top

    def reducer_override(self, obj: object) -> Any:
        if isinstance(obj, Vacancy | Page | Words) and obj.source_key:  # equal keys, equal models
            return str, (obj.source_key,)
        # On many pages (the site on all, a vacancy on its own, the lists and the data): hashed once.
        if isinstance(obj, Site | SalaryScale | Vacancy | Page | Words) and obj is not self.top:
            return bytes, (self.keys._digest(obj),)
        return NotImplemented


@dataclass(frozen=True)
class Entry:
    key: str
    size: int
    mtime_ns: int


class RenderCache:
    """The keys of the pages last written into one output folder."""

    def __init__(self, folder: Path, output: Path, templates: Path) -> None:
        name = hashlib.sha256(str(output.absolute()).encode()).hexdigest()[:16]
        self.file = folder / f"pages-{name}.json"
        # The site swapped out by the last build: the next one updates it in place (staged_site.py).
        self.generations = folder / f"site-{name}"
        self.output = output
        self.keys = PageKeys(fingerprint(templates))
        self.entries, self.search = self._load()

    def key(self, plan: SitePlan, route: Route) -> tuple[str, PlannedPage | None]:
        """The key of the page at `route`, and the page when it had to be made to know it."""
        key = self.keys.route_key(plan, route)
        if key is not None:
            return key, None
        page = plan.page(route)
        return self.keys.key(page), page

    def previous(self, path: str, key: str) -> Path | None:
        """The file last written for `path`, if its key was `key` and it is untouched since."""
        entry = self.entries.get(path)
        previous = self.output / path
        if entry is not None and entry.key == key and _stat(previous) == (entry.size, entry.mtime_ns):
            return previous
        return None

    def save(self, keys: dict[str, str], search: dict[str, ShardRecord]) -> None:
        """Record the keys of the pages now in the output folder (after the swap), and what
        the search index's shards were made from and hold (search_index.py)."""
        data = {}
        for path, key in keys.items():
            stat = _stat(self.output / path)
            if stat is not None:
                data[path] = [key, *stat]
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        shards = {folder: [shard.key, shard.digest] for folder, shard in search.items()}
        record = {"output": str(self.output.absolute()), "pages": data, "search": shards}
        temporary.write_text(json.dumps(record, sort_keys=True), "utf-8")
        os.replace(temporary, self.file)
        self._forget_removed_outputs()

    def _load(self) -> tuple[dict[str, Entry], dict[str, ShardRecord]]:
        try:
            data = json.loads(self.file.read_text("utf-8"))
            pages = {path: Entry(*entry) for path, entry in data["pages"].items()}
            search = {
                str(name): ShardRecord(str(key), str(digest))
                for name, (key, digest) in data["search"].items()
            }
            return pages, search
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}, {}

    def _forget_removed_outputs(self) -> None:
        """Drop what the cache kept for output folders that no longer exist."""
        for other in self.file.parent.glob("pages-*.json"):
            try:
                exists = Path(json.loads(other.read_text("utf-8"))["output"]).is_dir()
            except (OSError, ValueError, TypeError, KeyError):
                exists = False  # unreadable: drop it
            if not exists:
                other.unlink(missing_ok=True)
                generations = other.with_name("site-" + other.stem.removeprefix("pages-"))
                shutil.rmtree(generations, ignore_errors=True)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
