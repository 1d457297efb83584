"""What a page of one language shows and where it lives: addresses, views of the
models, interface strings and locale formatting, and the Jinja rendering of one page.
All of it pure but the reading of catalogs and templates.

  routes.py            every page's address by key, collisions, the language switch
  planned_page.py      PlannedPage: a route with its template and context, or its bytes
  vacancy_views.py     what a language shows of a vacancy, filter choices, grade rows
  language_context.py  what every page of one language shares (menus, lists, feeds)
  i18n.py              gettext catalogs and Babel formatting (dates, money, time left)
  catalog_text.py      a translation is text, never markup; French catalogs in French typography
  template_i18n.py     interface strings translated when a template is compiled
  render.py            the Jinja environment of one language, rendering one planned page
  hyphenation.py       soft hyphens in the long words of visible headings (Pyphen)
  host_files.py        what static hosts read: security headers, caching, host file names

May import: `common`, `content`.
"""
