"""Load and validate the content one bundle at a time: in parallel, and only when it changed.

Each vacancy or page folder is loaded and validated on its own (given the
site settings and the salary scale), so bundles can be spread over processes.
Its result, the model and its problems, is kept in a cache under a key made
of everything it depends on: the generator's code, site.yaml and
salary-scale.yaml, the working folder (problems name files relative to it),
the folder's path, and the name, size, times and inode of each of its files.
A bundle with the same key is not read again. The cache lives in memory for a
preview, and in `bundles.sqlite` in the cache folder between builds; keys not
used by a build are dropped from it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..common.problems import Problem, Report
from ..common.worker_pool import parallel_map
from .loader import bundle_folders, load_bundle, load_settings
from .models import Content, Page, SalaryScale, Site, Vacancy, without_bodies
from .settings import validate_scale, validate_site
from .validate import assemble, validate_bundle

CACHE_FILE = "bundles.sqlite"
CACHE_VERSION = "1"
GENERATOR = Path(__file__).resolve().parents[1]  # the package: every room's code


@dataclass(frozen=True)
class BundleResult:
    model: Vacancy | Page | None
    problems: tuple[Problem, ...]


class BundleCache:
    """Results by key: in memory, and in an SQLite file when a cache folder is given."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = folder / CACHE_FILE if folder is not None else None
        self.memory: dict[str, BundleResult] = {}
        # With a watcher that reports every change (the preview), a folder's key is worked
        # out once and kept until a file in it changes, instead of from its files each time.
        self.watched = False
        self._keys: dict[str, tuple[bytes, str, str]] = {}  # absolute folder -> (context, kind, key)

    def key(self, context: bytes, kind: str, folder: Path, cwd: str) -> str:
        if not self.watched:
            return _key(context, kind, folder)
        absolute = os.path.normpath(os.path.join(cwd, folder))
        known = self._keys.get(absolute)
        if known is None or known[:2] != (context, kind):
            known = self._keys[absolute] = (context, kind, _key(context, kind, folder))
        return known[2]

    def changed(self, paths: Iterable[Path]) -> None:
        """The watcher saw these paths change: the folders holding them get new keys. A path
        in no known folder (site.yaml, or a folder reached by another name) makes every
        folder's key be worked out again."""
        for path in paths:
            folder, parent, found = os.path.abspath(path), "", False
            while folder != parent:
                found = self._keys.pop(folder, None) is not None or found
                folder, parent = os.path.dirname(folder), folder
            if not found:
                self._keys.clear()

    def lookup(self, keys: list[str]) -> dict[str, BundleResult]:
        found = {key: self.memory[key] for key in keys if key in self.memory}
        wanted = [key for key in keys if key not in found]
        if wanted and self.file is not None and self.file.exists():
            try:
                with closing(sqlite3.connect(self.file)) as database:
                    for key, value in _select(database, wanted):
                        found[key] = pickle.loads(value)
            except Exception:  # a damaged cache, whatever the damage, is an empty one
                found = {key: self.memory[key] for key in keys if key in self.memory}
        return found

    def keep(self, results: dict[str, BundleResult], new: set[str]) -> None:
        """Remember `results` (the whole site) in memory, and the `new` ones on disk;
        forget every other key."""
        self.memory = dict(results)
        if self.file is None:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.file)) as database, database:
                database.execute("CREATE TABLE IF NOT EXISTS bundles (key TEXT PRIMARY KEY, value BLOB)")
                stored = {key for (key,) in database.execute("SELECT key FROM bundles")}
                database.executemany(
                    "DELETE FROM bundles WHERE key = ?", [(key,) for key in stored - results.keys()]
                )
                database.executemany(  # one pickle at a time: a site's bodies weigh hundreds of MB
                    "INSERT OR REPLACE INTO bundles VALUES (?, ?)",
                    ((key, pickle.dumps(results[key], protocol=5)) for key in new),
                )
        except (OSError, sqlite3.Error):
            pass  # the next build reads the content again


def _select(database: sqlite3.Connection, keys: list[str]) -> Iterator[tuple[str, bytes]]:
    for start in range(0, len(keys), 500):  # SQLite limits the number of parameters
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        yield from database.execute(f"SELECT key, value FROM bundles WHERE key IN ({marks})", chunk)


@dataclass(frozen=True)
class Loaded:
    """The content, None when an error was reported; and, even then, its part without errors
    (the settings and the bundles that are valid), None only when the settings have errors."""

    content: Content | None
    valid_part: Content | None


def load_and_validate(root: Path, report: Report, cache: BundleCache | None = None) -> Loaded:
    """The whole site as models, reading only the bundles whose files changed since `cache`
    last saw them."""
    settings = load_settings(root, report)
    if settings is None:
        return Loaded(None, None)
    site = validate_site(settings[0], report)
    scale = validate_scale(settings[1], report)
    folders = bundle_folders(root, report)
    if site is None or scale is None:
        return Loaded(None, None)
    cache = cache or BundleCache()
    context = _context(root, settings[0].path if settings[0] else root, site, scale)
    cwd = os.getcwd()
    keys = [cache.key(context, kind, folder, cwd) for kind, folder in folders]
    found = cache.lookup(keys)
    missing = [index for index, key in enumerate(keys) if key not in found]

    def make(index: int) -> BundleResult:
        kind, folder = folders[missing[index]]
        bundle_report = Report()
        model = validate_bundle(load_bundle(folder, kind, bundle_report, root), site, scale, bundle_report)
        if model is not None:
            model = _with_source_key(model, keys[missing[index]])
        return BundleResult(model, tuple(bundle_report))

    made = parallel_map(make, len(missing))
    found.update((keys[index], result) for index, result in zip(missing, made, strict=True))
    cache.keep(found, {keys[index] for index in missing})
    results = [found[key] for key in keys]
    for result in results:
        report.extend(result.problems)
    valid_part = assemble(site, scale, (r.model for r in results))
    return Loaded(None if report.errors() else valid_part, valid_part)


def _with_source_key(model: Vacancy | Page, key: str) -> Vacancy | Page:
    """The model, and each language's words, marked with the key of the files they come from;
    a vacancy also with the hash of all it holds but its bodies (see models.without_bodies)."""
    words = {
        language: dataclasses.replace(words, source_key=f"{key}:{language}")
        for language, words in model.words.items()
    }
    if isinstance(model, Vacancy):
        listed = without_bodies(model)
        listing_key = hashlib.sha256(pickle.dumps(listed, protocol=5)).hexdigest()
        return dataclasses.replace(model, words=words, source_key=key, listing_key=listing_key)
    return dataclasses.replace(model, words=words, source_key=key)


def _context(root: Path, site_file: Path, site: Site, scale: SalaryScale) -> bytes:
    """What every bundle's result depends on besides its own files."""
    code = hashlib.sha256(CACHE_VERSION.encode())
    for path in sorted(GENERATOR.rglob("*.py")):
        code.update(path.read_bytes())
    state = (os.getcwd(), str(root), str(site_file), site, scale)
    return code.digest() + hashlib.sha256(pickle.dumps(state, protocol=5)).digest()


def _key(context: bytes, kind: str, folder: Path) -> str:
    digest = hashlib.sha256(context)
    digest.update(os.fsencode(f"{kind}\0{folder}\0"))  # a name need not be UTF-8: as the OS has it
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        for entry in entries:
            stat = entry.stat()
            digest.update(
                os.fsencode(
                    f"{entry.name}\0{stat.st_mode}\0{stat.st_size}\0{stat.st_mtime_ns}\0"
                    f"{stat.st_ctime_ns}\0{stat.st_ino}\0"
                )
            )
    except OSError as error:  # let loading report it; never take it from the cache
        digest.update(f"unreadable {error} {os.urandom(8).hex()}".encode())
    return digest.hexdigest()
