"""The pages outside any language: the language chooser, the bilingual 404, the sitemap,
robots.txt and the host's configuration files (pure)."""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Mapping
from typing import Any

from ..content.models import Site
from ..site.host_files import CONTENT_SECURITY_POLICY
from ..site.i18n import autonym
from ..site.planned_page import PlannedPage
from ..site.routes import Key, LanguageLink, Route, RouteTable


def sitemap_page(route: Route, listed: Iterable[Route], site: Site, table: RouteTable) -> PlannedPage:
    """sitemap.xml: the `listed` pages, each with its alternates in the other languages."""
    urls = table.urls
    listed = list(listed)
    in_sitemap: dict[Key, dict[str, Route]] = {}
    for listed_route in listed:
        assert listed_route.language is not None
        in_sitemap.setdefault(listed_route.key, {})[listed_route.language] = listed_route
    entries = [
        {
            "loc": urls.absolute(r.path),
            "alternates": [(lang, urls.absolute(alt.path)) for lang, alt in in_sitemap[r.key].items()],
        }
        for r in listed
    ]
    context = {"entries": entries, "x_default": site.base_url}  # the language chooser
    return PlannedPage(route, "sitemap.xml", context, in_sitemap=False)


def root_page(
    route: Route,
    site: Site,
    table: RouteTable,
    translations: dict[str, gettext.NullTranslations],
    asset_urls: Mapping[str, str],
) -> PlannedPage:
    """robots.txt, a host's file, the language chooser or the bilingual 404."""
    urls, by_key, key = table.urls, table.by_key, route.key
    context: dict[str, Any]
    if key == ("robots",):
        context = {"sitemap_url": urls.absolute("sitemap.xml")}
        return PlannedPage(route, "robots.txt", context, in_sitemap=False)
    if key[0] == "hosting":
        context = {
            "base_path": urls.base_path,
            "csp": CONTENT_SECURITY_POLICY,
            "language_codes": site.languages,
        }
        return PlannedPage(route, f"hosting/{key[1]}", context, in_sitemap=False)
    homes = [
        LanguageLink(
            lang,
            autonym(lang),
            urls.href(by_key[("home",)][lang].path),
            urls.absolute(by_key[("home",)][lang].path),
            True,
            translations[lang].gettext("There is no page at this address. Go to the home page:"),
            site.locale(lang),
        )
        for lang in site.languages
    ]
    root_context = {"site": site, "languages": homes, "assets": asset_urls}
    if key == ("root",):
        return PlannedPage(route, "chooser.html", {**root_context, "canonical": site.base_url})
    return PlannedPage(route, "root-404.html", root_context, in_sitemap=False)
