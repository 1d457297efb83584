"""`python -m generator serve` as a process of its own, for the tests that talk to it over HTTP
(test_serve_http.py with raw requests, test_serve_browser.py in Chromium)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SITES

START_TIMEOUT = 15.0  # seconds for the server to build the site and answer


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

    def __init__(self, tmp_path: Path, now: str, *options: str) -> None:
        self.content = tmp_path / "content"
        shutil.copytree(SITES / "basic", self.content)
        self.output = tmp_path / "output"
        self.log = tmp_path / "serve.log"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PYTHONUNBUFFERED"] = "1"
        command = [sys.executable, "-m", "generator", "serve", "--content", str(self.content)]
        command += ["--output", str(self.output), "--cache-dir", str(tmp_path / "cache")]
        command += ["--port", str(self.port), "--now", now, *options]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

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

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
