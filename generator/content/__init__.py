"""Reading and checking the editors' files: the content tree -> `Content`, every
problem collected with its file and line.

  loader.py              content/ -> raw bundles (parsed YAML, Markdown text, line numbers)
  yaml_source.py         safe YAML that remembers the line of each key
  typed_fields.py        one YAML mapping read field by field: types, "did you mean", hints
  settings.py            site.yaml and salary-scale.yaml -> Site and SalaryScale
  language_files.py      each LANG.md: front matter and body checked -> Words
  placeholders.py        what `new` and `import` leave for an editor to replace, found again
  markdown.py            the one configured Markdown renderer (raw HTML off, safe links)
  french_typography.py   no-break spaces and apostrophes in French text
  validate.py            a raw bundle -> a Vacancy or a Page; the whole site -> Content
  models.py              the validated site as frozen values
  bundle_cache.py        load and validate bundle by bundle, in parallel, only what changed
  translation_status.py  which languages each item has, which are missing or stale (git's history)

May import: `common`.
"""
