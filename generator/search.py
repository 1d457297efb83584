"""Full-text search: index the built site with Pagefind, before it is swapped in.

Pagefind reads each page's `lang` and builds one index per language, with that
language's stemming; only the parts marked `data-pagefind-body` are indexed
(vacancies and content pages, not menus and lists).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

INDEX_FOLDER = "pagefind"


class SearchIndexError(Exception):
    pass


def index_site(folder: Path) -> None:
    """Write the search index into `folder`/pagefind."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise SearchIndexError(f"Pagefind is not installed ({error}); pip install -e .") from None
    try:
        result = subprocess.run(
            [str(get_executable()), "--site", str(folder), "--output-subdir", INDEX_FOLDER, "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise SearchIndexError(f"Pagefind could not run: {error}") from None
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {(result.stderr or result.stdout).strip()}")
    _sort_entry(folder / INDEX_FOLDER / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages in no fixed order: sort them, so that builds are reproducible."""
    if entry.is_file():
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), "utf-8")
