"""The pipeline: load -> validate -> link translations -> plan -> render -> write."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .cache import RenderCache
from .clock import in_timezone
from .errors import Report
from .history import change_order
from .i18n import load_translations
from .loader import load_assets, load_content
from .models import Content
from .pages import PlannedPage, plan_site
from .parallel import parallel_map
from .render import Renderer
from .search import index_site
from .translations import report_translations
from .validate import validate_content
from .write import write_site

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class Outcome:
    """What a check or build found and did."""

    report: Report = field(default_factory=Report)
    content: Content | None = None
    pages: list[PlannedPage] = field(default_factory=list)
    now: datetime | None = None
    translations: dict[str, gettext.NullTranslations] = field(default_factory=dict)
    changes: dict[Path, int] | None = None  # the content's git history, see history.py
    files_rendered: int = 0
    files_written: int = 0

    def failed(self, strict: bool) -> bool:
        return bool(self.report.errors(strict=strict)) or self.content is None


def check(content_dir: Path, now: datetime, templates: Path = TEMPLATES) -> Outcome:
    """Everything but rendering and writing: all content problems of the tree."""
    outcome = Outcome()
    report = outcome.report
    content = validate_content(load_content(content_dir, report), report)
    if content is None:
        return outcome
    outcome.changes = change_order(content_dir)
    report_translations(content, outcome.changes, report)
    translations = load_translations(templates / "locale", content.site, report)
    outcome.now = in_timezone(now, content.site.timezone)
    assets = load_assets(templates / "static")
    outcome.pages = plan_site(content, outcome.now, translations, report, assets)
    outcome.content = content
    outcome.translations = translations
    return outcome


def build(
    content_dir: Path,
    output: Path,
    now: datetime,
    *,
    strict: bool = False,
    templates: Path = TEMPLATES,
    search: bool = True,
    cache_dir: Path | None = None,
) -> Outcome:
    """Check, then render every page and swap the new site in; nothing is written on failure.

    With a `cache_dir`, pages whose inputs did not change since the last build into the
    same output folder are carried over instead of rendered (see cache.py)."""
    outcome = check(content_dir, now, templates)
    if outcome.failed(strict) or outcome.content is None:
        return outcome
    pages = outcome.pages
    cache = RenderCache(cache_dir, output, templates) if cache_dir is not None else None
    unchanged = cache.carry_over(pages) if cache else {}
    to_render = [page for page in pages if page.route.path not in unchanged]
    renderer = Renderer(templates, outcome.content.site, outcome.translations)
    rendered = parallel_map(lambda index: renderer.render(to_render[index]), len(to_render))
    made: dict[str, bytes | Path] = dict(unchanged)
    made.update((page.route.path, data) for page, data in zip(to_render, rendered, strict=True))
    files = [(page.route.path, made[page.route.path]) for page in pages]
    outcome.files_written = write_site(files, output, index_site if search else None)
    outcome.files_rendered = len(to_render)
    if cache:
        cache.save()
    return outcome
