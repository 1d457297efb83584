"""Atomic output: write the whole site into a sibling folder, then swap it in.

A build that fails or is killed leaves the previous output untouched: nothing
is written into the output folder itself, and the swap is one rename (an
atomic exchange where Linux offers it). With a render cache, the site swapped
out is kept and becomes the next build's staging folder, so that a rebuild
writes only the files that changed (see StagedSite).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath


class WriteError(Exception):
    pass


def safe_relative(path: str) -> PurePosixPath:
    """A relative path that stays inside the output folder, or WriteError."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts or "\\" in path:
        raise WriteError(f"refusing to write outside the output folder: {path!r}")
    return relative


class StagedSite:
    """A new site being written next to `output`, swapped in by `commit`.

    Files may be put from several processes at once (a forked pool): each is
    written by path, and nothing is shared but the folder. Leaving the `with`
    block without `commit` (an error, Ctrl+C) removes the folder.

    With `generations` (a folder the render cache keeps), the site swapped out
    by the last build is kept there and becomes the next staging folder: the
    files that did not change since are already in it (the same files as in
    `output`, hard-linked), so a rebuild writes only what changed. A file in it
    is never written through (it may be a file of the live site): it is
    replaced."""

    def __init__(self, output: Path, generations: Path | None = None) -> None:
        self.output = output.absolute()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-", dir=self.output.parent))
        self.generations = generations
        if generations is not None and generations.is_dir():
            with contextlib.suppress(OSError):  # on another file system: start from nothing
                os.rename(generations, self.folder)  # onto the empty folder just made
        self._committed = False

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._committed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def put(self, path: str, data: bytes | Path) -> None:
        """Write one file; a Path is an unchanged file of the previous site: it is linked."""
        target = self.folder / safe_relative(path)
        if isinstance(data, Path) and _same_file(target, data):
            return  # already there from an older generation
        _remove(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # an older generation has a file there
            for folder in reversed(target.relative_to(self.folder).parents[:-1]):
                if (self.folder / folder).is_file():
                    _remove(self.folder / folder)
            target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            _link_or_copy(data, target)
        else:
            target.write_bytes(data)

    def keep_only(self, paths: Iterable[str]) -> None:
        """Remove what an older generation left that is not one of `paths` (checked paths,
        as `check_paths` takes them)."""
        root = str(self.folder)
        wanted = {os.path.join(root, path) for path in paths}
        for folder, _, files in os.walk(root, topdown=False):
            for name in files:
                file = os.path.join(folder, name)
                if file not in wanted:
                    os.unlink(file)
            if folder != root:
                with contextlib.suppress(OSError):  # not empty: it holds pages
                    os.rmdir(folder)

    def commit(self, before_swap: Callable[[Path], None] | None = None) -> None:
        """Let `before_swap` complete the folder (the search index), then swap it in."""
        if before_swap is not None:
            before_swap(self.folder)
        os.chmod(self.folder, 0o755)
        previous = _swap(self.folder, self.output)
        self._committed = True
        if previous is None:
            return
        if self.generations is not None:
            try:
                os.rename(previous, self.generations)
                return
            except OSError:
                pass
        shutil.rmtree(previous)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except (FileNotFoundError, NotADirectoryError):  # nothing there (a file may hold its place)
        pass
    except IsADirectoryError:
        shutil.rmtree(path)


def check_paths(paths: Iterable[str]) -> None:
    """WriteError unless every path stays inside the output folder, each once (in any case)."""
    seen: set[str] = set()
    for path in paths:
        relative = str(safe_relative(path)).lower()
        if relative in seen:
            raise WriteError(f"two pages would be written to {relative}")
        seen.add(relative)


def write_site(
    files: Iterable[tuple[str, bytes | Path]],
    output: Path,
    before_swap: Callable[[Path], None] | None = None,
) -> int:
    """Write every (relative path, bytes or previous file) into a new folder, let
    `before_swap` complete it, then swap it in; return the file count."""
    files = list(files)
    check_paths(path for path, _ in files)
    with StagedSite(output) as staged:
        for path, data in files:
            staged.put(path, data)
        staged.commit(before_swap)
    return len(files)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)


def _swap(staging: Path, output: Path) -> Path | None:
    """Put `staging` in the place of `output`; return where the previous site now is."""
    if not output.exists():
        os.rename(staging, output)
        return None
    if not output.is_dir():
        raise WriteError(f"{output} exists and is not a folder")
    if _exchange(staging, output):
        return staging  # now holds the previous site
    previous = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rename(output, previous / output.name)
    os.rename(staging, output)
    os.rename(previous / output.name, staging)
    os.rmdir(previous)
    return staging


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
