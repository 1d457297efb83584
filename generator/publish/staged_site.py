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
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from ..common.problems import display_path
from .output_claim import MARKER, MARKER_TEXT


class WriteError(Exception):
    """The site could not be written: said in the user's terms (their paths, not ours)."""


_REASONS = {
    errno.ENAMETOOLONG: "the address is too long for the file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only file system",
}


def cannot_write(what: str, error: OSError, source: str = "") -> WriteError:
    """A WriteError naming `what` as the user knows it, and the source that asked for it."""
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    asked = f" (asked for by {source})" if source else ""
    return WriteError(f"cannot write {what}{asked}: {reason}")


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
    replaced.

    With `set_aside` (a folder taken over with --force, see output_claim.py),
    what the output folder held is moved there by the swap, never deleted or
    reused. Every OSError comes out as a WriteError about the user's paths."""

    def __init__(self, output: Path, generations: Path | None = None, set_aside: Path | None = None) -> None:
        self.output = output.absolute()
        self.shown = display_path(output)
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-", dir=self.output.parent))
        except OSError as error:
            raise cannot_write(f"{self.shown}/", error) from None
        self.generations = generations if set_aside is None else None
        self.set_aside = set_aside
        if generations is not None and generations.is_dir():
            with contextlib.suppress(OSError):  # on another file system: start from nothing
                os.rename(generations, self.folder)  # onto the empty folder just made
        self._committed = False

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._committed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def put(self, path: str, data: bytes | Path, source: str = "") -> None:
        """Write one file; a Path is an unchanged file of the previous site: it is linked.
        `source` is what asked for the file, for the message when it cannot be written."""
        try:
            self._put(path, data)
        except OSError as error:
            raise cannot_write(f"{self.shown}/{path}", error, source) from None

    def _put(self, path: str, data: bytes | Path) -> None:
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
            link_or_copy(data, target)
        else:
            target.write_bytes(data)

    def keep_only(self, paths: Iterable[str], leave: str | None = None) -> None:
        """Remove what an older generation left that is not one of `paths` (checked paths,
        as `check_paths` takes them), except in the folder `leave`, which the caller tidies
        (the search index: its shards that did not change stay)."""
        try:
            self._keep_only(paths, leave)
        except OSError as error:
            raise cannot_write(f"{self.shown}/", error) from None

    def _keep_only(self, paths: Iterable[str], leave: str | None) -> None:
        root = str(self.folder)
        wanted = {os.path.join(root, path) for path in paths}
        walked = []
        for folder, subfolders, files in os.walk(root):
            if folder == root:
                subfolders[:] = [name for name in subfolders if name != leave]
            walked.append((folder, files))
        for folder, files in reversed(walked):  # a folder's subfolders before it
            for name in files:
                file = os.path.join(folder, name)
                if file not in wanted:
                    os.unlink(file)
            if folder != root:
                with contextlib.suppress(OSError):  # not empty: it holds pages
                    os.rmdir(folder)

    def commit(self, before_swap: Callable[[Path], None] | None = None) -> None:
        """Let `before_swap` complete the folder (the search index), mark it as a site of
        ours, then swap it in."""
        if before_swap is not None:
            before_swap(self.folder)
        try:
            (self.folder / MARKER).write_text(MARKER_TEXT, "utf-8")
            os.chmod(self.folder, 0o755)
            previous = _swap(self.folder, self.output)
        except OSError as error:
            raise cannot_write(f"{self.shown}/", error) from None
        self._committed = True
        if previous is None:
            return
        if self.set_aside is not None:
            try:
                os.rename(previous, self.set_aside)
            except OSError as error:
                raise WriteError(
                    f"the site is built, but the files {self.shown}/ held could not be moved to "
                    f"{display_path(self.set_aside)} ({error.strerror}): they are in {display_path(previous)}"
                ) from None
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


# Linux's limits: a name of at most 255 bytes, a whole path of at most 4,095.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4095
_STAGING_SUFFIX = len("..new-12345678")  # the staging folder's name: the output's, longer


def address_problems(pages: Iterable[tuple[str, str]], output: Path) -> list[tuple[str, str, str]]:
    """(source, message, hint) for each (path, source) the file system could not hold under
    `output`: a part over MAX_NAME_BYTES, or a whole path over MAX_PATH_BYTES."""
    base = len(os.fsencode(output.absolute())) + _STAGING_SUFFIX + 1
    problems = []
    for path, source in pages:
        longest = max(len(part.encode()) for part in path.split("/"))
        if longest > MAX_NAME_BYTES:
            message = f"the address {path!r} has a part of {longest} bytes; at most {MAX_NAME_BYTES} fit"
            problems.append((source, message, "write a shorter `slug:`"))
        elif base + len(path.encode()) > MAX_PATH_BYTES:
            message = f"the address {path!r} is too long to be written under {display_path(output)}/"
            problems.append((source, message, "build into a folder with a shorter path"))
    return problems


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


def link_or_copy(source: Path, target: Path) -> None:
    """`target` as a hard link to `source`, or a copy where links cannot be made."""
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
        raise WriteError(f"{display_path(output)} exists and is not a folder")
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
