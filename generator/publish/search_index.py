"""Full-text search: index the built site with Pagefind, in shards, before it is swapped in.

Visitors search what they can act on: the open vacancies (pending budget
approval included) and the content pages; a closed or cancelled vacancy stays
reachable from the archive but is not indexed. Only the part of a page marked
`data-pagefind-body` is indexed, with the stemming of the page's language.

Each language has an index of its own, cut into shards, each a Pagefind bundle:
the primary in `pagefind/LANG/`, the others in `pagefind/LANG/shard-N/`, listed
in `pagefind/LANG/shards.json`; the search page loads its language's primary and
merges the others (`mergeIndex`). A page goes to the shard its group (a vacancy
or page) hashes to, so an edit touches one shard in each language. A shard whose
pages did not change since the last build (same paths, same page keys, see
render_cache.py) is carried over from the live site instead of indexed again, once
its files are checked against the digest recorded when they were made (a file
damaged in place since is never reused: its shard is indexed again); the others
are indexed at once, one Pagefind process per core. Shards also bound the
memory one Pagefind run takes.

Pagefind finds a shard's pages with a glob that starts with the folder they
share (`en/vacancies/{…}/index.html`): it then opens only the folders the glob
names. A glob that starts with a choice, as one over two languages' folders
would, makes it walk the whole site once per shard (20,000 folders at 5,000
vacancies): that is why a shard holds one language.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..common.worker_pool import workers
from ..site.routes import INDEX_FOLDER
from .staged_site import link_or_copy

SHARD_LIST = "shards.json"  # in each language's folder: its merged shards
ENTRY = "pagefind-entry.json"  # every shard has one
GROUPS_PER_SHARD = 64  # a one-page edit re-indexes about this many pages, in each of its languages
MAX_SHARDS = 64  # per language: each is one more request when a visitor searches
# Pagefind's ready-made interfaces: the search page has its own, so they are not published.
_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# A merged shard is searched by the primary's code and language modules: it needs its data only.
_UNUSED_IN_MERGED = ("pagefind.js", "pagefind-worker.js", "wasm.")
_GLOB_SPECIAL = re.compile(r"[^A-Za-z0-9/._-]")  # escaped in a glob (addresses hold none of these today)


class SearchIndexError(Exception):
    pass


@dataclass(frozen=True)
class SearchPage:
    path: str  # relative to the site
    language: str  # each language has its own index
    group: str  # the pages of one group (a vacancy in every language) go to the same shard number
    key: str  # changes whenever the page's bytes may; "" when unknown (never carried over)


@dataclass(frozen=True)
class ShardRecord:
    """What a build records of a shard it published, for the next build to reuse it by."""

    key: str  # the shard's key (`Shard.key`)
    digest: str  # of its files' names and bytes, as made (`_shard_digest`)


@dataclass(frozen=True)
class Shard:
    folder: str  # relative to the index folder: "LANG" for a language's primary, else "LANG/shard-N"
    pages: tuple[SearchPage, ...]
    key: str  # "" when it cannot be carried over

    @property
    def primary(self) -> bool:
        return "/" not in self.folder


class SearchIndex:
    """The shards of a site's search index, and which of them the live site already has."""

    def __init__(self, pages: Sequence[SearchPage], output: Path, previous: dict[str, ShardRecord]) -> None:
        self.output = output
        self.previous = previous
        self.digests: dict[str, str] = {}  # each written shard's, once `write` is done
        by_language: dict[str, list[SearchPage]] = {}
        for page in sorted(pages, key=lambda page: page.path):
            by_language.setdefault(page.language, []).append(page)
        self.shards = [
            shard for language in sorted(by_language) for shard in _cut(language, by_language[language])
        ]

    @property
    def records(self) -> dict[str, ShardRecord]:
        """What the next build needs to reuse each shard written (render_cache.py keeps it)."""
        return {
            shard.folder: ShardRecord(shard.key, self.digests[shard.folder])
            for shard in self.shards
            if shard.key and shard.folder in self.digests
        }

    def write(self, site: Path) -> None:
        """Write the index into `site`/pagefind: carry the unchanged shards over from the
        live site, index the others. `site` may hold an older generation's index (see
        staged_site.StagedSite): a shard folder in it that is the live one, file for file, stays."""
        index = site / INDEX_FOLDER
        kept = {shard.folder for shard in self.shards if self._carry_over(shard, index)}
        self.digests = {folder: self.previous[folder].digest for folder in kept}
        _remove_all_but(index, kept)
        fresh = [shard for shard in self.shards if shard.folder not in kept]
        if fresh:
            with ThreadPoolExecutor(max_workers=workers()) as pool:
                for error in pool.map(lambda shard: _index(shard, site), fresh):
                    if error:
                        raise SearchIndexError(error)
            for shard in fresh:  # moved in once all are made: Pagefind may clear a folder it writes
                bundle = _work(site, shard) / "bundle"
                (index / shard.folder).mkdir(parents=True, exist_ok=True)
                for name in os.listdir(bundle):
                    os.rename(bundle / name, index / shard.folder / name)
                shutil.rmtree(_work(site, shard))
                self.digests[shard.folder] = _shard_digest(index / shard.folder)
        for primary in (shard for shard in self.shards if shard.primary):
            inside = f"{primary.folder}/"
            merged = [f"{s.folder.removeprefix(inside)}/" for s in self.shards if s.folder.startswith(inside)]
            shard_list = index / primary.folder / SHARD_LIST
            shard_list.unlink(missing_ok=True)  # replaced, never written through (see staged_site.StagedSite)
            shard_list.write_text(json.dumps(merged), "utf-8")

    def _carry_over(self, shard: Shard, index: Path) -> bool:
        """Whether the live site's copy of `shard` is still right: made for the same pages
        and unchanged since, byte for byte. If so, it is made `index`'s too (hard links),
        unless `index` has it already."""
        live = self.output / INDEX_FOLDER / shard.folder
        record = self.previous.get(shard.folder)
        if not shard.key or record is None or record.key != shard.key:
            return False
        wanted = _shard_files(live)
        if ENTRY not in wanted or _shard_digest(live) != record.digest:
            return False
        staged = index / shard.folder
        if _shard_files(staged) == wanted:
            return True
        _remove_shard(staged)
        for name in wanted:
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(live / name, staged / name)
        return True


def _shard_files(folder: Path) -> dict[str, int]:
    """Each file of the shard in `folder` (its path in the folder) and its inode. A
    primary's folder holds its language's other shards and their list, which are not its files."""
    files: dict[str, int] = {}
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            entries = list(os.scandir(folder / relative))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if not relative and _of_other_shards(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(f"{relative}{entry.name}/")
            else:
                files[relative + entry.name] = entry.inode()
    return files


def _shard_digest(folder: Path) -> str:
    """A hash of the names and bytes of the shard's files in `folder`."""
    digest = hashlib.sha256()
    for name in sorted(_shard_files(folder)):
        with open(folder / name, "rb") as file:
            digest.update(f"{name}\0".encode() + hashlib.file_digest(file, "sha256").digest())
    return digest.hexdigest()


def _of_other_shards(name: str) -> bool:
    """Whether `name`, in a primary's folder, is another shard's folder or the list of them."""
    return name.startswith("shard-") or name == SHARD_LIST


def _remove_shard(folder: Path) -> None:
    """Remove the shard in `folder`, leaving the other shards a primary's folder holds."""
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if not _of_other_shards(entry.name):
            _remove(entry)


def _remove_all_but(index: Path, kept: set[str]) -> None:
    """Remove from `index` (an older generation's) every shard but the `kept` ones."""
    if not index.is_dir():
        return
    languages = {folder.split("/")[0] for folder in kept}
    for entry in os.scandir(index):
        if entry.name not in languages or not entry.is_dir(follow_symlinks=False):
            _remove(entry)  # a language none of whose shards is kept, or not a language's folder
            continue
        if entry.name not in kept:
            _remove_shard(Path(entry.path))
        for shard in os.scandir(entry.path):
            if shard.name.startswith("shard-") and f"{entry.name}/{shard.name}" not in kept:
                _remove(shard)


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def shard_count(groups: int) -> int:
    """A power of two, so that the shards change only when the site doubles or halves."""
    wanted = max(1, math.ceil(groups / GROUPS_PER_SHARD))
    return min(MAX_SHARDS, 1 << (wanted - 1).bit_length())


def _cut(language: str, pages: list[SearchPage]) -> list[Shard]:
    """One language's pages (sorted by path) in shards: the primary first."""
    count = shard_count(len({page.group for page in pages}))
    by_number: dict[int, list[SearchPage]] = {}
    for page in pages:
        by_number.setdefault(_shard_of(page.group, count), []).append(page)
    return [_shard(language, number, count, by_number[number]) for number in sorted(by_number)]


def _shard_of(group: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(group.encode()).digest()[:8], "big") % count


def _shard(language: str, number: int, count: int, pages: list[SearchPage]) -> Shard:
    folder = f"{language}/shard-{number}" if number else language
    if any(not page.key for page in pages):
        return Shard(folder, tuple(pages), "")
    digest = hashlib.sha256(f"{_pagefind_version()}\0{count}\0{folder}".encode())
    for page in pages:
        digest.update(f"\0{page.path}\0{page.key}".encode())
    return Shard(folder, tuple(pages), digest.hexdigest())


def _pagefind() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise SearchIndexError(f"Pagefind is not installed ({error}); pip install -e .") from None
    return str(get_executable())


@functools.cache
def _pagefind_version() -> str:
    """Part of every shard's key: another Pagefind may index the same pages otherwise."""
    try:
        return version("pagefind-bin")
    except PackageNotFoundError:  # not installed: indexing will say so
        return "unknown"


def _work(site: Path, shard: Shard) -> Path:
    """Where a shard is indexed, before it is moved into the index folder."""
    return site / f".search-{shard.folder.replace('/', '-')}"


def _index(shard: Shard, site: Path) -> str:
    """Index one shard's pages where they are in `site`; an error message, or "" when done.

    Pagefind reads its settings from a pagefind.json in the folder it runs in: the list of
    the shard's pages (a glob) can be longer than a command line may be."""
    work = _work(site, shard)
    bundle = work / "bundle"
    work.mkdir()
    settings = {
        "site": str(site.absolute()),
        "glob": _glob(shard.pages),
        "output_path": str(bundle.absolute()),
    }
    (work / "pagefind.json").write_text(json.dumps(settings), "utf-8")
    try:
        result = subprocess.run(
            [_pagefind(), "--silent"], cwd=work, capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"Pagefind could not run: {error}"
    if result.returncode != 0:
        return f"Pagefind failed: {(result.stderr or result.stdout).strip()}"
    unused = _UNUSED if shard.primary else _UNUSED + _UNUSED_IN_MERGED
    for name in os.listdir(bundle):
        if name.startswith(unused):
            os.unlink(bundle / name)
    _sort_entry(bundle / ENTRY)
    return ""


def _glob(pages: Sequence[SearchPage]) -> str:
    """A glob that matches these pages' files and no other. It starts with the folder they
    share, which is all Pagefind walks (a glob that starts with a choice walks the whole site)."""
    folders = [page.path.split("/")[:-1] for page in pages]
    shared = 0
    while all(len(folder) > shared and folder[shared] == folders[0][shared] for folder in folders):
        shared += 1
    prefix = "".join(f"{part}/" for part in folders[0][:shared])
    rest = (page.path[len(prefix) :] for page in pages)
    return _escaped(prefix) + "{" + ",".join(_escaped(path) for path in rest) + "}"


def _escaped(text: str) -> str:
    return _GLOB_SPECIAL.sub(r"\\\g<0>", text)


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages in no fixed order: sort them, so that builds are reproducible."""
    if entry.is_file():
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), "utf-8")
