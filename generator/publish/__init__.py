"""The output folder: which folders a build may write, the pages rendered again only
when their inputs changed, the search index, and the staged site swapped in whole.

  output_claim.py   which folders a build may write, decided before anything is touched
  render_cache.py   page keys: a page whose inputs did not change is not rendered again
  staged_site.py    write the whole site into a sibling folder, then swap it in
  search_index.py   Pagefind over the staged site, in shards, carried over when unchanged

May import: `common`, `content`, `site`, `outputs`, `plan`.
"""
