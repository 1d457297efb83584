"""Which folders a build may write: decided before anything is touched.

A build replaces its output folder whole, and the cache folder holds what the
generator alone made (see render_cache.py, content/bundle_cache.py). So the output folder must be
absent, empty, or a site this generator built (it carries MARKER), and the
cache folder absent, empty, or a cache of ours (it carries CACHEDIR.TAG, the
Cache Directory Tagging standard that backup tools know). Neither may be the
content folder, the templates, the project that holds them, the home folder or
the root of the file system, nor hold any of them, nor lie inside the content
or the templates. Anything else is refused as a command-line mistake that says
what the folder holds and what to do; `--force` takes over a non-empty output
folder that is none of those, and its files are set aside, never deleted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..common.problems import UsageError, display_path

MARKER = ".careers-site-generator"
MARKER_TEXT = (
    "This folder is a site built by `python -m generator build`. Each build replaces it whole:\n"
    "keep no files of your own here.\n"
)
CACHE_TAG = "CACHEDIR.TAG"
CACHE_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file marks a cache folder of the careers site generator (https://bford.info/cachedir/).\n"
)
# What builds made before the marker existed always wrote, and nothing else writes.
_LEGACY_SITE_FILES = ("sitemap.xml", "robots.txt", "vacancies.json", "_headers")
_LEGACY_CACHE_ENTRY = re.compile(r"bundles\.sqlite(?:-journal)?|pages-[0-9a-f]+\.(?:json|tmp)|site-[0-9a-f]+")
_SHOWN_ENTRIES = 5
_SUGGESTED = {"--output": "output", "--cache-dir": ".cache"}  # the defaults


@dataclass(frozen=True)
class OutputClaim:
    """A folder the build may replace. `set_aside`: where the files of a folder taken over with
    --force go when the new site is swapped in (None for a folder that was already ours)."""

    output: Path
    set_aside: Path | None = None


@dataclass(frozen=True)
class _Protected:
    path: Path
    what: str  # "the content folder", … as a message says it


def claim_output(output: Path, *, content: Path, templates: Path, force: bool = False) -> OutputClaim:
    """The output folder, if a build may replace it; UsageError otherwise."""
    option = f"--output {display_path(output)}"
    why = "a build replaces its output folder whole"
    where = _refuse_special(output, option, why, content, templates)
    entries = _entries(where)
    if entries is None or not entries or _is_our_site(where, entries):
        return OutputClaim(output)
    if force:
        return OutputClaim(output, _free_name(where))
    raise UsageError(
        f"{option} holds {_describe(entries)}, which this generator did not make, and a build replaces "
        "the folder whole",
        "choose a new or empty folder (such as --output output), or pass --force to build there anyway: "
        f"its files are then moved to {display_path(where)}.replaced-DATE-TIME, not deleted",
    )


def claim_cache(cache: Path, *, output: Path, content: Path, templates: Path, force: bool = False) -> None:
    """UsageError unless the cache folder may be written; then mark it as ours."""
    option = f"--cache-dir {display_path(cache)}"
    why = "the generator keeps and deletes files of its own in its cache folder"
    where = _refuse_special(cache, option, why, content, templates)
    site = output.resolve()
    if where == site or where.is_relative_to(site) or site.is_relative_to(where):
        raise UsageError(
            f"{option} and --output {display_path(output)} overlap",
            "keep the cache apart from the site, such as --cache-dir .cache",
        )
    entries = _entries(where)
    ours = entries is None or not entries or CACHE_TAG in entries
    legacy = entries is not None and all(_LEGACY_CACHE_ENTRY.fullmatch(name) for name in entries)
    if not (ours or legacy or force):
        raise UsageError(
            f"{option} holds {_describe(entries or [])}, which this generator did not make",
            "choose a new or empty folder for the cache (the default is .cache), or pass --force "
            "to keep the cache there beside those files",
        )
    where.mkdir(parents=True, exist_ok=True)
    tag = where / CACHE_TAG
    if not tag.is_file():
        tag.write_text(CACHE_TAG_TEXT, "utf-8")


def _refuse_special(folder: Path, option: str, why: str, content: Path, templates: Path) -> Path:
    """The folder, resolved, unless it is a file, a link, or a folder no build may write."""
    if folder.is_symlink():
        raise UsageError(
            f"{option} is a symbolic link", f"give the folder it leads to: {display_path(folder.resolve())}"
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{option} is a file, not a folder", "choose a folder, such as --output output")
    existing = next((parent for parent in folder.absolute().parents if parent.exists()), None)
    if existing is not None and not existing.is_dir():
        raise UsageError(
            f"{option} is inside {display_path(existing)}, which is a file, not a folder",
            "choose a folder, such as --output output",
        )
    where = folder.resolve()
    protected = _protected(content, templates)
    same = [p for p in protected if where == p.path]
    held = [p for p in protected if p.path.is_relative_to(where)]
    for found, verb in ((same, "is"), (held, "holds")):
        if found:
            raise UsageError(
                f"{option} {verb} {found[0].what} ({found[0].path}), and {why}",
                f"choose a folder of its own, such as {option.split()[0]} {_SUGGESTED[option.split()[0]]}",
            )
    for inside, what in ((content, "the content folder"), (templates, "the templates folder")):
        if where.is_relative_to(inside.resolve()):
            raise UsageError(
                f"{option} is inside {what}; a build there would change the {what.split()[1]}",
                f"choose a folder outside it, such as {option.split()[0]} {_SUGGESTED[option.split()[0]]}",
            )
    return where


def _protected(content: Path, templates: Path) -> list[_Protected]:
    content, templates = content.resolve(), templates.resolve()
    return [  # the nearest first: a message names what the user is likeliest to lose
        _Protected(_project(content), "the project that holds the content"),
        _Protected(content, "the content folder"),
        _Protected(templates, "the templates folder"),
        _Protected(Path(__file__).resolve().parents[2], "the generator's own folder"),
        _Protected(Path.home().resolve(), "your home folder"),
        _Protected(Path(os.sep), "the root of the file system"),
    ]


def _project(content: Path) -> Path:
    """The git work tree that holds the content folder, else the folder that holds it."""
    for folder in (content, *content.parents):
        if (folder / ".git").exists():
            return folder
    return content.parent


def _entries(folder: Path) -> list[str] | None:
    """The names in a folder (None when it does not exist)."""
    try:
        return sorted(os.listdir(folder))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"{display_path(folder)} cannot be read: {error.strerror}") from None


def _is_our_site(folder: Path, entries: list[str]) -> bool:
    marker = folder / MARKER
    if MARKER in entries and marker.is_file() and not marker.is_symlink():
        return True
    return all(name in entries for name in _LEGACY_SITE_FILES)


def _describe(entries: list[str]) -> str:
    shown = ", ".join(entries[:_SHOWN_ENTRIES])
    more = f" and {len(entries) - _SHOWN_ENTRIES} more" if len(entries) > _SHOWN_ENTRIES else ""
    return (
        f"{len(entries)} file{'s' * (len(entries) != 1)} or folder{'s' * (len(entries) != 1)} ({shown}{more})"
    )


def _free_name(folder: Path) -> Path:
    """A sibling of `folder` that does not exist yet, to set its files aside in."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder.with_name(f"{folder.name}.replaced-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder.with_name(f"{folder.name}.replaced-{stamp}-{number}")
    return candidate
