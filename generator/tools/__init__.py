"""The editors' commands beyond `build`: each reads the content or a built site and
reports, or writes only what it is asked to make.

  scaffold.py          `new`: a vacancy, internship or page folder with every field explained
  schemas.py           `schemas`: the JSON Schemas of the YAML files (schema_values.py: pieces)
  problem_formats.py   `check --format`: GitHub annotations, JSON, a Markdown job summary
  site_diff.py         `diff OLD NEW`: what a change does to the built site
  link_check.py        `links OUTPUT`: every link of a built site leads to a built file
  notice_import/       `import`: a published notice -> a new bundle, one module per stage

May import: `common`, `content`, `site`, `outputs`, `plan`, `publish`, `build`.
"""
