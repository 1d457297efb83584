"""`import FILE...`: a published vacancy notice -> a new bundle `vacancies/REF/`.

The stages, one module each:
  read.py      a file (.txt, .docx, .html) -> lines of plain text
  html_text.py HTML -> lines, keeping paragraphs, list items and headings apart
  split.py     lines -> one `NoticePart` per language: header lines, title, sections
  blocks.py    a section's lines -> headings, list items and re-flowed paragraphs
  facts.py     a part's text -> the facts of vacancy.yaml (deadline, salary, grade...)
  places.py    "Belgium-Brussels" -> the city in each language and the country code
  assemble.py  a notice's facts -> fact lines (found, or placeholders marked CHECK) and words
  bundle.py    fact lines and words -> the text of vacancy.yaml and LANG.md
  command.py   the command: read, split, assemble, refuse to overwrite, write, check

May import: what `tools` may import.
"""
