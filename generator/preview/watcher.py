"""The preview's watcher: saves under the content and template folders, seen at once
through inotify (watchfiles) and handed to the preview, for as long as `serve` runs.

Whatever stops watchfiles is shown in the terminal and over every page, and watching
starts again; as saves may have been missed meanwhile, every file is then read again.
A name that is not UTF-8 text (as old zip archives write them) stops watchfiles at
once, and inotify cannot even start while it is there: until it is renamed, the
folders are polled instead (a save shows POLL_DELAY_MS later), and the name is shown
as a problem.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

POLL_DELAY_MS = 500  # how often the folders are polled while inotify cannot watch them
RETRY_DELAY = 0.5  # seconds between a failure of the watcher and its next start
MAX_NAMES_SHOWN = 10

# The watcher's two kinds of failure, as the preview shows them (see `Watched.failure`).
NAMES = "names"
WATCHER = "watcher"

_SETTINGS: dict[str, Any] = {
    "debounce": 200,
    "step": 20,
    "rust_timeout": 200,
    "yield_on_timeout": True,
    "raise_interrupt": False,
}


class Watched(Protocol):
    """What the watcher needs of the preview (server.Preview)."""

    def update(self, changed: set[Path]) -> None: ...

    def failure(self, source: str, lines: list[str]) -> bool: ...


def shown(path: Path | str | bytes) -> str:
    """A path as the editor reads it: bytes that are not UTF-8 written as `\\xe9`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def undecodable_names(folders: Iterable[Path]) -> list[Path]:
    """The files and folders under FOLDERS whose names are not UTF-8 text (not those
    inside them), in the order of the walk; at most MAX_NAMES_SHOWN of them."""
    found: list[Path] = []
    for folder in folders:
        for top, folder_names, file_names in os.walk(os.fsencode(folder)):
            names = (*folder_names, *file_names)
            found += [Path(os.fsdecode(os.path.join(top, name))) for name in names if not _is_text(name)]
            folder_names[:] = [name for name in folder_names if _is_text(name)]
            if len(found) >= MAX_NAMES_SHOWN:
                return found[:MAX_NAMES_SHOWN]
    return found


def _is_text(name: bytes) -> bool:
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def name_problem(path: Path) -> str:
    return (
        f"{shown(path)}: this name is not UTF-8 text (as old zip archives write names), so the "
        "preview cannot watch it at once; rename it (until then, saves show half a second later)"
    )


def watcher_problem(error: BaseException) -> str:
    return (
        f"error: watching for saves failed ({type(error).__name__}: {error}); the preview read "
        "every file again and goes on watching"
    )


def watch_saves(
    preview: Watched,
    folders: list[Path],
    reload: Callable[[], None],
    watching: threading.Event,
    stop: threading.Event | None = None,
) -> None:
    """Hand each save under FOLDERS to the preview, then RELOAD the tabs, until STOP is set;
    whatever fails, start watching again. WATCHING is set once the folders are watched (the
    first quiet moment) or watching has failed."""
    stop = stop or threading.Event()
    bad = undecodable_names(folders)
    missed = False
    while not stop.is_set():
        changed = preview.failure(NAMES, [name_problem(path) for path in bad])
        if missed:  # saves made while nothing watched: read every file again
            preview.update(set(folders))
        if missed or changed:
            reload()
        try:
            _watch(preview, folders, reload, watching, stop, polling=bool(bad))
            if stop.is_set():
                return
            missed = True  # inotify can watch again: it is started anew
            bad = undecodable_names(folders)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # a panic of watchfiles' Rust side too
            watching.set()
            missed, polling = True, bool(bad)
            stop.wait(RETRY_DELAY)
            bad = undecodable_names(folders)
            if not polling and not bad:  # not explained by a name (and not its renaming): said as it is
                preview.failure(WATCHER, [watcher_problem(error)])


def _watch(
    preview: Watched,
    folders: list[Path],
    reload: Callable[[], None],
    watching: threading.Event,
    stop: threading.Event,
    polling: bool,
) -> None:
    """Watch until STOP is set, or until polling is no longer needed (return), or a failure
    (raise)."""
    from watchfiles import watch

    poll: dict[str, Any] = {"force_polling": True, "poll_delay_ms": POLL_DELAY_MS} if polling else {}
    for changes in watch(*folders, **_SETTINGS, **poll, stop_event=stop):
        watching.set()
        if not changes:
            continue
        preview.update({Path(path) for _, path in changes})
        preview.failure(WATCHER, [])  # a save was seen: watching works
        reload()
        if polling and not undecodable_names(folders):
            return
