"""The pipeline: load -> validate -> link translations -> plan -> render -> write."""

from __future__ import annotations

import argparse
import gc
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .common.clock import build_clock, in_timezone
from .common.problems import Report
from .common.worker_pool import parallel_map
from .content.bundle_cache import BundleCache, load_and_validate
from .content.loader import load_assets
from .content.models import Content
from .content.translation_status import change_order, report_translations
from .plan.site_plan import SitePlan
from .publish.output_claim import claim_cache, claim_output
from .publish.render_cache import RenderCache
from .publish.search_index import SearchIndex, SearchPage
from .publish.staged_site import StagedSite, address_problems, check_paths
from .site.i18n import load_translations
from .site.render import Renderer
from .site.routes import INDEX_FOLDER

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class Outcome:
    """What a check or build found and did."""

    report: Report = field(default_factory=Report)
    content: Content | None = None
    # With errors, the vacancies and pages that have none (what `check` can still say something of).
    valid_part: Content | None = None
    plan: SitePlan | None = None
    now: datetime | None = None
    translations: dict[str, gettext.NullTranslations] = field(default_factory=dict)
    changes: dict[Path, int] | None = None  # the content's git history, see content/translation_status.py
    files_rendered: int = 0
    files_written: int = 0

    def failed(self, strict: bool) -> bool:
        return bool(self.report.errors(strict=strict)) or self.content is None


@contextmanager
def _loading() -> Iterator[None]:
    """Loading makes millions of objects that live until the end and no garbage cycles,
    so Python's cycle collector would only walk them again and again: it waits. After,
    they are frozen, so that later collections, and the forked workers, leave them be."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def check(
    content_dir: Path, now: datetime, templates: Path = TEMPLATES, bundles: BundleCache | None = None
) -> Outcome:
    """Everything but rendering and writing: all content problems of the tree. Bundles
    that `bundles` has seen unchanged are not read again."""
    outcome = Outcome()
    report = outcome.report
    with _loading():
        loaded = load_and_validate(content_dir, report, bundles)
    outcome.valid_part = loaded.valid_part
    if loaded.valid_part is not None:
        outcome.changes = change_order(content_dir)
    content = loaded.content
    if content is None:
        return outcome
    report_translations(content, outcome.changes, report)
    translations = load_translations(templates / "locale", content.site, report)
    outcome.now = in_timezone(now, content.site.timezone)
    assets = load_assets(templates / "static", report)
    outcome.plan = SitePlan(content, outcome.now, translations, report, assets)
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
    bundles: BundleCache | None = None,
    force: bool = False,
) -> Outcome:
    """Check, then render every page and swap the new site in; nothing is written on failure.

    The output and cache folders are claimed first (publish/output_claim.py): a folder no
    build may write is refused with a UsageError before anything is read or written.
    With a `cache_dir`, pages whose inputs did not change since the last build into the
    same output folder are carried over instead of rendered (see publish/render_cache.py),
    and bundles whose files did not change are not read again (see content/bundle_cache.py);
    a preview passes its own `bundles`, kept in memory between builds."""
    claim = claim_output(output, content=content_dir, templates=templates, force=force)
    if cache_dir is not None:
        claim_cache(cache_dir, output=output, content=content_dir, templates=templates, force=force)
    bundles = bundles or (BundleCache(cache_dir) if cache_dir is not None else None)
    outcome = check(content_dir, now, templates, bundles)
    if outcome.failed(strict) or outcome.content is None or outcome.plan is None:
        return outcome
    plan, routes = outcome.plan, outcome.plan.routes
    check_paths(route.path for route in routes)
    for source, message, hint in address_problems(((r.path, r.source) for r in routes), output):
        outcome.report.error(source, None, message, hint)
    if outcome.failed(strict):
        return outcome
    cache = RenderCache(cache_dir, output, templates) if cache_dir is not None else None
    renderer = Renderer(templates, outcome.content.site, outcome.translations)
    with StagedSite(output, cache.generations if cache else None, claim.set_aside) as staged:

        def make(index: int) -> tuple[str, bool]:
            """Plan, render and write one page (in a worker): its key, and whether it was rendered."""
            route = routes[index]
            key, page = cache.key(plan, route) if cache else ("", None)
            previous = cache.previous(route.path, key) if cache else None
            if previous is not None:
                staged.put(route.path, previous, route.source)
                return key, False
            staged.put(route.path, renderer.render(page or plan.page(route)), route.source)
            return key, True

        made = parallel_map(make, len(routes))
        staged.keep_only((route.path for route in routes), leave=INDEX_FOLDER if search else None)
        searched = [
            SearchPage(route.path, route.language, repr(route.key), key)
            for route, (key, _) in zip(routes, made, strict=True)
            if route.language is not None and plan.searchable(route)
        ]
        index = SearchIndex(searched, output, cache.search if cache else {})
        staged.commit(index.write if search else None)
    outcome.files_written = len(routes)
    outcome.files_rendered = sum(rendered for _, rendered in made)
    if cache:
        pages = {route.path: key for route, (key, _) in zip(routes, made, strict=True)}
        cache.save(pages, index.records if search else {})
    return outcome


def build_as_asked(
    args: argparse.Namespace, cache_dir: Path | None, bundles: BundleCache | None = None
) -> Outcome:
    """`build` with the options `build` and `serve` share on the command line."""
    return build(
        args.content,
        args.output,
        build_clock(args.now),
        strict=args.strict,
        templates=args.templates,
        search=args.search,
        cache_dir=cache_dir,
        bundles=bundles,
        force=args.force,
    )
