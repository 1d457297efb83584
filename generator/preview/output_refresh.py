"""The preview's output folder (and its search index), brought up to date behind it.

Once saves stop for OUTPUT_REFRESH_DELAY seconds, the output folder is rebuilt as
`build` would, by a process of its own at low priority, so that the preview
answers first. That process (the builder) stays between refreshes with the
checked bundles in memory, so a refresh costs what changed, not a Python start
and the reading of every cached bundle (about 1 s of a 4 s refresh at 5,000
vacancies). It is a plain `python -m generator.preview.output_refresh`, never forked
from the threaded preview: its first line of standard input is the preview's
options, and each line after it asks for a build, which it answers with one line:
the JSON list of what went wrong (empty when the output folder is up to date). A
builder that died is started again, once per refresh; whatever fails is handed to
the preview (`on_result`), which shows it, and the next save tries again. When the
preview stops, the builder finishes the build it is making, if any (builds are
atomic, see publish/staged_site.py), and ends.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO

# Seconds without a save before the output folder and its index are rebuilt. The watcher
# has already waited for a burst of saves to end (200 ms), and one build runs at a time.
OUTPUT_REFRESH_DELAY = 0.3


class OutputRefresher:
    """Rebuilds the output folder with `build` (see the module) after the last save, and
    hands what went wrong (or [] when all went well) to `on_result`."""

    command: tuple[str, ...] = (sys.executable, "-m", __name__)  # the builder

    def __init__(
        self, args: argparse.Namespace, on_result: Callable[[list[str]], None] | None = None
    ) -> None:
        self.args = args
        self.on_result = on_result or (lambda problems: None)
        self._timer: threading.Timer | None = None
        self._running = threading.Lock()  # one refresh at a time; a save meanwhile sets a new timer
        self._builder: subprocess.Popen[str] | None = None
        self._stopped = False

    @property
    def builder_pid(self) -> int | None:
        """The builder's process id, while there is one."""
        return self._builder.pid if self._builder is not None else None

    def start(self) -> None:
        """Start the builder, which reads the content in while the editor reads the preview."""
        with self._running, contextlib.suppress(OSError):  # the first refresh tries again, and says why
            self._started()

    def soon(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(OUTPUT_REFRESH_DELAY, self.refresh)
        self._timer.daemon = True
        self._timer.start()

    def refresh(self) -> None:
        """Rebuild the output folder now, and return when it is done (or has failed)."""
        with self._running:
            try:
                problems = self._refreshed()
            except Exception as error:  # whatever it is, it is said, and the next save tries again
                problems = [f"{type(error).__name__}: {error}"]
            if problems is not None:
                self.on_result(problems)

    def _refreshed(self) -> list[str] | None:
        """What went wrong in one refresh ([] for nothing), or None once stopped."""
        ended = ""
        for _ in range(2):  # a builder that died (killed, out of memory) is started again
            if self._stopped:
                return None
            builder = self._started()
            assert builder.stdin is not None and builder.stdout is not None
            try:
                builder.stdin.write("build\n")
                builder.stdin.flush()
                answer = builder.stdout.readline()
            except (OSError, ValueError):  # the builder is gone, or stop() closed its input
                answer = ""
            if answer:
                return _problems(answer)
            if self._stopped:
                return None  # a builder that is stopping finishes its build on its own
            self._builder = None
            builder.kill()
            ended = f"the builder process ended (exit code {builder.wait()})"
        return [ended + " twice in a row"]

    def stop(self, wait: float | None = None) -> bool:
        """No more refreshes; the builder ends once the build it is making, if any, is done.
        Given WAIT seconds, wait that long for it to end, then end it. Whether it ended (or
        there was none) without being ended."""
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()
        builder = self._builder
        if builder is None:
            return True
        if builder.stdin is not None:
            with contextlib.suppress(OSError):
                builder.stdin.close()
        if wait is None:
            return builder.poll() is not None
        try:
            builder.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            builder.kill()
            builder.wait()
            return False
        return True

    def _started(self) -> subprocess.Popen[str]:
        if self._builder is None or self._builder.poll() is not None:
            self._builder = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # the preview reports the content's problems itself
                text=True,
            )
            assert self._builder.stdin is not None
            # The preview's own options, as its first line: the builder builds as `serve` was asked.
            self._builder.stdin.write(base64.b64encode(pickle.dumps(self.args)).decode() + "\n")
            self._builder.stdin.flush()  # so that it reads the content in at once
        return self._builder


def _problems(answer: str) -> list[str]:
    """The builder's answer to a build: the list of what went wrong."""
    try:
        problems = json.loads(answer)
    except ValueError:
        problems = None
    if isinstance(problems, list) and all(isinstance(problem, str) for problem in problems):
        return problems
    return [f"the builder answered {answer.strip()[:200]!r}"]


def serve_requests(args: argparse.Namespace, requests: IO[str], answers: IO[str]) -> None:
    """In the builder: read the content in, then build on each request line, until the
    preview closes the requests."""
    from ..build import build_as_asked, check
    from ..common.clock import build_clock
    from ..content.bundle_cache import BundleCache

    bundles = BundleCache(args.cache_dir)  # its memory is kept from one build to the next
    with contextlib.suppress(Exception):  # read the content in now, not at the first save
        check(args.content, build_clock(args.now), args.templates, bundles)
    for _ in requests:
        # A build that the content's problems stop leaves the output folder as it was, and
        # the preview shows those problems itself: only what else went wrong is answered.
        problems: list[str] = []
        try:
            build_as_asked(args, args.cache_dir, bundles)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # a panic of a native extension too (pyo3 raises those so)
            problems.append(_said(error))
        answers.write(json.dumps(problems) + "\n")
        answers.flush()


def _said(error: BaseException) -> str:
    """An exception of the build, as the editor is told it."""
    from ..publish.search_index import SearchIndexError
    from ..publish.staged_site import WriteError

    if isinstance(error, (WriteError, SearchIndexError)):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"cannot build the site: {error.strerror}"
    return f"internal error: {type(error).__name__}: {error}"


def _yield_to_the_preview() -> None:
    """Run only on a processor the preview (or anything else) leaves idle, where Linux
    offers it (SCHED_IDLE, inherited by the build's workers and Pagefind); else at a
    lower priority."""
    os.nice(10)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


if __name__ == "__main__":
    _yield_to_the_preview()
    answers, sys.stdout = sys.stdout, sys.stderr  # nothing but answers on the way back
    serve_requests(pickle.loads(base64.b64decode(sys.stdin.readline())), sys.stdin, answers)
