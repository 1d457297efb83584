"""Read only what was given: a symbolic link is followed only where it stays inside its folder.

The content, the templates and the static files are each read from inside their
own folder. A symbolic link whose target lies inside that same folder is
followed (a shared file linked from two bundles, say); a link that leads
outside it, that loops, or that leads nowhere is never followed: whoever reads
the folder reports it at the link's path. Without this, a link committed in a
pull request could publish a file of the machine that builds the site (an
environment dump, a credentials file).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

OUTSIDE_HINT = "copy the file into the folder instead of linking to it"


@functools.lru_cache(maxsize=64)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


def link_problem(path: Path | str, folder: Path | str, what: str = "its folder") -> str | None:
    """Why `path`, an entry found inside `folder` (`what` names it), may not be read; None when
    it may. Only symbolic links are looked at: anything else inside the folder may be read."""
    if not os.path.islink(path):
        return None
    return target_problem(path, folder, what)


def target_problem(path: Path | str, folder: Path | str, what: str = "its folder") -> str | None:
    """Why the file at `path` may not be read as part of `folder`: its real place is outside
    the folder, or the links on the way loop or lead nowhere. None when it may."""
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):
        return "this symbolic link loops or leads to nothing, so it is not read"
    root = _real(os.path.abspath(folder))  # a relative name means another folder after a chdir
    if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
        return None
    return f"this symbolic link leads outside {what}, so it is not read"
