"""A section's lines -> Markdown blocks: `###` sub-headings, lists and re-flowed paragraphs.

Text copied from a PDF breaks sentences and list items across lines, blank lines and
pages, hyphenates words at line ends (hyphens.py decides which hyphens stay), and
loses the blank line around a sub-heading. Each line is read in turn and either goes
on with the block before it or starts a new one:

- A bullet ("-", "•", "", "1.", "a)"), or a bullet alone on its line and its text on
  the next, starts a list item; items that follow one another make one list, across
  blank lines and pages.
- A line goes on with the item or paragraph before it when that one has not ended:
  always when the line starts with a small letter (no new paragraph does); after a
  page break, when the text before does not end a sentence; after a blank line, when
  it does not end a sentence and is long (a wrapped line, or twelve words or more);
  on the next line, unless the text before ends a sentence and the line is much
  shorter than the others (a paragraph's last), or starts with a capital in a list or
  in a notice written one line per paragraph.
- A short line in capitals ("DESIRABLE") never goes on with the text before it.
- A short line without closing punctuation or a label's colon ("Expertise Development",
  not "Direct reports: n/a") is a sub-heading when the text before it ended a sentence
  and the text after it starts a new one.
- A line in a list of "Label: words." items, right after one, that has the same shape
  and ends where the list does (before a blank line, a page break, a bullet or the
  section's end) is an item whose bullet the copy lost.

Text is plain: characters that Markdown would read as formatting are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .hyphens import join_lines
from .read import PAGE_BREAK

_MARKS = r"[-•*·▪◦‣–—➢►✓■\uf0b7\uf0a7\uf0d8]"
_BULLET = re.compile(rf"^(?:{_MARKS}|\d{{1,2}}[.)]|[a-z][.)])\s*(?<=\s|[\uf0b7\uf0a7\uf0d8•■▪])(?=\S)")
_MARK_ALONE = re.compile(rf"^(?:{_MARKS}|\d{{1,2}}[.)]|[a-z][.)])$")
_NUMBERED = re.compile(r"^(\d{1,2})[.)](?:\s+|$)")
_TERMINAL = (".", "!", "?", ";", ":", "»", '"', "”", ")")
_LABEL_COLON = re.compile(r"\S\s?:(?:\s|$)")
_LABELLED_ITEM = re.compile(r"^[^\s:][^:]{1,60}?\s?:\s+\S")
_CAPITALS = re.compile(r"^[^\Wa-zà-ÿ\d_][^a-zà-ÿ]*$")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_SPECIAL = re.compile(r"^(\d+)([.)])(\s)|^([#+\-=>])")
WIDE_LINES = 120  # lines longer than this were not wrapped: each one is a paragraph
WRAP = 78
_ACRONYMS = {"NATO", "OTAN", "IS", "SI", "DCB", "IMS", "EMI", "UN", "ONU", "EU", "UE", "IT", "TI"}


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "list"
    lines: tuple[str, ...]  # one for a heading or paragraph; one per item for a list
    ordered: bool = False


@dataclass(frozen=True)
class Measure:
    """How a notice's lines were laid out: its full line width, and whether lines were wrapped."""

    width: int
    wide: bool  # one line per paragraph (a web page's copy), not wrapped at a width


def measure_of(lines: Iterable[str]) -> Measure:
    """The measure of these lines: wide when one in ten (and at least one) is longer than WIDE_LINES."""
    lengths = [len(line) for line in lines if line and line != PAGE_BREAK]
    long = sum(1 for length in lengths if length > WIDE_LINES)
    return Measure(max(lengths, default=0), long >= max(1, len(lengths) // 10))


def sentence_case(text: str) -> str:
    """ "MAIN ACCOUNTABILITIES" -> "Main accountabilities"; mixed-case text is kept as written."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    words = [word if word.strip("(),") in _ACRONYMS else word.lower() for word in text.split()]
    result = " ".join(words)
    return result[:1].upper() + result[1:]


@dataclass
class _Open:
    """A block being read: a heading, a paragraph (one text) or a list (one text per item)."""

    kind: str
    texts: list[str]
    ordered: bool = False
    last_line: int = 0  # the length of the last line read into it


def section_blocks(lines: list[str], vocabulary: set[str], measure: Measure | None = None) -> list[Block]:
    """The blocks of one section (PAGE_BREAK lines mark where its pages end)."""
    reader = _Reader(vocabulary, measure or measure_of(lines))
    for index, line in enumerate(lines):
        following = next((later for later in lines[index + 1 :] if later and later != PAGE_BREAK), None)
        reader.read(line, following, lines[index + 1] if index + 1 < len(lines) else "")
    return [Block(block.kind, tuple(block.texts), block.ordered) for block in reader.blocks]


class _Reader:
    def __init__(self, vocabulary: set[str], measure: Measure) -> None:
        self.vocabulary = vocabulary
        self.measure = measure
        self.blocks: list[_Open] = []
        self.gap = ""  # what came between the last text line and this one: "", "blank" or "page"
        self.marker: bool | None = None  # a bullet alone on its line (numbered?): its text is next

    def read(self, line: str, following: str | None, after: str) -> None:
        """Read LINE; FOLLOWING is the next line with text, AFTER the very next one ("" at the end)."""
        if line == PAGE_BREAK:
            self.gap = "page"
        elif not line:
            self.gap = self.gap or "blank"
        else:
            self._text(line, following, after)
            self.gap = ""

    def _text(self, line: str, following: str | None, after: str) -> None:
        last = self.blocks[-1] if self.blocks else None
        if _MARK_ALONE.match(line):
            self.marker = bool(_NUMBERED.match(line))
            return
        bullet = _BULLET.match(line)
        if self.marker is not None or bullet:
            ordered = self.marker if self.marker is not None else bool(_NUMBERED.match(line))
            self.marker = None
            self._item(line[bullet.end() :] if bullet else line, ordered, last)
        elif last and last.kind == "list" and self._goes_on(last, line):
            self._join(last, line)
        elif last and last.kind == "list" and self._lost_bullet(last, line, after):
            self._item(line, last.ordered, last)
        elif self._is_heading(line, last, following):
            self.blocks.append(_Open("heading", [sentence_case(line)]))
        elif last and last.kind == "paragraph" and self._goes_on(last, line):
            self._join(last, line)
        else:
            self.blocks.append(_Open("paragraph", [line], last_line=len(line)))

    def _item(self, text: str, ordered: bool, last: _Open | None) -> None:
        if last and last.kind == "list" and last.ordered == ordered:
            last.texts.append(text)
            last.last_line = len(text)
        else:
            self.blocks.append(_Open("list", [text], ordered, len(text)))

    def _join(self, block: _Open, line: str) -> None:
        block.texts[-1] = join_lines(block.texts[-1], line, self.vocabulary)
        block.last_line = len(line)

    def _goes_on(self, block: _Open, line: str) -> bool:
        """Whether LINE goes on with the item or paragraph BLOCK ends with."""
        text, width, wide = block.texts[-1], self.measure.width, self.measure.wide
        if line[:1].islower():
            return True
        if _is_capitals_heading(line):
            return False
        ends = text.endswith(_TERMINAL)
        if self.gap == "page":
            return not ends
        if self.gap == "blank":
            return not ends and (len(text.split()) >= 12 or (not wide and block.last_line >= 0.75 * width))
        if not ends:
            return True
        if block.kind == "list" or wide:
            return not wide and not line[:1].isupper()
        return block.last_line >= 0.75 * width and not (line[:1].isupper() and text.endswith(":"))

    def _lost_bullet(self, block: _Open, line: str, after: str) -> bool:
        """Whether LINE is an item of the list BLOCK whose bullet the copy lost: one line, right
        after the list, that ends where the list does (a blank line, a page, a bullet, the end)."""
        return (
            self.gap == ""
            and (not after or after == PAGE_BREAK or bool(_BULLET.match(after) or _MARK_ALONE.match(after)))
            and len(block.texts) >= 2
            and block.texts[-1].endswith(_TERMINAL)
            and line[:1].isupper()
            and all(_LABELLED_ITEM.match(text) for text in (*block.texts, line))
        )

    def _is_heading(self, line: str, last: _Open | None, following: str | None) -> bool:
        if not _heading_shape(line) or following is None or following[:1].islower():
            return False
        if last is None or last.kind == "heading" or _is_capitals_heading(line):
            return True
        return last.texts[-1].endswith(_TERMINAL)


def _heading_shape(line: str) -> bool:
    """Short, starting with a capital, no closing punctuation, no label's colon."""
    return (
        len(line) <= 60
        and len(line.split()) <= 8
        and line[:1].isupper()
        and not line.endswith((*_TERMINAL, ","))
        and not _LABEL_COLON.search(line)
    )


def _is_capitals_heading(line: str) -> bool:
    """ "DESIRABLE", "ACQUIS SOUHAITABLES": short, in capitals, with a word of five letters or more."""
    return (
        _heading_shape(line)
        and bool(_CAPITALS.match(line))
        and any(sum(c.isalpha() for c in word) >= 5 for word in line.split())
    )


def escape(text: str) -> str:
    """Plain text that Markdown shows as typed: formatting characters escaped."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}" if m[1] else f"\\{m[4]}", text)


def wrap(text: str, width: int = WRAP, indent: str = "") -> str:
    """Lines of at most `width` characters, never starting one with a Markdown marker."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        risky = bool(re.match(r"^(?:[-+*#>=|]|\d+[.)]$|[»:;!?]+[.,;)]*$)", word)) or current.endswith("«")
        if current and len(current) + 1 + len(word) > width and not risky:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return f"\n{indent}".join(lines)


def markdown(blocks: list[Block]) -> str:
    """The blocks as Markdown, headings at `###` (the section is the `##`)."""
    out = []
    for block in blocks:
        if block.kind == "heading":
            out.append(f"### {escape(block.lines[0])}")
        elif block.kind == "paragraph":
            out.append(wrap(escape(block.lines[0])))
        else:
            marks = [f"{n}." if block.ordered else "-" for n in range(1, len(block.lines) + 1)]
            out.append(
                "\n".join(
                    f"{m} {wrap(escape(item), indent=' ' * (len(m) + 1))}"
                    for m, item in zip(marks, block.lines, strict=True)
                )
            )
    return "\n\n".join(out)
