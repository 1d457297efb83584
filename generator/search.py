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
GROUPS_PER_SHARD = 64  # a one-page edit re-indexes about this many vacancies, in every language
MAX_SHARDS = 64  # each is one more request when a visitor searches
# Pagefind's ready-made interfaces: the search page has its own, so they are not published.
_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# A merged shard is searched by the primary's code and language modules: it needs its data only.
_UNUSED_IN_MERGED = ("pagefind.js", "pagefind-worker.js", "wasm.")


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
        live site, index the others."""
        index = site / INDEX_FOLDER
        shutil.rmtree(index, ignore_errors=True)  # what an older generation left
        fresh = [shard for shard in self.shards if not self._carry_over(shard, index)]
        if fresh:
            with ThreadPoolExecutor(max_workers=workers()) as pool:
                for error in pool.map(lambda shard: _index(shard, site), fresh):
                    if error:
                        raise SearchIndexError(error)
            for shard in fresh:  # moved in once all are made: Pagefind may clear a folder it writes
                bundle = _bundle(site, shard)
                (index / shard.folder).mkdir(parents=True, exist_ok=True)
                for name in os.listdir(bundle):
                    os.rename(bundle / name, index / shard.folder / name)
                bundle.rmdir()
        if self.shards:
            others = [f"{shard.folder}/" for shard in self.shards if shard.folder]
            (index / SHARD_LIST).write_text(json.dumps(others), "utf-8")

    def _carry_over(self, shard: Shard, index: Path) -> bool:
        live = self.output / INDEX_FOLDER / shard.folder
        if not shard.key or self.previous.get(shard.folder) != shard.key:
            return False
        if not (live / "pagefind-entry.json").is_file():
            return False
        for folder, subfolders, files in os.walk(live):
            relative = Path(folder).relative_to(live)
            if relative == Path("."):
                subfolders[:] = [name for name in subfolders if not name.startswith("shard-")]
                files = [name for name in files if name != SHARD_LIST]
            (index / shard.folder / relative).mkdir(parents=True, exist_ok=True)
            for name in files:
                link_or_copy(Path(folder, name), index / shard.folder / relative / name)
        return True


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


def _bundle(site: Path, shard: Shard) -> Path:
    """Where a shard is indexed, before it is moved into the index folder."""
    return site / f".search-{shard.folder or 'primary'}"


def _index(shard: Shard, site: Path) -> str:
    """Index one shard's pages (hard-linked into a folder of their own); an error message,
    or "" when done."""
    pages = _bundle(site, shard) / "pages"
    for page in shard.pages:
        (pages / page.path).parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site / page.path, pages / page.path)
    bundle = _bundle(site, shard) / "bundle"
    try:
        result = subprocess.run(
            [_pagefind(), "--site", str(pages), "--output-path", str(bundle), "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"Pagefind could not run: {error}"
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if result.returncode != 0:
        return f"Pagefind failed: {(result.stderr or result.stdout).strip()}"
    unused = _UNUSED + _UNUSED_IN_MERGED if shard.folder else _UNUSED
    for name in os.listdir(bundle):
        if name.startswith(unused):
            os.unlink(bundle / name)
    _sort_entry(bundle / "pagefind-entry.json")
    for name in os.listdir(bundle):  # the bundle becomes the shard's folder (see `write`)
        os.rename(bundle / name, _bundle(site, shard) / name)
    bundle.rmdir()
    return ""


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages in no fixed order: sort them, so that builds are reproducible."""
    if entry.is_file():
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), "utf-8")
