"""`python -m generator serve` as a process of its own, for the tests that talk to it over HTTP
(test_serve_http.py with raw requests, test_serve_browser.py in Chromium, test_preview.py).

Run as a script, this file is `serve` with faults that a test can switch on and off from
outside: while the content folder holds CHECK_FAULT, each check after a save raises; while
it holds BUILD_FAULT, each build of the background builder raises (see `faulty_serve`).

Stopping a preview also waits for every process it started (its builder) to end, and fails
the test if one is left (`assert_all_ended`)."""

from __future__ import annotations

import contextlib
import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SITES, Page

START_TIMEOUT = 15.0  # seconds for the server to build the site and answer
END_TIMEOUT = 30.0  # seconds for the processes of a stopped preview to end (a build under way ends first)

# Files whose presence in the content folder makes `faulty_serve` fail, and what it raises.
CHECK_FAULT = "check.fault"
BUILD_FAULT = "build.fault"
FAULT = "a fault made on purpose by the test"


def descendants(pid: int) -> set[int]:
    """The processes that PID started, and theirs, still running (Linux: read from /proc)."""
    parents = _parents()
    found: set[int] = set()
    new = {pid}
    while new:
        new = {child for child, parent in parents.items() if parent in new} - found
        found |= new
    return found


def children(pid: int) -> set[int]:
    """The processes that PID started, still running."""
    return {child for child, parent in _parents().items() if parent == pid}


def _parents() -> dict[int, int]:
    """Each running process's parent, by process id."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rpartition(")")[2].split()[:2]
        except (OSError, ValueError):
            continue  # ended meanwhile
        if state != "Z":  # a zombie has ended; its parent has not read its exit status yet
            parents[int(stat.parent.name)] = int(parent)
    return parents


def assert_all_ended(pids: set[int], what: str, timeout: float = END_TIMEOUT) -> None:
    """Wait until PIDS have ended; end those left and fail the test."""
    deadline = time.monotonic() + timeout
    while (left := {pid for pid in pids if _running(pid)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)  # only processes this test started (descendants of its own)
    if left:
        pytest.fail(f"{what} left {len(left)} process(es) running {timeout:.0f} s after it stopped: {left}")


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def h1(page: str) -> str:
    """The first h1 of PAGE as a reader sees it (without the soft hyphens of long words)."""
    headings = Page(page).h1
    return " ".join(headings[0].replace("\xad", "").split()) if headings else ""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Wait until CONDITION holds; fail, saying WHAT was waited for, if it does not in time."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """GET URL without a browser: the status and the body, also for 4xx and 5xx answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class PreviewProcess:
    """`python -m generator serve` on a copy of the basic site, on a free loopback port."""

    def __init__(self, tmp_path: Path, now: str, *options: str, faults: bool = False) -> None:
        self.content = tmp_path / "content"
        shutil.copytree(SITES / "basic", self.content)
        self.output = tmp_path / "output"
        self.log = tmp_path / "serve.log"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PYTHONUNBUFFERED"] = "1"
        program = [str(Path(__file__).resolve())] if faults else ["-m", "generator"]
        command = [sys.executable, *program, "serve", "--content", str(self.content)]
        command += ["--output", str(self.output), "--cache-dir", str(tmp_path / "cache")]
        command += ["--port", str(self.port), "--now", now, *options]
        with self.log.open("wb") as log:
            # A session of its own, as a terminal gives it: Ctrl+C reaches the preview and its builder.
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def output_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def describe(self) -> str:
        return f"server output:\n{self.output_text() or '(none)'}"

    def wait_until_up(self, path: str) -> None:
        """Wait until PATH answers HTTP 200 (the first build is done and the port listens)."""
        deadline = time.monotonic() + START_TIMEOUT
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"serve exited with {self.process.returncode} before answering\n{self.describe()}"
                )
            try:
                status, _ = fetch(self.url(path))
            except OSError as error:
                last = str(error)
            else:
                if status == 200:
                    return
                last = f"HTTP {status}"
            time.sleep(0.1)
        pytest.fail(f"serve did not answer HTTP 200 within {START_TIMEOUT:.0f} s ({last})\n{self.describe()}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def page(self, path: str) -> str:
        """The body of PATH as served now (whatever the status)."""
        return fetch(self.url(path))[1]

    def builders(self) -> set[int]:
        """The processes the preview has started (its builder), by process id."""
        return children(self.process.pid)

    def stop(self) -> None:
        """Stop the preview as Ctrl+C in its terminal would (the builder gets the signal too: at
        its low priority, a build it was making could take long to end on a busy machine), then
        wait for every process it started to end."""
        started = descendants(self.process.pid)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        assert_all_ended(started | descendants(self.process.pid), "the preview")


def faulty_serve() -> None:
    """`serve` (or, with `builder`, its background builder) whose checks or builds raise while
    the content folder holds CHECK_FAULT or BUILD_FAULT."""
    sys.path.insert(0, str(ROOT))
    import generator.build

    real_check, real_build = generator.build.check, generator.build.build_as_asked

    def check(content: Path, *args: object, **kwargs: object) -> object:
        if (Path(content) / CHECK_FAULT).exists():
            raise RuntimeError(FAULT)
        return real_check(content, *args, **kwargs)  # type: ignore[arg-type]

    def build_as_asked(args: object, *rest: object, **kwargs: object) -> object:
        if (Path(args.content) / BUILD_FAULT).exists():  # type: ignore[attr-defined]
            raise RuntimeError(FAULT)
        return real_build(args, *rest, **kwargs)  # type: ignore[arg-type]

    if sys.argv[1:] == ["builder"]:
        generator.build.build_as_asked = build_as_asked  # type: ignore[assignment]
        runpy.run_module("generator.preview.output_refresh", run_name="__main__", alter_sys=True)
        return
    import generator.preview.server
    from generator.__main__ import main
    from generator.preview.output_refresh import OutputRefresher

    generator.preview.server.check = check  # type: ignore[assignment]
    OutputRefresher.command = (sys.executable, str(Path(__file__).resolve()), "builder")
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    faulty_serve()
