"""When each content file last changed, from git: the evidence for stale translations.

The only module that asks git anything. Outside a git work tree, or without
git, it answers None and staleness is judged from `translated_from` alone.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# A file with uncommitted changes is the newest of all.
UNCOMMITTED = 0


def change_order(root: Path) -> dict[Path, int] | None:
    """Each file under `root` -> how recent its last change is (0 newest; larger is older).

    Files are named as the loader names them: `root` as given, joined with the path inside it."""
    repository = top_level(root)
    if repository is None:
        return None
    real_root = root.resolve()

    def under_root(line: str) -> Path | None:
        path = repository / line
        return root / path.relative_to(real_root) if path.is_relative_to(real_root) else None

    order: dict[Path, int] = {}
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "-z", "--", ".")
    for entry in (status or "").split("\0"):
        if len(entry) > 3 and (path := under_root(entry[3:])) is not None:
            order[path] = UNCOMMITTED
    log = _git(root, "log", "--format=%x00commit", "--name-only", "--", ".")
    rank = UNCOMMITTED
    for line in (log or "").splitlines():
        if line == "\0commit":
            rank += 1
        elif line and (path := under_root(line)) is not None:
            order.setdefault(path, rank)
    return order


def top_level(folder: Path) -> Path | None:
    """The top folder of the git work tree that holds `folder`; None outside git."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    return Path(top.strip()) if top else None


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout
