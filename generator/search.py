"""Full-text search: index the built site with Pagefind, in shards, before it is swapped in.

Visitors search what they can act on: the open vacancies (pending budget
approval included) and the content pages; a closed or cancelled vacancy stays
reachable from the archive but is not indexed. Only the part of a page marked
`data-pagefind-body` is indexed, with the stemming of the page's language.

The index is cut into shards, each a Pagefind bundle of its own: the primary in
`pagefind/`, the others in `pagefind/shard-N/`, listed in `pagefind/shards.json`;
the search page loads the primary and merges the others (`mergeIndex`). A page
goes to the shard its group (a vacancy or page, in every language) hashes to, so
an edit touches one shard. A shard whose pages did not change since the last
build (same paths, same page keys, see cache.py) is carried over from the live
site instead of indexed again; the others are indexed at once, one Pagefind
process per core. Shards also bound the memory one Pagefind run takes.
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

from .parallel import workers
from .write import link_or_copy

INDEX_FOLDER = "pagefind"
SHARD_LIST = "shards.json"
ENTRY = "pagefind-entry.json"  # every shard has one
GROUPS_PER_SHARD = 64  # a one-page edit re-indexes about this many vacancies, in every language
MAX_SHARDS = 64  # each is one more request when a visitor searches
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
    group: str  # the pages of one group (a vacancy in every language) share a shard
    key: str  # changes whenever the page's bytes may; "" when unknown (never carried over)


@dataclass(frozen=True)
class Shard:
    folder: str  # relative to the index folder: "" for the primary, else "shard-N"
    pages: tuple[SearchPage, ...]
    key: str  # "" when it cannot be carried over


class SearchIndex:
    """The shards of a site's search index, and which of them the live site already has."""

    def __init__(self, pages: Sequence[SearchPage], output: Path, previous: dict[str, str]) -> None:
        self.output = output
        self.previous = previous
        groups = sorted({page.group for page in pages})
        count = shard_count(len(groups))
        by_shard: dict[int, list[SearchPage]] = {}
        for page in sorted(pages, key=lambda page: page.path):
            by_shard.setdefault(_shard_of(page.group, count), []).append(page)
        self.shards = [_shard(number, count, by_shard[number]) for number in sorted(by_shard)]

    @property
    def keys(self) -> dict[str, str]:
        """Each shard's key, for the next build to compare with (cache.py keeps them)."""
        return {shard.folder: shard.key for shard in self.shards if shard.key}

    def write(self, site: Path) -> None:
        """Write the index into `site`/pagefind: carry the unchanged shards over from the
        live site, index the others. `site` may hold an older generation's index (see
        write.StagedSite): a shard folder in it that is the live one, file for file, stays."""
        index = site / INDEX_FOLDER
        kept = {shard.folder for shard in self.shards if self._carry_over(shard, index)}
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
        if self.shards:
            others = [f"{shard.folder}/" for shard in self.shards if shard.folder]
            (index / SHARD_LIST).write_text(json.dumps(others), "utf-8")

    def _carry_over(self, shard: Shard, index: Path) -> bool:
        """Whether the live site's copy of `shard` is still right; if so, it is made
        `index`'s too (hard links), unless `index` has it already."""
        live = self.output / INDEX_FOLDER / shard.folder
        if not shard.key or self.previous.get(shard.folder) != shard.key:
            return False
        wanted = _shard_files(live)
        if ENTRY not in wanted:
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
    """Each file of the shard in `folder` (its path in the folder) and its inode. The
    primary's folder holds the other shards and their list, which are not its files."""
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


def _of_other_shards(name: str) -> bool:
    """Whether `name`, in the primary's folder, is another shard's folder or the list of them."""
    return name.startswith("shard-") or name == SHARD_LIST


def _remove_shard(folder: Path) -> None:
    """Remove the shard in `folder`, leaving the other shards the primary's folder holds."""
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if _of_other_shards(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def _remove_all_but(index: Path, kept: set[str]) -> None:
    """Remove from `index` (an older generation's) every shard but the `kept` ones."""
    if not index.is_dir():
        return
    if "" not in kept:
        _remove_shard(index)
    for entry in os.scandir(index):
        if entry.name.startswith("shard-") and entry.name not in kept:
            shutil.rmtree(entry.path)


def shard_count(groups: int) -> int:
    """A power of two, so that the shards change only when the site doubles or halves."""
    wanted = max(1, math.ceil(groups / GROUPS_PER_SHARD))
    return min(MAX_SHARDS, 1 << (wanted - 1).bit_length())


def _shard_of(group: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(group.encode()).digest()[:8], "big") % count


def _shard(number: int, count: int, pages: list[SearchPage]) -> Shard:
    folder = f"shard-{number}" if number else ""
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
    return site / f".search-{shard.folder or 'primary'}"


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
    unused = _UNUSED + _UNUSED_IN_MERGED if shard.folder else _UNUSED
    for name in os.listdir(bundle):
        if name.startswith(unused):
            os.unlink(bundle / name)
    _sort_entry(bundle / ENTRY)
    return ""


def _glob(pages: Sequence[SearchPage]) -> str:
    """A glob that matches these pages' files and no other."""
    return "{" + ",".join(_GLOB_SPECIAL.sub(r"\\\g<0>", page.path) for page in pages) + "}"


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages in no fixed order: sort them, so that builds are reproducible."""
    if entry.is_file():
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), "utf-8")
