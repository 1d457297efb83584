"""The plan of the whole site: `Content` -> `SitePlan`, every page's address at once and
what it shows when asked, the pages of each language and those outside any language.

  site_plan.py   SitePlan: each language's pages, feeds and data, the search page
  root_pages.py  the language chooser, the bilingual 404, sitemap.xml, robots.txt, host files

May import: `common`, `content`, `site`, `outputs`.
"""
