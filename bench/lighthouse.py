"""Lighthouse on every page type of the shipped site, in both languages, as a phone sees it.

    python bench/lighthouse.py [--no-readme]      (or: make lighthouse)

Builds the shipped content as of 2024-11-01 (vacancy 241490 open) into
bench/work/lighthouse/, serves it on loopback, and runs Lighthouse (npm, in
bench/node_modules; `make lighthouse` installs it) with its default mobile
emulation in Debian's Chromium on each page. Prints a table of the four category
scores and the cumulative layout shift, and puts it between `<!-- lighthouse -->`
and `<!-- /lighthouse -->` in bench/README.md. Targets: every score at least 95,
layout shift at most 0.1; the exit code is 1 when one is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work" / "lighthouse"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NOW = "2024-11-01"
MIN_SCORE = 95
MAX_LAYOUT_SHIFT = 0.1
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
# (page type, English path, French path)
PAGES = [
    ("home", "/en/", "/fr/"),
    ("vacancy list", "/en/vacancies/", "/fr/postes-vacants/"),
    ("vacancy", "/en/vacancies/241490/", "/fr/postes-vacants/241490/"),
    ("archive", "/en/archive/", "/fr/archives/"),
    ("grades", "/en/grades-and-salaries/", "/fr/grades-et-traitements/"),
    ("search", "/en/search/", "/fr/recherche/"),
    ("content page", "/en/internships/", "/fr/stages/"),
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build() -> Path:
    output = WORK / "output"
    command = [sys.executable, "-m", "generator", "build", "--content", str(ROOT / "content")]
    command += ["--output", str(output), "--cache-dir", str(WORK / "cache"), "--now", NOW]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return output


def audit(url: str, report: Path) -> dict[str, float]:
    """The four category scores (0–100) and the cumulative layout shift of one page."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}"]
    command.append(f"--chrome-flags={CHROME_FLAGS}")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    data = json.loads(report.read_text("utf-8"))
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    return {**scores, "cls": data["audits"]["cumulative-layout-shift"]["numericValue"]}


def table(rows: list[tuple[str, str, dict[str, float]]]) -> tuple[str, bool]:
    """The Markdown table, and whether every target is met."""
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"**{date}** · Lighthouse {version}, mobile emulation, Debian's Chromium; the shipped site as of "
        f"`--now {NOW}`. Targets: each score ≥ {MIN_SCORE}, layout shift ≤ {MAX_LAYOUT_SHIFT}.",
        "",
        "| page | language | performance | accessibility | best practices | SEO | layout shift | result |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    met = True
    for page, language, scores in rows:
        ok = all(scores[name] >= MIN_SCORE for name in CATEGORIES) and scores["cls"] <= MAX_LAYOUT_SHIFT
        met = met and ok
        shown = " | ".join(f"{scores[name]:.0f}" for name in CATEGORIES)
        lines.append(f"| {page} | {language} | {shown} | {scores['cls']:.3f} | {'PASS' if ok else 'FAIL'} |")
    return "\n".join(lines), met


def update_readme(text: str) -> None:
    readme = BENCH / "README.md"
    content = readme.read_text("utf-8")
    start, end = "<!-- lighthouse -->", "<!-- /lighthouse -->"
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is not installed at {LIGHTHOUSE}: run `make lighthouse`", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    output = build()
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows: list[tuple[str, str, dict[str, float]]] = []
    try:
        rows.append(("language chooser", "both", audit(f"{base}/", WORK / "root.json")))
        for page, english, french in PAGES:
            for language, path in (("en", english), ("fr", french)):
                report = WORK / f"{page.replace(' ', '-')}-{language}.json"
                rows.append((page, language, audit(base + path, report)))
                print(f"{page} ({language}): {rows[-1][2]}", file=sys.stderr)
    finally:
        server.shutdown()
    text, met = table(rows)
    print(text)
    if not args.no_readme:
        update_readme(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
