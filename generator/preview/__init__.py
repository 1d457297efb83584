"""The live preview (`serve`): the site kept in memory and each page made when a
browser asks for it, behind a guard, with the output folder refreshed behind it.

  server.py          the preview: the site in memory, pages on request, what failed laid over them
  watcher.py         saves seen through inotify (polling while a name is not UTF-8), whatever fails
  request_guard.py   which requests it answers (Host, path), decided first
  http_server.py     livereload's server with the guard in front of every route
  output_refresh.py  a builder process that keeps output/ and its search index up to date

May import: `common`, `content`, `site`, `outputs`, `plan`, `publish`, `build`.
"""
