"""A planned page: where it goes, and the template and context that make it, or its bytes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .routes import Route


@dataclass(frozen=True)
class PlannedPage:
    route: Route
    template: str  # "" when `content` is given
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    content: bytes | None = None  # already made (static files), not rendered from a template
    make: Callable[[], bytes] | None = None  # makes the bytes (feeds, data) when it is rendered
    # The part of `context` every page of its language shares (the render cache hashes it once).
    shared: Mapping[str, Any] | None = None


def made_page(route: Route, make: Callable[..., bytes], *inputs: Any) -> PlannedPage:
    """A page made by a function (a feed, the data), when it is rendered; its inputs stand as
    its context, which is what the render cache hashes."""
    return PlannedPage(route, "", {"inputs": inputs}, in_sitemap=False, make=lambda: make(*inputs))
