"""A section's lines -> Markdown blocks: `###` sub-headings, lists and re-flowed paragraphs.

Text copied from a PDF breaks sentences across lines, hyphenates words at line ends
and sometimes cuts a paragraph at a page break. Lines are joined into paragraphs;
a line-end hyphen is dropped when the notice spells the word without it elsewhere
(or nothing says otherwise), and kept when it writes it with one, or when the first
half is a prefix that takes a hyphen (non-, self-, co-...). Text is plain: characters
that Markdown would read as formatting are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_BULLET = re.compile(r"^(?:[-•*·▪◦‣–—➢►✓\uf0b7\uf0a7]|\d{1,2}[.)]|[a-z][.)])\s*(?<=\s|[\uf0b7\uf0a7•])(?=\S)")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+")
_TERMINAL = (".", "!", "?", ";", ":", "»", '"', "”", ")")
_HYPHENATED = re.compile(r"(\w+)-$")
_KEEP_HYPHEN_AFTER = {
    "non", "self", "co", "ex", "cross", "well", "full", "part", "long", "short", "high", "low",
    "multi", "anti", "semi", "post", "pre", "sous", "vice", "demi", "mi", "socio", "politico",
    "e", "up", "follow", "decision", "year", "day", "time", "one", "two", "three",
}  # fmt: skip
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


def words_of(lines: Iterable[str]) -> set[str]:
    """Every word of a notice, lower-cased: the vocabulary that decides line-end hyphens."""
    return {word.lower() for line in lines for word in re.findall(r"[\w]+(?:-[\w]+)*", line)}


def join_lines(first: str, second: str, vocabulary: set[str]) -> str:
    """Two lines of one paragraph as one, mending a word hyphenated at the line end."""
    match = _HYPHENATED.search(first)
    if not match or not second[:1].islower() or first.endswith("--"):
        return f"{first} {second}"
    head = match.group(1)
    tail = re.match(r"[\w]+", second)
    rest = tail.group(0) if tail else ""
    hyphenated = f"{head}-{rest}".lower()
    whole = f"{head}{rest}".lower()
    keep = hyphenated in vocabulary or (
        whole not in vocabulary and (head.lower() in _KEEP_HYPHEN_AFTER or any(c.isdigit() for c in head))
    )
    return f"{first}{second}" if keep else f"{first[:-1]}{second}"


def sentence_case(text: str) -> str:
    """ "MAIN ACCOUNTABILITIES" -> "Main accountabilities"; mixed-case text is kept as written."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    words = [word if word.strip("(),") in _ACRONYMS else word.lower() for word in text.split()]
    result = " ".join(words)
    return result[:1].upper() + result[1:]


def _is_subheading(group: list[str]) -> bool:
    if len(group) != 1 or _BULLET.match(group[0]):
        return False
    line = group[0]
    return len(line) <= 60 and len(line.split()) <= 8 and not line.endswith((*_TERMINAL, ","))


def _paragraphs(group: list[str], vocabulary: set[str]) -> list[Block]:
    """Lines without a blank between them: list items and paragraphs, re-flowed."""
    blocks: list[Block] = []
    wide = max(len(line) for line in group) > WIDE_LINES
    width = max(len(line) for line in group)
    current: list[str] = []
    items: list[str] = []
    ordered = False

    def close_paragraph() -> None:
        if current:
            text = current[0]
            for line in current[1:]:
                text = join_lines(text, line, vocabulary)
            blocks.append(Block("paragraph", (text,)))
            current.clear()

    def close_list() -> None:
        if items:
            blocks.append(Block("list", tuple(items), ordered))
            items.clear()

    for line in group:
        bullet = _BULLET.match(line)
        if bullet:
            close_paragraph()
            if not items:
                ordered = bool(_NUMBERED.match(line))
            items.append(line[bullet.end() :])
        elif items and not (items[-1].endswith(_TERMINAL) and (wide or line[:1].isupper())):
            items[-1] = join_lines(items[-1], line, vocabulary)
        else:
            close_list()
            if current and _ends_paragraph(current[-1], line, wide, width):
                close_paragraph()
            current.append(line)
    close_paragraph()
    close_list()
    return blocks


def _ends_paragraph(previous: str, line: str, wide: bool, width: int) -> bool:
    if not previous.endswith(_TERMINAL):
        return False
    return wide or len(previous) < 0.75 * width or (line[:1].isupper() and previous.endswith(":"))


def section_blocks(lines: list[str], vocabulary: set[str]) -> list[Block]:
    """The blocks of one section, with paragraphs cut at a page break joined again."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    blocks: list[Block] = []
    for group in (g for g in groups if g):
        if _is_subheading(group) and not _continues(blocks, group[0]):
            blocks.append(Block("heading", (sentence_case(group[0]),)))
            continue
        for block in _paragraphs(group, vocabulary):
            if block.kind == "paragraph" and _continues(blocks, block.lines[0]):
                joined = join_lines(blocks[-1].lines[0], block.lines[0], vocabulary)
                blocks[-1] = Block("paragraph", (joined,))
            elif (
                block.kind == "list"
                and blocks
                and (blocks[-1].kind, blocks[-1].ordered) == ("list", block.ordered)
            ):
                blocks[-1] = Block("list", blocks[-1].lines + block.lines, block.ordered)  # items set apart
            else:
                blocks.append(block)
    if blocks and blocks[-1].kind == "heading":
        blocks[-1] = Block("paragraph", blocks[-1].lines)
    return blocks


def _continues(blocks: list[Block], text: str) -> bool:
    """Whether `text` goes on with the paragraph before it (cut by a page break)."""
    if not blocks or blocks[-1].kind != "paragraph":
        return False
    previous = blocks[-1].lines[0]
    if previous.endswith((*_TERMINAL, ",")) and not previous.endswith(","):
        return False
    return text[:1].islower() or len(previous.split()) >= 12


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
        risky = bool(re.match(r"^(?:[-+*#>=|]|\d+[.)]$|[»:;!?]+[.,;]?$)", word)) or current.endswith("«")
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
