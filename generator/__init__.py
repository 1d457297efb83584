"""A static-site generator for bilingual careers sites: load, validate, link, plan, render, write."""
