"""`import FILE...`: a published vacancy notice -> a new bundle `vacancies/REF/`.

The stages, one module each:
  read.py       a file (.txt, .docx, .html) -> lines of plain text (a form feed: a page break)
  html_text.py  HTML -> lines, keeping paragraphs, list items and headings apart
  layout.py     a PDF's lines -> without page numbers and running headers, split titles joined
  split.py      lines -> one `NoticePart` per language: header lines, title, sections
  blocks.py     a section's lines -> headings, list items and re-flowed paragraphs
  hyphens.py    two lines -> one, keeping a hyphen at the line end only in a compound
  facts.py      a part's text -> the facts of vacancy.yaml (deadline, salary, grade...)
  places.py     "Belgium-Brussels" -> the city in each language and the country code
  conditions.py the closing sections -> who may apply, what appointment is subject to
  assemble.py   a notice's facts -> fact lines (found, or placeholders marked CHECK) and words
  bundle.py     fact lines and words -> the text of vacancy.yaml and LANG.md
  command.py    the command: read, split, refuse what is no notice, assemble, refuse to
                overwrite, write, check

May import: what `tools` may import.
"""
