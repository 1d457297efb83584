"""Lines as copied from a PDF -> the lines the author wrote: page furniture out, page breaks kept.

A PDF's text comes with what every page repeats: its number ("3", "- 3 -", "Page 3
of 5", "3/5") and its running header or footer (a classification, the reference).
They are dropped, and the first line they stood on becomes PAGE_BREAK (so does a
form feed, see read.py), so that blocks.py can join a sentence or a list item that
the page cut. Lines keep their places: a line's index is still its line in the file.

A running header or footer is a short line that is not a sentence (no closing
punctuation), nor a bullet, a section heading or a header fact, and that comes back
word for word: three times or more, or twice when one of them stands next to a page
number.

Two kinds of line that a copy splits are put together again:
- a section's number alone on its line, its heading on the next ("3." / "MAIN
  ACCOUNTABILITIES");
- a title whose reference went to the next line ("...Programme Officer -" / "241490"),
  in any language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .read import PAGE_BREAK

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.)?\s*[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:/|of|sur|de|on)\s*\d{1,3})?$", re.IGNORECASE
)
_SECTION_NUMBER = re.compile(r"^\d{1,2}\s*[.)]$")
_CAPITAL_HEADING = re.compile(r"^[^\Wa-zà-ÿ\d_][^a-zà-ÿ]{2,}$")  # "MAIN ACCOUNTABILITIES", "RÉSUMÉ"
_ENDS_WITH_DASH = re.compile(r"[-–—]$")
_REFERENCE_ALONE = re.compile(r"^[-–—]?\s*\d{4,8}$")
_SENTENCE_END = (".", ";", ":", "!", "?", ",")
_BULLET_START = re.compile(r"^(?:[-•*·▪◦‣–—➢►✓■\uf0b7\uf0a7\uf0d8]|\d{1,2}[.)]\s)")
_FURNITURE_WORDS = 12


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def page_lines(lines: list[str], keep: Callable[[str], bool]) -> list[str]:
    """LINES (already cleaned) with split lines joined and page furniture dropped. A line
    that KEEP accepts (a header fact, a section heading) is never taken for furniture."""
    lines = _joined_section_numbers(_joined_references(list(lines)))
    furniture = _furniture(lines, keep)
    result: list[str] = []
    for index, line in enumerate(lines):
        if index in furniture or line == PAGE_BREAK:
            after_break = bool(result) and (result[-1] == PAGE_BREAK or _only_blank_since_break(result))
            result.append("" if after_break else PAGE_BREAK)
        else:
            result.append(line)
    return result


def _only_blank_since_break(lines: list[str]) -> bool:
    """Whether the lines written since the last page break are all blank (one break, not two)."""
    for line in reversed(lines):
        if line == PAGE_BREAK:
            return True
        if line:
            return False
    return False


def _furniture(lines: list[str], keep: Callable[[str], bool]) -> set[int]:
    numbers = {index for index, line in enumerate(lines) if is_page_number(line)}
    counts = Counter(line for line in lines if _may_repeat_on_pages(line, keep))
    furniture = set(numbers)
    for text, count in counts.items():
        places = [index for index, line in enumerate(lines) if line == text]
        beside = sum(1 for index in places if _beside(lines, index, numbers))
        if count >= 3 or (count >= 2 and beside >= 1):
            furniture.update(places)
    return furniture


def _may_repeat_on_pages(line: str, keep: Callable[[str], bool]) -> bool:
    return (
        bool(line)
        and line != PAGE_BREAK
        and len(line.split()) <= _FURNITURE_WORDS
        and not line.endswith(_SENTENCE_END)
        and not _BULLET_START.match(line)
        and not keep(line)
        and any(c.isalpha() for c in line)
    )


def _beside(lines: list[str], index: int, numbers: set[int]) -> bool:
    """Whether a page number (or a page break) is among the two text lines before or after."""
    for step in (-1, 1):
        seen = 0
        position = index + step
        while 0 <= position < len(lines) and seen < 2:
            if position in numbers or lines[position] == PAGE_BREAK:
                return True
            if lines[position]:
                seen += 1
            position += step
    return False


def _next_text(lines: list[str], index: int, within: int = 2) -> int | None:
    """The index of the next non-blank line, at most WITHIN lines further."""
    for position in range(index + 1, min(len(lines), index + 1 + within)):
        if lines[position] and lines[position] != PAGE_BREAK:
            return position
    return None


def _joined_references(lines: list[str]) -> list[str]:
    """ "Title -" / "241490", or "Title" / "-241490": the reference back on its title's line."""
    for index, line in enumerate(lines):
        if not line or line == PAGE_BREAK or line.endswith(_SENTENCE_END) or _REFERENCE_ALONE.match(line):
            continue
        following = _next_text(lines, index)
        if following is None or not _REFERENCE_ALONE.match(lines[following]):
            continue
        reference = lines[following].lstrip("-–— ")
        if _ENDS_WITH_DASH.search(line):
            lines[index] = f"{line.rstrip('-–— ')}-{reference}"
        elif lines[following][:1] in "-–—":
            lines[index] = f"{line}-{reference}"
        else:
            continue
        lines[following] = ""
    return lines


def _joined_section_numbers(lines: list[str]) -> list[str]:
    """ "3." / "MAIN ACCOUNTABILITIES" -> "3. MAIN ACCOUNTABILITIES"."""
    for index, line in enumerate(lines):
        if not _SECTION_NUMBER.match(line):
            continue
        following = _next_text(lines, index)
        if following is not None and _CAPITAL_HEADING.match(lines[following]):
            lines[index] = f"{line.rstrip('.) ')}. {lines[following]}"
            lines[following] = ""
    return lines
