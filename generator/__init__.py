"""A static-site generator for bilingual careers sites: load, validate, link, plan, render, write.

One room per stage, lowest first: common, content, site, outputs, plan, publish; then
build.py (the pipeline), preview and tools, and __main__.py (the command line).
docs/architecture.md says which room to open for which change.
"""
